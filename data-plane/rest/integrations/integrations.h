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

}  // namespace apigw::dp
