// Route match: finds the resource and method for the request. An unknown path
// and an undefined method both answer 403 {"message":"Missing Authentication
// Token"} with x-amzn-ErrorType MissingAuthenticationTokenException (recorded
// AWS responses: test_apigateway_common.snapshot.json, test_routing_not_found).
#include "data-plane/rest/stages/stages.h"

namespace apigw::dp {

StageResult MatchRoute(const std::shared_ptr<Invocation>& p) {
  Invocation& inv = *p;
  const CompiledStage& stage = *inv.stage;
  // AWS routes "/dev//hardcoded" to /hardcoded: leading slashes fold into one
  // (test_apigateway_lambda.snapshot.json, test_lambda_aws_proxy_integration
  // "invocation-hardcoded"). inv.path keeps them: $context.path and the proxy
  // event's requestContext.path show the path as sent.
  std::string_view path = inv.path;
  while (path.size() > 1 && path[0] == '/' && path[1] == '/') path.remove_prefix(1);
  std::optional<RouteTree::Match> match = stage.routes.Find(inv.request.method, path);
  if (!match) {
    inv.Fail(GatewayResponseType::kMissingAuthenticationToken);
    return StageResult::kStop;
  }
  inv.resource = &stage.resources[size_t(match->resource_index)];
  inv.method = inv.resource->FindMethod(inv.request.method);
  if (inv.method == nullptr) {  // the tree only matches resources defining the method
    inv.Fail(GatewayResponseType::kMissingAuthenticationToken);
    return StageResult::kStop;
  }
  if (match->greedy) inv.greedy_param = match->path_params.back().first;
  inv.path_params = std::move(match->path_params);
  inv.context.resource_id = inv.resource->id;
  inv.context.resource_path = inv.resource->path;
  if (!inv.method->integration) {
    // A method without an integration is deployable only by accident; AWS
    // answers its calls with a configuration error.
    inv.services.log.Warn("data-plane", "no integration for " + inv.method->http_method + " " + inv.resource->path);
    inv.Fail(GatewayResponseType::kApiConfigurationError);
    return StageResult::kStop;
  }
  return StageResult::kContinue;
}

}  // namespace apigw::dp
