// UTF-8/UTF-16 conversion and Java's number formatting.
#include "vtl/java_text.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>

namespace apigw::vtl {

bool IsAscii(std::string_view s) {
  for (unsigned char c : s) {
    if (c >= 0x80) return false;
  }
  return true;
}

std::u16string ToUtf16(std::string_view s) {
  std::u16string out;
  out.reserve(s.size());
  size_t i = 0;
  const size_t n = s.size();
  while (i < n) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      out.push_back(c);
      ++i;
      continue;
    }
    int len = 0;
    uint32_t cp = 0;
    uint32_t min = 0;
    if ((c & 0xE0) == 0xC0) {
      len = 2, cp = c & 0x1F, min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3, cp = c & 0x0F, min = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4, cp = c & 0x07, min = 0x10000;
    }
    bool ok = len > 0 && i + len <= n;
    for (int k = 1; ok && k < len; ++k) {
      unsigned char cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) ok = false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if (ok && (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))) ok = false;
    if (!ok) {
      out.push_back(0xFFFD);
      ++i;
      continue;
    }
    if (cp >= 0x10000) {
      cp -= 0x10000;
      out.push_back(static_cast<char16_t>(0xD800 + (cp >> 10)));
      out.push_back(static_cast<char16_t>(0xDC00 + (cp & 0x3FF)));
    } else {
      out.push_back(static_cast<char16_t>(cp));
    }
    i += len;
  }
  return out;
}

std::string ToUtf8(std::u16string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    uint32_t cp = s[i];
    if (cp >= 0xD800 && cp <= 0xDBFF && i + 1 < s.size() && s[i + 1] >= 0xDC00 &&
        s[i + 1] <= 0xDFFF) {
      cp = 0x10000 + ((cp - 0xD800) << 10) + (s[i + 1] - 0xDC00);
      ++i;
    } else if (cp >= 0xD800 && cp <= 0xDFFF) {
      out.push_back('?');
      continue;
    }
    if (cp < 0x80) {
      out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
      out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
      out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
      out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
  }
  return out;
}

size_t Utf16Length(std::string_view s) {
  if (IsAscii(s)) return s.size();
  return ToUtf16(s).size();
}

namespace {

constexpr double kPow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,
                             1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18};
constexpr uint64_t kPow10Int[] = {1ULL, 10ULL, 100ULL, 1000ULL, 10000ULL, 100000ULL, 1000000ULL,
                                  10000000ULL, 100000000ULL, 1000000000ULL, 10000000000ULL,
                                  100000000000ULL, 1000000000000ULL, 10000000000000ULL,
                                  100000000000000ULL, 1000000000000000ULL, 10000000000000000ULL,
                                  100000000000000000ULL, 1000000000000000000ULL};

// Writes `v` with exactly `width` digits (leading zeros) ending at `end`.
char* DigitsBackward(uint64_t v, int width, char* end) {
  for (int i = 0; i < width; ++i) {
    *--end = static_cast<char>('0' + v % 10);
    v /= 10;
  }
  return end;
}

// The fast path for 1e-3 <= mag < 1e7 when the shortest decimal has at most 15
// significant digits (prices, amounts, most JSON numbers): the fewest fraction
// digits k for which m / 10^k reads back as `mag` (m < 10^15, 10^k <= 10^18, so
// both are exact doubles and the division is correctly rounded). With at most
// 15 digits that decimal is unique, hence the shortest one. Writes at `out`
// and returns the end; nullptr when there is none.
char* FormatPlainFast(double mag, char* out) {
  for (int k = 0; k <= 18; ++k) {
    double t = mag * kPow10[k];
    if (t >= 1e15) return nullptr;
    uint64_t m = static_cast<uint64_t>(t + 0.5);
    if (static_cast<double>(m) / kPow10[k] != mag) continue;
    char buf[48];
    char* end = buf + sizeof buf;
    char* p = end;
    if (k == 0) {
      *--p = '0';
    } else {
      p = DigitsBackward(m % kPow10Int[k], k, p);
    }
    *--p = '.';
    uint64_t whole = m / kPow10Int[k];
    do {
      *--p = static_cast<char>('0' + whole % 10);
      whole /= 10;
    } while (whole != 0);
    std::memcpy(out, p, end - p);
    return out + (end - p);
  }
  return nullptr;
}

char* Put(char* out, const char* s, size_t n) {
  std::memcpy(out, s, n);
  return out + n;
}

}  // namespace

// Java prints the shortest decimal that reads back as the same double: plain
// notation for 1e-3 <= |d| < 1e7 (always with a fractional digit), otherwise
// "d.dddE<exp>".
size_t FormatJavaDouble(double d, char* out) {
  char* const begin = out;
  if (std::isnan(d)) return Put(out, "NaN", 3) - begin;
  if (std::isinf(d)) return d > 0 ? Put(out, "Infinity", 8) - begin : Put(out, "-Infinity", 9) - begin;
  if (d == 0) return std::signbit(d) ? Put(out, "-0.0", 4) - begin : Put(out, "0.0", 3) - begin;
  const double mag = std::fabs(d);
  const bool plain = mag >= 1e-3 && mag < 1e7;
  if (d < 0) *out++ = '-';
  if (plain) {
    if (char* end = FormatPlainFast(mag, out)) return end - begin;
  }
  char sci[40];
  auto res = std::to_chars(sci, sci + sizeof sci, mag, std::chars_format::scientific);  // "1.2345e+02"
  const char* e = std::find(sci, res.ptr, 'e');
  char digits[24];
  int n = 0;
  for (const char* c = sci; c < e; ++c) {
    if (*c != '.') digits[n++] = *c;
  }
  while (n > 1 && digits[n - 1] == '0') --n;
  int exp = 0;
  std::from_chars(e + 1 + (e[1] == '+'), res.ptr, exp);
  if (plain) {
    if (exp >= 0) {
      for (int i = 0; i <= exp; ++i) *out++ = i < n ? digits[i] : '0';
      *out++ = '.';
      if (n > exp + 1) {
        out = Put(out, digits + exp + 1, n - exp - 1);
      } else {
        *out++ = '0';
      }
    } else {
      out = Put(out, "0.", 2);
      for (int i = 0; i < -exp - 1; ++i) *out++ = '0';
      out = Put(out, digits, n);
    }
    return out - begin;
  }
  *out++ = digits[0];
  *out++ = '.';
  if (n > 1) {
    out = Put(out, digits + 1, n - 1);
  } else {
    *out++ = '0';
  }
  *out++ = 'E';
  auto r = std::to_chars(out, out + 8, exp);
  return r.ptr - begin;
}

void AppendJavaDouble(double d, std::string* out) {
  char buf[kJavaDoubleMaxChars];
  out->append(buf, FormatJavaDouble(d, buf));
}

std::string JavaDouble(double d) {
  std::string out;
  AppendJavaDouble(d, &out);
  return out;
}

void AppendJavaLong(int64_t v, std::string* out) {
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  out->append(buf, r.ptr);
}

int32_t JavaHashCode(std::string_view s) {
  uint32_t h = 0;
  if (IsAscii(s)) {
    for (unsigned char c : s) h = 31 * h + c;
  } else {
    for (char16_t c : ToUtf16(s)) h = 31 * h + c;
  }
  return static_cast<int32_t>(h);
}

}  // namespace apigw::vtl
