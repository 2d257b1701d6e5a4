// Tests of data-plane/aws/sigv4: AWS's published test vector (get-vanilla)
// and requests signed by botocore's SigV4Auth for the same inputs.
#include <doctest/doctest.h>

#include "data-plane/aws/sigv4.h"

using namespace apigw;
using namespace apigw::dp;

namespace {

constexpr int64_t k20150830T123600Z = 1440938160000;

std::string Sign(std::string_view method, std::string_view url, net::Headers headers, std::string_view body,
                 SigV4Scope scope, SigV4Key key) {
  StatusOr<net::ClientUrl> parsed = net::ParseClientUrl(url);
  REQUIRE(parsed.ok());
  SignV4(method, *parsed, body, scope, key, k20150830T123600Z, headers);
  CHECK(headers.GetOr("X-Amz-Date", "") == "20150830T123600Z");
  return headers.GetOr("Authorization", "");
}

}  // namespace

TEST_CASE("sigv4: the get-vanilla test vector") {
  CHECK(Sign("GET", "https://example.amazonaws.com/", {}, "", {"us-east-1", "service"},
             {"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"}) ==
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
        "SignedHeaders=host;x-amz-date, "
        "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
}

TEST_CASE("sigv4: a JSON-protocol POST with a query, as botocore signs it") {
  net::Headers h;
  h.Add("Content-Type", "application/x-amz-json-1.0");
  h.Add("X-Amz-Target", "DynamoDB_20120810.PutItem");
  CHECK(Sign("POST", "http://127.0.0.1:8000/?b=2&a=x%20y", h, R"({"TableName":"t"})", {"eu-west-1", "dynamodb"},
             {"test", "test"}) ==
        "AWS4-HMAC-SHA256 Credential=test/20150830/eu-west-1/dynamodb/aws4_request, "
        "SignedHeaders=content-type;host;x-amz-date;x-amz-target, "
        "Signature=74f5055556dbd0c6350aa940414d116b0b741dac6c28cdc3bdafd240d9eb2896");
}

TEST_CASE("sigv4: an encoded path is encoded again (all services but S3)") {
  net::Headers h;
  h.Add("Content-Type", "application/x-www-form-urlencoded");
  CHECK(Sign("POST", "http://127.0.0.1:8000/000000000000/my%20queue", h, "Action=SendMessage&MessageBody=hi",
             {"us-east-1", "sqs"}, {"test", "test"}) ==
        "AWS4-HMAC-SHA256 Credential=test/20150830/us-east-1/sqs/aws4_request, "
        "SignedHeaders=content-type;host;x-amz-date, "
        "Signature=87a3ab4d96d6dde139b6d57ae0f505cc82b3332f5ea59a62dd8a0f305e5616d4");
}

TEST_CASE("sigv4: S3 gets the payload hash header; a stale Authorization is replaced") {
  net::Headers h;
  h.Add("Authorization", "stale");
  StatusOr<net::ClientUrl> url = net::ParseClientUrl("http://localhost:4566/bucket/key");
  REQUIRE(url.ok());
  SignV4("PUT", *url, "abc", {"us-east-1", "s3"}, {"test", "test"}, k20150830T123600Z, h);
  CHECK(h.GetOr("X-Amz-Content-Sha256", "") == Sha256Hex("abc"));
  CHECK(Sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(h.GetAll("Authorization").size() == 1);
  CHECK(h.GetOr("Authorization", "").find("SignedHeaders=host;x-amz-content-sha256;x-amz-date,") !=
        std::string::npos);
  CHECK(h.GetOr("Host", "") == "localhost:4566");
}
