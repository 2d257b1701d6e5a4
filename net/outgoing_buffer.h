// OutgoingBuffer: the bytes a connection still has to write, as a gather list.
// Response heads and small bodies are packed into one reused string; large
// bodies are moved in, never copied. Nothing here does I/O.
#pragma once

#include <sys/uio.h>

#include <cstddef>
#include <string>
#include <vector>

namespace apigw::net {

class OutgoingBuffer {
 public:
  // Bodies up to this size are copied next to their head (one write segment).
  static constexpr size_t kCopyLimit = 4096;

  // The packed bytes; append to it, then call Seal() to queue what was appended.
  std::string& bytes() { return bytes_; }
  void Seal();
  // Queues `body` after what is queued so far.
  void AppendBody(std::string&& body);
  void AppendBytes(std::string_view data) { bytes_.append(data); Seal(); }

  bool empty() const { return queued_ == 0; }
  size_t queued_bytes() const { return queued_; }

  // Fills up to `max` iovecs with the bytes still to write; returns the count.
  int Gather(struct iovec* iov, int max) const;
  // Marks `n` bytes as written; frees everything once all is written.
  void Consume(size_t n);
  void Clear();

 private:
  struct Segment {
    bool body;     // bodies_[index] or bytes_[offset..]
    size_t index;  // body index or byte offset
    size_t size;
  };
  std::string bytes_;
  size_t sealed_ = 0;  // bytes_[0..sealed_) belong to segments
  std::vector<std::string> bodies_;
  std::vector<Segment> segments_;
  size_t first_ = 0;         // the first segment not yet fully written
  size_t first_offset_ = 0;  // bytes of it already written
  size_t queued_ = 0;
};

}  // namespace apigw::net
