// Service resolution from the credential scope or the path.
#include "control-plane/protocol/service_resolver.h"

#include "base/text.h"

namespace apigw::cp {

namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Lambda's paths start with an API version date: "/2015-03-31/functions".
bool HasDatePrefix(std::string_view path) {
  if (path.size() < 12 || path[0] != '/' || path[11] != '/') return false;
  for (size_t i = 1; i <= 10; ++i) {
    if (i == 5 || i == 8) {
      if (path[i] != '-') return false;
    } else if (!IsDigit(path[i])) {
      return false;
    }
  }
  return true;
}

std::string ByPath(std::string_view path) {
  if (StartsWith(path, "/v2/")) return "apigatewayv2";
  if (HasDatePrefix(path)) return "lambda";
  if (StartsWith(path, "/@connections/") || StartsWith(path, "/%40connections/")) return "apigatewaymanagementapi";
  return "apigateway";
}

}  // namespace

std::string ResolveService(std::string_view raw_path, const std::optional<SigV4Scope>& scope) {
  if (!scope) return ByPath(raw_path);
  if (scope->service == "apigateway") return StartsWith(raw_path, "/v2/") ? "apigatewayv2" : "apigateway";
  if (scope->service == "lambda") return "lambda";
  if (scope->service == "execute-api") return "apigatewaymanagementapi";
  // A scope naming another service (a misconfigured client): go by the path.
  return ByPath(raw_path);
}

}  // namespace apigw::cp
