// CompiledTemplate: a mapping template parsed once at deployment. Templates
// without any Velocity syntax are kept as plain text and never rendered.
#pragma once

#include <memory>
#include <string>

#include "base/status_or.h"
#include "vtl/template.h"

namespace apigw::dp {

class CompiledTemplate {
 public:
  // Never fails: a template that does not parse is kept with its error, and
  // every render of it fails, as AWS answers such requests with a 500.
  static CompiledTemplate Compile(std::string source);
  // Kept as text, never parsed: gateway response templates, which "only
  // support simple variable substitution" (gateway_response.cc does it).
  static CompiledTemplate Text(std::string source);

  // True when the template has no '$' and no '#': its output is its source.
  bool is_static() const { return is_static_; }
  const std::string& source() const { return source_; }
  const Status& parse_error() const { return parse_error_; }

  // Renders with `context` (see template_variables.h); static templates
  // return their source without touching the context.
  StatusOr<std::string> Render(vtl::Context& context) const;

 private:
  std::string source_;
  bool is_static_ = true;
  std::shared_ptr<const vtl::Template> parsed_;
  Status parse_error_;
};

}  // namespace apigw::dp
