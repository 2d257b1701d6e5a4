// Lambda event building, straight into a JSON writer (no DOM: this runs on
// every proxied request). Every string goes out as valid UTF-8: header and
// query values may carry any byte, and a runtime refuses an event that is not
// UTF-8; invalid sequences become U+FFFD, as API Gateway reads text.
#include "data-plane/rest/lambda/lambda_event.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <unordered_map>

#include "base/base64.h"
#include "base/text.h"
#include "data-plane/rest/authorizer/authorizer_result.h"
#include "data-plane/rest/parameter_mapping.h"
#include "data-plane/rest/payload_encoding.h"

namespace apigw::dp {

namespace {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

void Str(Writer& w, std::string_view s) {
  if (IsValidUtf8(s)) {
    w.String(s.data(), rapidjson::SizeType(s.size()));
    return;
  }
  std::string copy(s);
  SanitizeUtf8(copy);
  w.String(copy.data(), rapidjson::SizeType(copy.size()));
}

void Key(Writer& w, std::string_view k) { w.Key(k.data(), rapidjson::SizeType(k.size())); }

void StrOrNull(Writer& w, std::string_view s) {
  if (s.empty()) {
    w.Null();
  } else {
    Str(w, s);
  }
}

// Values grouped by name, names in first-seen order.
struct Grouped {
  std::vector<std::pair<std::string, std::vector<std::string>>> entries;
};

// Header names CloudFront, in front of every API Gateway endpoint, rewrites
// to their canonical case (recorded: a client's "user-Agent" reaches the
// function as "User-Agent").
std::string EventHeaderName(const std::string& name) {
  if (EqualsIgnoreCase(name, "Authorization")) return "Authorization";
  if (EqualsIgnoreCase(name, "User-Agent")) return "User-Agent";
  return name;
}

Grouped GroupHeaders(const Invocation& inv) {
  Grouped g;
  std::unordered_map<std::string, size_t> index;  // lower-cased name -> entry
  auto add = [&](const std::string& name, const std::string& value) {
    auto [it, fresh] = index.emplace(ToLower(name), g.entries.size());
    if (fresh) g.entries.push_back({EventHeaderName(name), {}});
    g.entries[it->second].second.push_back(value);
  };
  for (const auto& [name, value] : inv.headers) add(name, value);
  // What the CloudFront hop in front of API Gateway adds; here the client
  // connects directly.
  const std::string& ip = inv.request.remote_ip;
  auto it = index.find("x-forwarded-for");
  if (it == index.end()) {
    add("X-Forwarded-For", ip);
  } else {
    std::string& last = g.entries[it->second].second.back();
    last += ", " + ip;
  }
  if (index.find("x-forwarded-port") == index.end()) {
    const std::string host = inv.headers.GetOr("Host", "");
    size_t colon = host.rfind(':');
    bool has_port = colon != std::string::npos && host.find(']', colon) == std::string::npos;
    add("X-Forwarded-Port", has_port ? host.substr(colon + 1) : "80");
  }
  if (index.find("x-forwarded-proto") == index.end()) add("X-Forwarded-Proto", "http");
  if (!inv.trace_id.empty() && index.find("x-amzn-trace-id") == index.end()) add("X-Amzn-Trace-Id", inv.trace_id);
  return g;
}

Grouped GroupQuery(const QueryParams& query) {
  Grouped g;
  std::unordered_map<std::string, size_t> index;
  for (const auto& [name, value] : query) {
    auto [it, fresh] = index.emplace(name, g.entries.size());
    if (fresh) g.entries.push_back({name, {}});
    g.entries[it->second].second.push_back(value);
  }
  return g;
}

// {"name": last value, ...} and {"name": [values], ...}; null when empty.
void SingleAndMulti(Writer& w, const Grouped& g, std::string_view single, std::string_view multi) {
  Key(w, single);
  if (g.entries.empty()) {
    w.Null();
  } else {
    w.StartObject();
    for (const auto& [name, values] : g.entries) {
      Str(w, name);
      Str(w, values.back());
    }
    w.EndObject();
  }
  Key(w, multi);
  if (g.entries.empty()) {
    w.Null();
    return;
  }
  w.StartObject();
  for (const auto& [name, values] : g.entries) {
    Str(w, name);
    w.StartArray();
    for (const std::string& v : values) Str(w, v);
    w.EndArray();
  }
  w.EndObject();
}

// The request path after the stage with its leading slashes folded into one
// (recorded: "//hardcoded" reaches the function as "/hardcoded").
std::string EventPath(std::string_view path) {
  while (!path.empty() && path.front() == '/') path.remove_prefix(1);
  return "/" + std::string(path);
}

void PathAndStageParameters(Writer& w, const Invocation& inv, bool empty_params_as_object) {
  Key(w, "pathParameters");
  std::vector<std::pair<std::string, std::string>> params =
      inv.resource ? RawPathParameters(inv.resource->path, inv.path) : std::vector<std::pair<std::string, std::string>>{};
  if (params.empty() && !empty_params_as_object) {
    w.Null();
  } else {
    w.StartObject();
    for (const auto& [name, value] : params) {
      Str(w, name);
      Str(w, value);
    }
    w.EndObject();
  }
  Key(w, "stageVariables");
  if (inv.stage->stage_variables.empty()) {
    w.Null();
  } else {
    w.StartObject();
    for (const auto& [name, value] : inv.stage->stage_variables) {
      Str(w, name);
      Str(w, value);
    }
    w.EndObject();
  }
}

// requestContext.authorizer: the context's values stringified ("123",
// "true"), as for $context.authorizer (developer guide, "Output from an API
// Gateway Lambda authorizer": "Their values are stringified, for example,
// "stringval", "123", or "true""; observed on AWS: {"num": "123", "bool":
// "true", "null": null, "principalId": ..., "integrationLatency": 0}).
void Authorizer(Writer& w, const AuthorizerResult& a) {
  Key(w, "authorizer");
  w.StartObject();
  for (const AuthorizerContextEntry& e : a.context) {
    Str(w, e.name);
    Str(w, e.text);
  }
  for (const std::string& name : a.null_context) {
    Str(w, name);
    w.Null();
  }
  Key(w, "principalId");
  Str(w, a.principal_id);
  Key(w, "integrationLatency");
  w.Int64(a.latency_ms);
  w.EndObject();
}

void RequestContext(Writer& w, const Invocation& inv) {
  const ContextVariables& c = inv.context;
  Key(w, "requestContext");
  w.StartObject();
  Key(w, "resourceId");
  Str(w, c.resource_id);
  if (c.authorizer) Authorizer(w, *c.authorizer);
  Key(w, "resourcePath");
  Str(w, c.resource_path);
  Key(w, "httpMethod");
  Str(w, c.http_method);
  Key(w, "extendedRequestId");
  Str(w, c.extended_request_id);
  Key(w, "requestTime");
  Str(w, FormatRequestTime(c.request_time_epoch));
  Key(w, "path");
  Str(w, c.path);
  Key(w, "accountId");
  Str(w, c.account_id);
  Key(w, "protocol");
  Str(w, c.protocol);
  Key(w, "stage");
  Str(w, c.stage);
  Key(w, "domainPrefix");
  Str(w, c.domain_prefix);
  Key(w, "requestTimeEpoch");
  w.Int64(c.request_time_epoch);
  Key(w, "requestId");
  Str(w, c.request_id);
  Key(w, "identity");
  w.StartObject();
  for (std::string_view k : {"cognitoIdentityPoolId", "accountId", "cognitoIdentityId", "caller"}) {
    Key(w, k);
    w.Null();
  }
  Key(w, "sourceIp");
  Str(w, c.identity.source_ip);
  for (std::string_view k : {"principalOrgId", "accessKey", "cognitoAuthenticationType",
                             "cognitoAuthenticationProvider", "userArn"}) {
    Key(w, k);
    w.Null();
  }
  Key(w, "userAgent");
  StrOrNull(w, c.identity.user_agent);
  Key(w, "user");
  w.Null();
  w.EndObject();
  Key(w, "domainName");
  Str(w, c.domain_name);
  Key(w, "deploymentId");
  Str(w, c.deployment_id);
  Key(w, "apiId");
  Str(w, c.api_id);
  w.EndObject();
}

// resource, path, httpMethod, headers, multiValueHeaders, query strings,
// pathParameters, stageVariables, requestContext: what both the proxy event
// and the REQUEST authorizer event carry. Both carry the forwarding headers
// (the developer guide's REQUEST authorizer input shows X-Forwarded-For,
// -Port and -Proto as the proxy event does).
void RequestMembers(Writer& w, const Invocation& inv, bool proxy) {
  Key(w, "resource");
  Str(w, inv.resource ? std::string_view(inv.resource->path) : std::string_view("/"));
  Key(w, "path");
  Str(w, EventPath(inv.path));
  Key(w, "httpMethod");
  Str(w, inv.request.method);
  SingleAndMulti(w, GroupHeaders(inv), "headers", "multiValueHeaders");
  SingleAndMulti(w, GroupQuery(inv.query), "queryStringParameters", "multiValueQueryStringParameters");
  PathAndStageParameters(w, inv, !proxy);
  RequestContext(w, inv);
}

std::string Finish(rapidjson::StringBuffer& buf) { return std::string(buf.GetString(), buf.GetSize()); }

}  // namespace

std::string BuildProxyEvent(const Invocation& inv) {
  rapidjson::StringBuffer buf;
  Writer w(buf);
  w.StartObject();
  RequestMembers(w, inv, true);
  const std::string& body = inv.request.body;
  bool binary = !body.empty() && inv.stage->binary_media_types.Matches(LastHeader(inv.headers, "Content-Type"));
  Key(w, "body");
  if (body.empty()) {
    w.Null();
  } else if (binary) {
    Str(w, Base64Encode(body));
  } else {
    Str(w, body);
  }
  Key(w, "isBase64Encoded");
  w.Bool(binary);
  w.EndObject();
  return Finish(buf);
}

std::string BuildTokenAuthorizerEvent(std::string_view token, std::string_view method_arn) {
  rapidjson::StringBuffer buf;
  Writer w(buf);
  w.StartObject();
  Key(w, "type");
  w.String("TOKEN");
  Key(w, "authorizationToken");
  Str(w, token);
  Key(w, "methodArn");
  Str(w, method_arn);
  w.EndObject();
  return Finish(buf);
}

std::string BuildRequestAuthorizerEvent(const Invocation& inv, std::string_view method_arn) {
  rapidjson::StringBuffer buf;
  Writer w(buf);
  w.StartObject();
  Key(w, "type");
  w.String("REQUEST");
  Key(w, "methodArn");
  Str(w, method_arn);
  RequestMembers(w, inv, false);
  w.EndObject();
  return Finish(buf);
}

std::string MethodArn(const Invocation& inv) {
  std::string_view path = inv.path;
  while (!path.empty() && path.front() == '/') path.remove_prefix(1);
  const CompiledStage& s = *inv.stage;
  std::string arn = "arn:aws:execute-api:";
  arn.reserve(64 + s.api_id.size() + s.stage_name.size() + path.size());
  arn += s.region;
  arn += ':';
  arn += s.account_id;
  arn += ':';
  arn += s.api_id;
  arn += '/';
  arn += s.stage_name;
  arn += '/';
  arn += inv.request.method;
  arn += '/';
  arn += path;
  return arn;
}

std::vector<std::pair<std::string, std::string>> RawPathParameters(std::string_view resource_path,
                                                                   std::string_view path) {
  std::vector<std::pair<std::string, std::string>> out;
  if (resource_path.find('{') == std::string_view::npos) return out;
  auto split = [](std::string_view p) {
    while (!p.empty() && p.front() == '/') p.remove_prefix(1);
    while (!p.empty() && p.back() == '/') p.remove_suffix(1);
    std::vector<std::string_view> parts;
    if (p.empty()) return parts;
    size_t i = 0;
    while (true) {
      size_t slash = p.find('/', i);
      if (slash == std::string_view::npos) {
        parts.push_back(p.substr(i));
        return parts;
      }
      parts.push_back(p.substr(i, slash - i));
      i = slash + 1;
    }
  };
  std::vector<std::string_view> names = split(resource_path);
  std::vector<std::string_view> values = split(path);
  for (size_t i = 0; i < names.size() && i < values.size(); ++i) {
    std::string_view n = names[i];
    if (n.size() < 3 || n.front() != '{' || n.back() != '}') continue;
    n = n.substr(1, n.size() - 2);
    if (n.back() == '+') {
      std::string_view last = values.back();
      out.emplace_back(std::string(n.substr(0, n.size() - 1)),
                       std::string(values[i].data(), size_t(last.data() + last.size() - values[i].data())));
      break;
    }
    out.emplace_back(std::string(n), std::string(values[i]));
  }
  return out;
}

}  // namespace apigw::dp
