// Tests of vtl/apigateway/mapping_context: building a template's variables,
// reading overrides back, and rendering one template from many threads.
#include <doctest/doctest.h>

#include <algorithm>
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

TEST_CASE("mapping context: JSONPath functions through $input.json and $input.path") {
  MappingInput in;
  in.body = R"({"items": [{"p": 5}, {"p": 50}], "tags": ["a", "b", "c"]})";
  Context ctx;
  CHECK(Render("$input.json('$.tags.length()')|$input.path('$.tags.length()')|"
               "#set($n = $input.path('$.tags.length()') + 1)$n|$input.json('$.items[*].p.max()')|"
               "$input.path('$.items[*].p.sum()')|$input.json('$.nothing.max()')|$input.path('$.nothing.max()')|"
               "$input.json('$.items[?(@.p in [50])].p')",
               in, &ctx) == "3|3|4|50.0|55.0|\"\"||[50]");
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

TEST_CASE("JavaHashMap: keys iterate as a Java HashMap's do") {
  // Recorded on AWS (LocalStack's test_apigateway_sqs.snapshot.json,
  // test_sqs_amz_json_protocol): $context.keySet() and $context.identity.keySet().
  const std::vector<std::string> context_keys = {
      "resourceId", "resourcePath", "httpMethod", "extendedRequestId", "requestTime", "path",
      "accountId", "protocol", "requestOverride", "stage", "domainPrefix", "requestTimeEpoch",
      "requestId", "identity", "domainName", "deploymentId", "responseOverride", "apiId"};
  const std::vector<std::string> identity_keys = {
      "cognitoIdentityPoolId", "accountId", "cognitoIdentityId", "caller", "sourceIp", "principalOrgId",
      "accessKey", "cognitoAuthenticationType", "cognitoAuthenticationProvider", "userArn", "userAgent", "user"};
  auto keys_of = [](const Value& m) {
    std::vector<std::string> out;
    for (const auto& e : m.map().entries()) out.push_back(e.first);
    return out;
  };
  auto put_sorted = [](std::vector<std::string> keys) {
    // Alphabetical insertion: only keys sharing a bucket keep the insertion
    // order, so the recorded order is what the hashing gives, up to those.
    std::sort(keys.begin(), keys.end());
    std::vector<std::pair<std::string, Value>> entries;
    for (auto& k : keys) entries.emplace_back(k, Value::Int(1));
    return entries;
  };
  std::vector<std::string> got = keys_of(JavaHashMap(put_sorted(context_keys)));
  // Same buckets as recorded; within a bucket, insertion order.
  CHECK(got == std::vector<std::string>{"resourceId", "resourcePath", "httpMethod", "extendedRequestId",
                                        "requestTime", "accountId", "path", "protocol", "requestOverride",
                                        "stage", "domainPrefix", "requestTimeEpoch", "identity", "requestId",
                                        "deploymentId", "domainName", "responseOverride", "apiId"});
  std::vector<std::pair<std::string, Value>> recorded_order;
  for (const auto& k : context_keys) recorded_order.emplace_back(k, Value::Int(1));
  CHECK(keys_of(JavaHashMap(recorded_order)) == context_keys);
  std::vector<std::pair<std::string, Value>> reversed(recorded_order.rbegin(), recorded_order.rend());
  std::vector<std::string> reordered = keys_of(JavaHashMap(reversed));
  CHECK(reordered.front() == "resourceId");
  CHECK(reordered.back() == "apiId");
  CHECK(keys_of(JavaHashMap(put_sorted(identity_keys))) ==
        std::vector<std::string>{"cognitoIdentityPoolId", "accountId", "cognitoIdentityId", "caller",
                                 "principalOrgId", "sourceIp", "accessKey", "cognitoAuthenticationType",
                                 "cognitoAuthenticationProvider", "userArn", "userAgent", "user"});
  // Up to 12 keys fit a 16-bucket table; 13 need 32 buckets (different order).
  CHECK(keys_of(JavaHashMap(put_sorted({"a", "b", "q"}))) == std::vector<std::string>{"a", "q", "b"});
}

TEST_CASE("JavaHashMap: an unprintable map prints nothing but reads as a map") {
  Context ctx;
  MappingInput in;
  in.context = JavaHashMap({{"identity", JavaHashMap({{"sourceIp", Value::String("1.2.3.4")}}, true)},
                            {"plain", JavaHashMap({{"k", Value::String("v")}})}});
  CHECK(Render("[$context.identity][$context.get('identity')][$context.identity.sourceIp]"
               "[$context.identity.size()][$context.plain][$context.requestOverride.header]"
               "#set($m = $context.identity)[$m]#set($context.requestOverride.header.h = 1)"
               "[$context.requestOverride.header.h][$context.responseOverride]",
               in, &ctx) == "[][][1.2.3.4][1][{k=v}][][][1][]");
}

TEST_CASE("mapping context: an override is applied once per template") {
  // "Overrides are final. An override may only be applied to each parameter
  // once. If you try to override the same parameter multiple times, API
  // Gateway returns a 5XX response." (developer guide)
  auto render = [](const std::string& source) {
    Context ctx;
    PrepareContext(MappingInput(), &ctx);
    auto t = Template::Parse(source);
    REQUIRE(t.ok());
    return (*t)->Render(ctx);
  };
  for (const char* twice : {
           "#set($context.responseOverride.status = 400)#set($context.responseOverride.status = 404)",
           "#set($context.responseOverride.header.X = 1)#set($context.responseOverride.header.X = 2)",
           "#set($context.requestOverride.querystring.q = 1)$context.requestOverride.querystring.put('q', 2)",
           "#set($context.requestOverride.header['h'] = 1)#set($context.requestOverride.header.h = 2)",
           "#set($context.requestOverride.path.p = 1)$context.requestOverride.path.putAll({'o': 1, 'p': 2})",
           "#foreach($i in [1..2])#set($context.requestOverride.header.loop = $i)#end",
           "#set($h = $context.requestOverride.header)#set($h.a = 1)#set($context.requestOverride.header.a = 2)",
       }) {
    CAPTURE(twice);
    auto out = render(twice);
    REQUIRE_FALSE(out.ok());
    CHECK(out.status().message().find("an override may only be applied once") != std::string::npos);
  }
  for (const char* once : {
           "#set($context.responseOverride.status = 400)#set($context.responseOverride.header.X = 1)"
           "#set($context.requestOverride.header.X = 1)#set($context.requestOverride.querystring.X = 1)"
           "#set($context.requestOverride.path.X = 1)ok",
           "#set($s = 400)#set($s = 404)#set($context.responseOverride.status = $s)ok",
           "$!context.requestOverride.header.putIfAbsent('a', 1)$!context.requestOverride.header.putIfAbsent('a', 2)"
           "#set($context.requestOverride.header.b = 1)$context.requestOverride.header.remove('b')ok",
           "#set($m = {})#set($m.a = 1)#set($m.a = 2)#set($context.other = 1)#set($context.other = 2)ok",
       }) {
    CAPTURE(once);
    auto out = render(once);
    REQUIRE_MESSAGE(out.ok(), out.status().ToString());
    CHECK(out->substr(out->size() - 2) == "ok");
  }
  // Each render has its own count: a template renders again and again.
  auto t = Template::Parse("#set($context.responseOverride.status = 201)");
  REQUIRE(t.ok());
  Context shared;
  PrepareContext(MappingInput(), &shared);
  CHECK((*t)->Render(shared).ok());
  CHECK((*t)->Render(shared).ok());
}
