// Checks of the records a method names.
#include "control-plane/apigateway/method_references.h"

#include "base/json.h"
#include "control-plane/apigateway/rest_records.h"

namespace apigw::cp::apigateway {

namespace {

StatusOr<bool> Exists(state::Store& store, std::string_view kind, std::string_view api_id, std::string_view id) {
  auto raw = store.Get(kind, api_id, id);
  if (!raw.ok()) return raw.status();
  return raw->has_value();
}

}  // namespace

Status CheckModelExists(state::Store& store, std::string_view api_id, std::string_view model_name) {
  auto found = Exists(store, kind::kModel, api_id, model_name);
  if (!found.ok()) return found.status();
  if (!*found) return Status::BadRequest("Invalid model identifier specified: " + std::string(model_name));
  return Status::Ok();
}

Status CheckRequestValidatorExists(state::Store& store, std::string_view api_id, std::string_view validator_id) {
  auto found = Exists(store, kind::kRequestValidator, api_id, validator_id);
  if (!found.ok()) return found.status();
  if (!*found) return Status::BadRequest("Invalid Request Validator identifier specified");
  return Status::Ok();
}

Status CheckAuthorizerExists(state::Store& store, std::string_view api_id,
                             const std::optional<std::string>& authorizer_id) {
  const Status invalid = Status::BadRequest(
      "Invalid authorizer ID specified. Setting the authorization type to CUSTOM or COGNITO_USER_POOLS requires a "
      "valid authorizer.");
  if (!authorizer_id || authorizer_id->empty()) return invalid;
  auto found = Exists(store, kind::kAuthorizer, api_id, *authorizer_id);
  if (!found.ok()) return found.status();
  return *found ? Status::Ok() : invalid;
}

bool NeedsAuthorizer(std::string_view authorization_type) {
  return authorization_type == "CUSTOM" || authorization_type == "COGNITO_USER_POOLS";
}

Status CheckModelsExist(state::Store& store, std::string_view api_id, const JsonValue* models) {
  if (!models || !models->IsObject()) return Status::Ok();
  for (const auto& m : models->GetObject()) {
    if (!m.value.IsString()) continue;
    APIGW_RETURN_IF_ERROR(CheckModelExists(store, api_id, m.value.GetString()));
  }
  return Status::Ok();
}

}  // namespace apigw::cp::apigateway
