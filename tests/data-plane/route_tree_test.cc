// Tests of data-plane/rest/route_tree: precedence, backtracking, ANY, decoding,
// trailing slashes.
#include <doctest/doctest.h>

#include "data-plane/rest/route_tree.h"

using namespace apigw::dp;

namespace {

uint16_t Bits(std::initializer_list<const char*> methods) {
  uint16_t bits = 0;
  for (const char* m : methods) bits |= RouteTree::MethodBit(m);
  return bits;
}

int Resource(const RouteTree& tree, const char* method, const char* path) {
  auto m = tree.Find(method, path);
  return m ? m->resource_index : -1;
}

}  // namespace

TEST_CASE("route tree: exact over {param} over {proxy+}") {
  RouteTree tree;
  tree.Add("/", 0, Bits({"GET"}));
  tree.Add("/pets", 1, Bits({"GET"}));
  tree.Add("/pets/{id}", 2, Bits({"GET"}));
  tree.Add("/pets/mine", 3, Bits({"GET"}));
  tree.Add("/{proxy+}", 4, Bits({"ANY"}));

  CHECK(Resource(tree, "GET", "/") == 0);
  CHECK(Resource(tree, "GET", "") == 0);
  CHECK(Resource(tree, "GET", "/pets") == 1);
  CHECK(Resource(tree, "GET", "/pets/mine") == 3);
  CHECK(Resource(tree, "GET", "/pets/42") == 2);
  CHECK(Resource(tree, "GET", "/pets/42/toys") == 4);
  CHECK(Resource(tree, "GET", "/other") == 4);

  auto m = tree.Find("GET", "/pets/42");
  REQUIRE(m);
  REQUIRE(m->path_params.size() == 1);
  CHECK(m->path_params[0].first == "id");
  CHECK(m->path_params[0].second == "42");
  CHECK_FALSE(m->greedy);

  auto g = tree.Find("DELETE", "/a/b/c");
  REQUIRE(g);
  CHECK(g->resource_index == 4);
  CHECK(g->greedy);
  CHECK(g->path_params.back().first == "proxy");
  CHECK(g->path_params.back().second == "a/b/c");
}

TEST_CASE("route tree: a {proxy+} never matches the root it hangs from") {
  RouteTree tree;
  tree.Add("/", 0, 0);  // the root resource without methods
  tree.Add("/{proxy+}", 1, Bits({"ANY"}));
  CHECK(Resource(tree, "GET", "/") == -1);
  CHECK(Resource(tree, "GET", "/x") == 1);
}

TEST_CASE("route tree: backtracks to a sibling when a branch has no method (AWS-validated)") {
  // test_routing_with_hardcoded_resource_sibling_order
  RouteTree a;
  a.Add("/part1", 0, Bits({"GET"}));
  a.Add("/{param+}", 1, Bits({"GET"}));
  a.Add("/part1/hardcoded-value", 2, Bits({"GET"}));
  CHECK(Resource(a, "GET", "/part1") == 0);
  CHECK(Resource(a, "GET", "/part1/hardcoded-value") == 2);
  CHECK(Resource(a, "GET", "/part1/random-value") == 1);

  // test_proxy_routing_with_hardcoded_resource_sibling
  RouteTree b;
  b.Add("/test", 0, Bits({"POST"}));
  b.Add("/test/any", 1, Bits({"ANY"}));
  b.Add("/{proxy+}", 2, Bits({"OPTIONS"}));
  CHECK(Resource(b, "OPTIONS", "/test") == 2);
  CHECK(Resource(b, "POST", "/test") == 0);
  CHECK(Resource(b, "OPTIONS", "/test/any") == 1);
  CHECK(Resource(b, "GET", "/test/any") == 1);
  CHECK(Resource(b, "GET", "/test") == -1);  // no GET anywhere on that path
}

TEST_CASE("route tree: methods, ANY, HEAD does not fall back to GET") {
  RouteTree tree;
  tree.Add("/a", 0, Bits({"GET"}));
  tree.Add("/b", 1, Bits({"ANY"}));
  CHECK(Resource(tree, "GET", "/a") == 0);
  CHECK(Resource(tree, "POST", "/a") == -1);
  CHECK(Resource(tree, "HEAD", "/a") == -1);
  CHECK(Resource(tree, "HEAD", "/b") == 1);
  CHECK(Resource(tree, "PATCH", "/b") == 1);
  CHECK(Resource(tree, "ANY", "/b") == -1);      // not a request method
  CHECK(Resource(tree, "PROPFIND", "/b") == -1);  // AWS serves only its seven
  CHECK(Resource(tree, "get", "/a") == -1);       // methods are case-sensitive
}

TEST_CASE("route tree: trailing slashes are ignored; empty segments match no {param}") {
  RouteTree tree;
  tree.Add("/pets/{id}", 0, Bits({"GET"}));
  CHECK(Resource(tree, "GET", "/pets/1/") == 0);
  CHECK(Resource(tree, "GET", "/pets/1//") == 0);
  CHECK(Resource(tree, "GET", "/pets//") == -1);
  CHECK(Resource(tree, "GET", "/pets//1") == -1);
}

TEST_CASE("route tree: segments are percent-decoded after splitting") {
  RouteTree tree;
  tree.Add("/files/{name}", 0, Bits({"GET"}));
  tree.Add("/a b", 1, Bits({"GET"}));
  tree.Add("/g/{rest+}", 2, Bits({"GET"}));
  auto m = tree.Find("GET", "/files/a%20b%2Fc");
  REQUIRE(m);
  CHECK(m->path_params[0].second == "a b/c");  // %2F stays inside the one segment
  CHECK(Resource(tree, "GET", "/a%20b") == 1);
  auto g = tree.Find("GET", "/g/x%20y/z");
  REQUIRE(g);
  CHECK(g->path_params[0].second == "x y/z");
  CHECK(Resource(tree, "GET", "/files/%zz") == 0);  // a malformed escape is kept as it is
}

TEST_CASE("route tree: several path parameters in order") {
  RouteTree tree;
  tree.Add("/u/{user}/posts/{post}", 0, Bits({"GET"}));
  auto m = tree.Find("GET", "/u/ann/posts/7");
  REQUIRE(m);
  REQUIRE(m->path_params.size() == 2);
  CHECK(m->path_params[0] == std::make_pair(std::string("user"), std::string("ann")));
  CHECK(m->path_params[1] == std::make_pair(std::string("post"), std::string("7")));
  // A failed branch leaves no parameters behind.
  tree.Add("/u/{user}/likes", 1, Bits({"GET"}));
  tree.Add("/{any+}", 2, Bits({"GET"}));
  auto f = tree.Find("GET", "/u/ann/zzz");
  REQUIRE(f);
  CHECK(f->resource_index == 2);
  REQUIRE(f->path_params.size() == 1);
  CHECK(f->path_params[0].first == "any");
  CHECK(f->path_params[0].second == "u/ann/zzz");
}
