// HttpServer against hostile or unlucky clients: oversized bodies and heads,
// garbage, slow and idle clients, clients that vanish, and Stop().
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <thread>

#include "test_server.h"
#include "test_socket.h"

using namespace apigw;
using namespace apigw::net;
using namespace apigw::net::testing;

namespace {

HttpServerOptions SmallLimits() {
  HttpServerOptions o;
  o.max_body_bytes = 100;
  o.max_head_bytes = 1024;
  o.head_timeout_ms = 300;
  o.idle_timeout_ms = 400;
  return o;
}

// Waits until `cond` holds, up to `ms`.
template <class Cond>
bool Eventually(Cond cond, int ms = 3000) {
  auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
  while (std::chrono::steady_clock::now() < end) {
    if (cond()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return cond();
}

}  // namespace

TEST_CASE("server: a body over the limit gets 413 and the connection closes") {
  TestServer s(EchoHandler(), SmallLimits());
  SUBCASE("declared by Content-Length") {
    TestSocket c(s.port);
    c.Send("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5000\r\n\r\n" + std::string(1000, 'x'));
    RawResponse r = c.ReadResponse();
    REQUIRE(r.ok);
    CHECK(r.status == 413);
    CHECK(r.body == R"({"message":"Request Too Long"})");
    CHECK(r.Header("Content-Type") == "application/json");
    CHECK(r.Header("Connection") == "close");
    CHECK(c.WaitClosed(3000));
  }
  SUBCASE("chunked") {
    TestSocket c(s.port);
    c.Send("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n");
    c.Send("40\r\n" + std::string(64, 'a') + "\r\n40\r\n" + std::string(64, 'b') + "\r\n");
    RawResponse r = c.ReadResponse();
    REQUIRE(r.ok);
    CHECK(r.status == 413);
    CHECK(c.WaitClosed(3000));
  }
  SUBCASE("exactly the limit is fine") {
    TestSocket c(s.port);
    c.Send("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 100\r\n\r\n" + std::string(100, 'x'));
    RawResponse r = c.ReadResponse();
    REQUIRE(r.ok);
    CHECK(r.status == 200);
  }
}

TEST_CASE("server: the too_large callback shapes the 413") {
  HttpServerOptions o = SmallLimits();
  o.too_large = [](const HttpRequest& req) {
    HttpResponse r = HttpResponse::Text(413, "too big for " + req.path, "text/plain");
    return r;
  };
  TestServer s(EchoHandler(), o);
  TestSocket c(s.port);
  c.Send("PUT /big HTTP/1.1\r\nHost: a\r\nContent-Length: 101\r\n\r\n");
  RawResponse r = c.ReadResponse();
  REQUIRE(r.ok);
  CHECK(r.status == 413);
  CHECK(r.body == "too big for /big");
  CHECK(c.WaitClosed(3000));
}

TEST_CASE("server: a head over the limit gets 431") {
  TestServer s(EchoHandler(), SmallLimits());
  TestSocket c(s.port);
  c.Send("GET / HTTP/1.1\r\nHost: a\r\nX-Big: " + std::string(2000, 'v') + "\r\n\r\n");
  RawResponse r = c.ReadResponse();
  REQUIRE(r.ok);
  CHECK(r.status == 431);
  CHECK(c.WaitClosed(3000));
}

TEST_CASE("server: garbage gets 400 and the server goes on") {
  TestServer s(EchoHandler(), SmallLimits());
  for (std::string garbage : {std::string("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", 11),
                              std::string("HELLO WORLD\r\n\r\n"),
                              std::string("GET / HTTP/1.1\r\nBad Header\r\n\r\n"),
                              std::string("POST / HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: "
                                          "chunked\r\n\r\n"),
                              std::string("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n")}) {
    TestSocket c(s.port);
    c.Send(garbage);
    RawResponse r = c.ReadResponse();
    REQUIRE(r.ok);
    CHECK(r.status == 400);
    CHECK(c.WaitClosed(3000));
  }
  TestSocket v(s.port);
  v.Send("GET / HTTP/2.0\r\n\r\n");
  CHECK(v.ReadResponse().status == 505);
  CHECK(v.WaitClosed(3000));
  TestSocket ok(s.port);
  ok.Send("GET /fine HTTP/1.1\r\nHost: a\r\n\r\n");
  CHECK(ok.ReadResponse().status == 200);
}

TEST_CASE("server: a request pipelined after garbage-free requests keeps order with a 400") {
  TestServer s(EchoHandler(), SmallLimits());
  TestSocket c(s.port);
  c.Send("GET /a HTTP/1.1\r\nHost: a\r\n\r\nNOT HTTP AT ALL\r\n\r\n");
  CHECK(c.ReadResponse().status == 200);
  CHECK(c.ReadResponse().status == 400);
  CHECK(c.WaitClosed(3000));
}

TEST_CASE("server: slow clients are closed after head_timeout") {
  TestServer s(EchoHandler(), SmallLimits());
  SUBCASE("a head that never completes") {
    TestSocket c(s.port);
    auto start = std::chrono::steady_clock::now();
    c.Send("GET / HTTP/1.1\r\nHost: a\r\n");
    CHECK(c.WaitClosed(3000));
    auto took = std::chrono::steady_clock::now() - start;
    CHECK(took >= std::chrono::milliseconds(250));
    CHECK(took < std::chrono::milliseconds(1500));
    CHECK(c.pending().empty());
  }
  SUBCASE("a connection that sends nothing") {
    TestSocket c(s.port);
    CHECK(c.WaitClosed(3000));
  }
  SUBCASE("a body trickling one byte at a time") {
    TestSocket c(s.port);
    c.Send("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 90\r\n\r\n");
    bool closed = false;
    for (int i = 0; i < 60 && !closed; ++i) {
      c.Send("x");
      closed = c.WaitClosed(50);
    }
    CHECK(closed);
  }
}

TEST_CASE("server: idle keep-alive connections close after idle_timeout") {
  TestServer s(EchoHandler(), SmallLimits());
  TestSocket c(s.port);
  c.Send("GET / HTTP/1.1\r\nHost: a\r\n\r\n");
  REQUIRE(c.ReadResponse().ok);
  auto start = std::chrono::steady_clock::now();
  CHECK(c.WaitClosed(3000));
  CHECK(std::chrono::steady_clock::now() - start >= std::chrono::milliseconds(350));
  CHECK(Eventually([&] { return s.server->open_connections() == 0; }));
}

TEST_CASE("server: 300 idle keep-alive connections do not delay another client") {
  TestServer s(EchoHandler());
  std::vector<std::unique_ptr<TestSocket>> idle;
  for (int i = 0; i < 300; ++i) {
    idle.push_back(std::make_unique<TestSocket>(s.port));
    REQUIRE(idle.back()->connected());
    if (i % 3 == 0) {
      idle.back()->Send("GET / HTTP/1.1\r\nHost: a\r\n\r\n");
      REQUIRE(idle.back()->ReadResponse().ok);
    } else if (i % 3 == 1) {
      idle.back()->Send("GET / HTTP/1.1\r\nHo");  // a half-sent head
    }
  }
  CHECK(Eventually([&] { return s.server->open_connections() == 300; }));
  TestSocket c(s.port);
  for (int i = 0; i < 5; ++i) {
    auto start = std::chrono::steady_clock::now();
    c.Send("GET /now HTTP/1.1\r\nHost: a\r\n\r\n");
    RawResponse r = c.ReadResponse();
    REQUIRE(r.ok);
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::milliseconds(200));
  }
}

TEST_CASE("server: a client that vanishes mid-response or stops reading") {
  const std::string big(8 << 20, 'z');
  TestServer s([&](HttpRequest&& req, std::shared_ptr<ResponseWriter> w) {
    w->Send(HttpResponse::Text(200, req.path == "/big" ? big : "small"));
  });
  {
    TestSocket gone(s.port);
    gone.Send("GET /big HTTP/1.1\r\nHost: a\r\n\r\n");
    REQUIRE(gone.ReadSome(2000));  // part of the response arrived
  }  // closed with unread data: the server's writes fail
  TestSocket stuck(s.port);
  stuck.Send("GET /big HTTP/1.1\r\nHost: a\r\n\r\nGET /big HTTP/1.1\r\nHost: a\r\n\r\n");  // never reads
  TestSocket other(s.port);
  for (int i = 0; i < 3; ++i) {
    other.Send("GET /small HTTP/1.1\r\nHost: a\r\n\r\n");
    RawResponse r = other.ReadResponse();
    REQUIRE(r.ok);
    CHECK(r.body == "small");
  }
  CHECK(Eventually([&] { return s.server->open_connections() == 2; }));
}

TEST_CASE("server: a client that stops reading is closed after idle_timeout") {
  const std::string big(8 << 20, 'z');
  HttpServerOptions o;
  o.idle_timeout_ms = 300;
  TestServer s([&](HttpRequest&&, std::shared_ptr<ResponseWriter> w) { w->Send(HttpResponse::Text(200, big)); },
               o);
  TestSocket stuck(s.port);
  stuck.Send("GET / HTTP/1.1\r\nHost: a\r\n\r\n");
  CHECK(Eventually([&] { return s.server->open_connections() == 1; }));
  CHECK(Eventually([&] { return s.server->open_connections() == 0; }));
}

TEST_CASE("server: max_connections closes extra connections at once") {
  HttpServerOptions o;
  o.max_connections = 2;
  TestServer s(EchoHandler(), o);
  TestSocket a(s.port), b(s.port);
  REQUIRE(Eventually([&] { return s.server->open_connections() == 2; }));
  TestSocket extra(s.port);
  CHECK(extra.WaitClosed(2000));
  a.Send("GET / HTTP/1.1\r\nHost: a\r\n\r\n");
  CHECK(a.ReadResponse().ok);
}

TEST_CASE("server: Stop closes open connections and is safe to destroy after") {
  std::atomic<int> handled{0};
  std::shared_ptr<ResponseWriter> parked;
  std::mutex mu;
  auto s = std::make_unique<TestServer>([&](HttpRequest&& req, std::shared_ptr<ResponseWriter> w) {
    handled++;
    if (req.path == "/park") {
      std::lock_guard<std::mutex> l(mu);
      parked = w;  // never answered before Stop
      return;
    }
    w->Send(HttpResponse::Text(200, "ok"));
  });
  TestSocket idle(s->port), busy(s->port), parked_client(s->port);
  idle.Send("GET / HTTP/1.1\r\nHost: a\r\n\r\n");
  REQUIRE(idle.ReadResponse().ok);
  busy.Send("GET / HTTP/1.1\r\nHost: a\r\nX-Half: ");
  parked_client.Send("GET /park HTTP/1.1\r\nHost: a\r\n\r\n");
  REQUIRE(Eventually([&] { return handled.load() == 2; }));
  s->server->Stop();
  CHECK(s->server->open_connections() == 0);
  CHECK(idle.WaitClosed(2000));
  CHECK(busy.WaitClosed(2000));
  CHECK(parked_client.WaitClosed(2000));
  std::lock_guard<std::mutex> l(mu);
  CHECK_FALSE(parked->Connected());
  parked->Send(HttpResponse::Text(200, "too late"));  // dropped, no crash
  TestSocket after(s->port);
  CHECK((!after.connected() || after.WaitClosed(1000)));
  parked.reset();
  s.reset();
}
