// The authorizer result cache (data-plane/rest/authorizer/authorizer_cache.h)
// on a fake clock.
#include <doctest/doctest.h>

#include "data-plane/rest/authorizer/authorizer_cache.h"

using namespace apigw;
using namespace apigw::dp;

namespace {

std::shared_ptr<const AuthorizerResult> Result(std::string principal) {
  auto r = std::make_shared<AuthorizerResult>();
  r->principal_id = std::move(principal);
  return r;
}

bool Has(AuthorizerCache& cache, const std::string& key) { return cache.Find(key) != nullptr; }

}  // namespace

TEST_CASE("cache: a result lives for its TTL, to the microsecond") {
  FakeClock clock;
  AuthorizerCache cache(clock);
  cache.Put("k", Result("a"), 300);
  REQUIRE(Has(cache, "k"));
  CHECK(cache.Find("k")->principal_id == "a");
  CHECK(!Has(cache, "other"));
  clock.AdvanceMillis(299999);
  CHECK(Has(cache, "k"));
  clock.AdvanceMillis(1);
  CHECK(!Has(cache, "k"));
  CHECK(cache.size() == 0);  // an expired entry found is dropped
}

TEST_CASE("cache: TTL 0 stores nothing; a new Put replaces and restarts the TTL") {
  FakeClock clock;
  AuthorizerCache cache(clock);
  cache.Put("k", Result("a"), 0);
  CHECK(!Has(cache, "k"));
  cache.Put("k", Result("a"), -5);
  CHECK(!Has(cache, "k"));
  cache.Put("k", Result("a"), 10);
  clock.AdvanceMillis(9000);
  cache.Put("k", Result("b"), 10);
  clock.AdvanceMillis(9000);
  REQUIRE(Has(cache, "k"));
  CHECK(cache.Find("k")->principal_id == "b");
}

TEST_CASE("cache: bounded; expired entries go first") {
  FakeClock clock;
  AuthorizerCache cache(clock, 3);
  cache.Put("short", Result("s"), 1);
  cache.Put("a", Result("a"), 100);
  cache.Put("b", Result("b"), 100);
  clock.AdvanceMillis(2000);
  cache.Put("c", Result("c"), 100);  // full: the expired one makes room
  CHECK(cache.size() == 3);
  CHECK(Has(cache, "a"));
  CHECK(Has(cache, "b"));
  CHECK(Has(cache, "c"));
  cache.Put("d", Result("d"), 100);  // full of live entries: one goes
  CHECK(cache.size() == 3);
  CHECK(Has(cache, "d"));
  AuthorizerCache none(clock, 0);
  none.Put("k", Result("a"), 100);
  CHECK(!Has(none, "k"));
}

TEST_CASE("cache: a stage's results are dropped together, other stages' kept") {
  FakeClock clock;
  AuthorizerCache cache(clock);
  const std::string dev = AuthorizerCache::StagePrefix("api1", "dev");
  cache.Put(dev + "d1\na1\0tok", Result("a"), 100);
  cache.Put(dev + "d1\na2\0tok", Result("b"), 100);
  cache.Put(AuthorizerCache::StagePrefix("api1", "dev2") + "d1\na1\0tok", Result("c"), 100);
  cache.Put(AuthorizerCache::StagePrefix("api10", "dev") + "d1\na1\0tok", Result("d"), 100);
  cache.EraseWithPrefix(dev);
  CHECK(cache.size() == 2);
  CHECK(!Has(cache, dev + "d1\na1\0tok"));
  CHECK(Has(cache, AuthorizerCache::StagePrefix("api1", "dev2") + "d1\na1\0tok"));
  CHECK(Has(cache, AuthorizerCache::StagePrefix("api10", "dev") + "d1\na1\0tok"));
}
