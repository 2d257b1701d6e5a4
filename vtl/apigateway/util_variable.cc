// $util's functions with the Java semantics API Gateway runs them with.
#include "vtl/apigateway/util_variable.h"

#include "base/base64.h"
#include "vtl/apigateway/json_values.h"
#include "vtl/java_text.h"
#include "vtl/json_view.h"
#include "vtl/to_string.h"

namespace apigw::vtl {
namespace {

constexpr const char* kUtilClass = "class com.amazonaws.apigateway.Util";

void AppendHex(uint32_t v, int width, std::string* out) {
  static const char kHex[] = "0123456789ABCDEF";
  for (int shift = (width - 1) * 4; shift >= 0; shift -= 4) out->push_back(kHex[(v >> shift) & 0xF]);
}

Status Thrown(std::string_view method, std::string_view what) {
  return Status::Internal("Invocation of method '" + std::string(method) + "' in  " + kUtilClass +
                          " threw exception " + std::string(what));
}

// The argument as the String parameter sees it: null stays null; other values
// pass through their toString().
std::optional<std::string> StringArg(const Value& v) {
  if (v.is_null()) return std::nullopt;
  if (v.kind() == Value::Kind::kString) return std::string(v.as_string());
  std::string s;
  AppendJavaString(v, &s, size_t{64} << 20);
  return s;
}

}  // namespace

std::string EscapeJavaScript(std::string_view s) {
  std::string out;
  out.reserve(s.size() + s.size() / 8);
  auto ascii = [&](unsigned char ch) {
    switch (ch) {
      case '\b': out += "\\b"; return;
      case '\n': out += "\\n"; return;
      case '\t': out += "\\t"; return;
      case '\f': out += "\\f"; return;
      case '\r': out += "\\r"; return;
      case '\'': out += "\\'"; return;
      case '"': out += "\\\""; return;
      case '\\': out += "\\\\"; return;
      case '/': out += "\\/"; return;
      default:
        if (ch < 32) {
          out += "\\u00";
          AppendHex(ch, 2, &out);
        } else {
          out.push_back(static_cast<char>(ch));
        }
    }
  };
  if (IsAscii(s)) {
    for (unsigned char ch : s) ascii(ch);
    return out;
  }
  for (char16_t u : ToUtf16(s)) {
    if (u < 0x80) {
      ascii(static_cast<unsigned char>(u));
    } else {
      out += "\\u";
      AppendHex(u, 4, &out);
    }
  }
  return out;
}

std::string UrlEncode(std::string_view s) {
  std::string out;
  out.reserve(s.size() * 3 / 2);
  for (unsigned char c : s) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
        c == '-' || c == '*' || c == '_') {
      out.push_back(static_cast<char>(c));
    } else if (c == ' ') {
      out.push_back('+');
    } else {
      out.push_back('%');
      AppendHex(c, 2, &out);
    }
  }
  return out;
}

StatusOr<std::string> UrlDecode(std::string_view s) {
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '+') {
      out.push_back(' ');
    } else if (c == '%') {
      // A run of %XX escapes is decoded as UTF-8 bytes.
      std::string bytes;
      while (i < s.size() && s[i] == '%') {
        if (i + 2 >= s.size()) {
          return Status::Internal("java.lang.IllegalArgumentException: URLDecoder: Incomplete "
                                  "trailing escape (%) pattern");
        }
        int h = hex(s[i + 1]), l = hex(s[i + 2]);
        if (h < 0 || l < 0) {
          return Status::Internal("java.lang.IllegalArgumentException: URLDecoder: Illegal hex "
                                  "characters in escape (%) pattern");
        }
        bytes.push_back(static_cast<char>(h * 16 + l));
        i += 3;
      }
      --i;
      out += ToUtf8(ToUtf16(bytes));
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::optional<StatusOr<Value>> UtilVariable::Call(std::string_view name,
                                                  const std::vector<Value>& args) const {
  if (args.size() != 1) return std::nullopt;
  const bool known = name == "escapeJavaScript" || name == "urlEncode" || name == "urlDecode" ||
                     name == "base64Encode" || name == "base64Decode" || name == "parseJson";
  if (!known) return std::nullopt;
  std::optional<std::string> arg = StringArg(args[0]);
  if (!arg) {
    if (name == "escapeJavaScript") return StatusOr<Value>(Value());  // null in, null out
    return StatusOr<Value>(Thrown(name, "java.lang.NullPointerException"));
  }
  if (name == "escapeJavaScript") return StatusOr<Value>(Value::String(EscapeJavaScript(*arg)));
  if (name == "urlEncode") return StatusOr<Value>(Value::String(UrlEncode(*arg)));
  if (name == "urlDecode") {
    auto r = UrlDecode(*arg);
    if (!r.ok()) return StatusOr<Value>(Thrown(name, r.status().message()));
    return StatusOr<Value>(Value::String(std::move(*r)));
  }
  if (name == "base64Encode") return StatusOr<Value>(Value::String(Base64Encode(*arg)));
  if (name == "base64Decode") {
    auto r = Base64Decode(*arg);
    if (!r) {
      return StatusOr<Value>(Thrown(name, "java.lang.IllegalArgumentException: Illegal base64 character"));
    }
    return StatusOr<Value>(Value::String(ToUtf8(ToUtf16(*r))));  // new String(bytes, UTF-8)
  }
  auto doc = std::make_shared<JsonDoc>();
  Status parsed = ParsePayload(*arg, "the argument of $util.parseJson()", doc.get());
  if (!parsed.ok()) return StatusOr<Value>(Thrown(name, parsed.message()));
  return StatusOr<Value>(JsonTree::ValueOf(JsonTree::Make(doc, *doc, breaker_), *doc));
}

}  // namespace apigw::vtl
