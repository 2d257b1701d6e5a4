// The integration response family: PutIntegrationResponse,
// GetIntegrationResponse, UpdateIntegrationResponse and
// DeleteIntegrationResponse. They live in the Integration's
// "integrationResponses", keyed by status code.
#include <string>

#include "control-plane/apigateway/add_handler.h"
#include "control-plane/apigateway/handlers.h"
#include "control-plane/apigateway/map_patch.h"
#include "control-plane/apigateway/mapping_templates.h"
#include "control-plane/apigateway/method_record.h"
#include "control-plane/apigateway/rest_records.h"
#include "control-plane/protocol/patch_rules.h"

namespace apigw::cp::apigateway {

namespace {

JsonValue* FindIntegrationResponse(JsonValue& integration, const std::string& status_code) {
  JsonValue* responses = MutableMember(integration, "integrationResponses");
  JsonValue* r = responses ? MutableMember(*responses, status_code) : nullptr;
  return r && r->IsObject() ? r : nullptr;
}

// Template keys are content types ("application/json").
bool ValidContentType(std::string_view type) {
  size_t slash = type.find('/');
  return slash != std::string_view::npos && slash > 0 && slash + 1 < type.size();
}

// Loads the method and its integration; AWS answers a missing method with
// `missing_method` (it varies by operation) and a missing integration with
// "Invalid Integration identifier specified".
StatusOr<MethodRecord> LoadIntegration(ApigatewayDeps& deps, const CallContext& ctx, const JsonValue& input,
                                       const Status& missing_method) {
  auto record = MethodRecord::LoadExisting(deps.store, ctx, input, missing_method);
  if (!record.ok()) return record.status();
  if (!record->integration()) return InvalidIntegrationId();
  return record;
}

// The method response headers an integration response maps to must be
// declared by the method response of its status code, as AWS requires
// ("Invalid mapping expression specified: Validation Result: warnings : [],
// errors : [No method response exists for method.]" without one, "[Invalid
// mapping expression parameter specified: method.response.header.X]" for an
// undeclared header).
Status CheckMappedResponseHeaders(const JsonValue* parameters, const JsonValue& method, const std::string& status_code) {
  if (!parameters || !parameters->IsObject() || parameters->MemberCount() == 0) return Status::Ok();
  const std::string prefix = "Invalid mapping expression specified: Validation Result: warnings : [], errors : [";
  const JsonValue* responses = Member(method, "methodResponses");
  const JsonValue* response = responses ? Member(*responses, status_code) : nullptr;
  if (!response || !response->IsObject()) return Status::BadRequest(prefix + "No method response exists for method.]");
  const JsonValue* declared = Member(*response, "responseParameters");
  for (auto it = parameters->MemberBegin(); it != parameters->MemberEnd(); ++it) {
    std::string key(it->name.GetString(), it->name.GetStringLength());
    if (!declared || !Member(*declared, key))
      return Status::BadRequest(prefix + "Invalid mapping expression parameter specified: " + key + "]");
  }
  return Status::Ok();
}

OperationResult PutIntegrationResponse(ApigatewayDeps& deps, const CallContext& ctx, const JsonValue& input) {
  auto record = LoadIntegration(deps, ctx, input, InvalidMethodId());
  if (!record.ok()) return record.status();
  const std::string status_code = GetString(input, "statusCode").value_or("");
  const JsonValue* templates = Member(input, "responseTemplates");
  if (templates && templates->IsObject()) {
    for (const auto& t : templates->GetObject()) {
      std::string type(t.name.GetString(), t.name.GetStringLength());
      if (!ValidContentType(type)) {
        return Status::BadRequest("Validation Result: warnings : [], errors : [Invalid content type specified: " +
                                  type + "]");
      }
    }
  }

  APIGW_RETURN_IF_ERROR(CheckMappedResponseHeaders(Member(input, "responseParameters"), *record->method(), status_code));

  JsonAlloc& a = record->allocator();
  JsonValue response(rapidjson::kObjectType);
  SetString(response, "statusCode", status_code, a);
  if (auto pattern = GetString(input, "selectionPattern")) SetString(response, "selectionPattern", *pattern, a);
  if (const JsonValue* p = Member(input, "responseParameters"); p && p->IsObject())
    SetMember(response, "responseParameters", JsonValue(*p, a), a);
  if (templates && templates->IsObject()) {
    SetMember(response, "responseTemplates", StoredTemplates(*templates, a), a);
  }
  if (auto handling = GetString(input, "contentHandling")) SetString(response, "contentHandling", *handling, a);
  // A put replaces the response of that status code.
  JsonValue& responses = ObjectMember(*record->integration(), "integrationResponses", a);
  SetMember(responses, status_code, std::move(response), a);
  APIGW_RETURN_IF_ERROR(record->Save(deps.store));
  return CopyDoc(*FindIntegrationResponse(*record->integration(), status_code));
}

OperationResult GetIntegrationResponse(ApigatewayDeps& deps, const CallContext& ctx, const JsonValue& input) {
  auto record = LoadIntegration(deps, ctx, input, InvalidMethodId());
  if (!record.ok()) return record.status();
  JsonValue* response = FindIntegrationResponse(*record->integration(), GetString(input, "statusCode").value_or(""));
  if (!response) return InvalidResponseStatusCode();
  return CopyDoc(*response);
}

OperationResult DeleteIntegrationResponse(ApigatewayDeps& deps, const CallContext& ctx, const JsonValue& input) {
  // AWS names the integration, not the method, when the method is missing here.
  auto record = LoadIntegration(deps, ctx, input, InvalidIntegrationId());
  if (!record.ok()) return record.status();
  JsonValue& integration = *record->integration();
  std::string status_code = GetString(input, "statusCode").value_or("");
  if (!FindIntegrationResponse(integration, status_code)) return InvalidResponseStatusCode();
  RemoveMember(*MutableMember(integration, "integrationResponses"), status_code);
  RemoveIfEmpty(integration, "integrationResponses");
  APIGW_RETURN_IF_ERROR(record->Save(deps.store));
  return JsonDoc(rapidjson::kObjectType);
}

// UpdateIntegrationResponse's paths: the selection pattern, the content
// handling, and entries of the template and parameter maps.
const PatchRules& IntegrationResponsePatchRules() {
  static const PatchRules rules = [] {
    const PatchOps map_ops = {PatchOp::kAdd, PatchOp::kRemove, PatchOp::kReplace};
    PatchRules r(PatchRules::ErrorStyle::kPlain);
    r.Custom("/selectionPattern", {PatchOp::kReplace}, [](const PatchMatch& m, JsonValue& response, JsonAlloc& a) {
      SetString(response, "selectionPattern", m.operation->value.value_or(""), a);
      return Status::Ok();
    });
    r.Custom("/contentHandling", {PatchOp::kRemove, PatchOp::kReplace},
             [](const PatchMatch& m, JsonValue& response, JsonAlloc& a) {
               const std::string value = m.operation->value.value_or("");
               if (m.operation->op == PatchOp::kRemove || value.empty()) {
                 RemoveMember(response, "contentHandling");
               } else {
                 SetString(response, "contentHandling", value, a);
               }
               return Status::Ok();
             });
    r.Custom("/responseTemplates/{type}", map_ops, [](const PatchMatch& m, JsonValue& response, JsonAlloc& a) {
      return PatchMapEntry(response, "responseTemplates", m.Var("type"), *m.operation,
                           StoredTemplate(m.operation->value.value_or(""), a), a);
    });
    r.Custom("/responseParameters/{name}", map_ops, [](const PatchMatch& m, JsonValue& response, JsonAlloc& a) {
      return PatchMapEntry(response, "responseParameters", m.Var("name"), *m.operation,
                           JsonString(m.operation->value.value_or(""), a), a);
    });
    return r;
  }();
  return rules;
}

OperationResult UpdateIntegrationResponse(ApigatewayDeps& deps, const CallContext& ctx, const JsonValue& input) {
  auto record = LoadIntegration(deps, ctx, input, InvalidMethodId());
  if (!record.ok()) return record.status();
  JsonValue* response = FindIntegrationResponse(*record->integration(), GetString(input, "statusCode").value_or(""));
  if (!response) return InvalidResponseStatusCode();
  APIGW_RETURN_IF_ERROR(IntegrationResponsePatchRules().Apply(input, *response, record->allocator()));
  APIGW_RETURN_IF_ERROR(CheckMappedResponseHeaders(Member(*response, "responseParameters"), *record->method(),
                                                   GetString(input, "statusCode").value_or("")));
  APIGW_RETURN_IF_ERROR(record->Save(deps.store));
  return CopyDoc(*response);
}

}  // namespace

void RegisterIntegrationResponses(OperationTable& table, ApigatewayDeps& deps) {
  AddHandler(table, deps, "PutIntegrationResponse", PutIntegrationResponse);
  AddHandler(table, deps, "GetIntegrationResponse", GetIntegrationResponse);
  AddHandler(table, deps, "UpdateIntegrationResponse", UpdateIntegrationResponse);
  AddHandler(table, deps, "DeleteIntegrationResponse", DeleteIntegrationResponse);
}

}  // namespace apigw::cp::apigateway
