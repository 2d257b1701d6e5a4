// URL form parsing.
#include "data-plane/execute_api_target.h"

#include "base/text.h"
#include "base/url.h"

namespace apigw::dp {

namespace {

// Splits the first segment off `rest` ("/a/b" -> "a", rest "/b").
std::string_view TakeSegment(std::string_view& rest) {
  if (rest.empty() || rest.front() != '/') return {};
  rest.remove_prefix(1);
  size_t slash = rest.find('/');
  std::string_view seg = rest.substr(0, slash);
  rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash);
  return seg;
}

std::optional<ExecuteApiTarget> Make(std::string_view api_id, std::string_view stage, std::string_view path) {
  if (api_id.empty() || stage.empty()) return std::nullopt;
  ExecuteApiTarget t;
  t.api_id = PercentDecode(api_id);
  t.stage = PercentDecode(stage);
  t.path = path.empty() ? "/" : std::string(path);
  t.stage_path = "/" + std::string(stage) + std::string(path);
  return t;
}

}  // namespace

std::string_view HostStyleApiId(std::string_view host) {
  size_t dot = host.find('.');
  if (dot == std::string_view::npos || dot == 0) return {};
  std::string_view after = host.substr(dot + 1);
  if (after.size() < 12 || !EqualsIgnoreCase(after.substr(0, 12), "execute-api.")) return {};
  return host.substr(0, dot);
}

std::optional<ExecuteApiTarget> ParseExecuteApiTarget(std::string_view path, std::string_view host) {
  if (std::string_view api = HostStyleApiId(host); !api.empty()) {
    std::string_view rest = path;
    std::string_view stage = TakeSegment(rest);
    return Make(api, stage, rest);
  }
  std::string_view rest = path;
  std::string_view first = TakeSegment(rest);
  if (first == "_aws") {
    std::string_view probe = rest;
    if (TakeSegment(probe) == "execute-api") {
      std::string_view api = TakeSegment(probe);
      std::string_view stage = TakeSegment(probe);
      return Make(api, stage, probe);
    }
  }
  if (first == "restapis") {
    std::string_view probe = rest;
    std::string_view api = TakeSegment(probe);
    std::string_view stage = TakeSegment(probe);
    constexpr std::string_view kUser = "/_user_request_";
    if (probe.substr(0, kUser.size()) == kUser &&
        (probe.size() == kUser.size() || probe[kUser.size()] == '/')) {
      return Make(api, stage, probe.substr(kUser.size()));
    }
  }
  std::string_view stage = TakeSegment(rest);
  return Make(first, stage, rest);
}

}  // namespace apigw::dp
