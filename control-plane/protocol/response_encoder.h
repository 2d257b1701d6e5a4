// ResponseEncoder: writes a handler's output document (keyed by member names)
// to the wire as the operation's output shape says: status code, header
// members, a raw or JSON payload member, or else a JSON body with wire names
// and the protocol's timestamp formats. Absent members are omitted.
#pragma once

#include <string>

#include "base/json.h"
#include "control-plane/protocol/service_model.h"
#include "net/http_message.h"

namespace apigw::cp {

// `output` may be nullptr (operations without output). Every response carries
// Content-Type (application/json unless a header member sets it) and
// x-amzn-RequestId.
net::HttpResponse EncodeResponse(const Operation& op, const JsonValue* output, const std::string& request_id);

// The JSON body text of `value` as `shape` (wire names, timestamps, base64 blobs).
std::string EncodeJsonBody(const Shape& shape, const JsonValue& value);

}  // namespace apigw::cp
