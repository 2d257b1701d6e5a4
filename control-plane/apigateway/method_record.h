// MethodRecord: one method of a REST API found inside its stored resource
// document (rest_records.h keeps methods, their integration and their
// responses embedded there), edited in place and written back whole.
#pragma once

#include <string>
#include <string_view>

#include "base/json.h"
#include "control-plane/apigateway/json_members.h"
#include "base/status_or.h"
#include "control-plane/protocol/operation.h"
#include "state/store.h"

namespace apigw::cp::apigateway {

class MethodRecord {
 public:
  // Loads the resource named by the input's restApiId and resourceId and
  // looks up its method httpMethod. A missing API or resource answers
  // "Invalid Resource identifier specified", as AWS does for every method
  // operation; a missing method is left to the caller (see method()).
  static StatusOr<MethodRecord> Load(state::Store& store, const CallContext& ctx, const JsonValue& input);
  // Load, then `missing` when the method does not exist (AWS's answer varies
  // by operation).
  static StatusOr<MethodRecord> LoadExisting(state::Store& store, const CallContext& ctx, const JsonValue& input,
                                             const Status& missing);

  const std::string& api_id() const { return api_id_; }
  const std::string& resource_id() const { return resource_id_; }
  const std::string& http_method() const { return http_method_; }
  const JsonValue& resource() const { return resource_; }
  JsonAlloc& allocator() { return resource_.GetAllocator(); }

  // The Method document, or nullptr.
  JsonValue* method();
  // Its "methodIntegration", or nullptr.
  JsonValue* integration();
  // Stores `method` (allocated with allocator()) as this resource's method.
  JsonValue& SetMethod(JsonValue method);
  void RemoveMethod();

  // Writes the resource document back.
  Status Save(state::Store& store) const;

 private:
  std::string api_id_, resource_id_, http_method_;
  JsonDoc resource_;
};

}  // namespace apigw::cp::apigateway
