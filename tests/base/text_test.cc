// Tests of base/text, base/url and base/base64.
#include <doctest/doctest.h>

#include "base/base64.h"
#include "base/text.h"
#include "base/url.h"

using namespace apigw;

TEST_CASE("text: case folding, trim, split") {
  CHECK(ToLower("AbC") == "abc");
  CHECK(EqualsIgnoreCase("Content-Type", "content-type"));
  CHECK(Trim("  a b \t") == "a b");
  CHECK(Split("a,,b", ',') == std::vector<std::string>{"a", "", "b"});
  CHECK(Split("", ',') == std::vector<std::string>{""});
}

TEST_CASE("url: percent decoding keeps malformed escapes") {
  CHECK(PercentDecode("a%20b") == "a b");
  CHECK(PercentDecode("a+b", true) == "a b");
  CHECK(PercentDecode("a+b") == "a+b");
  CHECK(PercentDecode("100%") == "100%");
  CHECK(PercentDecode("%zz%4") == "%zz%4");
  CHECK(PercentEncode("a b/c", "/") == "a%20b/c");
  CHECK(PercentEncode("../x") == "..%2Fx");
}

TEST_CASE("url: query parsing") {
  auto q = ParseQuery("a=1&b=x%20y&a=3&flag&=v");
  REQUIRE(q.size() == 5);
  CHECK(q[0] == std::make_pair(std::string("a"), std::string("1")));
  CHECK(q[1].second == "x y");
  CHECK(q[3] == std::make_pair(std::string("flag"), std::string("")));
}

TEST_CASE("base64 round trip and rejection") {
  CHECK(Base64Encode("hello") == "aGVsbG8=");
  CHECK(Base64Encode("hello", false, false) == "aGVsbG8");
  CHECK(*Base64Decode("aGVsbG8=") == "hello");
  CHECK(*Base64Decode("aGVsbG8") == "hello");
  CHECK(!Base64Decode("a$b").has_value());
  std::string bytes("\x00\xff\xfe", 3);
  CHECK(*Base64Decode(Base64Encode(bytes, true)) == bytes);
}
