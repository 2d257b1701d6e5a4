// PublishedStage: what the control plane hands the data plane for one stage of
// one API: the immutable deployment snapshot it serves and the stage's own
// settings. The data plane compiles it once and never reads the state store.
//
// The deployment document uses AWS's own member names (as in the apigateway /
// apigatewayv2 service models), so it doubles as a precise contract:
//   REST:  {"restApi": RestApi, "resources": [Resource with "resourceMethods"
//           fully embedded: Method, its "methodIntegration" with
//           "integrationResponses", and "methodResponses"], "models": [Model],
//           "authorizers": [Authorizer], "requestValidators": [RequestValidator],
//           "gatewayResponses": [GatewayResponse], "deployment": Deployment}
//   HTTP/WEBSOCKET: defined by the apigatewayv2 issue.
// The stage document is the Stage as GetStage returns it (variables,
// methodSettings, canarySettings, ...); stage settings apply without a new
// deployment, as on AWS. A stage with a canary also carries the snapshot of
// canarySettings.deploymentId, which serves canarySettings.percentTraffic
// percent of the requests.
#pragma once

#include <memory>
#include <string>

#include "base/json.h"

namespace apigw {

enum class ApiProtocol { kRest, kHttp, kWebSocket };

struct PublishedStage {
  ApiProtocol protocol = ApiProtocol::kRest;
  std::string api_id;
  std::string stage_name;
  std::string region;
  std::string account_id;
  std::shared_ptr<const JsonDoc> deployment;
  std::shared_ptr<const JsonDoc> stage;
  std::shared_ptr<const JsonDoc> canary_deployment;  // null: no canary
};

// Implemented by the data plane; called by the control plane after a write
// that changes what a stage serves has committed.
class StageSink {
 public:
  virtual ~StageSink() = default;
  virtual void Publish(PublishedStage stage) = 0;
  virtual void Unpublish(const std::string& api_id, const std::string& stage_name) = 0;
  virtual void UnpublishApi(const std::string& api_id) = 0;
  // FlushStageAuthorizersCache: forget the Lambda authorizer results cached
  // for the stage.
  virtual void FlushAuthorizers(const std::string& api_id, const std::string& stage_name) = 0;
};

}  // namespace apigw
