// SigV4 credential scope parsing.
#include "control-plane/protocol/sigv4_scope.h"

#include "base/text.h"
#include "base/url.h"

namespace apigw::cp {

std::optional<SigV4Scope> ParseCredentialScope(std::string_view credential) {
  std::vector<std::string> parts = Split(Trim(credential), '/');
  // The access key cannot hold '/', so exactly five parts.
  if (parts.size() != 5 || parts[4] != "aws4_request") return std::nullopt;
  if (parts[0].empty() || parts[2].empty() || parts[3].empty()) return std::nullopt;
  return SigV4Scope{parts[0], parts[1], parts[2], parts[3]};
}

std::optional<SigV4Scope> ParseSigV4Scope(const net::HttpRequest& request) {
  if (const std::string* auth = request.headers.Get("Authorization")) {
    std::string_view a = Trim(*auth);
    constexpr std::string_view kAlgorithm = "AWS4-HMAC-SHA256";
    if (StartsWith(a, kAlgorithm)) {
      a.remove_prefix(kAlgorithm.size());
      // Components are separated by ',' and optional spaces, in any order.
      for (const std::string& part : Split(a, ',')) {
        std::string_view p = Trim(part);
        constexpr std::string_view kCredential = "Credential=";
        if (StartsWith(p, kCredential)) return ParseCredentialScope(p.substr(kCredential.size()));
      }
    }
  }
  if (!request.query.empty()) {
    for (const auto& [name, value] : ParseQuery(request.query))
      if (EqualsIgnoreCase(name, "X-Amz-Credential")) return ParseCredentialScope(value);
  }
  return std::nullopt;
}

}  // namespace apigw::cp
