// Tests of lambda/local_lambda.h with real processes: node, python and a
// shell `bootstrap` behind the Runtime API; results, errors, timeouts,
// crashes, concurrency, warm reuse, log tails, hot reload.
#include <doctest/doctest.h>

#include <chrono>
#include <cstdlib>
#include <future>
#include <regex>
#include <set>
#include <thread>

#include "base/base64.h"
#include "base/clock.h"
#include "base/ids.h"
#include "base/json.h"
#include "base/log.h"
#include "lambda/local_lambda.h"
#include "net/io_pool.h"
#include "tests/lambda/temp_dir.h"

namespace apigw::lambda {

using testing::TempDir;

namespace {

// One runner with its own cache and a folder for function code.
struct Fixture {
  Fixture(int max_processes = 10) : io(2), log(std::getenv("APIGW_TEST_LOG") ? LogLevel::kDebug : LogLevel::kOff) {
    io.Start();
    LocalLambdaOptions options;
    options.cache_dir = cache.path();
    options.path = std::getenv("PATH") ? std::getenv("PATH") : "/usr/bin:/bin";
    options.max_processes_per_function = max_processes;
    lambda = std::make_unique<LocalLambda>(io, log, clock, ids, options);
    REQUIRE(lambda->Start().ok());
  }
  ~Fixture() {
    lambda->Shutdown();
    io.Stop();
  }

  // Publishes `name` running the code in code/<name>/ (hot-reload style: the folder as it is).
  void Publish(const std::string& name, const std::string& runtime, const std::string& handler, int timeout = 3,
               std::vector<std::pair<std::string, std::string>> env = {}) {
    auto spec = std::make_shared<VersionSpec>();
    spec->region = "us-east-1";
    spec->account_id = "000000000000";
    spec->name = name;
    spec->version = "$LATEST";
    spec->runtime = runtime;
    spec->handler = handler;
    spec->timeout_seconds = timeout;
    spec->environment = std::move(env);
    spec->hot_reload_dir = code.File(name);
    spec->log_group = "/aws/lambda/" + name;
    spec->revision_id = ids.Uuid();
    FunctionSnapshot snap;
    snap.region = "us-east-1";
    snap.name = name;
    snap.versions["$LATEST"] = spec;
    lambda->Publish(std::move(snap));
  }

  InvokeResult Invoke(const std::string& name, const std::string& payload = "{}", bool tail = false,
                      int wait_seconds = 20) {
    auto promise = std::make_shared<std::promise<InvokeResult>>();
    std::future<InvokeResult> future = promise->get_future();
    InvokeRequest req;
    req.function = name;
    req.payload = payload;
    req.tail_logs = tail;
    lambda->Invoke(std::move(req), [promise](InvokeResult r) { promise->set_value(std::move(r)); });
    if (future.wait_for(std::chrono::seconds(wait_seconds)) != std::future_status::ready) {
      FAIL("no answer within " << wait_seconds << " s");
    }
    return future.get();
  }

  net::IoPool io;
  Logger log;
  SystemClock clock;
  RandomIdSource ids;
  TempDir cache, code;
  std::unique_ptr<LocalLambda> lambda;
};

std::string Member(const std::string& json, const char* name) {
  auto doc = ParseJson(json);
  if (!doc.ok()) return "<not json: " + json + ">";
  const JsonValue* v = apigw::Member(*doc, name);
  if (!v) return "<absent>";
  return v->IsString() ? std::string(v->GetString(), v->GetStringLength()) : ToJson(*v);
}

bool HasNode(Fixture& f) { return !f.lambda->launch_setup().node.get().empty(); }
bool HasPython(Fixture& f) { return !f.lambda->launch_setup().python.get().empty(); }

}  // namespace

TEST_CASE("a python handler gets the event and a context, and its process stays warm") {
  Fixture f;
  REQUIRE(HasPython(f));
  f.code.Write("py/app.py",
               "import os\n"
               "def handler(event, context):\n"
               "    print('hello from python')\n"
               "    return {'event': event, 'name': context.function_name, 'id': context.aws_request_id,\n"
               "            'arn': context.invoked_function_arn, 'mem': context.memory_limit_in_mb,\n"
               "            'left': context.get_remaining_time_in_millis() > 0, 'pid': os.getpid(),\n"
               "            'env': os.environ.get('GREETING'), 'region': os.environ['AWS_REGION']}\n");
  f.Publish("py", "python3.12", "app.handler", 3, {{"GREETING", "hi"}});
  InvokeResult r = f.Invoke("py", "{\"a\":1}");
  REQUIRE(r.status.ok());
  CHECK(r.function_error == "");
  CHECK(r.executed_version == "$LATEST");
  CHECK(Member(r.payload, "event") == "{\"a\":1}");
  CHECK(Member(r.payload, "name") == "py");
  CHECK(Member(r.payload, "id") == r.request_id);
  CHECK(Member(r.payload, "arn") == "arn:aws:lambda:us-east-1:000000000000:function:py");
  CHECK(Member(r.payload, "mem") == "128");
  CHECK(Member(r.payload, "left") == "true");
  CHECK(Member(r.payload, "env") == "hi");
  CHECK(Member(r.payload, "region") == "us-east-1");
  std::string pid = Member(r.payload, "pid");
  InvokeResult again = f.Invoke("py", "{}");
  REQUIRE(again.status.ok());
  CHECK(Member(again.payload, "pid") == pid);  // warm: the same process
  CHECK(f.lambda->process_count() == 1);
}

TEST_CASE("node handlers: CommonJS, ES module, callback; errors as the Node runtime reports them") {
  Fixture f;
  REQUIRE(HasNode(f));
  f.code.Write("cjs/index.js",
               "exports.handler = async (event, context) => ({ got: event, fn: context.functionName,\n"
               "  mem: context.memoryLimitInMB, waits: context.callbackWaitsForEmptyEventLoop });\n");
  f.code.Write("esm/index.mjs", "export const handler = async (event) => `esm:${event.x}`;\n");
  f.code.Write("cb/index.js", "exports.handler = (event, context, callback) => { setTimeout(() => callback(null, 42), 10); };\n");
  f.code.Write("err/index.js", "exports.handler = async () => { throw new TypeError('boom'); };\n");
  f.code.Write("missing/index.js", "exports.other = () => 1;\n");
  f.Publish("cjs", "nodejs20.x", "index.handler");
  f.Publish("esm", "nodejs22.x", "index.handler");
  f.Publish("cb", "nodejs20.x", "index.handler");
  f.Publish("err", "nodejs20.x", "index.handler");
  f.Publish("missing", "nodejs20.x", "index.handler");

  InvokeResult r = f.Invoke("cjs", "{\"k\":\"v\"}");
  REQUIRE(r.status.ok());
  CHECK(r.function_error == "");
  CHECK(Member(r.payload, "got") == "{\"k\":\"v\"}");
  CHECK(Member(r.payload, "fn") == "cjs");
  CHECK(Member(r.payload, "mem") == "128");
  CHECK(Member(r.payload, "waits") == "true");

  r = f.Invoke("esm", "{\"x\":7}");
  REQUIRE(r.status.ok());
  CHECK(r.payload == "\"esm:7\"");

  r = f.Invoke("cb");
  REQUIRE(r.status.ok());
  CHECK(r.payload == "42");

  r = f.Invoke("err");
  REQUIRE(r.status.ok());
  CHECK(r.function_error == "Unhandled");
  CHECK(Member(r.payload, "errorType") == "TypeError");
  CHECK(Member(r.payload, "errorMessage") == "boom");
  CHECK(Member(r.payload, "trace").find("TypeError: boom") != std::string::npos);

  r = f.Invoke("missing");
  REQUIRE(r.status.ok());
  CHECK(r.function_error == "Unhandled");
  CHECK(Member(r.payload, "errorType") == "Runtime.HandlerNotFound");
  CHECK(Member(r.payload, "errorMessage") == "index.handler is undefined or not exported");
}

TEST_CASE("python errors: handler exceptions and import errors") {
  Fixture f;
  REQUIRE(HasPython(f));
  f.code.Write("raise/app.py", "def handler(event, context):\n    raise ValueError('bad input')\n");
  f.code.Write("import/app.py", "import no_such_module_here\n");
  f.Publish("raise", "python3.12", "app.handler");
  f.Publish("import", "python3.12", "app.handler");
  InvokeResult r = f.Invoke("raise");
  REQUIRE(r.status.ok());
  CHECK(r.function_error == "Unhandled");
  CHECK(Member(r.payload, "errorType") == "ValueError");
  CHECK(Member(r.payload, "errorMessage") == "bad input");
  CHECK(Member(r.payload, "requestId") == r.request_id);
  CHECK(Member(r.payload, "stackTrace").find("raise ValueError") != std::string::npos);
  // The process survives a handled exception.
  InvokeResult r2 = f.Invoke("raise");
  CHECK(r2.function_error == "Unhandled");
  CHECK(f.lambda->process_count() == 1);

  r = f.Invoke("import");
  REQUIRE(r.status.ok());
  CHECK(r.function_error == "Unhandled");
  CHECK(Member(r.payload, "errorType") == "Runtime.ImportModuleError");
  CHECK(Member(r.payload, "errorMessage") == "Unable to import module 'app': No module named 'no_such_module_here'");
}

TEST_CASE("a timeout kills the process and answers AWS's error; the next invocation gets a fresh one") {
  Fixture f;
  REQUIRE(HasPython(f));
  f.code.Write("slow/app.py",
               "import os, time\n"
               "def handler(event, context):\n"
               "    if event.get('sleep'):\n"
               "        time.sleep(30)\n"
               "    return os.getpid()\n");
  f.Publish("slow", "python3.12", "app.handler", 1);
  InvokeResult warm = f.Invoke("slow");
  REQUIRE(warm.status.ok());
  auto start = std::chrono::steady_clock::now();
  InvokeResult r = f.Invoke("slow", "{\"sleep\":true}", true);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  REQUIRE(r.status.ok());
  CHECK(r.function_error == "Unhandled");
  CHECK(Member(r.payload, "errorType") == "Sandbox.Timedout");
  CHECK(Member(r.payload, "errorMessage") == "RequestId: " + r.request_id + " Error: Task timed out after 1.00 seconds");
  CHECK(seconds >= 0.9);
  CHECK(seconds < 5);
  CHECK(r.log_tail.find("Task timed out after 1.00 seconds") != std::string::npos);
  InvokeResult after = f.Invoke("slow");
  REQUIRE(after.status.ok());
  CHECK(after.function_error == "");
  CHECK(after.payload != warm.payload);  // another process
}

TEST_CASE("warm node invocations in a row: the timeout still comes on time, REPORT has the memory used") {
  Fixture f;
  REQUIRE(HasNode(f));
  f.code.Write("warm/index.js",
               "exports.handler = async (event) => {\n"
               "  if (event.sleep) await new Promise((r) => setTimeout(r, 30000));\n"
               "  if (event.fail) throw new Error('failed ' + event.n);\n"
               "  return { pid: process.pid, n: event.n, trace: process.env._X_AMZN_TRACE_ID };\n"
               "};\n");
  f.Publish("warm", "nodejs20.x", "index.handler", 1);
  std::string pid;
  std::set<std::string> traces;
  for (int i = 0; i < 30; ++i) {
    // Results and errors alternate: each is pipelined with the next /next.
    bool fail = i % 3 == 1;
    InvokeResult r = f.Invoke("warm", "{\"n\":" + std::to_string(i) + (fail ? ",\"fail\":true}" : "}"), i == 29);
    REQUIRE(r.status.ok());
    if (fail) {
      CHECK(r.function_error == "Unhandled");
      CHECK(Member(r.payload, "errorMessage") == "failed " + std::to_string(i));
      continue;
    }
    CHECK(r.function_error == "");
    CHECK(Member(r.payload, "n") == std::to_string(i));
    std::string trace = Member(r.payload, "trace");
    CHECK(std::regex_match(trace, std::regex("Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=0")));
    traces.insert(trace);
    if (pid.empty()) pid = Member(r.payload, "pid");
    CHECK(Member(r.payload, "pid") == pid);
    if (i == 29) {
      size_t at = r.log_tail.find("Max Memory Used: ");
      REQUIRE(at != std::string::npos);
      CHECK(std::atoi(r.log_tail.c_str() + at + 17) > 0);
    }
  }
  CHECK(traces.size() == 20);  // one per invocation
  CHECK(f.lambda->process_count() == 1);
  auto start = std::chrono::steady_clock::now();
  InvokeResult r = f.Invoke("warm", "{\"sleep\":true}");
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  REQUIRE(r.status.ok());
  CHECK(Member(r.payload, "errorType") == "Sandbox.Timedout");
  CHECK(seconds >= 0.9);
  CHECK(seconds < 5);
  InvokeResult after = f.Invoke("warm", "{\"n\":99}");
  REQUIRE(after.status.ok());
  CHECK(Member(after.payload, "n") == "99");
  CHECK(Member(after.payload, "pid") != pid);  // the timed-out process is gone
}

TEST_CASE("node: large events and results cross the Runtime API whole, with small ones between them") {
  Fixture f;
  REQUIRE(HasNode(f));
  f.code.Write("big/index.js",
               "exports.handler = async (event) => {\n"
               "  if (event.out) return 'y'.repeat(event.out) + '\u00e9';\n"
               "  return { n: event.s ? event.s.length : 0, tail: event.s ? event.s.slice(-3) : '' };\n"
               "};\n");
  f.Publish("big", "nodejs20.x", "index.handler");
  for (size_t size : {size_t(10), size_t(70000), size_t(3u << 20), size_t(5), size_t(1u << 20)}) {
    std::string s(size, 'x');
    s.replace(s.size() - 3, 3, "\u00e9ab");  // multi-byte UTF-8 at the end
    InvokeResult r = f.Invoke("big", "{\"s\":\"" + s + "\"}");
    REQUIRE(r.status.ok());
    CHECK(r.function_error == "");
    CHECK(Member(r.payload, "n") == std::to_string(size));  // "\u00e9" is one character (two bytes)
    CHECK(Member(r.payload, "tail") == "\u00e9ab");
  }
  InvokeResult r = f.Invoke("big", "{\"out\":2000000}");
  REQUIRE(r.status.ok());
  CHECK(r.payload.size() == 2000000 + 2 + 2);  // the quotes and the two bytes of the last character
  CHECK(r.payload.substr(r.payload.size() - 3) == "\u00e9\"");
  CHECK(f.lambda->process_count() == 1);
}

TEST_CASE("a queued invocation gives up after its max wait; one that waits less than that runs") {
  Fixture f(1);
  REQUIRE(HasNode(f));
  f.code.Write("busy/index.js",
               "exports.handler = async (event) => {\n"
               "  await new Promise((r) => setTimeout(r, event.ms || 0));\n"
               "  return event.n;\n"
               "};\n");
  f.Publish("busy", "nodejs20.x", "index.handler", 10);
  REQUIRE(f.Invoke("busy", "{\"n\":0}").payload == "0");  // warm
  auto invoke = [&f](std::string payload, int64_t max_wait_ms) {
    auto promise = std::make_shared<std::promise<InvokeResult>>();
    auto future = promise->get_future();
    InvokeRequest req;
    req.function = "busy";
    req.payload = std::move(payload);
    req.max_wait_ms = max_wait_ms;
    f.lambda->Invoke(std::move(req), [promise](InvokeResult r) { promise->set_value(std::move(r)); });
    return future;
  };
  auto start = std::chrono::steady_clock::now();
  auto seconds = [start] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(); };
  auto running = invoke("{\"n\":1,\"ms\":1500}", 0);
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  auto patient = invoke("{\"n\":2}", 8000);   // queued first, with the later deadline
  auto impatient = invoke("{\"n\":3}", 300);  // queued behind it, due first
  REQUIRE(impatient.wait_for(std::chrono::seconds(5)) == std::future_status::ready);
  double gave_up = seconds();
  InvokeResult r = impatient.get();
  REQUIRE(r.status.ok());
  CHECK(r.function_error == "Unhandled");
  CHECK(Member(r.payload, "errorType") == "Sandbox.Timedout");
  CHECK(gave_up >= 0.35);
  CHECK(gave_up < 1.4);  // before the running invocation ends
  REQUIRE(running.wait_for(std::chrono::seconds(10)) == std::future_status::ready);
  CHECK(running.get().payload == "1");
  REQUIRE(patient.wait_for(std::chrono::seconds(10)) == std::future_status::ready);
  InvokeResult p = patient.get();
  REQUIRE(p.status.ok());
  CHECK(p.payload == "2");
  CHECK(f.lambda->process_count() == 1);
}

TEST_CASE("a crashing handler gets Runtime.ExitError and the process is replaced") {
  Fixture f;
  REQUIRE(HasPython(f));
  f.code.Write("crash/app.py",
               "import os\n"
               "def handler(event, context):\n"
               "    if event.get('crash'):\n"
               "        os._exit(3)\n"
               "    return os.getpid()\n");
  f.Publish("crash", "python3.12", "app.handler");
  InvokeResult before = f.Invoke("crash");
  REQUIRE(before.status.ok());
  InvokeResult r = f.Invoke("crash", "{\"crash\":1}");
  REQUIRE(r.status.ok());
  CHECK(r.function_error == "Unhandled");
  CHECK(Member(r.payload, "errorType") == "Runtime.ExitError");
  CHECK(Member(r.payload, "errorMessage") ==
        "RequestId: " + r.request_id + " Error: Runtime exited with error: exit status 3");
  InvokeResult after = f.Invoke("crash");
  REQUIRE(after.status.ok());
  CHECK(after.function_error == "");
  CHECK(after.payload != before.payload);
}

TEST_CASE("a provided runtime runs the function's own bootstrap (shell + curl)") {
  Fixture f;
  f.code.Write("sh/bootstrap",
               "#!/bin/sh\n"
               "API=\"http://${AWS_LAMBDA_RUNTIME_API}/2018-06-01/runtime\"\n"
               "while true; do\n"
               "  HEADERS=$(mktemp)\n"
               "  EVENT=$(curl -sS -D \"$HEADERS\" \"$API/invocation/next\")\n"
               "  ID=$(grep -i Lambda-Runtime-Aws-Request-Id \"$HEADERS\" | tr -d '[:space:]' | cut -d: -f2)\n"
               "  echo \"handling $ID\"\n"
               "  curl -sS -o /dev/null -X POST \"$API/invocation/$ID/response\" -d \"{\\\"echo\\\":$EVENT,\\\"h\\\":\\\"$_HANDLER\\\"}\"\n"
               "  rm -f \"$HEADERS\"\n"
               "done\n",
               std::filesystem::perms(0755));
  f.code.Write("nobootstrap/readme.txt", "no bootstrap here\n");
  f.Publish("sh", "provided.al2023", "function.handler");
  f.Publish("nobootstrap", "provided.al2", "x");
  InvokeResult r = f.Invoke("sh", "{\"n\":5}", true);
  REQUIRE(r.status.ok());
  CHECK(r.function_error == "");
  CHECK(r.payload == "{\"echo\":{\"n\":5},\"h\":\"function.handler\"}");
  CHECK(r.log_tail.find("START RequestId: " + r.request_id + " Version: $LATEST\n") == 0);
  CHECK(r.log_tail.find("handling " + r.request_id + "\n") != std::string::npos);
  CHECK(r.log_tail.find("END RequestId: " + r.request_id + "\n") != std::string::npos);
  CHECK(r.log_tail.find("REPORT RequestId: " + r.request_id + "\tDuration: ") != std::string::npos);
  CHECK(r.log_tail.find("Init Duration: ") != std::string::npos);

  r = f.Invoke("nobootstrap");
  REQUIRE(r.status.ok());
  CHECK(r.function_error == "Unhandled");
  CHECK(Member(r.payload, "errorType") == "Runtime.InvalidEntrypoint");
  CHECK(Member(r.payload, "errorMessage").find("Couldn't find valid bootstrap(s): [") != std::string::npos);
}

TEST_CASE("a misbehaving runtime gets the Runtime API's errors and the invocation still completes") {
  Fixture f;
  // Posts to a wrong request id, then answers, then answers again; the
  // statuses it got come back in the next answer.
  f.code.Write("rude/bootstrap",
               "#!/bin/sh\n"
               "API=\"http://${AWS_LAMBDA_RUNTIME_API}/2018-06-01/runtime\"\n"
               "AGAIN=none\n"
               "while true; do\n"
               "  HEADERS=$(mktemp)\n"
               "  curl -sS -o /dev/null -D \"$HEADERS\" \"$API/invocation/next\"\n"
               "  ID=$(grep -i Lambda-Runtime-Aws-Request-Id \"$HEADERS\" | tr -d '[:space:]' | cut -d: -f2)\n"
               "  rm -f \"$HEADERS\"\n"
               "  WRONG=$(curl -sS -o /dev/null -w '%{http_code}' -X POST \"$API/invocation/not-$ID/response\" -d 1)\n"
               "  BAD=$(curl -sS -o /dev/null -w '%{http_code}' \"$API/invocation/$ID/nonsense\")\n"
               "  curl -sS -o /dev/null -X POST \"$API/invocation/$ID/response\" -d \"[$WRONG,$BAD,\\\"$AGAIN\\\"]\"\n"
               "  AGAIN=$(curl -sS -o /dev/null -w '%{http_code}' -X POST \"$API/invocation/$ID/response\" -d 2)\n"
               "done\n",
               std::filesystem::perms(0755));
  f.Publish("rude", "provided.al2023", "x.y");
  InvokeResult r = f.Invoke("rude");
  REQUIRE(r.status.ok());
  CHECK(r.function_error == "");
  CHECK(r.payload == "[400,404,\"none\"]");
  r = f.Invoke("rude");
  REQUIRE(r.status.ok());
  CHECK(r.payload == "[400,404,\"403\"]");  // answering twice is refused
  CHECK(f.lambda->process_count() == 1);
}

TEST_CASE("a bootstrap that exits at once fails the invocation with its exit status, and is retried") {
  Fixture f;
  f.code.Write("quits/bootstrap", "#!/bin/sh\necho 'no runtime here' >&2\nexit 5\n", std::filesystem::perms(0755));
  f.Publish("quits", "provided.al2", "x.y");
  for (int i = 0; i < 2; ++i) {
    InvokeResult r = f.Invoke("quits", "{}", true);
    REQUIRE(r.status.ok());
    CHECK(r.function_error == "Unhandled");
    CHECK(Member(r.payload, "errorType") == "Runtime.ExitError");
    CHECK(Member(r.payload, "errorMessage") ==
          "RequestId: " + r.request_id + " Error: Runtime exited with error: exit status 5");
    CHECK(r.log_tail.find("no runtime here") != std::string::npos);
  }
  CHECK(f.lambda->process_count() == 0);
}

TEST_CASE("concurrent invocations start more processes; past the limit they queue") {
  Fixture f(2);
  REQUIRE(HasPython(f));
  f.code.Write("par/app.py",
               "import os, time\n"
               "def handler(event, context):\n"
               "    time.sleep(0.5)\n"
               "    return os.getpid()\n");
  f.Publish("par", "python3.12", "app.handler", 10);
  std::vector<std::future<InvokeResult>> results;
  for (int i = 0; i < 4; ++i) results.push_back(std::async(std::launch::async, [&f] { return f.Invoke("par"); }));
  std::set<std::string> pids;
  for (auto& r : results) {
    InvokeResult res = r.get();
    REQUIRE(res.status.ok());
    CHECK(res.function_error == "");
    pids.insert(res.payload);
  }
  CHECK(pids.size() == 2);  // the limit, each process serving two
  CHECK(f.lambda->process_count() == 2);
}

TEST_CASE("invocations made from the loops are all answered, each with its own result") {
  // Callers on loop threads: processes prefer invocations from their own
  // connection's loop (loop affinity), which reorders the queue a little.
  Fixture f(3);
  REQUIRE(HasNode(f));
  f.code.Write("echo/index.js",
               "exports.handler = async (event) => {\n"
               "  if (event.n % 7 === 0) await new Promise((r) => setTimeout(r, 2));\n"
               "  return event.n;\n"
               "};\n");
  f.Publish("echo", "nodejs20.x", "index.handler", 10);
  REQUIRE(f.Invoke("echo", "{\"n\":1}").payload == "1");
  constexpr int kCalls = 300;
  std::vector<std::shared_ptr<std::promise<InvokeResult>>> promises;
  std::vector<std::future<InvokeResult>> futures;
  for (int i = 0; i < kCalls; ++i) {
    promises.push_back(std::make_shared<std::promise<InvokeResult>>());
    futures.push_back(promises.back()->get_future());
  }
  for (int i = 0; i < kCalls; ++i) {
    f.io.Post([&f, i, promise = promises[i]] {
      InvokeRequest req;
      req.function = "echo";
      req.payload = "{\"n\":" + std::to_string(i) + "}";
      f.lambda->Invoke(std::move(req), [promise](InvokeResult r) { promise->set_value(std::move(r)); });
    });
  }
  for (int i = 0; i < kCalls; ++i) {
    REQUIRE(futures[i].wait_for(std::chrono::seconds(30)) == std::future_status::ready);
    InvokeResult r = futures[i].get();
    REQUIRE(r.status.ok());
    CHECK(r.payload == std::to_string(i));
  }
  CHECK(f.lambda->process_count() <= 3);
}

TEST_CASE("an unknown function, a bad qualifier and a bad client context get AWS's errors") {
  Fixture f;
  InvokeResult r = f.Invoke("nope");
  CHECK(r.status.type() == "ResourceNotFoundException");
  CHECK(r.status.message() == "Function not found: arn:aws:lambda:us-east-1:000000000000:function:nope:$LATEST");
  f.code.Write("fn/app.py", "def handler(e, c):\n    return 1\n");
  f.Publish("fn", "python3.12", "app.handler");
  r = f.Invoke("fn:7");
  CHECK(r.status.type() == "ResourceNotFoundException");
  CHECK(r.status.message() == "Function not found: arn:aws:lambda:us-east-1:000000000000:function:fn:7");

  auto promise = std::make_shared<std::promise<InvokeResult>>();
  InvokeRequest req;
  req.function = "fn";
  req.client_context_base64 = "!!!";
  f.lambda->Invoke(req, [promise](InvokeResult res) { promise->set_value(std::move(res)); });
  r = promise->get_future().get();
  CHECK(r.status.type() == "InvalidParameterValueException");

  InvokeRequest dry;
  dry.function = "fn";
  dry.type = InvocationType::kDryRun;
  auto p2 = std::make_shared<std::promise<InvokeResult>>();
  f.lambda->Invoke(dry, [p2](InvokeResult res) { p2->set_value(std::move(res)); });
  r = p2->get_future().get();
  CHECK(r.status.ok());
  CHECK(r.status_code == 204);
  CHECK(f.lambda->process_count() == 0);  // a dry run starts nothing
}

TEST_CASE("hot reload: a changed file takes effect at the next invocation") {
  Fixture f;
  REQUIRE(HasNode(f));
  f.code.Write("hot/index.js", "exports.handler = async () => 'one';\n");
  f.Publish("hot", "nodejs20.x", "index.handler");
  InvokeResult r = f.Invoke("hot");
  REQUIRE(r.status.ok());
  CHECK(r.payload == "\"one\"");
  f.code.Write("hot/index.js", "exports.handler = async () => 'two';\n");
  // inotify events arrive asynchronously: poll briefly.
  std::string payload;
  for (int i = 0; i < 50 && payload != "\"two\""; ++i) {
    payload = f.Invoke("hot").payload;
    if (payload != "\"two\"") std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  CHECK(payload == "\"two\"");
}

}  // namespace apigw::lambda
