// Response head encoding, the outgoing gather buffer and the response order.
#include <doctest/doctest.h>

#include "net/outgoing_buffer.h"
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
