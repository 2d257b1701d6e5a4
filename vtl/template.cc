// Template::Parse and the Context a render works on.
#include "vtl/template.h"

#include <algorithm>
#include <atomic>

#include "vtl/ast.h"
#include "vtl/cycle_breaker.h"
#include "vtl/json_view.h"
#include "vtl/parser.h"
#include "vtl/renderer.h"

namespace apigw::vtl {

void Context::Set(std::string name, Value value) {
  if (const Var* v = Lookup(name)) {
    const_cast<Var*>(v)->value = std::move(value);
    return;
  }
  const uint64_t h = Hash(name);
  vars_.push_back(Var{h, std::move(name), std::move(value)});
}

void Context::Assign(std::string_view name, uint64_t hash, Value value) {
  if (const Var* v = Lookup(name, hash)) {
    const_cast<Var*>(v)->value = std::move(value);
    return;
  }
  vars_.push_back(Var{hash, std::string(name), std::move(value)});
}

const Value* Context::Find(std::string_view name) const {
  const Var* v = Lookup(name);
  return v ? &v->value : nullptr;
}

Value* Context::FindMutable(std::string_view name) {
  const Var* v = Lookup(name);
  return v ? const_cast<Value*>(&v->value) : nullptr;
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

void Context::Erase(std::string_view name) { Erase(name, Hash(name)); }

void Context::Erase(std::string_view name, uint64_t hash) {
  if (const Var* v = Lookup(name, hash)) {
    auto it = vars_.begin() + (v - vars_.data());
    if (it + 1 != vars_.end()) *it = std::move(vars_.back());
    vars_.pop_back();
  }
}

namespace {

class ParsedTemplate : public Template {
 public:
  ParsedTemplate(std::string source, std::unique_ptr<Program> program)
      : source_(std::move(source)), program_(std::move(program)) {}

  StatusOr<std::string> Render(Context& context) const override {
    std::string out;
    out.reserve(size_hint_.load(std::memory_order_relaxed));
    Status s = RenderProgram(*program_, source_, context, &out);
    if (!s.ok()) return s;
    // Renders of one template tend to be alike in size: the next one reserves
    // this much (capped, so one huge render does not make every render big).
    size_hint_.store(std::min<size_t>(out.size() + out.size() / 8, size_t{1} << 20), std::memory_order_relaxed);
    return out;
  }

 private:
  std::string source_;  // kept for the positions in error messages
  std::unique_ptr<Program> program_;
  mutable std::atomic<size_t> size_hint_{0};  // shared by concurrent renders: a hint, nothing more
};

}  // namespace

StatusOr<std::shared_ptr<const Template>> Template::Parse(std::string_view source) {
  auto program = ParseProgram(source);
  if (!program.ok()) return program.status();
  return std::shared_ptr<const Template>(
      std::make_shared<ParsedTemplate>(std::string(source), std::move(*program)));
}

}  // namespace apigw::vtl
