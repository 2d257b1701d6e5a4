// GatewayError's defaults.
#include "data-plane/gateway/gateway_error.h"

namespace apigw::dp {

const std::string& GatewayError::Message() const {
  if (!message.empty()) return message;
  // Interned copies of the table's messages, so Message() can return a reference.
  static const std::string* const kDefaults = [] {
    auto* out = new std::string[kGatewayResponseTypeCount];
    for (int i = 0; i < kGatewayResponseTypeCount; ++i)
      out[i] = std::string(Info(static_cast<GatewayResponseType>(i)).message);
    return out;
  }();
  return kDefaults[static_cast<int>(type)];
}

int GatewayError::DefaultStatus() const {
  if (status != 0) return status;
  const GatewayResponseTypeInfo& info = Info(type);
  if (info.default_status != 0) return info.default_status;
  return info.is_5xx ? 500 : 400;
}

}  // namespace apigw::dp
