// One Register function per resource family of the apigateway service; each
// lives in the file named after its family (rest_apis.cc, resources.cc, ...).
#pragma once

#include "control-plane/apigateway/apigateway_service.h"

namespace apigw::cp::apigateway {

void RegisterRestApis(OperationTable& table, ApigatewayDeps& deps);            // rest_apis.cc
void RegisterResources(OperationTable& table, ApigatewayDeps& deps);           // resources.cc
void RegisterMethods(OperationTable& table, ApigatewayDeps& deps);             // methods.cc
void RegisterMethodResponses(OperationTable& table, ApigatewayDeps& deps);     // method_responses.cc
void RegisterIntegrations(OperationTable& table, ApigatewayDeps& deps);        // integrations.cc
void RegisterIntegrationResponses(OperationTable& table, ApigatewayDeps& deps);// integration_responses.cc
void RegisterModels(OperationTable& table, ApigatewayDeps& deps);              // models.cc
void RegisterDeployments(OperationTable& table, ApigatewayDeps& deps);         // deployments.cc
void RegisterStages(OperationTable& table, ApigatewayDeps& deps);              // stages.cc
void RegisterTags(OperationTable& table, ApigatewayDeps& deps);                // tags.cc
void RegisterAccount(OperationTable& table, ApigatewayDeps& deps);             // account.cc
void RegisterGatewayResponses(OperationTable& table, ApigatewayDeps& deps);    // gateway_responses.cc
void RegisterAuthorizers(OperationTable& table, ApigatewayDeps& deps);         // authorizers.cc
void RegisterRequestValidators(OperationTable& table, ApigatewayDeps& deps);   // request_validators.cc
void RegisterDocumentationParts(OperationTable& table, ApigatewayDeps& deps);  // documentation_parts.cc
void RegisterDocumentationVersions(OperationTable& table, ApigatewayDeps& deps);  // documentation_versions.cc
void RegisterVpcLinks(OperationTable& table, ApigatewayDeps& deps);            // vpc_links.cc
void RegisterClientCertificates(OperationTable& table, ApigatewayDeps& deps);  // client_certificates.cc

}  // namespace apigw::cp::apigateway
