// Timestamps as the rest-json wire writes them: epoch seconds (JSON bodies by
// default), ISO 8601 (timestampFormat iso8601) and the HTTP date of RFC 7231
// (headers by default); and a lenient parser for all three.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace apigw::cp {

// "2026-01-01T00:00:00Z"; with milliseconds ("...:00.250Z") when fractional.
std::string FormatIso8601(double epoch_seconds);
// "Thu, 01 Jan 2026 00:00:00 GMT"
std::string FormatHttpDate(double epoch_seconds);
// Accepts ISO 8601 ("2026-01-01T00:00:00Z", fractions, "+hh:mm" offsets, a bare
// date), an HTTP date, or epoch seconds ("1767225600", "1767225600.5").
std::optional<double> ParseTimestamp(std::string_view text);

}  // namespace apigw::cp
