// Helpers for the protocol tests: the embedded models, request building and a
// ResponseWriter that captures what the dispatcher sends.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "base/json.h"
#include "control-plane/protocol/service_models.h"
#include "net/http_server.h"

namespace apigw::cp::testing {

// One parsed copy of the embedded models for the whole test binary.
inline const ServiceModels& Models() {
  static const std::unique_ptr<ServiceModels> models = ServiceModels::Embedded();
  return *models;
}

inline const ServiceModel& Model(const std::string& service) { return *Models().Get(service); }

inline const Operation& Op(const std::string& service, const std::string& operation) {
  return *Model(service).FindOperation(operation);
}

// "GET", "/restapis?limit=2" -> a request as the server would hand it over.
inline net::HttpRequest Request(std::string method, const std::string& target, std::string body = "") {
  net::HttpRequest r;
  r.method = std::move(method);
  r.target = target;
  size_t q = target.find('?');
  r.path = target.substr(0, q);
  r.query = q == std::string::npos ? "" : target.substr(q + 1);
  r.body = std::move(body);
  return r;
}

inline void Sign(net::HttpRequest& r, const std::string& service, const std::string& region = "us-east-1") {
  r.headers.Set("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/" + region + "/" + service +
                                     "/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc");
}

class CapturingWriter : public net::ResponseWriter {
 public:
  void Send(net::HttpResponse response) override {
    std::lock_guard<std::mutex> lock(mu_);
    ++sends_;
    response_ = std::move(response);
    cv_.notify_all();
  }
  bool Connected() const override { return true; }

  // Waits (bounded) for the response; nullopt if none came.
  std::optional<net::HttpResponse> Wait(int timeout_ms = 5000) {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait_for(lock, std::chrono::milliseconds(timeout_ms), [this] { return response_.has_value(); });
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

inline JsonDoc Parse(const std::string& text) {
  StatusOr<JsonDoc> d = ParseJson(text);
  return d.ok() ? std::move(d).value() : JsonDoc();
}

}  // namespace apigw::cp::testing
