// ServiceClient: every implemented apigateway operation (RegisterApigateway)
// behind the real ControlPlane dispatcher, over an in-memory store, driven as
// boto3 would; ids from a counter, a fake clock and a recording sink, as in
// RestTestClient (whose helpers it reuses).
#pragma once

#include <memory>
#include <string>
#include <utility>

#include "control-plane/apigateway/rest_test_client.h"

namespace apigw::testing {

class ServiceClient {
 public:
  explicit ServiceClient(const std::string& account_id = "111111111111") {
    state::StoreOptions store_options;
    store_options.in_memory = true;
    store_ = std::move(state::Store::Open(store_options, log_)).value();
    deps_ = std::make_unique<cp::apigateway::ApigatewayDeps>(
        cp::apigateway::ApigatewayDeps{*store_, sink_, ids_, log_, account_id});
    cp::apigateway::RegisterApigateway(table_, *deps_);
    models_ = cp::ServiceModels::Embedded();
    cp::ControlPlaneOptions options;
    options.account_id = account_id;
    control_ = std::make_unique<cp::ControlPlane>(*models_, table_, log_, clock_, request_ids_, options);
  }

  // One request, answered synchronously; `target` is the path (and query) as
  // boto3 encodes it, `region` goes into the SigV4 credential scope.
  Reply Call(const std::string& method, const std::string& target, const std::string& body = "",
             const std::string& region = "us-east-1") {
    net::HttpRequest req;
    req.method = method;
    req.target = target;
    size_t q = target.find('?');
    req.path = target.substr(0, q);
    req.query = q == std::string::npos ? "" : target.substr(q + 1);
    req.headers.Add("Host", "localhost:4566");
    req.headers.Add("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/" + region +
                                         "/apigateway/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc");
    if (!body.empty()) req.headers.Add("Content-Type", "application/json");
    req.body = body;
    auto writer = std::make_shared<CaptureWriter>();
    control_->Handle(std::move(req), writer);
    Reply r;
    if (!writer->sent) return r;
    r.status = writer->response.status;
    r.body = writer->response.body;
    if (const std::string* type = writer->response.headers.Get("x-amzn-ErrorType"))
      r.error_type = type->substr(0, type->find(':'));
    if (!r.body.empty()) {
      auto parsed = ParseJson(r.body);
      if (parsed.ok()) r.json = std::move(parsed).value();
    }
    if (!r.error_type.empty()) r.message = GetString(r.json, "message").value_or("");
    return r;
  }

  // A new REST API; returns {id, rootResourceId}.
  std::pair<std::string, std::string> CreateApi(const std::string& name = "api") {
    Reply r = Call("POST", "/restapis", "{\"name\":\"" + name + "\"}");
    return {r.Str("id"), r.Str("rootResourceId")};
  }

  state::Store& store() { return *store_; }
  RecordingSink& sink() { return sink_; }

 private:
  Logger log_{LogLevel::kOff};
  FakeClock clock_{1700000000123};
  CountingIds ids_;
  RandomIdSource request_ids_{7};
  RecordingSink sink_;
  std::unique_ptr<state::Store> store_;
  std::unique_ptr<cp::apigateway::ApigatewayDeps> deps_;
  cp::OperationTable table_;
  std::unique_ptr<cp::ServiceModels> models_;
  std::unique_ptr<cp::ControlPlane> control_;
};

}  // namespace apigw::testing
