// LocalLambda: resolution of a function reference to a version's pool, the
// three invocation types, publishing, and the idle sweep.
#include "lambda/local_lambda.h"

#include <future>

#include <vector>

#include "base/base64.h"
#include "base/json.h"
#include "lambda/function_ref.h"
#include "lambda/interpreters.h"
#include "lambda/invocation_errors.h"
#include "lambda/runtime_bootstraps.h"
#include "lambda/runtime_kind.h"

namespace apigw::lambda {

namespace {

constexpr int64_t kSweepIntervalMs = 30000;

Status NotFound(const std::string& arn) {
  return Status(404, "ResourceNotFoundException", "Function not found: " + arn);
}

Status InvalidParameter(std::string message) {
  return Status(400, "InvalidParameterValueException", std::move(message));
}

// A number in [0, 1) from the id source, so alias weights follow the tests' seed.
double UnitRandom(IdSource& ids) {
  std::string uuid = ids.Uuid();
  uint32_t v = 0;
  for (size_t i = 0; i < 8 && i < uuid.size(); ++i) {
    char c = uuid[i];
    v = v * 16 + uint32_t(c >= 'a' ? c - 'a' + 10 : c - '0');
  }
  return double(v) / 4294967296.0;
}

}  // namespace

LocalLambda::LocalLambda(net::IoPool& io, Logger& log, Clock& clock, IdSource& ids, LocalLambdaOptions options)
    : io_(io), log_(log), clock_(clock), ids_(ids), options_(std::move(options)), code_(options_.cache_dir) {
  launch_.host_path = options_.path;
  launch_.endpoint_url = options_.endpoint_url;
  supervisor_ = std::make_unique<ProcessSupervisor>(log_);
  watcher_ = std::make_unique<HotReloadWatcher>(*supervisor_, log_);
  services_ = std::unique_ptr<PoolServices>(
      new PoolServices{io_, *supervisor_, log_, clock_, ids_, code_, launch_, options_.init_timeout_ms});
}

LocalLambda::~LocalLambda() {
  Shutdown();
  // The supervisor thread calls into pools, which use services_: stop it
  // before any member goes (the watcher first, as it unregisters from it).
  watcher_.reset();
  supervisor_.reset();
}

Status LocalLambda::Start() {
  APIGW_RETURN_IF_ERROR(code_.Init());
  auto runtimes = InstallRuntimeFiles(options_.cache_dir);
  if (!runtimes.ok()) return runtimes.status();
  launch_.runtimes_dir = *runtimes;
  // The futures' shared state blocks in its destructor until the resolution is
  // done, so the task may use log_ for the lifetime of launch_.
  auto resolve = [this](std::string given, const char* name) {
    if (!given.empty()) return std::async(std::launch::deferred, [given] { return given; }).share();
    return std::async(std::launch::async, [this, name, path = options_.path] {
             std::string found = ResolveInterpreter(name, path);
             log_.Info("lambda", std::string(name) + " functions run with " + (found.empty() ? "(none found)" : found));
             return found;
           }).share();
  };
  launch_.node = resolve(options_.node, "node");
  launch_.python = resolve(options_.python, "python3");
  log_.Info("lambda", "code cache " + options_.cache_dir);
  APIGW_RETURN_IF_ERROR(supervisor_->Start());
  ScheduleSweep();
  return Status::Ok();
}

void LocalLambda::Shutdown() {
  std::map<Key, Entry> functions;
  {
    std::unique_lock<std::shared_mutex> lock(mu_);
    if (stopped_) return;
    stopped_ = true;
    functions.swap(functions_);
  }
  if (sweep_) sweep_->Cancel();
  Status why(500, "ServiceException", "The emulator is shutting down");
  for (auto& [key, entry] : functions)
    for (auto& [version, pool] : entry.pools) pool->Close(why);
  supervisor_->KillAll();
}

void LocalLambda::ScheduleSweep() {
  sweep_ = io_.RunAfter(kSweepIntervalMs, [this] {
    std::vector<std::shared_ptr<FunctionPool>> pools;
    {
      std::shared_lock<std::shared_mutex> lock(mu_);
      if (stopped_) return;
      for (auto& [key, entry] : functions_)
        for (auto& [version, pool] : entry.pools) pools.push_back(pool);
    }
    int64_t before = clock_.MonotonicMicros() - int64_t(options_.idle_timeout_ms) * 1000;
    for (auto& pool : pools) pool->StopIdle(before);
    ScheduleSweep();
  });
}

int LocalLambda::MaxProcesses(const FunctionSnapshot& snapshot) const {
  if (snapshot.reserved_concurrency > 0 && snapshot.reserved_concurrency < options_.max_processes_per_function)
    return snapshot.reserved_concurrency;
  return options_.max_processes_per_function;
}

std::shared_ptr<const std::atomic<uint64_t>> LocalLambda::GenerationFor(const VersionSpec& spec) {
  if (spec.hot_reload_dir.empty()) return nullptr;
  return watcher_->Watch(spec.hot_reload_dir);
}

std::shared_ptr<FunctionPool> LocalLambda::PoolFor(const Key& key, const std::string& version,
                                                   std::shared_ptr<const VersionSpec>* spec) {
  {
    std::shared_lock<std::shared_mutex> lock(mu_);
    auto it = functions_.find(key);
    if (it == functions_.end()) return nullptr;
    auto v = it->second.snapshot.versions.find(version);
    if (v == it->second.snapshot.versions.end()) return nullptr;
    *spec = v->second;
    auto p = it->second.pools.find(version);
    if (p != it->second.pools.end()) return p->second;
  }
  auto generation = GenerationFor(**spec);  // outside the lock: it may add inotify watches
  std::unique_lock<std::shared_mutex> lock(mu_);
  auto it = functions_.find(key);
  if (it == functions_.end() || stopped_) return nullptr;
  auto v = it->second.snapshot.versions.find(version);
  if (v == it->second.snapshot.versions.end()) return nullptr;
  *spec = v->second;
  std::shared_ptr<FunctionPool>& pool = it->second.pools[version];
  if (!pool) pool = std::make_shared<FunctionPool>(*services_, v->second, generation, MaxProcesses(it->second.snapshot));
  return pool;
}

void LocalLambda::Invoke(InvokeRequest request, InvokeDone done) {
  InvokeResult result;
  auto fail = [&](Status st) {
    result.status = std::move(st);
    done(std::move(result));
  };
  StatusOr<FunctionRef> ref = ParseFunctionRef(request.function);
  if (!ref.ok()) return fail(ref.status());
  StatusOr<std::string> qualifier = MergeQualifier(*ref, request.qualifier);
  if (!qualifier.ok()) return fail(qualifier.status());
  Key key{ref->region.empty() ? request.region : ref->region, ref->name};

  // Resolve the qualifier: $LATEST, a version, or an alias (with its weights).
  std::string version = qualifier->empty() ? std::string(kLatest) : *qualifier;
  std::string account;
  int reserved_concurrency = -1;
  {
    std::shared_lock<std::shared_mutex> lock(mu_);
    auto it = functions_.find(key);
    std::string shown_account = ref->account_id;
    if (it != functions_.end()) {
      const FunctionSnapshot& snap = it->second.snapshot;
      reserved_concurrency = snap.reserved_concurrency;
      auto latest = snap.versions.find(std::string(kLatest));
      if (latest != snap.versions.end()) account = latest->second->account_id;
      auto alias = snap.aliases.find(version);
      if (alias != snap.aliases.end()) {
        version = alias->second.version;
        double pick = alias->second.additional_weights.empty() ? 1.0 : UnitRandom(ids_);
        for (const auto& [other, weight] : alias->second.additional_weights) {
          if (pick < weight) {
            version = other;
            break;
          }
          pick -= weight;
        }
      }
    }
  }
  std::shared_ptr<const VersionSpec> spec;
  std::shared_ptr<FunctionPool> pool = PoolFor(key, version, &spec);
  if (!pool) {
    std::string acct = !ref->account_id.empty() ? ref->account_id : account;
    if (acct.empty()) acct = "000000000000";
    return fail(NotFound(FunctionArn(key.first, acct, key.second, qualifier->empty() ? kLatest : *qualifier)));
  }

  std::string invoked_arn = FunctionArn(spec->region, spec->account_id, spec->name, *qualifier);
  if (request.type == InvocationType::kDryRun) {
    result.status_code = 204;
    result.executed_version = spec->version;
    return done(std::move(result));
  }
  if (reserved_concurrency == 0) {
    // Reserved concurrency 0 stops every invocation: a synchronous one is
    // throttled, an event is accepted and then throttled (recorded from AWS:
    // test_lambda.py::TestLambdaConcurrency, "exc_no_cap_requestresponse").
    if (request.type == InvocationType::kEvent) {
      log_.Warn("lambda:" + spec->name, "event invocation throttled: the function's reserved concurrency is 0");
      result.status_code = 202;
      return done(std::move(result));
    }
    return fail(Status(429, "TooManyRequestsException", "Rate Exceeded.")
                    .WithReason("ReservedFunctionConcurrentInvocationLimitExceeded"));
  }
  auto inv = std::make_shared<Invocation>();
  inv->request_id = request.request_id.empty() ? ids_.Uuid() : request.request_id;
  inv->payload = request.payload.empty() ? "{}" : std::move(request.payload);
  inv->invoked_arn = invoked_arn;
  inv->cognito_identity = std::move(request.cognito_identity);
  inv->tail_logs = request.tail_logs;
  inv->max_wait_ms = request.max_wait_ms;
  if (!request.client_context_base64.empty()) {
    std::optional<std::string> decoded = Base64Decode(request.client_context_base64);
    if (!decoded || !ParseJson(*decoded).ok())
      return fail(InvalidParameter("Client context must be a valid Base64-encoded JSON object."));
    inv->client_context = std::move(*decoded);
  }
  if (KindOf(spec->runtime) == RuntimeKind::kUnsupported) {
    result.request_id = inv->request_id;
    result.executed_version = spec->version;
    result.payload = UnsupportedRuntimeError(spec->runtime);
    result.function_error = "Unhandled";
    if (request.type == InvocationType::kEvent) {
      result = InvokeResult();
      result.status_code = 202;
    }
    return done(std::move(result));
  }
  if (request.type == InvocationType::kEvent) {
    // Answered now; the outcome only reaches the log, as with AWS's async queue.
    InvokeResult accepted;
    accepted.status_code = 202;
    accepted.request_id = inv->request_id;
    Logger& log = log_;
    std::string name = spec->name;
    inv->done = [&log, name](InvokeResult r) {
      if (!r.status.ok())
        log.Warn("lambda:" + name, "event invocation " + r.request_id + " failed: " + r.status.ToString());
      else if (!r.function_error.empty())
        log.Warn("lambda:" + name, "event invocation " + r.request_id + " failed: " + r.payload);
    };
    done(std::move(accepted));
    pool->Submit(std::move(inv));
    return;
  }
  inv->done = std::move(done);
  pool->Submit(std::move(inv));
}

StatusOr<CodeInfo> LocalLambda::InstallZip(std::string_view zip_bytes) { return code_.Install(zip_bytes); }

bool LocalLambda::HasCode(std::string_view sha256_base64) { return code_.Has(sha256_base64); }

void LocalLambda::Publish(FunctionSnapshot snapshot) {
  struct Change {
    std::shared_ptr<FunctionPool> pool;
    std::shared_ptr<const VersionSpec> spec;  // nullptr: the version is gone
  };
  std::vector<Change> changes;
  int max = MaxProcesses(snapshot);
  {
    std::unique_lock<std::shared_mutex> lock(mu_);
    if (stopped_) return;
    Entry& entry = functions_[{snapshot.region, snapshot.name}];
    for (auto it = entry.pools.begin(); it != entry.pools.end();) {
      auto v = snapshot.versions.find(it->first);
      if (v == snapshot.versions.end()) {
        changes.push_back({it->second, nullptr});
        it = entry.pools.erase(it);
      } else {
        changes.push_back({it->second, v->second});
        ++it;
      }
    }
    entry.snapshot = std::move(snapshot);
  }
  for (Change& c : changes) {
    if (c.spec) {
      c.pool->Update(c.spec, GenerationFor(*c.spec), max);
    } else {
      c.pool->Close(Status(404, "ResourceNotFoundException", "The function version was deleted"));
    }
  }
}

void LocalLambda::Remove(std::string_view region, std::string_view name) {
  Entry entry;
  {
    std::unique_lock<std::shared_mutex> lock(mu_);
    auto it = functions_.find({std::string(region), std::string(name)});
    if (it == functions_.end()) return;
    entry = std::move(it->second);
    functions_.erase(it);
  }
  std::string arn;
  auto latest = entry.snapshot.versions.find(std::string(kLatest));
  if (latest != entry.snapshot.versions.end())
    arn = FunctionArn(region, latest->second->account_id, name);
  for (auto& [version, pool] : entry.pools) pool->Close(NotFound(arn));
}

size_t LocalLambda::process_count() {
  std::vector<std::shared_ptr<FunctionPool>> pools;
  {
    std::shared_lock<std::shared_mutex> lock(mu_);
    for (auto& [key, entry] : functions_)
      for (auto& [version, pool] : entry.pools) pools.push_back(pool);
  }
  size_t n = 0;
  for (auto& pool : pools) n += pool->process_count();
  return n;
}

}  // namespace apigw::lambda
