// AST: a parsed template, immutable once built. Each node keeps what Velocity
// 1.7's node computes in init() (a reference's root, prefixes and literal text),
// so rendering never looks at tokens again.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "vtl/template.h"
#include "vtl/value.h"

namespace apigw::vtl {

// A variable's name with its Context::Hash, computed when the name is set (when
// the template is parsed), so that renders look variables up without hashing.
class VarName {
 public:
  VarName() : hash_(Context::Hash("")) {}
  VarName(std::string name) : name_(std::move(name)), hash_(Context::Hash(name_)) {}  // NOLINT: implicit
  VarName(const char* name) : VarName(std::string(name)) {}                          // NOLINT: implicit
  const std::string& str() const { return name_; }
  uint64_t hash() const { return hash_; }
  bool empty() const { return name_.empty(); }

 private:
  std::string name_;
  uint64_t hash_;
};

struct Expr;
struct Node;
using ExprPtr = std::unique_ptr<Expr>;
using Block = std::vector<std::unique_ptr<Node>>;

// One step of a reference chain: `.name`, `.name(args)` or `[index]`.
struct RefSegment {
  enum class Kind : uint8_t { kProperty, kMethod, kIndex };
  Kind kind = Kind::kProperty;
  std::string name;
  std::vector<ExprPtr> args;  // method arguments; the index expression
};

// `$a.b(c)[0]` in its four written forms, as ASTReference sees them.
struct Reference {
  enum class Type : uint8_t { kNormal, kFormal, kQuiet, kRunt };
  Type type = Type::kNormal;
  VarName root;             // the variable name ("a")
  bool escaped = false;     // an odd number of backslashes before '$'
  bool computable = true;   // false for "$\!a" forms, whose value is always null
  std::string esc_prefix;   // half of the leading backslashes
  std::string more_prefix;  // text before the last '$' of "$$a"
  std::string null_string;  // what renders when the value is null
  std::string first_image;  // first token's image after init ("$a", "${", "$!a")
  std::vector<RefSegment> segments;
};

enum class ExprKind : uint8_t {
  kReference, kString, kInterpolatedString, kInteger, kFloat, kTrue, kFalse, kWord,
  kMap, kList, kRange, kParen, kNot, kOr, kAnd, kEq, kNe, kLt, kGt, kLe, kGe,
  kAdd, kSub, kMul, kDiv, kMod,
};

struct Expr {
  ExprKind kind = ExprKind::kString;
  std::vector<ExprPtr> kids;           // operands; map keys and values; list items
  Value constant;                      // literals; a word's image
  std::unique_ptr<Reference> ref;      // kReference
  std::unique_ptr<Block> interpolation;  // kInterpolatedString: the string parsed as VTL
  bool strip_last_char = true;         // the space appended before interpolating
  std::string literal;                 // Velocity's literal() of the node
};

enum class NodeKind : uint8_t {
  kText, kReference, kIf, kSet, kForeach, kMacroCall, kDefine, kBreak, kStop, kEvaluate,
  kLiteral, kMissingResource, kBadForeach,
};

struct Node {
  explicit Node(NodeKind k) : kind(k) {}
  virtual ~Node() = default;
  NodeKind kind;
  size_t offset = 0;  // where it starts in the source, for error messages
};

struct TextNode : Node {
  TextNode() : Node(NodeKind::kText) {}
  std::string text;
};

struct ReferenceNode : Node {
  ReferenceNode() : Node(NodeKind::kReference) {}
  Reference ref;
};

struct IfNode : Node {
  IfNode() : Node(NodeKind::kIf) {}
  std::vector<std::pair<ExprPtr, Block>> branches;  // #if, then each #elseif
  Block else_block;
};

struct SetNode : Node {
  SetNode() : Node(NodeKind::kSet) {}
  Reference lhs;
  VarName name;  // Velocity's leftReference: the first token's image minus '$'
  ExprPtr rhs;
};

struct ForeachNode : Node {
  ForeachNode() : Node(NodeKind::kForeach) {}
  VarName var;
  ExprPtr iterable;
  Block body;
};

// A velocimacro call, or a directive Velocity does not know: without such a
// macro at render time it prints its own source text.
struct MacroCallNode : Node {
  MacroCallNode() : Node(NodeKind::kMacroCall) {}
  std::string name;
  std::vector<ExprPtr> args;
  std::string literal;        // the call's source text
  std::string bad_arg;        // a bare word argument (an error once the macro exists)
  std::unique_ptr<Block> body;  // #@name(...) body #end
};

struct DefineNode : Node {
  DefineNode() : Node(NodeKind::kDefine) {}
  VarName key;
  Block body;
};

// #break and #stop, with their optional argument.
struct StopNode : Node {
  explicit StopNode(NodeKind k) : Node(k) {}
  ExprPtr arg;
};

struct EvaluateNode : Node {
  EvaluateNode() : Node(NodeKind::kEvaluate) {}
  ExprPtr arg;
};

// #literal (deprecated, still in 1.7): its body's source, unrendered.
struct LiteralNode : Node {
  LiteralNode() : Node(NodeKind::kLiteral) {}
  std::string text;
};

// #include / #parse: templates on API Gateway have no resources to load.
struct ErrorNode : Node {
  explicit ErrorNode(NodeKind k) : Node(k) {}
  std::string message;
};

struct Macro {
  std::vector<std::string> params;
  const Block* body = nullptr;
};

// The parse of one template source (or of an interpolated string literal).
struct Program {
  Block root;
  std::map<std::string, Macro, std::less<>> macros;  // first definition wins
  std::vector<std::unique_ptr<Block>> macro_bodies;
};

}  // namespace apigw::vtl
