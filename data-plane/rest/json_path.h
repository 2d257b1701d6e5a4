// JsonPath: the small JSONPath subset parameter mappings use
// (`integration.response.body.a.b[0]` means `$.a.b[0]`), compiled once.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "base/json.h"

namespace apigw::dp {

class JsonPath {
 public:
  // `path` is what follows "$." ("a.b[0]['c d']"); nullopt when malformed.
  static std::optional<JsonPath> Compile(std::string_view path);

  // The value at the path, or nullptr.
  const JsonValue* Find(const JsonValue& root) const;
  // The value as a mapped parameter: strings as they are, anything else as JSON;
  // nullopt when absent or null.
  std::optional<std::string> FindAsText(const JsonValue& root) const;

 private:
  std::vector<std::variant<std::string, size_t>> steps_;
};

}  // namespace apigw::dp
