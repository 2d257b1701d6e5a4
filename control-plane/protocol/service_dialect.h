// ServiceDialect: how each service words the errors the protocol layer finds
// (model validation, malformed JSON, values of the wrong type). The services
// differ because they sit on different AWS frameworks; the evidence for each
// choice is in service_dialect.cc.
#pragma once

#include <string>
#include <string_view>

namespace apigw::cp {

struct ServiceDialect {
  // Model-validation failures: "1 validation error detected: Value 'x' at
  // 'path' failed to satisfy constraint: Member must ...".
  std::string validation_error = "ValidationException";
  // Body members are reported under "<operation>Input." (apigateway).
  bool validation_input_prefix = false;
  // Constraints of list elements and map values end with "Member must not be null" (lambda).
  bool element_constraints_not_null = false;

  // Malformed JSON bodies and JSON values of the wrong type.
  enum class DecodeErrors {
    kCoral,    // SerializationException "class java.lang.Boolean can not be converted to an String"
    kJackson,  // InvalidRequestContentException "Could not parse request body into json: ..."
    kPlain,    // BadRequestException with a plain description
  };
  DecodeErrors decode_errors = DecodeErrors::kPlain;
};

// The dialect of "apigateway", "apigatewayv2", "lambda", "apigatewaymanagementapi";
// unknown services get apigatewayv2's plain one.
const ServiceDialect& DialectFor(std::string_view service);

}  // namespace apigw::cp
