// The AWS service models compiled into the binary (control-plane/models/*.json,
// embedded at build time by control-plane/models/embed_models.cmake).
#pragma once

#include <string_view>
#include <vector>

namespace apigw::cp {

struct EmbeddedModel {
  std::string_view service;  // "apigateway", "apigatewayv2", "lambda", "apigatewaymanagementapi"
  std::string_view json;     // the compact model
};

// Every embedded model; immutable, so safe from any thread.
const std::vector<EmbeddedModel>& EmbeddedModels();

}  // namespace apigw::cp
