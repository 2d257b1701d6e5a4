// Tests of data-plane/rest/binary_media_types: which Content-Type and Accept
// values are binary, as recorded on AWS (test_apigateway_lambda.py, the
// binary media types test: image/png and */test, then application/* and
// image/jpg).
#include <doctest/doctest.h>

#include "data-plane/rest/binary_media_types.h"

using namespace apigw;
using namespace apigw::dp;

namespace {

bool Binary(const BinaryMediaTypes& types, const char* header) {
  if (header == nullptr) return types.Matches(nullptr);
  std::string value = header;
  return types.Matches(&value);
}

}  // namespace

TEST_CASE("binary media types: exact types, and the first Accept type only") {
  BinaryMediaTypes types({"image/png", "*/test"});
  CHECK(Binary(types, "image/png"));
  CHECK(Binary(types, "IMAGE/PNG; charset=x"));
  CHECK(Binary(types, "image/png,image/*,*/*;q=0.8"));
  CHECK_FALSE(Binary(types, "image/webp,image/png,*/*;q=0.8"));
  CHECK_FALSE(Binary(types, "image/jpg"));
  CHECK_FALSE(Binary(types, "image/*"));
  CHECK_FALSE(Binary(types, "*/test"));       // a wildcard type covers nothing
  CHECK_FALSE(Binary(types, "random/test"));
  CHECK_FALSE(Binary(types, "*/*"));
  CHECK_FALSE(Binary(types, "application"));
  CHECK_FALSE(Binary(types, ""));
  CHECK_FALSE(Binary(types, nullptr));
}

TEST_CASE("binary media types: type/* and */*") {
  BinaryMediaTypes types({"application/*", "image/jpg", "image/png"});
  CHECK(Binary(types, "application/whatever"));
  CHECK(Binary(types, "application/test"));
  CHECK(Binary(types, "application/*"));
  CHECK(Binary(types, "image/jpg"));
  CHECK_FALSE(Binary(types, "text/plain"));

  BinaryMediaTypes everything({"*/*"});
  CHECK(Binary(everything, "application/json"));
  CHECK(Binary(everything, "*/*"));
  CHECK_FALSE(Binary(everything, "application"));
  CHECK_FALSE(Binary(everything, nullptr));  // no header, nothing to match

  BinaryMediaTypes none;
  CHECK(none.empty());
  CHECK_FALSE(Binary(none, "image/png"));
  BinaryMediaTypes junk({"", "/", "image/", "x"});
  CHECK_FALSE(Binary(junk, "image/png"));
}

TEST_CASE("binary media types: the first media type of a header") {
  CHECK(FirstMediaType("text/html; q=0.9, */*") == "text/html");
  CHECK(FirstMediaType("  image/png  ") == "image/png");
  CHECK(FirstMediaType("") == "");
}
