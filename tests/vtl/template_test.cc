// Tests of vtl/template: parsing, rendering, contexts and errors through the
// public API (Velocity semantics case by case live in the golden cases).
#include <doctest/doctest.h>

#include "vtl/template.h"

using namespace apigw::vtl;

namespace {

std::string Render(const std::string& source, Context& ctx) {
  auto t = Template::Parse(source);
  REQUIRE_MESSAGE(t.ok(), t.status().ToString());
  auto out = (*t)->Render(ctx);
  REQUIRE_MESSAGE(out.ok(), out.status().ToString());
  return *out;
}

std::string Render(const std::string& source) {
  Context ctx;
  return Render(source, ctx);
}

}  // namespace

TEST_CASE("template: plain JSON passes through") {
  CHECK(Render("{\"statusCode\": 200}") == "{\"statusCode\": 200}");
  CHECK(Render("") == "");
}

TEST_CASE("template: #set, #if, #foreach") {
  CHECK(Render("#set($x = 5)$x") == "5");
  CHECK(Render("#set($x = 5)#if($x > 3)big#else small#end") == "big");
  CHECK(Render("#foreach($i in [1..3])$i#if($foreach.hasNext),#end#end") == "1,2,3");
}

TEST_CASE("template: context variables in, #set assignments out") {
  Context ctx;
  ctx.Set("name", Value::String("World"));
  CHECK(Render("Hello $name#set($greeted = true)", ctx) == "Hello World");
  const Value* g = ctx.Find("greeted");
  REQUIRE(g != nullptr);
  CHECK(g->kind() == Value::Kind::kBool);
  CHECK(g->as_bool());
}

TEST_CASE("template: undefined references") {
  CHECK(Render("$undefined|$!undefined|#if($undefined)yes#else no#end") == "$undefined|| no");
  Context aws;
  aws.null_references = NullReferences::kEmptyString;
  CHECK(Render("[$undefined][$undefined.x]#if($undefined == \"\")eq#end", aws) == "[][]eq");
}

TEST_CASE("template: parse errors name line and column") {
  auto t = Template::Parse("line one\n#if($x)\n#else\n#else\n#end");
  REQUIRE_FALSE(t.ok());
  CHECK(t.status().type() == "BadRequestException");
  CHECK(t.status().message().find("line 4, column 1") != std::string::npos);
  CHECK_FALSE(Template::Parse("#end").ok());
  CHECK_FALSE(Template::Parse("#foreach($a in $b)").ok());
  CHECK_FALSE(Template::Parse("$").ok());  // Velocity: lexical error at <EOF> after "$"
}

TEST_CASE("template: a failing method fails the render") {
  auto t = Template::Parse("$s.substring(10)");
  REQUIRE(t.ok());
  Context ctx;
  ctx.Set("s", Value::String("abc"));
  auto out = (*t)->Render(ctx);
  REQUIRE_FALSE(out.ok());
  CHECK(out.status().message().find("StringIndexOutOfBoundsException") != std::string::npos);
}

TEST_CASE("template: limits") {
  Context ctx;
  ctx.limits.max_loop_iterations = 3;
  CHECK(Render("#foreach($i in [1..10])$i#end", ctx) == "123");
  Context small;
  small.limits.max_output_bytes = 10;
  auto t = Template::Parse("#foreach($i in [1..100])xxxx#end");
  REQUIRE(t.ok());
  CHECK_FALSE((*t)->Render(small).ok());
}

TEST_CASE("template: a list that contains itself is released with its Context") {
  Value kept;
  {
    Context ctx;
    CHECK(Render("#set($l = [1])#set($ignored = $l.add($l))$l", ctx) == "[1, (this Collection)]");
    kept = *ctx.Find("l");
    CHECK(kept.list().size() == 2);
    Context copy = ctx;  // copies share the cycle breaker
  }
  CHECK(kept.list().empty());  // emptied when the last Context went away
}
