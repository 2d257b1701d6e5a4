// Tests of data-plane/rest/integration_uri: placeholders cannot climb out of
// the integration's path.
#include <doctest/doctest.h>

#include "data-plane/rest/integration_uri.h"

using namespace apigw::dp;

namespace {

std::vector<UriPiece> Pieces(std::initializer_list<std::pair<bool, const char*>> list) {
  std::vector<UriPiece> out;
  for (auto& [placeholder, text] : list) out.push_back({placeholder, text});
  return out;
}

}  // namespace

TEST_CASE("integration uri: a {param} value stays one segment") {
  auto uri = Pieces({{false, "http://backend/items/"}, {true, "id"}, {false, "/detail"}});
  CHECK(RenderIntegrationUri(uri, {{"id", "42", false}}) == "http://backend/items/42/detail");
  CHECK(RenderIntegrationUri(uri, {{"id", "a b", false}}) == "http://backend/items/a%20b/detail");
  CHECK(RenderIntegrationUri(uri, {{"id", "../../admin", false}}) == "http://backend/items/..%2F..%2Fadmin/detail");
  CHECK(RenderIntegrationUri(uri, {{"id", "..", false}}) == "http://backend/items/%2E%2E/detail");
  CHECK(RenderIntegrationUri(uri, {{"id", ".", false}}) == "http://backend/items/%2E/detail");
  CHECK(RenderIntegrationUri(uri, {{"id", "a?b#c", false}}) == "http://backend/items/a%3Fb%23c/detail");
  CHECK(RenderIntegrationUri(uri, {}) == "http://backend/items/{id}/detail");
}

TEST_CASE("integration uri: a {proxy+} keeps its slashes but not its dot-segments") {
  auto uri = Pieces({{false, "http://backend/api/"}, {true, "proxy"}});
  CHECK(RenderIntegrationUri(uri, {{"proxy", "a/b/c", true}}) == "http://backend/api/a/b/c");
  CHECK(RenderIntegrationUri(uri, {{"proxy", "../secret", true}}) == "http://backend/api/%2E%2E/secret");
  CHECK(RenderIntegrationUri(uri, {{"proxy", "a/../../b", true}}) == "http://backend/api/a/%2E%2E/%2E%2E/b");
  CHECK(RenderIntegrationUri(uri, {{"proxy", "a/./b", true}}) == "http://backend/api/a/%2E/b");
  CHECK(RenderIntegrationUri(uri, {{"proxy", "x..y/...", true}}) == "http://backend/api/x..y/...");
  CHECK(RenderIntegrationUri(uri, {{"proxy", "sp ace/%2F", true}}) == "http://backend/api/sp%20ace/%252F");
}

TEST_CASE("integration uri: placeholders in the query part and the last value wins") {
  auto uri = Pieces({{false, "http://h/?v="}, {true, "q"}});
  CHECK(RenderIntegrationUri(uri, {{"q", "a&b=c", false}}) == "http://h/?v=a%26b%3Dc");
  CHECK(RenderIntegrationUri(uri, {{"q", "1", false}, {"q", "2", false}}) == "http://h/?v=2");
}
