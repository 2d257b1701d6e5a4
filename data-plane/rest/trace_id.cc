// TraceId.
#include "data-plane/rest/trace_id.h"

#include <cstdio>

#include "base/text.h"
#include "data-plane/rest/parameter_mapping.h"

namespace apigw::dp {

// A client's trace header keeps its Root, and its Parent and Sampled too when
// it has them (recorded: test_apigateway_common.snapshot.json,
// test_invocation_trace_id: "Root=...;Parent=7fa8c0f79203be72;Sampled=1" comes
// back whole; a Root alone gets a Parent of API Gateway's own).
std::string TraceId(const Invocation& inv) {
  const std::string* incoming = LastHeader(inv.headers, "X-Amzn-Trace-Id");
  std::string root, parent, sampled;
  if (incoming) {
    for (const std::string& part : Split(*incoming, ';')) {
      std::string_view p = Trim(part);
      if (StartsWith(p, "Root=")) root = std::string(p.substr(5));
      if (StartsWith(p, "Parent=")) parent = std::string(p.substr(7));
      if (StartsWith(p, "Sampled=")) sampled = std::string(p.substr(8));
    }
  }
  std::string hex = inv.context.request_id;  // a random UUID: 32 hex digits once the dashes go
  ReplaceAll(hex, "-", "");
  if (root.empty()) {
    char epoch[16];
    std::snprintf(epoch, sizeof epoch, "%08llx", (unsigned long long)(inv.context.request_time_epoch / 1000));
    root = "1-" + std::string(epoch) + "-" + hex.substr(0, 24);
    parent.clear();
    sampled.clear();
  }
  if (parent.empty()) parent = hex.substr(16, 16);
  if (sampled.empty()) sampled = "0";
  return "Root=" + root + ";Parent=" + parent + ";Sampled=" + sampled;
}

}  // namespace apigw::dp
