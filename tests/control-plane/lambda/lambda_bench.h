// The test bench of the lambda handlers: the real dispatcher over an in-memory
// store, a fake clock, and a fake runner that records what it is told
// (published snapshots, removals, installed packages) and answers Invoke with
// a result the test sets.
#pragma once

#include <doctest/doctest.h>

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "base/base64.h"
#include "base/clock.h"
#include "base/ids.h"
#include "base/log.h"
#include "control-plane/control_plane.h"
#include "control-plane/lambda/lambda_service.h"
#include "lambda/code_archive.h"
#include "state/store.h"
#include "tests/control-plane/protocol/test_support.h"

namespace apigw::cp::lambda::testing {

namespace lam = apigw::lambda;

class FakeRunner : public lam::FunctionHost, public lam::Invoker {
 public:
  StatusOr<lam::CodeInfo> InstallZip(std::string_view zip) override {
    if (zip.rfind("PK", 0) != 0)
      return Status(400, "InvalidParameterValueException",
                    "Could not unzip uploaded file. Please check your file, then try to upload again.");
    lam::CodeInfo info{lam::Sha256Base64(zip), int64_t(zip.size())};
    installed[info.sha256_base64] = std::string(zip);
    return info;
  }
  bool HasCode(std::string_view sha) override { return installed.count(std::string(sha)) > 0; }
  void Publish(lam::FunctionSnapshot snapshot) override { published.push_back(std::move(snapshot)); }
  void Remove(std::string_view region, std::string_view name) override {
    removed.emplace_back(std::string(region), std::string(name));
  }
  void Invoke(lam::InvokeRequest request, lam::InvokeDone done) override {
    requests.push_back(request);
    done(next_result);
  }

  const lam::FunctionSnapshot* Last(const std::string& name) const {
    for (auto it = published.rbegin(); it != published.rend(); ++it)
      if (it->name == name) return &*it;
    return nullptr;
  }

  std::map<std::string, std::string> installed;  // CodeSha256 -> zip
  std::vector<lam::FunctionSnapshot> published;
  std::vector<std::pair<std::string, std::string>> removed;
  std::vector<lam::InvokeRequest> requests;
  lam::InvokeResult next_result;
};

struct Reply {
  int status = 0;
  std::string error_type;
  std::string body;
  net::Headers headers;
  JsonDoc json;
  std::string message() const {
    if (auto m = GetString(json, "Message")) return *m;
    return GetString(json, "message").value_or("");
  }
};

class LambdaBench {
 public:
  LambdaBench() : log_(LogLevel::kOff) {
    auto store = state::Store::Open({.in_memory = true}, log_);
    store_ = std::move(store).value();
    MakeDispatcher(runner);
  }

  // A new dispatcher and runner over the same store (an emulator restart).
  void Restart(FakeRunner& fresh) {
    control_.reset();
    table_ = OperationTable();
    MakeDispatcher(fresh);
    REQUIRE(PublishAllFunctions(*deps_).ok());
  }

  Reply Call(const std::string& method, const std::string& target, const std::string& body = "",
             const std::string& region = "us-east-1", const net::Headers& extra = {}) {
    net::HttpRequest request = cp::testing::Request(method, target, body);
    cp::testing::Sign(request, "lambda", region);
    if (!body.empty()) request.headers.Set("Content-Type", "application/json");
    for (const auto& [k, v] : extra) request.headers.Set(k, v);
    auto writer = std::make_shared<cp::testing::CapturingWriter>();
    control_->Handle(std::move(request), writer);
    Reply reply;
    std::optional<net::HttpResponse> response = writer->Wait();
    if (!response) return reply;
    reply.status = response->status;
    reply.error_type = response->headers.GetOr("x-amzn-ErrorType", "");
    reply.body = response->body;
    reply.headers = response->headers;
    reply.json = cp::testing::Parse(response->body.empty() ? "{}" : response->body);
    return reply;
  }

  // CreateFunction with a python runtime and a (fake) zip; extra members are JSON appended.
  Reply Create(const std::string& name, const std::string& extra = "", const std::string& zip = "PK-zip-1") {
    return Call("POST", "/2015-03-31/functions",
                R"({"FunctionName":")" + name +
                    R"(","Runtime":"python3.12","Handler":"app.handler","Role":"arn:aws:iam::000000000000:role/r",)"
                    R"("Code":{"ZipFile":")" +
                    Base64Encode(zip) + "\"}" + extra + "}");
  }

  state::Store& store() { return *store_; }

  FakeRunner runner;
  FakeClock clock{1704067200000};
  RandomIdSource ids{42};

 private:
  void MakeDispatcher(FakeRunner& r) {
    deps_ = std::make_unique<LambdaDeps>(LambdaDeps{*store_, r, r, ids, log_});
    RegisterLambda(table_, *deps_);
    ControlPlaneOptions options;
    options.services = {"lambda"};
    control_ = std::make_unique<ControlPlane>(cp::testing::Models(), table_, log_, clock, ids, options);
  }

  Logger log_;
  std::unique_ptr<state::Store> store_;
  std::unique_ptr<LambdaDeps> deps_;
  OperationTable table_;
  std::unique_ptr<ControlPlane> control_;
};

}  // namespace apigw::cp::lambda::testing
