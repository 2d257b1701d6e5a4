// RequestParser: turns bytes received on a server connection into HttpRequests,
// one at a time, enforcing the head and body size limits. Wraps http_parser
// (kept out of this header); does no I/O.
#pragma once

#include <cstddef>
#include <memory>

#include "net/http_message.h"

namespace apigw::net {

class RequestParser {
 public:
  enum class State {
    kIdle,      // between requests: no byte of the next one seen yet
    kHead,      // inside a request line or header fields
    kBody,      // head complete, body still arriving
    kComplete,  // request() is whole; call Next() before feeding more
    kError,     // error() says why; the connection cannot continue
  };
  enum class Error { kNone, kMalformed, kHeadTooLarge, kBodyTooLarge, kVersion };

  RequestParser(size_t max_head_bytes, size_t max_body_bytes);
  ~RequestParser();
  RequestParser(const RequestParser&) = delete;
  RequestParser& operator=(const RequestParser&) = delete;

  // Parses up to `len` bytes and returns how many were used. Stops right after
  // a complete request (so the caller answers requests in order) or an error.
  size_t Feed(const char* data, size_t len);
  // Makes the parser ready for the next request once the caller has taken
  // the complete one.
  void Next();

  State state() const;
  Error error() const;
  // The request being parsed; its head is complete from kBody on (also when
  // the error is kBodyTooLarge, so the answer can look at it).
  HttpRequest& request();

  // Facts about the current request, valid from kBody on.
  bool keep_alive() const;          // the connection may carry another request after it
  bool upgrade() const;             // the parser stopped at an upgrade; bytes after it are not HTTP
  bool websocket_upgrade() const;   // "Upgrade: websocket" was present
  bool expects_continue() const;    // HTTP/1.1 "Expect: 100-continue" with a body to come

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace apigw::net
