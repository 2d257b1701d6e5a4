// RandomIdSource: a seeded 64-bit Mersenne Twister under a mutex.
#include "base/ids.h"

namespace apigw {

RandomIdSource::RandomIdSource() : rng_(std::random_device{}()) {}

uint64_t RandomIdSource::Next() {
  std::lock_guard<std::mutex> lock(mu_);
  return rng_();
}

std::string RandomIdSource::LowerAlnum(size_t length) {
  static constexpr char kChars[] = "abcdefghijklmnopqrstuvwxyz0123456789";
  std::string out;
  out.reserve(length);
  uint64_t bits = 0;
  for (size_t i = 0; i < length; ++i) {
    if (i % 10 == 0) bits = Next();
    out.push_back(kChars[bits % 36]);
    bits /= 36;
  }
  return out;
}

std::string RandomIdSource::MixedAlnum(size_t length) {
  static constexpr char kChars[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  std::string out;
  out.reserve(length);
  uint64_t bits = 0;
  for (size_t i = 0; i < length; ++i) {
    if (i % 10 == 0) bits = Next();
    out.push_back(kChars[bits % 62]);
    bits /= 62;
  }
  return out;
}

std::string RandomIdSource::Uuid() {
  uint64_t hi = Next(), lo = Next();
  hi = (hi & ~0xF000ULL) | 0x4000ULL;                       // version 4
  lo = (lo & ~(0xC000ULL << 48)) | (0x8000ULL << 48);       // RFC 4122 variant
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(36);
  for (int i = 0; i < 32; ++i) {
    uint64_t word = i < 16 ? hi : lo;
    int shift = (15 - (i % 16)) * 4;
    out.push_back(kHex[(word >> shift) & 0xF]);
    if (i == 7 || i == 11 || i == 15 || i == 19) out.push_back('-');
  }
  return out;
}

}  // namespace apigw
