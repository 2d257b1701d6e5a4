// HTTP/1.1 messages as both planes see them: a request parsed off the wire and
// a response to write. Plain data; no I/O here.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace apigw::net {

// Header fields in the order received; names compare case-insensitively and
// keep the case they arrived with.
class Headers {
 public:
  using Field = std::pair<std::string, std::string>;

  void Add(std::string name, std::string value) { fields_.emplace_back(std::move(name), std::move(value)); }
  // Room for `n` fields without growing (parsers: one allocation per message).
  void Reserve(size_t n) { fields_.reserve(n); }
  // Replaces every field named `name` with one field.
  void Set(std::string_view name, std::string value);
  void Remove(std::string_view name);
  // The first value of `name`, or nullptr.
  const std::string* Get(std::string_view name) const;
  std::string GetOr(std::string_view name, std::string_view fallback) const;
  std::vector<std::string> GetAll(std::string_view name) const;
  bool Has(std::string_view name) const { return Get(name) != nullptr; }

  size_t size() const { return fields_.size(); }
  bool empty() const { return fields_.empty(); }
  std::vector<Field>::const_iterator begin() const { return fields_.begin(); }
  std::vector<Field>::const_iterator end() const { return fields_.end(); }
  const std::vector<Field>& fields() const { return fields_; }

 private:
  std::vector<Field> fields_;
};

struct HttpRequest {
  std::string method;   // as received, e.g. "GET"
  std::string target;   // raw request-target, e.g. "/a%20b?x=1"
  std::string path;     // the target's path, still percent-encoded, e.g. "/a%20b"
  std::string query;    // the target's query without '?', "" when absent
  Headers headers;
  std::string body;     // de-chunked
  int http_minor = 1;   // HTTP/1.<minor>
  std::string remote_ip;
  uint16_t remote_port = 0;
  int64_t received_us = 0;  // monotonic microseconds when the head was complete
};

struct HttpResponse {
  int status = 200;
  Headers headers;      // Content-Length, Date and Connection are added by the server
  std::string body;
  bool close = false;   // close the connection after writing this response

  static HttpResponse Text(int status, std::string body, std::string content_type = "text/plain");
};

// The standard reason phrase for `status` ("Not Found"), or "Unknown".
const char* ReasonPhrase(int status);

}  // namespace apigw::net
