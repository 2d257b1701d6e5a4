// BufferedAppend: appends to a std::string through a small local buffer, so
// that writers of many small pieces (JSON text) make few calls into the string.
// The string has everything once the BufferedAppend is flushed or destroyed.
#pragma once

#include <cstddef>
#include <cstring>
#include <string>
#include <string_view>

namespace apigw::vtl {

class BufferedAppend {
 public:
  explicit BufferedAppend(std::string* out) : out_(out) {}
  BufferedAppend(const BufferedAppend&) = delete;
  BufferedAppend& operator=(const BufferedAppend&) = delete;
  ~BufferedAppend() { Flush(); }

  void push_back(char c) {
    if (used_ == kSize) Flush();
    buf_[used_++] = c;
  }
  void append(const char* s, size_t n) {
    if (n > kSize - used_) {
      Flush();
      if (n > kSize / 2) {
        out_->append(s, n);
        return;
      }
    }
    std::memcpy(buf_ + used_, s, n);
    used_ += n;
  }
  void append(std::string_view s) { append(s.data(), s.size()); }
  // Room for `n` <= kSize / 2 bytes written at the pointer returned, then
  // committed with Commit(written).
  char* Reserve(size_t n) {
    if (n > kSize - used_) Flush();
    return buf_ + used_;
  }
  void Commit(size_t n) { used_ += n; }
  void Flush() {
    if (used_ == 0) return;
    out_->append(buf_, used_);
    used_ = 0;
  }

 private:
  static constexpr size_t kSize = 512;
  std::string* out_;
  size_t used_ = 0;
  char buf_[kSize];
};

}  // namespace apigw::vtl
