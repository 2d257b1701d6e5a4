// libFuzzer target: parses the input as a template and renders it, with API
// Gateway's variables over a body. Input before the first NUL byte is the
// template; what follows is the request body (else a fixed JSON body).
#include <cstddef>
#include <cstdint>
#include <string>

#include "vtl/apigateway/mapping_context.h"
#include "vtl/template.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string input(reinterpret_cast<const char*>(data), size);
  std::string source = input, body = R"({"a": [1, 2.5, "x", {"b": null}], "s": "it's", "n": -3})";
  size_t nul = input.find('\0');
  if (nul != std::string::npos) {
    source = input.substr(0, nul);
    body = input.substr(nul + 1);
  }
  auto t = apigw::vtl::Template::Parse(source);
  if (!t.ok()) return 0;
  for (bool aws : {true, false}) {
    apigw::vtl::MappingInput in;
    in.body = body;
    in.path_parameters = {{"id", "1"}};
    in.query_parameters = {{"q", "x y"}};
    in.headers = {{"Accept", "*/*"}};
    in.stage_variables = {{"env", "dev"}};
    apigw::vtl::Context ctx;
    apigw::vtl::PrepareContext(std::move(in), &ctx);
    if (!aws) ctx.null_references = apigw::vtl::NullReferences::kVelocity;
    ctx.limits.max_output_bytes = 1 << 20;
    ctx.limits.max_loop_iterations = 200;
    (void)(*t)->Render(ctx);
  }
  return 0;
}
