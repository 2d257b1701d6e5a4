// Parsing payloads and writing parsed values as $input.json() does.
#include "vtl/apigateway/json_values.h"

#include <rapidjson/error/en.h>

#include <vector>

#include "vtl/json_view.h"

namespace apigw::vtl {
namespace {

constexpr int kMaxNesting = 1000;

// The nesting depth (a scalar root is 1 deep). Scalars are not pushed: a
// container holding anything makes its depth plus one.
int Depth(const JsonValue& root) {
  int max = 1;
  std::vector<std::pair<const JsonValue*, int>> stack{{&root, 1}};
  while (!stack.empty()) {
    auto [v, d] = stack.back();
    stack.pop_back();
    if (d > kMaxNesting) return d;
    if (v->IsObject()) {
      if (v->MemberCount() > 0 && d + 1 > max) max = d + 1;
      for (const auto& m : v->GetObject()) {
        if (m.value.IsObject() || m.value.IsArray()) stack.push_back({&m.value, d + 1});
      }
    } else if (v->IsArray()) {
      if (!v->Empty() && d + 1 > max) max = d + 1;
      for (const auto& e : v->GetArray()) {
        if (e.IsObject() || e.IsArray()) stack.push_back({&e, d + 1});
      }
    }
  }
  return max;
}

}  // namespace

Status ParsePayload(std::string_view text, std::string_view what, JsonDoc* doc) {
  doc->Parse<rapidjson::kParseIterativeFlag | rapidjson::kParseFullPrecisionFlag>(text.data(), text.size());
  if (doc->HasParseError()) {
    return Status::BadRequest("Could not parse " + std::string(what) + " into json: " +
                              rapidjson::GetParseError_En(doc->GetParseError()) + " at offset " +
                              std::to_string(doc->GetErrorOffset()));
  }
  if (Depth(*doc) > kMaxNesting) {
    return Status::BadRequest("Could not parse " + std::string(what) +
                              " into json: nesting depth exceeds " + std::to_string(kMaxNesting));
  }
  return Status::Ok();
}

void AppendJsonText(const JsonValue& v, std::string* out) {
  AppendJsonNode(v, JsonStyle::kCompact, out, kMaxNesting + 1);  // parsed payloads are no deeper
}

}  // namespace apigw::vtl
