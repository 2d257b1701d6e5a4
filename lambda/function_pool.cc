// FunctionPool: scheduling (Pump), the life of a sandbox, and how each way an
// invocation can end is reported (AWS's error documents, START/END/REPORT).
#include "lambda/function_pool.h"

#include <sys/wait.h>

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "base/text.h"
#include "lambda/invocation_errors.h"
#include "lambda/process_env.h"
#include "net/io_loops.h"

namespace apigw::lambda {

namespace {

constexpr size_t kRuntimeApiMaxBody = 16 * 1024 * 1024;  // above the 6 MB limit, so the limit is ours to report

// Loop affinity: an invocation whose caller is on the loop of the process's
// Runtime API connection crosses no thread (the event is written, and the
// answer read and passed on, by one loop). A process that asks for work takes
// the first such invocation among the oldest kAffinityLookahead, unless the
// oldest one has been passed over kMaxPassedOver times already.
constexpr size_t kAffinityLookahead = 16;
constexpr int kMaxPassedOver = 4;

std::string HexDigits(IdSource& ids, size_t n) {
  std::string hex;
  while (hex.size() < n) {
    for (char c : ids.Uuid())
      if (c != '-' && hex.size() < n) hex += c;
  }
  return hex;
}

// X-Ray's trace header format: Root=1-<epoch seconds hex>-<24 hex>;Parent=<16 hex>;Sampled=0.
// Its random digits come from a generator of the calling thread (seeded from
// `ids` once): no lock, and nothing a test needs to reproduce.
std::string TraceId(IdSource& ids, int64_t epoch_ms) {
  thread_local uint64_t state = [&ids] {
    uint64_t seed = 0;
    for (char c : ids.Uuid()) seed = seed * 131 + uint64_t(c);
    return seed;
  }();
  auto next = [] {  // splitmix64
    uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  };
  uint64_t a = next(), b = next(), c = next();
  char out[80];
  snprintf(out, sizeof out, "Root=1-%08llx-%08llx%016llx;Parent=%016llx;Sampled=0",
           (unsigned long long)(epoch_ms / 1000), (unsigned long long)(a >> 32), (unsigned long long)b,
           (unsigned long long)c);
  return out;
}

// Timers' deadlines: the clock Asio's timers run on (services.clock may be a test's).
int64_t SteadyMicros() {
  return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// Milliseconds until `deadline_us`, rounded up so that a timer never fires before it.
int64_t MillisUntil(int64_t deadline_us, int64_t now_us) {
  return deadline_us <= now_us ? 0 : (deadline_us - now_us + 999) / 1000;
}

std::string ComponentOf(const VersionSpec& spec) {
  return spec.version == "$LATEST" ? "lambda:" + spec.name : "lambda:" + spec.name + ":" + spec.version;
}

// The document an /error post stands for: its body when it has one, else
// one built from Lambda-Runtime-Function-Error-Type.
std::string ErrorDocument(const net::HttpRequest& request) {
  if (!Trim(request.body).empty()) return request.body;
  std::string type = request.headers.GetOr("Lambda-Runtime-Function-Error-Type", "Unhandled");
  return "{\"errorMessage\":\"\",\"errorType\":\"" + type + "\"}";
}

}  // namespace

FunctionPool::FunctionPool(PoolServices& services, std::shared_ptr<const VersionSpec> spec,
                           std::shared_ptr<const std::atomic<uint64_t>> generation, int max_processes)
    : services_(services),
      spec_(std::move(spec)),
      generation_(std::move(generation)),
      max_processes_(std::max(1, max_processes)) {}

void FunctionPool::Run(After& after) {
  for (auto& fn : after) fn();
}

InvokeResult FunctionPool::BaseResult(const Invocation& invocation) const {
  InvokeResult r;
  r.request_id = invocation.request_id;
  r.executed_version = spec_->version;
  return r;
}

bool FunctionPool::Stale(const Sandbox& sandbox) const {
  if (sandbox.spec != spec_) return true;
  return generation_ && sandbox.generation != generation_->load();
}

std::shared_ptr<Invocation> FunctionPool::PopQueued() {
  if (queue_.empty()) return nullptr;
  auto inv = std::move(queue_.front());
  queue_.pop_front();
  return inv;
}

void FunctionPool::Submit(std::shared_ptr<Invocation> invocation) {
  After after;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (closed_) {
      InvokeResult r = BaseResult(*invocation);
      r.status = closed_status_;
      after.push_back([invocation, r] { invocation->done(r); });
    } else {
      invocation->origin_loop = net::CurrentLoopIndex(services_.io);
      if (invocation->max_wait_ms > 0) invocation->wait_deadline_us = SteadyMicros() + invocation->max_wait_ms * 1000;
      queue_.push_back(invocation);
      Pump(after);
      // Most invocations go to a process at once; one left waiting needs the timer.
      if (invocation->wait_deadline_us != 0 && !queue_.empty() && queue_.back() == invocation)
        ArmWaitTimer(invocation->wait_deadline_us);
    }
  }
  Run(after);
}

std::shared_ptr<Invocation> FunctionPool::TakeFor(const Sandbox& sb) {
  size_t pick = 0;
  if (queue_.front()->passed_over < kMaxPassedOver) {
    size_t n = std::min(queue_.size(), kAffinityLookahead);
    for (size_t j = 0; j < n; ++j) {
      if (queue_[j]->origin_loop == sb.loop) {
        pick = j;
        break;
      }
    }
  }
  if (pick == 0) return PopQueued();
  for (size_t j = 0; j < pick; ++j) ++queue_[j]->passed_over;
  std::shared_ptr<Invocation> inv = std::move(queue_[pick]);
  queue_.erase(queue_.begin() + std::ptrdiff_t(pick));
  return inv;
}

void FunctionPool::Pump(After& after) {
  if (closed_) return;
  // Waiting processes take work first (see TakeFor). A new invocation that
  // finds processes waiting goes to one on its caller's loop if there is one.
  while (!queue_.empty()) {
    size_t want = queue_.front()->origin_loop;
    std::shared_ptr<Sandbox> match;
    for (const auto& sb : sandboxes_) {
      if (sb->state == Sandbox::State::kReady && sb->loop == want && !Stale(*sb)) {
        match = sb;
        break;
      }
    }
    if (!match) break;
    Dispatch(match, PopQueued(), after);
  }
  for (size_t i = 0; i < sandboxes_.size() && !queue_.empty();) {
    std::shared_ptr<Sandbox> sb = sandboxes_[i];
    if (sb->state != Sandbox::State::kReady) {
      ++i;
      continue;
    }
    if (Stale(*sb)) {
      Retire(sb, after);  // removes it from sandboxes_
      continue;
    }
    Dispatch(sb, TakeFor(*sb), after);
    ++i;
  }
  // Processes about to ask for work will take some of what is left.
  size_t coming = 0;
  for (const auto& sb : sandboxes_) {
    if (sb->state == Sandbox::State::kStarting) ++coming;
    if (sb->state == Sandbox::State::kReturning && !Stale(*sb)) ++coming;
  }
  while (queue_.size() > coming && sandboxes_.size() < size_t(max_processes_)) {
    if (StartSandbox(after)) ++coming;
  }
}

bool FunctionPool::StartSandbox(After& after) {
  const VersionSpec& spec = *spec_;
  auto sb = std::make_shared<Sandbox>(weak_from_this(), spec_, generation_ ? generation_->load() : 0,
                                      services_.log, ComponentOf(spec));
  sb->spawned_us = services_.clock.MonotonicMicros();

  net::HttpServerOptions options;
  options.name = "runtime-api:" + spec.name;
  options.host = "127.0.0.1";
  options.port = 0;
  options.max_body_bytes = kRuntimeApiMaxBody;
  options.too_large = [](const net::HttpRequest&) { return RuntimePayloadTooLarge(); };
  sb->server = std::make_shared<net::HttpServer>(services_.io, options, RuntimeApiHandler(sb), services_.log);
  StatusOr<uint16_t> port = sb->server->Listen();
  std::string task_root =
      spec.hot_reload_dir.empty() ? services_.code.CodeDir(spec.code_sha256) : spec.hot_reload_dir;
  std::string log_stream =
      LogStreamName(services_.clock.NowEpochMillis(), spec.version, HexDigits(services_.ids, 32));
  StatusOr<Command> command =
      port.ok() ? PlanLaunch(spec, task_root, services_.launch, "127.0.0.1:" + std::to_string(*port), log_stream)
                : StatusOr<Command>(port.status());
  if (!command.ok()) {
    std::shared_ptr<net::HttpServer> server = std::move(sb->server);
    after.push_back([server] { server->Stop(); });
    std::shared_ptr<Invocation> inv = PopQueued();
    if (inv) {
      std::string detail = command.status().message();
      services_.log.Warn(ComponentOf(spec), "cannot start: " + detail);
      FailQueued(inv, InvalidEntrypointError(inv->request_id, detail),
                 {"RequestId: " + inv->request_id + " Error: " + detail, "Runtime.InvalidEntrypoint"}, after);
    }
    return false;
  }
  sandboxes_.push_back(sb);
  sb->handle.store(services_.supervisor.Spawn(std::move(command).value(), sb));
  std::weak_ptr<FunctionPool> weak = weak_from_this();
  std::weak_ptr<Sandbox> weak_sb = sb;
  sb->init_timer = services_.io.RunAfter(services_.init_timeout_ms, [weak, weak_sb] {
    auto pool = weak.lock();
    auto s = weak_sb.lock();
    if (pool && s) pool->OnInitTimeout(s);
  });
  return true;
}

void FunctionPool::Dispatch(const std::shared_ptr<Sandbox>& sb, std::shared_ptr<Invocation> inv, After& after) {
  const VersionSpec& spec = *sb->spec;
  sb->state = Sandbox::State::kBusy;
  sb->current = inv;
  std::shared_ptr<net::ResponseWriter> writer = std::move(sb->next_writer);
  sb->dispatched_us = services_.clock.MonotonicMicros();
  int64_t now_ms = services_.clock.NowEpochMillis();

  net::HttpResponse event;
  event.status = 200;
  event.headers.Add("Content-Type", "application/json");
  event.headers.Add("Lambda-Runtime-Aws-Request-Id", inv->request_id);
  event.headers.Add("Lambda-Runtime-Deadline-Ms", std::to_string(now_ms + int64_t(spec.timeout_seconds) * 1000));
  event.headers.Add("Lambda-Runtime-Invoked-Function-Arn", inv->invoked_arn);
  event.headers.Add("Lambda-Runtime-Trace-Id", TraceId(services_.ids, now_ms));
  if (!inv->client_context.empty()) event.headers.Add("Lambda-Runtime-Client-Context", inv->client_context);
  if (!inv->cognito_identity.empty()) event.headers.Add("Lambda-Runtime-Cognito-Identity", inv->cognito_identity);
  event.body = std::move(inv->payload);

  if (inv->tail_logs) inv->tail = std::make_shared<LogTail>();
  sb->SetCapture(inv->tail);
  if (inv->tail || services_.log.Enabled(LogLevel::kDebug))
    sb->WriteLine(LogLevel::kDebug, StartLine(inv->request_id, spec.version));

  int64_t timeout_ms = int64_t(spec.timeout_seconds) * 1000;
  sb->deadline_us = SteadyMicros() + timeout_ms * 1000;
  if (!sb->timeout_armed) ArmTimeout(sb, timeout_ms);
  after.push_back([writer, event = std::move(event)]() mutable { writer->Send(std::move(event)); });
}

void FunctionPool::FinishCurrent(Sandbox& sb, InvokeResult result, const std::vector<std::string>& extra_lines,
                                 int peak_memory_mb, After& after) {
  std::shared_ptr<Invocation> inv = std::move(sb.current);
  int64_t now_us = services_.clock.MonotonicMicros();
  sb.idle_since_us = now_us;
  double duration_ms = double(now_us - sb.dispatched_us) / 1000.0;
  std::optional<double> init;
  if (!sb.reported_init) {
    init = sb.init_ms;
    sb.reported_init = true;
  }
  for (const std::string& line : extra_lines) sb.WriteLine(LogLevel::kWarn, line);
  if (inv->tail || services_.log.Enabled(LogLevel::kDebug)) sb.WriteLine(LogLevel::kDebug, EndLine(inv->request_id));
  sb.WriteLine(LogLevel::kInfo,
               ReportLine(inv->request_id, duration_ms, sb.spec->memory_mb, peak_memory_mb, init));
  sb.SetCapture(nullptr);
  if (inv->tail) result.log_tail = inv->tail->Tail();
  after.push_back([inv, result = std::move(result)]() mutable { inv->done(std::move(result)); });
}

void FunctionPool::FailQueued(std::shared_ptr<Invocation> inv, const std::string& error_doc,
                              const std::vector<std::string>& lines, After& after) {
  InvokeResult r = BaseResult(*inv);
  r.payload = error_doc;
  r.function_error = "Unhandled";
  std::string component = ComponentOf(*spec_);
  for (const std::string& line : lines) services_.log.Warn(component, line);
  if (inv->tail_logs) {
    LogTail tail;
    tail.AppendLine(StartLine(inv->request_id, spec_->version));
    for (const std::string& line : lines) tail.AppendLine(line);
    tail.AppendLine(EndLine(inv->request_id));
    tail.AppendLine(ReportLine(inv->request_id, 0, spec_->memory_mb, 0, std::nullopt));
    r.log_tail = tail.Tail();
  }
  after.push_back([inv, r = std::move(r)]() mutable { inv->done(std::move(r)); });
}

void FunctionPool::Retire(const std::shared_ptr<Sandbox>& sb, After& after) {
  if (sb->state == Sandbox::State::kDead) return;
  sb->state = Sandbox::State::kDead;
  sandboxes_.erase(std::remove(sandboxes_.begin(), sandboxes_.end(), sb), sandboxes_.end());
  if (sb->init_timer) sb->init_timer->Cancel();
  if (sb->timeout_timer) sb->timeout_timer->Cancel();
  sb->timeout_timer.reset();
  sb->timeout_armed = false;
  services_.supervisor.Kill(sb->handle.load());
  std::shared_ptr<net::ResponseWriter> writer = std::move(sb->next_writer);
  std::shared_ptr<net::HttpServer> server = std::move(sb->server);
  net::IoPool& io = services_.io;
  after.push_back([writer, server, &io] {
    if (writer) writer->Send(RuntimeGone());
    // Stopped from a fresh loop task: never from inside one of its own handlers.
    if (server) io.Post([server] { server->Stop(); });
  });
}

void FunctionPool::OnNext(const std::shared_ptr<Sandbox>& sb, std::shared_ptr<net::ResponseWriter> writer) {
  After after;
  {
    std::lock_guard<std::mutex> lock(mu_);
    switch (sb->state) {
      case Sandbox::State::kDead:
        after.push_back([writer] { writer->Send(RuntimeGone()); });
        break;
      case Sandbox::State::kBusy:
      case Sandbox::State::kReady:
        // A second long poll, or one while an invocation is unanswered.
        after.push_back([writer] { writer->Send(RuntimeInvalidState()); });
        break;
      case Sandbox::State::kStarting:
        sb->init_ms = double(services_.clock.MonotonicMicros() - sb->spawned_us) / 1000.0;
        if (sb->init_timer) sb->init_timer->Cancel();
        sb->init_timer.reset();
        sb->init_log.reset();
        sb->SetCapture(nullptr);
        [[fallthrough]];
      case Sandbox::State::kReturning:
        if (closed_ || Stale(*sb)) {
          sb->next_writer = std::move(writer);
          Retire(sb, after);
          Pump(after);  // what it would have taken needs another process
          break;
        }
        sb->state = Sandbox::State::kReady;
        sb->loop = net::CurrentLoopIndex(services_.io);
        sb->next_writer = std::move(writer);
        sb->idle_since_us = services_.clock.MonotonicMicros();
        Pump(after);
        break;
    }
  }
  Run(after);
}

void FunctionPool::OnResult(const std::shared_ptr<Sandbox>& sb, bool is_error, std::string request_id,
                            net::HttpRequest request, std::shared_ptr<net::ResponseWriter> writer) {
  // What the function printed before answering belongs to this invocation.
  services_.supervisor.Drain(sb->handle.load());
  After after;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (sb->state != Sandbox::State::kBusy || !sb->current) {
      after.push_back([writer] { writer->Send(RuntimeInvalidState()); });
    } else if (sb->current->request_id != request_id) {
      after.push_back([writer] { writer->Send(RuntimeInvalidRequestId()); });
    } else {
      InvokeResult r = BaseResult(*sb->current);
      net::HttpResponse reply = RuntimeAccepted();
      if (is_error) {
        r.payload = ErrorDocument(request);
        r.function_error = "Unhandled";
      } else if (request.body.size() > kMaxResponseBytes) {
        r.payload = ResponseTooLargeError();
        r.function_error = "Unhandled";
        reply = RuntimePayloadTooLarge();
      } else {
        r.payload = std::move(request.body);
      }
      sb->state = Sandbox::State::kReturning;
      // Answered once the loop has handled what else the runtime sent with
      // this result: a /next pipelined behind it then gets its invocation (if
      // one waits) in the same write as this 202, which wakes the runtime once.
      net::IoPool& io = services_.io;
      after.push_back([&io, writer, reply = std::move(reply)]() mutable {
        size_t loop = net::CurrentLoopIndex(io);
        if (loop == net::LoopCount(io)) return writer->Send(std::move(reply));
        net::PostTo(io, loop, [writer, reply = std::move(reply)]() mutable { writer->Send(std::move(reply)); });
      });
      int peak = sb->memory.PeakMb(sb->pid.load(), services_.clock.MonotonicMicros());
      FinishCurrent(*sb, std::move(r), {}, peak, after);
      Pump(after);
    }
  }
  Run(after);
}

void FunctionPool::OnInitError(const std::shared_ptr<Sandbox>& sb, net::HttpRequest request,
                               std::shared_ptr<net::ResponseWriter> writer) {
  services_.supervisor.Drain(sb->handle.load());
  After after;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (sb->state != Sandbox::State::kStarting) {
      after.push_back([writer] { writer->Send(RuntimeInvalidState()); });
    } else {
      after.push_back([writer] { writer->Send(RuntimeAccepted()); });
      std::shared_ptr<LogTail> init_log = sb->init_log;
      Retire(sb, after);
      // The invocation this process was started for gets the init error; the
      // next one tries a fresh process, as on AWS.
      if (std::shared_ptr<Invocation> inv = PopQueued()) {
        std::vector<std::string> lines;
        if (init_log)
          for (const std::string& line : Split(init_log->Tail(), '\n'))
            if (!line.empty()) lines.push_back(line);
        FailQueued(inv, ErrorDocument(request), lines, after);
      }
      Pump(after);
    }
  }
  Run(after);
}

void FunctionPool::OnStartFailed(const std::shared_ptr<Sandbox>& sb, std::string reason) {
  After after;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (sb->state != Sandbox::State::kDead) {
      Retire(sb, after);
      services_.log.Warn(ComponentOf(*sb->spec), "cannot start: " + reason);
      if (std::shared_ptr<Invocation> inv = PopQueued()) {
        FailQueued(inv, InvalidEntrypointError(inv->request_id, reason),
                   {"RequestId: " + inv->request_id + " Error: " + reason, "Runtime.InvalidEntrypoint"}, after);
      }
      Pump(after);
    }
  }
  Run(after);
}

void FunctionPool::OnExit(const std::shared_ptr<Sandbox>& sb, int wait_status) {
  After after;
  {
    std::lock_guard<std::mutex> lock(mu_);
    Sandbox::State was = sb->state;
    if (was != Sandbox::State::kDead) {
      std::shared_ptr<Invocation> running = sb->current;
      std::shared_ptr<LogTail> init_log = sb->init_log;
      if (running) {
        // Report it before Retire takes the sandbox out.
        std::string id = running->request_id;
        InvokeResult r = BaseResult(*running);
        r.payload = ExitError(id, wait_status);
        r.function_error = "Unhandled";
        std::string why = WIFEXITED(wait_status) && WEXITSTATUS(wait_status) == 0
                              ? "Runtime exited without providing a reason"
                              : "Runtime exited with error: " + ExitDescription(wait_status);
        FinishCurrent(*sb, std::move(r), {"RequestId: " + id + " Error: " + why, "Runtime.ExitError"}, 0, after);
      }
      Retire(sb, after);
      if (was == Sandbox::State::kStarting) {
        if (std::shared_ptr<Invocation> inv = PopQueued()) {
          std::vector<std::string> lines;
          if (init_log)
            for (const std::string& line : Split(init_log->Tail(), '\n'))
              if (!line.empty()) lines.push_back(line);
          std::string why = WIFEXITED(wait_status) && WEXITSTATUS(wait_status) == 0
                                ? "Runtime exited without providing a reason"
                                : "Runtime exited with error: " + ExitDescription(wait_status);
          lines.push_back("RequestId: " + inv->request_id + " Error: " + why);
          lines.push_back("Runtime.ExitError");
          FailQueued(inv, ExitError(inv->request_id, wait_status), lines, after);
        }
      }
      Pump(after);
    }
  }
  Run(after);
}

void FunctionPool::ArmTimeout(const std::shared_ptr<Sandbox>& sb, int64_t delay_ms) {
  std::weak_ptr<FunctionPool> weak = weak_from_this();
  std::weak_ptr<Sandbox> weak_sb = sb;
  sb->timeout_armed = true;
  sb->timeout_timer = services_.io.RunAfter(delay_ms, [weak, weak_sb] {
    auto pool = weak.lock();
    auto s = weak_sb.lock();
    if (pool && s) pool->OnTimeoutTimer(s);
  });
}

void FunctionPool::OnTimeoutTimer(const std::shared_ptr<Sandbox>& sb) {
  After after;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (sb->state == Sandbox::State::kDead || !sb->timeout_armed) return;
    sb->timeout_armed = false;
    if (sb->state != Sandbox::State::kBusy || !sb->current) return;  // armed again at the next dispatch
    int64_t now = SteadyMicros();
    if (now < sb->deadline_us) {
      ArmTimeout(sb, MillisUntil(sb->deadline_us, now));  // a later invocation's deadline
      return;
    }
    std::string request_id = sb->current->request_id;
    InvokeResult r = BaseResult(*sb->current);
    int seconds = sb->spec->timeout_seconds;
    r.payload = TimeoutError(request_id, seconds);
    r.function_error = "Unhandled";
    FinishCurrent(*sb, std::move(r), {TimeoutLine(services_.clock.NowEpochMillis(), request_id, seconds)}, 0, after);
    Retire(sb, after);  // the process may still be running the handler: it goes
    Pump(after);
  }
  Run(after);
}

void FunctionPool::OnInitTimeout(const std::shared_ptr<Sandbox>& sb) {
  After after;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (sb->state == Sandbox::State::kStarting) {
      Retire(sb, after);
      if (std::shared_ptr<Invocation> inv = PopQueued()) {
        int seconds = services_.init_timeout_ms / 1000;
        FailQueued(inv, TimeoutError(inv->request_id, seconds),
                   {TimeoutLine(services_.clock.NowEpochMillis(), inv->request_id, seconds)}, after);
      }
      Pump(after);
    }
  }
  Run(after);
}

void FunctionPool::ArmWaitTimer(int64_t deadline_us) {
  if (wait_timer_ && wait_timer_due_us_ <= deadline_us) return;  // it fires first and arms again
  if (wait_timer_) wait_timer_->Cancel();
  std::weak_ptr<FunctionPool> weak = weak_from_this();
  wait_timer_due_us_ = deadline_us;
  wait_timer_ = services_.io.RunAfter(MillisUntil(deadline_us, SteadyMicros()), [weak] {
    if (auto pool = weak.lock()) pool->OnWaitTimer();
  });
}

void FunctionPool::OnWaitTimer() {
  After after;
  {
    std::lock_guard<std::mutex> lock(mu_);
    wait_timer_.reset();
    wait_timer_due_us_ = 0;
    if (closed_) return;
    int64_t now = SteadyMicros(), next = 0;
    for (auto it = queue_.begin(); it != queue_.end();) {
      std::shared_ptr<Invocation> inv = *it;
      if (inv->wait_deadline_us != 0 && inv->wait_deadline_us <= now) {
        it = queue_.erase(it);
        FailQueued(inv, TimeoutError(inv->request_id, spec_->timeout_seconds), {}, after);
        continue;
      }
      if (inv->wait_deadline_us != 0 && (next == 0 || inv->wait_deadline_us < next)) next = inv->wait_deadline_us;
      ++it;
    }
    if (next != 0) ArmWaitTimer(next);
  }
  Run(after);
}

void FunctionPool::Update(std::shared_ptr<const VersionSpec> spec,
                          std::shared_ptr<const std::atomic<uint64_t>> generation, int max_processes) {
  After after;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!SameRun(*spec_, *spec)) spec_ = std::move(spec);  // else warm processes stay
    generation_ = std::move(generation);
    max_processes_ = std::max(1, max_processes);
    // Idle processes of the old configuration go now; busy ones when they finish.
    std::vector<std::shared_ptr<Sandbox>> idle;
    for (const auto& sb : sandboxes_)
      if (sb->state == Sandbox::State::kReady && Stale(*sb)) idle.push_back(sb);
    for (const auto& sb : idle) Retire(sb, after);
    Pump(after);
  }
  Run(after);
}

void FunctionPool::Close(const Status& why) {
  After after;
  {
    std::lock_guard<std::mutex> lock(mu_);
    closed_ = true;
    closed_status_ = why;
    if (wait_timer_) wait_timer_->Cancel();
    wait_timer_.reset();
    while (std::shared_ptr<Invocation> inv = PopQueued()) {
      InvokeResult r = BaseResult(*inv);
      r.status = why;
      after.push_back([inv, r] { inv->done(r); });
    }
    std::vector<std::shared_ptr<Sandbox>> all = sandboxes_;
    for (const auto& sb : all) {
      if (sb->current) {
        InvokeResult r = BaseResult(*sb->current);
        r.payload = ExitError(sb->current->request_id, 9 /* SIGKILL */);
        r.function_error = "Unhandled";
        FinishCurrent(*sb, std::move(r), {}, 0, after);
      }
      Retire(sb, after);
    }
  }
  Run(after);
}

void FunctionPool::StopIdle(int64_t idle_before_us) {
  After after;
  {
    std::lock_guard<std::mutex> lock(mu_);
    std::vector<std::shared_ptr<Sandbox>> idle;
    for (const auto& sb : sandboxes_)
      if (sb->state == Sandbox::State::kReady && sb->idle_since_us < idle_before_us) idle.push_back(sb);
    for (const auto& sb : idle) Retire(sb, after);
  }
  Run(after);
}

size_t FunctionPool::process_count() {
  std::lock_guard<std::mutex> lock(mu_);
  return sandboxes_.size();
}

}  // namespace apigw::lambda
