// Tests of data-plane/rest/payload_encoding: text/binary conversions, strict
// base64, UTF-8 repair (against bytes recorded on AWS).
#include <doctest/doctest.h>

#include <random>

#include "data-plane/rest/payload_encoding.h"

using namespace apigw;
using namespace apigw::dp;

namespace {

// gzip bytes an S3 integration test sent through API Gateway, and what S3
// stored when API Gateway read them as text (test_apigateway_s3.snapshot.json,
// test_apigw_s3_binary_support_request[None]).
const std::string kGzip(
    "\x1f\x8b\x08\x00\x14\x6c\xee\x63\x02\xff\x4b\xce\xcf\x2d\x28\x4a\x2d\x2e"
    "\x4e\x4d\x51\x48\x49\x2c\x49\xd4\x51\x28\xce\xc8\x2f\xcd\x49\x51\x48\x4a"
    "\x55\xc8\xcc\x2b\x4b\xcc\xc9\x4c\x51\x08\x0d\x71\xd3\xb5\x50\x28\x2e\x29"
    "\xca\xcc\x4b\x07\x00\xb8\x39\x10\x57\x2f\x00\x00\x00",
    67);
const std::string kGzipAsText(
    "\x1f\xef\xbf\xbd\x08\x00\x14\x6c\xef\xbf\xbd\x63\x02\xef\xbf\xbd\x4b\xef"
    "\xbf\xbd\xef\xbf\xbd\x2d\x28\x4a\x2d\x2e\x4e\x4d\x51\x48\x49\x2c\x49\xef"
    "\xbf\xbd\x51\x28\xef\xbf\xbd\xef\xbf\xbd\x2f\xef\xbf\xbd\x49\x51\x48\x4a"
    "\x55\xef\xbf\xbd\xef\xbf\xbd\x2b\x4b\xef\xbf\xbd\xef\xbf\xbd\x4c\x51\x08"
    "\x0d\x71\xd3\xb5\x50\x28\x2e\x29\xef\xbf\xbd\xef\xbf\xbd\x4b\x07\x00\xef"
    "\xbf\xbd\x39\x10\x57\x2f\x00\x00\x00",
    99);
constexpr char kGzipBase64[] = "H4sIABRs7mMC/0vOzy0oSi0uTk1RSEksSdRRKM7IL81JUUhKVcjMK0vMyUxRCA1x07VQKC4pysxLBwC4ORBXLwAAAA==";

std::string Converted(std::string payload, bool from_binary, bool to_binary) {
  REQUIRE(ConvertPayload(payload, from_binary, to_binary));
  return payload;
}

}  // namespace

TEST_CASE("payload: invalid UTF-8 becomes U+FFFD as AWS stored it") {
  CHECK_FALSE(IsValidUtf8(kGzip));
  CHECK(Converted(kGzip, false, false) == kGzipAsText);
  CHECK(IsValidUtf8(kGzipAsText));
  CHECK(Converted(kGzipAsText, false, false) == kGzipAsText);
}

TEST_CASE("payload: UTF-8 repair replaces maximal invalid subparts") {
  auto repaired = [](std::string s) {
    SanitizeUtf8(s);
    return s;
  };
  const std::string r = "\xEF\xBF\xBD";
  CHECK(repaired("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80") == "caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80");
  CHECK(repaired("a\xE2\x82") == "a" + r);              // truncated 3-byte sequence: one replacement
  CHECK(repaired("\xE2\x82" "A") == r + "A");
  CHECK(repaired("\xC0\xAF") == r + r);                  // overlong lead
  CHECK(repaired("\xED\xA0\x80") == r + r + r);         // surrogate
  CHECK(repaired("\xF4\x90\x80\x80") == r + r + r + r);  // above U+10FFFF
  CHECK(repaired("\xF0\x9F\x98") == r);
  CHECK(repaired(std::string("a\0b", 3)) == std::string("a\0b", 3));
  CHECK(repaired("") == "");
}

TEST_CASE("payload: base64 as Java's basic decoder reads it") {
  CHECK(DecodeBase64Strict(kGzipBase64) == kGzip);
  CHECK(DecodeBase64Strict("aGk=") == "hi");
  CHECK(DecodeBase64Strict("aGk") == "hi");  // padding is optional
  CHECK(DecodeBase64Strict("") == "");
  for (const char* bad : {"this is a UTF8 text typed object", "aGk==", "aGk=x", "a", "aGk=\n", "aG-k", "aG_k",
                          "a===", "{\"data\": 1}"}) {
    std::string text = bad;
    CAPTURE(text);
    CHECK_FALSE(DecodeBase64Strict(text));
  }
}

TEST_CASE("payload: the four conversions") {
  CHECK(Converted(kGzip, true, true) == kGzip);                 // binary passes as it is
  CHECK(Converted(kGzip, true, false) == kGzipBase64);          // binary -> text: base64
  CHECK(Converted(kGzipBase64, false, true) == kGzip);          // text -> binary: decoded
  CHECK(Converted("plain text", false, false) == "plain text");
  std::string not_base64 = "not base64!";
  CHECK_FALSE(ConvertPayload(not_base64, false, true));
  CHECK(not_base64 == "not base64!");  // untouched on failure
}

TEST_CASE("payload: which side is binary") {
  using C = ContentHandling;
  CHECK(RequestPayloadIsBinary(C::kPassthrough, true));
  CHECK_FALSE(RequestPayloadIsBinary(C::kPassthrough, false));
  CHECK(RequestPayloadIsBinary(C::kConvertToBinary, false));
  CHECK_FALSE(RequestPayloadIsBinary(C::kConvertToText, true));
  CHECK(ResponsePayloadIsBinary(C::kPassthrough, true));
  CHECK_FALSE(ResponsePayloadIsBinary(C::kPassthrough, false));
  CHECK(ResponsePayloadIsBinary(C::kConvertToBinary, false));
  CHECK_FALSE(ResponsePayloadIsBinary(C::kConvertToText, true));
}

TEST_CASE("payload: random bytes never break the conversions") {
  std::mt19937 random(7);
  for (int round = 0; round < 2000; ++round) {
    std::string bytes(random() % 64, '\0');
    for (char& c : bytes) c = char(random() % 256);
    std::string text = bytes;
    SanitizeUtf8(text);
    CHECK(IsValidUtf8(text));
    std::string again = text;
    SanitizeUtf8(again);
    CHECK(again == text);  // repairing is idempotent
    std::string encoded = bytes;
    REQUIRE(ConvertPayload(encoded, true, false));
    CHECK(DecodeBase64Strict(encoded) == bytes);  // binary -> text -> binary is lossless
    std::string junk = bytes;
    if (ConvertPayload(junk, false, true)) CHECK(junk.size() <= bytes.size());
  }
}
