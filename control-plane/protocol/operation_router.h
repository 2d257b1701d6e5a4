// OperationRouter: finds the operation of one service model whose HTTP method
// and URI template match a request, and extracts the URI labels.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "base/url.h"
#include "control-plane/protocol/service_model.h"

namespace apigw::cp {

using UriLabels = std::vector<std::pair<std::string, std::string>>;  // label name -> decoded value

struct RouteMatch {
  const Operation* operation = nullptr;
  UriLabels labels;
};

class OperationRouter {
 public:
  explicit OperationRouter(const ServiceModel& model);

  // `raw_path` is still percent-encoded; labels are decoded after splitting on
  // '/', so an encoded ARN ("arn%3Aaws%3A...%2Frestapis%2Fabc") stays one label.
  // Literal segments beat labels; templates with matching literal query parts
  // ("?mode=import") beat those without. A last label whose value starts with
  // "arn:" also takes unencoded slashes ("/tags/arn:aws:...:/restapis/abc").
  // One trailing slash is ignored.
  std::optional<RouteMatch> Match(std::string_view method, std::string_view raw_path,
                                  const QueryParams& query) const;

 private:
  const ServiceModel& model_;
  std::unordered_map<std::string, std::vector<const Operation*>> by_method_;
};

}  // namespace apigw::cp
