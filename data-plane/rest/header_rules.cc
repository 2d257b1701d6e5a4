// Header tables.
#include "data-plane/rest/header_rules.h"

#include <string>
#include <vector>

#include "base/text.h"

namespace apigw::dp {

namespace {

template <size_t N>
bool InList(std::string_view name, const std::string_view (&list)[N]) {
  for (std::string_view h : list)
    if (EqualsIgnoreCase(h, name)) return true;
  return false;
}

constexpr std::string_view kDroppedFromInvocation[] = {
    "Connection", "Content-Length", "Content-MD5", "Expect",  "Max-Forwards", "Proxy-Authenticate",
    "Server",     "TE",             "Transfer-Encoding", "Trailer", "Upgrade", "WWW-Authenticate",
    "Keep-Alive",  // hop-by-hop (RFC 9110 7.6.1); the client's connection is ours, not the backend's
};
constexpr std::string_view kIllegalMapped[] = {"Content-Length", "Transfer-Encoding", "X-Amzn-Trace-Id",
                                               "X-Amzn-Apigateway-Api-Id"};
constexpr std::string_view kIllegalMappedAws[] = {"Authorization", "Connection", "Expect", "Proxy-Authenticate", "TE"};
// Connection and Keep-Alive belong to the emulator's own pooled connection to
// the backend; a mapped "Connection" never reaches it on AWS either
// (TestApiGatewayHeaderRemapping lists it among the mappings "dropped from
// the integration to the invocation request").
constexpr std::string_view kDroppedFromHttpRequest[] = {"Expect",     "Proxy-Authenticate", "TE", "Via",
                                                        "Connection", "Keep-Alive"};
constexpr std::string_view kDroppedFromAwsRequest[] = {"Expect", "Proxy-Authenticate", "TE", "Referer"};

// Recorded HTTP_PROXY responses also carry the backend's x-amzn-RequestId as
// x-amzn-Remapped-x-amzn-RequestId (test_apigateway_http.snapshot.json).
constexpr std::string_view kRemappedMock[] = {"Connection", "Content-Length", "Date", "Server", "x-amzn-RequestId"};
constexpr std::string_view kRemappedProxy[] = {
    "Authorization", "Connection", "Content-Length", "Content-MD5",      "Date",            "Max-Forwards",
    "Server",        "User-Agent", "WWW-Authenticate", "x-amzn-RequestId"};
constexpr std::string_view kRemappedNonProxy[] = {
    "Connection", "Content-Length", "Date",         "Server",  "Authorization", "Content-MD5", "Expect",
    "Host",       "Max-Forwards",   "Proxy-Authenticate", "Trailer", "Upgrade", "User-Agent",  "WWW-Authenticate",
    "x-amzn-RequestId"};
// Hop-by-hop headers of the backend's connection, for every type.
// Content-Encoding is kept ("Passthrough" in the guide's table): the body is
// forwarded still encoded.
constexpr std::string_view kDroppedFromResponse[] = {"Transfer-Encoding", "Keep-Alive"};
constexpr std::string_view kDroppedFromProxyResponse[] = {"Expect",  "Host",    "Proxy-Authenticate", "TE",
                                                          "Trailer", "Upgrade", "Via"};

bool Dropped(std::string_view name, ResponseHeaderRules rules) {
  return InList(name, kDroppedFromResponse) ||
         (rules == ResponseHeaderRules::kProxy && InList(name, kDroppedFromProxyResponse));
}

bool Remapped(std::string_view name, ResponseHeaderRules rules) {
  switch (rules) {
    case ResponseHeaderRules::kProxy:
      return InList(name, kRemappedProxy);
    case ResponseHeaderRules::kMock:
      return InList(name, kRemappedMock);
    case ResponseHeaderRules::kNonProxy:
      return InList(name, kRemappedNonProxy);
  }
  return false;
}

}  // namespace

void RemoveDroppedFromInvocation(net::Headers& headers) {
  bool any = false;
  for (const auto& field : headers) any = any || InList(field.first, kDroppedFromInvocation);
  if (!any) return;
  for (std::string_view h : kDroppedFromInvocation) headers.Remove(h);
}

bool IsIllegalMappedRequestHeader(std::string_view name, bool aws) {
  return InList(name, kIllegalMapped) || (aws && InList(name, kIllegalMappedAws));
}

void DropFromHttpIntegrationRequest(net::Headers& headers) {
  for (std::string_view h : kDroppedFromHttpRequest) headers.Remove(h);
}

void AddForwardingHeaders(net::Headers& headers, std::string_view client_ip, std::string_view host) {
  std::vector<std::string> sent = headers.GetAll("X-Forwarded-For");
  if (sent.empty()) {
    headers.Add("X-Forwarded-For", std::string(client_ip));
  } else {
    // One field, as a proxy appends to the list it received (RFC 7239 4).
    std::string joined;
    for (const std::string& v : sent) joined += v + ", ";
    headers.Set("X-Forwarded-For", joined + std::string(client_ip));
  }
  if (!headers.Has("X-Forwarded-Port")) {
    size_t colon = host.rfind(':');
    bool has_port = colon != std::string_view::npos && host.find(']', colon) == std::string_view::npos;
    headers.Add("X-Forwarded-Port", has_port ? std::string(host.substr(colon + 1)) : "80");
  }
  if (!headers.Has("X-Forwarded-Proto")) headers.Add("X-Forwarded-Proto", "http");
}

void DropFromAwsIntegrationRequest(net::Headers& headers) {
  for (std::string_view h : kDroppedFromAwsRequest) headers.Remove(h);
}

void RemapResponseHeaders(net::Headers& headers, ResponseHeaderRules rules) {
  bool any = false;
  for (const auto& [name, value] : headers) {
    if (Dropped(name, rules) || Remapped(name, rules)) {
      any = true;
      break;
    }
  }
  if (!any) return;
  net::Headers out;
  for (const auto& [name, value] : headers) {
    if (Dropped(name, rules)) continue;
    if (Remapped(name, rules)) {
      out.Add("x-amzn-Remapped-" + name, value);
    } else {
      out.Add(name, value);
    }
  }
  headers = std::move(out);
}

}  // namespace apigw::dp
