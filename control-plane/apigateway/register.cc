// RegisterApigateway: every implemented family of the apigateway service.
#include "control-plane/apigateway/handlers.h"

namespace apigw::cp::apigateway {

void RegisterApigateway(OperationTable& table, ApigatewayDeps& deps) {
  RegisterRestApis(table, deps);
  RegisterResources(table, deps);
  RegisterMethods(table, deps);
  RegisterMethodResponses(table, deps);
  RegisterIntegrations(table, deps);
  RegisterIntegrationResponses(table, deps);
  RegisterModels(table, deps);
  RegisterDeployments(table, deps);
  RegisterStages(table, deps);
  RegisterTags(table, deps);
  RegisterAccount(table, deps);
  RegisterGatewayResponses(table, deps);
  RegisterAuthorizers(table, deps);
  RegisterRequestValidators(table, deps);
  RegisterDocumentationParts(table, deps);
  RegisterDocumentationVersions(table, deps);
  RegisterVpcLinks(table, deps);
  RegisterClientCertificates(table, deps);
}

}  // namespace apigw::cp::apigateway
