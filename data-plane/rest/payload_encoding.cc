// Payload conversions, strict base64 and UTF-8 repair.
#include "data-plane/rest/payload_encoding.h"

#include <cstdint>
#include <utility>

#include "base/base64.h"

namespace apigw::dp {

namespace {

// The length of the well-formed UTF-8 sequence at `at`, or the length of its
// maximal ill-formed prefix as a negative number (Unicode 15, table 3-7).
int SequenceLength(std::string_view s, size_t at) {
  const auto byte = [&](size_t i) { return static_cast<uint8_t>(s[i]); };
  uint8_t lead = byte(at);
  if (lead < 0x80) return 1;
  int length;
  uint8_t low = 0x80, high = 0xBF;  // the range of the second byte
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;
    if (lead == 0xED) high = 0x9F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;
    if (lead == 0xF4) high = 0x8F;
  } else {
    return -1;
  }
  for (int k = 1; k < length; ++k) {
    if (at + size_t(k) >= s.size()) return -k;
    uint8_t b = byte(at + size_t(k));
    bool ok = k == 1 ? (b >= low && b <= high) : (b >= 0x80 && b <= 0xBF);
    if (!ok) return -k;
  }
  return length;
}

bool IsBase64Char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
}

}  // namespace

bool IsValidUtf8(std::string_view bytes) {
  for (size_t i = 0; i < bytes.size();) {
    int n = SequenceLength(bytes, i);
    if (n < 0) return false;
    i += size_t(n);
  }
  return true;
}

void SanitizeUtf8(std::string& bytes) {
  if (IsValidUtf8(bytes)) return;
  std::string out;
  out.reserve(bytes.size() + 16);
  for (size_t i = 0; i < bytes.size();) {
    int n = SequenceLength(bytes, i);
    if (n > 0) {
      out.append(bytes, i, size_t(n));
      i += size_t(n);
    } else {
      out += "\xEF\xBF\xBD";
      i += size_t(-n);
    }
  }
  bytes = std::move(out);
}

std::optional<std::string> DecodeBase64Strict(std::string_view text) {
  size_t data = 0;
  while (data < text.size() && IsBase64Char(text[data])) ++data;
  size_t pads = text.size() - data;
  if (pads > 2) return std::nullopt;
  for (size_t i = data; i < text.size(); ++i) {
    if (text[i] != '=') return std::nullopt;
  }
  size_t tail = data % 4;
  if (tail == 1) return std::nullopt;
  if (pads > 0 && tail + pads != 4) return std::nullopt;
  return Base64Decode(text);
}

bool ConvertPayload(std::string& payload, bool from_binary, bool to_binary) {
  if (from_binary && to_binary) return true;
  if (from_binary) {
    payload = Base64Encode(payload);
  } else if (to_binary) {
    std::optional<std::string> decoded = DecodeBase64Strict(payload);
    if (!decoded) return false;
    payload = std::move(*decoded);
  } else {
    SanitizeUtf8(payload);
  }
  return true;
}

}  // namespace apigw::dp
