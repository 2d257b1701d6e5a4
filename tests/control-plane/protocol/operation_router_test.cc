// Tests of routing: service resolution, SigV4 scopes and URI template matching,
// including every operation of every model round-tripping its own template.
#include <doctest/doctest.h>

#include "base/url.h"
#include "control-plane/protocol/operation_router.h"
#include "control-plane/protocol/service_resolver.h"
#include "control-plane/protocol/sigv4_scope.h"
#include "test_support.h"

namespace apigw::cp {
namespace {

using testing::Model;

// A concrete path for `op`: label values "v-<label>" (greedy ones with slashes).
std::string Instantiate(const Operation& op, UriLabels* expected) {
  std::string path;
  for (const UriSegment& s : op.path) {
    path += "/";
    if (s.kind == UriSegment::Kind::kLiteral) {
      path += s.text;
    } else if (s.kind == UriSegment::Kind::kLabel) {
      std::string value = "v " + s.text + "/x";  // a space and a slash, percent-encoded
      path += PercentEncode(value);
      expected->emplace_back(s.text, value);
    } else {
      path += "g/" + s.text + "/rest";
      expected->emplace_back(s.text, "g/" + s.text + "/rest");
    }
  }
  return path.empty() ? "/" : path;
}

TEST_CASE("every operation of every model round-trips its own URI template") {
  for (const char* service : {"apigateway", "apigatewayv2", "lambda", "apigatewaymanagementapi"}) {
    const ServiceModel& model = Model(service);
    OperationRouter router(model);
    for (const Operation& op : model.operations()) {
      UriLabels expected;
      std::string path = Instantiate(op, &expected);
      QueryParams query;
      for (const auto& [k, v] : op.query_literals) query.emplace_back(k, v);
      std::optional<RouteMatch> m = router.Match(op.method, path, query);
      INFO(service << " " << op.name << " " << op.method << " " << path);
      REQUIRE(m.has_value());
      CHECK(m->operation->name == op.name);
      CHECK(m->labels == expected);
      // And the service resolves from the path alone (unsigned) and from a scope.
      if (std::string(service) != "apigatewaymanagementapi") {
        CHECK(ResolveService(path, std::nullopt) == service);
      }
    }
  }
}

TEST_CASE("literal query parts pick the more specific operation") {
  OperationRouter router(Model("apigateway"));
  CHECK(router.Match("POST", "/restapis", {})->operation->name == "CreateRestApi");
  CHECK(router.Match("POST", "/restapis", {{"mode", "import"}})->operation->name == "ImportRestApi");
  CHECK(router.Match("POST", "/restapis", {{"mode", "overwrite"}})->operation->name == "CreateRestApi");
  OperationRouter lambda(Model("lambda"));
  CHECK(lambda.Match("GET", "/2018-10-31/layers", {})->operation->name == "ListLayers");
  CHECK(lambda.Match("GET", "/2018-10-31/layers", {{"find", "LayerVersion"}, {"Arn", "x"}})->operation->name ==
        "GetLayerVersionByArn");
  CHECK(lambda.Match("GET", "/2019-09-30/functions/f/provisioned-concurrency", {{"List", "ALL"}})->operation->name ==
        "ListProvisionedConcurrencyConfigs");
  CHECK(lambda.Match("GET", "/2019-09-30/functions/f/provisioned-concurrency", {{"Qualifier", "1"}})->operation->name ==
        "GetProvisionedConcurrencyConfig");
}

TEST_CASE("ARNs as labels: percent-encoded, or with raw slashes") {
  OperationRouter router(Model("apigateway"));
  std::string arn = "arn:aws:apigateway:us-east-1::/restapis/abc123/stages/dev";
  auto m = router.Match("GET", "/tags/" + PercentEncode(arn), {});
  REQUIRE(m);
  CHECK(m->operation->name == "GetTags");
  CHECK(m->labels[0].second == arn);
  m = router.Match("PUT", "/tags/" + arn, {});
  REQUIRE(m);
  CHECK(m->operation->name == "TagResource");
  CHECK(m->labels[0].second == arn);

  OperationRouter v2(Model("apigatewayv2"));
  m = v2.Match("GET", "/v2/tags/arn%3Aaws%3Aapigateway%3Aeu-west-1%3A%3A%2Fapis%2Fxyz", {});
  REQUIRE(m);
  CHECK(m->operation->name == "GetTags");
  CHECK(m->labels[0].second == "arn:aws:apigateway:eu-west-1::/apis/xyz");
  // A raw slash in a label that is not an ARN is not absorbed.
  CHECK(!router.Match("GET", "/restapis/a/b", {}).has_value());
}

TEST_CASE("unknown paths, wrong methods and odd paths match nothing") {
  OperationRouter router(Model("apigateway"));
  CHECK(!router.Match("GET", "/nope", {}));
  CHECK(!router.Match("PUT", "/restapis", {}));
  CHECK(!router.Match("BREW", "/restapis", {}));
  CHECK(!router.Match("GET", "/restapis//stages", {}));  // an empty label
  CHECK(!router.Match("GET", "/restapis/a//", {}));
  CHECK(!router.Match("GET", "", {}));
  CHECK(!router.Match("GET", "restapis", {}));
  CHECK(router.Match("GET", "/restapis/abc/stages", {})->operation->name == "GetStages");
}

TEST_CASE("one trailing slash is ignored (AWS CLI 2.9 sends ListFunctions as /2015-03-31/functions/)") {
  OperationRouter lambda(Model("lambda"));
  CHECK(lambda.Match("GET", "/2015-03-31/functions/", {})->operation->name == "ListFunctions");
  CHECK(lambda.Match("GET", "/2015-03-31/functions/f/", {})->operation->name == "GetFunction");
  OperationRouter router(Model("apigateway"));
  CHECK(router.Match("GET", "/restapis/", {})->operation->name == "GetRestApis");
  CHECK(router.Match("GET", "/", {}) == std::nullopt);
}

TEST_CASE("labels are decoded after splitting; literals compare decoded") {
  OperationRouter router(Model("apigateway"));
  auto m = router.Match("GET", "/restapis/a%2Fb/resources/r%20r", {});
  REQUIRE(m);
  CHECK(m->operation->name == "GetResource");
  CHECK(m->labels[0].second == "a/b");
  CHECK(m->labels[1].second == "r r");
  OperationRouter mgmt(Model("apigatewaymanagementapi"));
  m = mgmt.Match("POST", "/%40connections/abc%3D", {});
  REQUIRE(m);
  CHECK(m->operation->name == "PostToConnection");
  CHECK(m->labels[0].second == "abc=");
}

TEST_CASE("greedy labels take the rest of the path") {
  const char* json =
      R"({"operations":{"Get":{"http":{"method":"GET","requestUri":"/files/{Key+}"},"input":"In"},
                        "List":{"http":{"method":"GET","requestUri":"/files/list/{Id}"},"input":"In"}},
          "shapes":{"In":{"type":"structure","members":{}}}})";
  ServiceModels models(std::map<std::string, std::string_view>{{"t", json}});
  OperationRouter router(*models.Get("t"));
  auto m = router.Match("GET", "/files/a/b%20c/d", {});
  REQUIRE(m);
  CHECK(m->operation->name == "Get");
  CHECK(m->labels[0].second == "a/b c/d");
  // Literals beat labels, labels beat greedy labels.
  CHECK(router.Match("GET", "/files/list/7", {})->operation->name == "List");
  CHECK(!router.Match("GET", "/files", {}));
}

TEST_CASE("SigV4 credential scopes from the Authorization header or the query") {
  auto s = ParseCredentialScope("AKID/20260101/eu-west-2/lambda/aws4_request");
  REQUIRE(s);
  CHECK(s->access_key == "AKID");
  CHECK(s->region == "eu-west-2");
  CHECK(s->service == "lambda");
  CHECK(!ParseCredentialScope("AKID/20260101/eu-west-2/lambda"));
  CHECK(!ParseCredentialScope("AKID/20260101/eu-west-2/lambda/aws4_requestX"));
  CHECK(!ParseCredentialScope("////"));
  CHECK(!ParseCredentialScope(""));

  net::HttpRequest r = testing::Request("GET", "/restapis");
  CHECK(!ParseSigV4Scope(r));
  r.headers.Add("Authorization",
                "AWS4-HMAC-SHA256 SignedHeaders=host, Credential=AK/20260101/ap-south-1/apigateway/aws4_request, "
                "Signature=00");
  REQUIRE(ParseSigV4Scope(r));
  CHECK(ParseSigV4Scope(r)->region == "ap-south-1");

  net::HttpRequest presigned = testing::Request(
      "GET", "/restapis?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AK%2F20260101%2Fsa-east-1%2Fapigateway%2Faws4_request");
  REQUIRE(ParseSigV4Scope(presigned));
  CHECK(ParseSigV4Scope(presigned)->region == "sa-east-1");

  net::HttpRequest garbage = testing::Request("GET", "/");
  garbage.headers.Add("Authorization", "Basic dXNlcjpwYXNz");
  CHECK(!ParseSigV4Scope(garbage));
  garbage.headers.Set("Authorization", "AWS4-HMAC-SHA256 Credential=");
  CHECK(!ParseSigV4Scope(garbage));
}

TEST_CASE("the scope's service picks the model; apigateway serves v1 and v2") {
  SigV4Scope apigw{"AK", "20260101", "us-east-1", "apigateway"};
  SigV4Scope lambda{"AK", "20260101", "us-east-1", "lambda"};
  SigV4Scope execute{"AK", "20260101", "us-east-1", "execute-api"};
  SigV4Scope other{"AK", "20260101", "us-east-1", "s3"};
  CHECK(ResolveService("/restapis", apigw) == "apigateway");
  CHECK(ResolveService("/v2/apis", apigw) == "apigatewayv2");
  CHECK(ResolveService("/2015-03-31/functions", lambda) == "lambda");
  CHECK(ResolveService("/@connections/x", execute) == "apigatewaymanagementapi");
  CHECK(ResolveService("/2015-03-31/functions", other) == "lambda");
  CHECK(ResolveService("/v2/apis", std::nullopt) == "apigatewayv2");
  CHECK(ResolveService("/2015-03-31/functions", std::nullopt) == "lambda");
  CHECK(ResolveService("/2015-3-31/functions", std::nullopt) == "apigateway");
  CHECK(ResolveService("/@connections/x", std::nullopt) == "apigatewaymanagementapi");
  CHECK(ResolveService("/restapis", std::nullopt) == "apigateway");
  CHECK(ResolveService("", std::nullopt) == "apigateway");
}

}  // namespace
}  // namespace apigw::cp
