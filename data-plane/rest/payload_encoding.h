// Payload encodings: how API Gateway converts a REST payload between text and
// binary under contentHandling (developer guide, "Content type conversions in
// API Gateway"). Text -> binary base64-decodes (a 500 when the text is not
// base64), binary -> text base64-encodes, text -> text is read as UTF-8, each
// invalid byte sequence becoming U+FFFD (recorded on AWS: an S3 PUT of gzip
// bytes as text stored 99 bytes for 67, test_apigateway_s3.snapshot.json),
// binary -> binary passes as it is.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace apigw::dp {

// An Integration's or IntegrationResponse's contentHandling.
enum class ContentHandling { kPassthrough, kConvertToBinary, kConvertToText };

// Whether the integration request payload is binary: contentHandling decides,
// else it stays what the method request payload is.
inline bool RequestPayloadIsBinary(ContentHandling handling, bool method_payload_binary) {
  if (handling == ContentHandling::kPassthrough) return method_payload_binary;
  return handling == ContentHandling::kConvertToBinary;
}

// Whether the method response payload is binary: contentHandling decides,
// else the client's first Accept type does ("API Gateway converts the
// response body to the type specified in the Accept header").
inline bool ResponsePayloadIsBinary(ContentHandling handling, bool accept_binary) {
  if (handling == ContentHandling::kPassthrough) return accept_binary;
  return handling == ContentHandling::kConvertToBinary;
}

// Converts `payload` in place from its kind to the wanted one; false (and
// `payload` unchanged) when a text payload to be made binary is not base64.
bool ConvertPayload(std::string& payload, bool from_binary, bool to_binary);

// Base64 as java.util.Base64.getDecoder() reads it: the standard alphabet,
// padding optional but exact when present, no whitespace (recorded: the text
// "this is a UTF8 text typed object" is not base64 to AWS).
std::optional<std::string> DecodeBase64Strict(std::string_view text);

bool IsValidUtf8(std::string_view bytes);
// Replaces every maximal invalid UTF-8 subsequence of `bytes` with U+FFFD;
// valid text is left untouched (and not copied).
void SanitizeUtf8(std::string& bytes);

}  // namespace apigw::dp
