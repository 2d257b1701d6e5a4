// Tests of vtl/apigateway/mapping_context: building a template's variables,
// reading overrides back, and rendering one template from many threads.
#include <doctest/doctest.h>

#include <atomic>
#include <thread>

#include "vtl/apigateway/mapping_context.h"

using namespace apigw::vtl;

namespace {

std::string Render(const std::string& source, MappingInput in, Context* ctx) {
  PrepareContext(std::move(in), ctx);
  auto t = Template::Parse(source);
  REQUIRE(t.ok());
  auto out = (*t)->Render(*ctx);
  REQUIRE_MESSAGE(out.ok(), out.status().ToString());
  return *out;
}

}  // namespace

TEST_CASE("mapping context: variables and null handling") {
  MappingInput in;
  in.body = R"({"name": "Ann", "tags": ["a", "b"]})";
  in.path_parameters = {{"id", "7"}};
  in.query_parameters = {{"q", "x"}, {"q", "last wins"}};
  in.headers = {{"Content-Type", "application/json"}};
  in.stage_variables = {{"env", "dev"}};
  Map identity;
  identity.Put("sourceIp", Value::String("127.0.0.1"));
  Map c;
  c.Put("requestId", Value::String("r-1"));
  c.Put("identity", Value::NewMap(identity));
  in.context = Value::NewMap(c);
  Context ctx;
  CHECK(Render("$input.path('$.name') $input.json('$.tags') $input.params('id') $input.params('q') "
               "$input.params('content-type') $stageVariables.env $context.requestId "
               "$context.identity.sourceIp [$context.identity.user] [$nothing]",
               in, &ctx) ==
        "Ann [\"a\",\"b\"] 7 last wins application/json dev r-1 127.0.0.1 [] []");
  CHECK(ctx.null_references == NullReferences::kEmptyString);
}

TEST_CASE("mapping context: overrides set by the template") {
  Context ctx;
  Render("#set($context.responseOverride.status = 201)"
         "#set($context.responseOverride.header.X-Id = \"abc\")"
         "#set($context.requestOverride.header.multi = [\"1\", \"2\"])"
         "#set($context.requestOverride.path.p = \"pv\")"
         "#set($context.requestOverride.querystring.q = 5)",
         MappingInput(), &ctx);
  Overrides o = ReadOverrides(ctx);
  REQUIRE(o.status.has_value());
  CHECK(*o.status == 201);
  CHECK(o.response_headers == Params{{"X-Id", "abc"}});
  CHECK(o.request_headers == Params{{"multi", "1"}, {"multi", "2"}});
  CHECK(o.request_path == Params{{"p", "pv"}});
  CHECK(o.request_querystring == Params{{"q", "5"}});

  Context none;
  Render("{}", MappingInput(), &none);
  Overrides empty = ReadOverrides(none);
  CHECK_FALSE(empty.status.has_value());
  CHECK(empty.response_headers.empty());
  Context text_status;
  Render("#set($context.responseOverride.status = \"404\")", MappingInput(), &text_status);
  CHECK(ReadOverrides(text_status).status == 404);
}

TEST_CASE("mapping context: a non-JSON body fails only when read as JSON") {
  MappingInput in;
  in.body = "not json";
  Context a;
  CHECK(Render("$input.body", in, &a) == "not json");
  Context b;
  PrepareContext(in, &b);
  auto t = Template::Parse("$input.json('$')");
  REQUIRE(t.ok());
  auto out = (*t)->Render(b);
  REQUIRE_FALSE(out.ok());
  CHECK(out.status().http_status() == 400);
  CHECK(out.status().message().find("Could not parse request body into json") != std::string::npos);
}

TEST_CASE("one parsed template renders concurrently") {
  auto t = Template::Parse(
      "#set($items = $input.path('$.items'))"
      "#foreach($i in $items)$util.escapeJavaScript($i.name)#if($foreach.hasNext),#end#end"
      "|$input.params('n')");
  REQUIRE(t.ok());
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int th = 0; th < 8; ++th) {
    threads.emplace_back([&, th] {
      for (int k = 0; k < 200; ++k) {
        MappingInput in;
        in.body = R"({"items": [{"name": "a'1"}, {"name": "b"}]})";
        in.query_parameters = {{"n", std::to_string(th * 1000 + k)}};
        Context ctx;
        PrepareContext(std::move(in), &ctx);
        auto out = (*t)->Render(ctx);
        if (!out.ok() || *out != "a\\'1,b|" + std::to_string(th * 1000 + k)) ++failures;
      }
    });
  }
  for (auto& th : threads) th.join();
  CHECK(failures == 0);
}
