// CompiledTemplate: parse once, render many.
#include "data-plane/rest/compiled_template.h"

namespace apigw::dp {

CompiledTemplate CompiledTemplate::Compile(std::string source) {
  CompiledTemplate out;
  out.source_ = std::move(source);
  // Velocity only interprets text around '$' and '#' (a '\' escapes only those).
  out.is_static_ = out.source_.find_first_of("$#") == std::string::npos;
  if (out.is_static_) return out;
  StatusOr<std::shared_ptr<const vtl::Template>> parsed = vtl::Template::Parse(out.source_);
  if (parsed.ok()) {
    out.parsed_ = std::move(parsed).value();
  } else {
    out.parse_error_ = parsed.status();
  }
  return out;
}

CompiledTemplate CompiledTemplate::Text(std::string source) {
  CompiledTemplate out;
  out.source_ = std::move(source);
  return out;
}

StatusOr<std::string> CompiledTemplate::Render(vtl::Context& context) const {
  if (is_static_) return source_;
  if (!parsed_) return parse_error_;
  return parsed_->Render(context);
}

}  // namespace apigw::dp
