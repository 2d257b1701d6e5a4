// RequestParser without sockets: request lines, headers, bodies, limits,
// errors and the facts the server acts on.
#include <doctest/doctest.h>

#include "net/request_parser.h"

using namespace apigw::net;
using State = RequestParser::State;
using Error = RequestParser::Error;

TEST_CASE("request parser: a simple GET") {
  RequestParser p(1024, 1024);
  std::string in = "GET /a%20b/c?x=1&y=%2F HTTP/1.1\r\nHost: example\r\nX-Two:  v  \r\nx-two: w\r\n\r\n";
  CHECK(p.Feed(in.data(), in.size()) == in.size());
  REQUIRE(p.state() == State::kComplete);
  HttpRequest& r = p.request();
  CHECK(r.method == "GET");
  CHECK(r.target == "/a%20b/c?x=1&y=%2F");
  CHECK(r.path == "/a%20b/c");
  CHECK(r.query == "x=1&y=%2F");
  CHECK(r.http_minor == 1);
  CHECK(r.headers.GetOr("host", "") == "example");
  CHECK(r.headers.GetAll("X-TWO") == std::vector<std::string>{"v", "w"});
  CHECK(r.headers.fields()[1].first == "X-Two");  // case as received
  CHECK(p.keep_alive());
  CHECK_FALSE(p.websocket_upgrade());
}

TEST_CASE("request parser: empty header values and odd targets") {
  RequestParser p(1024, 1024);
  std::string in = "OPTIONS * HTTP/1.1\r\nX-Empty:\r\nX-B: 1\r\n\r\n";
  p.Feed(in.data(), in.size());
  REQUIRE(p.state() == State::kComplete);
  HttpRequest& r = p.request();
  REQUIRE(r.headers.size() == 2);
  CHECK(r.headers.fields()[0].first == "X-Empty");
  CHECK(r.headers.fields()[0].second == "");
  CHECK(r.headers.fields()[1].first == "X-B");
  CHECK(r.path == "*");
  p.Next();
  std::string abs = "GET http://h.example:8080/p/q?z HTTP/1.1\r\nHost: h\r\n\r\n";
  p.Feed(abs.data(), abs.size());
  REQUIRE(p.state() == State::kComplete);
  CHECK(p.request().path == "/p/q");
  CHECK(p.request().query == "z");
}

TEST_CASE("request parser: pipelined requests stop one at a time") {
  RequestParser p(1024, 1024);
  std::string in = "GET /1 HTTP/1.1\r\n\r\nPOST /2 HTTP/1.1\r\nContent-Length: 3\r\n\r\nabcGET /3 HTTP/1.0\r\n\r\n";
  size_t off = 0;
  std::vector<std::string> seen;
  while (off < in.size()) {
    off += p.Feed(in.data() + off, in.size() - off);
    REQUIRE(p.state() == State::kComplete);
    seen.push_back(p.request().method + p.request().path + p.request().body);
    p.Next();
  }
  CHECK(seen == std::vector<std::string>{"GET/1", "POST/2abc", "GET/3"});
  CHECK(p.state() == State::kIdle);
}

TEST_CASE("request parser: byte by byte with a chunked body") {
  RequestParser p(1024, 1024);
  std::string in = "PUT /c HTTP/1.1\r\nTransfer-Encoding: chunked\r\nExpect: 100-continue\r\n\r\n"
                   "3\r\nabc\r\n2;ext=1\r\nde\r\n0\r\nTrailer: x\r\n\r\n";
  bool saw_continue = false;
  for (size_t i = 0; i < in.size(); ++i) {
    CHECK(p.Feed(in.data() + i, 1) == 1);
    if (p.state() == State::kBody && p.expects_continue()) saw_continue = true;
  }
  REQUIRE(p.state() == State::kComplete);
  CHECK(p.request().body == "abcde");
  CHECK(saw_continue);
  CHECK_FALSE(p.expects_continue());
}

TEST_CASE("request parser: limits") {
  SUBCASE("head") {
    RequestParser p(64, 1024);
    std::string in = "GET / HTTP/1.1\r\nX-Long: " + std::string(100, 'a') + "\r\n\r\n";
    p.Feed(in.data(), in.size());
    CHECK(p.state() == State::kError);
    CHECK(p.error() == Error::kHeadTooLarge);
  }
  SUBCASE("head exactly at the limit") {
    std::string in = "GET / HTTP/1.1\r\nX: y\r\n\r\n";
    RequestParser p(in.size(), 1024);
    p.Feed(in.data(), in.size());
    CHECK(p.state() == State::kComplete);
  }
  SUBCASE("head fed in pieces") {
    RequestParser p(64, 1024);
    std::string in = "GET / HTTP/1.1\r\nX-Long: " + std::string(100, 'a');
    for (size_t i = 0; i < in.size() && p.state() != State::kError; i += 10) {
      p.Feed(in.data() + i, std::min<size_t>(10, in.size() - i));
    }
    CHECK(p.error() == Error::kHeadTooLarge);
  }
  SUBCASE("declared body") {
    RequestParser p(1024, 10);
    std::string in = "POST /p HTTP/1.1\r\nContent-Length: 11\r\n\r\n";
    p.Feed(in.data(), in.size());
    CHECK(p.error() == Error::kBodyTooLarge);
    CHECK(p.request().path == "/p");  // the head is there for the 413 callback
  }
  SUBCASE("chunked body") {
    RequestParser p(1024, 10);
    std::string in = "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n6\r\nabcdef\r\n6\r\nghijkl\r\n";
    p.Feed(in.data(), in.size());
    CHECK(p.error() == Error::kBodyTooLarge);
  }
}

TEST_CASE("request parser: malformed input") {
  for (std::string bad : {std::string("BLAH\r\n\r\n"), std::string("GET / HTTP/1.1\r\nNo colon\r\n\r\n"),
                          std::string("GET / HTTP/1.1\r\nContent-Length: x\r\n\r\n"),
                          std::string("\0\0\0\0", 4)}) {
    RequestParser p(1024, 1024);
    p.Feed(bad.data(), bad.size());
    CHECK(p.state() == State::kError);
    CHECK(p.error() == Error::kMalformed);
  }
}

TEST_CASE("request parser: connection facts") {
  RequestParser p(1024, 1024);
  std::string close = "GET / HTTP/1.1\r\nConnection: close\r\n\r\n";
  p.Feed(close.data(), close.size());
  CHECK_FALSE(p.keep_alive());
  p.Next();
  RequestParser p10(1024, 1024);
  std::string old = "GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n";
  p10.Feed(old.data(), old.size());
  CHECK(p10.keep_alive());
  CHECK(p10.request().http_minor == 0);
  RequestParser pu(1024, 1024);
  std::string up = "GET /ws HTTP/1.1\r\nConnection: keep-alive, Upgrade\r\nUpgrade: websocket\r\n\r\nRAW";
  size_t used = pu.Feed(up.data(), up.size());
  CHECK(pu.state() == State::kComplete);
  CHECK(pu.upgrade());
  CHECK(pu.websocket_upgrade());
  CHECK(used == up.size() - 3);
}

TEST_CASE("request parser: any split of a pipelined stream gives the same requests") {
  const std::string stream =
      "GET /a?x=1 HTTP/1.1\r\nHost: h\r\nX-A: 1\r\n\r\n"
      "POST /b HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhello"
      "PUT /c HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nab\r\n1\r\nc\r\n0\r\n\r\n";
  const std::vector<std::string> expected = {"GET /a  1", "POST /b hello ", "PUT /c abc "};
  uint32_t seed = 12345;
  auto next = [&seed] { return seed = seed * 1103515245u + 12345u; };
  for (int round = 0; round < 300; ++round) {
    RequestParser p(1024, 1024);
    std::vector<std::string> got;
    size_t off = 0;
    while (off < stream.size()) {
      size_t piece = 1 + next() % 40;
      size_t end = std::min(stream.size(), off + piece);
      while (off < end) {
        off += p.Feed(stream.data() + off, end - off);
        REQUIRE(p.state() != State::kError);
        if (p.state() == State::kComplete) {
          HttpRequest& r = p.request();
          got.push_back(r.method + " " + r.path + " " + r.body + " " + r.headers.GetOr("x-a", ""));
          p.Next();
        }
      }
    }
    REQUIRE(got == expected);
  }
}

TEST_CASE("request parser: random bytes never crash and end in an error or a request") {
  uint32_t seed = 777;
  auto next = [&seed] { return seed = seed * 1664525u + 1013904223u; };
  const std::string alphabet = "GETPOST /HTTP1.0\r\n:; \t-Content-Length:Transfer-Encoding: chunked\x00\xff";
  for (int round = 0; round < 2000; ++round) {
    RequestParser p(256, 256);
    std::string input;
    size_t len = next() % 300;
    for (size_t i = 0; i < len; ++i) {
      input.push_back(round % 2 ? static_cast<char>(next() >> 24) : alphabet[(next() >> 16) % alphabet.size()]);
    }
    size_t off = 0;
    while (off < input.size()) {
      size_t used = p.Feed(input.data() + off, input.size() - off);
      off += used;
      if (p.state() == State::kComplete) {
        p.Next();
      } else if (p.state() == State::kError || used == 0) {
        break;
      }
    }
    CHECK(off <= input.size());
  }
}
