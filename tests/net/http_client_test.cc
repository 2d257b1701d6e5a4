// HttpClient against our HttpServer and against hand-scripted servers:
// connection reuse, timeouts, errors, body framings, retries, concurrency.
#include <doctest/doctest.h>

#include <future>
#include <set>
#include <thread>

#include "net/http_client.h"
#include "raw_server.h"
#include "test_server.h"

using namespace apigw;
using namespace apigw::net;
using namespace apigw::net::testing;

namespace {

struct ClientFixture {
  explicit ClientFixture(HttpClientOptions options = HttpClientOptions()) : pool(2) {
    pool.Start();
    client = std::make_unique<HttpClient>(pool, options, log);
  }
  ~ClientFixture() {
    client.reset();
    pool.Stop();
  }

  // Sends and waits; also checks that `done` ran once, on a loop thread.
  ClientResult Fetch(ClientRequest req) {
    auto promise = std::make_shared<std::promise<ClientResult>>();
    auto calls = std::make_shared<std::atomic<int>>(0);
    const auto caller = std::this_thread::get_id();
    client->Send(std::move(req), [this, promise, calls, caller](ClientResult r) {
      CHECK(pool.InLoopThread());
      CHECK((std::this_thread::get_id() != caller));
      if (calls->fetch_add(1) == 0) promise->set_value(std::move(r));
    });
    auto future = promise->get_future();
    REQUIRE(future.wait_for(std::chrono::seconds(10)) == std::future_status::ready);
    ClientResult r = future.get();
    CHECK(calls->load() == 1);
    return r;
  }

  ClientResult Get(const std::string& url, int timeout_ms = 5000) {
    ClientRequest req;
    req.url = url;
    req.timeout_ms = timeout_ms;
    return Fetch(std::move(req));
  }

  Logger log{LogLevel::kOff};
  IoPool pool;
  std::unique_ptr<HttpClient> client;
};

std::string Url(uint16_t port, const std::string& path = "/") {
  return "http://127.0.0.1:" + std::to_string(port) + path;
}

// A server that answers with the client's port, so tests can count connections.
RequestHandler PortEcho() {
  return [](HttpRequest&& req, std::shared_ptr<ResponseWriter> w) {
    HttpResponse r = HttpResponse::Text(200, std::to_string(req.remote_port));
    r.headers.Add("X-Method", req.method);
    r.headers.Add("X-Host", req.headers.GetOr("Host", "-"));
    r.headers.Add("X-Length", req.headers.GetOr("Content-Length", "-"));
    r.headers.Add("X-Body", req.body);
    w->Send(std::move(r));
  };
}

}  // namespace

TEST_CASE("client: sequential requests reuse one connection") {
  TestServer server(PortEcho());
  ClientFixture f;
  std::set<std::string> ports;
  for (int i = 0; i < 5; ++i) {
    ClientResult r = f.Get(Url(server.port, "/x?i=" + std::to_string(i)));
    REQUIRE(r.ok());
    CHECK(r.response.status == 200);
    ports.insert(r.response.body);
  }
  CHECK(ports.size() == 1);
  CHECK(server.server->open_connections() == 1);
}

TEST_CASE("client: Host and Content-Length") {
  TestServer server(PortEcho());
  ClientFixture f;
  ClientRequest post;
  post.method = "POST";
  post.url = Url(server.port, "/p");
  ClientResult r = f.Fetch(post);
  REQUIRE(r.ok());
  CHECK(*r.response.headers.Get("X-Length") == "0");
  CHECK(*r.response.headers.Get("X-Host") == "127.0.0.1:" + std::to_string(server.port));
  ClientRequest put;
  put.method = "PUT";
  put.url = Url(server.port, "/p");
  put.body = "hello";
  put.headers.Add("Content-Length", "999");  // replaced by the real size
  put.headers.Add("Host", "custom.example");
  r = f.Fetch(put);
  REQUIRE(r.ok());
  CHECK(*r.response.headers.Get("X-Length") == "5");
  CHECK(*r.response.headers.Get("X-Body") == "hello");
  CHECK(*r.response.headers.Get("X-Host") == "custom.example");
  r = f.Get(Url(server.port));
  CHECK(*r.response.headers.Get("X-Length") == "-");
  // localhost resolves too.
  r = f.Get("http://localhost:" + std::to_string(server.port) + "/");
  REQUIRE(r.ok());
  CHECK(*r.response.headers.Get("X-Host") == "localhost:" + std::to_string(server.port));
}

TEST_CASE("client: HEAD responses have no body and keep the connection") {
  TestServer server(PortEcho());
  ClientFixture f;
  ClientRequest head;
  head.method = "HEAD";
  head.url = Url(server.port);
  ClientResult r = f.Fetch(head);
  REQUIRE(r.ok());
  CHECK(r.response.body.empty());
  CHECK(*r.response.headers.Get("X-Method") == "HEAD");
  ClientResult again = f.Get(Url(server.port));
  REQUIRE(again.ok());
  CHECK(*again.response.headers.Get("X-Method") == "GET");
  CHECK(server.server->open_connections() == 1);
}

TEST_CASE("client: timeout closes the connection instead of pooling it") {
  std::mutex mu;
  std::vector<std::shared_ptr<ResponseWriter>> parked;
  TestServer server([&](HttpRequest&& req, std::shared_ptr<ResponseWriter> w) {
    if (req.path == "/slow") {
      std::lock_guard<std::mutex> l(mu);
      parked.push_back(w);  // answered only after the client gave up
      return;
    }
    w->Send(HttpResponse::Text(200, std::to_string(req.remote_port)));
  });
  ClientFixture f;
  ClientResult first = f.Get(Url(server.port, "/fast"));
  REQUIRE(first.ok());
  auto start = std::chrono::steady_clock::now();
  ClientResult r = f.Get(Url(server.port, "/slow"), 200);
  auto took = std::chrono::steady_clock::now() - start;
  CHECK_FALSE(r.ok());
  CHECK(r.error_kind == ClientErrorKind::kTimeout);
  CHECK(took >= std::chrono::milliseconds(190));
  CHECK(took < std::chrono::milliseconds(2000));
  {
    std::lock_guard<std::mutex> l(mu);
    for (auto& w : parked) w->Send(HttpResponse::Text(200, "late"));
  }
  ClientResult next = f.Get(Url(server.port, "/fast"));
  REQUIRE(next.ok());
  CHECK(next.response.body != first.response.body);  // a new connection
}

TEST_CASE("client: connection errors") {
  ClientFixture f;
  SUBCASE("refused") {
    uint16_t port;
    {
      RawServer gone([](int, int) {});
      port = gone.port();
    }
    ClientResult r = f.Get(Url(port));
    CHECK(r.error_kind == ClientErrorKind::kConnect);
    CHECK_FALSE(r.error_message.empty());
  }
  SUBCASE("unknown host") {
    ClientResult r = f.Get("http://no-such-host.invalid/", 5000);
    CHECK(r.error_kind == ClientErrorKind::kConnect);
  }
  SUBCASE("invalid URLs and methods") {
    for (std::string url : {"ftp://x/", "http://", "http://h:99999/", "http://h/a b", "localhost:80/"}) {
      ClientResult r = f.Get(url);
      CHECK(r.error_kind == ClientErrorKind::kInvalidUrl);
    }
    ClientRequest bad;
    bad.method = "GET /evil";
    bad.url = "http://127.0.0.1:1/";
    CHECK(f.Fetch(bad).error_kind == ClientErrorKind::kInvalidUrl);
  }
  SUBCASE("https to a plain HTTP server fails the handshake") {
    TestServer server(PortEcho());
    ClientResult r = f.Get("https://127.0.0.1:" + std::to_string(server.port) + "/");
    CHECK(r.error_kind == ClientErrorKind::kTls);
  }
}

TEST_CASE("client: response framings") {
  RawServer server([](int fd, int n) {
    std::string req = RawServer::ReadRequest(fd);
    if (req.find("GET /chunked") == 0) {
      RawServer::Write(fd, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nX-A: 1\r\n\r\n");
      RawServer::Write(fd, "4\r\nWiki\r\n6\r\npedia \r\nE\r\nin \r\n\r\nchunks.\r\n0\r\n\r\n");
    } else if (req.find("GET /eof") == 0) {
      RawServer::Write(fd, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil the end");
    } else if (req.find("GET /continue") == 0) {
      RawServer::Write(fd, "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok");
    } else if (req.find("GET /truncated") == 0) {
      RawServer::Write(fd, "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc");
    } else if (req.find("GET /garbage") == 0) {
      RawServer::Write(fd, "SMTP ready\r\n\r\n");
    } else if (req.find("GET /huge") == 0) {
      RawServer::Write(fd, "HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n" + std::string(100000, 'h'));
    } else if (req.find("GET /nothing") == 0) {
      // close without a byte
    }
  });
  HttpClientOptions options;
  options.max_response_bytes = 50000;
  ClientFixture f(options);
  ClientResult r = f.Get(server.url("/chunked"));
  REQUIRE(r.ok());
  CHECK(r.response.body == "Wikipedia in \r\n\r\nchunks.");
  CHECK(*r.response.headers.Get("x-a") == "1");
  r = f.Get(server.url("/eof"));
  REQUIRE(r.ok());
  CHECK(r.response.body == "until the end");
  r = f.Get(server.url("/continue"));
  REQUIRE(r.ok());
  CHECK(r.response.status == 201);
  CHECK(r.response.body == "ok");
  CHECK(f.Get(server.url("/truncated")).error_kind == ClientErrorKind::kProtocol);
  CHECK(f.Get(server.url("/garbage")).error_kind == ClientErrorKind::kProtocol);
  CHECK(f.Get(server.url("/huge")).error_kind == ClientErrorKind::kTooLarge);
  CHECK(f.Get(server.url("/nothing")).error_kind == ClientErrorKind::kProtocol);
}

TEST_CASE("client: a pooled connection the server closed is retried once on a fresh one") {
  RawServer server([](int fd, int n) {
    if (n == 0) {
      RawServer::ReadRequest(fd);
      RawServer::Write(fd, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nfirst");
      RawServer::ReadRequest(fd);  // the second request arrives on the pooled connection...
      return;                      // ...and the server closes without answering
    }
    RawServer::ReadRequest(fd);
    RawServer::Write(fd, "HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nsecond");
  });
  ClientFixture f;
  ClientResult a = f.Get(server.url("/a"));
  REQUIRE(a.ok());
  CHECK(a.response.body == "first");
  ClientResult b = f.Get(server.url("/b"));
  REQUIRE(b.ok());
  CHECK(b.response.body == "second");
  CHECK(server.accepted() == 2);
}

TEST_CASE("client: a failure after response bytes is not retried") {
  RawServer server([](int fd, int n) {
    RawServer::ReadRequest(fd);
    RawServer::Write(fd, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nfirst");
    RawServer::ReadRequest(fd);
    RawServer::Write(fd, "HTTP/1.1 200 OK\r\nContent-Len");
  });
  ClientFixture f;
  REQUIRE(f.Get(server.url("/a")).ok());
  CHECK(f.Get(server.url("/b")).error_kind == ClientErrorKind::kProtocol);
  CHECK(server.accepted() == 1);
}

TEST_CASE("client: Connection: close responses are not pooled") {
  RawServer server([](int fd, int n) {
    RawServer::ReadRequest(fd);
    RawServer::Write(fd, "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 1\r\n\r\n" + std::to_string(n));
  });
  ClientFixture f;
  CHECK(f.Get(server.url()).response.body == "0");
  CHECK(f.Get(server.url()).response.body == "1");
  CHECK(server.accepted() == 2);
}

TEST_CASE("client: done never runs inside Send, even when sent from the loop") {
  TestServer server(PortEcho());
  Logger log(LogLevel::kOff);
  IoPool pool(1);  // one loop: done can only run after the sending task returns
  pool.Start();
  HttpClient client(pool, HttpClientOptions(), log);
  std::promise<std::pair<bool, bool>> seen;  // (invalid URL done ran inline, valid done ran inline)
  pool.Post([&] {
    auto returned = std::make_shared<int>(0);
    auto results = std::make_shared<std::vector<bool>>();
    auto record = [&seen, returned, results](ClientResult) {
      results->push_back(*returned == 0);
      if (results->size() == 2) seen.set_value({(*results)[0], (*results)[1]});
    };
    ClientRequest bad;
    bad.url = "nope";
    client.Send(bad, record);
    ClientRequest good;
    good.url = Url(server.port);
    client.Send(good, record);
    *returned = 1;
  });
  auto future = seen.get_future();
  REQUIRE(future.wait_for(std::chrono::seconds(5)) == std::future_status::ready);
  auto inline_runs = future.get();
  CHECK_FALSE(inline_runs.first);
  CHECK_FALSE(inline_runs.second);
  pool.Stop();
}

TEST_CASE("client: 50 concurrent requests") {
  TestServer server([](HttpRequest&& req, std::shared_ptr<ResponseWriter> w) {
    w->Send(HttpResponse::Text(200, req.query));
  });
  ClientFixture f;
  const int n = 50;
  std::vector<std::promise<ClientResult>> promises(n);
  for (int i = 0; i < n; ++i) {
    ClientRequest req;
    req.url = Url(server.port, "/c?" + std::to_string(i));
    f.client->Send(std::move(req), [&promises, i](ClientResult r) { promises[i].set_value(std::move(r)); });
  }
  for (int i = 0; i < n; ++i) {
    auto future = promises[i].get_future();
    REQUIRE(future.wait_for(std::chrono::seconds(10)) == std::future_status::ready);
    ClientResult r = future.get();
    REQUIRE(r.ok());
    CHECK(r.response.body == std::to_string(i));
  }
  CHECK(server.server->open_connections() <= static_cast<size_t>(n));
  // All of them went back to the pool: a second wave opens no new connection.
  size_t open = server.server->open_connections();
  for (int i = 0; i < 10; ++i) REQUIRE(f.Get(Url(server.port)).ok());
  CHECK(server.server->open_connections() == open);
}
