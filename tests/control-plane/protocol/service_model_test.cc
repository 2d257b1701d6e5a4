// Tests of the embedded service models: they parse, fast, with their bindings.
#include <doctest/doctest.h>

#include <chrono>
#include <cstdio>

#include "control-plane/protocol/embedded_models.h"
#include "control-plane/protocol/service_models.h"
#include "test_support.h"

namespace apigw::cp {
namespace {

using testing::Model;
using testing::Op;

TEST_CASE("every embedded model parses, and quickly") {
  auto start = std::chrono::steady_clock::now();
  std::unique_ptr<ServiceModels> models = ServiceModels::Embedded();
  size_t operations = 0;
  for (const std::string& name : models->names()) {
    const ServiceModel* m = models->Get(name);
    REQUIRE_MESSAGE(m != nullptr, models->LoadStatus(name).ToString());
    CHECK(m->metadata().protocol == "rest-json");
    operations += m->operations().size();
  }
  double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  MESSAGE("parsed " << models->names().size() << " models, " << operations << " operations in " << ms << " ms");
  CHECK(models->names().size() == 4);
  CHECK(operations > 300);
  CHECK(ms < 100);  // startup budget is 20 ms in total; parsing is lazy per service anyway
}

TEST_CASE("constructing the embedded set parses nothing until asked") {
  auto start = std::chrono::steady_clock::now();
  std::unique_ptr<ServiceModels> models = ServiceModels::Embedded();
  double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  MESSAGE("ServiceModels::Embedded() took " << ms << " ms");
  CHECK(ms < 5);
  // Each model parses on its first use.
  for (const char* service : {"apigateway", "apigatewayv2", "lambda", "apigatewaymanagementapi"}) {
    auto t0 = std::chrono::steady_clock::now();
    REQUIRE(models->Get(service) != nullptr);
    MESSAGE(std::string(service) << " parsed in "
                    << std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count() << " ms");
  }
}

TEST_CASE("operations carry their HTTP bindings") {
  const Operation& create = Op("apigateway", "CreateRestApi");
  CHECK(create.method == "POST");
  CHECK(create.response_code == 201);
  CHECK(create.path.size() == 1);
  CHECK(create.output->name == "RestApi");

  const Operation& import = Op("apigateway", "ImportRestApi");
  REQUIRE(import.query_literals.size() == 1);
  CHECK(import.query_literals[0].first == "mode");
  CHECK(import.query_literals[0].second == "import");
  CHECK(import.input->PayloadMember()->name == "body");

  const Operation& method = Op("apigateway", "GetMethod");
  REQUIRE(method.path.size() == 6);
  CHECK(method.path[1].kind == UriSegment::Kind::kLabel);
  CHECK(method.path[1].text == "restapi_id");
  CHECK(method.path[4].kind == UriSegment::Kind::kLiteral);

  CHECK(Op("apigateway", "DeleteRestApi").response_code == 202);
  CHECK(Op("apigateway", "DeleteRestApi").output == nullptr);
}

TEST_CASE("members know their location, wire name and requiredness") {
  const Shape& input = *Op("apigateway", "GetExport").input;
  const ShapeMember* accepts = input.FindMember("accepts");
  REQUIRE(accepts);
  CHECK(accepts->location == Location::kHeader);
  CHECK(accepts->location_name == "Accept");
  CHECK(input.FindMember("restApiId")->required);
  CHECK(input.FindMember("restApiId")->location == Location::kUri);

  const Shape& v2 = *Op("apigatewayv2", "CreateApi").input;
  CHECK(v2.FindMember("ProtocolType")->wire_name == "protocolType");
  CHECK(v2.FindMember("Name")->required);

  const Shape& invoke = *Op("lambda", "Invoke").output;
  CHECK(invoke.FindMember("StatusCode")->location == Location::kStatusCode);
  CHECK(invoke.PayloadMember()->name == "Payload");
}

TEST_CASE("constraints and enums come through, in AWS's enum order") {
  const ServiceModel& apigw = Model("apigateway");
  const Shape* op = apigw.FindShape("Op");
  REQUIRE(op);
  CHECK(op->enum_values == std::vector<std::string>{"add", "remove", "move", "test", "replace", "copy"});
  CHECK(apigw.FindShape("StatusCode")->pattern == "[1-5]\\d\\d");
  CHECK(apigw.FindShape("StatusCode")->PatternRegex() != nullptr);

  const ServiceModel& lambda = Model("lambda");
  CHECK(lambda.FindShape("Runtime")->lenient_enum);
  CHECK(lambda.FindShape("Architecture")->enum_values == std::vector<std::string>{"x86_64", "arm64"});
  const Shape* weight = lambda.FindShape("Weight");
  REQUIRE(weight);
  CHECK(weight->type == ShapeType::kDouble);
  CHECK(*weight->max == 1.0);
}

TEST_CASE("error shapes carry their status codes") {
  CHECK(Model("apigateway").FindError("NotFoundException")->error_status == 404);
  CHECK(Model("apigateway").FindError("ConflictException")->error_status == 409);
  CHECK(Model("lambda").FindError("ResourceNotFoundException")->error_status == 404);
  CHECK(Model("lambda").FindError("ServiceException")->fault);
  CHECK(Model("apigateway").FindError("RestApi") == nullptr);  // a shape, not an error
  CHECK(Model("apigateway").FindError("NoSuchThing") == nullptr);
}

TEST_CASE("a model that is not valid fails to load, without crashing") {
  ServiceModels models(std::map<std::string, std::string_view>{{"broken", "{not json"},
                        {"no-ops", "{\"shapes\":{}}"},
                        {"bad-ref", "{\"operations\":{},\"shapes\":{\"A\":{\"type\":\"list\",\"member\":{\"shape\":\"Nope\"}}}}"},
                        {"bad-type", "{\"operations\":{},\"shapes\":{\"A\":{\"type\":\"bogus\"}}}"}});
  for (const char* name : {"broken", "no-ops", "bad-ref", "bad-type"}) {
    CHECK(models.Get(name) == nullptr);
    CHECK(!models.LoadStatus(name).ok());
  }
  CHECK(models.Get("unknown") == nullptr);
}

TEST_CASE("request URIs split into literals, labels, greedy labels and query literals") {
  std::vector<UriSegment> path;
  std::vector<std::pair<std::string, std::string>> query;
  ParseRequestUri("/a/{b}/c/{d+}?x=1&y", &path, &query);
  REQUIRE(path.size() == 4);
  CHECK(path[0].kind == UriSegment::Kind::kLiteral);
  CHECK(path[1].kind == UriSegment::Kind::kLabel);
  CHECK(path[1].text == "b");
  CHECK(path[3].kind == UriSegment::Kind::kGreedyLabel);
  CHECK(path[3].text == "d");
  REQUIRE(query.size() == 2);
  CHECK(query[1].first == "y");
  path.clear();
  ParseRequestUri("/", &path, &query);
  CHECK(path.empty());
}

}  // namespace
}  // namespace apigw::cp
