// A local HTTP backend for integration tests: a net::HttpServer on port 0
// that records what it receives and answers by path or through a function.
#pragma once

#include <doctest/doctest.h>

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "base/log.h"
#include "net/http_server.h"
#include "net/io_pool.h"

namespace apigw::dp::testing {

// A backend that records every request and answers by path:
//   /slow...      never, until Release()
//   /status/NNN   status NNN, body {"e":1}, header X-Back: b
//   anything else 200 {"ok":true} with X-Back: b and Server: backend
// unless SetResponder gave a function that answers everything.
class Backend {
 public:
  Backend() : log_(LogLevel::kOff), pool_(1) {
    pool_.Start();
    net::HttpServerOptions options;
    options.port = 0;
    server_ = std::make_unique<net::HttpServer>(
        pool_, options,
        [this](net::HttpRequest&& request, std::shared_ptr<net::ResponseWriter> writer) {
          Handle(std::move(request), std::move(writer));
        },
        log_);
    auto port = server_->Listen();
    REQUIRE(port.ok());
    port_ = *port;
  }
  ~Backend() {
    Release();
    server_->Stop();
    pool_.Stop();
  }

  std::string Url(std::string_view path = "") const {
    return "http://127.0.0.1:" + std::to_string(port_) + std::string(path);
  }
  std::optional<net::HttpRequest> Last() {
    std::lock_guard<std::mutex> lock(mu_);
    return last_;
  }
  int count() {
    std::lock_guard<std::mutex> lock(mu_);
    return count_;
  }
  // Waits (up to 10 s) until `n` requests have arrived.
  bool WaitForCount(int n) {
    std::unique_lock<std::mutex> lock(mu_);
    return cv_.wait_for(lock, std::chrono::seconds(10), [&] { return count_ >= n; });
  }
  void SetResponder(std::function<net::HttpResponse(const net::HttpRequest&)> responder) {
    std::lock_guard<std::mutex> lock(mu_);
    responder_ = std::move(responder);
  }
  void Release() {
    std::vector<std::shared_ptr<net::ResponseWriter>> held;
    {
      std::lock_guard<std::mutex> lock(mu_);
      held.swap(held_);
    }
    for (auto& w : held) w->Send(net::HttpResponse::Text(200, "late"));
  }

 private:
  void Handle(net::HttpRequest&& request, std::shared_ptr<net::ResponseWriter> writer) {
    std::string path = request.path;
    {
      std::lock_guard<std::mutex> lock(mu_);
      last_ = request;
      ++count_;
      cv_.notify_all();
      if (responder_) {
        net::HttpResponse r = responder_(request);
        writer->Send(std::move(r));
        return;
      }
      if (path.rfind("/slow", 0) == 0) {
        held_.push_back(std::move(writer));
        return;
      }
    }
    net::HttpResponse r;
    r.headers.Add("X-Back", "b");
    r.headers.Add("Content-Type", "application/json");
    if (path.rfind("/status/", 0) == 0) {
      r.status = std::atoi(path.c_str() + 8);
      r.body = R"({"e":1})";
    } else {
      r.headers.Add("Server", "backend");
      r.body = R"({"ok":true})";
    }
    writer->Send(std::move(r));
  }

  Logger log_;
  net::IoPool pool_;
  std::unique_ptr<net::HttpServer> server_;
  uint16_t port_ = 0;
  std::mutex mu_;
  std::condition_variable cv_;
  std::optional<net::HttpRequest> last_;
  int count_ = 0;
  std::vector<std::shared_ptr<net::ResponseWriter>> held_;
  std::function<net::HttpResponse(const net::HttpRequest&)> responder_;
};

}  // namespace apigw::dp::testing
