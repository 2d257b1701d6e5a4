// ResponseParser: turns the bytes a client connection receives into one
// ClientResponse, skipping interim 1xx responses. Wraps http_parser (kept out
// of this header); does no I/O.
#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include "net/http_client.h"

namespace apigw::net {

class ResponseParser {
 public:
  enum class State { kInProgress, kComplete, kError };

  explicit ResponseParser(size_t max_body_bytes);
  ~ResponseParser();
  ResponseParser(const ResponseParser&) = delete;
  ResponseParser& operator=(const ResponseParser&) = delete;

  // Prepares for the response to a new request; after HEAD no body follows.
  void Reset(bool head_request);
  // Parses up to `len` bytes and returns how many were used; stops after the
  // final response.
  size_t Feed(const char* data, size_t len);
  // The peer closed: ends a body delimited by the close, else an error.
  void FeedEof();

  State state() const;
  bool started() const;    // at least one byte of a response arrived
  bool too_large() const;  // the error is a body over the limit
  const std::string& error() const;
  bool keep_alive() const;  // valid once complete
  ClientResponse& response();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace apigw::net
