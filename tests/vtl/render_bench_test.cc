// Render throughput of a typical request template: a #foreach over a 100-item
// JSON body using $input.path, $input.json and $util.escapeJavaScript.
// Skipped by default; run: vtl_tests --no-skip -tc="bench*" (APIGW_BENCH_RENDERS=n
// renders instead of 2000).
#include <doctest/doctest.h>

#include <chrono>
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>

#include "vtl/apigateway/mapping_context.h"

using namespace apigw::vtl;

TEST_CASE("bench: typical request template over a 100-item body" * doctest::skip()) {
  std::string body = "{\"items\": [";
  for (int i = 0; i < 100; ++i) {
    if (i) body += ",";
    body += "{\"id\": " + std::to_string(i) + ", \"name\": \"item \\\"" + std::to_string(i) +
            "\\\" it's\", \"price\": 9.99, \"tags\": [\"a\", \"b\"]}";
  }
  body += "]}";
  auto t = Template::Parse(R"VTL(#set($inputRoot = $input.path('$'))
{
  "items": [
#foreach($item in $inputRoot.items)
    {
      "id": "$item.id",
      "name": "$util.escapeJavaScript($item.name)",
      "raw": $input.json("$.items[$foreach.index]"),
      "price": $item.price
    }#if($foreach.hasNext),#end
#end
  ],
  "requestId": "$context.requestId",
  "q": "$util.escapeJavaScript($input.params('q'))"
}
)VTL");
  REQUIRE(t.ok());
  auto render_once = [&] {
    MappingInput in;
    in.body = body;
    in.query_parameters = {{"q", "search 'term'"}};
    Map c;
    c.Put("requestId", Value::String("req-1"));
    in.context = Value::NewMap(std::move(c));
    Context ctx;
    PrepareContext(std::move(in), &ctx);
    auto out = (*t)->Render(ctx);
    REQUIRE(out.ok());
    return out->size();
  };
  size_t size = render_once();
  const char* renders = std::getenv("APIGW_BENCH_RENDERS");  // e.g. fewer under callgrind
  const int n = renders ? std::max(1, std::atoi(renders)) : 2000;
  // Wall time, and this thread's CPU time (steadier when other work shares the cores).
  auto cpu_now = [] {
    timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
  };
  auto start = std::chrono::steady_clock::now();
  const double cpu_start = cpu_now();
  for (int i = 0; i < n; ++i) render_once();
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const double cpu = cpu_now() - cpu_start;
  std::printf("typical template, 100 items: %.0f renders/s (%.1f us each, %.1f us CPU, %zu bytes out)\n",
              n / secs, 1e6 * secs / n, 1e6 * cpu / n, size);
}
