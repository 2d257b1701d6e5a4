// The dialects and the recorded AWS answers they reproduce. Evidence: responses
// recorded against AWS in LocalStack's tests/aws/services/{apigateway,lambda_}/
// *.snapshot.json (test names given below).
#include "control-plane/protocol/service_dialect.h"

namespace apigw::cp {

namespace {

ServiceDialect ApiGateway() {
  ServiceDialect d;
  // 400 ValidationException "1 validation error detected: Value 'HTTPS_PROXY' at
  // 'putIntegrationInput.type' failed to satisfy constraint: Member must satisfy
  // enum value set: [...]" (put-integration-wrong-type); URI labels without the
  // prefix: "Value 'wrong' at 'statusCode'" (put-integration-response-invalid-statusCode);
  // list elements "updateMethodResponseInput.patchOperations.1.member.op".
  d.validation_error = "ValidationException";
  d.validation_input_prefix = true;
  // 400 SerializationException "class java.lang.Boolean can not be converted to an
  // String" (put-integration-request-param-wrong-type) and "class com.amazon.coral.
  // value.json.numbers.TruncatingBigNumber can not be converted to an String"
  // (put-integration-response-invalid-responseTemplates-1).
  d.decode_errors = ServiceDialect::DecodeErrors::kCoral;
  return d;
}

ServiceDialect ApiGatewayV2() {
  // API Gateway v2 models only BadRequestException for 400s; no recorded
  // validation answers were found, so the Coral wording goes under that type.
  ServiceDialect d;
  d.validation_error = "BadRequestException";
  d.decode_errors = ServiceDialect::DecodeErrors::kPlain;
  return d;
}

ServiceDialect Lambda() {
  ServiceDialect d;
  // 400 ValidationException "1 validation error detected: Value null at 'tagKeys'
  // failed to satisfy constraint: Member must not be null" (untag_empty_keys),
  // "Value '[X86_64]' at 'architectures' failed to satisfy constraint: Member must
  // satisfy constraint: [Member must satisfy enum value set: [x86_64, arm64],
  // Member must not be null]"; no operation prefix.
  d.validation_error = "ValidationException";
  // CreateFunction too (invalid_role_arn_exc, uppercase_architecture,
  // long_function_arn_exc). Only Lambda's own 64-character limit on bare names
  // is an InvalidParameterValueException (long_function_name_exc): the handler
  // checks that, since the model allows 140 (an ARN).
  d.element_constraints_not_null = true;
  // 400 InvalidRequestContentException "Could not parse request body into json:
  // ..." (invoke_function_invalid_payload_*); the model documents it as "The
  // request body could not be parsed as JSON".
  d.decode_errors = ServiceDialect::DecodeErrors::kJackson;
  return d;
}

}  // namespace

const ServiceDialect& DialectFor(std::string_view service) {
  static const ServiceDialect kApiGateway = ApiGateway();
  static const ServiceDialect kApiGatewayV2 = ApiGatewayV2();
  static const ServiceDialect kLambda = Lambda();
  if (service == "apigateway") return kApiGateway;
  if (service == "lambda") return kLambda;
  return kApiGatewayV2;
}

}  // namespace apigw::cp
