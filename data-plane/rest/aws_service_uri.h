// AwsServiceUri: the URI of an AWS integration, as the developer guide
// describes it ("Integration.uri"): arn:aws:apigateway:{region}:{subdomain.service|service}:
// path/{service_api_path} or ...:action/{Action}[&Name=value...], either
// optionally followed by ?query.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "base/url.h"

namespace apigw::dp {

struct AwsServiceUri {
  enum class Style { kPath, kAction };
  std::string region;
  std::string service;    // "dynamodb", "sqs", "s3", "states", "lambda"
  std::string subdomain;  // "bucket" of "bucket.s3", else empty
  Style style = Style::kPath;
  std::string path;       // kPath: after "path/", still percent-encoded, without the query
  std::string action;     // kAction: "PutItem"
  QueryParams params;     // "&Name=value" after the action, then "?query", decoded
};

// Parses `uri` (placeholders already filled in); nullopt when it is not of
// that form.
std::optional<AwsServiceUri> ParseAwsServiceUri(std::string_view uri);

}  // namespace apigw::dp
