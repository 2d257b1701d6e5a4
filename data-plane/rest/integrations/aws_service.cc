// AWS service integrations (type AWS) other than Lambda: the rendered URI
// names the service, region and either a path of the service's own API
// (path/{bucket}/{key}, path/{account}/{queue}) or an action
// (action/PutItem). The request goes to the endpoint configured for the
// service (--aws-endpoint; this emulator serves no AWS service itself),
// signed with SigV4 for the URI's region with the dummy credentials test/test.
// Action style: JSON-protocol services get X-Amz-Target {prefix}.{Action} and
// their application/x-amz-json-1.x Content-Type unless the integration sets
// them (EventBridge tutorials set both through requestOverride); query-protocol
// services (SNS, and SQS when the template produced a form) get
// Action={Action} in the query string. The service's answer (status, headers,
// body) is the integration response, selected by status code as for HTTP.
#include "base/text.h"
#include "base/url.h"
#include "data-plane/aws/service_protocols.h"
#include "data-plane/aws/sigv4.h"
#include "data-plane/rest/aws_service_uri.h"
#include "data-plane/rest/integrations/integrations.h"
#include "data-plane/rest/parameter_mapping.h"

namespace apigw::dp {

namespace {

constexpr char kComponent[] = "data-plane";

// SQS speaks JSON and the query protocol: JSON when the integration asked for
// it (a mapped x-amz-json Content-Type) or, with no Content-Type mapped, when
// the body is a JSON object; a form (Action=SendMessage&...) is the query API.
bool SpeaksJson(const IntegrationRequest& req) {
  if (req.content_type_mapped) {
    const std::string* type = LastHeader(req.headers, "Content-Type");
    return type != nullptr && type->find("x-amz-json") != std::string::npos;
  }
  std::string_view body = Trim(req.body);
  return !body.empty() && body.front() == '{';
}

bool FormHasAction(std::string_view body) {
  return StartsWith(body, "Action=") || body.find("&Action=") != std::string_view::npos;
}

std::string QueryString(const QueryParams& params) {
  std::string out;
  for (const auto& [k, v] : params) {
    out.push_back(out.empty() ? '?' : '&');
    out += PercentEncode(k);
    out.push_back('=');
    out += PercentEncode(v);
  }
  return out;
}

StageResult Misconfigured(Invocation& inv, const std::string& why) {
  inv.services.log.Warn(kComponent, "Execution failed due to configuration error: " + why);
  inv.Fail(GatewayResponseType::kApiConfigurationError);
  return StageResult::kStop;
}

}  // namespace

StageResult InvokeAwsService(const std::shared_ptr<Invocation>& p) {
  Invocation& inv = *p;
  IntegrationRequest& req = inv.integration_request;
  std::optional<AwsServiceUri> uri = ParseAwsServiceUri(req.url);
  if (!uri) return Misconfigured(inv, "Invalid AWS integration URI " + req.url);
  const std::string* base = inv.services.aws_endpoints.Find(uri->service);
  if (base == nullptr) {
    return Misconfigured(inv, "no endpoint for AWS service '" + uri->service + "' (" + inv.context.resource_path +
                                  "): start the emulator with --aws-endpoint " + uri->service +
                                  "=http://HOST:PORT, or --aws-endpoint http://HOST:PORT for every service "
                                  "(env APIGW_AWS_ENDPOINTS)");
  }

  std::string path = "/";
  QueryParams query = std::move(uri->params);
  if (uri->style == AwsServiceUri::Style::kPath) {
    // A virtual-hosted S3 URI (bucket.s3:path/key) names the bucket in the host.
    if (uri->service == "s3" && !uri->subdomain.empty()) path += PercentEncode(uri->subdomain) + "/";
    path += uri->path;
  } else {
    const JsonProtocol* json = FindJsonProtocol(uri->service);
    if (json != nullptr && uri->service == "sqs" && !SpeaksJson(req)) json = nullptr;
    if (json != nullptr) {
      if (!req.headers.Has("X-Amz-Target"))
        req.headers.Set("X-Amz-Target", std::string(json->target_prefix) + "." + uri->action);
      if (!req.content_type_mapped) req.headers.Set("Content-Type", std::string(json->content_type));
    } else if (!FormHasAction(req.body)) {
      query.insert(query.begin(), {"Action", uri->action});
    }
  }

  net::ClientRequest out;
  out.method = req.http_method;
  out.url = *base + path + QueryString(query);
  StatusOr<net::ClientUrl> url = net::ParseClientUrl(out.url);
  if (!url.ok()) return Misconfigured(inv, "Invalid endpoint address " + out.url + ": " + url.status().message());
  out.headers = std::move(req.headers);
  // AWS sends no body with GET, HEAD and OPTIONS.
  if (out.method != "GET" && out.method != "HEAD" && out.method != "OPTIONS") out.body = std::move(req.body);
  SignV4(out.method, *url, out.body, SigV4Scope{uri->region, uri->service}, SigV4Key{"test", "test"},
         inv.services.clock.NowEpochMillis(), out.headers);
  out.timeout_ms = inv.integration().timeout_ms;
  std::shared_ptr<Invocation> keep = p;
  inv.services.client.Send(std::move(out),
                           [keep](net::ClientResult result) { TakeClientResult(keep, std::move(result)); });
  return StageResult::kAsync;
}

}  // namespace apigw::dp
