// Test helpers: a blocking TCP client with poll() timeouts that speaks raw
// bytes, and a minimal reader of HTTP/1.1 responses, so server tests see
// exactly what went over the wire.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/text.h"

namespace apigw::net::testing {

struct RawResponse {
  int status = 0;
  std::string head;  // status line and header fields, without the blank line
  std::string body;
  bool ok = false;   // a whole response was read

  // The first value of header `name` (case-insensitive), or "".
  std::string Header(std::string_view name) const {
    size_t pos = head.find("\r\n");
    while (pos != std::string::npos) {
      size_t start = pos + 2;
      size_t end = head.find("\r\n", start);
      std::string_view line(head.data() + start, (end == std::string::npos ? head.size() : end) - start);
      size_t colon = line.find(':');
      if (colon != std::string_view::npos && EqualsIgnoreCase(line.substr(0, colon), name)) {
        return std::string(Trim(line.substr(colon + 1)));
      }
      pos = end;
    }
    return "";
  }
  int CountHeader(std::string_view name) const {
    int n = 0;
    for (size_t pos = 0; (pos = head.find("\r\n", pos)) != std::string::npos; pos += 2) {
      std::string_view rest(head.data() + pos + 2, head.size() - pos - 2);
      if (rest.size() > name.size() && rest[name.size()] == ':' &&
          EqualsIgnoreCase(rest.substr(0, name.size()), name)) {
        ++n;
      }
    }
    return n;
  }
};

class TestSocket {
 public:
  explicit TestSocket(uint16_t port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr = {};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
    int one = 1;
    ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  }
  ~TestSocket() { Close(); }
  TestSocket(const TestSocket&) = delete;
  TestSocket& operator=(const TestSocket&) = delete;

  bool connected() const { return connected_; }
  int fd() const { return fd_; }

  bool Send(std::string_view data) {
    while (!data.empty()) {
      ssize_t n = ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
      if (n <= 0) return false;
      data.remove_prefix(static_cast<size_t>(n));
    }
    return true;
  }

  // Reads whatever arrives within `timeout_ms` into the pending bytes;
  // false on EOF, error or timeout.
  bool ReadSome(int timeout_ms) {
    pollfd p = {fd_, POLLIN, 0};
    if (::poll(&p, 1, timeout_ms) <= 0) return false;
    char buf[65536];
    ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
    if (n <= 0) {
      eof_ = true;
      return false;
    }
    pending_.append(buf, static_cast<size_t>(n));
    return true;
  }

  // Reads one response; `head_request` means no body follows the head.
  RawResponse ReadResponse(int timeout_ms = 3000, bool head_request = false) {
    RawResponse r;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    size_t head_end;
    while ((head_end = pending_.find("\r\n\r\n")) == std::string::npos) {
      if (!ReadSome(Remaining(deadline))) return r;
    }
    r.head = pending_.substr(0, head_end);
    r.status = std::atoi(r.head.c_str() + 9);
    std::string cl = r.Header("Content-Length");
    size_t body_len = cl.empty() || head_request || r.status == 204 || r.status == 304 || r.status < 200
                          ? 0
                          : static_cast<size_t>(std::stoull(cl));
    while (pending_.size() < head_end + 4 + body_len) {
      if (!ReadSome(Remaining(deadline))) return r;
    }
    r.body = pending_.substr(head_end + 4, body_len);
    pending_.erase(0, head_end + 4 + body_len);
    r.ok = true;
    return r;
  }

  // True when the peer closes (EOF or reset) within `timeout_ms`.
  bool WaitClosed(int timeout_ms) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    while (!eof_) {
      int left = Remaining(deadline);
      if (left <= 0) return false;
      pollfd p = {fd_, POLLIN, 0};
      if (::poll(&p, 1, left) <= 0) continue;
      char buf[65536];
      ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
      if (n <= 0) eof_ = true;
      else pending_.append(buf, static_cast<size_t>(n));
    }
    return true;
  }

  std::string& pending() { return pending_; }

  void Close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

 private:
  static int Remaining(std::chrono::steady_clock::time_point deadline) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    return left.count() < 0 ? 0 : static_cast<int>(left.count());
  }

  int fd_ = -1;
  bool connected_ = false;
  bool eof_ = false;
  std::string pending_;
};

}  // namespace apigw::net::testing
