// TraceId.
#include "data-plane/rest/trace_id.h"

#include <cstdio>

#include "base/text.h"
#include "data-plane/rest/parameter_mapping.h"

namespace apigw::dp {

std::string TraceId(const Invocation& inv) {
  const std::string* incoming = LastHeader(inv.headers, "X-Amzn-Trace-Id");
  std::string root;
  if (incoming) {
    for (const std::string& part : Split(*incoming, ';')) {
      std::string_view p = Trim(part);
      if (StartsWith(p, "Root=")) root = std::string(p.substr(5));
    }
  }
  std::string hex = inv.context.request_id;  // a random UUID: 32 hex digits once the dashes go
  ReplaceAll(hex, "-", "");
  if (root.empty()) {
    char epoch[16];
    std::snprintf(epoch, sizeof epoch, "%08llx", (unsigned long long)(inv.context.request_time_epoch / 1000));
    root = "1-" + std::string(epoch) + "-" + hex.substr(0, 24);
  }
  return "Root=" + root + ";Parent=" + hex.substr(16, 16) + ";Sampled=0";
}

}  // namespace apigw::dp
