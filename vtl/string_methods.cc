// java.lang.String's methods as templates call them. Indexes count UTF-16 code
// units, as Java's do.
#include <algorithm>

#include "vtl/builtins.h"
#include "vtl/java_regex.h"
#include "vtl/java_text.h"

namespace apigw::vtl {
namespace {

constexpr const char* kStringClass = "class java.lang.String";

// A string with Java's indexing: byte offsets for ASCII, UTF-16 otherwise.
class JavaString {
 public:
  explicit JavaString(std::string_view s) : s_(s), ascii_(IsAscii(s)) {
    if (!ascii_) u16_ = ToUtf16(s);
  }
  int64_t length() const { return ascii_ ? s_.size() : u16_.size(); }
  std::string Sub(int64_t b, int64_t e) const {
    return ascii_ ? std::string(s_.substr(b, e - b)) : ToUtf8(u16_.substr(b, e - b));
  }
  char16_t At(int64_t i) const { return ascii_ ? static_cast<unsigned char>(s_[i]) : u16_[i]; }
  int64_t IndexOf(const std::string& needle, int64_t from) const {
    if (from < 0) from = 0;
    if (ascii_ && IsAscii(needle)) {
      if (from > length()) return needle.empty() ? -1 : -1;
      size_t p = s_.find(needle, from);
      return p == std::string::npos ? -1 : static_cast<int64_t>(p);
    }
    std::u16string h = ascii_ ? ToUtf16(s_) : u16_;
    if (from > static_cast<int64_t>(h.size())) return -1;
    size_t p = h.find(ToUtf16(needle), from);
    return p == std::u16string::npos ? -1 : static_cast<int64_t>(p);
  }
  int64_t LastIndexOf(const std::string& needle, int64_t from) const {
    if (from < 0) return -1;
    std::u16string h = ascii_ ? ToUtf16(s_) : u16_;
    size_t p = h.rfind(ToUtf16(needle), from);
    return p == std::u16string::npos ? -1 : static_cast<int64_t>(p);
  }
  std::u16string Units() const { return ascii_ ? ToUtf16(s_) : u16_; }

 private:
  std::string_view s_;
  bool ascii_;
  std::u16string u16_;
};

// Simple case mapping for ASCII, Latin-1, Latin Extended-A, Greek and Cyrillic.
char16_t LowerUnit(char16_t c) {
  if (c < 0x80) return (c >= 'A' && c <= 'Z') ? c + 32 : c;
  if ((c >= 0xC0 && c <= 0xDE && c != 0xD7)) return c + 32;
  if (c >= 0x100 && c <= 0x17F && c != 0x130 && c != 0x131 && c != 0x138 && c != 0x149 &&
      c != 0x17F) {
    bool even_upper = (c < 0x139) || (c >= 0x14A && c < 0x179);
    if (even_upper ? (c % 2 == 0) : (c % 2 == 1)) return c + 1;
    return c;
  }
  if (c >= 0x391 && c <= 0x3A9 && c != 0x3A2) return c + 32;
  if (c >= 0x410 && c <= 0x42F) return c + 32;
  if (c >= 0x400 && c <= 0x40F) return c + 80;
  return c;
}
char16_t UpperUnit(char16_t c) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') ? c - 32 : c;
  if (c >= 0xE0 && c <= 0xFE && c != 0xF7) return c - 32;
  if (c == 0xFF) return 0x178;
  if (c >= 0x100 && c <= 0x17F && c != 0x130 && c != 0x131 && c != 0x138 && c != 0x149 &&
      c != 0x17F) {
    bool even_upper = (c < 0x139) || (c >= 0x14A && c < 0x179);
    if (even_upper ? (c % 2 == 1) : (c % 2 == 0)) return c - 1;
    return c;
  }
  if (c >= 0x3B1 && c <= 0x3C9 && c != 0x3C2) return c - 32;
  if (c == 0x3C2) return 0x3A3;
  if (c >= 0x430 && c <= 0x44F) return c - 32;
  if (c >= 0x450 && c <= 0x45F) return c - 80;
  return c;
}

std::string MapCase(std::string_view s, bool upper) {
  if (IsAscii(s)) {
    std::string r(s);
    for (char& c : r) {
      if (upper && c >= 'a' && c <= 'z') c -= 32;
      if (!upper && c >= 'A' && c <= 'Z') c += 32;
    }
    return r;
  }
  std::u16string u = ToUtf16(s);
  std::u16string r;
  for (char16_t c : u) {
    if (upper && c == 0xDF) {  // "ß".toUpperCase() is "SS"
      r += u"SS";
      continue;
    }
    r.push_back(upper ? UpperUnit(c) : LowerUnit(c));
  }
  return ToUtf8(r);
}

bool IsStr(const Value& v) { return v.kind() == Value::Kind::kString; }
// A reference-typed parameter accepts a string or Java's null.
bool StrOrNull(const Value& v) { return IsStr(v) || v.is_null(); }

Status Npe(std::string_view method) {
  return JavaException(method, kStringClass, "java.lang.NullPointerException");
}
Status OutOfRange(std::string_view method, int64_t index) {
  return JavaException(method, kStringClass,
                       "java.lang.StringIndexOutOfBoundsException: String index out of range: " +
                           std::to_string(index));
}
Status TooLong(std::string_view method) {
  return JavaException(method, kStringClass, "java.lang.OutOfMemoryError: result too large");
}

std::string Trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && static_cast<unsigned char>(s[b]) <= ' ') ++b;
  while (e > b && static_cast<unsigned char>(s[e - 1]) <= ' ') --e;
  return std::string(s.substr(b, e - b));
}

StatusOr<std::shared_ptr<const JavaRegex>> CompileFor(std::string_view method,
                                                      std::string_view pattern) {
  auto re = JavaRegex::Compile(pattern);
  if (!re.ok()) return JavaException(method, kStringClass, re.status().message());
  return re;
}

}  // namespace

CallOutcome CallStringMethod(std::string_view s, std::string_view name, const Args& args,
                             size_t max_bytes) {
  const size_t n = args.size();
  auto str = [](std::string v) -> CallOutcome { return StatusOr<Value>(Value::String(std::move(v))); };
  auto num = [](int64_t v) -> CallOutcome { return StatusOr<Value>(Value::Int(v)); };
  auto boolean = [](bool v) -> CallOutcome { return StatusOr<Value>(Value::Bool(v)); };
  auto fail = [](Status st) -> CallOutcome { return StatusOr<Value>(std::move(st)); };

  if (name == "length" && n == 0) return num(Utf16Length(s));
  if (name == "isEmpty" && n == 0) return boolean(s.empty());
  if ((name == "toString" || name == "intern") && n == 0) return str(std::string(s));
  if (name == "hashCode" && n == 0) return num(JavaHashCode(s));
  if (name == "trim" && n == 0) return str(Trim(s));
  if (name == "toLowerCase" && n == 0) return str(MapCase(s, false));
  if (name == "toUpperCase" && n == 0) return str(MapCase(s, true));
  if (name == "equals" && n == 1) return boolean(IsStr(args[0]) && args[0].as_string() == s);
  if (name == "equalsIgnoreCase" && n == 1 && StrOrNull(args[0])) {
    return boolean(IsStr(args[0]) && MapCase(args[0].as_string(), true) == MapCase(s, true));
  }
  if ((name == "contains" || name == "startsWith" || name == "endsWith" || name == "concat" ||
       name == "compareTo" || name == "compareToIgnoreCase") &&
      n == 1 && StrOrNull(args[0])) {
    if (args[0].is_null()) return fail(Npe(name));
    std::string_view a = args[0].as_string();
    if (name == "contains") return boolean(s.find(a) != std::string::npos);
    if (name == "startsWith") return boolean(s.compare(0, a.size(), a) == 0);
    if (name == "endsWith") {
      return boolean(a.size() <= s.size() && s.compare(s.size() - a.size(), a.size(), a) == 0);
    }
    if (name == "concat") {
      if (s.size() + a.size() > max_bytes) return fail(TooLong(name));
      return str(std::string(s).append(a));
    }
    std::u16string x = ToUtf16(s), y = ToUtf16(a);
    if (name == "compareToIgnoreCase") {
      for (auto& c : x) c = LowerUnit(UpperUnit(c));
      for (auto& c : y) c = LowerUnit(UpperUnit(c));
    }
    size_t lim = std::min(x.size(), y.size());
    for (size_t i = 0; i < lim; ++i) {
      if (x[i] != y[i]) return num(static_cast<int64_t>(x[i]) - static_cast<int64_t>(y[i]));
    }
    return num(static_cast<int64_t>(x.size()) - static_cast<int64_t>(y.size()));
  }
  if (name == "startsWith" && n == 2 && StrOrNull(args[0]) && IsJavaInt(args[1])) {
    if (args[0].is_null()) return fail(Npe(name));
    JavaString js(s);
    int64_t off = args[1].as_int();
    std::string_view p = args[0].as_string();
    int64_t plen = Utf16Length(p);
    if (off < 0 || off > js.length() - plen) return boolean(false);
    return boolean(js.Sub(off, off + plen) == p);
  }
  if (name == "substring" && (n == 1 || n == 2) && IsJavaInt(args[0]) &&
      (n == 1 || IsJavaInt(args[1]))) {
    JavaString js(s);
    int64_t b = args[0].as_int();
    int64_t e = n == 2 ? args[1].as_int() : js.length();
    if (b < 0) return fail(OutOfRange(name, b));
    if (e > js.length()) return fail(OutOfRange(name, n == 2 ? e : js.length() - b));
    if (e - b < 0) return fail(OutOfRange(name, e - b));
    return str(js.Sub(b, e));
  }
  if (name == "charAt" && n == 1 && IsJavaInt(args[0])) {
    JavaString js(s);
    int64_t i = args[0].as_int();
    if (i < 0 || i >= js.length()) return fail(OutOfRange(name, i));
    return str(ToUtf8(std::u16string(1, js.At(i))));
  }
  if ((name == "indexOf" || name == "lastIndexOf") && (n == 1 || n == 2) &&
      (n == 1 || IsJavaInt(args[1]))) {
    JavaString js(s);
    std::string needle;
    if (IsJavaInt(args[0])) {  // indexOf(int ch): a code point
      int64_t cp = args[0].as_int();
      if (cp < 0 || cp > 0x10FFFF) return num(-1);
      std::u16string u;
      if (cp >= 0x10000) {
        u.push_back(static_cast<char16_t>(0xD800 + ((cp - 0x10000) >> 10)));
        u.push_back(static_cast<char16_t>(0xDC00 + ((cp - 0x10000) & 0x3FF)));
      } else {
        u.push_back(static_cast<char16_t>(cp));
      }
      needle = ToUtf8(u);
    } else if (StrOrNull(args[0])) {
      if (args[0].is_null()) return fail(Npe(name));
      needle = args[0].as_string();
    } else {
      return std::nullopt;
    }
    if (name == "indexOf") return num(js.IndexOf(needle, n == 2 ? args[1].as_int() : 0));
    int64_t from = n == 2 ? args[1].as_int() : js.length();
    return num(js.LastIndexOf(needle, from));
  }
  if (name == "replace" && n == 2 && StrOrNull(args[0]) && StrOrNull(args[1])) {
    if (args[0].is_null() || args[1].is_null()) return fail(Npe(name));
    std::string_view from = args[0].as_string();
    std::string_view to = args[1].as_string();
    std::string r;
    if (from.empty()) {  // "abc".replace("", "-") is "-a-b-c-"
      std::u16string u = ToUtf16(s);
      r = to;
      for (char16_t c : u) {
        r += ToUtf8(std::u16string(1, c));
        r += to;
        if (r.size() > max_bytes) return fail(TooLong(name));
      }
      return str(r);
    }
    size_t pos = 0;
    while (true) {
      size_t f = s.find(from, pos);
      if (f == std::string::npos) break;
      r.append(s, pos, f - pos);
      r += to;
      pos = f + from.size();
      if (r.size() > max_bytes) return fail(TooLong(name));
    }
    r.append(s, pos, std::string::npos);
    return str(r);
  }
  if ((name == "replaceAll" || name == "replaceFirst") && n == 2 && StrOrNull(args[0]) &&
      StrOrNull(args[1])) {
    if (args[0].is_null() || args[1].is_null()) return fail(Npe(name));
    auto re = CompileFor(name, args[0].as_string());
    if (!re.ok()) return fail(re.status());
    auto r = (*re)->Replace(s, args[1].as_string(), name == "replaceAll", max_bytes);
    if (!r.ok()) return fail(JavaException(name, kStringClass, r.status().message()));
    return str(std::move(*r));
  }
  if (name == "matches" && n == 1 && StrOrNull(args[0])) {
    if (args[0].is_null()) return fail(Npe(name));
    auto re = CompileFor(name, args[0].as_string());
    if (!re.ok()) return fail(re.status());
    JavaRegex::Match m;
    auto r = (*re)->Find(s, 0, true, &m);
    if (!r.ok()) return fail(JavaException(name, kStringClass, r.status().message()));
    return boolean(*r);
  }
  if (name == "split" && (n == 1 || n == 2) && StrOrNull(args[0]) &&
      (n == 1 || IsJavaInt(args[1]))) {
    if (args[0].is_null()) return fail(Npe(name));
    auto re = CompileFor(name, args[0].as_string());
    if (!re.ok()) return fail(re.status());
    auto parts = (*re)->Split(s, n == 2 ? static_cast<int>(args[1].as_int()) : 0);
    if (!parts.ok()) return fail(JavaException(name, kStringClass, parts.status().message()));
    List items;
    for (std::string& p : *parts) items.push_back(Value::String(std::move(p)));
    return StatusOr<Value>(Value::NewList(std::move(items)));
  }
  return std::nullopt;
}

}  // namespace apigw::vtl
