// Template: a Velocity template parsed once (at deployment) and rendered many
// times, concurrently: a parsed Template is immutable and thread-safe; each
// render has its own Context.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/status_or.h"
#include "vtl/value.h"

namespace apigw::vtl {

struct RenderLimits {
  int64_t max_output_bytes = 10 * 1024 * 1024;
  int64_t max_loop_iterations = 1000;   // per #foreach, as API Gateway caps it
  int max_call_depth = 64;              // macros, #parse-free recursion, nesting
};

// What a reference that resolves to null becomes: an undefined variable, a
// missing property or key, a method that returns null or does not exist.
enum class NullReferences {
  // Velocity 1.7: the value is null; `$x` renders as its own text "$x", `$!x`
  // as nothing, and #if($x) is false.
  kVelocity,
  // API Gateway: the empty string, in output and in expressions alike (recorded
  // on AWS: `$missing == ""` and `$missing == $null` are both true, and
  // `$missing.a` renders as nothing). Hence #if($missing) is true, since a
  // non-null value is true in Velocity.
  kEmptyString,
};

class Renderer;
class CycleBreaker;

// The variables a render sees. Top-level names without the '$'.
// Values a render makes can form reference cycles (a list that contains itself,
// a changed JSON body); they are emptied when the last copy of the Context that
// rendered them is destroyed, so keep a Context as long as its values.
class Context {
 public:
  void Set(std::string name, Value value);
  // Pointers stay valid until the next Set, Erase or render.
  const Value* Find(std::string_view name) const;
  Value* FindMutable(std::string_view name);
  void Erase(std::string_view name);
  // Shared by the copies of this Context; made on first use. Host objects that
  // make values keep a weak_ptr to it (vtl/cycle_breaker.h).
  const std::shared_ptr<CycleBreaker>& cycle_breaker();
  RenderLimits limits;
  NullReferences null_references = NullReferences::kVelocity;

  // The key variables are looked up by (FNV-1a of the name); parsed templates
  // keep it with each name (vtl/ast.h VarName).
  static uint64_t Hash(std::string_view name) {
    uint64_t h = 14695981039346656037ULL;
    for (unsigned char c : name) h = (h ^ c) * 1099511628211ULL;
    return h;
  }

 private:
  friend class Renderer;
  // A template has a few variables, read often: a flat list searched by a hash
  // of the name beats a tree of strings.
  struct Var {
    uint64_t hash;
    std::string name;
    Value value;
  };
  const Var* Lookup(std::string_view name, uint64_t hash) const {
    for (const Var& v : vars_) {
      if (v.hash == hash && v.name == name) return &v;
    }
    return nullptr;
  }
  const Var* Lookup(std::string_view name) const { return Lookup(name, Hash(name)); }
  const Value* Find(std::string_view name, uint64_t hash) const {
    const Var* v = Lookup(name, hash);
    return v ? &v->value : nullptr;
  }
  void Assign(std::string_view name, uint64_t hash, Value value);  // Set without a string when it exists
  void Erase(std::string_view name, uint64_t hash);
  std::vector<Var> vars_;
  std::shared_ptr<CycleBreaker> cycles_;
};

class Template {
 public:
  // A parse error gives a BadRequestException naming the line and column.
  static StatusOr<std::shared_ptr<const Template>> Parse(std::string_view source);
  virtual ~Template() = default;
  // Renders; `context` receives the template's #set assignments. An error
  // (a failing host method, a limit reached) gives a non-OK Status.
  virtual StatusOr<std::string> Render(Context& context) const = 0;
};

}  // namespace apigw::vtl
