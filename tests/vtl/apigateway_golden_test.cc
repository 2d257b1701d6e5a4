// Golden cases of API Gateway mapping templates: every directory under
// tests/vtl/apigateway_cases/ holds template.vm, request.json ({"body": "...",
// "path": {}, "querystring": {}, "header": {}, "stageVariables": {},
// "context": {}}; all optional) and expected.txt or error.txt. Expected
// outputs come from AWS's documentation and from responses recorded on AWS.
// tests/vtl/apigateway_regression_cases/ has the same layout; its outputs pin
// the engine's own behaviour (see its README).
#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "base/json.h"
#include "vtl/apigateway/mapping_context.h"
#include "vtl/template.h"
#include "vtl_test_util.h"

namespace fs = std::filesystem;
using namespace apigw::vtl;

namespace {

bool ReadFile(const fs::path& p, std::string* out) {
  std::ifstream f(p, std::ios::binary);
  if (!f) return false;
  std::stringstream ss;
  ss << f.rdbuf();
  *out = ss.str();
  return true;
}

Params ParamsOf(const apigw::JsonValue& doc, const char* key) {
  Params out;
  const apigw::JsonValue* m = apigw::Member(doc, key);
  if (!m || !m->IsObject()) return out;
  for (const auto& member : m->GetObject()) {
    out.emplace_back(member.name.GetString(), member.value.GetString());
  }
  return out;
}

void RunCases(const char* folder, size_t at_least) {
  std::vector<fs::path> dirs;
  for (const auto& e : fs::directory_iterator(fs::path(__FILE__).parent_path() / folder)) {
    if (e.is_directory()) dirs.push_back(e.path());
  }
  std::sort(dirs.begin(), dirs.end());
  REQUIRE(dirs.size() >= at_least);
  for (const fs::path& dir : dirs) {
    const std::string name = dir.filename().string();
    CAPTURE(name);
    std::string source, request = "{}", expected, expected_error;
    REQUIRE(ReadFile(dir / "template.vm", &source));
    ReadFile(dir / "request.json", &request);
    bool want_error = ReadFile(dir / "error.txt", &expected_error);
    while (!expected_error.empty() && std::isspace(static_cast<unsigned char>(expected_error.back()))) {
      expected_error.pop_back();
    }
    REQUIRE((want_error || ReadFile(dir / "expected.txt", &expected)));
    auto doc = apigw::ParseJson(request);
    REQUIRE(doc.ok());

    MappingInput in;
    if (auto body = apigw::GetString(*doc, "body")) in.body = *body;
    in.path_parameters = ParamsOf(*doc, "path");
    in.query_parameters = ParamsOf(*doc, "querystring");
    in.headers = ParamsOf(*doc, "header");
    in.stage_variables = ParamsOf(*doc, "stageVariables");
    if (const apigw::JsonValue* c = apigw::Member(*doc, "context")) in.context = test::FromJson(*c);
    Context ctx;
    PrepareContext(std::move(in), &ctx);

    auto t = Template::Parse(source);
    REQUIRE_MESSAGE(t.ok(), t.status().ToString());
    auto out = (*t)->Render(ctx);
    if (want_error) {
      REQUIRE_MESSAGE(!out.ok(), name << ": expected an error, rendered:\n" << (out.ok() ? *out : ""));
      CHECK_MESSAGE(out.status().message().find(expected_error) != std::string::npos,
                    name << ": " << out.status().message());
      continue;
    }
    REQUIRE_MESSAGE(out.ok(), name << ": " << out.status().ToString());
    CHECK_MESSAGE(*out == expected, name << ":\n--- got ---\n" << *out << "\n--- want ---\n" << expected);
  }
}

}  // namespace

TEST_CASE("API Gateway golden cases") { RunCases("apigateway_cases", 10); }

TEST_CASE("API Gateway regression cases") { RunCases("apigateway_regression_cases", 5); }
