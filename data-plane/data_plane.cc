// DataPlane: from a raw request to a running pipeline. Unknown APIs and stages
// answer 403 {"message":"Forbidden"} (ForbiddenException), as AWS answers a
// stage name that does not exist (AWS Knowledge Center, "How do I troubleshoot
// HTTP 403 errors from API Gateway?"); AWS cannot be asked about an unknown
// API id (its host name does not resolve), so the emulator answers the same.
#include "data-plane/data_plane.h"

#include "base/text.h"
#include "data-plane/execute_api_target.h"
#include "data-plane/rest/authorizer/authorizer_cache.h"
#include "data-plane/rest/gateway_response.h"
#include "data-plane/rest/header_rules.h"
#include "data-plane/rest/pipeline.h"

namespace apigw::dp {

struct DataPlane::Impl {
  Impl(net::IoPool& pool, net::HttpClient& client, Logger& log, Clock& clock, IdSource& ids,
       DataPlaneOptions options)
      : pool(pool),
        access_log(log, clock, &pool),
        aws_endpoints(ParseEndpoints(options.aws_endpoints, log)),
        authorizer_cache(clock),
        services{client, log, clock, ids, access_log, aws_endpoints, &pool, nullptr, &authorizer_cache},
        registry(log),
        sink(registry, authorizer_cache),
        options(options) {}

  void Handle(net::HttpRequest&& request, std::shared_ptr<net::ResponseWriter> writer);
  net::HttpResponse TooLarge(const net::HttpRequest& request);
  std::shared_ptr<Invocation> Prepare(net::HttpRequest&& request, std::shared_ptr<net::ResponseWriter> writer,
                                      const std::optional<ExecuteApiTarget>& target);

  static AwsEndpoints ParseEndpoints(const std::vector<std::string>& entries, Logger& log) {
    StatusOr<AwsEndpoints> parsed = AwsEndpoints::Parse(entries);
    if (parsed.ok()) return std::move(parsed).value();
    log.Error("data-plane", parsed.status().message() + "; AWS integrations have no endpoints");
    return AwsEndpoints();
  }

  net::IoPool& pool;
  AccessLog access_log;
  const AwsEndpoints aws_endpoints;
  AuthorizerCache authorizer_cache;
  Services services;
  StageRegistry registry;
  // What the control plane tells the data plane: stages to the registry,
  // authorizer cache flushes to the cache.
  class Sink final : public StageSink {
   public:
    Sink(StageRegistry& registry, AuthorizerCache& cache) : registry_(registry), cache_(cache) {}
    void Publish(PublishedStage stage) override { registry_.Publish(std::move(stage)); }
    void Unpublish(const std::string& api_id, const std::string& stage_name) override {
      registry_.Unpublish(api_id, stage_name);
      cache_.EraseWithPrefix(AuthorizerCache::StagePrefix(api_id, stage_name));
    }
    void UnpublishApi(const std::string& api_id) override {
      registry_.UnpublishApi(api_id);
      cache_.EraseWithPrefix(api_id + '\n');
    }
    void FlushAuthorizers(const std::string& api_id, const std::string& stage_name) override {
      cache_.EraseWithPrefix(AuthorizerCache::StagePrefix(api_id, stage_name));
    }

   private:
    StageRegistry& registry_;
    AuthorizerCache& cache_;
  } sink;
  const DataPlaneOptions options;
};

namespace {

net::HttpResponse Forbidden() {
  net::HttpResponse r;
  r.status = 403;
  r.headers.Add("Content-Type", "application/json");
  r.headers.Add("x-amzn-ErrorType", "ForbiddenException");
  r.body = "{\"message\":\"Forbidden\"}";
  return r;
}

// A canary release's draw for one request, in [0, 1): read from the random
// request id (its first 8 hex digits), so no second random source is needed.
double CanaryDraw(const std::string& request_id) {
  uint32_t n = 0;
  int digits = 0;
  for (char ch : request_id) {
    int v = ch >= '0' && ch <= '9' ? ch - '0' : ch >= 'a' && ch <= 'f' ? ch - 'a' + 10 : -1;
    if (v < 0) continue;
    n = n << 4 | uint32_t(v);
    if (++digits == 8) break;
  }
  return n / 4294967296.0;
}

}  // namespace

std::shared_ptr<Invocation> DataPlane::Impl::Prepare(net::HttpRequest&& request,
                                                     std::shared_ptr<net::ResponseWriter> writer,
                                                     const std::optional<ExecuteApiTarget>& target) {
  std::shared_ptr<const CompiledStage> stage;
  if (target) stage = registry.FindRest(target->api_id, target->stage);
  // "When sending requests to an API by passing the X-HTTP-Method-Override
  // header, API Gateway overrides the method" (developer guide, "Amazon API
  // Gateway important notes for REST APIs"): routing, $context.httpMethod and
  // an ANY integration see the overriding method.
  if (const std::string* override_method = request.headers.Get("X-HTTP-Method-Override")) {
    std::string_view m = Trim(*override_method);
    if (!m.empty()) request.method = std::string(m);
  }
  std::string request_id = services.ids.Uuid();
  if (stage && stage->canary && CanaryDraw(request_id) * 100 < stage->canary_percent) stage = stage->canary;
  auto inv = std::make_shared<Invocation>(services, stage, std::move(request), std::move(writer));
  inv->started_us = services.clock.MonotonicMicros();
  const net::HttpRequest& req = inv->request;

  ContextVariables& c = inv->context;
  c.request_id = std::move(request_id);
  c.extended_request_id = services.ids.MixedAlnum(15) + "=";
  c.request_time_epoch = services.clock.NowEpochMillis();
  c.http_method = req.method;
  c.identity.source_ip = req.remote_ip;
  const std::string host = req.headers.GetOr("Host", "");
  std::string_view domain = host;
  if (size_t colon = domain.rfind(':'); colon != std::string_view::npos && domain.find(']') == std::string_view::npos)
    domain = domain.substr(0, colon);
  c.domain_name = std::string(domain);
  c.domain_prefix = std::string(domain.substr(0, domain.find('.')));
  if (target) {
    c.path = target->stage_path;
    inv->path = target->path;
  }
  if (stage) {
    c.api_id = stage->api_id;
    c.stage = stage->stage_name;
    c.account_id = stage->account_id;
    c.deployment_id = stage->deployment_id;
    c.is_canary_request = stage->is_canary;
  }
  inv->has_body_method = req.method != "GET" && req.method != "HEAD" && req.method != "OPTIONS";
  // The request's headers move into the invocation, minus those AWS drops.
  inv->headers = std::move(inv->request.headers);
  RemoveDroppedFromInvocation(inv->headers);
  if (const std::string* ua = inv->headers.Get("User-Agent")) c.identity.user_agent = *ua;
  // "The semicolon character (;) is not supported for any request URL query
  // string and results in the data being split" (same notes): it separates
  // parameters as '&' does.
  if (req.query.find(';') == std::string::npos) {
    inv->query = ParseQuery(req.query);
  } else {
    std::string query = req.query;
    for (char& ch : query)
      if (ch == ';') ch = '&';
    inv->query = ParseQuery(query);
  }
  return inv;
}

void DataPlane::Impl::Handle(net::HttpRequest&& request, std::shared_ptr<net::ResponseWriter> writer) {
  std::optional<ExecuteApiTarget> target = ParseExecuteApiTarget(request.path, request.headers.GetOr("Host", ""));
  std::shared_ptr<Invocation> inv = Prepare(std::move(request), std::move(writer), target);
  if (!inv->stage || inv->stage->execute_api_endpoint_disabled) {
    SendResponse(*inv, Forbidden());
    return;
  }
  if (inv->request.body.size() > options.max_body_bytes) {
    SendResponse(*inv, RenderGatewayResponse(GatewayError::Of(GatewayResponseType::kRequestTooLarge), *inv));
    return;
  }
  RunRestPipeline(std::move(inv));
}

net::HttpResponse DataPlane::Impl::TooLarge(const net::HttpRequest& request) {
  net::HttpRequest head = request;
  head.body.clear();
  std::optional<ExecuteApiTarget> target = ParseExecuteApiTarget(head.path, head.headers.GetOr("Host", ""));
  std::shared_ptr<Invocation> inv = Prepare(std::move(head), nullptr, target);
  net::HttpResponse response = inv->stage ? RenderGatewayResponse(GatewayError::Of(GatewayResponseType::kRequestTooLarge), *inv)
                                          : Forbidden();
  FinalizeResponse(*inv, response);
  LogRequest(*inv, response.status);
  return response;
}

DataPlane::DataPlane(net::IoPool& pool, net::HttpClient& client, Logger& log, Clock& clock, IdSource& ids,
                     DataPlaneOptions options)
    : impl_(std::make_unique<Impl>(pool, client, log, clock, ids, options)) {}

DataPlane::~DataPlane() = default;

StageSink& DataPlane::sink() { return impl_->sink; }

void DataPlane::set_lambda_invoker(lambda::Invoker* invoker) { impl_->services.lambda = invoker; }

net::RequestHandler DataPlane::handler() {
  Impl* impl = impl_.get();
  return [impl](net::HttpRequest&& request, std::shared_ptr<net::ResponseWriter> writer) {
    impl->Handle(std::move(request), std::move(writer));
  };
}

void DataPlane::ConfigureServer(net::HttpServerOptions& options) {
  options.max_body_bytes = impl_->options.max_body_bytes;
  options.announce_keep_alive = true;
  Impl* impl = impl_.get();
  options.too_large = [impl](const net::HttpRequest& request) { return impl->TooLarge(request); };
}

}  // namespace apigw::dp
