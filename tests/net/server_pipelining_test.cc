// HttpServer pipelining: requests sent in one write are answered out of order
// from other threads, and the responses still arrive in request order.
#include <doctest/doctest.h>

#include <condition_variable>
#include <thread>

#include "test_server.h"
#include "test_socket.h"

using namespace apigw;
using namespace apigw::net;
using namespace apigw::net::testing;

TEST_CASE("server: pipelined requests answered in reverse order arrive in order") {
  std::mutex mu;
  std::condition_variable cv;
  std::vector<std::pair<std::string, std::shared_ptr<ResponseWriter>>> held;
  TestServer s([&](HttpRequest&& req, std::shared_ptr<ResponseWriter> w) {
    std::lock_guard<std::mutex> l(mu);
    held.emplace_back(req.path, std::move(w));
    cv.notify_all();
  });
  TestSocket c(s.port);
  REQUIRE(c.Send("GET /1 HTTP/1.1\r\nHost: a\r\n\r\n"
                 "POST /2 HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\nhi"
                 "GET /3 HTTP/1.1\r\nHost: a\r\n\r\n"));
  {
    std::unique_lock<std::mutex> l(mu);
    REQUIRE(cv.wait_for(l, std::chrono::seconds(3), [&] { return held.size() == 3; }));
  }
  // Answer 3, then 2, then 1, each from its own thread, one after another.
  for (int i = 2; i >= 0; --i) {
    std::thread t([&, i] { held[i].second->Send(HttpResponse::Text(200, "answer" + held[i].first)); });
    t.join();
    if (i > 0) {
      // Nothing may be written while /1 is unanswered.
      CHECK_FALSE(c.ReadSome(50));
    }
  }
  for (const char* expected : {"answer/1", "answer/2", "answer/3"}) {
    RawResponse r = c.ReadResponse();
    REQUIRE(r.ok);
    CHECK(r.body == expected);
  }
}

TEST_CASE("server: many pipelined requests in one write") {
  TestServer s(EchoHandler());
  TestSocket c(s.port);
  std::string batch;
  const int n = 200;  // more than the server keeps in flight before pausing its reads
  for (int i = 0; i < n; ++i) batch += "GET /" + std::to_string(i) + " HTTP/1.1\r\nHost: a\r\n\r\n";
  REQUIRE(c.Send(batch));
  for (int i = 0; i < n; ++i) {
    RawResponse r = c.ReadResponse();
    REQUIRE(r.ok);
    CHECK(r.body == "GET /" + std::to_string(i) + " ");
  }
}

TEST_CASE("server: a request split byte by byte") {
  TestServer s(EchoHandler());
  TestSocket c(s.port);
  std::string req = "POST /slow HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello";
  for (char ch : req) {
    REQUIRE(c.Send(std::string(1, ch)));
  }
  RawResponse r = c.ReadResponse();
  REQUIRE(r.ok);
  CHECK(r.body == "POST /slow hello");
}
