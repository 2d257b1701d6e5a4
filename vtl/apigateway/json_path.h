// JsonPath: the JSONPath dialect of Jayway JsonPath, which API Gateway's
// $input.json() and $input.path() use: $, .name, ['name'], ['a','b'], [n],
// [-n], [n,m], [start:end], [*], .*, ..name (deep scan), filters
// [?(@.a < 1 && @.b == 'x')] with Jayway's named operators (in, nin,
// subsetof, anyof, noneof, size, empty) and =~ /regex/flags, and a trailing
// function (length(), min(), max(), avg(), sum(), stddev()). A path without
// '$' is read as "$." + path.
#pragma once

#include <memory>
#include <optional>
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

  // A path may end in one of Jayway's functions: length(), min(), max(),
  // avg(), sum(), stddev(). Evaluate then gives the values the path selects
  // before the function, and ApplyFunction the function's one value: the
  // length of the array (or object, or string) a definite path names, or the
  // number of values an indefinite one selects; an aggregation over the
  // numbers of that array or selection, as a Java Double. No value (nullopt)
  // when there is nothing to measure or no number to aggregate.
  bool has_function() const { return function_ != Function::kNone; }
  struct FunctionResult {
    bool integer = false;  // length(): an Integer; the aggregations: a Double
    double value = 0;
  };
  std::optional<FunctionResult> ApplyFunction(const std::vector<const JsonValue*>& found) const;

  struct Step;
  struct Filter;

 private:
  enum class Function { kNone, kLength, kMin, kMax, kAvg, kSum, kStddev };
  std::vector<std::shared_ptr<const Step>> steps_;
  bool definite_ = true;
  bool steps_definite_ = true;  // of the steps before a function
  Function function_ = Function::kNone;
};

}  // namespace apigw::vtl
