// Tests of vtl/json_view: JSON bodies read in place, materialized on change,
// and released with the Context even when changed values hold each other.
#include <doctest/doctest.h>

#include <string>

#include "vtl/apigateway/mapping_context.h"
#include "vtl/cycle_breaker.h"
#include "vtl/json_view.h"
#include "vtl/template.h"

using namespace apigw::vtl;

namespace {

// A host object that records its destruction.
class Probe : public Object {
 public:
  explicit Probe(bool* destroyed) : destroyed_(destroyed) {}
  ~Probe() override { *destroyed_ = true; }
  std::string ToString() const override { return "probe"; }

 private:
  bool* destroyed_;
};

std::string RenderWithBody(const std::string& source, const std::string& body, Context* ctx) {
  MappingInput in;
  in.body = body;
  PrepareContext(std::move(in), ctx);
  auto t = Template::Parse(source);
  REQUIRE_MESSAGE(t.ok(), t.status().ToString());
  auto out = (*t)->Render(*ctx);
  REQUIRE_MESSAGE(out.ok(), out.status().ToString());
  return *out;
}

}  // namespace

TEST_CASE("json views: a changed body that holds itself is released with the Context") {
  for (const char* source : {
           // the materialized map holds itself and the probe
           "#set($m = $input.path('$'))#set($d = $m.put('self', $m))#set($d = $m.put('p', $probe))$m.size()",
           // a materialized list holds a template list that holds a view of its own tree
           "#set($r = $input.path('$'))#set($l = [$r, $probe])#set($d = $r.a.add($l))$r.a.size()",
           // $util.parseJson's tree, changed the same way
           "#set($j = $util.parseJson('{\"x\": []}'))#set($d = $j.x.add($j))#set($d = $j.put('p', $probe))$j.x.size()",
       }) {
    CAPTURE(source);
    bool destroyed = false;
    {
      Context ctx;
      ctx.Set("probe", Value::FromObject(std::make_shared<Probe>(&destroyed)));
      std::string out = RenderWithBody(source, R"({"a": [1, 2]})", &ctx);
      CHECK((out == "3" || out == "2" || out == "1"));
      CHECK_FALSE(destroyed);
    }
    CHECK(destroyed);
  }
}

TEST_CASE("json views: reading never materializes, changing does once, for that call's values only") {
  Context ctx;
  std::string out = RenderWithBody(
      "#set($a = $input.path('$'))#set($b = $input.path('$'))#set($i0 = $a.items[0])"
      "$a.items[1].n $a.items.size() $a.items.get(0) $a.m.keySet() $a.m.values() $a.m.entrySet() "
      "$a.m.containsKey('k') $a.m.get('k') $a.m['k'] $a.items[-1] $a.items.isEmpty() $a.items.empty "
      "#foreach($i in $a.items)$i.n#end $a $a.items.toString() $a.equals($b) $input.json('$.m')",
      R"({"items": [{"n": 1}, {"n": 2}], "m": {"k": "v"}})", &ctx);
  CHECK(out == R"(2 2 {n=1} [k] [v] [k=v] true v v {n=2} false false 12 {items=[{"n":1},{"n":2}], m={k=v}})"
               R"( [{"n":1},{"n":2}] true {"k":"v"})");
  for (const char* name : {"a", "b", "i0"}) {
    CAPTURE(name);
    REQUIRE(ctx.Find(name) != nullptr);
    CHECK(ctx.Find(name)->json_node() != nullptr);
  }
  auto t = Template::Parse("#set($d = $a.items.add(7))$a.items.size() $b.items.size() $a.items[2] $i0.n");
  REQUIRE(t.ok());
  auto changed = (*t)->Render(ctx);
  REQUIRE(changed.ok());
  CHECK(*changed == "3 2 7 1");
  CHECK(ctx.Find("a")->json_node() == nullptr);
  CHECK(ctx.Find("i0")->json_node() == nullptr);  // same tree as $a
  CHECK(ctx.Find("b")->json_node() != nullptr);   // another $input.path() call
}

TEST_CASE("json views: values read in place equal their materialized copies") {
  auto doc = std::make_shared<apigw::JsonDoc>();
  doc->Parse(R"({"s": "x/y", "n": 1, "d": 2.5, "a": [1, {"b": null}], "o": {"k": [true]}})");
  REQUIRE_FALSE(doc->HasParseError());
  Value view = JsonTree::ValueOf(JsonTree::Make(doc, *doc, {}), *doc);
  REQUIRE(view.kind() == Value::Kind::kMap);
  REQUIRE(view.json_node() == doc.get());
  Value copy = PlainCopy(view);
  CHECK(copy.json_node() == nullptr);
  CHECK(view.ToString() == copy.ToString());
  CHECK(view.ToString() == R"({s=x/y, n=1, d=2.5, a=[1,{"b":null}], o={k=[true]}})");
  // Materializing (a change) turns the tree's views into its lists and maps.
  Value other_view = JsonTree::ChildOf(view, (*doc)["a"]);
  view.map().Put("n", Value::Int(2));
  CHECK(view.json_node() == nullptr);
  CHECK(other_view.json_node() == nullptr);
  CHECK(&other_view.list() == &view.map().Find("a")->list());
  CHECK(view.ToString() == R"({s=x/y, n=2, d=2.5, a=[1,{"b":null}], o={k=[true]}})");
}

TEST_CASE("json views: bodies nested deeper than 1000 levels are refused") {
  auto nested = [](int arrays, const char* inner) {
    return std::string(arrays, '[') + inner + std::string(arrays, ']');
  };
  struct Case {
    std::string body;
    bool ok;
  };
  for (const Case& c : {Case{nested(999, "1"), true}, Case{nested(1000, "1"), false},
                        Case{nested(1000, ""), true}, Case{nested(1001, ""), false}}) {
    MappingInput in;
    in.body = c.body;
    Context ctx;
    PrepareContext(std::move(in), &ctx);
    auto t = Template::Parse("$input.path('$').size()");
    REQUIRE(t.ok());
    auto out = (*t)->Render(ctx);
    CHECK(out.ok() == c.ok);
    if (!out.ok()) CHECK(out.status().message().find("nesting depth exceeds 1000") != std::string::npos);
  }
}
