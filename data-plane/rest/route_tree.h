// RouteTree: a REST API's resources as a tree of path segments, matched per
// request: literal segments before {param} before {proxy+}, backtracking to
// the next candidate when a branch has no method for the request.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace apigw::dp {

class RouteTree {
 public:
  // Bit per method a resource defines; ANY is its own bit.
  static uint16_t MethodBit(std::string_view http_method);  // 0 for a method AWS has not
  static constexpr uint16_t kAnyBit = 1u << 7;

  struct Match {
    int resource_index = -1;
    // Decoded path parameters in path order; a greedy {name+} is named "name".
    std::vector<std::pair<std::string, std::string>> path_params;
    bool greedy = false;  // the last path parameter is a {name+}
  };

  RouteTree();
  ~RouteTree();
  RouteTree(RouteTree&&) noexcept;
  RouteTree& operator=(RouteTree&&) noexcept;

  // Adds a resource at `path` ("/", "/pets/{id}", "/{proxy+}") defining `methods` bits.
  void Add(std::string_view path, int resource_index, uint16_t methods);

  // Matches `path` (the request path after the stage, still percent-encoded)
  // for `http_method`. Trailing slashes are ignored, as on AWS.
  std::optional<Match> Find(std::string_view http_method, std::string_view path) const;

 private:
  struct Node;
  std::unique_ptr<Node> root_;
};

}  // namespace apigw::dp
