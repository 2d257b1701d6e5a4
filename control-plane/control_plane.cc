// ControlPlane: route, decode, validate, call, encode, log.
#include "control-plane/control_plane.h"

#include <cstdio>
#include <exception>

#include "base/url.h"
#include "control-plane/protocol/input_validator.h"
#include "control-plane/protocol/request_decoder.h"
#include "control-plane/protocol/response_encoder.h"
#include "control-plane/protocol/service_dialect.h"
#include "control-plane/protocol/service_errors.h"
#include "control-plane/protocol/service_resolver.h"
#include "control-plane/protocol/sigv4_scope.h"

namespace apigw::cp {

namespace {
constexpr std::string_view kLogComponent = "control-plane";
}  // namespace

// Everything one request needs until it is answered (async handlers answer later).
struct ControlPlane::Call {
  net::HttpRequest request;
  std::shared_ptr<net::ResponseWriter> writer;
  int64_t start_us = 0;
  std::string request_id;
  std::string service;
  const ServiceModel* model = nullptr;
  const Operation* operation = nullptr;
  CallContext context;
};

ControlPlane::ControlPlane(const ServiceModels& models, const OperationTable& operations, Logger& log, Clock& clock,
                           IdSource& ids, ControlPlaneOptions options)
    : models_(models), operations_(operations), log_(log), clock_(clock), ids_(ids), options_(std::move(options)) {
  for (const std::string& s : options_.services) routes_.emplace(s, std::make_unique<Route>());
}

net::RequestHandler ControlPlane::handler() {
  return [this](net::HttpRequest&& request, std::shared_ptr<net::ResponseWriter> writer) {
    Handle(std::move(request), std::move(writer));
  };
}

const OperationRouter* ControlPlane::RouterFor(const std::string& service) {
  auto it = routes_.find(service);
  if (it == routes_.end()) return nullptr;
  Route& route = *it->second;
  std::call_once(route.once, [&] {
    if (const ServiceModel* model = models_.Get(service)) route.router = std::make_unique<OperationRouter>(*model);
  });
  return route.router.get();
}

void ControlPlane::Finish(Call& call, net::HttpResponse response) {
  if (log_.Enabled(LogLevel::kInfo)) {
    int64_t us = clock_.MonotonicMicros() - call.start_us;
    char latency[32];
    snprintf(latency, sizeof latency, "%.1fms", double(us) / 1000.0);
    std::string op = call.operation ? call.service + "." + call.operation->name : "-";
    log_.Info(kLogComponent, call.request.method + " " + call.request.path + " " + op + " " +
                                 std::to_string(response.status) + " " + latency + " " + call.request_id);
  }
  call.writer->Send(std::move(response));
}

void ControlPlane::Handle(net::HttpRequest&& request, std::shared_ptr<net::ResponseWriter> writer) {
  auto call = std::make_shared<Call>();
  call->start_us = clock_.MonotonicMicros();
  call->request = std::move(request);
  call->writer = std::move(writer);
  call->request_id = ids_.Uuid();
  const net::HttpRequest& req = call->request;

  if (req.method == "GET" && req.path == "/_emulator/health") {
    std::string body = "{\"status\":\"ok\",\"services\":{";
    for (size_t i = 0; i < options_.services.size(); ++i)
      body += (i ? ",\"" : "\"") + options_.services[i] + "\":\"available\"";
    body += "}}";
    net::HttpResponse r = net::HttpResponse::Text(200, std::move(body), "application/json");
    r.headers.Add("x-amzn-RequestId", call->request_id);
    return Finish(*call, std::move(r));
  }

  if (req.method == "GET") {
    if (const FileRoute* file = operations_.FindFile(req.path)) {
      StatusOr<std::string> body = [&] {
        std::shared_lock<std::shared_mutex> lock(handlers_mu_);
        return file->handler(std::string_view(req.path).substr(file->prefix.size()));
      }();
      if (!body.ok()) return Finish(*call, EncodeError(nullptr, body.status(), call->request_id));
      net::HttpResponse r = net::HttpResponse::Text(200, std::move(body).value(), file->content_type);
      r.headers.Add("x-amzn-RequestId", call->request_id);
      return Finish(*call, std::move(r));
    }
  }

  std::optional<SigV4Scope> scope = ParseSigV4Scope(req);
  call->service = ResolveService(req.path, scope);
  const OperationRouter* router = RouterFor(call->service);
  call->model = router ? models_.Get(call->service) : nullptr;
  if (!router) {
    Status st = routes_.count(call->service) ? models_.LoadStatus(call->service)
                                             : UnknownOperation(call->service, req.method, req.path);
    if (st.ok()) st = Status::Internal("no model for " + call->service);
    return Finish(*call, EncodeError(nullptr, st, call->request_id));
  }

  std::optional<RouteMatch> match = router->Match(req.method, req.path, ParseQuery(req.query));
  if (!match)
    return Finish(*call, EncodeError(call->model, UnknownOperation(call->service, req.method, req.path), call->request_id));
  call->operation = match->operation;
  const Operation& op = *call->operation;

  const SyncHandler* sync = operations_.FindSync(call->service, op.name);
  const AsyncHandler* async = sync ? nullptr : operations_.FindAsync(call->service, op.name);
  if (!sync && !async)
    return Finish(*call, EncodeError(call->model, NotImplementedOperation(op.name), call->request_id));

  const ServiceDialect& dialect = DialectFor(call->service);
  StatusOr<JsonDoc> input = DecodeRequest(op, match->labels, req, dialect);
  if (!input.ok()) return Finish(*call, EncodeError(call->model, input.status(), call->request_id));
  if (Status st = ValidateInput(op, *input, dialect); !st.ok())
    return Finish(*call, EncodeError(call->model, st, call->request_id));

  CallContext& ctx = call->context;
  ctx.service = call->service;
  ctx.operation = op.name;
  ctx.region = scope ? scope->region : options_.default_region;
  ctx.account_id = options_.account_id;
  ctx.request_id = call->request_id;
  ctx.now_ms = clock_.NowEpochMillis();
  ctx.http = &call->request;
  ctx.model = call->model;

  auto respond = [this, call](OperationResult result) {
    const Operation& o = *call->operation;
    if (!result.ok()) return Finish(*call, EncodeError(call->model, result.status(), call->request_id));
    Finish(*call, EncodeResponse(o, &*result, call->request_id));
  };

  if (async) {
    // `call` stays alive (and ctx.http valid) until `done` has run.
    try {
      (*async)(ctx, std::move(*input), [respond](OperationResult result) { respond(std::move(result)); });
    } catch (const std::exception& e) {
      log_.Error(kLogComponent, op.name + " threw: " + e.what());
      respond(Status::Internal("Internal server error"));
    }
    return;
  }

  OperationResult result = Status::Internal("Internal server error");
  try {
    if (req.method == "GET") {
      std::shared_lock<std::shared_mutex> lock(handlers_mu_);
      result = (*sync)(ctx, *input);
    } else {
      std::unique_lock<std::shared_mutex> lock(handlers_mu_);
      result = (*sync)(ctx, *input);
    }
  } catch (const std::exception& e) {
    // Handlers report errors as Status; an exception is a bug, not the client's fault.
    log_.Error(kLogComponent, op.name + " threw: " + e.what());
    result = Status::Internal("Internal server error");
  }
  respond(std::move(result));
}

}  // namespace apigw::cp
