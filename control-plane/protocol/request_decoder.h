// RequestDecoder: turns an HTTP request into an operation's input document,
// keyed by member names (see operation.h), reading every member from its
// location: URI labels, query string, headers, the JSON body (by wire name)
// or the raw payload. Converts text to the member's type and base64 to bytes;
// answers malformed JSON and mistyped values with the service's own error.
#pragma once

#include "base/json.h"
#include "base/status_or.h"
#include "control-plane/protocol/operation_router.h"
#include "control-plane/protocol/service_dialect.h"
#include "control-plane/protocol/service_model.h"
#include "net/http_message.h"

namespace apigw::cp {

// `labels` are the decoded URI labels from the router. The result is an object
// (empty when the operation has no input). Constraints are not checked here:
// see ValidateInput.
StatusOr<JsonDoc> DecodeRequest(const Operation& op, const UriLabels& labels, const net::HttpRequest& request,
                                const ServiceDialect& dialect);

}  // namespace apigw::cp
