// Template::Parse and the Context a render works on.
#include "vtl/template.h"

#include "vtl/ast.h"
#include "vtl/cycle_breaker.h"
#include "vtl/json_view.h"
#include "vtl/parser.h"
#include "vtl/renderer.h"

namespace apigw::vtl {

const Value* Context::Find(std::string_view name) const {
  auto it = vars_.find(name);
  return it == vars_.end() ? nullptr : &it->second;
}

Value* Context::FindMutable(std::string_view name) {
  auto it = vars_.find(name);
  return it == vars_.end() ? nullptr : &it->second;
}

const std::shared_ptr<CycleBreaker>& Context::cycle_breaker() {
  if (!cycles_) cycles_ = std::make_shared<CycleBreaker>();
  return cycles_;
}

CycleBreaker::~CycleBreaker() {
  for (Value& v : containers_) {
    if (v.kind() == Value::Kind::kList) v.list().clear();
    if (v.kind() == Value::Kind::kMap) v.map().entries().clear();
  }
  for (const std::weak_ptr<JsonTree>& t : trees_) {
    if (auto tree = t.lock()) tree->Release();
  }
}

void Context::Erase(std::string_view name) {
  auto it = vars_.find(name);
  if (it != vars_.end()) vars_.erase(it);
}

namespace {

class ParsedTemplate : public Template {
 public:
  ParsedTemplate(std::string source, std::unique_ptr<Program> program)
      : source_(std::move(source)), program_(std::move(program)) {}

  StatusOr<std::string> Render(Context& context) const override {
    std::string out;
    Status s = RenderProgram(*program_, source_, context, &out);
    if (!s.ok()) return s;
    return out;
  }

 private:
  std::string source_;  // kept for the positions in error messages
  std::unique_ptr<Program> program_;
};

}  // namespace

StatusOr<std::shared_ptr<const Template>> Template::Parse(std::string_view source) {
  auto program = ParseProgram(source);
  if (!program.ok()) return program.status();
  return std::shared_ptr<const Template>(
      std::make_shared<ParsedTemplate>(std::string(source), std::move(*program)));
}

}  // namespace apigw::vtl
