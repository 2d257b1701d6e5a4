// The evaluator. Comments name the Velocity 1.7 class whose behaviour each
// part reproduces; #break and #stop travel as a Flow value instead of Java's
// StopCommand exception.
#include "vtl/renderer.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <typeinfo>
#include <vector>

#include "vtl/builtins.h"
#include "vtl/cycle_breaker.h"
#include "vtl/json_view.h"
#include "vtl/lexer.h"
#include "vtl/parser.h"
#include "vtl/to_string.h"

namespace apigw::vtl {
namespace {

// Velocity 1.7's defaults: velocimacro.max.depth and define.max.depth.
constexpr int kMaxMacroDepth = 20;
constexpr int kMaxDefineDepth = 2;
constexpr size_t kMaxRangeSize = size_t{1} << 20;

enum class Flow { kNormal, kBreak, kStop };

// The variables #foreach sets.
const VarName kForeach("foreach");
const VarName kVelocityCount("velocityCount");
const VarName kVelocityHasNext("velocityHasNext");

// $foreach: ForeachScope, a map whose getters expose the loop's state.
class ForeachScope : public Object {
 public:
  explicit ForeachScope(Value parent) : parent_(std::move(parent)) {}
  std::optional<Value> GetProperty(std::string_view name) const override {
    if (name == "index") return Value::Int(index);
    if (name == "count") return Value::Int(index + 1);
    if (name == "hasNext") return Value::Bool(has_next);
    if (name == "first") return Value::Bool(index < 1);
    if (name == "last") return Value::Bool(!has_next);
    if (name == "parent") return parent_;
    if (name == "topmost") return Topmost();
    return std::nullopt;
  }
  std::optional<StatusOr<Value>> Call(std::string_view name,
                                      const std::vector<Value>& args) const override {
    if (!args.empty()) return std::nullopt;
    if (name == "getIndex") return StatusOr<Value>(Value::Int(index));
    if (name == "getCount") return StatusOr<Value>(Value::Int(index + 1));
    if (name == "hasNext" || name == "getHasNext") return StatusOr<Value>(Value::Bool(has_next));
    if (name == "isFirst" || name == "getFirst") return StatusOr<Value>(Value::Bool(index < 1));
    if (name == "isLast" || name == "getLast") return StatusOr<Value>(Value::Bool(!has_next));
    if (name == "getParent") return StatusOr<Value>(parent_);
    if (name == "getTopmost") return StatusOr<Value>(Topmost());
    return std::nullopt;
  }
  std::string ToString() const override { return "{}"; }
  const Value& parent() const { return parent_; }

  mutable int64_t index = -1;
  mutable bool has_next = false;
  std::weak_ptr<const ForeachScope> self;  // a Scope's getTopmost() may be itself

 private:
  Value Topmost() const {
    if (parent_.kind() == Value::Kind::kObject) {
      if (auto* p = dynamic_cast<const ForeachScope*>(&parent_.object())) return p->Topmost();
    }
    return Value::FromObject(self.lock());
  }

  Value parent_;
};

// Block.Reference: a #define block (or a block macro's body) stored in a
// variable; rendering the variable renders the block.
class BlockRef : public Object {
 public:
  explicit BlockRef(const Block* block) : block_(block) {}
  const Block* block() const { return block_; }
  std::string ToString() const override { return ""; }

 private:
  const Block* block_;
};

struct MacroArg {
  const Expr* expr;
  size_t visible;  // frames visible to the caller, where the argument is evaluated
};

// ProxyVMContext: a macro call's arguments over the caller's context.
struct Frame {
  size_t parent = 0;  // frames visible below this one
  std::map<std::string, Value, std::less<>> locals;
  std::map<std::string, MacroArg, std::less<>> proxies;
  std::map<std::string, std::string, std::less<>> literals;  // "$arg" -> caller's text
};

}  // namespace

class Renderer : public CycleGuard {
 public:
  Renderer(const Program& program, std::string_view source, Context& ctx)
      : prog_(program), source_(source), ctx_(ctx) {
    aws_null_ = ctx.null_references == NullReferences::kEmptyString;
    max_bytes_ = static_cast<size_t>(std::max<int64_t>(ctx.limits.max_output_bytes, 0));
    max_loops_ = ctx.limits.max_loop_iterations;
    max_depth_ = std::max(ctx.limits.max_call_depth, 1);
  }

  Status Run(std::string* out) {
    RenderBlock(prog_.root, out);  // Template.merge stops quietly on #stop and #break
    return err_;
  }

  // CycleGuard: when `item` (now inside `container`) reaches `container`, the
  // two form a cycle shared_ptr cannot free; the Context empties `container`
  // when it dies. A search past its budget registers the container anyway.
  void Inserted(const Value& container, const Value& item) override {
    if (item.kind() != Value::Kind::kList && item.kind() != Value::Kind::kMap) return;
    const void* target = Identity(container);
    std::vector<const Value*> stack{&item};
    std::vector<const void*> seen;
    bool cyclic = false;
    for (int budget = 10000; !stack.empty() && !cyclic; --budget) {
      if (budget == 0) {
        cyclic = true;
        break;
      }
      const Value* v = stack.back();
      stack.pop_back();
      if (v->json_node()) continue;  // an unmaterialized JSON view reaches no list or map a template holds
      const void* id = Identity(*v);
      if (!id) continue;
      if (id == target) {
        cyclic = true;
        break;
      }
      if (std::find(seen.begin(), seen.end(), id) != seen.end()) continue;
      seen.push_back(id);
      if (v->kind() == Value::Kind::kList) {
        for (const Value& e : v->list()) stack.push_back(&e);
      } else {
        for (const auto& e : v->map().entries()) stack.push_back(&e.second);
      }
    }
    if (!cyclic) return;
    ctx_.cycle_breaker()->AddContainer(container);
  }

  // CycleGuard: the keys of a keys_set_once() map this render has set.
  bool SettingKey(const Value& map, std::string_view key) override {
    if (!map.keys_set_once()) return true;
    for (const auto& [m, k] : set_once_keys_)
      if (m == &map.map() && k == key) return false;
    set_once_keys_.emplace_back(&map.map(), std::string(key));
    return true;
  }

 private:
  bool Aborted() const { return !err_.ok() || pending_ != Flow::kNormal; }

  void SetError(const std::string& msg) {
    if (!err_.ok()) return;
    err_ = Status::Internal(msg + " at " + DescribePosition(source_, offset_));
  }
  void SetError(const Status& s) {
    if (!err_.ok()) return;
    err_ = Status(s.http_status(), s.type(),
                  s.message() + " at " + DescribePosition(source_, offset_));
  }

  void Append(std::string* out, std::string_view s) {
    out->append(s);
    CheckSize(*out);
  }
  void CheckSize(const std::string& out) {
    if (out.size() > max_bytes_) SetError("Output is larger than " + std::to_string(max_bytes_) + " bytes");
  }

  // ---- variables (ProxyVMContext over the render's Context) ----
  // The value of `name` where it is kept (a macro frame's local, the Context's
  // variable), or in `*scratch` (a macro argument evaluated now); nullptr when
  // undefined. A kept value's pointer is valid until variables change.
  const Value* FindVar(const VarName& name, Value* scratch) {
    size_t i = visible_;
    while (i > 0) {
      Frame& f = frames_[i - 1];
      auto l = f.locals.find(name.str());
      if (l != f.locals.end() && !l->second.is_null()) return &l->second;
      auto p = f.proxies.find(name.str());
      if (p != f.proxies.end()) {
        size_t saved = visible_;
        visible_ = p->second.visible;
        *scratch = ValueOf(*p->second.expr);
        visible_ = saved;
        return scratch;
      }
      i = f.parent;
    }
    return ctx_.Find(name.str(), name.hash());
  }
  Value GetVar(const VarName& name) {
    Value scratch;
    const Value* v = FindVar(name, &scratch);
    if (v == &scratch) return scratch;
    return v ? *v : Value();
  }
  void PutVar(const VarName& name, Value v) {
    for (size_t i = visible_; i > 0; i = frames_[i - 1].parent) frames_[i - 1].locals[name.str()] = v;
    ctx_.Assign(name.str(), name.hash(), std::move(v));
  }
  void RemoveVar(const VarName& name) {
    for (size_t i = visible_; i > 0; i = frames_[i - 1].parent) {
      Frame& f = frames_[i - 1];
      if (auto it = f.locals.find(name.str()); it != f.locals.end()) f.locals.erase(it);
      if (auto it = f.proxies.find(name.str()); it != f.proxies.end()) f.proxies.erase(it);
    }
    ctx_.Erase(name.str(), name.hash());
  }

  Value Invalid() const { return aws_null_ ? Value::EmptyString() : Value(); }

  static const void* Identity(const Value& v) {
    if (v.kind() == Value::Kind::kList) return &v.list();
    if (v.kind() == Value::Kind::kMap) return &v.map();
    return nullptr;
  }

  // ---- statements ----
  Flow RenderBlock(const Block& block, std::string* out) {
    for (const auto& node : block) {
      Flow f = RenderNode(*node, out);
      if (!err_.ok()) return Flow::kStop;
      if (pending_ != Flow::kNormal) {
        f = pending_;
        pending_ = Flow::kNormal;
      }
      if (f != Flow::kNormal) return f;
    }
    return Flow::kNormal;
  }

  Flow RenderNode(const Node& node, std::string* out) {
    offset_ = node.offset;
    switch (node.kind) {
      case NodeKind::kText: Append(out, static_cast<const TextNode&>(node).text); return Flow::kNormal;
      case NodeKind::kReference: RenderReference(static_cast<const ReferenceNode&>(node).ref, out); return Flow::kNormal;
      case NodeKind::kIf: return RenderIf(static_cast<const IfNode&>(node), out);
      case NodeKind::kSet: RenderSet(static_cast<const SetNode&>(node)); return Flow::kNormal;
      case NodeKind::kForeach: return RenderForeach(static_cast<const ForeachNode&>(node), out);
      case NodeKind::kMacroCall: return RenderMacroCall(static_cast<const MacroCallNode&>(node), out);
      case NodeKind::kDefine: {
        const auto& d = static_cast<const DefineNode&>(node);
        PutVar(d.key, Value::FromObject(std::make_shared<BlockRef>(&d.body)));
        return Flow::kNormal;
      }
      case NodeKind::kBreak: case NodeKind::kStop: return RenderStop(static_cast<const StopNode&>(node));
      case NodeKind::kEvaluate: return RenderEvaluate(static_cast<const EvaluateNode&>(node), out);
      case NodeKind::kLiteral: Append(out, static_cast<const LiteralNode&>(node).text); return Flow::kNormal;
      case NodeKind::kMissingResource: case NodeKind::kBadForeach: {
        const auto& e = static_cast<const ErrorNode&>(node);
        if (!e.message.empty()) SetError(e.message);
        return Flow::kNormal;
      }
    }
    return Flow::kNormal;
  }

  // ASTReference.render
  void RenderReference(const Reference& r, std::string* out) {
    if (r.type == Reference::Type::kRunt) {
      Append(out, r.root.str());
      return;
    }
    Value value;
    if (!r.escaped && !r.segments.empty() && r.segments.back().kind == RefSegment::Kind::kMethod) {
      // `$obj.method(args)`: a host object may print the value itself.
      if (AppendMethodCall(r, out, &value)) return;
    } else {
      value = Execute(r);
    }
    if (Aborted()) return;
    if (r.escaped) {
      std::string s = r.esc_prefix;
      if (value.is_null()) s += "\\";
      s += NullString(r);
      Append(out, s);
      return;
    }
    if (!value.is_null()) {
      if (auto* block = AsBlock(value)) {
        // Renderable: rendered in place; past its depth Velocity prints the literal.
        if (RenderBlockRef(*block, out)) return;
        value = Value();
      }
    }
    if (value.is_null()) {
      Append(out, r.esc_prefix + r.esc_prefix + r.more_prefix + NullString(r));
      return;
    }
    // Straight into the output; the value alone may not pass the limit.
    const size_t start = out->size();
    out->append(r.esc_prefix);
    out->append(r.more_prefix);
    if (!AppendJavaString(value, out, start + max_bytes_ + 1)) {
      SetError("Value of " + r.null_string + " is too large or too deeply nested to print");
      return;
    }
    CheckSize(*out);
  }

  // ASTReference.getNullString: inside a macro, "$arg" prints the caller's text.
  std::string NullString(const Reference& r) {
    for (size_t i = visible_; i > 0; i = frames_[i - 1].parent) {
      auto it = frames_[i - 1].literals.find(r.null_string);
      if (it != frames_[i - 1].literals.end()) return it->second;
    }
    return r.null_string;
  }

  static const BlockRef* AsBlock(const Value& v) {
    if (v.kind() != Value::Kind::kObject) return nullptr;
    return dynamic_cast<const BlockRef*>(&v.object());
  }

  bool RenderBlockRef(const BlockRef& ref, std::string* out) {
    int& depth = define_depth_[ref.block()];
    if (depth + 1 > kMaxDefineDepth || call_depth_ >= max_depth_) return false;
    ++depth;
    ++call_depth_;
    size_t saved_offset = offset_;
    Flow f = RenderBlock(*ref.block(), out);
    offset_ = saved_offset;
    --call_depth_;
    --depth;
    if (f == Flow::kBreak && break_target_ == nullptr) f = Flow::kNormal;  // Block catches the nearest stop
    if (f != Flow::kNormal) pending_ = f;
    return true;
  }

  // ASTReference.execute
  Value Execute(const Reference& r) {
    bool complete;
    return Execute(r, r.segments.size(), &complete);
  }

  // The value of the variable and the first `steps` segments of `r`;
  // `*complete` false when a null ended it early (the value is then Invalid()).
  Value Execute(const Reference& r, size_t steps, bool* complete) {
    *complete = false;
    if (r.type == Reference::Type::kRunt) return Value();
    Value scratch;
    const Value* root = FindVar(r.root, &scratch);
    if (Aborted()) return Value();
    if (!root || root->is_null()) return Invalid();
    if (steps == 0) {
      *complete = true;
      return root == &scratch ? std::move(scratch) : *root;
    }
    // The first step reads the variable where it is kept, unless it evaluates
    // arguments first, which could change the variable under it.
    if (root != &scratch && !r.segments[0].args.empty()) {
      scratch = *root;
      root = &scratch;
    }
    Value result = ApplySegment(*root, r.segments[0]);
    if (Aborted()) return Value();
    if (result.is_null()) return Invalid();
    for (size_t i = 1; i < steps; ++i) {
      result = ApplySegment(result, r.segments[i]);
      if (Aborted()) return Value();
      if (result.is_null()) return Invalid();
    }
    *complete = true;
    return result;
  }

  // RenderReference of a reference whose last segment is a method call: when
  // the target is a host object that prints the call's value itself
  // (Object::AppendCall), appends it as RenderReference would print it and
  // returns true; otherwise leaves the reference's value in `*value` (what
  // Execute(r) gives) and returns false.
  bool AppendMethodCall(const Reference& r, std::string* out, Value* value) {
    bool complete;
    Value target = Execute(r, r.segments.size() - 1, &complete);
    if (Aborted()) return false;
    if (!complete) {  // a null on the way: the reference's value
      *value = std::move(target);
      return false;
    }
    const RefSegment& seg = r.segments.back();
    ArgsLease lease(*this);
    Args& args = lease.args();
    // For a host object, interpolated string arguments are read from scratch
    // text (AppendCall keeps no argument); they are copied if Call() is used.
    const bool host = target.kind() == Value::Kind::kObject;
    TextLease texts(*this);
    uint64_t borrowed = 0;  // bit i: args[i] reads scratch text
    for (const ExprPtr& a : seg.args) {
      if (host && a->kind == ExprKind::kInterpolatedString && args.size() < 64) {
        std::string* text = texts.Next();
        if (InterpolateInto(*a, text)) {
          borrowed |= uint64_t{1} << args.size();
          args.push_back(Value::BorrowedString(*text));
        } else {
          args.push_back(Value());
        }
      } else {
        args.push_back(ValueOf(*a));
      }
      if (Aborted()) return false;
    }
    if (host) {
      const size_t start = out->size();
      out->append(r.esc_prefix);
      out->append(r.more_prefix);
      if (std::optional<Status> done = target.object().AppendCall(seg.name, args, out)) {
        if (!done->ok()) {
          SetError(*done);
        } else if (out->size() >= start + max_bytes_ + 1) {  // as AppendJavaString's limit
          SetError("Value of " + r.null_string + " is too large or too deeply nested to print");
        } else {
          CheckSize(*out);
        }
        return true;
      }
      out->resize(start);
      for (size_t i = 0; i < args.size() && borrowed != 0; ++i, borrowed >>= 1) {
        if (borrowed & 1) args[i] = Value::String(std::string(args[i].as_string()));
      }
    }
    *value = CallMethod(target, seg, args);
    if (!Aborted() && value->is_null()) *value = Invalid();
    return false;
  }

  // Scratch strings reused across calls, taken in nested order.
  class TextLease {
   public:
    explicit TextLease(Renderer& r) : r_(r), first_(r.texts_used_) {}
    ~TextLease() { r_.texts_used_ = first_; }
    std::string* Next() {
      if (r_.texts_used_ == r_.text_pool_.size()) r_.text_pool_.push_back(std::make_unique<std::string>());
      return r_.text_pool_[r_.texts_used_++].get();
    }

   private:
    Renderer& r_;
    size_t first_;
  };

  // Argument lists reused across calls (a method call's arguments may hold
  // calls of their own, each with its own list).
  class ArgsLease {
   public:
    explicit ArgsLease(Renderer& r) : r_(r) {
      if (r.args_used_ == r.args_pool_.size()) r.args_pool_.push_back(std::make_unique<Args>());
      args_ = r.args_pool_[r.args_used_++].get();
    }
    ~ArgsLease() {
      args_->clear();
      --r_.args_used_;
    }
    Args& args() { return *args_; }

   private:
    Renderer& r_;
    Args* args_;
  };

  Value ApplySegment(const Value& target, const RefSegment& seg) {
    switch (seg.kind) {
      case RefSegment::Kind::kProperty: return GetBuiltinProperty(target, seg.name);
      case RefSegment::Kind::kMethod: {
        ArgsLease lease(*this);
        Args& args = lease.args();
        for (const ExprPtr& a : seg.args) {
          args.push_back(ValueOf(*a));
          if (Aborted()) return Value();
        }
        return CallMethod(target, seg, args);
      }
      case RefSegment::Kind::kIndex: {
        Value arg = ValueOf(*seg.args[0]);
        if (Aborted()) return Value();
        if (!AdjustNegativeIndex(target, &arg)) return Value();
        switch (target.kind()) {
          case Value::Kind::kList: {
            if (!IsJavaInt(arg)) return Value();
            int64_t i = arg.as_int();
            const JsonValue* node = JsonNodeOf(target);
            const int64_t size = node ? node->Size() : static_cast<int64_t>(target.list().size());
            if (i < 0 || i >= size) {
              SetError("Error invoking method 'get(java.lang.Integer)' in java.util.ArrayList: "
                       "Index: " + std::to_string(i) + ", Size: " + std::to_string(size));
              return Value();
            }
            if (node) return JsonTree::ChildOf(target, (*node)[static_cast<rapidjson::SizeType>(i)]);
            return target.list()[i];
          }
          case Value::Kind::kMap: {
            const std::string key = arg.is_null() ? "null" : arg.ToString();
            if (const JsonValue* node = JsonNodeOf(target)) return JsonMember(target, *node, key);
            const Value* v = target.map().Find(key);
            return v ? *v : Value();
          }
          case Value::Kind::kObject: {
            auto r = target.object().Call("get", {arg});
            if (!r) return Value();
            if (!r->ok()) {
              SetError(r->status());
              return Value();
            }
            return std::move(r->value());
          }
          default: return Value();
        }
      }
    }
    return Value();
  }

  Value CallMethod(const Value& target, const RefSegment& seg, const Args& args) {
    CallOutcome r = CallBuiltin(target, seg.name, args, max_bytes_, this);
    if (!r) return Value();  // no such method: null
    if (!r->ok()) {
      SetError(r->status());
      return Value();
    }
    return std::move(r->value());
  }

  // ASTIndex.adjMinusIndexArg: $list[-1] is the last element.
  bool AdjustNegativeIndex(const Value& target, Value* arg) {
    if (!IsJavaInt(*arg) || arg->as_int() >= 0) return true;
    int64_t size;
    const JsonValue* node = JsonNodeOf(target);
    switch (target.kind()) {
      case Value::Kind::kList: size = node ? node->Size() : static_cast<int64_t>(target.list().size()); break;
      case Value::Kind::kMap: size = node ? node->MemberCount() : static_cast<int64_t>(target.map().size()); break;
      default:
        SetError("A 'size()' method required for negative value " + std::to_string(arg->as_int()) +
                 " does not exist");
        return false;
    }
    *arg = Value::Int(size + arg->as_int());
    return true;
  }

  Flow RenderIf(const IfNode& node, std::string* out) {
    for (const auto& [cond, block] : node.branches) {
      bool taken = Evaluate(*cond);
      if (Aborted()) return Flow::kNormal;
      if (taken) return RenderBlock(block, out);
    }
    return RenderBlock(node.else_block, out);
  }

  // ASTSetDirective.render: a null right-hand side leaves the variable unchanged.
  void RenderSet(const SetNode& node) {
    Value value = ValueOf(*node.rhs);
    if (Aborted() || value.is_null()) return;
    if (node.lhs.segments.empty()) {
      PutVar(node.name, value);
      return;
    }
    SetValue(node.lhs, value);
  }

  // ASTReference.setValue
  void SetValue(const Reference& lhs, const Value& value) {
    Value target = GetVar(lhs.root);
    if (Aborted() || target.is_null()) return;
    for (size_t i = 0; i + 1 < lhs.segments.size(); ++i) {
      target = ApplySegment(target, lhs.segments[i]);
      if (Aborted() || target.is_null()) return;
    }
    const RefSegment& last = lhs.segments.back();
    if (last.kind == RefSegment::Kind::kIndex) {
      Value arg = ValueOf(*last.args[0]);
      if (Aborted() || !AdjustNegativeIndex(target, &arg)) return;
      if (target.kind() == Value::Kind::kList) {
        if (!IsJavaInt(arg)) return;
        int64_t i = arg.as_int();
        List& l = target.list();
        if (i < 0 || i >= static_cast<int64_t>(l.size())) {
          SetError("Exception calling method 'set(java.lang.Integer,java.lang.Object)' in "
                   "class java.util.ArrayList: Index: " + std::to_string(i) +
                   ", Size: " + std::to_string(l.size()));
          return;
        }
        Inserted(target, value);
        l[i] = value;
      } else if (target.kind() == Value::Kind::kMap) {
        std::string key = arg.is_null() ? "null" : arg.ToString();
        if (!SettingKey(target, key)) return SetError(KeySetTwice(key));
        Inserted(target, value);
        target.map().Put(std::move(key), value);
      } else if (target.kind() == Value::Kind::kObject) {
        auto r = target.object().Call("set", {arg, value});
        if (!r) r = target.object().Call("put", {arg, value});
        if (r && !r->ok()) SetError(r->status());
      }
      return;
    }
    if (target.kind() == Value::Kind::kMap) {
      if (!SettingKey(target, last.name)) return SetError(KeySetTwice(last.name));
      Inserted(target, value);
      target.map().Put(last.name, value);
    } else if (target.kind() == Value::Kind::kObject) {
      std::string cap = last.name;
      cap[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(cap[0])));
      auto r = target.object().Call("set" + cap, {value});
      if (!r) r = target.object().Call("put", {Value::String(last.name), value});
      if (r && !r->ok()) SetError(r->status());
    }
  }

  // Foreach.render
  Flow RenderForeach(const ForeachNode& node, std::string* out) {
    Value iterable = ValueOf(*node.iterable);
    if (Aborted() || iterable.is_null()) return Flow::kNormal;
    // The loop walks a snapshot: a copy of a list or map's values, or the
    // unchanging document node of a JSON view.
    List items;
    const JsonValue* view = JsonNodeOf(iterable);
    if (view) {
      // read in place below
    } else if (iterable.kind() == Value::Kind::kList) {
      items = iterable.list();
    } else if (iterable.kind() == Value::Kind::kMap) {
      for (const auto& e : iterable.map().entries()) items.push_back(e.second);
    } else {
      return Flow::kNormal;  // not iterable: skipped, as directive.foreach.skip.invalid
    }
    const size_t count = !view ? items.size() : view->IsArray() ? view->Size() : view->MemberCount();
    auto item_at = [&](size_t i) -> Value {
      if (!view) return items[i];
      const auto k = static_cast<rapidjson::SizeType>(i);
      return JsonTree::ChildOf(iterable, view->IsArray() ? (*view)[k] : (view->MemberBegin() + k)->value);
    };
    const Value saved_var = GetVar(node.var);
    const Value saved_count = GetVar(kVelocityCount);
    const Value saved_has_next = GetVar(kVelocityHasNext);
    const Value previous_scope = GetVar(kForeach);
    const bool previous_is_scope = IsScope(previous_scope);
    auto scope = std::make_shared<ForeachScope>(previous_is_scope ? previous_scope : Value());
    scope->self = scope;
    PutVar(kForeach, Value::FromObject(scope));

    Flow result = Flow::kNormal;
    int64_t counter = 0;
    for (size_t i = 0; i < count; ++i) {
      if (max_loops_ > 0 && counter >= max_loops_) break;  // directive.foreach.maxloops
      PutVar(kVelocityCount, Value::Int(counter + 1));
      PutVar(kVelocityHasNext, Value::Bool(i + 1 < count));
      PutVar(node.var, item_at(i));
      scope->index++;
      scope->has_next = i + 1 < count;
      Flow f = RenderBlock(node.body, out);
      ++counter;
      if (!err_.ok()) break;
      if (f == Flow::kBreak && (break_target_ == nullptr || break_target_ == scope.get())) {
        break_target_ = nullptr;
        break;
      }
      if (f != Flow::kNormal) {
        result = f;
        break;
      }
    }
    // Foreach.clean and postRender: restore what the loop replaced.
    if (!saved_var.is_null()) PutVar(node.var, saved_var); else RemoveVar(node.var);
    if (!saved_count.is_null()) PutVar(kVelocityCount, saved_count); else RemoveVar(kVelocityCount);
    if (!saved_has_next.is_null()) PutVar(kVelocityHasNext, saved_has_next); else RemoveVar(kVelocityHasNext);
    Value current = GetVar(kForeach);
    if (IsScope(current)) {
      const auto& s = static_cast<const ForeachScope&>(current.object());
      if (!s.parent().is_null()) {
        PutVar(kForeach, s.parent());
      } else if (!previous_scope.is_null() && !previous_is_scope) {
        PutVar(kForeach, previous_scope);
      } else {
        RemoveVar(kForeach);
      }
    }
    return result;
  }

  static bool IsScope(const Value& v) {
    return v.kind() == Value::Kind::kObject && dynamic_cast<const ForeachScope*>(&v.object());
  }

  // Break.render / Stop.render
  Flow RenderStop(const StopNode& node) {
    if (node.kind == NodeKind::kStop) {
      if (node.arg) ValueOf(*node.arg);
      return Flow::kStop;
    }
    if (!node.arg) {
      break_target_ = nullptr;
      return Flow::kBreak;
    }
    Value scope = ValueOf(*node.arg);
    if (Aborted()) return Flow::kNormal;
    if (!IsScope(scope)) {
      SetError(node.arg->literal + " is not a valid org.apache.velocity.runtime.directive.Scope instance");
      return Flow::kNormal;
    }
    break_target_ = &scope.object();
    return Flow::kBreak;
  }

  const Macro* FindMacro(std::string_view name) const {
    if (auto it = prog_.macros.find(name); it != prog_.macros.end()) return &it->second;
    for (const auto& p : evaluated_) {
      if (auto it = p->macros.find(name); it != p->macros.end()) return &it->second;
    }
    return nullptr;
  }

  // RuntimeMacro.render and VelocimacroProxy.render
  Flow RenderMacroCall(const MacroCallNode& node, std::string* out) {
    const Macro* macro = FindMacro(node.name);
    if (!macro) {
      Append(out, node.literal);
      return Flow::kNormal;
    }
    if (!node.bad_arg.empty()) {
      SetError("Invalid arg '" + node.bad_arg + "' in macro #" + node.name);
      return Flow::kNormal;
    }
    if (macro_depth_ >= std::min(kMaxMacroDepth, max_depth_)) {
      SetError("Max calling depth of " + std::to_string(std::min(kMaxMacroDepth, max_depth_)) +
               " was exceeded in macro '" + node.name + "'");
      return Flow::kNormal;
    }
    Frame frame;
    frame.parent = visible_;
    for (size_t i = 0; i < macro->params.size() && i < node.args.size(); ++i) {
      const Expr& arg = *node.args[i];
      const std::string& param = macro->params[i];
      switch (arg.kind) {
        case ExprKind::kRange: case ExprKind::kReference: case ExprKind::kList:
        case ExprKind::kMap: case ExprKind::kString: case ExprKind::kInterpolatedString:
          // Passed by name: evaluated in the caller's context at each use.
          frame.proxies[param] = MacroArg{&arg, visible_};
          frame.literals["$" + param] = arg.literal;
          break;
        default:
          frame.locals[param] = ValueOf(arg);
          if (Aborted()) return Flow::kNormal;
      }
    }
    if (node.body) frame.locals["bodyContent"] = Value::FromObject(std::make_shared<BlockRef>(node.body.get()));
    const size_t saved_visible = visible_;
    frames_.push_back(std::move(frame));
    visible_ = frames_.size();
    ++macro_depth_;
    const size_t saved_offset = offset_;
    Flow f = RenderBlock(*macro->body, out);
    offset_ = saved_offset;
    --macro_depth_;
    frames_.pop_back();
    visible_ = saved_visible;
    if (f == Flow::kBreak && break_target_ == nullptr) f = Flow::kNormal;  // the macro catches the nearest stop
    return f;
  }

  // Evaluate.render: the argument's text parsed and rendered here; #stop ends it.
  Flow RenderEvaluate(const EvaluateNode& node, std::string* out) {
    Value v = ValueOf(*node.arg);
    if (Aborted()) return Flow::kNormal;
    std::string text = v.is_null() ? "" : Stringify(v);
    if (Aborted()) return Flow::kNormal;
    if (call_depth_ >= max_depth_) {
      SetError("#evaluate nesting is too deep");
      return Flow::kNormal;
    }
    auto program = ParseProgram(text);
    if (!program.ok()) {
      SetError("#evaluate: " + program.status().message());
      return Flow::kNormal;
    }
    const Program* p = program->get();
    evaluated_.push_back(std::move(*program));
    ++call_depth_;
    const size_t saved_offset = offset_;
    Flow f = RenderBlock(p->root, out);
    offset_ = saved_offset;
    --call_depth_;
    if (f == Flow::kStop || (f == Flow::kBreak && break_target_ == nullptr)) f = Flow::kNormal;
    return f;
  }

  // ---- expressions: value() and evaluate() ----
  std::string Stringify(const Value& v) {
    if (auto* block = AsBlock(v)) {
      std::string s;
      if (!RenderBlockRef(*block, &s)) return "";
      return s;
    }
    std::string s;
    if (!AppendJavaString(v, &s, max_bytes_ + 1) || s.size() > max_bytes_) {
      SetError("A value is too large or too deeply nested to print");
    }
    return s;
  }

  Value ValueOf(const Expr& e) {
    switch (e.kind) {
      case ExprKind::kReference: return e.ref->computable ? Execute(*e.ref) : Value();
      case ExprKind::kString: case ExprKind::kInteger: case ExprKind::kFloat: return e.constant;
      case ExprKind::kInterpolatedString: return Interpolate(e);
      case ExprKind::kTrue: return Value::Bool(true);
      case ExprKind::kFalse: return Value::Bool(false);
      case ExprKind::kWord: return Value();
      case ExprKind::kParen: return ValueOf(*e.kids[0]);
      case ExprKind::kMap: {
        Map m;
        for (size_t i = 0; i + 1 < e.kids.size(); i += 2) {
          Value k = ValueOf(*e.kids[i]);
          Value v = ValueOf(*e.kids[i + 1]);
          if (Aborted()) return Value();
          m.Put(k.is_null() ? "null" : Stringify(k), std::move(v));
        }
        return Value::NewMap(std::move(m));
      }
      case ExprKind::kList: {
        List l;
        l.reserve(e.kids.size());
        for (const ExprPtr& k : e.kids) {
          l.push_back(ValueOf(*k));
          if (Aborted()) return Value();
        }
        return Value::NewList(std::move(l));
      }
      case ExprKind::kRange: return Range(e);
      case ExprKind::kNot: return Value::Bool(!Evaluate(*e.kids[0]));
      case ExprKind::kOr: case ExprKind::kAnd: case ExprKind::kEq: case ExprKind::kNe:
      case ExprKind::kLt: case ExprKind::kGt: case ExprKind::kLe: case ExprKind::kGe:
        return Value::Bool(Evaluate(e));
      case ExprKind::kAdd: case ExprKind::kSub: case ExprKind::kMul: case ExprKind::kDiv:
      case ExprKind::kMod:
        return Arithmetic(e);
    }
    return Value();
  }

  // ASTStringLiteral.value: the string rendered as a template, minus the
  // space that was appended before parsing it.
  Value Interpolate(const Expr& e) {
    std::string s;
    if (!InterpolateInto(e, &s)) return Value();
    return Value::String(std::move(s));
  }

  // The text of an interpolated string in `*s` (cleared first); false, for a
  // null value, when the render failed or met a #break or #stop.
  bool InterpolateInto(const Expr& e, std::string* s) {
    s->clear();
    Flow f = RenderBlock(*e.interpolation, s);
    if (!err_.ok()) return false;
    if (f != Flow::kNormal) {
      pending_ = f;
      return false;
    }
    if (e.strip_last_char && !s->empty()) {
      size_t cut = s->size() - 1;
      while (cut > 0 && (static_cast<unsigned char>((*s)[cut]) & 0xC0) == 0x80) --cut;
      s->resize(cut);
    }
    return true;
  }

  // ASTIntegerRange.value
  Value Range(const Expr& e) {
    Value l = ValueOf(*e.kids[0]);
    Value r = ValueOf(*e.kids[1]);
    if (Aborted() || !l.is_number() || !r.is_number()) return Value();
    auto to_int = [](const Value& v) -> int64_t {
      if (v.kind() == Value::Kind::kInt) return static_cast<int32_t>(v.as_int());
      double d = v.as_double();
      if (std::isnan(d)) return 0;
      if (d >= 2147483647.0) return 2147483647;
      if (d <= -2147483648.0) return -2147483648LL;
      return static_cast<int64_t>(d);
    };
    int64_t a = to_int(l), b = to_int(r);
    uint64_t count = static_cast<uint64_t>(a > b ? a - b : b - a) + 1;
    if (count > kMaxRangeSize) {
      SetError("Range [" + std::to_string(a) + ".." + std::to_string(b) + "] is too large");
      return Value();
    }
    List items;
    items.reserve(count);
    int64_t step = a >= b ? -1 : 1;
    for (uint64_t i = 0; i < count; ++i) items.push_back(Value::Int(a + step * static_cast<int64_t>(i)));
    return Value::NewList(std::move(items));
  }

  static int Compare(const Value& l, const Value& r) {  // MathUtils.compare
    if (l.kind() == Value::Kind::kInt && r.kind() == Value::Kind::kInt) {
      return l.as_int() < r.as_int() ? -1 : l.as_int() > r.as_int() ? 1 : 0;
    }
    double a = l.as_double(), b = r.as_double();
    return a < b ? -1 : a > b ? 1 : 0;
  }

  static bool SameClass(const Value& l, const Value& r) {
    if (l.kind() != r.kind()) return false;
    if (l.kind() != Value::Kind::kObject) return true;
    const Object& a = l.object();
    const Object& b = r.object();
    return typeid(a) == typeid(b);
  }

  // ASTEQNode.evaluate (`negate` gives ASTNENode's answers).
  bool Equality(const Expr& e, bool negate) {
    Value l = ValueOf(*e.kids[0]);
    Value r = ValueOf(*e.kids[1]);
    if (Aborted()) return false;
    if (l.is_number() && r.is_number()) return (Compare(l, r) == 0) != negate;
    if (!l.is_null() && !r.is_null() && SameClass(l, r)) return JavaEquals(l, r) != negate;
    if (l.is_null() && r.is_null()) return !negate;
    if (l.is_null() || r.is_null()) return negate;
    std::string ls = Stringify(l);
    std::string rs = Stringify(r);
    return (ls == rs) != negate;
  }

  bool Evaluate(const Expr& e) {
    switch (e.kind) {
      case ExprKind::kReference: {  // ASTReference.evaluate
        Value v = Execute(*e.ref);
        if (v.is_null()) return false;
        if (v.kind() == Value::Kind::kBool) return v.as_bool();
        return true;
      }
      case ExprKind::kParen: return Evaluate(*e.kids[0]);
      case ExprKind::kNot: return !Evaluate(*e.kids[0]);
      case ExprKind::kTrue: return true;
      case ExprKind::kAnd: return Evaluate(*e.kids[0]) && !Aborted() && Evaluate(*e.kids[1]);
      case ExprKind::kOr: return (Evaluate(*e.kids[0]) && !Aborted()) || (!Aborted() && Evaluate(*e.kids[1]));
      case ExprKind::kEq: return Equality(e, false);
      case ExprKind::kNe: return Equality(e, true);
      case ExprKind::kLt: case ExprKind::kGt: case ExprKind::kLe: case ExprKind::kGe: {
        Value l = ValueOf(*e.kids[0]);
        Value r = ValueOf(*e.kids[1]);
        if (Aborted() || !l.is_number() || !r.is_number()) return false;
        int c = Compare(l, r);
        if (e.kind == ExprKind::kLt) return c < 0;
        if (e.kind == ExprKind::kGt) return c > 0;
        if (e.kind == ExprKind::kLe) return c <= 0;
        return c >= 0;
      }
      default:  // SimpleNode.evaluate: literals, maps, lists and math are false
        return false;
    }
  }

  // ASTMathNode and MathUtils: integer arithmetic when both sides are integers
  // (integer division), double otherwise; a null or non-number side, or a zero
  // divisor, gives null.
  Value Arithmetic(const Expr& e) {
    Value l = ValueOf(*e.kids[0]);
    Value r = ValueOf(*e.kids[1]);
    if (Aborted()) return Value();
    if (e.kind == ExprKind::kAdd &&
        (l.kind() == Value::Kind::kString || r.kind() == Value::Kind::kString)) {
      std::string s = l.is_null() ? e.kids[0]->literal : Stringify(l);
      std::string t = r.is_null() ? e.kids[1]->literal : Stringify(r);
      if (s.size() + t.size() > max_bytes_) {
        SetError("String concatenation is larger than " + std::to_string(max_bytes_) + " bytes");
        return Value();
      }
      return Value::String(s + t);
    }
    if (!l.is_number() || !r.is_number()) return Value();
    if (l.kind() == Value::Kind::kInt && r.kind() == Value::Kind::kInt) {
      int64_t a = l.as_int(), b = r.as_int(), out = 0;
      switch (e.kind) {
        case ExprKind::kAdd:
          if (__builtin_add_overflow(a, b, &out)) return Value::Double(double(a) + double(b));
          return Value::Int(out);
        case ExprKind::kSub:
          if (__builtin_sub_overflow(a, b, &out)) return Value::Double(double(a) - double(b));
          return Value::Int(out);
        case ExprKind::kMul:
          if (__builtin_mul_overflow(a, b, &out)) return Value::Double(double(a) * double(b));
          return Value::Int(out);
        case ExprKind::kDiv:
          if (b == 0) return Value();
          if (b == -1) return Value::Int(static_cast<int64_t>(0ULL - static_cast<uint64_t>(a)));
          return Value::Int(a / b);
        default:
          if (b == 0) return Value();
          if (b == -1) return Value::Int(0);
          return Value::Int(a % b);
      }
    }
    double a = l.as_double(), b = r.as_double();
    switch (e.kind) {
      case ExprKind::kAdd: return Value::Double(a + b);
      case ExprKind::kSub: return Value::Double(a - b);
      case ExprKind::kMul: return Value::Double(a * b);
      case ExprKind::kDiv:
        if (b == 0) return Value();
        return Value::Double(a / b);
      default:
        if (b == 0) return Value();
        return Value::Double(std::fmod(a, b));
    }
  }

  const Program& prog_;
  std::string_view source_;
  Context& ctx_;
  bool aws_null_ = false;
  size_t max_bytes_ = 0;
  int64_t max_loops_ = 0;
  int max_depth_ = 1;
  Status err_;
  std::vector<std::pair<const Map*, std::string>> set_once_keys_;  // SettingKey
  Flow pending_ = Flow::kNormal;  // a #break/#stop met while computing a value
  const void* break_target_ = nullptr;  // #break($scope): the scope to leave
  size_t offset_ = 0;
  std::vector<Frame> frames_;
  size_t visible_ = 0;
  int macro_depth_ = 0;
  int call_depth_ = 0;
  std::map<const Block*, int> define_depth_;
  std::vector<std::unique_ptr<Args>> args_pool_;  // ArgsLease
  size_t args_used_ = 0;
  std::vector<std::unique_ptr<std::string>> text_pool_;  // TextLease
  size_t texts_used_ = 0;
  std::vector<std::unique_ptr<Program>> evaluated_;
};

Status RenderProgram(const Program& program, std::string_view source, Context& context,
                     std::string* out) {
  Renderer r(program, source, context);
  return r.Run(out);
}

}  // namespace apigw::vtl
