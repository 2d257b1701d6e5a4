// ResponseOrder: the places of a connection's pipelined requests in the
// response order. Answers may arrive in any order; they leave in request order.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>

#include "net/http_message.h"

namespace apigw::net {

class ResponseOrder {
 public:
  // One place in the order, with how its response is framed.
  struct Entry {
    bool interim = false;            // a "100 Continue" ahead of the request's own answer
    bool head_request = false;
    bool close = false;              // the request allows no further one on the connection
    bool keep_alive_header = false;  // say "Connection: keep-alive" (HTTP/1.0 keep-alive, or announce_keep_alive)
    HttpResponse response;
  };

  // Appends an unanswered place and returns its sequence number.
  uint64_t Reserve(bool head_request, bool close, bool keep_alive_header);
  // Appends a place that is answered already (errors, interim responses).
  void PushReady(Entry entry);
  // Answers place `seq`; false when it is unknown, dropped or answered.
  bool Fill(uint64_t seq, HttpResponse&& response);

  // The first place when it is answered, else nullptr; PopFront() removes it.
  Entry* ReadyFront();
  void PopFront();
  // Forgets every place; answers to them are ignored from now on.
  void DropAll();

  size_t size() const { return slots_.size(); }
  bool empty() const { return slots_.empty(); }

 private:
  struct Slot {
    bool ready = false;
    Entry entry;
  };
  std::deque<Slot> slots_;  // slots_[i] is place first_seq_ + i
  uint64_t first_seq_ = 0;
};

}  // namespace apigw::net
