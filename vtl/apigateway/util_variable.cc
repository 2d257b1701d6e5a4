// $util's functions with the Java semantics API Gateway runs them with.
#include "vtl/apigateway/util_variable.h"

#include <array>

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
// pass through their toString() (kept in `*text`).
std::optional<std::string_view> StringArg(const Value& v, std::string* text) {
  if (v.is_null()) return std::nullopt;
  if (v.kind() == Value::Kind::kString) return v.as_string();
  AppendJavaString(v, text, size_t{64} << 20);
  return std::string_view(*text);
}

}  // namespace

// ASCII bytes escapeJavaScript writes as they are.
constexpr auto kPlainJavaScriptBytes = [] {
  std::array<bool, 128> plain{};
  for (int c = 32; c < 128; ++c) plain[c] = c != '\'' && c != '"' && c != '\\' && c != '/';
  return plain;
}();

std::string EscapeJavaScript(std::string_view s) {
  std::string out;
  out.reserve(s.size() + s.size() / 8);
  AppendEscapedJavaScript(s, &out);
  return out;
}

void AppendEscapedJavaScript(std::string_view s, std::string* out) {
  auto ascii = [out](unsigned char ch) {
    switch (ch) {
      case '\b': out->append("\\b"); return;
      case '\n': out->append("\\n"); return;
      case '\t': out->append("\\t"); return;
      case '\f': out->append("\\f"); return;
      case '\r': out->append("\\r"); return;
      case '\'': out->append("\\'"); return;
      case '"': out->append("\\\""); return;
      case '\\': out->append("\\\\"); return;
      case '/': out->append("\\/"); return;
      default:
        if (ch < 32) {
          out->append("\\u00");
          AppendHex(ch, 2, out);
        } else {
          out->push_back(static_cast<char>(ch));
        }
    }
  };
  // ASCII text: runs that need no escape are copied whole.
  const size_t start = out->size();
  size_t i = 0;
  while (i < s.size()) {
    size_t run = i;
    while (run < s.size() && static_cast<unsigned char>(s[run]) < 128 &&
           kPlainJavaScriptBytes[static_cast<unsigned char>(s[run])]) {
      ++run;
    }
    out->append(s.data() + i, run - i);
    i = run;
    if (i == s.size()) return;
    const unsigned char ch = static_cast<unsigned char>(s[i]);
    if (ch >= 128) break;
    ascii(ch);
    ++i;
  }
  // Not ASCII: escaped by UTF-16 unit, from the start.
  out->resize(start);
  for (char16_t u : ToUtf16(s)) {
    if (u < 0x80) {
      ascii(static_cast<unsigned char>(u));
    } else {
      out->append("\\u");
      AppendHex(u, 4, out);
    }
  }
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

std::optional<Status> UtilVariable::AppendCall(std::string_view name, const std::vector<Value>& args,
                                               std::string* out) const {
  // escapeJavaScript of anything but null is a string.
  if (name != "escapeJavaScript" || args.size() != 1 || args[0].is_null()) return std::nullopt;
  std::string text;
  std::optional<std::string_view> arg = StringArg(args[0], &text);
  AppendEscapedJavaScript(*arg, out);
  return Status::Ok();
}

std::optional<StatusOr<Value>> UtilVariable::Call(std::string_view name,
                                                  const std::vector<Value>& args) const {
  if (args.size() != 1) return std::nullopt;
  const bool known = name == "escapeJavaScript" || name == "urlEncode" || name == "urlDecode" ||
                     name == "base64Encode" || name == "base64Decode" || name == "parseJson";
  if (!known) return std::nullopt;
  std::string text;
  std::optional<std::string_view> arg = StringArg(args[0], &text);
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
