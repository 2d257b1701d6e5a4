// Authorizer compilation. Member names are the apigateway service model's
// (Authorizer: id, name, type, authorizerUri, identitySource,
// identityValidationExpression, authorizerResultTtlInSeconds).
#include <algorithm>

#include "data-plane/rest/authorizer/compiled_authorizer.h"
#include "data-plane/rest/lambda/lambda_function_uri.h"

namespace apigw::dp {

namespace {

// Replaces each ${stageVariables.name} (an unknown one becomes empty).
std::string SubstituteStageVariables(std::string_view text,
                                     const std::function<const std::string*(std::string_view)>& lookup) {
  constexpr std::string_view kOpen = "${stageVariables.";
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    size_t open = text.find(kOpen, i);
    if (open == std::string_view::npos) break;
    size_t close = text.find('}', open);
    if (close == std::string_view::npos) break;
    out.append(text.substr(i, open - i));
    if (const std::string* value = lookup(text.substr(open + kOpen.size(), close - open - kOpen.size())))
      out += *value;
    i = close + 1;
  }
  out.append(text.substr(i));
  return out;
}

}  // namespace

std::vector<CompiledAuthorizer> CompileAuthorizers(
    const JsonValue* list, const std::function<const std::string*(std::string_view)>& stage_variable,
    const std::function<void(const std::string&)>& warn) {
  std::vector<CompiledAuthorizer> out;
  if (list == nullptr || !list->IsArray()) return out;
  for (const JsonValue& doc : list->GetArray()) {
    if (!doc.IsObject()) continue;
    CompiledAuthorizer a;
    a.id = GetString(doc, "id").value_or("");
    a.name = GetString(doc, "name").value_or("");
    std::string where = "authorizer " + a.id + " (" + a.name + ")";
    std::string type = GetString(doc, "type").value_or("TOKEN");
    if (type == "REQUEST") a.type = CompiledAuthorizer::Type::kRequest;
    else if (type == "COGNITO_USER_POOLS") a.type = CompiledAuthorizer::Type::kCognitoUserPools;

    std::string uri = SubstituteStageVariables(GetString(doc, "authorizerUri").value_or(""), stage_variable);
    if (std::optional<LambdaFunctionUri> fn = ParseLambdaFunctionUri(uri)) {
      a.function = std::move(fn->function);
      a.function_region = std::move(fn->region);
    } else if (a.type != CompiledAuthorizer::Type::kCognitoUserPools) {
      warn(where + ": authorizerUri " + uri + " names no Lambda function");
    }

    std::optional<std::vector<IdentitySource>> sources =
        ParseIdentitySources(GetString(doc, "identitySource").value_or(""));
    if (!sources || (a.type == CompiledAuthorizer::Type::kToken &&
                     (sources->size() != 1 || sources->front().kind != IdentitySource::Kind::kHeader))) {
      warn(where + ": identitySource " + GetString(doc, "identitySource").value_or("") + " cannot be used");
      a.identity_sources_valid = false;
    } else {
      a.identity_sources = std::move(*sources);
    }

    if (a.type == CompiledAuthorizer::Type::kToken) {
      std::string expression = GetString(doc, "identityValidationExpression").value_or("");
      if (!expression.empty()) {
        StatusOr<std::shared_ptr<const vtl::JavaRegex>> regex = vtl::JavaRegex::Compile(expression);
        if (regex.ok()) {
          a.validation = std::move(regex).value();
        } else {
          warn(where + ": identityValidationExpression does not compile (" + regex.status().message() + ")");
          a.identity_sources_valid = false;
        }
      }
    }
    // "The default value is 300. The maximum value is 3600" (Authorizer, API reference).
    if (std::optional<int64_t> ttl = GetInt(doc, "authorizerResultTtlInSeconds"))
      a.ttl_seconds = int(std::clamp<int64_t>(*ttl, 0, 3600));
    out.push_back(std::move(a));
  }
  return out;
}

}  // namespace apigw::dp
