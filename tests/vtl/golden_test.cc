// Golden cases: every directory under tests/vtl/cases/ holds template.vm, an
// optional input.json (its top-level members become variables), an optional
// options file, and expected.txt (the exact output) or error.txt (text the
// parse or render error must contain).
#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "base/json.h"
#include "vtl/template.h"
#include "vtl_test_util.h"

namespace fs = std::filesystem;
using namespace apigw::vtl;

namespace {

fs::path CasesDir() { return fs::path(__FILE__).parent_path() / "cases"; }

bool ReadFile(const fs::path& p, std::string* out) {
  std::ifstream f(p, std::ios::binary);
  if (!f) return false;
  std::stringstream ss;
  ss << f.rdbuf();
  *out = ss.str();
  return true;
}

// "key=value" lines: null_references=empty, max_loop_iterations=N, max_output_bytes=N.
void ApplyOptions(const std::string& text, Context* ctx) {
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    auto eq = line.find('=');
    if (eq == std::string::npos) continue;
    std::string key = line.substr(0, eq), value = line.substr(eq + 1);
    if (key == "null_references") {
      ctx->null_references = value == "empty" ? NullReferences::kEmptyString : NullReferences::kVelocity;
    } else if (key == "max_loop_iterations") {
      ctx->limits.max_loop_iterations = std::stoll(value);
    } else if (key == "max_output_bytes") {
      ctx->limits.max_output_bytes = std::stoll(value);
    }
  }
}

}  // namespace

TEST_CASE("golden cases") {
  std::vector<fs::path> dirs;
  for (const auto& entry : fs::directory_iterator(CasesDir())) {
    if (entry.is_directory()) dirs.push_back(entry.path());
  }
  std::sort(dirs.begin(), dirs.end());
  REQUIRE(dirs.size() > 20);
  for (const fs::path& dir : dirs) {
    const std::string name = dir.filename().string();
    CAPTURE(name);
    std::string source, expected, expected_error, input, options;
    REQUIRE(ReadFile(dir / "template.vm", &source));
    bool want_error = ReadFile(dir / "error.txt", &expected_error);
    while (!expected_error.empty() && std::isspace(static_cast<unsigned char>(expected_error.back()))) {
      expected_error.pop_back();
    }
    REQUIRE((want_error || ReadFile(dir / "expected.txt", &expected)));
    Context ctx;
    if (ReadFile(dir / "input.json", &input)) {
      auto doc = apigw::ParseJson(input);
      REQUIRE(doc.ok());
      for (auto& m : doc->GetObject()) {
        ctx.Set(std::string(m.name.GetString(), m.name.GetStringLength()), test::FromJson(m.value));
      }
    }
    if (ReadFile(dir / "options", &options)) ApplyOptions(options, &ctx);

    auto t = Template::Parse(source);
    if (!t.ok()) {
      CHECK_MESSAGE(want_error, name << ": parse error " << t.status().ToString());
      if (want_error) {
        CHECK_MESSAGE(t.status().message().find(expected_error) != std::string::npos,
                      name << ": " << t.status().message());
      }
      continue;
    }
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
