// Test support for the data plane: a DataPlane on fakes, deployments written
// by hand in AWS's shapes, and requests answered into a capturing writer.
#pragma once

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "base/clock.h"
#include "base/ids.h"
#include "base/json.h"
#include "base/log.h"
#include "data-plane/data_plane.h"
#include "net/http_client.h"
#include "net/io_pool.h"

namespace apigw::dp::testing {

// Keeps the one response a request gets; waits for it when it comes later.
class CapturingWriter : public net::ResponseWriter {
 public:
  void Send(net::HttpResponse response) override {
    std::lock_guard<std::mutex> lock(mu_);
    ++sends_;
    response_ = std::move(response);
    cv_.notify_all();
  }
  bool Connected() const override { return true; }

  // The response, waiting up to `timeout` for it; nullopt if none came.
  std::optional<net::HttpResponse> Wait(std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait_for(lock, timeout, [&] { return response_.has_value(); });
    return response_;
  }
  int sends() const {
    std::lock_guard<std::mutex> lock(mu_);
    return sends_;
  }

 private:
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::optional<net::HttpResponse> response_;
  int sends_ = 0;
};

inline std::shared_ptr<const JsonDoc> Doc(std::string_view json) {
  StatusOr<JsonDoc> doc = ParseJson(json);
  if (!doc.ok()) throw std::runtime_error("bad test JSON: " + doc.status().message());
  return std::make_shared<const JsonDoc>(std::move(doc).value());
}

inline net::HttpRequest Request(std::string method, std::string target, std::string body = {}) {
  net::HttpRequest r;
  r.method = std::move(method);
  r.target = target;
  size_t q = target.find('?');
  r.path = target.substr(0, q);
  r.query = q == std::string::npos ? "" : target.substr(q + 1);
  r.headers.Add("Host", "localhost:4567");
  r.body = std::move(body);
  r.remote_ip = "127.0.0.1";
  return r;
}

// A DataPlane on a fake clock and seeded ids, its loops running (HTTP
// integrations need them; MOCK answers inline).
class Harness {
 public:
  // `log_out`: where warnings go (a tmpfile() to read them back); none by default.
  explicit Harness(DataPlaneOptions options = {}, FILE* log_out = nullptr)
      : log_(log_out ? LogLevel::kWarn : LogLevel::kOff, log_out ? log_out : stderr), pool_(1), client_(pool_, net::HttpClientOptions{}, log_), ids_(42),
        plane_(pool_, client_, log_, clock_, ids_, std::move(options)) {
    pool_.Start();
  }
  ~Harness() { pool_.Stop(); }

  void Publish(std::string_view deployment_json, std::string_view stage_json = R"({"stageName":"dev"})",
               std::string api_id = "api1", std::string stage = "dev") {
    PublishedStage s;
    s.api_id = std::move(api_id);
    s.stage_name = std::move(stage);
    s.region = "us-east-1";
    s.account_id = "000000000000";
    s.deployment = Doc(deployment_json);
    s.stage = Doc(stage_json);
    plane_.sink().Publish(std::move(s));
  }

  net::HttpResponse Call(net::HttpRequest request) {
    auto writer = std::make_shared<CapturingWriter>();
    plane_.handler()(std::move(request), writer);
    std::optional<net::HttpResponse> r = writer->Wait();
    if (!r) throw std::runtime_error("no response");
    return *r;
  }
  net::HttpResponse Call(std::string method, std::string target, std::string body = {}) {
    return Call(Request(std::move(method), std::move(target), std::move(body)));
  }

  DataPlane& plane() { return plane_; }
  Logger& log() { return log_; }
  FakeClock& clock() { return clock_; }

 private:
  Logger log_;
  net::IoPool pool_;
  net::HttpClient client_;
  FakeClock clock_;
  RandomIdSource ids_;
  DataPlane plane_;
};

// One resource with one MOCK method, in GetResource?embed=methods shape.
inline std::string MockResource(std::string_view id, std::string_view path, std::string_view method,
                                std::string_view integration_extra = "",
                                std::string_view responses = R"({"200":{"statusCode":"200"}})") {
  std::string s = R"({"id":")" + std::string(id) + R"(","path":")" + std::string(path) +
                  R"(","resourceMethods":{")" + std::string(method) +
                  R"(":{"httpMethod":")" + std::string(method) +
                  R"(","authorizationType":"NONE","methodIntegration":{"type":"MOCK",)" +
                  R"("requestTemplates":{"application/json":"{\"statusCode\": 200}"},)";
  if (!integration_extra.empty()) s += std::string(integration_extra) + ",";
  s += R"("integrationResponses":)" + std::string(responses) + "}}}}";
  return s;
}

}  // namespace apigw::dp::testing
