// RequestParser on http_parser: callbacks copy the request line, headers and
// body into an HttpRequest; the parser pauses after every complete request.
#include "net/request_parser.h"

#include <http_parser.h>

#include <algorithm>
#include <climits>

#include "base/text.h"

namespace apigw::net {

namespace {

// Splits a request-target into path and query; an absolute-form target
// ("http://host/p?q") yields the path after its authority.
void SplitTarget(const std::string& target, std::string& path, std::string& query) {
  size_t start = 0;
  if (!target.empty() && target[0] != '/') {
    size_t scheme = target.find("://");
    if (scheme != std::string::npos) {
      size_t slash = target.find('/', scheme + 3);
      start = slash == std::string::npos ? target.size() : slash;
    }
  }
  size_t q = target.find('?', start);
  size_t hash = target.find('#', start);
  size_t path_end = std::min(q, hash);
  if (path_end == std::string::npos) path_end = target.size();
  path.assign(target, start, path_end - start);
  if (path.empty()) path = "/";
  if (q != std::string::npos && q < hash) {
    size_t query_end = hash == std::string::npos ? target.size() : hash;
    query.assign(target, q + 1, query_end - q - 1);
  } else {
    query.clear();
  }
}

// True when the comma-separated `list` holds `token` (case-insensitive).
bool ListHasToken(std::string_view list, std::string_view token) {
  size_t pos = 0;
  while (pos <= list.size()) {
    size_t comma = list.find(',', pos);
    if (comma == std::string_view::npos) comma = list.size();
    if (EqualsIgnoreCase(Trim(list.substr(pos, comma - pos)), token)) return true;
    pos = comma + 1;
  }
  return false;
}

}  // namespace

struct RequestParser::Impl {
  http_parser parser;
  const size_t max_head;
  const size_t max_body;
  HttpRequest req;
  State state = State::kIdle;
  Error error = Error::kNone;
  size_t head_seen = 0;       // bytes of the current head consumed so far
  std::string field;          // the header name and value being received
  std::string value;
  bool value_last = false;    // the last header callback was a value
  bool websocket = false;
  bool expect_continue = false;

  Impl(size_t head, size_t body) : max_head(head), max_body(body) {
    http_parser_init(&parser, HTTP_REQUEST);
    parser.data = this;
  }

  static Impl& Of(http_parser* p) { return *static_cast<Impl*>(p->data); }

  static int OnMessageBegin(http_parser* p) {
    Impl& self = Of(p);
    self.req = HttpRequest();
    self.req.headers.Reserve(16);
    self.state = State::kHead;
    self.field.clear();
    self.value.clear();
    self.value_last = false;
    self.websocket = false;
    self.expect_continue = false;
    return 0;
  }

  static int OnUrl(http_parser* p, const char* at, size_t len) {
    Of(p).req.target.append(at, len);
    return 0;
  }

  static int OnHeaderField(http_parser* p, const char* at, size_t len) {
    Impl& self = Of(p);
    if (self.value_last) self.CommitField();
    self.field.append(at, len);
    self.value_last = false;
    return 0;
  }

  static int OnHeaderValue(http_parser* p, const char* at, size_t len) {
    Impl& self = Of(p);
    self.value.append(at, len);
    self.value_last = true;
    return 0;
  }

  static int OnHeadersComplete(http_parser* p) {
    Impl& self = Of(p);
    if (self.value_last || !self.field.empty()) self.CommitField();
    HttpRequest& req = self.req;
    req.method = http_method_str(static_cast<http_method>(p->method));
    req.http_minor = p->http_minor;
    SplitTarget(req.target, req.path, req.query);
    bool has_body = (p->flags & F_CHUNKED) != 0 || (p->content_length != ULLONG_MAX && p->content_length > 0);
    for (const auto& field : req.headers) {
      const std::string& value = field.second;
      if (EqualsIgnoreCase(field.first, "upgrade") && ListHasToken(value, "websocket")) self.websocket = true;
      if (EqualsIgnoreCase(field.first, "expect") && EqualsIgnoreCase(value, "100-continue")) {
        self.expect_continue = has_body && p->http_major == 1 && p->http_minor >= 1;
      }
    }
    self.head_seen = 0;
    if (p->http_major != 1) {  // http_parser accepts any digit, e.g. "HTTP/9.9"
      self.Fail(Error::kVersion);
      return 0;
    }
    if ((p->flags & F_CHUNKED) == 0 && p->content_length != ULLONG_MAX && p->content_length > self.max_body) {
      self.Fail(Error::kBodyTooLarge);
      return 0;
    }
    if ((p->flags & F_CHUNKED) == 0 && p->content_length != ULLONG_MAX) {
      req.body.reserve(static_cast<size_t>(p->content_length));
    }
    self.state = State::kBody;
    return 0;
  }

  static int OnBody(http_parser* p, const char* at, size_t len) {
    Impl& self = Of(p);
    if (self.req.body.size() + len > self.max_body) {
      self.Fail(Error::kBodyTooLarge);
      return 0;
    }
    self.req.body.append(at, len);
    return 0;
  }

  static int OnMessageComplete(http_parser* p) {
    Impl& self = Of(p);
    self.state = State::kComplete;
    self.expect_continue = false;
    http_parser_pause(p, 1);
    return 0;
  }

  // Adds the header field collected so far; http_parser drops the leading
  // blanks of a value but keeps trailing ones.
  void CommitField() {
    while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.pop_back();
    req.headers.Add(std::move(field), std::move(value));
    field.clear();
    value.clear();
  }

  void Fail(Error e) {
    error = e;
    state = State::kError;
    http_parser_pause(&parser, 1);
  }

  static const http_parser_settings kSettings;
};

const http_parser_settings RequestParser::Impl::kSettings = {
    &Impl::OnMessageBegin,    &Impl::OnUrl,  nullptr, &Impl::OnHeaderField, &Impl::OnHeaderValue,
    &Impl::OnHeadersComplete, &Impl::OnBody, &Impl::OnMessageComplete,      nullptr, nullptr,
};

RequestParser::RequestParser(size_t max_head_bytes, size_t max_body_bytes)
    : impl_(std::make_unique<Impl>(max_head_bytes, max_body_bytes)) {}

RequestParser::~RequestParser() = default;

size_t RequestParser::Feed(const char* data, size_t len) {
  Impl& s = *impl_;
  size_t used = 0;
  while (used < len && (s.state == State::kIdle || s.state == State::kHead || s.state == State::kBody)) {
    const bool in_head = s.state != State::kBody;
    size_t n = len - used;
    if (in_head) {
      if (s.head_seen >= s.max_head) {
        s.Fail(Error::kHeadTooLarge);
        break;
      }
      n = std::min(n, s.max_head - s.head_seen);
    }
    size_t got = http_parser_execute(&s.parser, &Impl::kSettings, data + used, n);
    used += got;
    http_errno err = HTTP_PARSER_ERRNO(&s.parser);
    if (err == HPE_PAUSED) break;  // a complete request, or a limit set kError
    if (err != HPE_OK) {
      s.error = err == HPE_HEADER_OVERFLOW ? Error::kHeadTooLarge : Error::kMalformed;
      s.state = State::kError;
      break;
    }
    if (in_head && (s.state == State::kIdle || s.state == State::kHead)) s.head_seen += got;
    if (got < n) {
      // http_parser stops short without an error only at an upgrade.
      break;
    }
  }
  return used;
}

void RequestParser::Next() {
  Impl& s = *impl_;
  if (s.state != State::kComplete) return;
  s.state = State::kIdle;
  s.head_seen = 0;
  s.req = HttpRequest();
  http_parser_pause(&s.parser, 0);
}

RequestParser::State RequestParser::state() const { return impl_->state; }
RequestParser::Error RequestParser::error() const { return impl_->error; }
HttpRequest& RequestParser::request() { return impl_->req; }
bool RequestParser::keep_alive() const { return http_should_keep_alive(&impl_->parser) != 0; }
bool RequestParser::upgrade() const { return impl_->parser.upgrade != 0; }
bool RequestParser::websocket_upgrade() const { return impl_->websocket; }
bool RequestParser::expects_continue() const { return impl_->expect_continue && impl_->state == State::kBody; }

}  // namespace apigw::net
