// Runtime API routing: fixed paths, matched by hand (four routes do not need a router).
#include "lambda/runtime_api.h"

#include "base/text.h"
#include "lambda/invocation_errors.h"

namespace apigw::lambda {

namespace {

constexpr std::string_view kInvocationPrefix = "/2018-06-01/runtime/invocation/";

net::HttpResponse Json(int status, std::string body) {
  net::HttpResponse r;
  r.status = status;
  r.headers.Add("Content-Type", "application/json");
  r.body = std::move(body);
  return r;
}

}  // namespace

RuntimeRoute RouteRuntimeCall(std::string_view method, std::string_view path) {
  RuntimeRoute route;
  auto want = [&](std::string_view m, RuntimeCall call) {
    route.call = method == m ? call : RuntimeCall::kBadMethod;
    return route;
  };
  if (path == "/2018-06-01/runtime/init/error") return want("POST", RuntimeCall::kInitError);
  if (!StartsWith(path, kInvocationPrefix)) return route;
  std::string_view rest = path.substr(kInvocationPrefix.size());
  if (rest == "next") return want("GET", RuntimeCall::kNext);
  size_t slash = rest.find('/');
  if (slash == std::string_view::npos || slash == 0) return route;
  std::string_view id = rest.substr(0, slash), action = rest.substr(slash + 1);
  route.request_id = std::string(id);
  if (action == "response") return want("POST", RuntimeCall::kResponse);
  if (action == "error") return want("POST", RuntimeCall::kError);
  route.request_id.clear();
  return route;
}

net::RequestHandler RuntimeApiHandler(std::weak_ptr<RuntimeApiEndpoint> endpoint) {
  return [endpoint](net::HttpRequest&& request, std::shared_ptr<net::ResponseWriter> writer) {
    std::shared_ptr<RuntimeApiEndpoint> target = endpoint.lock();
    if (!target) return writer->Send(RuntimeGone());
    RuntimeRoute route = RouteRuntimeCall(request.method, request.path);
    switch (route.call) {
      case RuntimeCall::kNext: return target->OnNext(std::move(writer));
      case RuntimeCall::kResponse:
        return target->OnResult(false, std::move(route.request_id), std::move(request), std::move(writer));
      case RuntimeCall::kError:
        return target->OnResult(true, std::move(route.request_id), std::move(request), std::move(writer));
      case RuntimeCall::kInitError: return target->OnInitError(std::move(request), std::move(writer));
      case RuntimeCall::kBadMethod:
        return writer->Send(Json(405, "{\"errorMessage\":\"Method Not Allowed\",\"errorType\":\"MethodNotAllowed\"}"));
      case RuntimeCall::kNotFound: return writer->Send(RuntimeNotFound());
    }
  };
}

net::HttpResponse RuntimeAccepted() { return Json(202, "{\"status\":\"OK\"}"); }

net::HttpResponse RuntimeInvalidRequestId() {
  return Json(400, "{\"errorMessage\":\"Invalid request ID\",\"errorType\":\"InvalidRequestID\"}");
}

net::HttpResponse RuntimeInvalidState() {
  return Json(403, "{\"errorMessage\":\"State transition from Ready to InvocationResponse failed for runtime. "
                   "Error: State transition is not allowed\",\"errorType\":\"InvalidStateTransition\"}");
}

net::HttpResponse RuntimePayloadTooLarge() {
  return Json(413, "{\"errorMessage\":\"Exceeded maximum allowed payload size (" + std::to_string(kMaxResponseBytes) +
                       " bytes).\",\"errorType\":\"RequestEntityTooLarge\"}");
}

net::HttpResponse RuntimeNotFound() {
  return Json(404, "{\"errorMessage\":\"Not Found\",\"errorType\":\"NotFound\"}");
}

net::HttpResponse RuntimeGone() {
  return Json(410, "{\"errorMessage\":\"The execution environment is shutting down\",\"errorType\":\"Gone\"}");
}

}  // namespace apigw::lambda
