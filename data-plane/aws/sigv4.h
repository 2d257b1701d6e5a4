// AWS Signature Version 4 for the requests AWS service integrations send
// (AWS General Reference, "Create a signed AWS API request"), with OpenSSL's
// SHA-256 and HMAC-SHA256.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "net/client_url.h"
#include "net/http_message.h"

namespace apigw::dp {

struct SigV4Key {
  std::string access_key_id;
  std::string secret_access_key;
};

struct SigV4Scope {
  std::string region;   // "us-east-1"
  std::string service;  // the signing name: "dynamodb", "sqs", "states", "s3"
};

// Signs a request to `url`: sets Host, X-Amz-Date (from `epoch_millis`) and,
// for S3, X-Amz-Content-Sha256, then Authorization over every header present.
// The path is signed as sent, and encoded once more except for S3, as
// SigV4 asks.
void SignV4(std::string_view method, const net::ClientUrl& url, std::string_view body, const SigV4Scope& scope,
            const SigV4Key& key, int64_t epoch_millis, net::Headers& headers);

// Lower-case hex SHA-256 of `data`.
std::string Sha256Hex(std::string_view data);

}  // namespace apigw::dp
