// Tests of the renderer's shortcuts: a host object's method printed in place
// (Object::AppendCall: $input.json(), $util.escapeJavaScript()), variables
// read where they are kept, payloads parsed by the recursive parser. Each
// shortcut must print exactly what the general path prints: the checks render
// a form that takes the shortcut and one that does not (the value stored by
// #set first), and compare.
#include <doctest/doctest.h>

#include <string>

#include "vtl/apigateway/mapping_context.h"
#include "vtl/apigateway/util_variable.h"

using namespace apigw::vtl;
using apigw::StatusOr;

namespace {

StatusOr<std::string> Try(const std::string& source, const std::string& body, int64_t max_bytes = 0) {
  auto t = Template::Parse(source);
  REQUIRE_MESSAGE(t.ok(), t.status().ToString());
  MappingInput in;
  in.body = body;
  in.query_parameters = {{"q", "it's"}};
  Context ctx;
  PrepareContext(std::move(in), &ctx);
  if (max_bytes > 0) ctx.limits.max_output_bytes = max_bytes;
  return (*t)->Render(ctx);
}

std::string Render(const std::string& source, const std::string& body) {
  auto out = Try(source, body);
  REQUIRE_MESSAGE(out.ok(), out.status().ToString());
  return *out;
}

// `call` printed in place, and printed from a variable #set to it.
void CheckSame(const std::string& call, const std::string& body) {
  INFO(call);
  CHECK(Render("[" + call + "]", body) == Render("#set($v = " + call + ")[$v]", body));
}

const char* kBody = R"({"a": {"b": [1, 2.5, "x/y\"z", null, true]}, "s": "it's \"q\" \u00e9\u2028\n", "e": []})";

}  // namespace

TEST_CASE("fast paths: $input.json printed in place") {
  for (const char* path : {"'$'", "'$.a'", "'$.a.b[2]'", "'$.a.b[9]'", "'$.missing'", "'$.a.b[*]'",
                           "'$..b'", "'a.b'", "''", "$null", "'$.s'", "'$.e'"}) {
    CheckSame(std::string("$input.json(") + path + ")", kBody);
  }
  CHECK(Render("$input.json('$.a.b')", kBody) == R"([1,2.5,"x/y\"z",null,true])");
  CHECK(Render("$input.json('$.missing')", kBody) == "\"\"");
  CHECK(Render("#foreach($i in [0..1])$input.json(\"$.a.b[$foreach.index]\")#end", kBody) == "12.5");
  // Interpolated arguments of methods the objects do not print themselves.
  CHECK(Render("#foreach($i in [0..1])$input.path(\"$.a.b[$foreach.index]\")#end", kBody) == "12.5");
  CHECK(Render("#set($n = 'q')$input.params(\"$n\")|$util.urlEncode(\"$n $n\")", kBody) == "it's|q+q");
  CheckSame("$input.json(\"$.a.b[#set($k = 2)$k]\")", kBody);
  CheckSame("$util.escapeJavaScript(\"#foreach($i in [1..3])$i'#if($i == 2)#break#end#end\")", kBody);
}

TEST_CASE("fast paths: $util.escapeJavaScript printed in place") {
  CheckSame("$util.escapeJavaScript($input.path('$.s'))", kBody);
  CheckSame("$util.escapeJavaScript('plain')", kBody);
  CheckSame("$util.escapeJavaScript('a\"b\\c/d\te')", kBody);
  CheckSame("$util.escapeJavaScript(42)", kBody);
  CheckSame("$util.escapeJavaScript($input.path('$.a'))", kBody);
  CheckSame("$util.escapeJavaScript($input.params('q'))", kBody);
  CheckSame("$util.escapeJavaScript(\"\xF0\x9F\x98\x80 x\")", kBody);
  // null in, null out: printed as nothing (the general path).
  CHECK(Render("[$util.escapeJavaScript($missing)]", kBody) == "[]");
  CHECK(Render("[$util.escapeJavaScript($input.path('$.s'))]", kBody) ==
        "[it\\'s \\\"q\\\" \\u00E9\\u2028\\n]");
}

TEST_CASE("fast paths: reference forms around a printed call") {
  CHECK(Render("$!{input.json('$.a.b[0]')}|${input.json('$.a.b[0]')}|$!input.json('$.e')", kBody) == "1|1|[]");
  CHECK(Render("\\$input.json('$.a')", kBody) == "$input.json('$.a')");
  CHECK(Render("$$input.json('$.a.b[0]')", kBody) == "$1");
  CHECK(Render("#set($u = $util)$u.escapeJavaScript(\"'\")", kBody) == "\\'");
  // A null on the way to the method: the method is not called.
  CHECK(Render("[$nothing.json('$')][$input.missing.json('$')]", kBody) == "[][]");
  // Methods the objects do not print themselves.
  CHECK(Render("$input.path('$.a.b').size() $input.params('q') $util.urlEncode('a b')", kBody) ==
        "5 it's a+b");
}

TEST_CASE("fast paths: failures and limits as the general path gives them") {
  auto bad_json = Try("x $input.json('$.a')", "{not json");
  auto bad_json_set = Try("x #set($v = $input.json('$.a'))$v", "{not json");
  REQUIRE_FALSE(bad_json.ok());
  REQUIRE_FALSE(bad_json_set.ok());
  CHECK(bad_json.status().http_status() == bad_json_set.status().http_status());
  CHECK(bad_json.status().message().substr(0, 50) == bad_json_set.status().message().substr(0, 50));
  auto bad_path = Try("$input.json('$[?(')", kBody);
  REQUIRE_FALSE(bad_path.ok());
  // A printed value past the output limit fails the render with the value's name.
  auto big = Try("$input.json('$')", kBody, 20);
  REQUIRE_FALSE(big.ok());
  CHECK(big.status().message().find("Value of $input.json('$') is too large") != std::string::npos);
  auto big_set = Try("#set($v = $input.json('$'))$v", kBody, 20);
  REQUIRE_FALSE(big_set.ok());
  CHECK(big_set.status().message().find("Value of $v is too large") != std::string::npos);
  auto fits = Try("$input.json('$.a.b[0]')", kBody, 20);
  CHECK(fits.ok());
}

TEST_CASE("fast paths: a method's arguments may change the variable it is called on") {
  // The target is read before the arguments, as Velocity does.
  CHECK(Render("#set($s = 'abc')$s.concat(\"#set($s = 'xyz')$s\")|$s", "{}") == "abcxyz|xyz");
  CHECK(Render("#set($l = [1])$l.add(\"#set($l = [2])x\")$l", "{}") == "true[2]");
}

TEST_CASE("fast paths: payload parsing, nesting and errors") {
  std::string deep_ok(999, '[');
  deep_ok += std::string(999, ']');
  CHECK(Render("$input.json('$').length()", deep_ok) == std::to_string(2 * 999));
  std::string deep_limit(999, '[');  // 999 open arrays and a number: 1000 deep
  deep_limit += "1" + std::string(999, ']');
  CHECK(Try("$input.json('$').length()", deep_limit).ok());
  std::string too_deep(1000, '[');  // 1001 deep
  too_deep += "1" + std::string(1000, ']');
  auto r = Try("$input.json('$')", too_deep);
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().message().find("nesting depth exceeds 1000") != std::string::npos);
  std::string way_too_deep(100000, '[');
  auto w = Try("$input.json('$')", way_too_deep);
  REQUIRE_FALSE(w.ok());
  CHECK(w.status().message().find("Could not parse request body into json") != std::string::npos);
  auto bad = Try("$input.json('$')", R"({"a": 1,})");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.status().message() ==
        "Could not parse request body into json: Missing a name for object member. at offset 8 at line 1, column 1");
  auto trailing = Try("$input.json('$')", R"({"a": 1} x)");
  REQUIRE_FALSE(trailing.ok());
  CHECK(trailing.status().message() ==
        "Could not parse request body into json: The document root must not be followed by other values. at offset 9 "
        "at line 1, column 1");
  CHECK(Render("$input.json('$')", R"({"big": 12345678901234567890, "f": 0.1e1, "n": -0, "u": "\u0000x"})") ==
        R"({"big":1.2345678901234567E19,"f":1.0,"n":0,"u":"\u0000x"})");
}

TEST_CASE("fast paths: escapeJavaScript appends to what is there") {
  std::string out = "pre:";
  AppendEscapedJavaScript("a'\xC3\xA9", &out);
  CHECK(out == "pre:a\\'\\u00E9");
  CHECK(EscapeJavaScript("x\x01/") == "x\\u0001\\/");
}
