// OperationRouter: URI template matching with a precedence order.
#include "control-plane/protocol/operation_router.h"

#include "base/text.h"

namespace apigw::cp {

namespace {

// How well a template fits: compared lexicographically, greater wins.
struct Score {
  int query_literals = 0;
  std::vector<int> segments;  // per position: 3 literal, 2 label, 1 greedy, 0 arn fallback
  bool operator>(const Score& o) const {
    if (query_literals != o.query_literals) return query_literals > o.query_literals;
    return segments > o.segments;
  }
};

bool QueryHas(const QueryParams& query, const std::string& key, const std::string& value) {
  for (const auto& [k, v] : query)
    if (k == key && (value.empty() || v == value)) return true;
  return false;
}

std::string JoinRaw(const std::vector<std::string_view>& parts, size_t from) {
  std::string out;
  for (size_t i = from; i < parts.size(); ++i) {
    if (i > from) out.push_back('/');
    out.append(parts[i]);
  }
  return out;
}

bool MatchOne(const Operation& op, const std::vector<std::string_view>& raw, const QueryParams& query,
              UriLabels* labels, Score* score) {
  for (const auto& [k, v] : op.query_literals)
    if (!QueryHas(query, k, v)) return false;
  score->query_literals = int(op.query_literals.size());
  size_t j = 0;
  for (size_t i = 0; i < op.path.size(); ++i) {
    const UriSegment& seg = op.path[i];
    bool last = i + 1 == op.path.size();
    if (j >= raw.size()) return false;
    switch (seg.kind) {
      case UriSegment::Kind::kLiteral:
        if (PercentDecode(raw[j]) != seg.text) return false;
        score->segments.push_back(3);
        ++j;
        break;
      case UriSegment::Kind::kLabel: {
        if (raw[j].empty()) return false;
        std::string value = PercentDecode(raw[j]);
        if (last && j + 1 < raw.size() && StartsWith(value, "arn:")) {
          labels->emplace_back(seg.text, PercentDecode(JoinRaw(raw, j)));
          score->segments.push_back(0);
          j = raw.size();
        } else {
          labels->emplace_back(seg.text, std::move(value));
          score->segments.push_back(2);
          ++j;
        }
        break;
      }
      case UriSegment::Kind::kGreedyLabel: {
        std::string rest = JoinRaw(raw, j);
        if (rest.empty()) return false;
        labels->emplace_back(seg.text, PercentDecode(rest));
        score->segments.push_back(1);
        j = raw.size();
        break;
      }
    }
  }
  return j == raw.size();
}

}  // namespace

OperationRouter::OperationRouter(const ServiceModel& model) : model_(model) {
  for (const Operation& op : model_.operations()) by_method_[op.method].push_back(&op);
}

std::optional<RouteMatch> OperationRouter::Match(std::string_view method, std::string_view raw_path,
                                                 const QueryParams& query) const {
  auto it = by_method_.find(std::string(method));
  if (it == by_method_.end()) return std::nullopt;
  if (raw_path.empty() || raw_path.front() != '/') return std::nullopt;
  std::string_view p = raw_path.substr(1);
  // SDK models disagree on trailing slashes (older ones send ListFunctions as
  // "/2015-03-31/functions/"), so one trailing slash is ignored.
  if (!p.empty() && p.back() == '/') p.remove_suffix(1);
  std::vector<std::string_view> raw;
  if (!p.empty()) {
    size_t start = 0;
    while (true) {
      size_t slash = p.find('/', start);
      raw.push_back(p.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start));
      if (slash == std::string_view::npos) break;
      start = slash + 1;
    }
  }
  std::optional<RouteMatch> best;
  Score best_score;
  for (const Operation* op : it->second) {
    UriLabels labels;
    Score score;
    if (!MatchOne(*op, raw, query, &labels, &score)) continue;
    if (!best || score > best_score) {
      best = RouteMatch{op, std::move(labels)};
      best_score = std::move(score);
    }
  }
  return best;
}

}  // namespace apigw::cp
