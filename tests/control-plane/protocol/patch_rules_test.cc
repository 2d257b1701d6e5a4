// Tests of patch operations: every op, JSON-pointer escapes, rule patterns,
// and AWS's wording for bad paths, ops and values.
#include <doctest/doctest.h>

#include "control-plane/protocol/patch_rules.h"
#include "test_support.h"

namespace apigw::cp {
namespace {

using testing::Parse;

JsonDoc Ops(const std::string& json) { return Parse(R"({"patchOperations":)" + json + "}"); }

// Applies `ops` to `doc_json` and returns the document (or the error).
StatusOr<std::string> Patch(const PatchRules& rules, const std::string& doc_json, const std::string& ops) {
  JsonDoc doc = Parse(doc_json);
  JsonDoc input = Ops(ops);
  Status st = rules.Apply(input, doc, doc.GetAllocator());
  if (!st.ok()) return st;
  return ToJson(doc);
}

TEST_CASE("JSON-pointer escapes") {
  CHECK(SplitPatchPath("/~1pets/GET/throttling/rateLimit") ==
        std::vector<std::string>{"/pets", "GET", "throttling", "rateLimit"});
  CHECK(SplitPatchPath("/a~0b~01") == std::vector<std::string>{"a~b~1"});
  CHECK(SplitPatchPath("/") == std::vector<std::string>{""});
  CHECK(SplitPatchPath("").empty());
  CHECK(SplitPatchPathRaw("/~1pets/GET") == std::vector<std::string>{"~1pets", "GET"});
  CHECK(EscapePointerToken("a/b~c") == "a~1b~0c");
  CHECK(UnescapePointerToken(EscapePointerToken("/x~1/y")) == "/x~1/y");
  CHECK(UnescapePointerToken("~2~") == "~2~");
}

TEST_CASE("reading patchOperations") {
  std::vector<PatchOperation> ops =
      ReadPatchOperations(Ops(R"([{"op":"replace","path":"/a","value":"1"},{"op":"bogus"},{"op":"copy","from":"/b","path":"/c"}])"));
  REQUIRE(ops.size() == 2);
  CHECK(ops[0].op == PatchOp::kReplace);
  CHECK(*ops[0].value == "1");
  CHECK(ops[1].op == PatchOp::kCopy);
  CHECK(*ops[1].from == "/b");
  CHECK(!ops[1].value);
  CHECK(ReadPatchOperations(Parse("{}")).empty());
  CHECK(ParsePatchOp("move") == PatchOp::kMove);
  CHECK(!ParsePatchOp("MOVE"));
}

TEST_CASE("scalar rules: replace converts, remove deletes, nested targets are created") {
  PatchRules rules;
  rules.String("/name", "name")
      .String("/description", "description", {PatchOp::kReplace, PatchOp::kRemove})
      .Bool("/enabled", "enabled")
      .Int("/minimumCompressionSize", "minimumCompressionSize")
      .Double("/throttle/rateLimit", "throttle.rateLimit")
      .String("/endpointConfiguration/ipAddressType", "endpointConfiguration.ipAddressType");
  auto r = Patch(rules, R"({"name":"a","description":"d"})",
                 R"([{"op":"replace","path":"/name","value":"b"},{"op":"replace","path":"/enabled","value":"TRUE"},
                     {"op":"replace","path":"/minimumCompressionSize","value":"10"},{"op":"remove","path":"/description"},
                     {"op":"replace","path":"/throttle/rateLimit","value":"0.5"},
                     {"op":"replace","path":"/endpointConfiguration/ipAddressType","value":"dualstack"}])");
  REQUIRE(r.ok());
  CHECK(*r == R"({"name":"b","enabled":true,"minimumCompressionSize":10,"throttle":{"rateLimit":0.5},)"
              R"("endpointConfiguration":{"ipAddressType":"dualstack"}})");
  // replace without a value clears a string.
  r = Patch(rules, R"({"name":"a","description":"d"})", R"([{"op":"replace","path":"/description"}])");
  CHECK(*r == R"({"name":"a"})");
  // Bad values.
  for (const char* ops : {R"([{"op":"replace","path":"/enabled","value":"yes"}])",
                          R"([{"op":"replace","path":"/minimumCompressionSize","value":"1.5"}])",
                          R"([{"op":"replace","path":"/minimumCompressionSize"}])",
                          R"([{"op":"replace","path":"/throttle/rateLimit","value":"fast"}])"}) {
    auto bad = Patch(rules, "{}", ops);
    REQUIRE_MESSAGE(!bad.ok(), ops);
    CHECK(bad.status().type() == "BadRequestException");
  }
}

TEST_CASE("string lists: the item is the path's last token, unescaped") {
  PatchRules rules(PatchRules::ErrorStyle::kPlain);
  rules.StringList("/binaryMediaTypes/{type}", "binaryMediaTypes");
  auto r = Patch(rules, "{}", R"([{"op":"add","path":"/binaryMediaTypes/image~1png"},
                                  {"op":"add","path":"/binaryMediaTypes/image~1gif"},
                                  {"op":"add","path":"/binaryMediaTypes/image~1png"}])");
  REQUIRE(r.ok());
  CHECK(*r == R"({"binaryMediaTypes":["image/png","image/gif"]})");
  r = Patch(rules, R"({"binaryMediaTypes":["image/png","image/gif"]})",
            R"([{"op":"remove","path":"/binaryMediaTypes/image~1png"},{"op":"remove","path":"/binaryMediaTypes/none"}])");
  CHECK(*r == R"({"binaryMediaTypes":["image/gif"]})");
  // Recorded: "add /binaryMediaTypes/-" adds "-" (the value is ignored).
  r = Patch(rules, "{}", R"([{"op":"add","path":"/binaryMediaTypes/-","value":"image/png"}])");
  CHECK(*r == R"({"binaryMediaTypes":["-"]})");
  // Recorded (update-rest-api-add-base-path): the bare list path is not a path.
  auto bad = Patch(rules, "{}", R"([{"op":"add","path":"/binaryMediaTypes","value":"image/gif"}])");
  CHECK(bad.status().message() == "Invalid patch path /binaryMediaTypes");
}

TEST_CASE("string maps: add/replace set a key, remove deletes it; empty values are refused") {
  PatchRules rules;
  rules.StringMap("/variables/{name}", "variables").StringMap("/responseTemplates/{type}", "responseTemplates");
  auto r = Patch(rules, R"({"variables":{"old":"1"}})",
                 R"([{"op":"add","path":"/variables/a.b","value":"x"},{"op":"replace","path":"/variables/old","value":"2"},
                     {"op":"remove","path":"/variables/none"}])");
  REQUIRE(r.ok());
  CHECK(*r == R"({"variables":{"old":"2","a.b":"x"}})");
  r = Patch(rules, R"({"variables":{"old":"1"}})", R"([{"op":"remove","path":"/variables/old"}])");
  CHECK(*r == R"({"variables":{}})");
  auto bad = Patch(rules, "{}", R"([{"op":"replace","path":"/responseTemplates/application~1json"}])");
  CHECK(bad.status().message() == "Invalid null or empty value in responseTemplates");
  r = Patch(rules, "{}", R"([{"op":"add","path":"/responseTemplates/application~1json","value":"{}"}])");
  CHECK(*r == R"({"responseTemplates":{"application/json":"{}"}})");
}

TEST_CASE("patterns with captures reach stage method settings; literals beat captures") {
  PatchRules rules;
  rules.Int("/{resourcePath}/{httpMethod}/throttling/burstLimit",
            "methodSettings.{resourcePath}/{httpMethod}.throttlingBurstLimit")
      .Double("/{resourcePath}/{httpMethod}/throttling/rateLimit",
              "methodSettings.{resourcePath}/{httpMethod}.throttlingRateLimit")
      .String("/variables/name", "special");
  auto r = Patch(rules, "{}", R"([{"op":"replace","path":"/*/*/throttling/burstLimit","value":"100"},
                                  {"op":"replace","path":"/test/GET/throttling/burstLimit","value":"124"},
                                  {"op":"replace","path":"/~1pets/GET/throttling/rateLimit","value":"10"}])");
  REQUIRE(r.ok());
  CHECK(*r == R"({"methodSettings":{"*/*":{"throttlingBurstLimit":100},"test/GET":{"throttlingBurstLimit":124},)"
              R"("/pets/GET":{"throttlingRateLimit":10.0}}})");
}

TEST_CASE("custom rules see captures, raw tokens and the operation") {
  PatchRules rules;
  std::string seen;
  rules.Custom("/{resourcePath}/{httpMethod}/logging/loglevel", PatchOps::All(),
               [&seen](const PatchMatch& m, JsonValue& doc, JsonAlloc& alloc) {
                 seen = m.Var("resourcePath") + "|" + m.raw_vars.at("resourcePath") + "|" + m.Var("httpMethod") + "|" +
                        PatchOpName(m.operation->op) + "|" + m.operation->value.value_or("");
                 SetString(doc, "key", EscapePointerToken(m.Var("resourcePath")) + "/" + m.Var("httpMethod"), alloc);
                 return Status::Ok();
               });
  auto r = Patch(rules, "{}", R"([{"op":"replace","path":"/~1a~1b/POST/logging/loglevel","value":"INFO"}])");
  REQUIRE(r.ok());
  CHECK(seen == "/a/b|~1a~1b|POST|replace|INFO");
  CHECK(*r == R"({"key":"~1a~1b/POST"})");
  rules.Custom("/fail", {PatchOp::kReplace},
               [](const PatchMatch&, JsonValue&, JsonAlloc&) { return Status::BadRequest("custom says no"); });
  CHECK(Patch(rules, "{}", R"([{"op":"replace","path":"/fail"}])").status().message() == "custom says no");
}

TEST_CASE("copy, move and test between scalar rules") {
  PatchRules rules;
  rules.String("/a", "a", PatchOps::All()).String("/b", "b", PatchOps::All()).String("/c", "c", {PatchOp::kReplace});
  auto r = Patch(rules, R"({"a":"1"})", R"([{"op":"copy","from":"/a","path":"/b"}])");
  CHECK(*r == R"({"a":"1","b":"1"})");
  r = Patch(rules, R"({"a":"1"})", R"([{"op":"move","from":"/a","path":"/b"}])");
  CHECK(*r == R"({"b":"1"})");
  CHECK(Patch(rules, R"({"a":"1"})", R"([{"op":"test","path":"/a","value":"1"}])").ok());
  CHECK(!Patch(rules, R"({"a":"1"})", R"([{"op":"test","path":"/a","value":"2"}])").ok());
  CHECK(!Patch(rules, R"({"a":"1"})", R"([{"op":"copy","path":"/b"}])").ok());
  CHECK(!Patch(rules, R"({"a":"1"})", R"([{"op":"copy","from":"/zzz","path":"/b"}])").ok());
  CHECK(!Patch(rules, R"({})", R"([{"op":"copy","from":"/a","path":"/b"}])").ok());
}

TEST_CASE("errors in the resource style, as recorded") {
  PatchRules resource;  // UpdateResource
  resource.String("/parentId", "parentId").String("/pathPart", "pathPart");
  // invalid-path-part
  CHECK(Patch(resource, "{}", R"([{"op":"replace","path":"/invalid","value":"dogs"}])").status().message() ==
        "Invalid patch path  '/invalid' specified for op 'replace'. Must be one of: [/parentId, /pathPart]");
  // remove-unsupported, add-unsupported
  CHECK(Patch(resource, "{}", R"([{"op":"remove","path":"/pathPart"}])").status().message() ==
        "Invalid patch path  '/pathPart' specified for op 'remove'. Please choose supported operations");
  CHECK(Patch(resource, "{}", R"([{"op":"add","path":"/pathPart","value":"x"}])").status().message() ==
        "Invalid patch path  '/pathPart' specified for op 'add'. Please choose supported operations");
  // update-model-invalid-op
  PatchRules model;
  model.String("/description", "description").String("/schema", "schema");
  CHECK(Patch(model, "{}", R"([{"op":"add","path":"/wrong-path","value":"x"}])").status().message() ==
        "Invalid patch path  '/wrong-path' specified for op 'add'. Please choose supported operations");
  CHECK(Patch(model, "{}", R"([{"op":"replace","path":"/name","value":"x"}])").status().message() ==
        "Invalid patch path  '/name' specified for op 'replace'. Must be one of: [/description, /schema]");
  CHECK(Patch(model, "{}", R"([{"op":"replace","path":"/name","value":"x"}])").status().http_status() == 400);
}

TEST_CASE("errors in the plain style, as recorded") {
  PatchRules api(PatchRules::ErrorStyle::kPlain);  // UpdateRestApi
  api.Int("/minimumCompressionSize", "minimumCompressionSize").StringList("/binaryMediaTypes/{t}", "binaryMediaTypes");
  // unsupported-operation
  CHECK(Patch(api, "{}", R"([{"op":"add","path":"/minimumCompressionSize","value":"10"}])").status().message() ==
        "Invalid patch operation specified. Must be one of: [replace]");
  CHECK(Patch(api, "{}", R"([{"op":"replace","path":"/nope","value":"1"}])").status().message() ==
        "Invalid patch path /nope");
  // update-gateway-no-path
  CHECK(Patch(api, "{}", R"([{"op":"add","value":"'example.com'"}])").status().message() == "Invalid patch path null");
}

TEST_CASE("custom error wording, and a failure stops at the first error") {
  PatchRules stage;
  stage.String("/description", "description").OnError([](const PatchOperation& op, PatchError, const std::vector<std::string>&) {
    return Status::BadRequest("Invalid method setting path: " + op.path.value_or("null") + ". Must be one of: [...]");
  });
  JsonDoc doc = Parse("{}");
  Status st = stage.Apply(Ops(R"([{"op":"replace","path":"/description","value":"d"},{"op":"replace","path":"/bad"},
                                  {"op":"replace","path":"/description","value":"never"}])"),
                          doc, doc.GetAllocator());
  CHECK(st.message() == "Invalid method setting path: /bad. Must be one of: [...]");
  CHECK(ToJson(doc) == R"({"description":"d"})");
}

TEST_CASE("hostile patches never crash") {
  PatchRules rules;
  rules.String("/a/{x}", "a.{x}", PatchOps::All()).StringList("/l/{i}", "l").StringMap("/m/{k}", "m");
  for (const char* ops : {R"([{"op":"replace","path":"/a/~1~0~"}])", R"([{"op":"add","path":"/l/"}])",
                          R"([{"op":"add","path":"///"}])", R"([{"op":"remove","path":""}])",
                          R"([{"op":"copy","from":"/a/x","path":"/a/y"}])", R"([{"op":"move","from":"/l/x","path":"/a/y"}])",
                          R"([{"op":"add","path":"/m/k","value":""}])", R"([1, "x", null, {"op":"add"}])"}) {
    JsonDoc doc = Parse(R"({"a":"notAnObject","l":{"x":1},"m":[1]})");
    Status st = rules.Apply(Ops(ops), doc, doc.GetAllocator());
    CHECK(st.http_status() >= 200);
  }
}

}  // namespace
}  // namespace apigw::cp
