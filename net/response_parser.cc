// ResponseParser on http_parser: status, headers and de-chunked body go into
// a ClientResponse; 1xx interim responses (other than 101) are dropped.
#include "net/response_parser.h"

#include <http_parser.h>

#include <climits>

namespace apigw::net {

struct ResponseParser::Impl {
  http_parser parser;
  const size_t max_body;
  ClientResponse resp;
  State state = State::kInProgress;
  bool head_request = false;
  bool started = false;
  bool too_large = false;
  std::string error;
  std::string field;
  std::string value;
  bool value_last = false;

  explicit Impl(size_t limit) : max_body(limit) {}

  static Impl& Of(http_parser* p) { return *static_cast<Impl*>(p->data); }

  void CommitField() {
    while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.pop_back();
    resp.headers.Add(std::move(field), std::move(value));
    field.clear();
    value.clear();
  }

  void Fail(std::string why) {
    if (state == State::kError) return;
    state = State::kError;
    error = std::move(why);
  }

  static int OnMessageBegin(http_parser* p) {
    Impl& self = Of(p);
    self.resp = ClientResponse();
    self.resp.headers.Reserve(16);
    self.field.clear();
    self.value.clear();
    self.value_last = false;
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
    self.resp.status = static_cast<int>(p->status_code);
    const bool interim = p->status_code / 100 == 1 && p->status_code != 101;
    if (!interim && (p->flags & F_CHUNKED) == 0 && p->content_length != ULLONG_MAX && !self.head_request) {
      if (p->content_length > self.max_body) {
        self.too_large = true;
        self.Fail("response body of " + std::to_string(p->content_length) + " bytes is over the limit");
        http_parser_pause(p, 1);
        return 0;
      }
      self.resp.body.reserve(static_cast<size_t>(p->content_length));
    }
    return self.head_request ? 1 : 0;  // 1: no body follows
  }

  static int OnBody(http_parser* p, const char* at, size_t len) {
    Impl& self = Of(p);
    if (self.resp.body.size() + len > self.max_body) {
      self.too_large = true;
      self.Fail("response body is over the limit");
      http_parser_pause(p, 1);
      return 0;
    }
    self.resp.body.append(at, len);
    return 0;
  }

  static int OnMessageComplete(http_parser* p) {
    Impl& self = Of(p);
    if (p->status_code / 100 == 1 && p->status_code != 101) return 0;  // interim: the final one follows
    self.state = State::kComplete;
    http_parser_pause(p, 1);
    return 0;
  }

  static const http_parser_settings kSettings;
};

const http_parser_settings ResponseParser::Impl::kSettings = {
    &Impl::OnMessageBegin, nullptr,         nullptr,
    &Impl::OnHeaderField,  &Impl::OnHeaderValue, &Impl::OnHeadersComplete,
    &Impl::OnBody,         &Impl::OnMessageComplete, nullptr, nullptr,
};

ResponseParser::ResponseParser(size_t max_body_bytes) : impl_(std::make_unique<Impl>(max_body_bytes)) {
  Reset(false);
}

ResponseParser::~ResponseParser() = default;

void ResponseParser::Reset(bool head_request) {
  Impl& s = *impl_;
  http_parser_init(&s.parser, HTTP_RESPONSE);
  s.parser.data = impl_.get();
  s.resp = ClientResponse();
  s.state = State::kInProgress;
  s.head_request = head_request;
  s.started = false;
  s.too_large = false;
  s.error.clear();
}

size_t ResponseParser::Feed(const char* data, size_t len) {
  Impl& s = *impl_;
  if (s.state != State::kInProgress || len == 0) return 0;
  s.started = true;
  size_t used = http_parser_execute(&s.parser, &Impl::kSettings, data, len);
  http_errno err = HTTP_PARSER_ERRNO(&s.parser);
  if (err != HPE_OK && err != HPE_PAUSED) {
    s.Fail(std::string("malformed response: ") + http_errno_description(err));
  } else if (s.state == State::kInProgress && s.parser.upgrade) {
    s.state = State::kComplete;  // 101: what follows is another protocol
  }
  return used;
}

void ResponseParser::FeedEof() {
  Impl& s = *impl_;
  if (s.state != State::kInProgress) return;
  if (!s.started) {
    s.Fail("connection closed before a response arrived");
    return;
  }
  http_parser_execute(&s.parser, &Impl::kSettings, nullptr, 0);
  if (s.state != State::kComplete) s.Fail("connection closed before the response was complete");
}

ResponseParser::State ResponseParser::state() const { return impl_->state; }
bool ResponseParser::started() const { return impl_->started; }
bool ResponseParser::too_large() const { return impl_->too_large; }
const std::string& ResponseParser::error() const { return impl_->error; }
bool ResponseParser::keep_alive() const { return http_should_keep_alive(&impl_->parser) != 0; }
ClientResponse& ResponseParser::response() { return impl_->resp; }

}  // namespace apigw::net
