// Response head encoding, the outgoing gather buffer and the response order.
#include <doctest/doctest.h>

#include "net/client_url.h"
#include "net/head_writer.h"
#include "net/outgoing_buffer.h"
#include "net/request_head.h"
#include "net/response_order.h"
#include "net/response_head.h"

using namespace apigw::net;

namespace {
std::string Head(const HttpResponse& r, ResponseFraming f, bool* body = nullptr) {
  std::string out;
  bool b = AppendResponseHead(r, f, "Thu, 01 Jan 1970 00:00:00 GMT", out);
  if (body) *body = b;
  return out;
}
}  // namespace

TEST_CASE("response head: defaults") {
  HttpResponse r = HttpResponse::Text(404, "nope", "application/json");
  bool body = false;
  CHECK(Head(r, {}, &body) ==
        "HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: 4\r\n"
        "Date: Thu, 01 Jan 1970 00:00:00 GMT\r\n\r\n");
  CHECK(body);
}

TEST_CASE("response head: close, keep-alive, HEAD, 204, 304") {
  HttpResponse r = HttpResponse::Text(200, "abc");
  ResponseFraming close;
  close.close = true;
  CHECK(Head(r, close).find("Connection: close\r\n") != std::string::npos);
  ResponseFraming ka;
  ka.keep_alive_header = true;
  CHECK(Head(r, ka).find("Connection: keep-alive\r\n") != std::string::npos);
  ResponseFraming head;
  head.head_request = true;
  bool body = true;
  CHECK(Head(r, head, &body).find("Content-Length: 3\r\n") != std::string::npos);
  CHECK_FALSE(body);
  HttpResponse nc;
  nc.status = 204;
  nc.headers.Add("Content-Length", "0");
  std::string h = Head(nc, {}, &body);
  CHECK(h.find("Content-Length") == std::string::npos);
  CHECK_FALSE(body);
  HttpResponse nm;
  nm.status = 304;
  nm.headers.Add("Content-Length", "77");
  CHECK(Head(nm, {}).find("Content-Length: 77\r\n") != std::string::npos);
}

TEST_CASE("response head: handler fields that would break framing") {
  HttpResponse r = HttpResponse::Text(200, "abc");
  r.headers.Add("Connection", "keep-alive");
  r.headers.Add("Transfer-Encoding", "chunked");
  r.headers.Add("Content-Length", "10");
  r.headers.Add("X-Evil", "a\r\nInjected: yes");
  r.status = 1000;
  std::string h = Head(r, {});
  CHECK(h.rfind("HTTP/1.1 500 ", 0) == 0);
  CHECK(h.find("Connection") == std::string::npos);
  CHECK(h.find("Transfer-Encoding") == std::string::npos);
  CHECK(h.find("Content-Length: 3\r\n") != std::string::npos);
  CHECK(h.find("Content-Length: 10") == std::string::npos);
  CHECK(h.find("Injected") == std::string::npos);
  CHECK(ResponseWantsClose(r) == false);
  r.headers.Add("connection", "Close");
  CHECK(ResponseWantsClose(r));
}

TEST_CASE("header text: CR, LF and NUL are refused at any position, anything else passes") {
  for (size_t len = 1; len <= 40; ++len) {
    for (size_t pos = 0; pos < len; ++pos) {
      for (int v = 0; v < 256; ++v) {
        std::string s(len, 'a');
        s[pos] = static_cast<char>(v);
        const bool expected = v != '\r' && v != '\n' && v != 0;
        if (SafeFieldText(s) != expected) {
          FAIL_CHECK("len " << len << " pos " << pos << " byte " << v);
        }
      }
    }
  }
  CHECK(SafeFieldText(""));
  CHECK(SafeFieldText("tab\there, UTF-8 \xc3\xa9, high \xff"));
}

TEST_CASE("response head: many and long fields, and a smuggling attempt after eight clean bytes") {
  HttpResponse r = HttpResponse::Text(201, "body");
  std::string expected = "HTTP/1.1 201 Created\r\nContent-Type: text/plain\r\n";
  for (int i = 0; i < 40; ++i) {
    std::string name = "X-Field-" + std::to_string(i);
    std::string value(static_cast<size_t>(i * 37), static_cast<char>('a' + i % 26));
    r.headers.Add(name, value);
    expected += name + ": " + value + "\r\n";
  }
  r.headers.Add("X-Late-Evil", "12345678\nInjected: yes");
  r.headers.Add("Date", "Wed, 21 Oct 2015 07:28:00 GMT");
  expected += "Date: Wed, 21 Oct 2015 07:28:00 GMT\r\nContent-Length: 4\r\n\r\n";
  std::string out = "earlier bytes|";
  AppendResponseHead(r, {}, "Thu, 01 Jan 1970 00:00:00 GMT", out);
  CHECK(out == "earlier bytes|" + expected);
}

TEST_CASE("request head: line, fields, Host and Content-Length") {
  auto url = ParseClientUrl("http://Example.COM:8080/a/b?x=1#frag");
  REQUIRE(url.ok());
  CHECK(url->host == "example.com");
  CHECK(url->target == "/a/b?x=1");
  CHECK(url->host_header == "example.com:8080");
  ClientRequest req;
  req.method = "POST";
  req.headers.Add("Content-Length", "999");
  req.headers.Add("X-Long", std::string(300, 'v'));
  req.headers.Add("Transfer-Encoding", "chunked");
  req.headers.Add("X-Evil", "ok\r\nInjected: yes");
  req.body = "hello";
  CHECK(EncodeRequestHead(req, *url) ==
        "POST /a/b?x=1 HTTP/1.1\r\nX-Long: " + std::string(300, 'v') +
            "\r\nHost: example.com:8080\r\nContent-Length: 5\r\n\r\n");
  req.method = "GET";
  req.body.clear();
  req.headers = Headers();
  req.headers.Add("host", "given");
  req.headers.Add("Host", "second");
  CHECK(EncodeRequestHead(req, *url) == "GET /a/b?x=1 HTTP/1.1\r\nhost: given\r\n\r\n");
  auto v6 = ParseClientUrl("HTTPS://[::1]/");
  REQUIRE(v6.ok());
  CHECK(v6->https);
  CHECK(v6->host_header == "[::1]");
}

TEST_CASE("outgoing buffer: gathers heads and bodies in order across partial writes") {
  OutgoingBuffer out;
  out.bytes() += "H1";
  out.Seal();
  out.AppendBody(std::string("small"));
  out.bytes() += "H2";
  out.Seal();
  std::string big(OutgoingBuffer::kCopyLimit + 1, 'B');
  out.AppendBody(std::string(big));
  out.AppendBytes("H3");
  CHECK(out.queued_bytes() == 2 + 5 + 2 + big.size() + 2);
  std::string written;
  while (!out.empty()) {
    struct iovec iov[8];
    int n = out.Gather(iov, 8);
    REQUIRE(n > 0);
    // Write at most 1000 bytes per round, like a full socket buffer would.
    size_t budget = 1000, took = 0;
    for (int i = 0; i < n && budget > 0; ++i) {
      size_t k = std::min(budget, iov[i].iov_len);
      written.append(static_cast<char*>(iov[i].iov_base), k);
      budget -= k;
      took += k;
    }
    out.Consume(took);
    if (took > 0 && !out.empty()) out.AppendBytes("");  // appending nothing changes nothing
  }
  CHECK(written == "H1smallH2" + big + "H3");
  CHECK(out.queued_bytes() == 0);
}

TEST_CASE("response order: answers leave in request order; dropped places ignore answers") {
  ResponseOrder order;
  uint64_t a = order.Reserve(false, false, false);
  uint64_t b = order.Reserve(true, false, false);
  uint64_t c = order.Reserve(false, true, false);
  CHECK(order.ReadyFront() == nullptr);
  CHECK(order.Fill(c, HttpResponse::Text(200, "c")));
  CHECK(order.Fill(b, HttpResponse::Text(200, "b")));
  CHECK_FALSE(order.Fill(b, HttpResponse::Text(500, "again")));
  CHECK(order.ReadyFront() == nullptr);  // a is still unanswered
  CHECK(order.Fill(a, HttpResponse::Text(200, "a")));
  std::string seen;
  while (ResponseOrder::Entry* e = order.ReadyFront()) {
    seen += e->response.body;
    if (e->response.body == "b") CHECK(e->head_request);
    order.PopFront();
  }
  CHECK(seen == "abc");
  uint64_t d = order.Reserve(false, false, false);
  order.DropAll();
  CHECK_FALSE(order.Fill(d, HttpResponse::Text(200, "d")));
  CHECK_FALSE(order.Fill(d + 100, HttpResponse::Text(200, "future")));
  CHECK(order.empty());
}
