// JsonPath: the JSONPath dialect of Jayway JsonPath, which API Gateway's
// $input.json() and $input.path() use: $, .name, ['name'], ['a','b'], [n],
// [-n], [n,m], [start:end], [*], .*, ..name (deep scan) and filters
// [?(@.a < 1 && @.b == 'x')]. A path without '$' is read as "$." + path.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/json.h"
#include "base/status_or.h"

namespace apigw::vtl {

class JsonPath {
 public:
  static StatusOr<JsonPath> Compile(std::string_view path);

  // A definite path (no wildcard, deep scan, filter, slice or list of indexes
  // or names) names at most one value; an indefinite path gives a list.
  bool definite() const { return definite_; }

  // Appends the values the path selects from `root`, in document order. For a
  // definite path, an empty result means the path does not exist.
  void Evaluate(const JsonValue& root, std::vector<const JsonValue*>* out) const;

  struct Step;
  struct Filter;

 private:
  std::vector<std::shared_ptr<const Step>> steps_;
  bool definite_ = true;
};

}  // namespace apigw::vtl
