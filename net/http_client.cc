// HttpClient: one Call per request, run entirely on the loop of the
// connection it uses; idle keep-alive connections wait in a per-origin LIFO
// pool (the only cross-thread state, under one mutex), where a sweep closes
// those idle for too long.
#include "net/http_client.h"

#include <asio.hpp>

#include <algorithm>
#include <chrono>
#include <iterator>
#include <mutex>
#include <unordered_map>
#include <vector>

#include "net/client_connection.h"
#include "net/client_url.h"
#include "net/io_loops.h"
#include "net/request_head.h"
#include "net/server_core.h"

namespace apigw::net {

namespace {

// RFC 9110 token characters, for the method.
bool IsToken(const std::string& s) {
  if (s.empty()) return false;
  for (unsigned char c : s) {
    if (c <= 0x20 || c >= 0x7f) return false;
    if (std::string_view("\"(),/:;<=>?@[\\]{}").find(static_cast<char>(c)) != std::string_view::npos) return false;
  }
  return true;
}

ClientResult Failure(ClientErrorKind kind, std::string message) {
  ClientResult r;
  r.error_kind = kind;
  r.error_message = message.empty() ? "request failed" : std::move(message);
  return r;
}

}  // namespace

// What every Call shares: the pool, the options and the TLS contexts.
struct ClientState : std::enable_shared_from_this<ClientState> {
  ClientState(IoPool& p, HttpClientOptions o, Logger& l) : pool(p), options(o), log(l), tls(NewTlsContexts()) {}

  struct Idle {
    std::shared_ptr<ClientConnection> conn;
    int64_t since_ms;  // MonotonicMillis() when pooled
  };

  IoPool& pool;
  const HttpClientOptions options;
  Logger& log;
  const std::shared_ptr<TlsContexts> tls;

  std::mutex mu;  // guards idle, idle_count and sweep
  // Per pool key, idle connections; the back is the most recently used.
  std::unordered_map<std::string, std::vector<Idle>> idle;
  size_t idle_count = 0;
  std::shared_ptr<TimerHandle> sweep;  // set while a sweep is scheduled

  bool Expired(const Idle& e, int64_t now) const { return now - e.since_ms >= options.idle_timeout_ms; }

  // The most recently used idle connection to `key`, preferring one on loop
  // `loop`: a request then runs on the loop that received it, without a hop
  // to another thread and back. Connections idle for too long are closed.
  std::shared_ptr<ClientConnection> TakeIdle(const std::string& key, size_t loop) {
    std::vector<std::shared_ptr<ClientConnection>> expired;
    std::shared_ptr<ClientConnection> conn;
    {
      std::lock_guard<std::mutex> l(mu);
      auto it = idle.find(key);
      if (it == idle.end() || it->second.empty()) return nullptr;
      auto& list = it->second;
      const int64_t now = MonotonicMillis();
      size_t stale = 0;  // the oldest come first
      while (stale < list.size() && Expired(list[stale], now)) expired.push_back(std::move(list[stale++].conn));
      list.erase(list.begin(), list.begin() + static_cast<std::ptrdiff_t>(stale));
      idle_count -= stale;
      if (!list.empty()) {
        auto pick = list.end() - 1;
        for (auto c = list.rbegin(); c != list.rend(); ++c) {
          if (c->conn->loop() == loop) {
            pick = std::prev(c.base());
            break;
          }
        }
        conn = std::move(pick->conn);
        list.erase(pick);
        --idle_count;
      }
    }
    for (auto& c : expired) PostTo(pool, c->loop(), [c] { c->Close(); });
    return conn;
  }

  // On the connection's loop, after a successful exchange.
  void PutIdle(const std::string& key, const std::shared_ptr<ClientConnection>& conn) {
    {
      std::lock_guard<std::mutex> l(mu);
      auto& list = idle[key];
      if (list.size() >= options.max_idle_per_origin) {
        conn->Close();
        return;
      }
      list.push_back(Idle{conn, MonotonicMillis()});
      ++idle_count;
      if (!sweep) ScheduleSweep();
    }
    conn->WatchIdle();
  }

  // What a pooled connection does when its peer closes or talks out of turn.
  std::function<void()> OnDead(const std::string& key, const std::shared_ptr<ClientConnection>& conn) {
    std::weak_ptr<ClientState> weak_client = shared_from_this();
    std::weak_ptr<ClientConnection> weak_conn = conn;
    return [weak_client, weak_conn, key] {
      auto client = weak_client.lock();
      auto c = weak_conn.lock();
      if (!client || !c) return;
      if (client->RemoveIdle(key, c.get())) c->Close();
    };
  }

  // True when `conn` was still pooled (and now is not).
  bool RemoveIdle(const std::string& key, ClientConnection* conn) {
    std::lock_guard<std::mutex> l(mu);
    auto it = idle.find(key);
    if (it == idle.end()) return false;
    auto& list = it->second;
    for (auto c = list.begin(); c != list.end(); ++c) {
      if (c->conn.get() == conn) {
        list.erase(c);
        --idle_count;
        return true;
      }
    }
    return false;
  }

  // Called with mu held: closes the connections idle for idle_timeout_ms, a
  // fraction of that timeout from now, for as long as any is pooled.
  void ScheduleSweep() {
    const int64_t every = std::clamp<int64_t>(options.idle_timeout_ms / 4, 5, 5000);
    std::weak_ptr<ClientState> weak = shared_from_this();
    sweep = pool.RunAfter(every, [weak] {
      if (auto client = weak.lock()) client->Sweep();
    });
  }

  void Sweep() {
    std::vector<std::shared_ptr<ClientConnection>> expired;
    {
      std::lock_guard<std::mutex> l(mu);
      sweep.reset();
      const int64_t now = MonotonicMillis();
      for (auto it = idle.begin(); it != idle.end();) {
        auto& list = it->second;
        size_t stale = 0;
        while (stale < list.size() && Expired(list[stale], now)) expired.push_back(std::move(list[stale++].conn));
        list.erase(list.begin(), list.begin() + static_cast<std::ptrdiff_t>(stale));
        idle_count -= stale;
        it = list.empty() ? idle.erase(it) : std::next(it);
      }
      if (idle_count > 0) ScheduleSweep();
    }
    for (auto& c : expired) PostTo(pool, c->loop(), [c] { c->Close(); });
  }

  void CloseIdle() {
    std::unordered_map<std::string, std::vector<Idle>> all;
    std::shared_ptr<TimerHandle> timer;
    {
      std::lock_guard<std::mutex> l(mu);
      all.swap(idle);
      idle_count = 0;
      timer = std::move(sweep);
    }
    if (timer) timer->Cancel();
    for (auto& entry : all) {
      for (auto& e : entry.second) {
        auto conn = std::move(e.conn);
        PostTo(pool, conn->loop(), [conn] { conn->Close(); });
      }
    }
  }
};

namespace {

// One request from Send() to `done`. Lives on one loop: that of the pooled
// connection it took, or one chosen round-robin for a new connection.
class Call : public std::enable_shared_from_this<Call> {
 public:
  Call(std::shared_ptr<ClientState> client, size_t loop, ClientUrl url, std::string key, std::string head,
       std::shared_ptr<const std::string> body, bool head_request, bool no_reuse, int timeout_ms,
       bool verify, std::function<void(ClientResult)> done)
      : lifetime_(LoopsLifetime(client->pool)),
        client_(std::move(client)),
        loop_(loop),
        timer_(LoopContext(client_->pool, loop)),
        url_(std::move(url)),
        key_(std::move(key)),
        head_(std::move(head)),
        body_(std::move(body)),
        head_request_(head_request),
        no_reuse_(no_reuse),
        timeout_ms_(timeout_ms),
        verify_(verify),
        done_(std::move(done)) {}

  // On loop_.
  void Begin(std::shared_ptr<ClientConnection> pooled) {
    timer_.expires_after(std::chrono::milliseconds(timeout_ms_));
    timer_.async_wait([self = shared_from_this()](const asio::error_code& ec) {
      if (!ec) self->OnTimeout();
    });
    if (pooled) {
      conn_ = std::move(pooled);
      reused_ = true;
      conn_->StopWatching();
      Exchange();
    } else {
      Connect();
    }
  }

 private:
  void Connect() {
    reused_ = false;
    conn_ = ClientConnection::Create(client_->pool, loop_, client_->tls);
    conn_->set_on_dead(client_->OnDead(key_, conn_));
    conn_->Connect(url_, verify_, [self = shared_from_this()](ClientErrorKind kind, std::string error) {
      if (self->finished_) return;
      if (!error.empty()) return self->Finish(Failure(kind, std::move(error)));
      self->Exchange();
    });
  }

  void Exchange() {
    conn_->Exchange(head_, body_, head_request_, client_->options.max_response_bytes,
                    [self = shared_from_this()](ExchangeResult r) { self->OnExchange(std::move(r)); });
  }

  void OnExchange(ExchangeResult r) {
    if (finished_) return;
    if (r.ok) {
      ClientResult result;
      result.response = std::move(r.response);
      if (conn_->reusable() && !no_reuse_) {
        client_->PutIdle(key_, conn_);
      } else {
        conn_->Close();
      }
      conn_.reset();
      return Finish(std::move(result));
    }
    conn_->Close();
    // A pooled connection the server closed meanwhile fails before any
    // response byte: the request never reached a handler, so send it again.
    if (reused_ && !retried_ && !r.response_started && r.kind == ClientErrorKind::kProtocol) {
      retried_ = true;
      return Connect();
    }
    Finish(Failure(r.kind, std::move(r.error)));
  }

  void OnTimeout() {
    if (finished_) return;
    if (conn_) conn_->Close();  // never pooled: its state is unknown
    Finish(Failure(ClientErrorKind::kTimeout, "no complete response within " + std::to_string(timeout_ms_) + " ms"));
  }

  void Finish(ClientResult result) {
    finished_ = true;
    timer_.cancel();
    auto done = std::move(done_);
    done_ = nullptr;
    if (done) done(std::move(result));
  }

  const std::shared_ptr<void> lifetime_;  // first: destroyed after timer_
  const std::shared_ptr<ClientState> client_;
  const size_t loop_;
  asio::steady_timer timer_;  // the request's timeout
  const ClientUrl url_;
  const std::string key_;
  const std::string head_;
  const std::shared_ptr<const std::string> body_;
  const bool head_request_;
  const bool no_reuse_;
  const int timeout_ms_;
  const bool verify_;
  std::function<void(ClientResult)> done_;

  std::shared_ptr<ClientConnection> conn_;
  bool reused_ = false;
  bool retried_ = false;
  bool finished_ = false;
};

}  // namespace

struct HttpClient::Impl {
  std::shared_ptr<ClientState> state;
};

HttpClient::HttpClient(IoPool& pool, HttpClientOptions options, Logger& log)
    : impl_(std::make_shared<Impl>(Impl{std::make_shared<ClientState>(pool, options, log)})) {}

HttpClient::~HttpClient() { impl_->state->CloseIdle(); }

void HttpClient::Send(ClientRequest request, std::function<void(ClientResult)> done) {
  ClientState& state = *impl_->state;
  auto url = ParseClientUrl(request.url);
  if (!url.ok() || !IsToken(request.method)) {
    std::string why = url.ok() ? "invalid method '" + request.method + "'" : url.status().message();
    PostTo(state.pool, NextLoopIndex(state.pool), [done = std::move(done), why]() mutable {
      done(Failure(ClientErrorKind::kInvalidUrl, why));
    });
    return;
  }
  const bool verify = !request.insecure_skip_verify;
  // Connections verified differently must not be shared.
  std::string key;
  key.reserve(url->host.size() + 24);
  key.append(url->https ? "https://" : "http://").append(url->host).push_back(':');
  key.append(std::to_string(url->port));
  if (url->https && !verify) key.append("#insecure");
  std::string head = EncodeRequestHead(request, *url);
  auto body = std::make_shared<const std::string>(std::move(request.body));
  const bool head_request = request.method == "HEAD";
  const bool no_reuse = RequestWantsClose(request);
  const int timeout_ms = request.timeout_ms > 0 ? request.timeout_ms : 1;

  size_t here = CurrentLoopIndex(state.pool);
  if (here == LoopCount(state.pool)) here = NextLoopIndex(state.pool);
  std::shared_ptr<ClientConnection> pooled = state.TakeIdle(key, here);
  const size_t loop = pooled ? pooled->loop() : here;
  auto call = std::make_shared<Call>(impl_->state, loop, std::move(*url), std::move(key), std::move(head),
                                     std::move(body), head_request, no_reuse, timeout_ms, verify, std::move(done));
  asio::post(LoopContext(state.pool, loop),
             [call = std::move(call), pooled = std::move(pooled)]() mutable { call->Begin(std::move(pooled)); });
}

}  // namespace apigw::net
