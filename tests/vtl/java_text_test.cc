// Tests of vtl/java_text's number printing against a reference: the shortest
// round-trip digits (std::to_chars) laid out by Double.toString's rules, over
// random doubles of every magnitude and decimals of every length.
#include <doctest/doctest.h>

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>

#include "vtl/java_text.h"

using namespace apigw::vtl;

namespace {

// Double.toString, written plainly: the digits of the shortest decimal that
// reads back as `d`, then plain notation for 1e-3 <= |d| < 1e7, else d.dddE<n>.
std::string ReferenceJavaDouble(double d) {
  if (std::isnan(d)) return "NaN";
  if (std::isinf(d)) return d > 0 ? "Infinity" : "-Infinity";
  if (d == 0) return std::signbit(d) ? "-0.0" : "0.0";
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, std::fabs(d), std::chars_format::scientific);
  std::string sci(buf, res.ptr);
  size_t e = sci.find('e');
  int exp = std::atoi(sci.c_str() + e + 1);
  std::string digits;
  for (char c : sci.substr(0, e)) {
    if (c != '.') digits.push_back(c);
  }
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
  std::string out = d < 0 ? "-" : "";
  double mag = std::fabs(d);
  if (mag >= 1e-3 && mag < 1e7) {
    if (exp >= 0) {
      std::string whole = digits.substr(0, std::min<size_t>(digits.size(), exp + 1));
      whole.resize(exp + 1, '0');
      std::string frac = digits.size() > static_cast<size_t>(exp + 1) ? digits.substr(exp + 1) : "0";
      return out + whole + "." + frac;
    }
    return out + "0." + std::string(-exp - 1, '0') + digits;
  }
  return out + digits.substr(0, 1) + "." + (digits.size() > 1 ? digits.substr(1) : "0") + "E" +
         std::to_string(exp);
}

void CheckSame(double d) {
  std::string got = JavaDouble(d);
  if (got != ReferenceJavaDouble(d)) {
    char bits[32];
    std::snprintf(bits, sizeof bits, "%a", d);
    FAIL("JavaDouble(" << bits << ") = " << got << ", want " << ReferenceJavaDouble(d));
  }
}

}  // namespace

TEST_CASE("Double.toString: fixed values") {
  CHECK(JavaDouble(9.99) == "9.99");
  CHECK(JavaDouble(0.3) == "0.3");
  CHECK(JavaDouble(1200.0) == "1200.0");
  CHECK(JavaDouble(0.00123) == "0.00123");
  CHECK(JavaDouble(1234567.8901234567) == "1234567.8901234567");
  CHECK(JavaDouble(9999999.999999998) == "9999999.999999998");
  CHECK(JavaDouble(0.0009999999999999998) == "9.999999999999998E-4");
  CHECK(JavaDouble(1e22) == "1.0E22");
  CHECK(JavaDouble(-123.456) == "-123.456");
  std::string s = "x=";
  AppendJavaDouble(2.5, &s);
  AppendJavaLong(-9223372036854775807LL - 1, &s);
  CHECK(s == "x=2.5-9223372036854775808");
}

TEST_CASE("Double.toString: random bit patterns") {
  std::mt19937_64 rng(7);
  for (int i = 0; i < 200000; ++i) {
    uint64_t bits = rng();
    double d;
    std::memcpy(&d, &bits, sizeof d);
    CheckSame(d);
  }
}

TEST_CASE("Double.toString: decimals of 1 to 17 digits around the plain range") {
  std::mt19937_64 rng(11);
  for (int i = 0; i < 200000; ++i) {
    int digits = 1 + static_cast<int>(rng() % 17);
    uint64_t m = rng() % 100000000000000000ULL;
    uint64_t limit = 1;
    for (int k = 0; k < digits; ++k) limit *= 10;
    m %= limit;
    int exp = static_cast<int>(rng() % 16) - 8;  // 10^-8 .. 10^7 times the digits
    std::string text = std::to_string(m) + "e" + std::to_string(exp - digits + 1);
    double d = std::strtod(text.c_str(), nullptr);
    CheckSame(d);
    CheckSame(-d);
    CheckSame(std::nextafter(d, 0.0));
    CheckSame(std::nextafter(d, 1e300));
  }
  for (double edge : {1e-3, 1e7, 1.0, 10.0, 0.1, 1e15, 1e-4}) {
    double d = edge;
    for (int i = 0; i < 50; ++i) d = std::nextafter(d, 0.0), CheckSame(d);
    d = edge;
    for (int i = 0; i < 50; ++i) d = std::nextafter(d, 1e300), CheckSame(d);
  }
}
