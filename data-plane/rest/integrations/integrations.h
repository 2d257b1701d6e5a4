// The integration calls, one file per kind. Each turns inv.integration_request
// into inv.endpoint (or an error) and resumes the pipeline like a stage.
#pragma once

#include <memory>

#include "data-plane/rest/stages/stages.h"

namespace apigw::dp {

// mock.cc: the status code from the rendered request template; no body.
StageResult InvokeMock(const std::shared_ptr<Invocation>& inv);
// http.cc: HTTP and HTTP_PROXY, through the pooled keep-alive HttpClient.
StageResult InvokeHttp(const std::shared_ptr<Invocation>& inv);
// aws_service.cc: AWS integrations of services other than Lambda, signed and
// sent to the endpoint configured for the service (--aws-endpoint).
StageResult InvokeAwsService(const std::shared_ptr<Invocation>& inv);
// lambda_proxy.cc: AWS_PROXY to Lambda: the proxy event in, the proxy
// response document out.
StageResult InvokeLambdaProxy(const std::shared_ptr<Invocation>& inv);
// lambda_custom.cc: AWS to Lambda: the mapped payload in; a function error's
// errorMessage selects the integration response.
StageResult InvokeLambdaCustom(const std::shared_ptr<Invocation>& inv);

// http.cc: what an integration sent through the HttpClient answered, into
// inv.endpoint or a gateway error as AWS answers transport failures; then
// resumes the pipeline.
void TakeClientResult(const std::shared_ptr<Invocation>& inv, net::ClientResult result);

}  // namespace apigw::dp
