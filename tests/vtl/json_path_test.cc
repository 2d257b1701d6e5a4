// Tests of vtl/apigateway/json_path.
#include <doctest/doctest.h>

#include "base/json.h"
#include "vtl/apigateway/json_path.h"

using namespace apigw;
using namespace apigw::vtl;

namespace {

std::string Eval(const std::string& json, const std::string& path) {
  auto doc = ParseJson(json);
  REQUIRE(doc.ok());
  auto p = JsonPath::Compile(path);
  REQUIRE_MESSAGE(p.ok(), p.status().ToString());
  std::vector<const JsonValue*> out;
  p->Evaluate(*doc, &out);
  std::string s;
  for (const JsonValue* v : out) s += (s.empty() ? "" : "|") + ToJson(*v);
  return s;
}

const char* kStore = R"({"store": {"book": [
  {"category": "reference", "author": "Nigel Rees", "title": "Sayings", "price": 8.95},
  {"category": "fiction", "author": "Evelyn Waugh", "title": "Sword", "price": 12.99},
  {"category": "fiction", "author": "Herman Melville", "title": "Moby Dick", "isbn": "0-553", "price": 8.99}],
  "bicycle": {"color": "red", "price": 19.95}}, "expensive": 10})";

}  // namespace

TEST_CASE("json path: selections") {
  CHECK(Eval(kStore, "$.store.bicycle.color") == "\"red\"");
  CHECK(Eval(kStore, "store.bicycle.color") == "\"red\"");
  CHECK(Eval(kStore, "$['store']['bicycle']['price']") == "19.95");
  CHECK(Eval(kStore, "$.store.book[*].author") == "\"Nigel Rees\"|\"Evelyn Waugh\"|\"Herman Melville\"");
  CHECK(Eval(kStore, "$..author") == "\"Nigel Rees\"|\"Evelyn Waugh\"|\"Herman Melville\"");
  CHECK(Eval(kStore, "$.store.book[2].title") == "\"Moby Dick\"");
  CHECK(Eval(kStore, "$.store.book[-1].price") == "8.99");
  CHECK(Eval(kStore, "$.store.book[0,1].price") == "8.95|12.99");
  CHECK(Eval(kStore, "$.store.book[:2].price") == "8.95|12.99");
  CHECK(Eval(kStore, "$.store.book[1:].price") == "12.99|8.99");
  CHECK(Eval(kStore, "$.store.book[?(@.isbn)].title") == "\"Moby Dick\"");
  CHECK(Eval(kStore, "$.store.book[?(@.price < 10)].price") == "8.95|8.99");
  CHECK(Eval(kStore, "$.store.book[?(@.category == 'fiction' && @.price > 10)].title") == "\"Sword\"");
  CHECK(Eval(kStore, "$.store.book[?(@.price > $.expensive)].title") == "\"Sword\"");
  CHECK(Eval(kStore, "$.store.book[?(!@.isbn)].price") == "8.95|12.99");
  CHECK(Eval(kStore, "$.store.*.color") == "\"red\"");
  CHECK(Eval(kStore, "$..price") == "8.95|12.99|8.99|19.95");
  CHECK(Eval(kStore, "$.missing.deeper") == "");
  CHECK(Eval(kStore, "$.store.book[9]") == "");
  CHECK(Eval("[1,2,3]", "$[1]") == "2");
  CHECK(Eval("{\"a.b\": 1, \"c d\": 2}", "$['a.b']") == "1");
}

TEST_CASE("json path: Jayway's named filter operators and regular expressions") {
  const char* items = R"({"items": [{"n": "apple", "p": 5, "t": ["a", "b"], "o": {}},
    {"n": "pear", "p": 50, "t": [], "o": {"k": 1}}, {"n": "Plum", "p": 7.5, "t": ["c"]}, {"n": "", "p": null}]})";
  // =~ matches the whole value (Matcher.matches()), with Java's flags after the slash.
  CHECK(Eval(items, "$.items[?(@.n =~ /p.*/i)].n") == "\"pear\"|\"Plum\"");
  CHECK(Eval(items, "$.items[?(@.n =~ /p.*/)].n") == "\"pear\"");
  CHECK(Eval(items, "$.items[?(@.n =~ /a/)].n") == "");
  CHECK(Eval(items, "$.items[?(@.p =~ /\\d+/)].n") == "\"apple\"|\"pear\"");  // numbers as their text
  CHECK(Eval(items, "$.items[?(@.n =~ /a\\/b|apple/)].p") == "5");
  CHECK(Eval(items, "$.items[?(@.n in ['apple', \"Plum\"])].p") == "5|7.5");
  CHECK(Eval(items, "$.items[?(@.p in [5, 50])].n") == "\"apple\"|\"pear\"");
  CHECK(Eval(items, "$.items[?(@.n nin ['apple','pear'])].p") == "7.5|null");
  CHECK(Eval(items, "$.items[?(@.missing nin ['x'])].p") == "5|50|7.5|null");  // an absent value is in no list
  CHECK(Eval(items, "$.items[?(@.t size 2)].n") == "\"apple\"");
  CHECK(Eval(items, "$.items[?(@.n size 4)].p") == "50|7.5");
  CHECK(Eval(items, "$.items[?(@.o size 1)].n") == "\"pear\"");
  CHECK(Eval(items, "$.items[?(@.t empty true)].n") == "\"pear\"");
  CHECK(Eval(items, "$.items[?(@.t empty false)].n") == "\"apple\"|\"Plum\"");
  CHECK(Eval(items, "$.items[?(@.n empty true)].p") == "null");
  CHECK(Eval(items, "$.items[?(@.t subsetof ['a','b','c'])].n") == "\"apple\"|\"pear\"|\"Plum\"");
  CHECK(Eval(items, "$.items[?(@.t anyof ['b','x'])].n") == "\"apple\"");
  CHECK(Eval(items, "$.items[?(@.t noneof ['b','x'])].n") == "\"pear\"|\"Plum\"");
  CHECK(Eval(items, "$.items[?(@.p > 6 && @.n in ['pear'])].n") == "\"pear\"");
  CHECK(Eval(items, "$.items[?(@.index in ['x'] || @.p == 5)].n") == "\"apple\"");
  for (const char* bad : {"$.items[?(@.n =~ p.*)]", "$.items[?(@.n =~ /p.*)]", "$.items[?(@.n =~ /(/)]",
                          "$.items[?(@.n in ['a')]"}) {
    CHECK_FALSE(JsonPath::Compile(bad).ok());
  }
}

TEST_CASE("json path: Jayway's functions at the end of a path") {
  auto doc = ParseJson(R"({"a": [1, 2.5, "x", 4], "o": {"k": 1, "l": 2}, "s": "h\u00e9\ud83d\ude00", "e": [],
                           "items": [{"p": 5}, {"p": 50}, {"q": 1}]})");
  REQUIRE(doc.ok());
  auto apply = [&](const char* text) -> std::string {
    auto p = JsonPath::Compile(text);
    REQUIRE_MESSAGE(p.ok(), p.status().ToString());
    CHECK(p->has_function());
    CHECK(p->definite());
    std::vector<const JsonValue*> found;
    p->Evaluate(*doc, &found);
    auto r = p->ApplyFunction(found);
    if (!r) return "none";
    return (r->integer ? "int " : "double ") + std::to_string(r->value);
  };
  CHECK(apply("$.a.length()") == "int 4.000000");
  CHECK(apply("$.o.length()") == "int 2.000000");
  CHECK(apply("$.s.length()") == "int 4.000000");  // UTF-16 units, as Java counts them
  CHECK(apply("$.items[*].p.length()") == "int 2.000000");  // the selection's size
  CHECK(apply("$.a.max()") == "double 4.000000");  // numbers only
  CHECK(apply("$.a.min()") == "double 1.000000");
  CHECK(apply("$.a.sum()") == "double 7.500000");
  CHECK(apply("$.items[*].p.avg()") == "double 27.500000");
  CHECK(apply("$.items[*].p.stddev()") == "double 22.500000");
  CHECK(apply("$.e.max()") == "none");
  CHECK(apply("$.missing.length()") == "none");
  CHECK_FALSE(JsonPath::Compile("$.a")->has_function());
}

TEST_CASE("json path: definite and indefinite paths") {
  CHECK(JsonPath::Compile("$.a.b[0]")->definite());
  CHECK(JsonPath::Compile("$")->definite());
  CHECK_FALSE(JsonPath::Compile("$.a[*]")->definite());
  CHECK_FALSE(JsonPath::Compile("$..a")->definite());
  CHECK_FALSE(JsonPath::Compile("$.a[0,1]")->definite());
  CHECK_FALSE(JsonPath::Compile("$.a[0:1]")->definite());
  CHECK_FALSE(JsonPath::Compile("$['a','b']")->definite());
  CHECK_FALSE(JsonPath::Compile("$.a[?(@.x)]")->definite());
}

TEST_CASE("json path: invalid paths are errors") {
  for (const char* bad : {"", "$[", "$.", "$[?(@.a]", "$[x]", "$['a'", "$..", "$.a[1:x]"}) {
    CAPTURE(bad);
    CHECK_FALSE(JsonPath::Compile(bad).ok());
  }
}

TEST_CASE("JsonPath: simple paths read without compiling agree with compiled ones") {
  auto doc = apigw::ParseJson(R"({"a": {"b": [10, {"c": "x"}], "d_1": true}, "arr": [[1, 2], [3]], "n": null})");
  REQUIRE(doc.ok());
  for (const char* path : {"$", "$.a", "$.a.b", "$.a.b[0]", "$.a.b[1].c", "$.a.b[2]", "$.a.d_1", "$.arr[1][0]",
                           "$.arr[0][5]", "$.n", "$.n.x", "$.missing", "$.missing.deeper[0]", "$.a[0]", "$.arr.x",
                           "$.a.b[007]"}) {
    CAPTURE(path);
    const apigw::JsonValue* fast = nullptr;
    REQUIRE(JsonPath::EvaluateSimple(path, *doc, &fast));
    auto compiled = JsonPath::Compile(path);
    REQUIRE(compiled.ok());
    CHECK(compiled->definite());
    std::vector<const apigw::JsonValue*> found;
    compiled->Evaluate(*doc, &found);
    CHECK(fast == (found.empty() ? nullptr : found[0]));
  }
  // Other shapes are left to the compiler, invalid ones included.
  for (const char* path : {"", "a.b", "$.a.b[-1]", "$.a[*]", "$..c", "$['a']", "$.a.b[0,1]", " $.a", "$.a ",
                           "$.a.b[x]", "$.a.", "$.a.b[1", "$.a-b", "$.a.b[1234567890123456789]", "$[0:1]"}) {
    CAPTURE(path);
    const apigw::JsonValue* fast = nullptr;
    CHECK_FALSE(JsonPath::EvaluateSimple(path, *doc, &fast));
  }
}
