// Small string functions C++17 lacks (case folding, trimming, splitting).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace apigw {

std::string ToLower(std::string_view s);
std::string ToUpper(std::string_view s);
bool EqualsIgnoreCase(std::string_view a, std::string_view b);
bool StartsWith(std::string_view s, std::string_view prefix);
bool EndsWith(std::string_view s, std::string_view suffix);
std::string_view Trim(std::string_view s);  // ASCII whitespace at both ends
// Splits on every `sep`; "a,,b" gives {"a","","b"}; "" gives {""}.
std::vector<std::string> Split(std::string_view s, char sep);
std::string Join(const std::vector<std::string>& parts, std::string_view sep);
void ReplaceAll(std::string& s, std::string_view from, std::string_view to);

}  // namespace apigw
