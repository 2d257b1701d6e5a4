// Lambda proxy response parsing.
#include "data-plane/rest/lambda/lambda_proxy_response.h"

#include <cmath>
#include <unordered_map>
#include <unordered_set>

#include "base/json.h"
#include "base/text.h"

namespace apigw::dp {

namespace {

// A header value: strings as they are, booleans and numbers as their text;
// nullopt for null (the header is left out); an error for objects and lists.
StatusOr<std::optional<std::string>> HeaderValue(const JsonValue& v, std::string_view name) {
  if (v.IsNull()) return std::optional<std::string>();
  if (v.IsString()) return std::optional<std::string>(std::string(v.GetString(), v.GetStringLength()));
  if (v.IsBool() || v.IsNumber()) return std::optional<std::string>(ToJson(v));
  return Status::BadRequest("header " + std::string(name) + " has a value that is not text");
}

StatusOr<int> StatusCode(const JsonValue& v) {
  int64_t code = 0;
  if (v.IsInt64()) {
    code = v.GetInt64();
  } else if (v.IsDouble() && std::floor(v.GetDouble()) == v.GetDouble() && std::fabs(v.GetDouble()) < 1e6) {
    code = int64_t(v.GetDouble());
  } else if (v.IsString()) {
    std::string_view s(v.GetString(), v.GetStringLength());
    if (s.empty() || s.size() > 6) return Status::BadRequest("statusCode is not an integer");
    for (char c : s)
      if (c < '0' || c > '9') return Status::BadRequest("statusCode is not an integer");
    code = std::stoll(std::string(s));
  } else {
    return Status::BadRequest("statusCode is not an integer");
  }
  if (code < 100 || code > 599) return Status::BadRequest("statusCode " + std::to_string(code) + " is not an HTTP status");
  return int(code);
}

}  // namespace

StatusOr<LambdaProxyResponse> ParseLambdaProxyResponse(std::string_view payload) {
  StatusOr<JsonDoc> parsed = ParseJson(payload);
  if (!parsed.ok()) return Status::BadRequest("the response is not JSON");
  const JsonDoc& doc = *parsed;
  if (!doc.IsObject()) return Status::BadRequest("the response is not a JSON object");

  const JsonValue* headers = nullptr;
  const JsonValue* multi = nullptr;
  LambdaProxyResponse out;
  for (auto it = doc.MemberBegin(); it != doc.MemberEnd(); ++it) {
    std::string_view name(it->name.GetString(), it->name.GetStringLength());
    const JsonValue& v = it->value;
    if (name == "statusCode") {
      if (v.IsNull()) continue;
      StatusOr<int> code = StatusCode(v);
      if (!code.ok()) return code.status();
      out.status = *code;
    } else if (name == "headers") {
      if (v.IsNull()) continue;
      if (!v.IsObject()) return Status::BadRequest("headers is not an object");
      headers = &v;
    } else if (name == "multiValueHeaders") {
      if (v.IsNull()) continue;
      if (!v.IsObject()) return Status::BadRequest("multiValueHeaders is not an object");
      multi = &v;
    } else if (name == "body") {
      if (v.IsNull()) continue;
      if (v.IsString()) {
        out.body.assign(v.GetString(), v.GetStringLength());
      } else if (v.IsNumber() || v.IsBool()) {
        out.body = ToJson(v);
      } else {
        return Status::BadRequest("body is not a string");
      }
    } else if (name == "isBase64Encoded") {
      if (v.IsNull()) continue;
      if (v.IsBool()) {
        out.base64 = v.GetBool();
      } else if (v.IsString() && (EqualsIgnoreCase(v.GetString(), "true") || EqualsIgnoreCase(v.GetString(), "false"))) {
        out.base64 = EqualsIgnoreCase(v.GetString(), "true");
      } else {
        return Status::BadRequest("isBase64Encoded is not a boolean");
      }
    } else {
      return Status::BadRequest("unexpected member " + std::string(name));
    }
  }

  // multiValueHeaders first: they decide a merged header's spelling.
  std::unordered_map<std::string, const JsonValue*> singles;  // lower-cased name -> value
  if (headers != nullptr) {
    for (auto it = headers->MemberBegin(); it != headers->MemberEnd(); ++it)
      singles[ToLower(std::string_view(it->name.GetString(), it->name.GetStringLength()))] = &it->value;
  }
  std::unordered_set<std::string> merged;
  if (multi != nullptr) {
    for (auto it = multi->MemberBegin(); it != multi->MemberEnd(); ++it) {
      std::string name(it->name.GetString(), it->name.GetStringLength());
      if (!it->value.IsArray()) return Status::BadRequest("multiValueHeaders." + name + " is not a list");
      for (const JsonValue& v : it->value.GetArray()) {
        StatusOr<std::optional<std::string>> value = HeaderValue(v, name);
        if (!value.ok()) return value.status();
        if (*value) out.headers.Add(name, std::move(**value));
      }
      std::string lower = ToLower(name);
      if (auto single = singles.find(lower); single != singles.end() && merged.insert(lower).second) {
        StatusOr<std::optional<std::string>> value = HeaderValue(*single->second, name);
        if (!value.ok()) return value.status();
        if (*value) out.headers.Add(name, std::move(**value));
      }
    }
  }
  if (headers != nullptr) {
    for (auto it = headers->MemberBegin(); it != headers->MemberEnd(); ++it) {
      std::string name(it->name.GetString(), it->name.GetStringLength());
      StatusOr<std::optional<std::string>> value = HeaderValue(it->value, name);
      if (!value.ok()) return value.status();
      if (*value && merged.count(ToLower(name)) == 0) out.headers.Add(std::move(name), std::move(**value));
    }
  }
  return out;
}

}  // namespace apigw::dp
