// HttpServer over real sockets: keep-alive, HTTP/1.0, chunked bodies,
// 100-continue, HEAD, framing headers and answers from other threads.
#include <doctest/doctest.h>

#include <atomic>
#include <set>
#include <thread>

#include "net/http_date.h"
#include "test_server.h"
#include "test_socket.h"

using namespace apigw;
using namespace apigw::net;
using namespace apigw::net::testing;

TEST_CASE("server: several requests on one keep-alive connection") {
  std::mutex mu;
  std::set<uint16_t> ports;
  TestServer s([&](HttpRequest&& req, std::shared_ptr<ResponseWriter> w) {
    {
      std::lock_guard<std::mutex> l(mu);
      ports.insert(req.remote_port);
    }
    CHECK(req.remote_ip == "127.0.0.1");
    w->Send(HttpResponse::Text(200, req.path + "?" + req.query));
  });
  TestSocket c(s.port);
  REQUIRE(c.connected());
  for (int i = 0; i < 3; ++i) {
    REQUIRE(c.Send("GET /item/" + std::to_string(i) + "?x=1 HTTP/1.1\r\nHost: a\r\n\r\n"));
    RawResponse r = c.ReadResponse();
    REQUIRE(r.ok);
    CHECK(r.status == 200);
    CHECK(r.body == "/item/" + std::to_string(i) + "?x=1");
    CHECK(r.Header("Content-Length") == std::to_string(r.body.size()));
    CHECK(r.Header("Connection") == "");
    CHECK(r.Header("Date").size() == 29);
    CHECK(r.head.rfind("HTTP/1.1 200 OK\r\n", 0) == 0);
  }
  CHECK(ports.size() == 1);
  CHECK(s.server->open_connections() == 1);
}

TEST_CASE("server: announce_keep_alive says Connection: keep-alive to HTTP/1.1 clients too") {
  HttpServerOptions options;
  options.announce_keep_alive = true;
  TestServer s(EchoHandler(), options);
  TestSocket c(s.port);
  REQUIRE(c.connected());
  for (int i = 0; i < 2; ++i) {
    REQUIRE(c.Send("GET /a HTTP/1.1\r\nHost: a\r\n\r\n"));
    RawResponse r = c.ReadResponse();
    REQUIRE(r.ok);
    CHECK(r.Header("Connection") == "keep-alive");
  }
  // A response that closes the connection still says so.
  REQUIRE(c.Send("GET /a HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n"));
  RawResponse last = c.ReadResponse();
  REQUIRE(last.ok);
  CHECK(last.Header("Connection") == "close");
  CHECK(c.WaitClosed(2000));
}

TEST_CASE("server: Connection: close and HTTP/1.0") {
  TestServer s(EchoHandler());
  SUBCASE("HTTP/1.1 with Connection: close") {
    TestSocket c(s.port);
    c.Send("GET /a HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
    RawResponse r = c.ReadResponse();
    REQUIRE(r.ok);
    CHECK(r.Header("Connection") == "close");
    CHECK(c.WaitClosed(2000));
  }
  SUBCASE("HTTP/1.0 closes by default") {
    TestSocket c(s.port);
    c.Send("GET /a HTTP/1.0\r\n\r\n");
    RawResponse r = c.ReadResponse();
    REQUIRE(r.ok);
    CHECK(r.Header("Connection") == "close");
    CHECK(c.WaitClosed(2000));
  }
  SUBCASE("HTTP/1.0 with keep-alive stays open") {
    TestSocket c(s.port);
    for (int i = 0; i < 2; ++i) {
      c.Send("GET /a HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
      RawResponse r = c.ReadResponse();
      REQUIRE(r.ok);
      CHECK(r.Header("Connection") == "keep-alive");
    }
  }
  SUBCASE("a handler asking to close") {
    TestServer s2([](HttpRequest&&, std::shared_ptr<ResponseWriter> w) {
      HttpResponse r = HttpResponse::Text(200, "bye");
      r.close = true;
      w->Send(std::move(r));
    });
    TestSocket c(s2.port);
    c.Send("GET / HTTP/1.1\r\nHost: a\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n");
    RawResponse r = c.ReadResponse();
    REQUIRE(r.ok);
    CHECK(r.Header("Connection") == "close");
    CHECK(c.WaitClosed(2000));
    CHECK(c.pending().empty());  // the second request got no answer
  }
}

TEST_CASE("server: chunked request body is de-chunked") {
  TestServer s(EchoHandler());
  TestSocket c(s.port);
  c.Send("POST /up HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
         "5\r\nhello\r\n");
  c.Send("6\r\n world\r\n0\r\n\r\n");
  RawResponse r = c.ReadResponse();
  REQUIRE(r.ok);
  CHECK(r.body == "POST /up hello world");
}

TEST_CASE("server: Expect: 100-continue is answered before the body is sent") {
  TestServer s(EchoHandler());
  TestSocket c(s.port);
  c.Send("PUT /x HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n");
  RawResponse interim = c.ReadResponse(2000);
  REQUIRE(interim.ok);
  CHECK(interim.head == "HTTP/1.1 100 Continue");
  c.Send("data");
  RawResponse r = c.ReadResponse();
  REQUIRE(r.ok);
  CHECK(r.status == 200);
  CHECK(r.body == "PUT /x data");
}

TEST_CASE("server: HEAD gets the headers of the body but no body") {
  TestServer s([](HttpRequest&& req, std::shared_ptr<ResponseWriter> w) {
    HttpResponse r = HttpResponse::Text(200, "hello");
    if (req.path == "/declared") r.headers.Add("Content-Length", "1234");
    w->Send(std::move(r));
  });
  TestSocket c(s.port);
  c.Send("HEAD / HTTP/1.1\r\nHost: a\r\n\r\n");
  RawResponse r = c.ReadResponse(3000, true);
  REQUIRE(r.ok);
  CHECK(r.Header("Content-Length") == "5");
  c.Send("HEAD /declared HTTP/1.1\r\nHost: a\r\n\r\n");
  r = c.ReadResponse(3000, true);
  REQUIRE(r.ok);
  CHECK(r.Header("Content-Length") == "1234");
  CHECK(r.CountHeader("Content-Length") == 1);
  // No body bytes were written: the next response starts right away.
  c.Send("GET / HTTP/1.1\r\nHost: a\r\n\r\n");
  r = c.ReadResponse();
  REQUIRE(r.ok);
  CHECK(r.head.rfind("HTTP/1.1 200", 0) == 0);
  CHECK(r.body == "hello");
}

TEST_CASE("server: framing headers are not duplicated and 204 has no length") {
  TestServer s([](HttpRequest&& req, std::shared_ptr<ResponseWriter> w) {
    HttpResponse r;
    r.status = req.path == "/empty" ? 204 : 200;
    r.headers.Add("Date", "Tue, 01 Jan 2030 00:00:00 GMT");
    r.headers.Add("content-length", "999");       // wrong: the server frames with the real size
    r.headers.Add("Transfer-Encoding", "chunked");  // the body is not chunked on the wire
    r.headers.Add("X-Multi", "1");
    r.headers.Add("X-Multi", "2");
    if (r.status == 200) r.body = "abc";
    w->Send(std::move(r));
  });
  TestSocket c(s.port);
  c.Send("GET / HTTP/1.1\r\nHost: a\r\n\r\n");
  RawResponse r = c.ReadResponse();
  REQUIRE(r.ok);
  CHECK(r.CountHeader("Date") == 1);
  CHECK(r.Header("Date") == "Tue, 01 Jan 2030 00:00:00 GMT");
  CHECK(r.CountHeader("Content-Length") == 1);
  CHECK(r.Header("Content-Length") == "3");
  CHECK(r.CountHeader("Transfer-Encoding") == 0);
  CHECK(r.CountHeader("X-Multi") == 2);
  CHECK(r.body == "abc");
  c.Send("GET /empty HTTP/1.1\r\nHost: a\r\n\r\n");
  r = c.ReadResponse();
  REQUIRE(r.ok);
  CHECK(r.status == 204);
  CHECK(r.CountHeader("Content-Length") == 0);
}

TEST_CASE("server: an answer from another thread") {
  std::vector<std::thread> threads;
  std::mutex mu;
  TestServer s([&](HttpRequest&& req, std::shared_ptr<ResponseWriter> w) {
    std::lock_guard<std::mutex> l(mu);
    threads.emplace_back([w, body = req.body] {
      CHECK(w->Connected());
      w->Send(HttpResponse::Text(201, "later:" + body));
      w->Send(HttpResponse::Text(500, "second answer is ignored"));
    });
  });
  TestSocket c(s.port);
  c.Send("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nabc");
  RawResponse r = c.ReadResponse();
  REQUIRE(r.ok);
  CHECK(r.status == 201);
  CHECK(r.body == "later:abc");
  c.Send("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\n\r\nz");
  r = c.ReadResponse();
  CHECK(r.body == "later:z");
  std::lock_guard<std::mutex> l(mu);
  for (auto& t : threads) t.join();
}

TEST_CASE("server: a writer dropped without an answer yields 500") {
  TestServer s([](HttpRequest&&, std::shared_ptr<ResponseWriter>) {});
  TestSocket c(s.port);
  c.Send("GET / HTTP/1.1\r\nHost: a\r\n\r\n");
  RawResponse r = c.ReadResponse();
  REQUIRE(r.ok);
  CHECK(r.status == 500);
  c.Send("GET / HTTP/1.1\r\nHost: a\r\n\r\n");
  CHECK(c.ReadResponse().status == 500);  // and the connection goes on
}

TEST_CASE("http date: IMF-fixdate") {
  CHECK(FormatHttpDate(784111777) == "Sun, 06 Nov 1994 08:49:37 GMT");
  CHECK(FormatHttpDate(0) == "Thu, 01 Jan 1970 00:00:00 GMT");
  HttpDateCache cache;
  std::string_view now = cache.Now();
  CHECK(now.size() == 29);
  CHECK(now.substr(26) == "GMT");
}

TEST_CASE("server: Bind() takes the port, Serve() starts answering; a client that connected in between waits") {
  Logger log{LogLevel::kOff};
  IoPool pool(2);
  pool.Start();
  std::atomic<int> handled{0};
  auto server = std::make_unique<HttpServer>(pool, HttpServerOptions(), [&](HttpRequest&& req, std::shared_ptr<ResponseWriter> w) {
    ++handled;
    w->Send(HttpResponse::Text(200, req.path));
  }, log);
  auto port = server->Bind();
  REQUIRE(port.ok());
  TestSocket c(*port);
  REQUIRE(c.connected());  // the kernel's backlog holds it
  REQUIRE(c.Send("GET /early HTTP/1.1\r\nHost: x\r\n\r\n"));
  CHECK_FALSE(c.ReadSome(100));
  CHECK(handled.load() == 0);
  server->Serve();
  RawResponse r = c.ReadResponse();
  CHECK(r.status == 200);
  CHECK(r.body == "/early");
  server->Stop();
  server.reset();
  pool.Stop();
}

TEST_CASE("server: Stop() of a server that was bound but never served") {
  Logger log{LogLevel::kOff};
  IoPool pool(2);
  pool.Start();
  auto server = std::make_unique<HttpServer>(pool, HttpServerOptions(), EchoHandler(), log);
  auto port = server->Bind();
  REQUIRE(port.ok());
  server->Stop();
  server.reset();
  pool.Stop();
  TestSocket c(*port);
  CHECK_FALSE(c.connected());
}
