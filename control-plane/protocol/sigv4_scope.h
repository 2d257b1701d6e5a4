// SigV4 credential scope: which region and service a signed request names,
// read from the Authorization header or a presigned URL's X-Amz-Credential.
// The signature itself is not verified: the emulator accepts any credentials.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "net/http_message.h"

namespace apigw::cp {

struct SigV4Scope {
  std::string access_key;
  std::string date;     // "20260101"
  std::string region;   // "us-east-1"
  std::string service;  // the signing name: "apigateway", "lambda", "execute-api"
};

// Parses a credential "AKID/20260101/us-east-1/apigateway/aws4_request".
std::optional<SigV4Scope> ParseCredentialScope(std::string_view credential);
// From "Authorization: AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=..."
// or else the X-Amz-Credential query parameter; nullopt when unsigned or malformed.
std::optional<SigV4Scope> ParseSigV4Scope(const net::HttpRequest& request);

}  // namespace apigw::cp
