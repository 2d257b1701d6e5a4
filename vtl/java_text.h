// Java's view of text and numbers: strings as UTF-16 code units (what
// String.length() and substring() count) and numbers as Double.toString and
// Long.toString print them.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace apigw::vtl {

// UTF-8 to UTF-16; each invalid byte becomes U+FFFD, as Java's decoder does.
std::u16string ToUtf16(std::string_view utf8);
// UTF-16 to UTF-8; an unpaired surrogate becomes '?', as Java's encoder does.
std::string ToUtf8(std::u16string_view utf16);
bool IsAscii(std::string_view s);
// Number of UTF-16 code units of a UTF-8 string (String.length()).
size_t Utf16Length(std::string_view utf8);

// Double.toString: "1.0", "0.001", "1.0E7", "1.5E-5", "NaN", "Infinity".
std::string JavaDouble(double d);
void AppendJavaDouble(double d, std::string* out);
// The same written at `out` (room for kJavaDoubleMaxChars); returns the length.
constexpr size_t kJavaDoubleMaxChars = 32;
size_t FormatJavaDouble(double d, char* out);
// Long.toString.
void AppendJavaLong(int64_t v, std::string* out);

// Java's String.hashCode over UTF-16 code units.
int32_t JavaHashCode(std::string_view utf8);

}  // namespace apigw::vtl
