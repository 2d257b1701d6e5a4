// Java regular expressions (java.util.regex) for String.replaceAll, replaceFirst,
// split and matches: a backtracking matcher with Java's syntax and semantics
// that keeps its own stack (no recursion per character, unlike std::regex,
// which overflows the stack on inputs of some ten thousand characters) and
// gives up with an error after a bounded number of steps.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/status_or.h"

namespace apigw::vtl {

class JavaRegex {
 public:
  // A syntax error is reported as Java's PatternSyntaxException would be.
  static StatusOr<std::shared_ptr<const JavaRegex>> Compile(std::string_view pattern);
  ~JavaRegex();

  struct Match {
    // Byte offsets into the searched string; -1 for a group that did not take part.
    std::vector<std::ptrdiff_t> groups;  // [2*i] start, [2*i+1] end of group i
  };
  // Searches `input` from byte offset `from`; with `anchored` the match must
  // start at `from` and end at the end of `input` (Matcher.matches()).
  StatusOr<bool> Find(std::string_view input, size_t from, bool anchored, Match* m) const;
  int group_count() const;
  // Java's String.replaceAll/replaceFirst, with Matcher.appendReplacement's
  // "$n" and "\x" rules; output longer than max_bytes is an error.
  StatusOr<std::string> Replace(std::string_view input, std::string_view replacement, bool all,
                                size_t max_bytes) const;
  // Java's String.split(regex, limit).
  StatusOr<std::vector<std::string>> Split(std::string_view input, int limit) const;

  struct Program;

 private:
  explicit JavaRegex(std::unique_ptr<Program> p);
  std::unique_ptr<Program> prog_;
};

}  // namespace apigw::vtl
