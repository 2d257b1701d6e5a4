// Tests of data-plane/execute_api_target: the four URL forms.
#include <doctest/doctest.h>

#include "data-plane/execute_api_target.h"

using namespace apigw::dp;

TEST_CASE("url forms: path style") {
  auto t = ParseExecuteApiTarget("/abc123/dev/pets/1", "localhost:4567");
  REQUIRE(t);
  CHECK(t->api_id == "abc123");
  CHECK(t->stage == "dev");
  CHECK(t->path == "/pets/1");
  CHECK(t->stage_path == "/dev/pets/1");

  auto root = ParseExecuteApiTarget("/abc123/dev", "localhost");
  REQUIRE(root);
  CHECK(root->path == "/");
  auto slash = ParseExecuteApiTarget("/abc123/dev/", "localhost");
  REQUIRE(slash);
  CHECK(slash->path == "/");
}

TEST_CASE("url forms: host style") {
  auto t = ParseExecuteApiTarget("/dev/pets", "abc123.execute-api.localhost:4567");
  REQUIRE(t);
  CHECK(t->api_id == "abc123");
  CHECK(t->stage == "dev");
  CHECK(t->path == "/pets");
  auto aws = ParseExecuteApiTarget("/prod", "abc123.execute-api.us-east-1.amazonaws.com");
  REQUIRE(aws);
  CHECK(aws->api_id == "abc123");
  CHECK(aws->path == "/");
  CHECK(HostStyleApiId("localhost:4567").empty());
  CHECK(HostStyleApiId("127.0.0.1").empty());
  CHECK(HostStyleApiId(".execute-api.localhost").empty());
}

TEST_CASE("url forms: LocalStack styles") {
  auto a = ParseExecuteApiTarget("/_aws/execute-api/abc123/dev/pets/1", "localhost");
  REQUIRE(a);
  CHECK(a->api_id == "abc123");
  CHECK(a->stage == "dev");
  CHECK(a->path == "/pets/1");
  CHECK(a->stage_path == "/dev/pets/1");

  auto b = ParseExecuteApiTarget("/restapis/abc123/dev/_user_request_/pets/1", "localhost");
  REQUIRE(b);
  CHECK(b->api_id == "abc123");
  CHECK(b->stage == "dev");
  CHECK(b->path == "/pets/1");

  auto c = ParseExecuteApiTarget("/restapis/abc123/dev/_user_request_", "localhost");
  REQUIRE(c);
  CHECK(c->path == "/");
}

TEST_CASE("url forms: requests naming no API or stage") {
  CHECK_FALSE(ParseExecuteApiTarget("/", "localhost"));
  CHECK_FALSE(ParseExecuteApiTarget("", "localhost"));
  CHECK_FALSE(ParseExecuteApiTarget("/abc123", "localhost"));
  CHECK_FALSE(ParseExecuteApiTarget("/abc123/", "localhost"));
  CHECK_FALSE(ParseExecuteApiTarget("//dev/x", "localhost"));
  CHECK_FALSE(ParseExecuteApiTarget("/", "abc.execute-api.localhost"));
  // Not the LocalStack form when _user_request_ is missing: read as path style.
  auto t = ParseExecuteApiTarget("/restapis/abc123/dev/x", "localhost");
  REQUIRE(t);
  CHECK(t->api_id == "restapis");
  CHECK(t->stage == "abc123");
}
