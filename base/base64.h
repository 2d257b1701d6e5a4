// Base64 (RFC 4648), standard and URL-safe alphabets.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace apigw {

std::string Base64Encode(std::string_view bytes, bool url_safe = false, bool pad = true);
// Accepts both alphabets, with or without padding; ignores ASCII whitespace.
// Returns nullopt on any other character or an impossible length.
std::optional<std::string> Base64Decode(std::string_view text);

}  // namespace apigw
