// The REST invocation pipeline: runs an Invocation's stages in order, then
// answers the client once (the response, or the gateway response of an error).
#pragma once

#include <memory>

#include "data-plane/rest/invocation.h"

namespace apigw::dp {

// Runs the pipeline from the invocation's next stage; asynchronous stages call
// it again when their work is done. Answers the client when the stages end.
void RunRestPipeline(std::shared_ptr<Invocation> inv);

// Adds the headers every data-plane response carries (x-amzn-RequestId,
// x-amz-apigw-id).
void FinalizeResponse(const Invocation& inv, net::HttpResponse& response);
// Writes the one access-log line of a request (info level).
void LogRequest(const Invocation& inv, int status);
// FinalizeResponse, send, LogRequest. Used by the pipeline and by answers
// given before it starts.
void SendResponse(Invocation& inv, net::HttpResponse response);

}  // namespace apigw::dp
