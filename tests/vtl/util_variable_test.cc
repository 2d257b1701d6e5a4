// Tests of vtl/apigateway/util_variable and vtl/java_text: Java's escaping,
// URL coding and number printing.
#include <doctest/doctest.h>

#include "vtl/apigateway/util_variable.h"
#include "vtl/java_text.h"

using namespace apigw::vtl;

TEST_CASE("escapeJavaScript as Commons Lang escapes") {
  CHECK(EscapeJavaScript("it's \"x\" \\ /") == "it\\'s \\\"x\\\" \\\\ \\/");
  CHECK(EscapeJavaScript("a\nb\tc\rd\be\ff") == "a\\nb\\tc\\rd\\be\\ff");
  CHECK(EscapeJavaScript(std::string("\x01\x1f\x7f", 3)) == "\\u0001\\u001F\x7f");
  CHECK(EscapeJavaScript("\xC3\xA9\xE2\x80\xA8") == "\\u00E9\\u2028");
  CHECK(EscapeJavaScript("\xF0\x9F\x98\x80") == "\\uD83D\\uDE00");
  CHECK(EscapeJavaScript("") == "");
}

TEST_CASE("urlEncode and urlDecode as java.net.URLEncoder/URLDecoder") {
  CHECK(UrlEncode("a b&c=d/\xC3\xA9~*._-") == "a+b%26c%3Dd%2F%C3%A9%7E*._-");
  CHECK(UrlEncode("{\"some\": \"value\"}") == "%7B%22some%22%3A+%22value%22%7D");
  CHECK(*UrlDecode("a+b%26%C3%A9") == "a b&\xC3\xA9");
  CHECK(*UrlDecode("100%25") == "100%");
  CHECK_FALSE(UrlDecode("bad%zz").ok());
  CHECK_FALSE(UrlDecode("trailing%4").ok());
  CHECK_FALSE(UrlDecode("%").ok());
}

TEST_CASE("Double.toString") {
  CHECK(JavaDouble(1.0) == "1.0");
  CHECK(JavaDouble(100.0) == "100.0");
  CHECK(JavaDouble(1e7) == "1.0E7");
  CHECK(JavaDouble(9999999.0) == "9999999.0");
  CHECK(JavaDouble(0.001) == "0.001");
  CHECK(JavaDouble(0.0001) == "1.0E-4");
  CHECK(JavaDouble(-1.5) == "-1.5");
  CHECK(JavaDouble(1e-10) == "1.0E-10");
  CHECK(JavaDouble(123456789.123) == "1.23456789123E8");
  CHECK(JavaDouble(0.1 + 0.2) == "0.30000000000000004");
  CHECK(JavaDouble(1.7976931348623157e308) == "1.7976931348623157E308");
  CHECK(JavaDouble(-0.0) == "-0.0");
  CHECK(JavaDouble(0.0 / 0.0) == "NaN");
  CHECK(JavaDouble(1.0 / 0.0) == "Infinity");
}

TEST_CASE("Java string lengths and hash codes") {
  CHECK(Utf16Length("abc") == 3);
  CHECK(Utf16Length("\xC3\xA9") == 1);
  CHECK(Utf16Length("\xF0\x9F\x98\x80") == 2);
  CHECK(JavaHashCode("Hello, World") == -505841268);
  CHECK(ToUtf8(ToUtf16("h\xC3\xA9llo \xF0\x9F\x98\x80")) == "h\xC3\xA9llo \xF0\x9F\x98\x80");
  CHECK(ToUtf8(ToUtf16("\xFF")) == "\xEF\xBF\xBD");  // an invalid byte is U+FFFD
}
