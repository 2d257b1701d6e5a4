// Test support for Lambda integrations and authorizers: a recording Invoker
// whose answers a test scripts (inline, from another thread, or never), and
// deployments with AWS_PROXY, AWS and authorizer-protected methods.
#pragma once

#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "base/json.h"
#include "lambda/invoker.h"
#include "test_support.h"

namespace apigw::dp::testing {

class FakeInvoker final : public lambda::Invoker {
 public:
  enum class Mode {
    kInline,  // answers inside Invoke (as the runner does for an unknown function)
    kThread,  // answers from another thread (as function processes do)
    kNever,   // keeps the callback: the caller's timeout must answer
  };
  using Handler = std::function<lambda::InvokeResult(const lambda::InvokeRequest&)>;

  explicit FakeInvoker(Handler handler = Ok("{}"), Mode mode = Mode::kThread)
      : handler_(std::move(handler)), mode_(mode) {}
  ~FakeInvoker() override {
    for (std::thread& t : threads_) t.join();
  }

  void Invoke(lambda::InvokeRequest request, lambda::InvokeDone done) override {
    lambda::InvokeResult result;
    Handler handler;
    {
      std::lock_guard<std::mutex> lock(mu_);
      requests_.push_back(request);
      handler = handler_;
    }
    result = handler(request);
    switch (mode_) {
      case Mode::kInline:
        done(std::move(result));
        break;
      case Mode::kThread: {
        std::lock_guard<std::mutex> lock(mu_);
        threads_.emplace_back([done = std::move(done), result = std::move(result)]() mutable { done(std::move(result)); });
        break;
      }
      case Mode::kNever: {
        std::lock_guard<std::mutex> lock(mu_);
        kept_.push_back(std::move(done));
        break;
      }
    }
  }

  void set_handler(Handler handler) {
    std::lock_guard<std::mutex> lock(mu_);
    handler_ = std::move(handler);
  }
  std::vector<lambda::InvokeRequest> requests() {
    std::lock_guard<std::mutex> lock(mu_);
    return requests_;
  }
  size_t calls() {
    std::lock_guard<std::mutex> lock(mu_);
    return requests_.size();
  }
  // The last event sent, parsed.
  JsonDoc LastEvent() {
    std::vector<lambda::InvokeRequest> all = requests();
    if (all.empty()) throw std::runtime_error("no invocation");
    StatusOr<JsonDoc> doc = ParseJson(all.back().payload);
    if (!doc.ok()) throw std::runtime_error("event is not JSON: " + all.back().payload);
    return std::move(doc).value();
  }

  static Handler Ok(std::string payload) {
    return [payload](const lambda::InvokeRequest&) {
      lambda::InvokeResult r;
      r.payload = payload;
      r.request_id = "lambda-request-1";
      r.executed_version = "$LATEST";
      return r;
    };
  }
  // A function error document, as runtimes post them.
  static Handler Fails(std::string message, std::string type = "Error") {
    return [message, type](const lambda::InvokeRequest&) {
      lambda::InvokeResult r;
      JsonDoc doc(rapidjson::kObjectType);
      SetString(doc, "errorMessage", message, doc.GetAllocator());
      SetString(doc, "errorType", type, doc.GetAllocator());
      r.payload = ToJson(doc);
      r.function_error = "Unhandled";
      r.request_id = "lambda-request-1";
      return r;
    };
  }

 private:
  std::mutex mu_;
  Handler handler_;
  const Mode mode_;
  std::vector<lambda::InvokeRequest> requests_;
  std::vector<std::thread> threads_;
  std::vector<lambda::InvokeDone> kept_;
};

inline std::string FunctionUri(std::string_view function = "arn:aws:lambda:us-east-1:000000000000:function:fn") {
  return "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/" + std::string(function) + "/invocations";
}

// One resource, one method, an AWS_PROXY integration to `function`.
// `method_extra` is spliced into the method (authorizationType, ...),
// `integration_extra` into the integration; `top_extra` after "resources".
inline std::string ProxyDeployment(std::string_view path = "/{proxy+}", std::string_view method = "ANY",
                                   std::string_view method_extra = R"("authorizationType": "NONE")",
                                   std::string_view integration_extra = "", std::string_view top_extra = "",
                                   std::string_view integration_method = "POST") {
  std::string s = R"({"restApi": {"id": "api1"}, "resources": [{"id": "r1", "path": ")" + std::string(path) +
                  R"(", "resourceMethods": {")" + std::string(method) + R"(": {"httpMethod": ")" +
                  std::string(method) + R"(", )" + std::string(method_extra) +
                  R"(, "methodIntegration": {"type": "AWS_PROXY", "httpMethod": ")" +
                  std::string(integration_method) + R"(", "uri": ")" + FunctionUri() + R"(")";
  if (!integration_extra.empty()) s += ", " + std::string(integration_extra);
  s += "}}}}]";
  if (!top_extra.empty()) s += ", " + std::string(top_extra);
  s += "}";
  return s;
}

}  // namespace apigw::dp::testing
