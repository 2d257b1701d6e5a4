// RestTestClient: the real ControlPlane dispatcher over an in-memory store
// with the REST API handlers of this folder registered, driven with requests
// shaped as boto3 sends them (SigV4 scope for apigateway in us-east-1, JSON
// bodies, percent-encoded paths). Ids come from a counter, so tests can
// predict them; the clock is fake; the stage sink records what it is told.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "base/clock.h"
#include "base/ids.h"
#include "base/json.h"
#include "base/log.h"
#include "control-plane/apigateway/apigateway_service.h"
#include "control-plane/apigateway/handlers.h"
#include "control-plane/control_plane.h"
#include "control-plane/protocol/service_models.h"
#include "state/store.h"

namespace apigw::testing {

// Ids "<first letter of the length's series><counter>", padded: predictable
// and still [a-z0-9]. LowerAlnum(10) gives "a000000001", "a000000002", ...;
// LowerAlnum(6) gives "b00001", ...
class CountingIds final : public IdSource {
 public:
  std::string LowerAlnum(size_t length) override { return Next(length == 10 ? 'a' : 'b', length); }
  std::string MixedAlnum(size_t length) override { return Next('m', length); }
  std::string Uuid() override {
    std::string n = std::to_string(++counter_);
    return "00000000-0000-4000-8000-" + std::string(12 - n.size(), '0') + n;
  }

 private:
  std::string Next(char series, size_t length) {
    std::string n = std::to_string(++counter_);
    if (length <= n.size() + 1) return std::string(1, series) + n;
    return std::string(1, series) + std::string(length - 1 - n.size(), '0') + n;
  }
  int counter_ = 0;
};

class RecordingSink final : public StageSink {
 public:
  void Publish(PublishedStage stage) override { published.push_back(stage.api_id + "/" + stage.stage_name); }
  void Unpublish(const std::string& api_id, const std::string& stage_name) override {
    unpublished.push_back(api_id + "/" + stage_name);
  }
  void UnpublishApi(const std::string& api_id) override { unpublished_apis.push_back(api_id); }
  void FlushAuthorizers(const std::string& api_id, const std::string& stage_name) override {
    flushed.push_back(api_id + "/" + stage_name);
  }
  std::vector<std::string> published, unpublished, unpublished_apis, flushed;
};

class CaptureWriter final : public net::ResponseWriter {
 public:
  void Send(net::HttpResponse r) override {
    response = std::move(r);
    sent = true;
  }
  bool Connected() const override { return true; }
  net::HttpResponse response;
  bool sent = false;
};

struct Reply {
  int status = 0;
  std::string error_type;  // x-amzn-ErrorType, "" on success
  std::string message;     // the error's message
  std::string body;
  JsonDoc json;            // the parsed body (null when empty or not JSON)

  std::string Str(const char* member) const { return GetString(json, member).value_or("<absent>"); }
  bool Has(const char* member) const { return Member(json, member) != nullptr; }
  // The body member as compact JSON ("<absent>" when missing).
  std::string Json(const char* member) const {
    const JsonValue* v = Member(json, member);
    return v ? ToJson(*v) : "<absent>";
  }
};

class RestTestClient {
 public:
  RestTestClient() {
    state::StoreOptions store_options;
    store_options.in_memory = true;
    auto store = state::Store::Open(store_options, log_);
    store_ = std::move(store).value();
    deps_ = std::make_unique<cp::apigateway::ApigatewayDeps>(
        cp::apigateway::ApigatewayDeps{*store_, sink_, ids_, log_, "111111111111"});
    using namespace cp::apigateway;
    RegisterRestApis(table_, *deps_);
    RegisterResources(table_, *deps_);
    RegisterMethods(table_, *deps_);
    RegisterMethodResponses(table_, *deps_);
    RegisterIntegrations(table_, *deps_);
    RegisterIntegrationResponses(table_, *deps_);
    RegisterModels(table_, *deps_);
    models_ = cp::ServiceModels::Embedded();
    cp::ControlPlaneOptions options;
    options.account_id = "111111111111";
    control_ = std::make_unique<cp::ControlPlane>(*models_, table_, log_, clock_, request_ids_, options);
  }

  // One request, answered synchronously. `target` is the path (and query) as
  // boto3 encodes it; `region` goes into the SigV4 credential scope.
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
    if (const std::string* type = writer->response.headers.Get("x-amzn-ErrorType")) r.error_type = *type;
    if (!r.body.empty()) {
      auto parsed = ParseJson(r.body);
      if (parsed.ok()) r.json = std::move(parsed).value();
    }
    if (!r.error_type.empty()) r.message = GetString(r.json, "message").value_or("");
    return r;
  }

  // A new REST API named `name`; returns {id, rootResourceId}.
  std::pair<std::string, std::string> CreateApi(const std::string& name = "api") {
    Reply r = Call("POST", "/restapis", "{\"name\":\"" + name + "\"}");
    return {r.Str("id"), r.Str("rootResourceId")};
  }
  // A child resource of `parent`; returns its id.
  std::string CreateResource(const std::string& api, const std::string& parent, const std::string& part) {
    return Call("POST", "/restapis/" + api + "/resources/" + parent, "{\"pathPart\":\"" + part + "\"}").Str("id");
  }
  Reply PutMethod(const std::string& api, const std::string& resource, const std::string& method,
                  const std::string& body = "{\"authorizationType\":\"NONE\"}") {
    return Call("PUT", "/restapis/" + api + "/resources/" + resource + "/methods/" + method, body);
  }
  std::string MethodPath(const std::string& api, const std::string& resource, const std::string& method) const {
    return "/restapis/" + api + "/resources/" + resource + "/methods/" + method;
  }

  state::Store& store() { return *store_; }
  RecordingSink& sink() { return sink_; }
  FakeClock& clock() { return clock_; }

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
