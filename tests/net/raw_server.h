// Test helper: a hand-scripted TCP server on 127.0.0.1, port 0. Each accepted
// connection runs the script on the server's thread, so tests can send
// exactly the bytes (and closes) a real server would not.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <functional>
#include <string>
#include <thread>

namespace apigw::net::testing {

class RawServer {
 public:
  // `script(fd, n)` serves the n-th accepted connection (from 0); the server
  // closes `fd` when it returns.
  explicit RawServer(std::function<void(int fd, int n)> script) : script_(std::move(script)) {
    listen_fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    ::setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in addr = {};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    ::listen(listen_fd_, 64);
    socklen_t len = sizeof addr;
    ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this] { Run(); });
  }
  ~RawServer() {
    stop_ = true;
    thread_.join();
    ::close(listen_fd_);
  }

  uint16_t port() const { return port_; }
  int accepted() const { return accepted_.load(); }
  std::string url(const std::string& path = "/") const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }

  // Reads one request head (and a Content-Length body) from `fd`; "" on EOF.
  static std::string ReadRequest(int fd, int timeout_ms = 3000) {
    std::string in;
    char buf[4096];
    while (true) {
      size_t head_end = in.find("\r\n\r\n");
      if (head_end != std::string::npos) {
        size_t cl = 0;
        size_t pos = in.find("Content-Length: ");
        if (pos != std::string::npos && pos < head_end) cl = std::stoul(in.substr(pos + 16));
        if (in.size() >= head_end + 4 + cl) return in;
      }
      pollfd p = {fd, POLLIN, 0};
      if (::poll(&p, 1, timeout_ms) <= 0) return "";
      ssize_t n = ::recv(fd, buf, sizeof buf, 0);
      if (n <= 0) return "";
      in.append(buf, static_cast<size_t>(n));
    }
  }

  static void Write(int fd, const std::string& data) { ::send(fd, data.data(), data.size(), MSG_NOSIGNAL); }

 private:
  void Run() {
    int n = 0;
    while (!stop_) {
      pollfd p = {listen_fd_, POLLIN, 0};
      if (::poll(&p, 1, 20) <= 0) continue;
      int fd = ::accept(listen_fd_, nullptr, nullptr);
      if (fd < 0) continue;
      accepted_++;
      script_(fd, n++);
      ::close(fd);
    }
  }

  std::function<void(int, int)> script_;
  int listen_fd_ = -1;
  uint16_t port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<int> accepted_{0};
  std::thread thread_;
};

}  // namespace apigw::net::testing
