// $util: the functions API Gateway documents for mapping templates
// ("$util Variables"): escapeJavaScript, parseJson, urlEncode, urlDecode,
// base64Encode and base64Decode. Nothing else: AppSync's $util functions
// (toJson, qr, ...) do not exist on API Gateway.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "base/status_or.h"
#include "vtl/value.h"

namespace apigw::vtl {

class CycleBreaker;

class UtilVariable : public Object {
 public:
  // `breaker`: the render Context's (Context::cycle_breaker()), for the values
  // of $util.parseJson().
  explicit UtilVariable(std::weak_ptr<CycleBreaker> breaker = {}) : breaker_(std::move(breaker)) {}
  std::optional<StatusOr<Value>> Call(std::string_view name,
                                      const std::vector<Value>& args) const override;
  std::optional<Status> AppendCall(std::string_view name, const std::vector<Value>& args,
                                   std::string* out) const override;
  std::string ToString() const override { return "$util"; }

 private:
  std::weak_ptr<CycleBreaker> breaker_;
};

// Apache Commons Lang's StringEscapeUtils.escapeJavaScript: quotes (single
// too), backslash and '/' get a backslash; control characters their short
// escape or \u00XX; every non-ASCII UTF-16 unit \uXXXX (upper case hex).
std::string EscapeJavaScript(std::string_view s);
void AppendEscapedJavaScript(std::string_view s, std::string* out);
// java.net.URLEncoder.encode(s, "UTF-8"): letters, digits and ".-*_" stay,
// space becomes '+', every other byte %XX.
std::string UrlEncode(std::string_view s);
// java.net.URLDecoder.decode(s, "UTF-8"); a malformed escape is an error.
StatusOr<std::string> UrlDecode(std::string_view s);

}  // namespace apigw::vtl
