// Connections read until a short read and then wait for the LoopPoller's next
// report: these cases make sure nothing that is already in the socket is left
// waiting for a report that never comes — a FIN that arrives in the same
// segment as the last bytes, reads paused and resumed, reads that fill the
// shared buffer, writes that wait for room.
#include <doctest/doctest.h>
#include <netinet/tcp.h>

#include <atomic>
#include <condition_variable>
#include <future>
#include <thread>

#include "net/http_client.h"
#include "raw_server.h"
#include "test_server.h"
#include "test_socket.h"

using namespace apigw;
using namespace apigw::net;
using namespace apigw::net::testing;

namespace {

template <class Cond>
bool Eventually(Cond cond, int ms = 3000) {
  auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
  while (std::chrono::steady_clock::now() < end) {
    if (cond()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return cond();
}

// Holds back `fd`'s output so that the next write and the FIN leave together
// in one segment: the receiver sees the bytes and the end of the stream in
// one readiness report.
void Cork(int fd) {
  int zero = 0, one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &zero, sizeof zero);
  ::setsockopt(fd, IPPROTO_TCP, TCP_CORK, &one, sizeof one);
}

ClientResult Fetch(HttpClient& client, const std::string& url) {
  auto promise = std::make_shared<std::promise<ClientResult>>();
  ClientRequest req;
  req.url = url;
  req.timeout_ms = 5000;
  client.Send(std::move(req), [promise](ClientResult r) { promise->set_value(std::move(r)); });
  auto future = promise->get_future();
  REQUIRE(future.wait_for(std::chrono::seconds(10)) == std::future_status::ready);
  return future.get();
}

}  // namespace

TEST_CASE("server: a request and the client's FIN in one segment: answered, then closed at once") {
  TestServer s(EchoHandler());
  for (int i = 0; i < 3; ++i) {
    TestSocket c(s.port);
    REQUIRE(c.connected());
    Cork(c.fd());
    REQUIRE(c.Send("GET /half HTTP/1.1\r\nHost: a\r\n\r\n"));
    ::shutdown(c.fd(), SHUT_WR);
    RawResponse r = c.ReadResponse();
    REQUIRE(r.ok);
    CHECK(r.body == "GET /half ");
    auto start = std::chrono::steady_clock::now();
    CHECK(c.WaitClosed(2000));
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::milliseconds(500));
  }
  CHECK(Eventually([&] { return s.server->open_connections() == 0; }));
}

TEST_CASE("server: pipelined requests and the FIN in one segment are all answered") {
  TestServer s(EchoHandler());
  TestSocket c(s.port);
  Cork(c.fd());
  REQUIRE(c.Send("GET /1 HTTP/1.1\r\nHost: a\r\n\r\nPOST /2 HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\nhi"));
  ::shutdown(c.fd(), SHUT_WR);
  RawResponse a = c.ReadResponse();
  RawResponse b = c.ReadResponse();
  REQUIRE(a.ok);
  REQUIRE(b.ok);
  CHECK(a.body == "GET /1 ");
  CHECK(b.body == "POST /2 hi");
  CHECK(c.WaitClosed(2000));
}

TEST_CASE("server: a body larger than the read buffer, sent in one go with the FIN") {
  TestServer s(EchoHandler());
  TestSocket c(s.port);
  const std::string body(300 * 1024, 'b');
  Cork(c.fd());
  REQUIRE(c.Send("POST /big HTTP/1.1\r\nHost: a\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" +
                 body));
  ::shutdown(c.fd(), SHUT_WR);
  RawResponse r = c.ReadResponse(5000);
  REQUIRE(r.ok);
  CHECK(r.body == "POST /big " + body);
  CHECK(c.WaitClosed(2000));
}

TEST_CASE("server: reads paused by unanswered pipelined requests resume when answers go out") {
  std::mutex mu;
  std::condition_variable cv;
  std::vector<std::pair<std::string, std::shared_ptr<ResponseWriter>>> held;
  TestServer s([&](HttpRequest&& req, std::shared_ptr<ResponseWriter> w) {
    std::lock_guard<std::mutex> l(mu);
    held.emplace_back(req.path, std::move(w));
    cv.notify_all();
  });
  TestSocket c(s.port);
  const int n = 300;  // well past the requests a connection keeps unanswered before it stops reading
  std::string batch;
  for (int i = 0; i < n; ++i) batch += "GET /" + std::to_string(i) + " HTTP/1.1\r\nHost: a\r\n\r\n";
  REQUIRE(c.Send(batch));
  // Answer whatever has arrived, from another thread, until all have.
  std::thread answerer([&] {
    size_t answered = 0;
    std::unique_lock<std::mutex> l(mu);
    while (answered < static_cast<size_t>(n)) {
      if (!cv.wait_for(l, std::chrono::seconds(5), [&] { return held.size() > answered; })) return;
      for (; answered < held.size(); ++answered) held[answered].second->Send(HttpResponse::Text(200, held[answered].first));
    }
  });
  for (int i = 0; i < n; ++i) {
    RawResponse r = c.ReadResponse(5000);
    REQUIRE(r.ok);
    CHECK(r.body == "/" + std::to_string(i));
  }
  answerer.join();
}

TEST_CASE("server: a response larger than the socket takes is written as the client reads") {
  const std::string big(16 << 20, 'z');
  TestServer s([&](HttpRequest&&, std::shared_ptr<ResponseWriter> w) { w->Send(HttpResponse::Text(200, big)); });
  TestSocket c(s.port);
  for (int i = 0; i < 2; ++i) {
    REQUIRE(c.Send("GET / HTTP/1.1\r\nHost: a\r\n\r\n"));
    std::this_thread::sleep_for(std::chrono::milliseconds(100));  // let the server fill the socket and wait
    RawResponse r = c.ReadResponse(10000);
    REQUIRE(r.ok);
    CHECK(r.body.size() == big.size());
  }
}

TEST_CASE("client: a response and the server's FIN in one segment") {
  RawServer server([](int fd, int n) {
    std::string req = RawServer::ReadRequest(fd);
    Cork(fd);
    if (req.find("GET /eof") == 0) {
      RawServer::Write(fd, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil the end");
    } else if (req.find("GET /truncated") == 0) {
      RawServer::Write(fd, "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc");
    } else {
      // A keep-alive answer from a server that closes at once: the
      // connection must not be pooled.
      RawServer::Write(fd, "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\n" + std::to_string(n));
    }
  });  // the server closes the descriptor: the FIN leaves with the corked bytes
  Logger log(LogLevel::kOff);
  IoPool pool(2);
  pool.Start();
  {
    HttpClient client(pool, HttpClientOptions(), log);
    for (int i = 0; i < 2; ++i) {
      auto start = std::chrono::steady_clock::now();
      ClientResult r = Fetch(client, server.url("/eof"));
      REQUIRE(r.ok());
      CHECK(r.response.body == "until the end");
      CHECK(std::chrono::steady_clock::now() - start < std::chrono::milliseconds(2000));
    }
    CHECK(Fetch(client, server.url("/truncated")).error_kind == ClientErrorKind::kProtocol);
    const int before = server.accepted();
    ClientResult a = Fetch(client, server.url("/keep"));
    ClientResult b = Fetch(client, server.url("/keep"));
    REQUIRE(a.ok());
    REQUIRE(b.ok());
    CHECK(a.response.body != b.response.body);  // two connections, not a retry on a dead one
    CHECK(server.accepted() == before + 2);
  }
  pool.Stop();
}

TEST_CASE("client: a response over several reads of the shared buffer, then reuse") {
  const std::string big(1 << 20, 'r');
  TestServer server([&](HttpRequest&& req, std::shared_ptr<ResponseWriter> w) {
    w->Send(HttpResponse::Text(200, req.path == "/big" ? big : std::to_string(req.remote_port)));
  });
  Logger log(LogLevel::kOff);
  IoPool pool(1);
  pool.Start();
  {
    HttpClient client(pool, HttpClientOptions(), log);
    const std::string url = "http://127.0.0.1:" + std::to_string(server.port);
    ClientResult port = Fetch(client, url + "/port");
    REQUIRE(port.ok());
    for (int i = 0; i < 3; ++i) {
      ClientResult r = Fetch(client, url + "/big");
      REQUIRE(r.ok());
      CHECK(r.response.body == big);
    }
    ClientResult again = Fetch(client, url + "/port");
    REQUIRE(again.ok());
    CHECK(again.response.body == port.response.body);  // one pooled connection all along
  }
  pool.Stop();
}

TEST_CASE("client: pooled connections close after idle_timeout_ms, and only then") {
  std::atomic<int64_t> closed_after_ms{-1};
  RawServer server([&](int fd, int) {
    RawServer::ReadRequest(fd);
    RawServer::Write(fd, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
    auto start = std::chrono::steady_clock::now();
    std::string more = RawServer::ReadRequest(fd, 5000);  // "" once the client closes
    if (more.empty()) {
      closed_after_ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start)
                            .count();
    }
  });
  Logger log(LogLevel::kOff);
  IoPool pool(2);
  pool.Start();
  {
    HttpClientOptions options;
    options.idle_timeout_ms = 300;
    HttpClient client(pool, options, log);
    REQUIRE(Fetch(client, server.url("/")).ok());
    CHECK(Eventually([&] { return closed_after_ms.load() >= 0; }, 3000));
    CHECK(closed_after_ms.load() >= 250);
    CHECK(closed_after_ms.load() < 1500);
  }
  pool.Stop();
}
