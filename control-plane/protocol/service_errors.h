// Service errors on the wire: a Status becomes the status code, the
// x-amzn-ErrorType header and a JSON body shaped by the model's error shape
// (apigateway {"message": ...}; lambda {"Type": "User", "Message": ...});
// and ModelError gives handlers a Status whose code the model defines.
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"
#include "control-plane/protocol/operation.h"
#include "control-plane/protocol/service_model.h"
#include "net/http_message.h"

namespace apigw::cp {

// `model` may be nullptr (the request matched no service). Where the model
// defines the error shape's httpStatusCode, that code is sent.
net::HttpResponse EncodeError(const ServiceModel* model, const Status& status, const std::string& request_id);

// A Status of error type `type` with the status code the model gives it
// (400 when the model does not define the type, or 500 for a server fault).
Status ModelError(const ServiceModel& model, std::string_view type, std::string message);
// The same for the service of a handler's call.
Status ModelError(const CallContext& context, std::string_view type, std::string message);

// 404 UnknownOperationException: no operation of the service matches.
Status UnknownOperation(std::string_view service, std::string_view method, std::string_view path);
// 501 NotImplemented: a modelled operation no handler serves yet.
Status NotImplementedOperation(std::string_view operation);

}  // namespace apigw::cp
