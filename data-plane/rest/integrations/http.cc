// HTTP and HTTP_PROXY integrations: one asynchronous request through the
// shared HttpClient, bounded by the integration's timeoutInMillis. Failures
// answer as AWS does: a timeout 504 {"message": "Endpoint request timed out"}
// (INTEGRATION_TIMEOUT); an endpoint that cannot be reached or an invalid URI
// 500 {"message": "Internal server error"} (API_CONFIGURATION_ERROR, "Invalid
// endpoint address" in AWS's execution log, recorded in
// test_apigateway_api.snapshot.json test_failed_invoke_test_method); a broken
// or TLS-failing exchange 500 INTEGRATION_FAILURE, whose status AWS answers as
// 500 although the documented default is 504 (LocalStack PR #11183).
#include "base/text.h"
#include "data-plane/rest/integrations/integrations.h"
#include "data-plane/rest/pipeline.h"

namespace apigw::dp {

namespace {

bool IsHttpUrl(const std::string& url) {
  std::string_view rest;
  if (StartsWith(url, "http://")) rest = std::string_view(url).substr(7);
  else if (StartsWith(url, "https://")) rest = std::string_view(url).substr(8);
  else return false;
  return !rest.empty() && rest[0] != '/' && rest[0] != '?' && rest[0] != ':';
}

}  // namespace

void TakeClientResult(const std::shared_ptr<Invocation>& inv, net::ClientResult result) {
  if (result.ok()) {
    inv->endpoint.status = result.response.status;
    inv->endpoint.headers = std::move(result.response.headers);
    inv->endpoint.body = std::move(result.response.body);
  } else {
    inv->services.log.Warn("data-plane", "Execution failed calling " + inv->integration_request.url + ": " +
                                              result.error_message);
    switch (result.error_kind) {
      case net::ClientErrorKind::kTimeout:
        inv->Fail(GatewayResponseType::kIntegrationTimeout);
        break;
      case net::ClientErrorKind::kConnect:
      case net::ClientErrorKind::kInvalidUrl:
        inv->Fail(GatewayResponseType::kApiConfigurationError);
        break;
      case net::ClientErrorKind::kProtocol:
      case net::ClientErrorKind::kTls:
      case net::ClientErrorKind::kTooLarge:
        inv->Fail(GatewayResponseType::kIntegrationFailure, {}, 500);
        break;
    }
  }
  RunRestPipeline(inv);
}

StageResult InvokeHttp(const std::shared_ptr<Invocation>& p) {
  Invocation& inv = *p;
  IntegrationRequest& req = inv.integration_request;
  if (!IsHttpUrl(req.url)) {
    inv.services.log.Warn("data-plane", "Execution failed due to configuration error: Invalid endpoint address " +
                                            req.url);
    inv.Fail(GatewayResponseType::kApiConfigurationError);
    return StageResult::kStop;
  }
  net::ClientRequest out;
  out.method = req.http_method;
  out.url = req.url;
  out.headers = std::move(req.headers);
  // AWS sends no body with GET, HEAD and OPTIONS.
  if (out.method != "GET" && out.method != "HEAD" && out.method != "OPTIONS") out.body = std::move(req.body);
  out.timeout_ms = inv.integration().timeout_ms;
  out.insecure_skip_verify = inv.integration().insecure_skip_verification;
  std::shared_ptr<Invocation> keep = p;
  inv.services.client.Send(std::move(out),
                           [keep](net::ClientResult result) { TakeClientResult(keep, std::move(result)); });
  return StageResult::kAsync;
}

}  // namespace apigw::dp
