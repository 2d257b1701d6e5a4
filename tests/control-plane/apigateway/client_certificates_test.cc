// Client certificates through the real dispatcher: the shape of the CLI
// reference's example (6-character id, a PEM certificate, an expiration 365
// days after creation), the description patch, tags and missing ids.
#include <doctest/doctest.h>

#include "control-plane/apigateway/service_client.h"

namespace apigw::testing {
namespace {

TEST_CASE("client certificate lifecycle") {
  ServiceClient c;
  Reply r = c.Call("POST", "/clientcertificates", R"({"description":"My Client Certificate","tags":{"k":"v"}})");
  CHECK(r.status == 201);
  const std::string id = r.Str("clientCertificateId");
  CHECK(id.size() == 6);
  CHECK(r.Str("description") == "My Client Certificate");
  CHECK(r.Str("pemEncodedCertificate").rfind("-----BEGIN CERTIFICATE-----\n", 0) == 0);
  CHECK(r.Str("pemEncodedCertificate").find("-----END CERTIFICATE-----") != std::string::npos);
  CHECK(r.Json("createdDate") == "1700000000");
  CHECK(r.Json("expirationDate") == "1731536000");
  CHECK(r.Json("tags") == R"({"k":"v"})");

  const std::string one = "/clientcertificates/" + id;
  CHECK(c.Call("GET", one).body == r.body);
  CHECK(c.Call("GET", "/clientcertificates").body == "{\"item\":[" + r.body + "]}");
  Reply u = c.Call("PATCH", one, R"({"patchOperations":[{"op":"replace","path":"/description","value":"renamed"}]})");
  CHECK(u.status == 200);
  CHECK(u.Str("description") == "renamed");
  u = c.Call("PATCH", one, R"({"patchOperations":[{"op":"replace","path":"/pemEncodedCertificate","value":"x"}]})");
  CHECK(u.status == 400);
  CHECK(u.message ==
        "Invalid patch path  '/pemEncodedCertificate' specified for op 'replace'. Must be one of: [/description]");

  const std::string arn = "arn:aws:apigateway:us-east-1::/clientcertificates/" + id;
  CHECK(c.Call("GET", "/tags/" + arn).Json("tags") == R"({"k":"v"})");

  CHECK(c.Call("DELETE", one).status == 202);
  for (const char* method : {"GET", "DELETE"}) {
    Reply missing = c.Call(method, one);
    CHECK(missing.status == 404);
    CHECK(missing.error_type == "NotFoundException");
    CHECK(missing.message == "Invalid Client Certificate identifier specified");
  }
  CHECK(c.Call("GET", "/clientcertificates").body == R"({"item":[]})");
}

TEST_CASE("client certificates are regional") {
  ServiceClient c;
  Reply r = c.Call("POST", "/clientcertificates", "{}");
  REQUIRE(r.status == 201);
  CHECK(!r.Has("description"));
  CHECK(!r.Has("tags"));
  CHECK(c.Call("GET", "/clientcertificates/" + r.Str("clientCertificateId"), "", "eu-west-1").status == 404);
}

}  // namespace
}  // namespace apigw::testing
