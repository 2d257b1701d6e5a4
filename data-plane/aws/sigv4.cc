// SigV4: canonical request, string to sign, derived key, signature.
#include "data-plane/aws/sigv4.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <ctime>
#include <utility>
#include <vector>

#include "base/text.h"
#include "base/url.h"

namespace apigw::dp {

namespace {

std::string Hex(const unsigned char* bytes, size_t n) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(n * 2, '0');
  for (size_t i = 0; i < n; ++i) {
    out[2 * i] = kDigits[bytes[i] >> 4];
    out[2 * i + 1] = kDigits[bytes[i] & 15];
  }
  return out;
}

std::string Hmac(std::string_view key, std::string_view data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), key.data(), int(key.size()), reinterpret_cast<const unsigned char*>(data.data()), data.size(),
       out, &length);
  return std::string(reinterpret_cast<char*>(out), length);
}

// "/a%20b/c" -> the canonical URI: as sent for S3, encoded once more otherwise
// (every byte outside RFC 3986's unreserved set, '/' kept).
std::string CanonicalUri(std::string_view path, bool encode_again) {
  if (path.empty()) return "/";
  return encode_again ? PercentEncode(path, "/") : std::string(path);
}

std::string CanonicalQuery(std::string_view query) {
  std::vector<std::pair<std::string, std::string>> params;
  for (auto& [k, v] : ParseQuery(query)) params.emplace_back(PercentEncode(k), PercentEncode(v));
  std::sort(params.begin(), params.end());
  std::string out;
  for (const auto& [k, v] : params) {
    if (!out.empty()) out.push_back('&');
    out += k;
    out.push_back('=');
    out += v;
  }
  return out;
}

// Trimmed, inner runs of spaces collapsed to one.
std::string CanonicalValue(std::string_view value) {
  value = Trim(value);
  std::string out;
  out.reserve(value.size());
  bool space = false;
  for (char c : value) {
    if (c == ' ' || c == '\t') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

}  // namespace

std::string Sha256Hex(std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(data.data(), data.size(), digest, &length, EVP_sha256(), nullptr);
  return Hex(digest, length);
}

void SignV4(std::string_view method, const net::ClientUrl& url, std::string_view body, const SigV4Scope& scope,
            const SigV4Key& key, int64_t epoch_millis, net::Headers& headers) {
  std::time_t seconds = static_cast<std::time_t>(epoch_millis / 1000);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char amz_date[20];
  std::strftime(amz_date, sizeof amz_date, "%Y%m%dT%H%M%SZ", &tm);
  const std::string date(amz_date, 8);

  const std::string payload_hash = Sha256Hex(body);
  headers.Set("Host", url.host_header);
  headers.Set("X-Amz-Date", amz_date);
  if (scope.service == "s3") headers.Set("X-Amz-Content-Sha256", payload_hash);
  headers.Remove("Authorization");

  // Every header, by lower-cased name; repeated ones joined with ','.
  std::vector<std::pair<std::string, std::string>> canonical;
  for (const auto& [name, value] : headers) {
    std::string lower = ToLower(name);
    auto it = std::find_if(canonical.begin(), canonical.end(), [&](const auto& h) { return h.first == lower; });
    if (it == canonical.end()) {
      canonical.emplace_back(std::move(lower), CanonicalValue(value));
    } else {
      it->second += ',' + CanonicalValue(value);
    }
  }
  std::sort(canonical.begin(), canonical.end());
  std::string canonical_headers, signed_headers;
  for (const auto& [name, value] : canonical) {
    canonical_headers += name + ':' + value + '\n';
    if (!signed_headers.empty()) signed_headers.push_back(';');
    signed_headers += name;
  }

  std::string_view target = url.target;
  size_t q = target.find('?');
  std::string_view path = target.substr(0, q);
  std::string_view query = q == std::string_view::npos ? std::string_view() : target.substr(q + 1);
  const std::string request = std::string(method) + '\n' + CanonicalUri(path, scope.service != "s3") + '\n' +
                              CanonicalQuery(query) + '\n' + canonical_headers + '\n' + signed_headers + '\n' +
                              payload_hash;

  const std::string credential_scope = date + '/' + scope.region + '/' + scope.service + "/aws4_request";
  const std::string to_sign =
      std::string("AWS4-HMAC-SHA256\n") + amz_date + '\n' + credential_scope + '\n' + Sha256Hex(request);
  std::string signing_key = Hmac("AWS4" + key.secret_access_key, date);
  signing_key = Hmac(signing_key, scope.region);
  signing_key = Hmac(signing_key, scope.service);
  signing_key = Hmac(signing_key, "aws4_request");
  const std::string signature = Hmac(signing_key, to_sign);
  headers.Set("Authorization", "AWS4-HMAC-SHA256 Credential=" + key.access_key_id + '/' + credential_scope +
                                   ", SignedHeaders=" + signed_headers +
                                   ", Signature=" + Hex(reinterpret_cast<const unsigned char*>(signature.data()),
                                                        signature.size()));
}

}  // namespace apigw::dp
