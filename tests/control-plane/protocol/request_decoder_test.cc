// Tests of request decoding: every location, type conversion, payloads,
// apigatewayv2's camelCase wire names, and the services' decode errors.
#include <doctest/doctest.h>

#include "base/base64.h"
#include "control-plane/protocol/operation_router.h"
#include "control-plane/protocol/request_decoder.h"
#include "test_support.h"

namespace apigw::cp {
namespace {

using testing::Model;
using testing::Request;

// Routes and decodes like the dispatcher does.
StatusOr<JsonDoc> Decode(const std::string& service, net::HttpRequest request) {
  OperationRouter router(Model(service));
  std::optional<RouteMatch> m = router.Match(request.method, request.path, ParseQuery(request.query));
  if (!m) return Status::NotFound("no route");
  return DecodeRequest(*m->operation, m->labels, request, DialectFor(service));
}

TEST_CASE("URI labels, query scalars, lists and maps, and header members") {
  net::HttpRequest r = Request("GET", "/restapis/api1/stages/dev/exports/oas30?parameters=x&extensions=postman&a=1&a=2");
  r.headers.Add("Accept", "application/yaml");
  StatusOr<JsonDoc> in = Decode("apigateway", r);
  REQUIRE(in.ok());
  CHECK(GetString(*in, "restApiId") == "api1");
  CHECK(GetString(*in, "stageName") == "dev");
  CHECK(GetString(*in, "exportType") == "oas30");
  CHECK(GetString(*in, "accepts") == "application/yaml");
  const JsonValue* params = Member(*in, "parameters");
  REQUIRE(params);
  CHECK(GetString(*params, "extensions") == "postman");
  CHECK(GetString(*params, "a") == "1");  // a map of strings keeps the first value

  in = Decode("apigateway", Request("GET", "/restapis/api1/resources?embed=methods&embed=x&limit=10&position=p"));
  REQUIRE(in.ok());
  const JsonValue* embed = Member(*in, "embed");
  REQUIRE(embed);
  REQUIRE(embed->IsArray());
  CHECK(embed->Size() == 2);
  CHECK(GetInt(*in, "limit") == 10);
  CHECK(GetString(*in, "position") == "p");

  in = Decode("lambda", Request("DELETE", "/2017-03-31/tags/arn%3Aaws%3Alambda%3Aus-east-1%3A1%3Afunction%3Af?tagKeys=a&tagKeys=b%20c"));
  REQUIRE(in.ok());
  CHECK(GetString(*in, "Resource") == "arn:aws:lambda:us-east-1:1:function:f");
  REQUIRE(Member(*in, "TagKeys"));
  CHECK(ToJson(*Member(*in, "TagKeys")) == R"(["a","b c"])");
}

TEST_CASE("a query map takes the unbound parameters, but not literals or signature parameters") {
  StatusOr<JsonDoc> in = Decode("apigateway", Request("POST", "/restapis?mode=import&failonwarnings=true&basepath=prepend"
                                                              "&X-Amz-Signature=abc&endpointConfigurationTypes=REGIONAL",
                                                      "openapi: 3.0.1"));
  REQUIRE(in.ok());
  CHECK(GetBool(*in, "failOnWarnings") == true);
  CHECK(ToJson(*Member(*in, "parameters")) == R"({"basepath":"prepend","endpointConfigurationTypes":"REGIONAL"})");
  CHECK(GetString(*in, "body") == "openapi: 3.0.1");
}

TEST_CASE("query and header text converts to integers, booleans and lists") {
  StatusOr<JsonDoc> in = Decode("lambda", Request("GET", "/2015-03-31/functions?MaxItems=7&Marker=m&FunctionVersion=ALL"));
  REQUIRE(in.ok());
  CHECK(GetInt(*in, "MaxItems") == 7);
  CHECK((*in)["MaxItems"].IsInt64());
  CHECK(GetString(*in, "FunctionVersion") == "ALL");

  // Bad integers: apigateway words it the Coral way.
  in = Decode("apigateway", Request("GET", "/restapis?limit=abc"));
  REQUIRE(!in.ok());
  CHECK(in.status().http_status() == 400);
  CHECK(in.status().type() == "SerializationException");
  CHECK(in.status().message() == "class java.lang.String can not be converted to an Integer");
  in = Decode("apigateway", Request("GET", "/restapis?limit=99999999999"));
  CHECK(!in.ok());
  in = Decode("lambda", Request("GET", "/2015-03-31/functions?MaxItems=1.5"));
  REQUIRE(!in.ok());
  CHECK(in.status().type() == "ValidationException");
}

TEST_CASE("JSON body members by wire name; apigatewayv2 camelCase to PascalCase") {
  StatusOr<JsonDoc> in = Decode("apigatewayv2", Request("POST", "/v2/apis", R"({
      "name": "my-api", "protocolType": "HTTP", "disableExecuteApiEndpoint": true,
      "corsConfiguration": {"allowOrigins": ["*"], "maxAge": 300},
      "tags": {"k": "v"}, "unknownMember": 1})"));
  REQUIRE(in.ok());
  CHECK(GetString(*in, "Name") == "my-api");
  CHECK(GetString(*in, "ProtocolType") == "HTTP");
  CHECK(GetBool(*in, "DisableExecuteApiEndpoint") == true);
  const JsonValue* cors = Member(*in, "CorsConfiguration");
  REQUIRE(cors);
  CHECK(GetInt(*cors, "MaxAge") == 300);
  CHECK(ToJson(*Member(*cors, "AllowOrigins")) == R"(["*"])");
  CHECK(GetString(*Member(*in, "Tags"), "k") == "v");
  CHECK(!Member(*in, "unknownMember"));
  CHECK(!Member(*in, "name"));

  in = Decode("apigateway", Request("POST", "/restapis", R"({"name":"a","minimumCompressionSize":5,
      "binaryMediaTypes":["image/png"],"endpointConfiguration":{"types":["REGIONAL"]},"description":null})"));
  REQUIRE(in.ok());
  CHECK(GetString(*in, "name") == "a");
  CHECK(GetInt(*in, "minimumCompressionSize") == 5);
  CHECK(!Member(*in, "description"));  // JSON null is absent
}

TEST_CASE("blobs are base64-decoded from JSON bodies; raw payloads pass through") {
  std::string zip("PK\x03\x04\x00\xff", 6);
  std::string body = R"({"FunctionName":"f","Role":"arn:aws:iam::1:role/r","Code":{"ZipFile":")" + Base64Encode(zip) +
                     R"("},"Runtime":"python3.12","Handler":"h.h"})";
  StatusOr<JsonDoc> in = Decode("lambda", Request("POST", "/2015-03-31/functions", body));
  REQUIRE(in.ok());
  const JsonValue* code = Member(*in, "Code");
  REQUIRE(code);
  const JsonValue& zipfile = (*code)["ZipFile"];
  CHECK(std::string(zipfile.GetString(), zipfile.GetStringLength()) == zip);

  in = Decode("lambda", Request("POST", "/2015-03-31/functions", R"({"FunctionName":"f","Code":{"ZipFile":"@@@"}})"));
  REQUIRE(!in.ok());
  CHECK(in.status().type() == "InvalidRequestContentException");

  net::HttpRequest invoke = Request("POST", "/2015-03-31/functions/my-fn/invocations?Qualifier=live", "not json \x01");
  invoke.headers.Add("X-Amz-Invocation-Type", "Event");
  invoke.headers.Add("x-amz-log-type", "Tail");
  in = Decode("lambda", invoke);
  REQUIRE(in.ok());
  CHECK(GetString(*in, "FunctionName") == "my-fn");
  CHECK(GetString(*in, "Qualifier") == "live");
  CHECK(GetString(*in, "InvocationType") == "Event");
  CHECK(GetString(*in, "LogType") == "Tail");
  CHECK(GetString(*in, "Payload") == "not json \x01");

  in = Decode("apigateway", Request("PUT", "/restapis/abc?mode=overwrite&failonwarnings=true", "openapi: 3.0.1\n"));
  REQUIRE(in.ok());
  CHECK(GetString(*in, "body") == "openapi: 3.0.1\n");
  CHECK(GetString(*in, "mode") == "overwrite");
  CHECK(GetBool(*in, "failOnWarnings") == true);
}

TEST_CASE("wrong JSON types: apigateway answers SerializationException as recorded") {
  // Recorded: put_integration requestParameters {"x": true} ->
  // SerializationException "class java.lang.Boolean can not be converted to an String".
  StatusOr<JsonDoc> in = Decode("apigateway", Request("PUT", "/restapis/a/resources/r/methods/GET/integration",
                                                      R"({"type":"HTTP_PROXY","requestParameters":{"x":true}})"));
  REQUIRE(!in.ok());
  CHECK(in.status().http_status() == 400);
  CHECK(in.status().type() == "SerializationException");
  CHECK(in.status().message() == "class java.lang.Boolean can not be converted to an String");
  // responseTemplates {"application/json": 123}
  in = Decode("apigateway", Request("PUT", "/restapis/a/resources/r/methods/GET/integration/responses/200",
                                    R"({"responseTemplates":{"application/json":123}})"));
  REQUIRE(!in.ok());
  CHECK(in.status().message() ==
        "class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not be converted to an String");
  in = Decode("apigateway", Request("POST", "/restapis", R"({"name":["a"]})"));
  CHECK(in.status().type() == "SerializationException");
  in = Decode("apigateway", Request("POST", "/restapis", R"({"name":"a","minimumCompressionSize":"5"})"));
  CHECK(in.status().message() == "class java.lang.String can not be converted to an Integer");
  // Coral truncates fractional numbers.
  in = Decode("apigateway", Request("POST", "/restapis", R"({"name":"a","minimumCompressionSize":5.9})"));
  REQUIRE(in.ok());
  CHECK(GetInt(*in, "minimumCompressionSize") == 5);
}

TEST_CASE("malformed JSON bodies get each service's error") {
  StatusOr<JsonDoc> in = Decode("apigateway", Request("POST", "/restapis", "{\"name\": "));
  REQUIRE(!in.ok());
  CHECK(in.status().http_status() == 400);
  CHECK(in.status().type() == "SerializationException");

  in = Decode("lambda", Request("POST", "/2015-03-31/functions", "{oops"));
  REQUIRE(!in.ok());
  CHECK(in.status().type() == "InvalidRequestContentException");
  CHECK(in.status().message().rfind("Could not parse request body into json: ", 0) == 0);

  in = Decode("apigatewayv2", Request("POST", "/v2/apis", "[1,2]"));
  REQUIRE(!in.ok());
  CHECK(in.status().type() == "BadRequestException");

  in = Decode("lambda", Request("PUT", "/2015-03-31/functions/f/configuration", R"({"MemorySize":"big"})"));
  REQUIRE(!in.ok());
  CHECK(in.status().message() ==
        "Could not parse request body into json: Cannot deserialize value of type `java.lang.Integer` from String "
        "value (token `JsonToken.VALUE_STRING`)");

  // An empty or whitespace body is no body; so is JSON null.
  CHECK(Decode("apigateway", Request("POST", "/restapis", "  \r\n")).ok());
  CHECK(Decode("apigateway", Request("POST", "/restapis", "null")).ok());
}

TEST_CASE("timestamps in bodies and queries accept epoch seconds and ISO 8601") {
  StatusOr<JsonDoc> in = Decode("apigateway", Request("GET", "/usageplans/p/usage?startDate=2026-01-01&endDate=2026-01-31"));
  REQUIRE(in.ok());  // strings in the model; kept as they are
  CHECK(GetString(*in, "startDate") == "2026-01-01");
}

TEST_CASE("decoding never crashes on hostile input, for every operation") {
  const std::string deep(2000000, '[');  // a recursive parser would overflow the stack
  const char* bodies[] = {"", "{", "}", "[]", "\"s\"", "1e999", "{\"a\":", "{\"a\":[1,{\"b\":null}]}",
                          "{\"name\":{\"x\":{\"y\":[[[[]]]]}}}", "\xff\xfe", deep.c_str(),
                          "{\"Code\":{\"ZipFile\":12}}", "{\"patchOperations\":[{\"op\":1}]}", "null", "true"};
  for (const char* service : {"apigateway", "apigatewayv2", "lambda", "apigatewaymanagementapi"}) {
    const ServiceModel& model = Model(service);
    for (const Operation& op : model.operations()) {
      for (const char* body : bodies) {
        net::HttpRequest r = Request(op.method, "/x?limit=zz&MaxItems=-1&tagKeys=&a", body);
        r.headers.Add("X-Amz-Invocation-Type", "\x01\x02");
        r.headers.Add("Accept", "");
        UriLabels labels;
        for (const UriSegment& s : op.path)
          if (s.kind != UriSegment::Kind::kLiteral) labels.emplace_back(s.text, "%zz");
        StatusOr<JsonDoc> in = DecodeRequest(op, labels, r, DialectFor(service));
        if (!in.ok()) CHECK(in.status().http_status() >= 400);
      }
    }
  }
}

}  // namespace
}  // namespace apigw::cp
