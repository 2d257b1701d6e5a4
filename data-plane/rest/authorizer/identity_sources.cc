// Identity source parsing and look-up.
#include "data-plane/rest/authorizer/identity_sources.h"

#include "base/text.h"
#include "data-plane/rest/invocation.h"
#include "data-plane/rest/parameter_mapping.h"

namespace apigw::dp {

std::optional<std::vector<IdentitySource>> ParseIdentitySources(std::string_view text) {
  struct Prefix {
    std::string_view text;
    IdentitySource::Kind kind;
  };
  static constexpr Prefix kPrefixes[] = {
      {"method.request.header.", IdentitySource::Kind::kHeader},
      {"method.request.querystring.", IdentitySource::Kind::kQueryString},
      {"stageVariables.", IdentitySource::Kind::kStageVariable},
      {"context.", IdentitySource::Kind::kContext},
  };
  std::vector<IdentitySource> out;
  if (Trim(text).empty()) return out;
  for (const std::string& part : Split(text, ',')) {
    std::string_view entry = Trim(part);
    bool known = false;
    for (const Prefix& p : kPrefixes) {
      if (!StartsWith(entry, p.text) || entry.size() == p.text.size()) continue;
      out.push_back({p.kind, std::string(entry.substr(p.text.size()))});
      known = true;
      break;
    }
    if (!known) return std::nullopt;
  }
  return out;
}

std::optional<std::vector<std::string>> IdentityValues(const std::vector<IdentitySource>& sources,
                                                       const Invocation& inv) {
  std::vector<std::string> values;
  values.reserve(sources.size());
  for (const IdentitySource& s : sources) {
    std::optional<std::string> value;
    switch (s.kind) {
      case IdentitySource::Kind::kHeader:
        if (const std::string* v = LastHeader(inv.headers, s.name)) value = *v;
        break;
      case IdentitySource::Kind::kQueryString:
        if (const std::string* v = inv.QueryValue(s.name)) value = *v;
        break;
      case IdentitySource::Kind::kStageVariable:
        if (const std::string* v = inv.stage->StageVariable(s.name)) value = *v;
        break;
      case IdentitySource::Kind::kContext:
        value = inv.context.Lookup(s.name);
        break;
    }
    if (!value || value->empty()) return std::nullopt;
    values.push_back(std::move(*value));
  }
  return values;
}

}  // namespace apigw::dp
