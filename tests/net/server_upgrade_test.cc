// HttpServer's upgrade hook: the raw bytes of the upgrade request reach
// on_upgrade, and the connection becomes a byte stream both ways.
#include <doctest/doctest.h>

#include <condition_variable>

#include "test_server.h"
#include "test_socket.h"

using namespace apigw;
using namespace apigw::net;
using namespace apigw::net::testing;

namespace {

struct UpgradeLog {
  std::mutex mu;
  std::condition_variable cv;
  std::string raw;
  std::string path;
  std::string remote_ip;
  int closes = 0;
  std::shared_ptr<UpgradedConnection> conn;

  template <class Pred>
  bool WaitFor(Pred pred) {
    std::unique_lock<std::mutex> l(mu);
    return cv.wait_for(l, std::chrono::seconds(3), pred);
  }
};

HttpServerOptions EchoUpgrades(UpgradeLog& log) {
  HttpServerOptions o;
  o.on_upgrade = [&log](HttpRequest&& req, std::shared_ptr<UpgradedConnection> conn) {
    std::weak_ptr<UpgradedConnection> weak = conn;
    conn->Start(
        [weak](std::string_view data) {
          if (auto c = weak.lock()) {
            if (data == "quit") {
              c->Write("bye");
              c->Close();
            } else {
              c->Write("echo:" + std::string(data));
            }
          }
        },
        [&log] {
          std::lock_guard<std::mutex> l(log.mu);
          log.closes++;
          log.cv.notify_all();
        });
    conn->Write("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n");
    std::lock_guard<std::mutex> l(log.mu);
    log.raw = conn->raw_request();
    log.path = req.path;
    log.remote_ip = conn->remote_ip();
    log.conn = conn;
    log.cv.notify_all();
  };
  return o;
}

}  // namespace

TEST_CASE("server: upgrade hands over the raw request and the socket") {
  UpgradeLog log;
  TestServer s(EchoHandler(), EchoUpgrades(log));
  TestSocket c(s.port);
  const std::string head =
      "GET /chat?x=1 HTTP/1.1\r\nHost: a\r\nUpgrade: WebSocket\r\nConnection: Upgrade\r\n"
      "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
  // The head arrives in two pieces, and a first frame's bytes come with it.
  c.Send(head.substr(0, 20));
  REQUIRE_FALSE(c.ReadSome(50));
  c.Send(head.substr(20) + "EARLY");
  REQUIRE(log.WaitFor([&] { return !log.raw.empty(); }));
  {
    std::lock_guard<std::mutex> l(log.mu);
    CHECK(log.raw == head + "EARLY");
    CHECK(log.path == "/chat");
    CHECK(log.remote_ip == "127.0.0.1");
  }
  RawResponse r = c.ReadResponse();
  REQUIRE(r.ok);
  CHECK(r.status == 101);
  c.Send("ping");
  REQUIRE(c.ReadSome(2000));
  CHECK(c.pending() == "echo:ping");
  c.pending().clear();
  c.Send("quit");
  CHECK(c.WaitClosed(2000));
  CHECK(c.pending() == "bye");
  CHECK(log.WaitFor([&] { return log.closes == 1; }));
  CHECK(s.server->open_connections() == 0);
}

TEST_CASE("server: upgrade after a pipelined request waits for its response") {
  UpgradeLog log;
  TestServer s(EchoHandler(), EchoUpgrades(log));
  TestSocket c(s.port);
  c.Send("GET /first HTTP/1.1\r\nHost: a\r\n\r\n"
         "GET /ws HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n");
  RawResponse first = c.ReadResponse();
  REQUIRE(first.ok);
  CHECK(first.body == "GET /first ");
  RawResponse upgraded = c.ReadResponse();
  REQUIRE(upgraded.ok);
  CHECK(upgraded.status == 101);
  REQUIRE(log.WaitFor([&] { return !log.raw.empty(); }));  // the 101 may overtake the handler's bookkeeping
  std::lock_guard<std::mutex> l(log.mu);
  CHECK(log.raw == "GET /ws HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n");
}

TEST_CASE("server: client closing an upgraded connection fires on_close once; Stop closes the rest") {
  UpgradeLog log;
  auto s = std::make_unique<TestServer>(EchoHandler(), EchoUpgrades(log));
  {
    TestSocket c(s->port);
    c.Send("GET /ws HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n");
    REQUIRE(c.ReadResponse().ok);
  }
  CHECK(log.WaitFor([&] { return log.closes == 1; }));
  TestSocket open(s->port);
  open.Send("GET /ws HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n");
  REQUIRE(open.ReadResponse().ok);
  s->server->Stop();
  CHECK(open.WaitClosed(2000));
  CHECK(log.WaitFor([&] { return log.closes == 2; }));
  {
    std::lock_guard<std::mutex> l(log.mu);
    log.conn->Write("after close");  // dropped, no crash
    log.conn.reset();
  }
  s.reset();
}

TEST_CASE("server: without on_upgrade an upgrade request is an ordinary request, then close") {
  TestServer s(EchoHandler());
  TestSocket c(s.port);
  c.Send("GET /ws HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n");
  RawResponse r = c.ReadResponse();
  REQUIRE(r.ok);
  CHECK(r.status == 200);
  CHECK(r.Header("Connection") == "close");
  CHECK(c.WaitClosed(2000));
}
