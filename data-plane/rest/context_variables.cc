// ContextVariables look-ups and the request-time format.
#include "data-plane/rest/context_variables.h"

#include <ctime>

#include "base/json.h"
#include "data-plane/rest/authorizer/authorizer_result.h"

namespace apigw::dp {

std::optional<std::string> ContextVariables::Lookup(std::string_view name) const {
  struct Field {
    std::string_view name;
    const std::string ContextVariables::*member;
  };
  static constexpr Field kFields[] = {
      {"accountId", &ContextVariables::account_id},
      {"apiId", &ContextVariables::api_id},
      {"deploymentId", &ContextVariables::deployment_id},
      {"domainName", &ContextVariables::domain_name},
      {"domainPrefix", &ContextVariables::domain_prefix},
      {"extendedRequestId", &ContextVariables::extended_request_id},
      {"httpMethod", &ContextVariables::http_method},
      {"path", &ContextVariables::path},
      {"protocol", &ContextVariables::protocol},
      {"requestId", &ContextVariables::request_id},
      {"resourceId", &ContextVariables::resource_id},
      {"resourcePath", &ContextVariables::resource_path},
      {"stage", &ContextVariables::stage},
  };
  for (const Field& f : kFields) {
    if (f.name == name) return this->*f.member;
  }
  if (name == "requestTime") return FormatRequestTime(request_time_epoch);
  if (name == "requestTimeEpoch") return std::to_string(request_time_epoch);
  // "Present only when you enabled a canary" (developer guide, $context).
  if (name == "isCanaryRequest") {
    if (!is_canary_request) return std::nullopt;
    return std::string(*is_canary_request ? "true" : "false");
  }
  if (name == "identity.sourceIp") return identity.source_ip;
  if (name == "identity.userAgent") {
    if (identity.user_agent.empty()) return std::nullopt;
    return identity.user_agent;
  }
  if (authorizer && name.substr(0, 11) == "authorizer.") {
    std::string_view key = name.substr(11);
    if (key == "principalId") return authorizer->principal_id;
    if (const AuthorizerContextEntry* e = authorizer->Find(key)) return e->text;
    return std::nullopt;
  }
  if (error) {
    if (name == "error.message") return error->message;
    if (name == "error.messageString") return JsonQuote(error->message);
    if (name == "error.responseType") return error->response_type;
    if (name == "error.validationErrorString") return error->validation_error_string;
  }
  return std::nullopt;
}

std::string FormatRequestTime(int64_t epoch_millis) {
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  std::time_t secs = static_cast<std::time_t>(epoch_millis / 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%02d/%s/%04d:%02d:%02d:%02d +0000", tm.tm_mday, kMonths[tm.tm_mon],
                tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
  return buf;
}

std::string JsonQuote(std::string_view s) {
  JsonAlloc alloc;
  return ToJson(JsonString(s, alloc));
}

}  // namespace apigw::dp
