// Parsing payloads and writing parsed values as $input.json() does.
#include "vtl/apigateway/json_values.h"

#include <rapidjson/error/en.h>
#include <rapidjson/reader.h>

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

// The document's own SAX handler, refusing values nested deeper than
// kMaxNesting as Depth() measures it (a value in n open containers is n + 1
// deep), so that the recursive parser never recurses deeper than that.
class DepthLimitedBuilder {
 public:
  explicit DepthLimitedBuilder(JsonDoc& doc) : doc_(doc) {}
  bool Null() { return Fits() && doc_.Null(); }
  bool Bool(bool b) { return Fits() && doc_.Bool(b); }
  bool Int(int i) { return Fits() && doc_.Int(i); }
  bool Uint(unsigned i) { return Fits() && doc_.Uint(i); }
  bool Int64(int64_t i) { return Fits() && doc_.Int64(i); }
  bool Uint64(uint64_t i) { return Fits() && doc_.Uint64(i); }
  bool Double(double d) { return Fits() && doc_.Double(d); }
  bool RawNumber(const char* s, rapidjson::SizeType n, bool copy) { return Fits() && doc_.RawNumber(s, n, copy); }
  bool String(const char* s, rapidjson::SizeType n, bool copy) { return Fits() && doc_.String(s, n, copy); }
  bool Key(const char* s, rapidjson::SizeType n, bool copy) { return doc_.Key(s, n, copy); }
  bool StartObject() {
    if (!Fits()) return false;
    ++open_;
    return doc_.StartObject();
  }
  bool EndObject(rapidjson::SizeType members) {
    --open_;
    return doc_.EndObject(members);
  }
  bool StartArray() {
    if (!Fits()) return false;
    ++open_;
    return doc_.StartArray();
  }
  bool EndArray(rapidjson::SizeType elements) {
    --open_;
    return doc_.EndArray(elements);
  }

 private:
  bool Fits() const { return open_ + 1 <= kMaxNesting; }
  JsonDoc& doc_;
  int open_ = 0;
};

// The common case, faster: the recursive parser (its recursion bounded by
// DepthLimitedBuilder) and no separate depth walk. False when the text is not
// JSON or is too deeply nested; ParsePayload then parses it again as it always
// did, for the same error.
bool ParseWithinDepth(std::string_view text, JsonDoc* doc) {
  bool ok = false;
  auto parse = [&](JsonDoc& d) {
    DepthLimitedBuilder builder(d);
    rapidjson::MemoryStream ms(text.data(), text.size());
    rapidjson::EncodedInputStream<rapidjson::UTF8<>, rapidjson::MemoryStream> is(ms);
    rapidjson::Reader reader;
    ok = !reader.Parse<rapidjson::kParseFullPrecisionFlag>(is, builder).IsError();
    return ok;
  };
  doc->Populate(parse);
  return ok;
}

}  // namespace

Status ParsePayload(std::string_view text, std::string_view what, JsonDoc* doc) {
  if (ParseWithinDepth(text, doc)) return Status::Ok();
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
