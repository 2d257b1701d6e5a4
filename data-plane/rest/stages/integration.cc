// Integration: dispatches to the integration of the method's type.
#include "data-plane/rest/integrations/integrations.h"
#include "data-plane/rest/stages/stages.h"

namespace apigw::dp {

StageResult Integrate(const std::shared_ptr<Invocation>& inv) {
  switch (inv->integration().type) {
    case IntegrationType::kMock:
      return InvokeMock(inv);
    case IntegrationType::kHttp:
    case IntegrationType::kHttpProxy:
      return InvokeHttp(inv);
    case IntegrationType::kAws:
      if (inv->integration().aws_service != "lambda") return InvokeAwsService(inv);
      return InvokeLambdaCustom(inv);
    case IntegrationType::kAwsProxy:
      if (inv->integration().aws_service == "lambda") return InvokeLambdaProxy(inv);
      break;
  }
  inv->services.log.Warn("data-plane", "integration type " + inv->integration().type_name + " of " +
                                           inv->integration().aws_service + " is not supported yet");
  inv->Fail(GatewayResponseType::kApiConfigurationError);
  return StageResult::kStop;
}

}  // namespace apigw::dp
