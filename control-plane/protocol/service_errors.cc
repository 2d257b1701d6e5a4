// Service errors: bodies follow the error shape's members, so Lambda's
// ResourceNotFoundException gets {"Type":"User","Message":...} and its
// InvalidParameterValueException {"Type":"User","message":...}, while errors
// outside the model (ValidationException) get {"message":...}, as recorded.
#include "control-plane/protocol/service_errors.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "base/text.h"

namespace apigw::cp {

net::HttpResponse EncodeError(const ServiceModel* model, const Status& status, const std::string& request_id) {
  const Shape* shape = model ? model->FindError(status.type()) : nullptr;
  net::HttpResponse r;
  r.status = shape && shape->error_status ? shape->error_status : status.http_status();
  r.headers.Add("Content-Type", "application/json");
  r.headers.Add("x-amzn-RequestId", request_id);
  r.headers.Add("x-amzn-ErrorType", status.type());

  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  w.StartObject();
  bool wrote_message = false;
  if (shape) {
    for (const ShapeMember& m : shape->members) {
      if (m.location != Location::kBody) continue;
      if (m.name == "Type") {
        // Coral's fault side: "User" for the caller's errors, "Service" for ours.
        w.Key("Type");
        w.String(r.status >= 500 ? "Service" : "User");
      } else if (m.name == "Reason" && !status.reason().empty()) {
        w.Key("Reason");
        w.String(status.reason().data(), rapidjson::SizeType(status.reason().size()));
      } else if (EqualsIgnoreCase(m.name, "message")) {
        w.Key(m.wire_name.data(), rapidjson::SizeType(m.wire_name.size()));
        w.String(status.message().data(), rapidjson::SizeType(status.message().size()));
        wrote_message = true;
      }
    }
  }
  if (!wrote_message) {
    w.Key("message");
    w.String(status.message().data(), rapidjson::SizeType(status.message().size()));
  }
  w.EndObject();
  r.body.assign(buf.GetString(), buf.GetSize());
  return r;
}

Status ModelError(const ServiceModel& model, std::string_view type, std::string message) {
  const Shape* shape = model.FindError(type);
  int code = 400;
  if (shape && shape->error_status) code = shape->error_status;
  else if (shape && shape->fault) code = 500;
  return Status(code, std::string(type), std::move(message));
}

Status ModelError(const CallContext& context, std::string_view type, std::string message) {
  if (!context.model) return Status(400, std::string(type), std::move(message));
  return ModelError(*context.model, type, std::move(message));
}

Status UnknownOperation(std::string_view service, std::string_view method, std::string_view path) {
  return Status(404, "UnknownOperationException",
                "No " + std::string(service) + " operation matches " + std::string(method) + " " + std::string(path));
}

Status NotImplementedOperation(std::string_view operation) {
  return Status::NotImplemented("The API operation " + std::string(operation) +
                                " is not implemented by apigw-emulator yet");
}

}  // namespace apigw::cp
