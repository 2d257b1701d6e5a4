// DeploymentSnapshot: a REST API frozen at CreateDeployment, the document a
// stage serves (the REST layout of deployment/published_stage.h), kept in the
// store as kind deploymentsnapshot next to its Deployment record.
#pragma once

#include <memory>
#include <string_view>

#include "base/json.h"
#include "base/status_or.h"
#include "state/store.h"

namespace apigw::cp::apigateway {

// Copies the API's current records (restApi, resources with their embedded
// methods, models, authorizers, requestValidators, gatewayResponses) and
// `deployment` into one document. Fails as AWS does when nothing could be
// served: "The REST API doesn't contain any methods" when no resource has a
// method, "No integration defined for method" when a method lacks one.
StatusOr<JsonDoc> FreezeRestApi(state::Store& store, const JsonValue& rest_api, std::string_view api_id,
                                const JsonValue& deployment);

// The stored snapshot of deployment `deployment_id` of `api_id`, parsed.
StatusOr<std::shared_ptr<const JsonDoc>> LoadDeploymentSnapshot(state::Store& store, std::string_view api_id,
                                                                std::string_view deployment_id);

// Deployment.apiSummary (GetDeployment with embed=apisummary): resource path
// -> HTTP method -> {authorizationType, apiKeyRequired}, from a snapshot.
JsonValue ApiSummary(const JsonValue& snapshot, JsonAlloc& alloc);

}  // namespace apigw::cp::apigateway
