// ResponseOrder: a deque indexed by sequence number minus the first one.
#include "net/response_order.h"

namespace apigw::net {

uint64_t ResponseOrder::Reserve(bool head_request, bool close, bool keep_alive_header) {
  Slot& s = slots_.emplace_back();
  s.entry.head_request = head_request;
  s.entry.close = close;
  s.entry.keep_alive_header = keep_alive_header;
  return first_seq_ + slots_.size() - 1;
}

void ResponseOrder::PushReady(Entry entry) {
  Slot& s = slots_.emplace_back();
  s.ready = true;
  s.entry = std::move(entry);
}

bool ResponseOrder::Fill(uint64_t seq, HttpResponse&& response) {
  if (seq < first_seq_ || seq - first_seq_ >= slots_.size()) return false;
  Slot& s = slots_[seq - first_seq_];
  if (s.ready) return false;
  s.entry.response = std::move(response);
  s.ready = true;
  return true;
}

ResponseOrder::Entry* ResponseOrder::ReadyFront() {
  if (slots_.empty() || !slots_.front().ready) return nullptr;
  return &slots_.front().entry;
}

void ResponseOrder::PopFront() {
  if (slots_.empty()) return;
  slots_.pop_front();
  ++first_seq_;
}

void ResponseOrder::DropAll() {
  first_seq_ += slots_.size();
  slots_.clear();
}

}  // namespace apigw::net
