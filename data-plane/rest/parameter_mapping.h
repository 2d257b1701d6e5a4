// Parameter mapping at request time: evaluates a compiled ValueSource against
// the method request, the integration response, $context and static values.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/json.h"
#include "data-plane/rest/invocation.h"
#include "data-plane/rest/value_source.h"

namespace apigw::dp {

// What one set of mappings reads; bodies are parsed as JSON at most once.
class MappingInputs {
 public:
  MappingInputs(const Invocation& inv, const EndpointResponse* endpoint) : inv_(inv), endpoint_(endpoint) {}

  // Every value of `source` (several only for multivaluequerystring); empty
  // when the source has no value, in which case AWS leaves the target unset.
  std::vector<std::string> Evaluate(const ValueSource& source);

 private:
  const JsonValue* Json(bool response_side);

  const Invocation& inv_;
  const EndpointResponse* endpoint_;
  std::optional<JsonDoc> request_json_, response_json_;
};

// The last value of header `name` (case-insensitive), or nullptr.
const std::string* LastHeader(const net::Headers& headers, std::string_view name);
// Every value of header `name`, joined with ",".
std::optional<std::string> JoinedHeader(const net::Headers& headers, std::string_view name);

}  // namespace apigw::dp
