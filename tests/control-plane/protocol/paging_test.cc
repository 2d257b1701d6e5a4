// Tests of paging for the three services' list operations.
#include <doctest/doctest.h>

#include "control-plane/protocol/paging.h"
#include "test_support.h"

namespace apigw::cp {
namespace {

using testing::Parse;

// An array of {"id": "i0"}, ... allocated in `doc`.
JsonValue Items(JsonDoc& doc, int n, const char* key = "id") {
  JsonValue items(rapidjson::kArrayType);
  for (int i = 0; i < n; ++i) {
    JsonValue item(rapidjson::kObjectType);
    SetString(item, key, "i" + std::to_string(i), doc.GetAllocator());
    items.PushBack(item, doc.GetAllocator());
  }
  return items;
}

std::vector<std::string> Ids(const JsonValue& page, const char* key = "id") {
  std::vector<std::string> out;
  for (const JsonValue& e : page.GetArray()) out.push_back(*GetString(e, key));
  return out;
}

TEST_CASE("apigateway: limit/position walk every item exactly once; the last page has no position") {
  std::vector<std::string> seen;
  std::optional<std::string> position;
  int pages = 0;
  do {
    JsonDoc input;
    input.SetObject();
    SetMember(input, "limit", JsonValue(2), input.GetAllocator());
    if (position) SetString(input, "position", *position, input.GetAllocator());
    JsonDoc out;
    out.SetObject();
    JsonValue items = Items(out, 5);
    REQUIRE(ApiGatewayPage(input, items, out).ok());
    for (const std::string& id : Ids(out["items"])) seen.push_back(id);
    position = GetString(out, "position");
    ++pages;
  } while (position && pages < 10);
  CHECK(pages == 3);
  CHECK(seen == std::vector<std::string>{"i0", "i1", "i2", "i3", "i4"});
}

TEST_CASE("apigateway: default 25, at most 500, a limit below 1 gives an empty page") {
  JsonDoc out;
  out.SetObject();
  JsonValue items = Items(out, 30);
  REQUIRE(ApiGatewayPage(Parse("{}"), items, out).ok());
  CHECK(out["items"].Size() == 25);
  CHECK(Member(out, "position"));

  JsonDoc out2;
  out2.SetObject();
  JsonValue many = Items(out2, 600);
  REQUIRE(ApiGatewayPage(Parse(R"({"limit":1000})"), many, out2).ok());
  CHECK(out2["items"].Size() == 500);

  // Recorded: get_api_keys(limit=-1) -> {"items": []}.
  JsonDoc out3;
  out3.SetObject();
  JsonValue some = Items(out3, 3);
  REQUIRE(ApiGatewayPage(Parse(R"({"limit":-1})"), some, out3).ok());
  CHECK(out3["items"].Size() == 0);
  CHECK(!Member(out3, "position"));

  JsonDoc out4;
  out4.SetObject();
  JsonValue none(rapidjson::kArrayType);
  REQUIRE(ApiGatewayPage(Parse("{}"), none, out4).ok());
  CHECK(out4["items"].IsArray());
  CHECK(out4["items"].Size() == 0);
}

TEST_CASE("apigateway: a bad position is a BadRequestException") {
  for (const char* bad : {"!!!", "bm9jb2xvbg", "", "MTIzNDU2Nzg5MDEyMzQ1Njc4OTAxMjM0NTY3ODkwOmE"}) {
    JsonDoc out;
    out.SetObject();
    JsonValue items = Items(out, 3);
    JsonDoc input = Parse(std::string(R"({"position":")") + bad + "\"}");
    Status st = ApiGatewayPage(input, items, out);
    CHECK_MESSAGE(st.type() == "BadRequestException", bad);
    CHECK(st.http_status() == 400);
  }
}

TEST_CASE("a token survives deletions and insertions before it") {
  auto keys = [](std::vector<std::string> v) { return [v](size_t i) { return v[i]; }; };
  std::optional<PageSlice> first = Paginate(4, keys({"a", "b", "c", "d"}), 2, nullptr);
  REQUIRE(first);
  REQUIRE(first->next_token);
  // "a" was deleted: resume after "b", which now sits at index 0.
  std::optional<PageSlice> next = Paginate(3, keys({"b", "c", "d"}), 2, &*first->next_token);
  REQUIRE(next);
  CHECK(next->begin == 1);
  CHECK(next->end == 3);
  CHECK(!next->next_token);
  // "b" itself was deleted: resume at its old position.
  next = Paginate(3, keys({"a", "c", "d"}), 2, &*first->next_token);
  CHECK(next->begin == 2);
  // A token past the end gives an empty last page.
  std::string far = PageToken(99, "zz");
  next = Paginate(3, keys({"a", "b", "c"}), 2, &far);
  CHECK(next->begin == 3);
  CHECK(next->end == 3);
}

TEST_CASE("apigatewayv2: MaxResults (a string) and NextToken") {
  JsonDoc out;
  out.SetObject();
  JsonValue items = Items(out, 3, "ApiId");
  REQUIRE(ApiGatewayV2Page(Parse(R"({"MaxResults":"2"})"), items, out, "ApiId").ok());
  CHECK(Ids(out["Items"], "ApiId") == std::vector<std::string>{"i0", "i1"});
  std::string token = *GetString(out, "NextToken");

  JsonDoc out2;
  out2.SetObject();
  JsonValue again = Items(out2, 3, "ApiId");
  JsonDoc input;
  input.SetObject();
  SetString(input, "MaxResults", "2", input.GetAllocator());
  SetString(input, "NextToken", token, input.GetAllocator());
  REQUIRE(ApiGatewayV2Page(input, again, out2, "ApiId").ok());
  CHECK(Ids(out2["Items"], "ApiId") == std::vector<std::string>{"i2"});
  CHECK(!Member(out2, "NextToken"));

  JsonDoc out3;
  out3.SetObject();
  JsonValue all = Items(out3, 40, "ApiId");
  REQUIRE(ApiGatewayV2Page(Parse("{}"), all, out3, "ApiId").ok());
  CHECK(out3["Items"].Size() == 40);

  for (const char* bad : {R"({"MaxResults":"x"})", R"({"MaxResults":"0"})", R"({"NextToken":"***"})"}) {
    JsonDoc o;
    o.SetObject();
    JsonValue i = Items(o, 3, "ApiId");
    CHECK_MESSAGE(ApiGatewayV2Page(Parse(bad), i, o, "ApiId").type() == "BadRequestException", bad);
  }
}

TEST_CASE("lambda: MaxItems/Marker/NextMarker with the operation's list member") {
  JsonDoc out;
  out.SetObject();
  JsonValue items = Items(out, 60, "FunctionName");
  REQUIRE(LambdaPage(Parse("{}"), items, out, "FunctionName", "Functions").ok());
  CHECK(out["Functions"].Size() == 50);
  std::string marker = *GetString(out, "NextMarker");

  JsonDoc out2;
  out2.SetObject();
  JsonValue again = Items(out2, 60, "FunctionName");
  JsonDoc input;
  input.SetObject();
  SetString(input, "Marker", marker, input.GetAllocator());
  REQUIRE(LambdaPage(input, again, out2, "FunctionName", "Functions").ok());
  CHECK(out2["Functions"].Size() == 10);
  CHECK(*GetString(out2["Functions"][0], "FunctionName") == "i50");
  CHECK(!Member(out2, "NextMarker"));

  // A marker Lambda never issued ends the listing.
  JsonDoc out3;
  out3.SetObject();
  JsonValue more = Items(out3, 5, "FunctionName");
  REQUIRE(LambdaPage(Parse(R"({"Marker":"garbage!","MaxItems":2})"), more, out3, "FunctionName", "Functions").ok());
  CHECK(out3["Functions"].Size() == 0);
  CHECK(!Member(out3, "NextMarker"));
}

}  // namespace
}  // namespace apigw::cp
