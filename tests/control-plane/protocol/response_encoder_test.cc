// Tests of response and error encoding: status codes, headers, payloads, wire
// names, timestamp formats, and error bodies shaped by the models.
#include <doctest/doctest.h>

#include "control-plane/protocol/response_encoder.h"
#include "control-plane/protocol/service_errors.h"
#include "control-plane/protocol/timestamps.h"
#include "test_support.h"

namespace apigw::cp {
namespace {

using testing::Model;
using testing::Op;
using testing::Parse;

TEST_CASE("apigateway: JSON body with epoch-second timestamps, status from the model") {
  JsonDoc out = Parse(R"({"id":"abc","name":"n","createdDate":1767225600,"binaryMediaTypes":["image/png"],
                         "endpointConfiguration":{"types":["EDGE"]},"tags":{},"notInModel":1,"description":null})");
  net::HttpResponse r = EncodeResponse(Op("apigateway", "CreateRestApi"), &out, "req-1");
  CHECK(r.status == 201);
  CHECK(r.headers.GetOr("Content-Type", "") == "application/json");
  CHECK(r.headers.GetOr("x-amzn-RequestId", "") == "req-1");
  CHECK(r.body ==
        R"({"id":"abc","name":"n","createdDate":1767225600,"binaryMediaTypes":["image/png"],)"
        R"("endpointConfiguration":{"types":["EDGE"]},"tags":{}})");
}

TEST_CASE("apigatewayv2: camelCase wire names and ISO 8601 timestamps") {
  JsonDoc out = Parse(R"({"ApiId":"a1","Name":"n","ProtocolType":"HTTP","CreatedDate":1767225600.25,
                         "CorsConfiguration":{"AllowOrigins":["*"],"MaxAge":5},"Tags":{"K":"V"}})");
  net::HttpResponse r = EncodeResponse(Op("apigatewayv2", "GetApi"), &out, "req");
  CHECK(r.status == 200);
  JsonDoc body = Parse(r.body);
  CHECK(GetString(body, "apiId") == "a1");
  CHECK(GetString(body, "protocolType") == "HTTP");
  CHECK(GetString(body, "createdDate") == "2026-01-01T00:00:00.250Z");
  CHECK(GetInt(*Member(body, "corsConfiguration"), "maxAge") == 5);
  CHECK(GetString(*Member(body, "tags"), "K") == "V");  // map keys are data, not wire names
  CHECK(!Member(body, "ApiId"));
}

TEST_CASE("lambda Invoke: status-code member, header members, raw payload") {
  JsonDoc out;
  out.SetObject();
  out.AddMember("StatusCode", 202, out.GetAllocator());
  out.AddMember("FunctionError", "Unhandled", out.GetAllocator());
  out.AddMember("ExecutedVersion", "$LATEST", out.GetAllocator());
  std::string payload("{\"a\":1}\x00", 8);
  out.AddMember("Payload", JsonValue(payload.data(), rapidjson::SizeType(payload.size()), out.GetAllocator()),
                out.GetAllocator());
  net::HttpResponse r = EncodeResponse(Op("lambda", "Invoke"), &out, "req");
  CHECK(r.status == 202);
  CHECK(r.headers.GetOr("X-Amz-Function-Error", "") == "Unhandled");
  CHECK(r.headers.GetOr("X-Amz-Executed-Version", "") == "$LATEST");
  CHECK(r.body == payload);
}

TEST_CASE("apigateway GetExport: header members and a blob payload; Content-Type from the member") {
  JsonDoc out;
  out.SetObject();
  out.AddMember("contentType", "application/yaml", out.GetAllocator());
  out.AddMember("contentDisposition", "attachment; filename=\"x.yaml\"", out.GetAllocator());
  out.AddMember("body", "openapi: 3.0.1\n", out.GetAllocator());
  net::HttpResponse r = EncodeResponse(Op("apigateway", "GetExport"), &out, "req");
  CHECK(r.status == 200);
  CHECK(r.headers.GetAll("Content-Type") == std::vector<std::string>{"application/yaml"});
  CHECK(r.headers.GetOr("Content-Disposition", "") == "attachment; filename=\"x.yaml\"");
  CHECK(r.body == "openapi: 3.0.1\n");
}

TEST_CASE("operations without output answer their status with an empty body") {
  net::HttpResponse r = EncodeResponse(Op("apigateway", "DeleteRestApi"), nullptr, "req");
  CHECK(r.status == 202);
  CHECK(r.body.empty());
  CHECK(r.headers.Has("x-amzn-RequestId"));
  JsonDoc empty;
  empty.SetObject();
  r = EncodeResponse(Op("apigateway", "DeleteMethod"), &empty, "req");
  CHECK(r.status == 204);
  CHECK(r.body.empty());
  // An output with no members set is an empty JSON object.
  r = EncodeResponse(Op("apigateway", "GetAccount"), &empty, "req");
  CHECK(r.status == 200);
  CHECK(r.body == "{}");
  // Lambda DeleteFunction: the StatusCode member sets 204 and no body follows.
  JsonDoc status = Parse(R"({"StatusCode":204})");
  r = EncodeResponse(Op("lambda", "DeleteFunction"), &status, "req");
  CHECK(r.status == 204);
  CHECK(r.body.empty());
}

TEST_CASE("blobs are base64 in JSON bodies; header timestamps are HTTP dates") {
  const char* json = R"({"operations":{"Op":{"http":{"method":"GET","requestUri":"/x"},"output":"Out"}},
    "shapes":{"Out":{"type":"structure","members":{
       "Data":{"shape":"Blob"},"When":{"shape":"Time","location":"header","locationName":"X-When"},
       "Iso":{"shape":"Time","timestampFormat":"iso8601"},"Meta":{"shape":"Meta","location":"headers","locationName":"x-meta-"},
       "Count":{"shape":"Int"}}},
     "Blob":{"type":"blob"},"Time":{"type":"timestamp"},"Int":{"type":"integer"},
     "Meta":{"type":"map","key":{"shape":"Str"},"value":{"shape":"Str"}},"Str":{"type":"string"}}})";
  ServiceModels models(std::map<std::string, std::string_view>{{"t", json}});
  const Operation& op = *models.Get("t")->FindOperation("Op");
  JsonDoc out = Parse(R"({"Data":"hi","When":1767225600,"Iso":0,"Meta":{"a":"1"},"Count":3.0})");
  net::HttpResponse r = EncodeResponse(op, &out, "req");
  CHECK(r.body == R"({"Data":"aGk=","Iso":"1970-01-01T00:00:00Z","Count":3})");
  CHECK(r.headers.GetOr("X-When", "") == "Thu, 01 Jan 2026 00:00:00 GMT");
  CHECK(r.headers.GetOr("x-meta-a", "") == "1");
}

TEST_CASE("errors: apigateway {message}, model status code wins over the Status's") {
  net::HttpResponse r = EncodeError(&Model("apigateway"), Status::NotFound("Invalid API identifier specified 000000000000:x"), "rid");
  CHECK(r.status == 404);
  CHECK(r.headers.GetOr("x-amzn-ErrorType", "") == "NotFoundException");
  CHECK(r.headers.GetOr("x-amzn-RequestId", "") == "rid");
  CHECK(r.headers.GetOr("Content-Type", "") == "application/json");
  CHECK(r.body == R"({"message":"Invalid API identifier specified 000000000000:x"})");
  r = EncodeError(&Model("apigateway"), Status(400, "ConflictException", "dup"), "rid");
  CHECK(r.status == 409);
  r = EncodeError(&Model("apigateway"), Status(400, "ValidationException", "1 validation error detected: x"), "rid");
  CHECK(r.status == 400);
  CHECK(r.body == R"({"message":"1 validation error detected: x"})");
}

TEST_CASE("errors: lambda bodies follow the error shape (Type, Message or message)") {
  net::HttpResponse r = EncodeError(&Model("lambda"), Status(404, "ResourceNotFoundException", "Function not found: arn"), "rid");
  CHECK(r.status == 404);
  CHECK(r.body == R"({"Type":"User","Message":"Function not found: arn"})");
  r = EncodeError(&Model("lambda"), Status(400, "InvalidParameterValueException", "bad"), "rid");
  CHECK(r.body == R"({"Type":"User","message":"bad"})");
  r = EncodeError(&Model("lambda"), Status(500, "ServiceException", "boom"), "rid");
  CHECK(r.status == 500);
  CHECK(r.body == R"({"Type":"Service","Message":"boom"})");
  // Not in the model (as recorded: no Type).
  r = EncodeError(&Model("lambda"), Status(400, "ValidationException", "v"), "rid");
  CHECK(r.body == R"({"message":"v"})");
  // apigatewayv2 names the member Message with wire name message.
  r = EncodeError(&Model("apigatewayv2"), Status::NotFound("nope"), "rid");
  CHECK(r.body == R"({"message":"nope"})");
  // Messages are JSON-escaped.
  r = EncodeError(nullptr, Status::BadRequest("a \"quoted\"\nline"), "rid");
  CHECK(r.body == R"({"message":"a \"quoted\"\nline"})");
}

TEST_CASE("ModelError takes the code from the model") {
  CHECK(ModelError(Model("apigateway"), "ConflictException", "m").http_status() == 409);
  CHECK(ModelError(Model("apigateway"), "TooManyRequestsException", "m").http_status() == 429);
  CHECK(ModelError(Model("lambda"), "ResourceConflictException", "m").http_status() == 409);
  CHECK(ModelError(Model("lambda"), "PreconditionFailedException", "m").http_status() == 412);
  CHECK(ModelError(Model("lambda"), "ServiceException", "m").http_status() == 500);
  CHECK(ModelError(Model("lambda"), "NotAnError", "m").http_status() == 400);
  CallContext ctx;
  CHECK(ModelError(ctx, "ConflictException", "m").http_status() == 400);  // no model: the default
  ctx.model = &Model("apigatewayv2");
  Status st = ModelError(ctx, "ConflictException", "m");
  CHECK(st.http_status() == 409);
  CHECK(st.type() == "ConflictException");
  CHECK(st.message() == "m");
  CHECK(NotImplementedOperation("CreateVpcLink").message() ==
        "The API operation CreateVpcLink is not implemented by apigw-emulator yet");
  CHECK(NotImplementedOperation("CreateVpcLink").http_status() == 501);
  CHECK(UnknownOperation("apigateway", "GET", "/x").http_status() == 404);
}

TEST_CASE("timestamps format and parse") {
  CHECK(FormatIso8601(0) == "1970-01-01T00:00:00Z");
  CHECK(FormatIso8601(1767225600.5) == "2026-01-01T00:00:00.500Z");
  CHECK(FormatIso8601(951782400) == "2000-02-29T00:00:00Z");
  CHECK(FormatIso8601(-1) == "1969-12-31T23:59:59Z");
  CHECK(FormatHttpDate(1767225600) == "Thu, 01 Jan 2026 00:00:00 GMT");
  CHECK(FormatHttpDate(0) == "Thu, 01 Jan 1970 00:00:00 GMT");
  CHECK(FormatHttpDate(1700000000) == "Tue, 14 Nov 2023 22:13:20 GMT");
  CHECK(ParseTimestamp("2026-01-01T00:00:00Z") == 1767225600.0);
  CHECK(ParseTimestamp("2026-01-01T01:00:00+01:00") == 1767225600.0);
  CHECK(ParseTimestamp("2026-01-01T00:00:00.25Z") == 1767225600.25);
  CHECK(ParseTimestamp("2026-01-01") == 1767225600.0);
  CHECK(ParseTimestamp("Thu, 01 Jan 2026 00:00:00 GMT") == 1767225600.0);
  CHECK(ParseTimestamp("1767225600") == 1767225600.0);
  CHECK(ParseTimestamp(" 1.5 ") == 1.5);
  for (const char* bad : {"", "yesterday", "2026-13-01", "2026-01-01T25:00:00Z", "2026-01-01T00:00:00Q",
                          "Thu, 01 Foo 2026 00:00:00 GMT", "1e", "0x10", "2026-01-01T00:00:00.Z"})
    CHECK_MESSAGE(!ParseTimestamp(bad), bad);
  for (double t : {0.0, 1.0, 86399.0, 1767225600.0, 4102444800.0})
    CHECK(ParseTimestamp(FormatIso8601(t)) == t);
}

}  // namespace
}  // namespace apigw::cp
