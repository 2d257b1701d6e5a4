// HeadWriter: appends an HTTP head to a string through one growth and plain
// copies, for encoders that know an upper bound of what they write (the sum
// of the pieces they may write). Header text is checked with SafeFieldText.
#pragma once

#include <charconv>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace apigw::net {

// Header names and values must not smuggle line breaks (or NULs) into the
// head. Eight bytes at a time: only a word holding a byte below 14 (CR, LF,
// NUL, but also a tab) is looked at byte by byte.
inline bool SafeFieldText(std::string_view s) {
  constexpr uint64_t kOnes = 0x0101010101010101ULL;
  constexpr uint64_t kHigh = 0x8080808080808080ULL;
  const char* p = s.data();
  size_t n = s.size();
  while (n >= 8) {
    uint64_t x;
    std::memcpy(&x, p, 8);
    if (((x - kOnes * 14) & ~x & kHigh) != 0) break;  // some byte < 14 in these eight
    p += 8;
    n -= 8;
  }
  for (; n > 0; ++p, --n) {
    const auto c = static_cast<unsigned char>(*p);
    if (c == '\r' || c == '\n' || c == '\0') return false;
  }
  return true;
}

class HeadWriter {
 public:
  // Makes room for up to `room` more bytes at the end of `out`.
  HeadWriter(std::string& out, size_t room) : out_(out), start_(out.size()) {
    out_.resize(start_ + room);
    p_ = out_.data() + start_;
    end_ = p_ + room;
  }
  HeadWriter(const HeadWriter&) = delete;
  HeadWriter& operator=(const HeadWriter&) = delete;

  void Put(char c) {
    if (p_ < end_) *p_++ = c;
  }
  void Put(std::string_view s) {
    const size_t n = s.size() <= static_cast<size_t>(end_ - p_) ? s.size() : static_cast<size_t>(end_ - p_);
    std::memcpy(p_, s.data(), n);
    p_ += n;
  }
  void PutNumber(uint64_t v) {
    char buf[24];
    auto res = std::to_chars(buf, buf + sizeof buf, v);
    Put(std::string_view(buf, static_cast<size_t>(res.ptr - buf)));
  }
  // "name: value\r\n"
  void PutField(std::string_view name, std::string_view value) {
    Put(name);
    Put(": ");
    Put(value);
    Put("\r\n");
  }
  // Drops the room left over.
  void Finish() { out_.resize(static_cast<size_t>(p_ - out_.data())); }

 private:
  std::string& out_;
  const size_t start_;
  char* p_;
  char* end_;
};

}  // namespace apigw::net
