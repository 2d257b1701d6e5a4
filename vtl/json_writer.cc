// json-smart's writer for VTL values.
#include "vtl/json_writer.h"

#include <array>
#include <cmath>

#include "vtl/java_text.h"
#include "vtl/json_view.h"

namespace apigw::vtl {
namespace {

const char kHex[] = "0123456789ABCDEF";

template <class Out>
void AppendUnicodeEscape(uint32_t unit, Out* out) {
  const char text[6] = {'\\', 'u', kHex[(unit >> 12) & 0xF], kHex[(unit >> 8) & 0xF], kHex[(unit >> 4) & 0xF],
                        kHex[unit & 0xF]};
  out->append(text, 6);
}

// Bytes json-smart writes as they are (every escape or check starts at another).
constexpr auto kPlainJsonBytes = [] {
  std::array<bool, 256> plain{};
  for (int c = 0x20; c < 0x7F; ++c) plain[c] = c != '"' && c != '\\' && c != '/';
  for (int c = 0x80; c < 0x100; ++c) plain[c] = c != 0xC2 && c != 0xE2;  // lead bytes of escaped ranges
  return plain;
}();

template <class Out>
void WriteJsonString(std::string_view s, bool escape_slash, Out* out) {
  out->push_back('"');
  for (size_t i = 0; i < s.size(); ++i) {
    // Copy a run of characters that need no escaping in one append.
    size_t run = i;
    while (run < s.size() && kPlainJsonBytes[static_cast<unsigned char>(s[run])]) ++run;
    if (run > i) {
      out->append(s.data() + i, run - i);
      i = run;
      if (i >= s.size()) break;
    }
    unsigned char c = static_cast<unsigned char>(s[i]);
    switch (c) {
      case '"': out->append("\\\""); continue;
      case '\\': out->append("\\\\"); continue;
      case '\b': out->append("\\b"); continue;
      case '\f': out->append("\\f"); continue;
      case '\n': out->append("\\n"); continue;
      case '\r': out->append("\\r"); continue;
      case '\t': out->append("\\t"); continue;
      case '/':
        out->append(escape_slash ? "\\/" : "/");
        continue;
      default: break;
    }
    if (c < 0x20 || c == 0x7F) {
      AppendUnicodeEscape(c, out);
      continue;
    }
    if (c < 0x80) {
      out->push_back(static_cast<char>(c));
      continue;
    }
    // U+0080-U+009F (C2 80..C2 9F) and U+2000-U+20FF (E2 80..83 xx) are escaped.
    if (c == 0xC2 && i + 1 < s.size()) {
      unsigned char c1 = static_cast<unsigned char>(s[i + 1]);
      if (c1 >= 0x80 && c1 <= 0x9F) {
        AppendUnicodeEscape(c1, out);
        ++i;
        continue;
      }
    }
    if (c == 0xE2 && i + 2 < s.size()) {
      unsigned char c1 = static_cast<unsigned char>(s[i + 1]);
      unsigned char c2 = static_cast<unsigned char>(s[i + 2]);
      if (c1 >= 0x80 && c1 <= 0x83 && (c2 & 0xC0) == 0x80) {
        AppendUnicodeEscape(0x2000 | ((c1 & 0x3F) << 6) | (c2 & 0x3F), out);
        i += 2;
        continue;
      }
    }
    out->push_back(static_cast<char>(c));
  }
  out->push_back('"');
}

}  // namespace

void AppendJsonString(std::string_view s, bool escape_slash, std::string* out) { WriteJsonString(s, escape_slash, out); }
void AppendJsonString(std::string_view s, bool escape_slash, BufferedAppend* out) {
  WriteJsonString(s, escape_slash, out);
}

bool AppendJson(const Value& v, JsonStyle style, std::string* out, int max_depth) {
  if (max_depth < 0) return false;
  const bool slash = style == JsonStyle::kNoCompress;
  switch (v.kind()) {
    case Value::Kind::kNull: out->append("null"); return true;
    case Value::Kind::kBool: out->append(v.as_bool() ? "true" : "false"); return true;
    case Value::Kind::kInt: AppendJavaLong(v.as_int(), out); return true;
    case Value::Kind::kDouble: {
      double d = v.as_double();
      if (std::isinf(d)) {
        out->append("null");  // json-smart writes infinities as null
      } else {
        AppendJavaDouble(d, out);
      }
      return true;
    }
    case Value::Kind::kString: AppendJsonString(v.as_string(), slash, out); return true;
    case Value::Kind::kList: {
      if (const JsonValue* node = JsonNodeOf(v)) return AppendJsonNode(*node, style, out, max_depth);
      out->push_back('[');
      bool first = true;
      for (const Value& item : v.list()) {
        if (!first) out->push_back(',');
        first = false;
        if (!AppendJson(item, style, out, max_depth - 1)) return false;
      }
      out->push_back(']');
      return true;
    }
    case Value::Kind::kMap: {
      if (const JsonValue* node = JsonNodeOf(v)) return AppendJsonNode(*node, style, out, max_depth);
      out->push_back('{');
      bool first = true;
      for (const auto& [key, item] : v.map().entries()) {
        if (!first) out->push_back(',');
        first = false;
        AppendJsonString(key, slash, out);
        out->push_back(':');
        if (!AppendJson(item, style, out, max_depth - 1)) return false;
      }
      out->push_back('}');
      return true;
    }
    case Value::Kind::kObject: AppendJsonString(v.object().ToString(), slash, out); return true;
  }
  return true;
}

}  // namespace apigw::vtl
