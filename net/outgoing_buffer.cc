// OutgoingBuffer: segment bookkeeping for gathered writes.
#include "net/outgoing_buffer.h"

namespace apigw::net {

void OutgoingBuffer::Seal() {
  if (bytes_.size() == sealed_) return;
  size_t added = bytes_.size() - sealed_;
  if (!segments_.empty() && !segments_.back().body && first_ < segments_.size()) {
    Segment& last = segments_.back();
    if (last.index + last.size == sealed_) {
      last.size += added;
      sealed_ = bytes_.size();
      queued_ += added;
      return;
    }
  }
  segments_.push_back(Segment{false, sealed_, added});
  sealed_ = bytes_.size();
  queued_ += added;
}

void OutgoingBuffer::AppendBody(std::string&& body) {
  if (body.empty()) return;
  if (body.size() <= kCopyLimit) {
    bytes_.append(body);
    Seal();
    return;
  }
  Seal();
  queued_ += body.size();
  segments_.push_back(Segment{true, bodies_.size(), body.size()});
  bodies_.push_back(std::move(body));
}

int OutgoingBuffer::Gather(struct iovec* iov, int max) const {
  int n = 0;
  for (size_t i = first_; i < segments_.size() && n < max; ++i) {
    const Segment& s = segments_[i];
    const char* base = s.body ? bodies_[s.index].data() : bytes_.data() + s.index;
    size_t skip = i == first_ ? first_offset_ : 0;
    iov[n].iov_base = const_cast<char*>(base + skip);
    iov[n].iov_len = s.size - skip;
    ++n;
  }
  return n;
}

void OutgoingBuffer::Consume(size_t n) {
  queued_ -= n;
  while (n > 0 && first_ < segments_.size()) {
    Segment& s = segments_[first_];
    size_t left = s.size - first_offset_;
    if (n < left) {
      first_offset_ += n;
      return;
    }
    n -= left;
    if (s.body) std::string().swap(bodies_[s.index]);  // free a big body as soon as it is out
    ++first_;
    first_offset_ = 0;
  }
  if (queued_ == 0) Clear();
}

void OutgoingBuffer::Clear() {
  // Keep the packed string's capacity for the next responses unless a burst made it huge.
  if (bytes_.capacity() > (1u << 20)) {
    std::string().swap(bytes_);
  } else {
    bytes_.clear();
  }
  sealed_ = 0;
  bodies_.clear();
  segments_.clear();
  first_ = 0;
  first_offset_ = 0;
  queued_ = 0;
}

}  // namespace apigw::net
