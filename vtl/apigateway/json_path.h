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

  // The common definite paths read straight from their text, without compiling:
  // "$" followed by ".name" (letters, digits, '_') and "[n]" (n >= 0) steps,
  // such as "$.items[3].id". Returns false when `path` has another shape (then
  // compile it); otherwise sets `*found` to the value or nullptr when absent.
  static bool EvaluateSimple(std::string_view path, const JsonValue& root, const JsonValue** found);

  struct Step;
  struct Filter;

 private:
  std::vector<std::shared_ptr<const Step>> steps_;
  bool definite_ = true;
};

}  // namespace apigw::vtl
