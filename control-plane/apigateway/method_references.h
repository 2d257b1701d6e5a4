// Checks that what a method names exists in its REST API (models, request
// validators, authorizers), answering with AWS's messages.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "base/json.h"
#include "base/status.h"
#include "state/store.h"

namespace apigw::cp::apigateway {

// BadRequestException "Invalid model identifier specified: <name>".
Status CheckModelExists(state::Store& store, std::string_view api_id, std::string_view model_name);
// BadRequestException "Invalid Request Validator identifier specified".
Status CheckRequestValidatorExists(state::Store& store, std::string_view api_id, std::string_view validator_id);
// For authorization types CUSTOM and COGNITO_USER_POOLS, which need an
// authorizer: BadRequestException "Invalid authorizer ID specified. ..." when
// `authorizer_id` is absent or names none.
Status CheckAuthorizerExists(state::Store& store, std::string_view api_id,
                             const std::optional<std::string>& authorizer_id);
// True for the authorization types that name an authorizer.
bool NeedsAuthorizer(std::string_view authorization_type);

// Every model named in a map of content type -> model name, in order.
Status CheckModelsExist(state::Store& store, std::string_view api_id, const JsonValue* models);

}  // namespace apigw::cp::apigateway
