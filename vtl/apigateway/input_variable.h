// $input: the payload and parameters a mapping template transforms, as API
// Gateway documents it ("$input Variables"): $input.body, $input.json(path),
// $input.path(path), $input.params() and $input.params(name).
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>

#include "base/json.h"
#include "vtl/apigateway/json_path.h"
#include "vtl/value.h"

namespace apigw::vtl {

class CycleBreaker;

// One per render: it parses the body on first use (once) and caches compiled
// paths. $input.path() values are views of the parsed body (vtl/json_view.h).
class InputVariable : public Object {
 public:
  // `params` is the map {"path": {...}, "querystring": {...}, "header": {...}}.
  // `what` names the payload in parse errors ("request body", "response body").
  // `breaker` is the render Context's (Context::cycle_breaker()).
  InputVariable(std::string body, Value params, std::string what = "request body",
                std::weak_ptr<CycleBreaker> breaker = {});

  std::optional<Value> GetProperty(std::string_view name) const override;
  std::optional<StatusOr<Value>> Call(std::string_view name,
                                      const std::vector<Value>& args) const override;
  std::optional<Status> AppendCall(std::string_view name, const std::vector<Value>& args,
                                   std::string* out) const override;
  std::string ToString() const override { return "$input"; }

 private:
  // An empty payload reads as "{}", as on API Gateway.
  const std::string& Body() const { return body_.empty() ? kEmptyBody : body_; }
  Status ParseBody() const;
  StatusOr<const JsonPath*> Path(const Value& arg) const;
  Value Param(std::string_view name) const;
  Status AppendJson(const Value& path, std::string* out) const;
  StatusOr<Value> PathValue(const Value& path) const;

  static const std::string kEmptyBody;
  std::string body_;
  Value params_;
  std::string what_;
  std::weak_ptr<CycleBreaker> breaker_;
  mutable bool parsed_ = false;
  mutable std::shared_ptr<const JsonDoc> doc_;
  mutable Status parse_error_;
  mutable std::map<std::string, JsonPath, std::less<>> paths_;
};

}  // namespace apigw::vtl
