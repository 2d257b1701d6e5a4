// The test bench of the deployment, stage, tag and account handlers: the real
// dispatcher over an in-memory store, pinned ids, a fake clock and a sink that
// records what the data plane is told. APIs are seeded straight into the
// store, so these tests need none of the other families' handlers.
#pragma once

#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "base/clock.h"
#include "base/ids.h"
#include "base/log.h"
#include "control-plane/apigateway/handlers.h"
#include "control-plane/apigateway/rest_records.h"
#include "control-plane/control_plane.h"
#include "state/store.h"
#include "tests/control-plane/protocol/test_support.h"

namespace apigw::cp::apigateway::testing {

// Remembers every call the control plane makes to the data plane.
class RecordingSink : public StageSink {
 public:
  void Publish(PublishedStage stage) override { published.push_back(std::move(stage)); }
  void Unpublish(const std::string& api_id, const std::string& stage_name) override {
    unpublished.emplace_back(api_id, stage_name);
  }
  void UnpublishApi(const std::string& api_id) override { unpublished_apis.push_back(api_id); }
  void FlushAuthorizers(const std::string& api_id, const std::string& stage_name) override {
    flushed.emplace_back(api_id, stage_name);
  }

  std::vector<PublishedStage> published;
  std::vector<std::pair<std::string, std::string>> unpublished;
  std::vector<std::string> unpublished_apis;
  std::vector<std::pair<std::string, std::string>> flushed;
};

// Ids in sequence: LowerAlnum(6) gives "id0001", "id0002", ...
class SequentialIds : public IdSource {
 public:
  std::string LowerAlnum(size_t length) override { return Next(length); }
  std::string MixedAlnum(size_t length) override { return Next(length); }
  std::string Uuid() override { return "req-" + std::to_string(++requests_); }
  // The next LowerAlnum(length) answers `id` once (to provoke collisions).
  void Queue(std::string id) { queued_.push_back(std::move(id)); }

 private:
  std::string Next(size_t length) {
    if (!queued_.empty()) {
      std::string id = queued_.front();
      queued_.erase(queued_.begin());
      return id;
    }
    std::string digits = std::to_string(++n_);
    std::string id = "id" + std::string(length > digits.size() + 2 ? length - digits.size() - 2 : 0, '0') + digits;
    return id.substr(0, length);
  }
  int n_ = 0;
  int requests_ = 0;  // request ids do not disturb the resource ids
  std::vector<std::string> queued_;
};

struct Reply {
  int status = 0;
  std::string error_type;  // x-amzn-ErrorType without its ":..." suffix
  std::string body;
  JsonDoc json;
  std::string message() const { return GetString(json, "message").value_or(""); }
};

class DeployBench {
 public:
  DeployBench() : log_(LogLevel::kOff) {
    auto store = state::Store::Open({.in_memory = true}, log_);
    store_ = std::move(store).value();
    deps_ = std::make_unique<ApigatewayDeps>(ApigatewayDeps{*store_, sink, ids, log_});
    RegisterDeployments(table_, *deps_);
    RegisterStages(table_, *deps_);
    RegisterTags(table_, *deps_);
    RegisterAccount(table_, *deps_);
    ControlPlaneOptions options;
    options.services = {"apigateway"};
    control_ = std::make_unique<ControlPlane>(cp::testing::Models(), table_, log_, clock, ids, options);
  }

  // One request as boto3 sends it (signed for `region`), answered by the dispatcher.
  Reply Call(const std::string& method, const std::string& target, const std::string& body = "",
             const std::string& region = "us-east-1") {
    net::HttpRequest request = cp::testing::Request(method, target, body);
    cp::testing::Sign(request, "apigateway", region);
    if (!body.empty()) request.headers.Set("Content-Type", "application/json");
    auto writer = std::make_shared<cp::testing::CapturingWriter>();
    control_->Handle(std::move(request), writer);
    Reply reply;
    std::optional<net::HttpResponse> response = writer->Wait();
    if (!response) return reply;
    reply.status = response->status;
    std::string type = response->headers.GetOr("x-amzn-ErrorType", "");
    reply.error_type = type.substr(0, type.find(':'));
    reply.body = response->body;
    reply.json = cp::testing::Parse(response->body.empty() ? "{}" : response->body);
    return reply;
  }

  // A REST API `api_id` whose root resource "/" has `methods` (e.g. GET), each
  // with a MOCK integration unless `integrated` is false.
  void SeedApi(const std::string& api_id, const std::vector<std::string>& methods = {"GET"}, bool integrated = true,
               const std::string& region = "us-east-1") {
    state::WriteBatch batch;
    PutDoc(batch, kind::kRestApi, region, api_id,
           cp::testing::Parse(R"({"id":")" + api_id + R"(","name":"api","rootResourceId":"root000001",
                                 "createdDate":1700000000})"));
    JsonDoc root = cp::testing::Parse(R"({"id":"root000001","path":"/","resourceMethods":{}})");
    for (const std::string& m : methods) {
      std::string method = R"({"httpMethod":")" + m + R"(","authorizationType":"NONE","apiKeyRequired":false)";
      if (integrated) method += R"(,"methodIntegration":{"type":"MOCK","integrationResponses":{}})";
      method += "}";
      JsonDoc doc = cp::testing::Parse(method);
      root["resourceMethods"].AddMember(JsonString(m, root.GetAllocator()), JsonValue(doc, root.GetAllocator()),
                                        root.GetAllocator());
    }
    PutDoc(batch, kind::kResource, api_id, "root000001", root);
    REQUIRE(store_->Apply(batch).ok());
  }

  // Replaces the root resource's GET integration type (a change after a deployment).
  void ChangeIntegration(const std::string& api_id, const std::string& type) {
    auto doc = LoadDoc(*store_, kind::kResource, api_id, "root000001", Status::NotFound("root"));
    REQUIRE(doc.ok());
    SetString((*doc)["resourceMethods"]["GET"]["methodIntegration"], "type", type, doc->GetAllocator());
    REQUIRE(store_->Put(kind::kResource, api_id, "root000001", ToJson(*doc)).ok());
  }

  // Creates a deployment of `api_id` and answers its id.
  std::string Deploy(const std::string& api_id, const std::string& body = "{}") {
    Reply r = Call("POST", "/restapis/" + api_id + "/deployments", body);
    REQUIRE(r.status == 201);
    return GetString(r.json, "id").value_or("");
  }

  state::Store& store() { return *store_; }
  ApigatewayDeps& deps() { return *deps_; }

  RecordingSink sink;
  SequentialIds ids;
  FakeClock clock{1700000000000};

 private:
  Logger log_;
  std::unique_ptr<state::Store> store_;
  std::unique_ptr<ApigatewayDeps> deps_;
  OperationTable table_;
  std::unique_ptr<ControlPlane> control_;
};

}  // namespace apigw::cp::apigateway::testing
