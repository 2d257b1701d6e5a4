// MOCK integration (developer guide, "Mock integrations for REST APIs"): the
// rendered request template must hold an integer statusCode; it selects the
// integration response. Without a request template the answer is 200.
#include "data-plane/rest/integrations/integrations.h"
#include "data-plane/rest/mock_status_code.h"

namespace apigw::dp {

StageResult InvokeMock(const std::shared_ptr<Invocation>& p) {
  Invocation& inv = *p;
  std::optional<int> status = ParseMockStatusCode(inv.integration_request.body);
  if (!status && inv.request_template_applied) {
    // AWS logs "Execution failed due to configuration error: Unable to parse
    // statusCode. It should be an integer that is defined in the request
    // template." and answers 500.
    inv.services.log.Warn("data-plane", "MOCK " + inv.context.resource_path +
                                            ": unable to parse statusCode from the request template output");
    inv.Fail(GatewayResponseType::kApiConfigurationError);
    return StageResult::kStop;
  }
  inv.endpoint.status = status.value_or(200);
  return StageResult::kContinue;
}

}  // namespace apigw::dp
