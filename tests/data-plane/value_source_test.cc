// Tests of data-plane/rest/value_source: mapping expressions.
#include <doctest/doctest.h>

#include <map>

#include "data-plane/rest/value_source.h"

using namespace apigw;
using namespace apigw::dp;
using K = ValueSource::Kind;

namespace {

std::map<std::string, std::string, std::less<>> vars = {{"host", "example.com"}};

std::optional<ValueSource> P(std::string_view expr) {
  return ValueSource::Parse(expr, [](std::string_view name) -> const std::string* {
    auto it = vars.find(name);
    return it == vars.end() ? nullptr : &it->second;
  });
}

}  // namespace

TEST_CASE("value source: every documented form") {
  CHECK(P("method.request.path.id")->kind == K::kMethodPath);
  CHECK(P("method.request.path.id")->name == "id");
  CHECK(P("method.request.querystring.q")->kind == K::kMethodQuery);
  CHECK(P("method.request.multivaluequerystring.q")->kind == K::kMethodMultiQuery);
  CHECK(P("method.request.header.X-Token")->kind == K::kMethodHeader);
  CHECK(P("method.request.header.X-Token")->name == "X-Token");
  CHECK(P("method.request.multivalueheader.X")->kind == K::kMethodMultiHeader);
  CHECK(P("method.request.body")->kind == K::kMethodBody);
  CHECK(P("method.request.body.a.b")->kind == K::kMethodBodyPath);
  CHECK(P("integration.response.header.X")->kind == K::kIntegrationHeader);
  CHECK(P("integration.response.multivalueheader.X")->kind == K::kIntegrationMultiHeader);
  CHECK(P("integration.response.body")->kind == K::kIntegrationBody);
  CHECK(P("integration.response.body.items[0].id")->kind == K::kIntegrationBodyPath);
  CHECK(P("context.requestId")->kind == K::kContext);
  CHECK(P("context.identity.sourceIp")->name == "identity.sourceIp");

  auto s = P("'static value'");
  REQUIRE(s);
  CHECK(s->kind == K::kStatic);
  CHECK(s->name == "static value");
  CHECK(P("''")->name.empty());

  auto v = P("stageVariables.host");
  REQUIRE(v);
  CHECK(v->kind == K::kStatic);  // resolved at compile time
  CHECK(v->name == "example.com");
  CHECK(P("stageVariables.missing")->kind == K::kAbsent);
}

TEST_CASE("value source: malformed expressions are refused") {
  CHECK_FALSE(P(""));
  CHECK_FALSE(P("'"));
  CHECK_FALSE(P("method.request.path."));
  CHECK_FALSE(P("method.request.cookie.x"));
  CHECK_FALSE(P("method.request.bodyx"));
  CHECK_FALSE(P("method.request.body.a["));
  CHECK_FALSE(P("integration.response.status"));
  CHECK_FALSE(P("context."));
  CHECK_FALSE(P("requestId"));
  CHECK(P("method.request.path.id")->reads_request());
  CHECK(P("integration.response.body")->reads_response());
  CHECK_FALSE(P("'x'")->reads_request());
}

TEST_CASE("header values lose CR, LF and NUL") {
  CHECK(SanitizeHeaderValue("a\r\nSet-Cookie: x=1") == "aSet-Cookie: x=1");
  CHECK(SanitizeHeaderValue(std::string("a\0b", 3)) == "ab");
  CHECK(SanitizeHeaderValue("plain value") == "plain value");
}

TEST_CASE("value source: body paths are Jayway JSONPath, compiled once") {
  auto parse = P;
  for (const char* ok : {"integration.response.body.a.b[0].c", "integration.response.body['d e']", "integration.response.body['a'][0]",
                         "integration.response.body.items[*].id", "integration.response.body..id",
                         "method.request.body.a[-1]"}) {
    std::string expr = ok;
    CAPTURE(expr);
    std::optional<ValueSource> v = parse(ok);
    REQUIRE(v);
    CHECK(v->path.has_value());
  }
  CHECK(parse("integration.response.body.a.b[0].c")->path->definite());
  CHECK_FALSE(parse("integration.response.body.items[*].id")->path->definite());
  for (const char* bad : {"integration.response.body.", "integration.response.body.a[1", "method.request.body.a["}) {
    std::string expr = bad;
    CAPTURE(expr);
    CHECK_FALSE(parse(bad));
  }
}
