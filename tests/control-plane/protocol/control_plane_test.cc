// Tests of the ControlPlane dispatcher, called directly with requests and a
// capturing ResponseWriter (no sockets).
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <thread>

#include "control-plane/control_plane.h"
#include "control-plane/protocol/service_errors.h"
#include "test_support.h"

namespace apigw::cp {
namespace {

using testing::CapturingWriter;
using testing::Models;
using testing::Parse;
using testing::Request;
using testing::Sign;

// Every id is "id-<n>" so responses are predictable.
class CountingIds final : public IdSource {
 public:
  std::string LowerAlnum(size_t) override { return "x"; }
  std::string MixedAlnum(size_t) override { return "X"; }
  std::string Uuid() override { return "id-" + std::to_string(++n_); }

 private:
  std::atomic<int> n_{0};
};

struct Fixture {
  FakeClock clock;
  CountingIds ids;
  FILE* log_file = tmpfile();
  Logger log{LogLevel::kInfo, log_file};
  OperationTable table;

  ~Fixture() {
    if (log_file) fclose(log_file);
  }

  std::string LogText() {
    fflush(log_file);
    rewind(log_file);
    std::string out;
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, log_file)) > 0) out.append(buf, n);
    return out;
  }

  net::HttpResponse Call(ControlPlane& cp, net::HttpRequest request) {
    auto writer = std::make_shared<CapturingWriter>();
    cp.Handle(std::move(request), writer);
    std::optional<net::HttpResponse> r = writer->Wait();
    REQUIRE(r.has_value());
    CHECK(writer->sends() == 1);
    return *r;
  }
};

TEST_CASE("health answers 200 with status ok") {
  Fixture f;
  ControlPlane cp(Models(), f.table, f.log, f.clock, f.ids, {});
  net::HttpResponse r = f.Call(cp, Request("GET", "/_emulator/health"));
  CHECK(r.status == 200);
  JsonDoc body = Parse(r.body);
  CHECK(GetString(body, "status") == "ok");
  CHECK(GetString(*Member(body, "services"), "lambda") == "available");
  CHECK(r.headers.GetOr("x-amzn-RequestId", "") == "id-1");
}

TEST_CASE("a registered handler gets decoded input and a full context; its output is encoded") {
  Fixture f;
  CallContext seen;
  std::string input_json;
  f.table.Add("apigateway", "GetRestApi", [&](const CallContext& ctx, const JsonValue& input) -> OperationResult {
    seen = ctx;
    input_json = ToJson(input);
    JsonDoc out;
    out.SetObject();
    SetString(out, "id", *GetString(input, "restApiId"), out.GetAllocator());
    SetMember(out, "createdDate", JsonValue(1767225600), out.GetAllocator());
    return out;
  });
  ControlPlane cp(Models(), f.table, f.log, f.clock, f.ids, {"eu-central-1", "123456789012"});
  net::HttpRequest req = Request("GET", "/restapis/abc%20d");
  Sign(req, "apigateway", "ap-southeast-2");
  net::HttpResponse r = f.Call(cp, std::move(req));
  CHECK(r.status == 200);
  CHECK(r.body == R"({"id":"abc d","createdDate":1767225600})");
  CHECK(input_json == R"({"restApiId":"abc d"})");
  CHECK(seen.service == "apigateway");
  CHECK(seen.operation == "GetRestApi");
  CHECK(seen.region == "ap-southeast-2");
  CHECK(seen.account_id == "123456789012");
  CHECK(seen.request_id == "id-1");
  CHECK(r.headers.GetOr("x-amzn-RequestId", "") == "id-1");
  CHECK(seen.now_ms == f.clock.NowEpochMillis());
  CHECK(seen.model == Models().Get("apigateway"));
  // One log line: method, path, operation, status, latency, request id.
  std::string log = f.LogText();
  CHECK(log.find("GET /restapis/abc%20d apigateway.GetRestApi 200 ") != std::string::npos);
  CHECK(log.find("ms id-1") != std::string::npos);
}

TEST_CASE("unsigned requests use the default region; services are told apart by path") {
  Fixture f;
  std::string region, service;
  SyncHandler record = [&](const CallContext& ctx, const JsonValue&) -> OperationResult {
    region = ctx.region;
    service = ctx.service;
    JsonDoc out;
    out.SetObject();
    return out;
  };
  f.table.Add("lambda", "ListFunctions", record);
  f.table.Add("apigatewayv2", "GetApis", record);
  ControlPlane cp(Models(), f.table, f.log, f.clock, f.ids, {"eu-west-3", "000000000000"});
  CHECK(f.Call(cp, Request("GET", "/2015-03-31/functions")).status == 200);
  CHECK(region == "eu-west-3");
  CHECK(service == "lambda");
  net::HttpRequest v2 = Request("GET", "/v2/apis");
  Sign(v2, "apigateway", "us-west-2");
  CHECK(f.Call(cp, std::move(v2)).status == 200);
  CHECK(service == "apigatewayv2");
  CHECK(region == "us-west-2");
}

TEST_CASE("unknown operations, unserved services and unregistered handlers") {
  Fixture f;
  ControlPlane cp(Models(), f.table, f.log, f.clock, f.ids, {});
  net::HttpResponse r = f.Call(cp, Request("GET", "/no/such/thing"));
  CHECK(r.status == 404);
  CHECK(r.headers.GetOr("x-amzn-ErrorType", "") == "UnknownOperationException");
  CHECK(r.headers.Has("x-amzn-RequestId"));
  CHECK(GetString(Parse(r.body), "message").has_value());

  r = f.Call(cp, Request("DELETE", "/restapis"));
  CHECK(r.status == 404);

  // The management API is not served on this listener.
  r = f.Call(cp, Request("POST", "/@connections/abc", "hi"));
  CHECK(r.status == 404);
  CHECK(r.headers.GetOr("x-amzn-ErrorType", "") == "UnknownOperationException");

  r = f.Call(cp, Request("POST", "/vpclinks", R"({"name":"n","targetArns":["a"]})"));
  CHECK(r.status == 501);
  CHECK(r.headers.GetOr("x-amzn-ErrorType", "") == "NotImplemented");
  CHECK(GetString(Parse(r.body), "message") == "The API operation CreateVpcLink is not implemented by apigw-emulator yet");
}

TEST_CASE("decode and validation errors never reach the handler") {
  Fixture f;
  int calls = 0;
  f.table.Add("apigateway", "CreateRestApi", [&](const CallContext&, const JsonValue&) -> OperationResult {
    ++calls;
    return Status::Internal("unreachable");
  });
  f.table.Add("lambda", "CreateFunction", [&](const CallContext&, const JsonValue&) -> OperationResult {
    ++calls;
    return Status::Internal("unreachable");
  });
  ControlPlane cp(Models(), f.table, f.log, f.clock, f.ids, {});
  net::HttpResponse r = f.Call(cp, Request("POST", "/restapis", "{\"name\":"));
  CHECK(r.status == 400);
  CHECK(r.headers.GetOr("x-amzn-ErrorType", "") == "SerializationException");
  r = f.Call(cp, Request("POST", "/restapis", "{}"));
  CHECK(r.status == 400);
  CHECK(r.headers.GetOr("x-amzn-ErrorType", "") == "ValidationException");
  CHECK(r.body ==
        R"({"message":"1 validation error detected: Value null at 'createRestApiInput.name' failed to satisfy constraint: Member must not be null"})");
  r = f.Call(cp, Request("POST", "/2015-03-31/functions", "{}"));
  CHECK(r.status == 400);
  CHECK(r.headers.GetOr("x-amzn-ErrorType", "") == "ValidationException");
  CHECK(GetString(Parse(r.body), "message").value_or("").find("validation error") != std::string::npos);
  CHECK(calls == 0);
}

TEST_CASE("handler errors: the model's status code and body shape; exceptions become 500") {
  Fixture f;
  f.table.Add("lambda", "GetFunction", [&](const CallContext& ctx, const JsonValue& in) -> OperationResult {
    return ModelError(ctx, "ResourceNotFoundException", "Function not found: " + *GetString(in, "FunctionName"));
  });
  f.table.Add("apigateway", "GetRestApi", [&](const CallContext&, const JsonValue&) -> OperationResult {
    return Status(400, "NotFoundException", "wrong code on purpose");
  });
  f.table.Add("apigateway", "DeleteRestApi", [&](const CallContext&, const JsonValue&) -> OperationResult {
    throw std::runtime_error("bug");
  });
  ControlPlane cp(Models(), f.table, f.log, f.clock, f.ids, {});
  net::HttpResponse r = f.Call(cp, Request("GET", "/2015-03-31/functions/f1"));
  CHECK(r.status == 404);
  CHECK(r.body == R"({"Type":"User","Message":"Function not found: f1"})");
  r = f.Call(cp, Request("GET", "/restapis/x"));
  CHECK(r.status == 404);
  r = f.Call(cp, Request("DELETE", "/restapis/x"));
  CHECK(r.status == 500);
  CHECK(r.headers.GetOr("x-amzn-ErrorType", "") == "InternalFailure");
  CHECK(f.LogText().find("DeleteRestApi threw: bug") != std::string::npos);
}

TEST_CASE("no-output operations answer the model's code with an empty body") {
  Fixture f;
  f.table.Add("apigateway", "DeleteRestApi", [](const CallContext&, const JsonValue&) -> OperationResult {
    JsonDoc out;
    out.SetObject();
    return out;
  });
  ControlPlane cp(Models(), f.table, f.log, f.clock, f.ids, {});
  net::HttpResponse r = f.Call(cp, Request("DELETE", "/restapis/x"));
  CHECK(r.status == 202);
  CHECK(r.body.empty());
}

TEST_CASE("async handlers answer later, from another thread, and keep the request alive") {
  Fixture f;
  std::thread worker;
  f.table.AddAsync("lambda", "Invoke", [&](const CallContext& ctx, JsonDoc input, OperationDone done) {
    const net::HttpRequest* http = ctx.http;
    std::string fn = *GetString(input, "FunctionName");
    worker = std::thread([http, fn, done = std::move(done)] {
      JsonDoc out;
      out.SetObject();
      SetMember(out, "StatusCode", JsonValue(200), out.GetAllocator());
      // ctx.http stays valid until done has run.
      SetString(out, "Payload", fn + ":" + http->body, out.GetAllocator());
      done(std::move(out));
    });
  });
  ControlPlane cp(Models(), f.table, f.log, f.clock, f.ids, {});
  auto writer = std::make_shared<CapturingWriter>();
  cp.Handle(Request("POST", "/2015-03-31/functions/fn/invocations", "{\"k\":1}"), writer);
  std::optional<net::HttpResponse> r = writer->Wait();
  worker.join();
  REQUIRE(r);
  CHECK(r->status == 200);
  CHECK(r->body == "fn:{\"k\":1}");
  CHECK(writer->sends() == 1);
}

TEST_CASE("GET handlers share the lock; other methods hold it alone") {
  Fixture f;
  std::atomic<int> readers{0}, max_readers{0}, writers{0};
  std::atomic<bool> overlap{false};
  auto wait_for = [](const std::function<bool()>& cond) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(2);
    while (!cond() && std::chrono::steady_clock::now() < deadline) std::this_thread::yield();
    return cond();
  };
  f.table.Add("apigateway", "GetRestApis", [&](const CallContext&, const JsonValue&) -> OperationResult {
    if (writers.load()) overlap = true;
    int now = ++readers;
    max_readers = std::max(max_readers.load(), now);
    // Hold the shared lock until a second reader is inside too (or time out).
    wait_for([&] { return max_readers.load() >= 2; });
    --readers;
    JsonDoc out;
    out.SetObject();
    return out;
  });
  f.table.Add("apigateway", "CreateRestApi", [&](const CallContext&, const JsonValue&) -> OperationResult {
    if (readers.load() || writers.load()) overlap = true;
    ++writers;
    for (int i = 0; i < 2000; ++i) std::this_thread::yield();  // widen the window a racing reader would hit
    --writers;
    JsonDoc out;
    out.SetObject();
    return out;
  });
  ControlPlane cp(Models(), f.table, f.log, f.clock, f.ids, {});
  std::vector<std::thread> threads;
  for (int i = 0; i < 2; ++i)
    threads.emplace_back([&] { f.Call(cp, Request("GET", "/restapis")); });
  for (std::thread& t : threads) t.join();
  CHECK(max_readers.load() == 2);  // both readers were inside at once

  threads.clear();
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&] { f.Call(cp, Request("POST", "/restapis", R"({"name":"n"})")); });
    threads.emplace_back([&] {
      // Readers here do not wait for a second reader.
      max_readers = 2;
      f.Call(cp, Request("GET", "/restapis"));
    });
  }
  for (std::thread& t : threads) t.join();
  CHECK(!overlap.load());
}

}  // namespace
}  // namespace apigw::cp

namespace apigw::cp {
namespace {

// Not a benchmark harness: a guard against pathological per-request costs,
// with the figures printed for the record.
TEST_CASE("dispatch cost per request stays small") {
  Fixture f;
  Logger quiet(LogLevel::kWarn, f.log_file);
  SyncHandler empty = [](const CallContext&, const JsonValue&) -> OperationResult {
    JsonDoc out;
    out.SetObject();
    SetString(out, "id", "abc", out.GetAllocator());
    return out;
  };
  f.table.Add("apigateway", "GetRestApi", empty);
  f.table.Add("apigateway", "CreateRestApi", empty);
  f.table.Add("lambda", "GetFunction", empty);
  ControlPlane cp(Models(), f.table, quiet, f.clock, f.ids, {});
  struct Case {
    const char* name;
    const char* method;
    const char* target;
    const char* body;
  } cases[] = {{"apigateway GetRestApi", "GET", "/restapis/abc123", ""},
               {"apigateway CreateRestApi", "POST", "/restapis",
                R"({"name":"n","description":"d","binaryMediaTypes":["image/png"],"endpointConfiguration":{"types":["REGIONAL"]},"tags":{"a":"b"}})"},
               {"lambda GetFunction (regex)", "GET", "/2015-03-31/functions/my-function", ""}};
  for (const Case& c : cases) {
    f.Call(cp, Request(c.method, c.target, c.body));  // first use parses the model
    const int n = 2000;
    auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < n; ++i) {
      auto writer = std::make_shared<CapturingWriter>();
      cp.Handle(Request(c.method, c.target, c.body), writer);
      REQUIRE(writer->sends() == 1);
    }
    double us = std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count() / n;
    MESSAGE(std::string(c.name) << ": " << us << " us per request");
    CHECK(us < 1000);
  }
}

}  // namespace
}  // namespace apigw::cp
