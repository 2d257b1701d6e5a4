// The integration family: PutIntegration, GetIntegration, UpdateIntegration
// and DeleteIntegration. An Integration lives in its Method's
// "methodIntegration" (with its "integrationResponses").
#include <cstdlib>
#include <string>
#include <utility>
#include <vector>

#include "base/text.h"
#include "control-plane/apigateway/add_handler.h"
#include "control-plane/apigateway/handlers.h"
#include "control-plane/apigateway/map_patch.h"
#include "control-plane/apigateway/mapping_templates.h"
#include "control-plane/apigateway/method_record.h"
#include "control-plane/apigateway/rest_records.h"
#include "control-plane/protocol/patch_rules.h"

namespace apigw::cp::apigateway {

namespace {

constexpr int64_t kDefaultTimeoutMillis = 29000;
constexpr int64_t kMinTimeoutMillis = 50;
constexpr int64_t kMaxTimeoutMillis = 29000;

bool IsHttpType(std::string_view type) { return type == "HTTP" || type == "HTTP_PROXY"; }
bool IsAwsType(std::string_view type) { return type == "AWS" || type == "AWS_PROXY"; }

// An absolute http(s) URL with a host; stage variables may stand anywhere.
bool ValidHttpEndpoint(std::string_view uri) {
  for (std::string_view scheme : {"http://", "https://"}) {
    if (StartsWith(uri, scheme)) return uri.size() > scheme.size() && uri[scheme.size()] != '/';
  }
  return false;
}

// "arn:aws:apigateway:<region>:<service>:<path|action>/...": AWS integrations
// name the service to call and how.
Status CheckAwsUri(std::string_view type, std::string_view uri) {
  const Status invalid_arn = Status::BadRequest("Invalid ARN specified in the request");
  if (!StartsWith(uri, "arn:")) return invalid_arn;
  std::vector<std::string> parts = Split(uri, ':');
  if (parts.size() < 6) return invalid_arn;
  const std::string& service = parts[4];
  std::string resource = Join(std::vector<std::string>(parts.begin() + 5, parts.end()), ":");
  if (!StartsWith(resource, "path") && !StartsWith(resource, "action"))
    return Status::BadRequest("AWS ARN for integration must contain path or action");
  if (type == "AWS_PROXY" && (service != "lambda" || !StartsWith(resource, "path/2015-03-31/functions/"))) {
    return Status::BadRequest(
        "Integrations of type 'AWS_PROXY' currently only supports Lambda function and Firehose stream invocations.");
  }
  return Status::Ok();
}

// The checks AWS makes of an integration's target, in its order.
Status CheckTarget(std::string_view type, const std::optional<std::string>& http_method,
                   const std::optional<std::string>& uri) {
  if (type == "MOCK") return Status::Ok();
  if (!http_method || http_method->empty())
    return Status::BadRequest("Enumeration value for HttpMethod must be non-empty");
  if (IsAwsType(type)) return CheckAwsUri(type, uri.value_or(""));
  if (IsHttpType(type) && !ValidHttpEndpoint(uri.value_or("")))
    return Status::BadRequest("Invalid HTTP endpoint specified for URI");
  return Status::Ok();
}

Status CheckTimeout(int64_t millis) {
  if (millis < kMinTimeoutMillis || millis > kMaxTimeoutMillis)
    return Status::BadRequest("Timeout should be between 50 ms and 29000 ms");
  return Status::Ok();
}

// Every method.request.{path,querystring,header}.NAME (or multivalue
// querystring/header) an integration maps from must be declared in the
// method's requestParameters, as AWS requires ("Invalid mapping expression
// specified: Validation Result: warnings : [], errors : [Invalid mapping
// expression parameter specified: method.request.path.petId]"). The body,
// context, stage variables and static values need no declaration.
Status CheckMappedMethodParameters(const JsonValue* parameters, const JsonValue& method) {
  if (!parameters || !parameters->IsObject()) return Status::Ok();
  const JsonValue* declared = Member(method, "requestParameters");
  static constexpr std::pair<std::string_view, std::string_view> kSources[] = {
      {"method.request.path.", "method.request.path."},
      {"method.request.querystring.", "method.request.querystring."},
      {"method.request.header.", "method.request.header."},
      {"method.request.multivaluequerystring.", "method.request.querystring."},
      {"method.request.multivalueheader.", "method.request.header."}};
  for (auto it = parameters->MemberBegin(); it != parameters->MemberEnd(); ++it) {
    if (!it->value.IsString()) continue;
    std::string_view source(it->value.GetString(), it->value.GetStringLength());
    for (const auto& [prefix, declared_prefix] : kSources) {
      if (!StartsWith(source, prefix)) continue;
      std::string key = std::string(declared_prefix) + std::string(source.substr(prefix.size()));
      if (source.size() == prefix.size() || !declared || !Member(*declared, key)) {
        return Status::BadRequest(
            "Invalid mapping expression specified: Validation Result: warnings : [], errors : [Invalid mapping "
            "expression parameter specified: " + std::string(source) + "]");
      }
      break;
    }
  }
  return Status::Ok();
}

OperationResult PutIntegration(ApigatewayDeps& deps, const CallContext& ctx, const JsonValue& input) {
  const std::string type = GetString(input, "type").value_or("");
  std::optional<std::string> http_method = GetString(input, "integrationHttpMethod");
  std::optional<std::string> uri = GetString(input, "uri");
  APIGW_RETURN_IF_ERROR(CheckTarget(type, http_method, uri));
  auto record = MethodRecord::LoadExisting(deps.store, ctx, input, InvalidMethodId());
  if (!record.ok()) return record.status();
  int64_t timeout = GetInt(input, "timeoutInMillis").value_or(kDefaultTimeoutMillis);
  APIGW_RETURN_IF_ERROR(CheckTimeout(timeout));
  APIGW_RETURN_IF_ERROR(CheckMappedMethodParameters(Member(input, "requestParameters"), *record->method()));

  JsonAlloc& a = record->allocator();
  JsonValue integration(rapidjson::kObjectType);
  SetString(integration, "type", type, a);
  // A MOCK integration calls nothing: AWS keeps neither its method nor its URI.
  if (type != "MOCK") {
    if (http_method) SetString(integration, "httpMethod", *http_method, a);
    if (uri) SetString(integration, "uri", *uri, a);
  }
  if (auto c = GetString(input, "connectionType")) {
    SetString(integration, "connectionType", *c, a);
  } else if (IsHttpType(type)) {
    SetString(integration, "connectionType", "INTERNET", a);
  }
  for (std::string_view member : {"connectionId", "credentials", "contentHandling", "integrationTarget",
                                  "responseTransferMode"}) {
    if (auto v = GetString(input, member)) SetString(integration, member, *v, a);
  }
  if (const JsonValue* p = Member(input, "requestParameters"); p && p->IsObject())
    SetMember(integration, "requestParameters", JsonValue(*p, a), a);
  if (const JsonValue* t = Member(input, "requestTemplates"); t && t->IsObject())
    SetMember(integration, "requestTemplates", StoredTemplates(*t, a), a);
  SetString(integration, "passthroughBehavior", GetString(input, "passthroughBehavior").value_or("WHEN_NO_MATCH"), a);
  SetMember(integration, "timeoutInMillis", JsonValue(timeout), a);
  // The cache namespace defaults to the resource's id, as on AWS.
  SetString(integration, "cacheNamespace", GetString(input, "cacheNamespace").value_or(record->resource_id()), a);
  const JsonValue* keys = Member(input, "cacheKeyParameters");
  SetMember(integration, "cacheKeyParameters",
            keys && keys->IsArray() ? JsonValue(*keys, a) : JsonValue(rapidjson::kArrayType), a);
  if (const JsonValue* tls = Member(input, "tlsConfig"); tls && tls->IsObject())
    SetMember(integration, "tlsConfig", JsonValue(*tls, a), a);

  JsonValue& method = *record->method();
  SetMember(method, "methodIntegration", std::move(integration), a);
  APIGW_RETURN_IF_ERROR(record->Save(deps.store));
  return CopyDoc(*record->integration());
}

OperationResult GetIntegration(ApigatewayDeps& deps, const CallContext& ctx, const JsonValue& input) {
  auto record = MethodRecord::LoadExisting(deps.store, ctx, input, InvalidMethodId());
  if (!record.ok()) return record.status();
  JsonValue* integration = record->integration();
  if (!integration) return InvalidIntegrationId();
  return CopyDoc(*integration);
}

OperationResult DeleteIntegration(ApigatewayDeps& deps, const CallContext& ctx, const JsonValue& input) {
  auto record = MethodRecord::LoadExisting(deps.store, ctx, input, InvalidMethodId());
  if (!record.ok()) return record.status();
  if (!record->integration()) return InvalidIntegrationId();
  RemoveMember(*record->method(), "methodIntegration");
  APIGW_RETURN_IF_ERROR(record->Save(deps.store));
  return JsonDoc(rapidjson::kObjectType);
}

// UpdateIntegration's paths. The result is checked as a whole afterwards.
const PatchRules& IntegrationPatchRules() {
  static const PatchRules rules = [] {
    const PatchOps replace = {PatchOp::kReplace};
    const PatchOps replace_or_remove = {PatchOp::kRemove, PatchOp::kReplace};
    const PatchOps map_ops = {PatchOp::kAdd, PatchOp::kRemove, PatchOp::kReplace};
    PatchRules r(PatchRules::ErrorStyle::kPlain);
    r.String("/type", "type", replace)
        .String("/httpMethod", "httpMethod", replace)
        .String("/uri", "uri", replace)
        .String("/connectionType", "connectionType", replace)
        .String("/connectionId", "connectionId", replace_or_remove)
        .String("/credentials", "credentials", replace_or_remove)
        .String("/passthroughBehavior", "passthroughBehavior", replace)
        .String("/contentHandling", "contentHandling", replace_or_remove)
        .String("/cacheNamespace", "cacheNamespace", replace)
        .String("/integrationTarget", "integrationTarget", replace_or_remove)
        .String("/responseTransferMode", "responseTransferMode", replace_or_remove)
        .StringList("/cacheKeyParameters/{name}", "cacheKeyParameters");
    r.Custom("/timeoutInMillis", replace, [](const PatchMatch& m, JsonValue& integration, JsonAlloc& a) {
      const std::string value = m.operation->value.value_or("");
      char* end = nullptr;
      long long millis = std::strtoll(value.c_str(), &end, 10);
      if (value.empty() || end != value.c_str() + value.size()) return CheckTimeout(-1);
      APIGW_RETURN_IF_ERROR(CheckTimeout(millis));
      SetMember(integration, "timeoutInMillis", JsonValue(int64_t(millis)), a);
      return Status::Ok();
    });
    r.Custom("/tlsConfig/insecureSkipVerification", replace, [](const PatchMatch& m, JsonValue& integration, JsonAlloc& a) {
      SetMember(ObjectMember(integration, "tlsConfig", a), "insecureSkipVerification", JsonValue(PatchBool(*m.operation)), a);
      return Status::Ok();
    });
    r.Custom("/requestParameters/{name}", map_ops, [](const PatchMatch& m, JsonValue& integration, JsonAlloc& a) {
      return PatchMapEntry(integration, "requestParameters", m.Var("name"), *m.operation,
                           JsonString(m.operation->value.value_or(""), a), a);
    });
    r.Custom("/requestTemplates/{type}", map_ops, [](const PatchMatch& m, JsonValue& integration, JsonAlloc& a) {
      return PatchMapEntry(integration, "requestTemplates", m.Var("type"), *m.operation,
                           StoredTemplate(m.operation->value.value_or(""), a), a);
    });
    return r;
  }();
  return rules;
}

OperationResult UpdateIntegration(ApigatewayDeps& deps, const CallContext& ctx, const JsonValue& input) {
  auto record = MethodRecord::LoadExisting(deps.store, ctx, input, InvalidMethodId());
  if (!record.ok()) return record.status();
  JsonValue* integration = record->integration();
  if (!integration) return InvalidIntegrationId();
  APIGW_RETURN_IF_ERROR(IntegrationPatchRules().Apply(input, *integration, record->allocator()));
  // The result must be an integration PutIntegration would accept.
  std::string type = GetString(*integration, "type").value_or("");
  APIGW_RETURN_IF_ERROR(CheckTarget(type, GetString(*integration, "httpMethod"), GetString(*integration, "uri")));
  APIGW_RETURN_IF_ERROR(CheckMappedMethodParameters(Member(*integration, "requestParameters"), *record->method()));
  APIGW_RETURN_IF_ERROR(record->Save(deps.store));
  return CopyDoc(*integration);
}

}  // namespace

void RegisterIntegrations(OperationTable& table, ApigatewayDeps& deps) {
  AddHandler(table, deps, "PutIntegration", PutIntegration);
  AddHandler(table, deps, "GetIntegration", GetIntegration);
  AddHandler(table, deps, "UpdateIntegration", UpdateIntegration);
  AddHandler(table, deps, "DeleteIntegration", DeleteIntegration);
}

}  // namespace apigw::cp::apigateway
