// Invoke: the one asynchronous lambda operation. The function runs in the
// runner (lambda::Invoker); this handler checks the request as Lambda does,
// then turns the result into InvocationResponse (StatusCode, Payload,
// X-Amz-Function-Error, X-Amz-Log-Result, X-Amz-Executed-Version).
#include <cctype>
#include <cstdio>
#include <string>

#include "base/base64.h"
#include "control-plane/lambda/function_records.h"
#include "control-plane/lambda/handlers.h"
#include "lambda/function_ref.h"

namespace apigw::cp::lambda {

namespace lam = apigw::lambda;

namespace {

constexpr size_t kMaxRequestPayload = 6291456;  // synchronous invocations: 6 MB

// Lambda parses the payload with Jackson; its messages are mimicked in shape
// (recorded: test_lambda.py::test_lambda_invoke_payload_encoding_error).
Status CheckPayload(const std::string& payload) {
  if (payload.empty()) return Status::Ok();
  rapidjson::Document doc;
  doc.Parse<rapidjson::kParseValidateEncodingFlag>(payload.data(), payload.size());
  if (!doc.HasParseError()) return Status::Ok();
  size_t offset = doc.GetErrorOffset();
  size_t line = 1, column = 1;
  for (size_t i = 0; i < offset && i < payload.size(); ++i) {
    if (payload[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  std::string detail;
  unsigned char c = offset < payload.size() ? (unsigned char)payload[offset] : 0;
  // Where Jackson met the byte: inside a literal ("n\x87..." while matching
  // null) it decodes it as UTF-8 and reports one column further; as the first
  // byte of a value it takes the byte as a character, and 0x80-0x9f are
  // control characters to it (recorded: "body" and "message" cases).
  unsigned char before = 0;
  for (size_t i = offset; i > 0; --i) {
    unsigned char b = (unsigned char)payload[i - 1];
    if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
      before = b;
      break;
    }
  }
  bool in_literal = offset > 0 && std::isalpha((unsigned char)payload[offset - 1]);
  bool value_start = before == 0 || before == ',' || before == ':' || before == '[' || before == '{';
  char buf[160];
  if (c >= 0x80 && c <= 0x9f && value_start) {
    snprintf(buf, sizeof buf,
             "Unexpected character ((CTRL-CHAR, code %u)): expected a valid value (JSON String, Number, Array, "
             "Object or token 'null', 'true' or 'false')",
             unsigned(c));
    detail = buf;
  } else if (doc.GetParseError() == rapidjson::kParseErrorStringInvalidEncoding || c >= 0x80) {
    if (c >= 0x80 && in_literal) ++column;
    snprintf(buf, sizeof buf, "Invalid UTF-8 start byte 0x%02x", c);
    detail = buf;
  } else if (c < 0x20) {
    snprintf(buf, sizeof buf,
             "Unexpected character ((CTRL-CHAR, code %u)): expected a valid value (JSON String, Number, Array, "
             "Object or token 'null', 'true' or 'false')",
             unsigned(c));
    detail = buf;
  } else {
    snprintf(buf, sizeof buf,
             "Unexpected character ('%c' (code %u)): expected a valid value (JSON String, Number, Array, Object or "
             "token 'null', 'true' or 'false')",
             c, unsigned(c));
    detail = buf;
  }
  return Status(400, "InvalidRequestContentException",
                "Could not parse request body into json: Could not parse payload into json: " + detail +
                    "\n at [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: " +
                    std::to_string(line) + ", column: " + std::to_string(column) + "]");
}

void Invoke(LambdaDeps& deps, const CallContext& ctx, JsonDoc input, OperationDone done) {
  auto ref = lam::ParseFunctionRef(GetString(input, "FunctionName").value_or(""));
  if (!ref.ok()) return done(ref.status());
  if (!ref->region.empty() && ref->region != ctx.region)
    return done(ResourceNotFound("Functions from '" + ref->region + "' are not reachable in this region ('" +
                                 ctx.region + "')"));
  auto qualifier = lam::MergeQualifier(*ref, GetString(input, "Qualifier").value_or(""));
  if (!qualifier.ok()) return done(qualifier.status());

  lam::InvokeRequest request;
  request.function = ref->name;
  request.qualifier = *qualifier;
  request.region = ctx.region;
  request.payload = GetString(input, "Payload").value_or("");
  if (request.payload.size() > kMaxRequestPayload)
    return done(Status(413, "RequestTooLargeException",
                       "Request must be smaller than " + std::to_string(kMaxRequestPayload) +
                           " bytes for the InvokeFunction operation"));
  if (Status st = CheckPayload(request.payload); !st.ok()) return done(st);
  std::string type = GetString(input, "InvocationType").value_or("RequestResponse");
  request.type = type == "Event"    ? lam::InvocationType::kEvent
                 : type == "DryRun" ? lam::InvocationType::kDryRun
                                    : lam::InvocationType::kRequestResponse;
  request.tail_logs = GetString(input, "LogType").value_or("None") == "Tail" &&
                      request.type == lam::InvocationType::kRequestResponse;
  request.client_context_base64 = GetString(input, "ClientContext").value_or("");
  request.request_id = ctx.request_id;  // the function sees the id the caller got in x-amzn-RequestId

  // The runner knows no account for a function it does not have: the message
  // names the caller's (recorded: test_invoke_exceptions, "...:doesnotexist:$LATEST").
  std::string missing_arn = lam::FunctionArn(ctx.region, ctx.account_id, ref->name,
                                             qualifier->empty() ? lam::kLatest : std::string_view(*qualifier));
  deps.invoker.Invoke(std::move(request), [done, missing_arn](lam::InvokeResult r) {
    if (!r.status.ok()) {
      if (r.status.type() == "ResourceNotFoundException" && r.status.message().rfind("Function not found: ", 0) == 0)
        return done(ResourceNotFound("Function not found: " + missing_arn));
      return done(r.status);
    }
    JsonDoc out(rapidjson::kObjectType);
    auto& a = out.GetAllocator();
    out.AddMember("StatusCode", JsonValue(r.status_code), a);
    if (r.status_code == 200) {
      SetString(out, "Payload", r.payload, a);
      SetString(out, "ExecutedVersion", r.executed_version, a);
      if (!r.function_error.empty()) SetString(out, "FunctionError", r.function_error, a);
      if (!r.log_tail.empty()) SetString(out, "LogResult", Base64Encode(r.log_tail), a);
    }
    done(std::move(out));
  });
}

}  // namespace

void RegisterInvoke(OperationTable& table, LambdaDeps& deps) {
  table.AddAsync("lambda", "Invoke", [&deps](const CallContext& ctx, JsonDoc input, OperationDone done) {
    Invoke(deps, ctx, std::move(input), std::move(done));
  });
}

}  // namespace apigw::cp::lambda
