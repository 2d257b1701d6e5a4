// GatewayError: a data-plane failure on its way to becoming a gateway response.
#pragma once

#include <optional>
#include <string>
#include <utility>

#include "data-plane/gateway/gateway_response_type.h"

namespace apigw::dp {

struct GatewayError {
  GatewayResponseType type = GatewayResponseType::kDefault5xx;
  std::string message;  // $context.error.message; empty: the type's default
  int status = 0;       // the raiser's status when the deployment customizes none; 0: the type's
  std::optional<bool> spaced_body;  // the default body's style; unset: the type's
  // The default body's exact text where AWS's is not {"message":...}: a
  // Lambda authorizer's deny answers {"Message":"..."}, its failure
  // {"message":null}. Empty: the usual body. Customized responses still apply.
  std::string default_body;

  static GatewayError Of(GatewayResponseType type, std::string message = {}, int status = 0) {
    return GatewayError{type, std::move(message), status, std::nullopt, {}};
  }
  const std::string& Message() const;
  // The status when the deployment does not set one: the raiser's, else the
  // type's default, else 400/500 for DEFAULT_4XX/5XX.
  int DefaultStatus() const;
};

}  // namespace apigw::dp
