// RouteTree: build and match. The order (exact, then {param}, then {proxy+},
// each tried only while the method is undefined further down) reproduces the
// AWS-validated LocalStack routing tests (test_apigateway_common.py,
// TestApigatewayRouting): GET /part1/random-value reaches a root {param+} when
// /part1 has no child for it, and OPTIONS /test reaches a root {proxy+} when
// /test defines only POST.
#include "data-plane/rest/route_tree.h"

#include "base/url.h"

namespace apigw::dp {

struct RouteTree::Node {
  std::map<std::string, std::unique_ptr<Node>, std::less<>> literals;
  std::unique_ptr<Node> param;  // {name}
  std::string param_name;
  std::unique_ptr<Node> greedy;  // {name+}: always a leaf
  std::string greedy_name;
  int resource_index = -1;
  uint16_t methods = 0;

  bool Serves(uint16_t bit) const { return resource_index >= 0 && (methods & (bit | kAnyBit)) != 0; }
};

namespace {

bool IsVariable(std::string_view part) { return part.size() >= 2 && part.front() == '{' && part.back() == '}'; }

}  // namespace

uint16_t RouteTree::MethodBit(std::string_view m) {
  static constexpr std::string_view kMethods[] = {"GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "ANY"};
  for (size_t i = 0; i < 8; ++i) {
    if (kMethods[i] == m) return uint16_t(1u << i);
  }
  return 0;
}

RouteTree::RouteTree() : root_(std::make_unique<Node>()) {}
RouteTree::~RouteTree() = default;
RouteTree::RouteTree(RouteTree&&) noexcept = default;
RouteTree& RouteTree::operator=(RouteTree&&) noexcept = default;

void RouteTree::Add(std::string_view path, int resource_index, uint16_t methods) {
  Node* node = root_.get();
  size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '/') {
      ++i;
      continue;
    }
    size_t end = path.find('/', i);
    if (end == std::string_view::npos) end = path.size();
    std::string_view part = path.substr(i, end - i);
    i = end;
    if (IsVariable(part)) {
      std::string_view name = part.substr(1, part.size() - 2);
      bool greedy = !name.empty() && name.back() == '+';
      if (greedy) name.remove_suffix(1);
      std::unique_ptr<Node>& child = greedy ? node->greedy : node->param;
      if (!child) {
        child = std::make_unique<Node>();
        (greedy ? node->greedy_name : node->param_name) = std::string(name);
      }
      node = child.get();
    } else {
      auto it = node->literals.find(part);
      if (it == node->literals.end()) it = node->literals.emplace(std::string(part), std::make_unique<Node>()).first;
      node = it->second.get();
    }
  }
  node->resource_index = resource_index;
  node->methods = methods;
}

namespace {

struct Matcher {
  uint16_t bit;
  const std::vector<std::string_view>& segments;
  std::vector<std::pair<std::string, std::string>>& params;
  bool& greedy;

  template <class NodeT>
  const NodeT* Walk(const NodeT* node, size_t at) {
    if (at == segments.size()) return node->Serves(bit) ? node : nullptr;
    std::string_view raw = segments[at];
    std::string storage;  // decoded only when there is something to decode
    std::string_view decoded = raw;
    if (raw.find('%') != std::string_view::npos) {
      storage = PercentDecode(raw);
      decoded = storage;
    }
    if (auto it = node->literals.find(decoded); it != node->literals.end()) {
      if (const NodeT* found = Walk(it->second.get(), at + 1)) return found;
    }
    if (node->param && !decoded.empty()) {
      params.emplace_back(node->param_name, std::string(decoded));
      if (const NodeT* found = Walk(node->param.get(), at + 1)) return found;
      params.pop_back();
    }
    if (node->greedy && node->greedy->Serves(bit)) {
      // The rest of the path, from this segment on, decoded as one value.
      std::string_view first = segments[at], last = segments.back();
      std::string_view rest(first.data(), size_t(last.data() + last.size() - first.data()));
      params.emplace_back(node->greedy_name, PercentDecode(rest));
      greedy = true;
      return node->greedy.get();
    }
    return nullptr;
  }
};

}  // namespace

std::optional<RouteTree::Match> RouteTree::Find(std::string_view http_method, std::string_view path) const {
  uint16_t bit = MethodBit(http_method);
  if (bit == 0 || bit == kAnyBit) return std::nullopt;  // "ANY" is not a request method
  while (!path.empty() && path.back() == '/') path.remove_suffix(1);
  if (!path.empty() && path.front() == '/') path.remove_prefix(1);
  std::vector<std::string_view> segments;
  if (!path.empty()) {
    size_t i = 0;
    while (true) {
      size_t end = path.find('/', i);
      if (end == std::string_view::npos) {
        segments.push_back(path.substr(i));
        break;
      }
      segments.push_back(path.substr(i, end - i));
      i = end + 1;
    }
  }
  Match match;
  Matcher matcher{bit, segments, match.path_params, match.greedy};
  const Node* found = matcher.Walk(root_.get(), 0);
  if (found == nullptr) return std::nullopt;
  match.resource_index = found->resource_index;
  return match;
}

}  // namespace apigw::dp
