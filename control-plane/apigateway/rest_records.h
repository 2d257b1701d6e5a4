// Where the REST API family lives in the state store, and typed access to it.
//
// Every record is the resource's JSON exactly as the apigateway API returns it
// (member names of the service model), so handlers read and write documents and
// Get* operations answer with them as they are:
//
//   kind                 scope        id             document
//   restapi              <region>     <restApiId>    RestApi (with "tags")
//   resource             <restApiId>  <resourceId>   Resource, "resourceMethods" fully embedded:
//                                                    Method with "methodIntegration"
//                                                    (+ "integrationResponses") and "methodResponses"
//   model                <restApiId>  <modelName>    Model
//   authorizer           <restApiId>  <authorizerId> Authorizer
//   requestvalidator     <restApiId>  <validatorId>  RequestValidator
//   gatewayresponse      <restApiId>  <responseType> GatewayResponse (only the ones put)
//   deployment           <restApiId>  <deploymentId> Deployment
//   deploymentsnapshot   <restApiId>  <deploymentId> the frozen API (published_stage.h)
//   stage                <restApiId>  <stageName>    Stage (with "tags")
//   documentationpart    <restApiId>  <partId>       DocumentationPart (location with its defaults)
//   documentationversion <restApiId>  <version>      DocumentationVersion
//   account              <region>     "account"      Account
//   vpclink              <region>     <vpcLinkId>    VpcLink (with "tags")
//   clientcertificate    <region>     <certId>       ClientCertificate (with "tags")
//
// Deleting a REST API deletes every record whose scope is its id.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/json.h"
#include "base/status_or.h"
#include "control-plane/protocol/operation.h"
#include "state/store.h"

namespace apigw::cp::apigateway {

namespace kind {
inline constexpr std::string_view kRestApi = "restapi";
inline constexpr std::string_view kResource = "resource";
inline constexpr std::string_view kModel = "model";
inline constexpr std::string_view kAuthorizer = "authorizer";
inline constexpr std::string_view kRequestValidator = "requestvalidator";
inline constexpr std::string_view kGatewayResponse = "gatewayresponse";
inline constexpr std::string_view kDeployment = "deployment";
inline constexpr std::string_view kDeploymentSnapshot = "deploymentsnapshot";
inline constexpr std::string_view kStage = "stage";
inline constexpr std::string_view kAccount = "account";
inline constexpr std::string_view kDocumentationPart = "documentationpart";
inline constexpr std::string_view kDocumentationVersion = "documentationversion";
inline constexpr std::string_view kVpcLink = "vpclink";
inline constexpr std::string_view kClientCertificate = "clientcertificate";
}  // namespace kind

// AWS's messages for identifiers that do not resolve (as recorded against AWS).
Status InvalidApiId(const CallContext& ctx, std::string_view api_id);  // 404 "Invalid API identifier specified <acct>:<id>"
Status InvalidResourceId();      // 404 "Invalid Resource identifier specified"
Status InvalidMethodId();        // 404 "Invalid Method identifier specified"
Status InvalidIntegrationId();   // 404 "Invalid Integration identifier specified"
Status InvalidResponseStatusCode();  // 404 "Invalid Response status code specified"

// Tags given to TagResource or at creation: a key starting with "aws:" (any
// case) is AWS's own, refused with AWS's 400 "Invalid tag key. Tag keys cannot
// start with 'aws:' (case insensitive)". `tags` may be null (none given).
Status CheckTagKeys(const JsonValue* tags);

// Reads and parses one record; nullopt-like NotFound is left to the caller via `missing`.
StatusOr<JsonDoc> LoadDoc(state::Store& store, std::string_view kind, std::string_view scope,
                          std::string_view id, const Status& missing);
// All records of a kind in a scope, parsed, in creation order.
StatusOr<std::vector<JsonDoc>> LoadAll(state::Store& store, std::string_view kind, std::string_view scope);

// The REST API `api_id` in the caller's region, or InvalidApiId.
StatusOr<JsonDoc> LoadRestApi(state::Store& store, const CallContext& ctx, std::string_view api_id);
// True when the REST API exists in the caller's region.
StatusOr<bool> RestApiExists(state::Store& store, const CallContext& ctx, std::string_view api_id);
// The resource, after checking its API exists in the caller's region; either
// missing gives InvalidResourceId, as AWS answers.
StatusOr<JsonDoc> LoadResource(state::Store& store, const CallContext& ctx, std::string_view api_id,
                               std::string_view resource_id);

// Serializes `doc` into a batch put.
void PutDoc(state::WriteBatch& batch, std::string_view kind, std::string_view scope, std::string_view id,
            const JsonValue& doc);

// Copies a JSON value into a new document (handlers answer with copies of stored docs).
JsonDoc CopyDoc(const JsonValue& value);

}  // namespace apigw::cp::apigateway
