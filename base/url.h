// Percent-encoding and query strings, as URLs on both planes need them.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace apigw {

// Decodes %XX escapes; with `plus_is_space`, '+' becomes ' ' (query strings).
// Malformed escapes are kept as they are, as API Gateway does.
std::string PercentDecode(std::string_view s, bool plus_is_space = false);
// Encodes every byte outside RFC 3986's unreserved set (A-Z a-z 0-9 - _ . ~),
// plus those in `keep` (e.g. "/" to encode a path but not its separators).
std::string PercentEncode(std::string_view s, std::string_view keep = "");

using QueryParams = std::vector<std::pair<std::string, std::string>>;
// Splits "a=1&b=2&a=3" into decoded pairs, in order; "a" alone gives ("a","").
QueryParams ParseQuery(std::string_view query);

}  // namespace apigw
