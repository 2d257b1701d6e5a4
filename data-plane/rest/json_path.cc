// JsonPath: compile and evaluate dotted / indexed paths over RapidJSON.
#include "data-plane/rest/json_path.h"

namespace apigw::dp {

std::optional<JsonPath> JsonPath::Compile(std::string_view path) {
  JsonPath out;
  size_t i = 0;
  if (path.empty()) return out;  // "$" itself
  while (i < path.size()) {
    char c = path[i];
    if (c == '[') {
      size_t close = path.find(']', i);
      if (close == std::string_view::npos) return std::nullopt;
      std::string_view inner = path.substr(i + 1, close - i - 1);
      if (inner.size() >= 2 && (inner.front() == '\'' || inner.front() == '"') && inner.back() == inner.front()) {
        out.steps_.emplace_back(std::string(inner.substr(1, inner.size() - 2)));
      } else {
        if (inner.empty()) return std::nullopt;
        size_t index = 0;
        for (char d : inner) {
          if (d < '0' || d > '9') return std::nullopt;
          index = index * 10 + size_t(d - '0');
        }
        out.steps_.emplace_back(index);
      }
      i = close + 1;
      if (i < path.size() && path[i] == '.') ++i;
      continue;
    }
    size_t end = path.find_first_of(".[", i);
    if (end == std::string_view::npos) end = path.size();
    if (end == i) return std::nullopt;
    out.steps_.emplace_back(std::string(path.substr(i, end - i)));
    i = end;
    if (i < path.size() && path[i] == '.') {
      ++i;
      if (i == path.size()) return std::nullopt;  // trailing dot
    }
  }
  return out;
}

const JsonValue* JsonPath::Find(const JsonValue& root) const {
  const JsonValue* at = &root;
  for (const auto& step : steps_) {
    if (const std::string* name = std::get_if<std::string>(&step)) {
      if (!at->IsObject()) return nullptr;
      at = Member(*at, *name);
    } else {
      size_t index = std::get<size_t>(step);
      if (!at->IsArray() || index >= at->Size()) return nullptr;
      at = &(*at)[rapidjson::SizeType(index)];
    }
    if (at == nullptr) return nullptr;
  }
  return at;
}

std::optional<std::string> JsonPath::FindAsText(const JsonValue& root) const {
  const JsonValue* v = Find(root);
  if (v == nullptr || v->IsNull()) return std::nullopt;
  if (v->IsString()) return std::string(v->GetString(), v->GetStringLength());
  return ToJson(*v);
}

}  // namespace apigw::dp
