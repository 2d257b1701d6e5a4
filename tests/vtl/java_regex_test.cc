// Tests of vtl/java_regex: results as java.util.regex gives them.
#include <doctest/doctest.h>

#include "vtl/java_regex.h"

using namespace apigw::vtl;

namespace {

std::string ReplaceAll(const std::string& s, const std::string& re, const std::string& rep) {
  auto r = JavaRegex::Compile(re);
  REQUIRE_MESSAGE(r.ok(), r.status().ToString());
  auto out = (*r)->Replace(s, rep, true, 1 << 24);
  REQUIRE_MESSAGE(out.ok(), out.status().ToString());
  return *out;
}

std::vector<std::string> Split(const std::string& s, const std::string& re, int limit = 0) {
  auto r = JavaRegex::Compile(re);
  REQUIRE(r.ok());
  auto out = (*r)->Split(s, limit);
  REQUIRE(out.ok());
  return *out;
}

bool Matches(const std::string& s, const std::string& re) {
  auto r = JavaRegex::Compile(re);
  REQUIRE_MESSAGE(r.ok(), r.status().ToString());
  JavaRegex::Match m;
  auto found = (*r)->Find(s, 0, true, &m);
  REQUIRE(found.ok());
  return *found;
}

using V = std::vector<std::string>;

}  // namespace

TEST_CASE("java regex: replaceAll") {
  CHECK(ReplaceAll("abc", "b", "X") == "aXc");
  CHECK(ReplaceAll("aaa", "a*", "X") == "XX");
  CHECK(ReplaceAll("abc", "", "-") == "-a-b-c-");
  CHECK(ReplaceAll("abc", "b*", "-") == "-a--c-");
  CHECK(ReplaceAll("Hello World", "(\\w+) (\\w+)", "$2 $1") == "World Hello");
  CHECK(ReplaceAll("2020-01-02", "(\\d{4})-(\\d{2})-(\\d{2})", "$3/$2/$1") == "02/01/2020");
  CHECK(ReplaceAll("a.b.c", "\\.", "/") == "a/b/c");
  CHECK(ReplaceAll("aaa", "a{2}", "x") == "xa");
  CHECK(ReplaceAll("aaaa", "a{1,2}?", "x") == "xxxx");
  CHECK(ReplaceAll("abab", "(ab)+", "[$1]") == "[ab]");
  CHECK(ReplaceAll("ABC abc", "(?i)abc", "x") == "x x");
  CHECK(ReplaceAll("line1\nline2", "^line", "L") == "L1\nline2");
  CHECK(ReplaceAll("line1\nline2", "(?m)^line", "L") == "L1\nL2");
  CHECK(ReplaceAll("path/to/file", "/", "\\\\") == "path\\to\\file");
  CHECK(ReplaceAll("cost", "o", "\\$") == "c$st");
  CHECK(ReplaceAll("aaa", "(a)(?=a)", "b") == "bba");
  CHECK(ReplaceAll("foo123", "(?<=foo)\\d+", "#") == "foo#");
  CHECK(ReplaceAll("foo123 bar456", "(?<!foo)\\d{3}", "#") == "foo123 bar#");
  CHECK(ReplaceAll("a-b_c", "[\\w&&[^_]]", "x") == "x-x_x");
  CHECK(ReplaceAll("ab", "a|ab", "x") == "xb");  // leftmost-first, not longest
  CHECK(ReplaceAll("abcabc", "(a)(b)(c)\\1", "x") == "xbc");
  CHECK(ReplaceAll("unicode \xC3\xA9 \xE2\x9C\x93", "[^\\x00-\\x7F]", "?") == "unicode ? ?");
  CHECK(ReplaceAll("\xF0\x9F\x98\x80x", ".", "y") == "yy");  // '.' takes a whole code point
  CHECK(ReplaceAll("it's", "\\'", "\\\\'") == "it\\'s");
  CHECK(ReplaceAll("x", "(?<name>x)", "${name}${name}") == "xx");
  CHECK(ReplaceAll("aaa", "a++a", "x") == "aaa");  // possessive: no backtracking
  CHECK(ReplaceAll("a\tb", "\\s", "_") == "a_b");
  CHECK(ReplaceAll("a.b", "\\Q.\\E", "!") == "a!b");
  CHECK(ReplaceAll("end\n", "d$", "D") == "enD\n");  // $ before a final line terminator
  CHECK(ReplaceAll("word boundary", "\\b", "|") == "|word| |boundary|");
  CHECK(ReplaceAll("abc", "[a-b]", "$0$0") == "aabbc");
}

TEST_CASE("java regex: split") {
  CHECK(Split("a,b,,c,,", ",") == V{"a", "b", "", "c"});
  CHECK(Split("a,b,,c,,", ",", -1) == V{"a", "b", "", "c", "", ""});
  CHECK(Split("boo:and:foo", "o") == V{"b", "", ":and:f"});
  CHECK(Split("boo:and:foo", ":", 2) == V{"boo", "and:foo"});
  CHECK(Split("boo:and:foo", "o", -1) == V{"b", "", ":and:f", "", ""});
  CHECK(Split("abc", "") == V{"a", "b", "c"});
  CHECK(Split(" a b ", " ") == V{"", "a", "b"});
  CHECK(Split("", ",") == V{""});
  CHECK(Split("a1b22c333", "\\d+") == V{"a", "b", "c"});
}

TEST_CASE("java regex: matches") {
  CHECK(Matches("abc", "a.c"));
  CHECK_FALSE(Matches("abc", "a"));
  CHECK(Matches("abc", "a.*"));
  CHECK(Matches("ABC", "(?i)abc"));
  CHECK_FALSE(Matches("a\n", "a$"));
  CHECK_FALSE(Matches("a\nb", "a.b"));
  CHECK(Matches("a\nb", "(?s)a.b"));
  CHECK(Matches("2024-01-31", "\\d{4}-\\d{2}-\\d{2}"));
  CHECK(Matches("user@example.com", "[\\w.]+@[\\w.]+\\.\\p{Alpha}{2,}"));
}

TEST_CASE("java regex: syntax errors are errors") {
  for (const char* bad : {"(", "[a", "a{", "*a", "a**", "\\", "(?<x", "a{3,1}", "\\k<none>", "(?<=a*)b"}) {
    CAPTURE(bad);
    CHECK_FALSE(JavaRegex::Compile(bad).ok());
  }
}

TEST_CASE("java regex: long inputs and runaway patterns do not crash") {
  std::string big(300000, 'a');
  big[150000] = ' ';
  CHECK(ReplaceAll(big, "\\s+", "").size() == 299999);
  CHECK(ReplaceAll(big, "a+", "b") == "b b");
  auto re = JavaRegex::Compile("(a+)+$");
  REQUIRE(re.ok());
  JavaRegex::Match m;
  auto r = (*re)->Find(std::string(40, 'a') + "!", 0, false, &m);
  CHECK_FALSE(r.ok());  // catastrophic backtracking ends in an error, not a hang
  auto deep = JavaRegex::Compile(std::string(500, '(') + "a" + std::string(500, ')'));
  CHECK_FALSE(deep.ok());
}
