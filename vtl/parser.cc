// Recursive descent over Parser.jjt's productions. Comments name the production
// each function reproduces; lookaheads fetch exactly as many tokens as JavaCC's
// do, because the lexer's state depends on when tokens are fetched.
#include "vtl/parser.h"

#include <charconv>
#include <cmath>
#include <set>

#include "vtl/java_text.h"
#include "vtl/lexer.h"

namespace apigw::vtl {
namespace {

constexpr int kMaxDepth = 150;  // nesting of statements/expressions the parser accepts

bool IsKnownDirective(std::string_view n) {
  return n == "foreach" || n == "include" || n == "parse" || n == "macro" || n == "literal" ||
         n == "evaluate" || n == "break" || n == "define" || n == "stop";
}

bool IsStatementStart(Tok k) {
  switch (k) {
    case Tok::kIfDirective: case Tok::kIdentifier: case Tok::kLCurly:
    case Tok::kSingleLineCommentStart: case Tok::kMultiLineComment: case Tok::kFormalComment:
    case Tok::kTextblock: case Tok::kSetDirective: case Tok::kEscapeDirective:
    case Tok::kDoubleEscape: case Tok::kWord: case Tok::kBracketedWord: case Tok::kText:
    case Tok::kDot: case Tok::kRParen: case Tok::kLParen: case Tok::kIntegerLiteral:
    case Tok::kFloatingPointLiteral: case Tok::kStringLiteral: case Tok::kEscape:
    case Tok::kRCurly: case Tok::kEmptyIndex:
      return true;
    default:
      return false;
  }
}

// First tokens of Parameter()'s alternatives (after its optional whitespace).
bool IsParameterAlternative(Tok k) {
  switch (k) {
    case Tok::kStringLiteral: case Tok::kIntegerLiteral: case Tok::kLBracket:
    case Tok::kLeftCurley: case Tok::kTrue: case Tok::kFalse: case Tok::kIdentifier:
    case Tok::kLCurly: case Tok::kFloatingPointLiteral:
      return true;
    default:
      return false;
  }
}

bool IsParameterStart(Tok k) { return k == Tok::kWhitespace || IsParameterAlternative(k); }

bool IsDirectiveArgStart(Tok k) {
  switch (k) {
    case Tok::kIdentifier: case Tok::kLCurly: case Tok::kWord: case Tok::kStringLiteral:
    case Tok::kIntegerLiteral: case Tok::kLBracket: case Tok::kFloatingPointLiteral:
    case Tok::kLeftCurley: case Tok::kTrue: case Tok::kFalse:
      return true;
    default:
      return false;
  }
}

// NodeUtils.getSpecialText: of the special tokens before a token, only '#', '$'
// and backslashes that precede a '$' survive.
std::string SpecialText(const std::vector<std::string>& specials) {
  std::string sb;
  for (const std::string& st : specials) {
    const size_t is = st.size();
    for (size_t i = 0; i < is; i++) {
      char c = st[i];
      if (c == '#' || c == '$') sb.push_back(c);
      if (c == '\\') {
        bool ok = true, term = false;
        size_t j = i;
        for (ok = true; ok && j < is; j++) {
          char cc = st[j];
          if (cc == '\\') continue;
          if (cc == '$') {
            term = true;
            ok = false;
          } else {
            ok = false;
          }
        }
        if (term) {
          sb += st.substr(i, j - i);
          i = j;
        }
      }
    }
  }
  return sb;
}

// NodeUtils.tokenLiteral.
std::string TokenLiteral(const Token& t) {
  if (t.kind == Tok::kMultiLineComment) return "";
  if (t.specials.empty() || t.specials.back().compare(0, 2, "##") == 0) return t.image;
  std::string special = SpecialText(t.specials);
  return special.empty() ? t.image : special + t.image;
}

// ASTStringLiteral.unescape: "\uXXXX" becomes the UTF-16 unit (Integer.parseInt
// radix 16, so a sign is accepted); anything else stays as written.
bool UnescapeUnicode(const std::string& s, std::string* out) {
  size_t u = s.find("\\u");
  if (u == std::string::npos) {
    *out = s;
    return true;
  }
  std::u16string units;
  size_t last = 0;
  while (u != std::string::npos) {
    units += ToUtf16(s.substr(last, u - last));
    if (u + 6 > s.size()) return false;
    std::string hex = s.substr(u + 2, 4);
    size_t start = (hex[0] == '+' || hex[0] == '-') ? 1 : 0;
    if (start == hex.size()) return false;
    long v = 0;
    for (size_t i = start; i < hex.size(); ++i) {
      char c = hex[i];
      int d = (c >= '0' && c <= '9') ? c - '0'
              : (c >= 'a' && c <= 'f') ? c - 'a' + 10
              : (c >= 'A' && c <= 'F') ? c - 'A' + 10 : -1;
      if (d < 0) return false;
      v = v * 16 + d;
    }
    if (hex[0] == '-') v = -v;
    units.push_back(static_cast<char16_t>(v & 0xFFFF));
    last = u + 6;
    u = s.find("\\u", last);
  }
  units += ToUtf16(s.substr(last));
  *out = ToUtf8(units);
  return true;
}

// ASTStringLiteral.replaceQuotes: a doubled quote of the literal's kind is one quote.
std::string ReplaceQuotes(const std::string& s, char q) {
  if (s.find(q) == std::string::npos) return s;
  std::string r;
  for (size_t i = 0; i < s.size(); i++) {
    char c = s[i];
    r.push_back(c);
    if (i + 1 < s.size() && c == q && s[i + 1] == q) i++;
  }
  return r;
}

class Parser {
 public:
  Parser(std::string_view src, Program* program) : src_(src), lexer_(src), program_(program) {}

  // process(): ( Statement() )* <EOF>
  Status Run(Block* out) {
    Statements(out);
    if (ok() && K() != Tok::kEof) Fail();
    return error_;
  }

 private:
  struct DepthGuard {
    explicit DepthGuard(Parser* p) : p_(p) {
      if (++p_->depth_ > kMaxDepth && p_->error_.ok()) {
        p_->error_ = Status::BadRequest("Template nesting is too deep at " +
                                        DescribePosition(p_->src_, p_->Tk(0).offset));
      }
    }
    ~DepthGuard() { --p_->depth_; }
    Parser* p_;
  };

  bool ok() const { return error_.ok(); }

  const Token& Tk(size_t k) {
    while (toks_.size() <= pos_ + k) {
      Token t;
      if (!error_.ok()) {
        t.kind = Tok::kEof;
        t.offset = src_.size();
      } else {
        Status s = lexer_.Next(&t);
        if (!s.ok()) {
          error_ = s;
          t = Token();
          t.offset = src_.size();
        }
      }
      toks_.push_back(std::move(t));
    }
    return toks_[pos_ + k];
  }
  Tok K(size_t k = 0) { return Tk(k).kind; }

  void Fail() {
    if (!error_.ok()) return;
    const Token& t = Tk(0);
    std::string image = t.kind == Tok::kEof ? "<EOF>" : t.image;
    error_ = Status::BadRequest("Encountered \"" + image + "\" at " +
                                DescribePosition(src_, t.offset) + " of the template");
  }
  void FailAt(size_t token_index, const std::string& what) {
    if (!error_.ok()) return;
    error_ = Status::BadRequest(what + " at " + DescribePosition(src_, toks_[token_index].offset));
  }
  // Consumes a token of `kind`; a mismatch is a parse error. Returns its index.
  size_t Consume(Tok kind) {
    if (ok() && K() != kind) Fail();
    if (!ok()) return pos_ > 0 ? pos_ - 1 : 0;
    return pos_++;
  }
  void OptWhitespace() {
    if (ok() && K() == Tok::kWhitespace) ++pos_;
  }

  std::string Literal(size_t first, size_t last) {
    std::string s;
    for (size_t i = first; i <= last && i < toks_.size(); ++i) s += TokenLiteral(toks_[i]);
    return s;
  }
  std::string RawImages(size_t first, size_t last) {
    std::string s;
    for (size_t i = first; i <= last && i < toks_.size(); ++i) s += toks_[i].image;
    return s;
  }

  static void AppendText(Block* b, std::string text, size_t offset) {
    if (text.empty()) return;
    if (!b->empty() && b->back()->kind == NodeKind::kText) {
      static_cast<TextNode*>(b->back().get())->text += text;
      return;
    }
    auto n = std::make_unique<TextNode>();
    n->offset = offset;
    n->text = std::move(text);
    b->push_back(std::move(n));
  }

  void Statements(Block* b) {
    while (ok() && IsStatementStart(K())) Statement(b);
  }

  // Statement()
  void Statement(Block* b) {
    DepthGuard guard(this);
    if (!ok()) return;
    Tok k = K();
    if (k == Tok::kIfDirective) return IfStatement(b);
    if (k == Tok::kIdentifier || (k == Tok::kLCurly && K(1) == Tok::kIdentifier)) {
      auto node = std::make_unique<ReferenceNode>();
      node->offset = Tk(0).offset;
      ParseReference(&node->ref);
      b->push_back(std::move(node));
      return;
    }
    const Token& t = Tk(0);
    switch (k) {
      case Tok::kSingleLineCommentStart: {  // Comment(): ASTComment keeps text before "##"
        size_t i = pos_++;
        AppendText(b, CommentText(toks_[i].image), toks_[i].offset);
        if (K() == Tok::kSingleLineComment) ++pos_;
        return;
      }
      case Tok::kMultiLineComment: case Tok::kFormalComment:
        AppendText(b, CommentText(t.image), t.offset);
        ++pos_;
        return;
      case Tok::kTextblock: {  // Textblock(): the text between "#[[" and "]]#"
        std::string img = t.image;
        AppendText(b, img.size() >= 6 ? img.substr(3, img.size() - 6) : "", t.offset);
        ++pos_;
        return;
      }
      case Tok::kSetDirective: return SetDirective(b);
      case Tok::kEscapeDirective: {
        AppendText(b, EscapedDirective(t.image), t.offset);
        ++pos_;
        return;
      }
      case Tok::kDoubleEscape: return Escape(b);
      case Tok::kWord: case Tok::kBracketedWord: return Directive(b);
      case Tok::kText: case Tok::kDot: case Tok::kRParen: case Tok::kLParen:
      case Tok::kIntegerLiteral: case Tok::kFloatingPointLiteral: case Tok::kStringLiteral:
      case Tok::kEscape: case Tok::kLCurly: case Tok::kRCurly: case Tok::kEmptyIndex:
        AppendText(b, TokenLiteral(t), t.offset);
        ++pos_;
        return;
      default:
        Fail();
    }
  }

  static std::string CommentText(const std::string& image) {
    size_t loc1 = image.find("##");
    size_t loc2 = image.find("#*");
    if (loc1 == std::string::npos && loc2 == std::string::npos) return "";
    return image.substr(0, loc1 == std::string::npos ? loc2 : loc1);
  }

  bool IsDirectiveOrMacroName(const std::string& tag) {
    return IsKnownDirective(tag) || macro_names_.count(tag) > 0;
  }

  // Parser.escapedDirective: "\#if" renders "#if"; unknown names keep the backslash.
  std::string EscapedDirective(const std::string& image) {
    size_t last = image.rfind('\\');
    std::string directive = image.substr(last + 1);
    std::string tag = directive.substr(1);
    if (!tag.empty() && tag[0] == '{') tag = tag.substr(1, tag.size() - 2);
    bool recognized = IsDirectiveOrMacroName(tag) || tag == "if" || tag == "end" ||
                      tag == "set" || tag == "else" || tag == "elseif";
    return recognized ? image.substr(0, last / 2) + directive : image;
  }

  // Escape(): pairs of backslashes before a directive render as one backslash each.
  void Escape(Block* b) {
    size_t offset = Tk(0).offset;
    int count = 0;
    while (ok() && K() == Tok::kDoubleEscape) {
      ++pos_;
      ++count;
    }
    if (!ok()) return;
    const Token& next = Tk(0);
    bool control = next.kind == Tok::kIfDirective || next.kind == Tok::kElseDirective ||
                   next.kind == Tok::kElseifDirective || next.kind == Tok::kEnd;
    if (next.image.empty()) {  // Velocity takes image.substring(1) of <EOF> and fails
      FailAt(pos_ - 1, "Unexpected end of template after an escape");
      return;
    }
    if (IsDirectiveOrMacroName(next.image.substr(1))) control = true;
    std::string val;
    for (int i = 0; i < count; ++i) val += control ? "\\" : "\\\\";
    AppendText(b, val, offset);
  }

  // IfStatement(), ElseIfStatement(), ElseStatement()
  void IfStatement(Block* b) {
    auto node = std::make_unique<IfNode>();
    node->offset = Tk(0).offset;
    Consume(Tok::kIfDirective);
    OptWhitespace();
    Consume(Tok::kLParen);
    ExprPtr cond = Expression();
    Consume(Tok::kRParen);
    Block then_block;
    Statements(&then_block);
    node->branches.emplace_back(std::move(cond), std::move(then_block));
    while (ok() && K() == Tok::kElseifDirective) {
      ++pos_;
      OptWhitespace();
      Consume(Tok::kLParen);
      ExprPtr c = Expression();
      Consume(Tok::kRParen);
      Block blk;
      Statements(&blk);
      node->branches.emplace_back(std::move(c), std::move(blk));
    }
    if (ok() && K() == Tok::kElseDirective) {
      ++pos_;
      Statements(&node->else_block);
    }
    Consume(Tok::kEnd);
    if (ok()) b->push_back(std::move(node));
  }

  // SetDirective(): <SET_DIRECTIVE> [ws] Reference() [ws] "=" Expression() <RPAREN> [<NEWLINE>]
  void SetDirective(Block* b) {
    auto node = std::make_unique<SetNode>();
    node->offset = Tk(0).offset;
    Consume(Tok::kSetDirective);
    OptWhitespace();
    if (ok() && K() != Tok::kIdentifier && K() != Tok::kLCurly) Fail();
    ParseReference(&node->lhs);
    OptWhitespace();
    Consume(Tok::kEquals);
    node->rhs = Expression();
    Consume(Tok::kRParen);
    lexer_.set_in_set(false);
    if (ok() && K() == Tok::kNewline) ++pos_;
    if (!ok()) return;
    node->name = node->lhs.first_image.substr(1);
    b->push_back(std::move(node));
  }

  // Reference(): <IDENTIFIER> (Index())* (<DOT> (Method() | Identifier()) (Index())*)*
  //            | <LCURLY> <IDENTIFIER> ... <RCURLY>
  void ParseReference(Reference* ref) {
    DepthGuard guard(this);
    size_t first = pos_;
    bool formal = ok() && K() == Tok::kLCurly;
    if (formal) ++pos_;
    Consume(Tok::kIdentifier);
    ParseIndexes(ref);
    while (ok() && K() == Tok::kDot && K(1) == Tok::kIdentifier) {
      ++pos_;
      RefSegment seg;
      seg.name = Tk(0).image;
      if (MethodLookahead()) {
        seg.kind = RefSegment::Kind::kMethod;
        ++pos_;
        Consume(Tok::kLParen);
        if (ok() && IsParameterStart(K())) {
          seg.args.push_back(Parameter());
          while (ok() && K() == Tok::kComma) {
            ++pos_;
            seg.args.push_back(Parameter());
          }
        }
        Consume(Tok::kRefMod2RParen);
      } else {
        seg.kind = RefSegment::Kind::kProperty;
        Consume(Tok::kIdentifier);
      }
      ref->segments.push_back(std::move(seg));
      ParseIndexes(ref);
    }
    if (formal) Consume(Tok::kRCurly);
    if (!ok()) return;
    InitReference(ref, first, pos_ - 1);
  }

  void ParseIndexes(Reference* ref) {
    while (ok() && K() == Tok::kIndexLBracket) {  // Index(): "[" IndexParameter() "]"
      ++pos_;
      RefSegment seg;
      seg.kind = RefSegment::Kind::kIndex;
      OptWhitespace();
      switch (K()) {
        case Tok::kStringLiteral: seg.args.push_back(StringLiteral()); break;
        case Tok::kIntegerLiteral: seg.args.push_back(IntegerLiteral()); break;
        case Tok::kTrue: case Tok::kFalse: seg.args.push_back(BooleanLiteral()); break;
        case Tok::kIdentifier: case Tok::kLCurly: seg.args.push_back(ReferenceExpr()); break;
        default: Fail(); return;
      }
      OptWhitespace();
      Consume(Tok::kIndexRBracket);
      ref->segments.push_back(std::move(seg));
    }
  }

  // LOOKAHEAD(3) Method(): <IDENTIFIER> "(" then a parameter or ")".
  bool MethodLookahead() {
    if (K() != Tok::kIdentifier || K(1) != Tok::kLParen) return false;
    Tok third = K(2);
    return third == Tok::kRefMod2RParen || IsParameterStart(third);
  }

  // ASTReference.getRoot(): strips escapes and prefixes off the first token and
  // decides the reference type, root name and the text printed for null.
  void InitReference(Reference* r, size_t first, size_t last) {
    std::string img = toks_[first].image;
    if (img.find("\\!") != std::string::npos) {
      size_t i = img.find('$');
      if (i == std::string::npos) {
        r->computable = false;
        r->null_string = img;
        r->root = img;
        r->first_image = img;
        return;
      }
      while (i < img.size() && img[i] != '\\') ++i;
      size_t start = i, count = 0;
      while (i < img.size() && img[i++] == '\\') ++count;
      r->null_string = img.substr(0, start) + img.substr(start, count - 1) + img.substr(start + count);
      r->computable = false;
      r->root = r->null_string;
      r->first_image = img;
      return;
    }
    if (!img.empty() && img[0] == '\\') {
      size_t i = 0;
      while (i < img.size() && img[i] == '\\') ++i;
      r->escaped = i % 2 != 0;
      r->esc_prefix = img.substr(0, i / 2);
      img = img.substr(i);
    }
    size_t loc1 = img.rfind('$');
    if (loc1 != std::string::npos && loc1 > 0) {
      r->more_prefix += img.substr(0, loc1);
      img = img.substr(loc1);
    }
    toks_[first].image = img;
    r->first_image = img;
    r->null_string = Literal(first, last);
    if (img.compare(0, 2, "$!") == 0) {
      r->type = Reference::Type::kQuiet;
      if (!r->escaped) r->null_string.clear();
      r->root = img.compare(0, 3, "$!{") == 0 ? toks_[first + 1].image : img.substr(2);
    } else if (img == "${") {
      r->type = Reference::Type::kFormal;
      r->root = toks_[first + 1].image;
    } else if (!img.empty() && img[0] == '$') {
      r->type = Reference::Type::kNormal;
      r->root = img.substr(1);
    } else {
      r->type = Reference::Type::kRunt;
      r->root = img;
    }
  }

  ExprPtr ReferenceExpr() {
    auto e = std::make_unique<Expr>();
    e->kind = ExprKind::kReference;
    e->ref = std::make_unique<Reference>();
    size_t first = pos_;
    ParseReference(e->ref.get());
    if (ok()) e->literal = Literal(first, pos_ - 1);
    return e;
  }

  // Expression(): ConditionalOrExpression(), wrapped as ASTExpression.
  ExprPtr Expression() {
    DepthGuard guard(this);
    size_t first = pos_;
    auto e = std::make_unique<Expr>();
    e->kind = ExprKind::kParen;
    e->kids.push_back(OrExpression());
    if (ok()) e->literal = Literal(first, pos_ - 1);
    return e;
  }

  ExprPtr Binary(ExprKind kind, ExprPtr l, ExprPtr r, size_t first) {
    auto e = std::make_unique<Expr>();
    e->kind = kind;
    e->kids.push_back(std::move(l));
    e->kids.push_back(std::move(r));
    if (ok()) e->literal = Literal(first, pos_ - 1);
    return e;
  }

  ExprPtr OrExpression() {
    size_t first = pos_;
    ExprPtr l = AndExpression();
    while (ok() && K() == Tok::kLogicalOr) {
      ++pos_;
      l = Binary(ExprKind::kOr, std::move(l), AndExpression(), first);
    }
    return l;
  }
  ExprPtr AndExpression() {
    size_t first = pos_;
    ExprPtr l = EqualityExpression();
    while (ok() && K() == Tok::kLogicalAnd) {
      ++pos_;
      l = Binary(ExprKind::kAnd, std::move(l), EqualityExpression(), first);
    }
    return l;
  }
  ExprPtr EqualityExpression() {
    size_t first = pos_;
    ExprPtr l = RelationalExpression();
    while (ok() && (K() == Tok::kLogicalEquals || K() == Tok::kLogicalNotEquals)) {
      ExprKind kind = K() == Tok::kLogicalEquals ? ExprKind::kEq : ExprKind::kNe;
      ++pos_;
      l = Binary(kind, std::move(l), RelationalExpression(), first);
    }
    return l;
  }
  ExprPtr RelationalExpression() {
    size_t first = pos_;
    ExprPtr l = AdditiveExpression();
    while (ok()) {
      ExprKind kind;
      switch (K()) {
        case Tok::kLogicalLt: kind = ExprKind::kLt; break;
        case Tok::kLogicalGt: kind = ExprKind::kGt; break;
        case Tok::kLogicalLe: kind = ExprKind::kLe; break;
        case Tok::kLogicalGe: kind = ExprKind::kGe; break;
        default: return l;
      }
      ++pos_;
      l = Binary(kind, std::move(l), AdditiveExpression(), first);
    }
    return l;
  }
  ExprPtr AdditiveExpression() {
    size_t first = pos_;
    ExprPtr l = MultiplicativeExpression();
    while (ok() && (K() == Tok::kPlus || K() == Tok::kMinus)) {
      ExprKind kind = K() == Tok::kPlus ? ExprKind::kAdd : ExprKind::kSub;
      ++pos_;
      l = Binary(kind, std::move(l), MultiplicativeExpression(), first);
    }
    return l;
  }
  ExprPtr MultiplicativeExpression() {
    size_t first = pos_;
    ExprPtr l = UnaryExpression();
    while (ok() && (K() == Tok::kMultiply || K() == Tok::kDivide || K() == Tok::kModulus)) {
      ExprKind kind = K() == Tok::kMultiply ? ExprKind::kMul
                      : K() == Tok::kDivide ? ExprKind::kDiv : ExprKind::kMod;
      ++pos_;
      l = Binary(kind, std::move(l), UnaryExpression(), first);
    }
    return l;
  }
  // UnaryExpression(): LOOKAHEAD(2) [ws] "!" UnaryExpression() | PrimaryExpression()
  ExprPtr UnaryExpression() {
    DepthGuard guard(this);
    if (!ok()) return std::make_unique<Expr>();
    bool is_not = K() == Tok::kLogicalNot ||
                  (K() == Tok::kWhitespace && K(1) == Tok::kLogicalNot);
    if (!is_not) return PrimaryExpression();
    size_t first = pos_;
    OptWhitespace();
    Consume(Tok::kLogicalNot);
    auto e = std::make_unique<Expr>();
    e->kind = ExprKind::kNot;
    e->kids.push_back(UnaryExpression());
    if (ok()) e->literal = Literal(first, pos_ - 1);
    return e;
  }

  // PrimaryExpression()
  ExprPtr PrimaryExpression() {
    OptWhitespace();
    ExprPtr e;
    switch (ok() ? K() : Tok::kEof) {
      case Tok::kStringLiteral: e = StringLiteral(); break;
      case Tok::kIdentifier: case Tok::kLCurly: e = ReferenceExpr(); break;
      case Tok::kIntegerLiteral: e = IntegerLiteral(); break;
      case Tok::kLBracket: e = RangeLookahead() ? IntegerRange() : ObjectArray(); break;
      case Tok::kFloatingPointLiteral: e = FloatLiteral(); break;
      case Tok::kLeftCurley: e = MapLiteral(); break;
      case Tok::kTrue: case Tok::kFalse: e = BooleanLiteral(); break;
      case Tok::kLParen: {
        ++pos_;
        e = Expression();
        Consume(Tok::kRParen);
        break;
      }
      default:
        Fail();
        return std::make_unique<Expr>();
    }
    OptWhitespace();
    return e;
  }

  // Parameter(): an argument of a method call, a list item or a map entry.
  ExprPtr Parameter() {
    DepthGuard guard(this);
    OptWhitespace();
    ExprPtr e;
    switch (ok() ? K() : Tok::kEof) {
      case Tok::kStringLiteral: e = StringLiteral(); break;
      case Tok::kIntegerLiteral: e = IntegerLiteral(); break;
      case Tok::kLBracket: e = RangeLookahead() ? IntegerRange() : ObjectArray(); break;
      case Tok::kLeftCurley: e = MapLiteral(); break;
      case Tok::kTrue: case Tok::kFalse: e = BooleanLiteral(); break;
      case Tok::kIdentifier: case Tok::kLCurly: e = ReferenceExpr(); break;
      case Tok::kFloatingPointLiteral: e = FloatLiteral(); break;
      default:
        Fail();
        return std::make_unique<Expr>();
    }
    OptWhitespace();
    return e;
  }

  // DirectiveArg()
  ExprPtr DirectiveArg() {
    DepthGuard guard(this);
    switch (ok() ? K() : Tok::kEof) {
      case Tok::kIdentifier: case Tok::kLCurly: return ReferenceExpr();
      case Tok::kWord: {
        auto e = std::make_unique<Expr>();
        e->kind = ExprKind::kWord;
        e->constant = Value::String(Tk(0).image);
        e->literal = TokenLiteral(Tk(0));
        ++pos_;
        return e;
      }
      case Tok::kStringLiteral: return StringLiteral();
      case Tok::kIntegerLiteral: return IntegerLiteral();
      case Tok::kLBracket: return RangeLookahead() ? IntegerRange() : ObjectArray();
      case Tok::kFloatingPointLiteral: return FloatLiteral();
      case Tok::kLeftCurley: return MapLiteral();
      case Tok::kTrue: case Tok::kFalse: return BooleanLiteral();
      default:
        Fail();
        return std::make_unique<Expr>();
    }
  }

  // LOOKAHEAD( "[" [ws] (Reference() | <INTEGER_LITERAL>) [ws] ".." ), unbounded.
  bool RangeLookahead() {
    size_t i = 0;
    if (K(i) != Tok::kLBracket) return false;
    ++i;
    if (K(i) == Tok::kWhitespace) ++i;
    if (K(i) == Tok::kIntegerLiteral) {
      ++i;
    } else if (!ScanReference(&i, 0)) {
      return false;
    }
    if (K(i) == Tok::kWhitespace) ++i;
    return K(i) == Tok::kDoubleDot;
  }

  // Syntactic scans used by RangeLookahead (JavaCC's jj_3R_* routines).
  bool ScanReference(size_t* i, int depth) {
    if (depth > kMaxDepth || !ok()) return false;
    size_t save = *i;
    bool formal = false;
    if (K(*i) == Tok::kLCurly) {
      formal = true;
      ++*i;
    }
    if (K(*i) != Tok::kIdentifier) {
      *i = save;
      return false;
    }
    ++*i;
    ScanIndexes(i, depth);
    while (K(*i) == Tok::kDot) {
      size_t s = *i;
      ++*i;
      size_t m = *i;
      if (!ScanMethod(&m, depth)) {
        if (K(*i) != Tok::kIdentifier) {
          *i = s;
          break;
        }
        m = *i + 1;
      }
      *i = m;
      ScanIndexes(i, depth);
    }
    if (formal) {
      if (K(*i) != Tok::kRCurly) {
        *i = save;
        return false;
      }
      ++*i;
    }
    return true;
  }
  void ScanIndexes(size_t* i, int depth) {
    while (K(*i) == Tok::kIndexLBracket) {
      size_t s = *i;
      size_t j = *i + 1;
      if (K(j) == Tok::kWhitespace) ++j;
      Tok k = K(j);
      if (k == Tok::kStringLiteral || k == Tok::kIntegerLiteral || k == Tok::kTrue ||
          k == Tok::kFalse) {
        ++j;
      } else if (!ScanReference(&j, depth + 1)) {
        *i = s;
        return;
      }
      if (K(j) == Tok::kWhitespace) ++j;
      if (K(j) != Tok::kIndexRBracket) {
        *i = s;
        return;
      }
      *i = j + 1;
    }
  }
  bool ScanMethod(size_t* i, int depth) {
    size_t j = *i;
    if (K(j) != Tok::kIdentifier || K(j + 1) != Tok::kLParen) return false;
    j += 2;
    size_t s = j;
    if (ScanParameter(&j, depth + 1)) {
      while (K(j) == Tok::kComma) {
        size_t c = j + 1;
        if (!ScanParameter(&c, depth + 1)) break;
        j = c;
      }
    } else {
      j = s;
    }
    if (K(j) != Tok::kRefMod2RParen) return false;
    *i = j + 1;
    return true;
  }
  bool ScanParameter(size_t* i, int depth) {
    if (depth > kMaxDepth) return false;
    size_t j = *i;
    if (K(j) == Tok::kWhitespace) ++j;
    switch (K(j)) {
      case Tok::kStringLiteral: case Tok::kIntegerLiteral: case Tok::kTrue: case Tok::kFalse:
      case Tok::kFloatingPointLiteral:
        ++j;
        break;
      case Tok::kIdentifier: case Tok::kLCurly:
        if (!ScanReference(&j, depth + 1)) return false;
        break;
      case Tok::kLBracket: case Tok::kLeftCurley: {
        // Lists, ranges and maps: skip to the matching bracket.
        int level = 0;
        do {
          Tok k = K(j);
          if (k == Tok::kEof) return false;
          if (k == Tok::kLBracket || k == Tok::kLeftCurley) ++level;
          if (k == Tok::kRBracket || k == Tok::kRightCurley || k == Tok::kRCurly) --level;
          ++j;
        } while (level > 0);
        break;
      }
      default:
        return false;
    }
    if (K(j) == Tok::kWhitespace) ++j;
    *i = j;
    return true;
  }

  // IntegerRange(): "[" [ws] (Reference()|Int) [ws] ".." [ws] (Reference()|Int) [ws] "]"
  ExprPtr IntegerRange() {
    size_t first = pos_;
    auto e = std::make_unique<Expr>();
    e->kind = ExprKind::kRange;
    Consume(Tok::kLBracket);
    for (int side = 0; side < 2 && ok(); ++side) {
      OptWhitespace();
      if (K() == Tok::kIdentifier || K() == Tok::kLCurly) {
        e->kids.push_back(ReferenceExpr());
      } else if (K() == Tok::kIntegerLiteral) {
        e->kids.push_back(IntegerLiteral());
      } else {
        Fail();
        break;
      }
      OptWhitespace();
      if (side == 0) Consume(Tok::kDoubleDot);
    }
    Consume(Tok::kRBracket);
    if (ok()) e->literal = Literal(first, pos_ - 1);
    return e;
  }

  // ObjectArray(): "[" [ Parameter() ( "," Parameter() )* ] "]"
  ExprPtr ObjectArray() {
    size_t first = pos_;
    auto e = std::make_unique<Expr>();
    e->kind = ExprKind::kList;
    Consume(Tok::kLBracket);
    if (ok() && IsParameterStart(K())) {
      e->kids.push_back(Parameter());
      while (ok() && K() == Tok::kComma) {
        ++pos_;
        e->kids.push_back(Parameter());
      }
    }
    Consume(Tok::kRBracket);
    if (ok()) e->literal = Literal(first, pos_ - 1);
    return e;
  }

  // LOOKAHEAD(2) Parameter() ":" in Map(): two tokens decide.
  bool MapEntryLookahead() {
    Tok k0 = K(0);
    if (k0 == Tok::kWhitespace) return IsParameterAlternative(K(1));
    if (!IsParameterAlternative(k0)) return false;
    Tok k1 = K(1);
    switch (k0) {
      case Tok::kLBracket: case Tok::kLeftCurley: return true;
      case Tok::kLCurly: return k1 == Tok::kIdentifier;
      case Tok::kIdentifier:
        return k1 == Tok::kIndexLBracket || k1 == Tok::kDot || k1 == Tok::kWhitespace ||
               k1 == Tok::kColon;
      default: return k1 == Tok::kWhitespace || k1 == Tok::kColon;
    }
  }

  // Map(): "{" ( Parameter() ":" Parameter() ( "," Parameter() ":" Parameter() )* | [ws] ) "}"
  ExprPtr MapLiteral() {
    size_t first = pos_;
    auto e = std::make_unique<Expr>();
    e->kind = ExprKind::kMap;
    Consume(Tok::kLeftCurley);
    if (ok() && MapEntryLookahead()) {
      e->kids.push_back(Parameter());
      Consume(Tok::kColon);
      e->kids.push_back(Parameter());
      while (ok() && K() == Tok::kComma) {
        ++pos_;
        e->kids.push_back(Parameter());
        Consume(Tok::kColon);
        e->kids.push_back(Parameter());
      }
    } else {
      OptWhitespace();
    }
    if (ok() && (K() == Tok::kRightCurley || K() == Tok::kRCurly)) {
      ++pos_;
    } else {
      Fail();
    }
    if (ok()) e->literal = Literal(first, pos_ - 1);
    return e;
  }

  ExprPtr BooleanLiteral() {
    auto e = std::make_unique<Expr>();
    e->kind = K() == Tok::kTrue ? ExprKind::kTrue : ExprKind::kFalse;
    e->literal = TokenLiteral(Tk(0));
    ++pos_;
    return e;
  }

  ExprPtr IntegerLiteral() {
    auto e = std::make_unique<Expr>();
    e->kind = ExprKind::kInteger;
    size_t i = Consume(Tok::kIntegerLiteral);
    if (!ok()) return e;
    const std::string& img = toks_[i].image;
    e->literal = TokenLiteral(toks_[i]);
    int64_t v = 0;
    auto res = std::from_chars(img.data(), img.data() + img.size(), v);
    if (res.ec == std::errc() && res.ptr == img.data() + img.size()) {
      e->constant = Value::Int(v);
    } else {  // beyond long: Velocity makes a BigInteger; we keep its magnitude
      e->kind = ExprKind::kFloat;
      e->constant = Value::Double(std::strtod(img.c_str(), nullptr));
    }
    return e;
  }

  ExprPtr FloatLiteral() {
    auto e = std::make_unique<Expr>();
    e->kind = ExprKind::kFloat;
    size_t i = Consume(Tok::kFloatingPointLiteral);
    if (!ok()) return e;
    const std::string& img = toks_[i].image;
    e->literal = TokenLiteral(toks_[i]);
    double d = 0;
    auto res = std::from_chars(img.data(), img.data() + img.size(), d);
    if (res.ec == std::errc::result_out_of_range) {
      bool neg = !img.empty() && img[0] == '-';
      bool tiny = img.find_first_of("123456789") != std::string::npos &&
                  (img.find("e-") != std::string::npos || img.find("E-") != std::string::npos);
      d = tiny ? (neg ? -0.0 : 0.0) : (neg ? -HUGE_VAL : HUGE_VAL);
    }
    e->constant = Value::Double(d);
    return e;
  }

  // StringLiteral(): ASTStringLiteral.init decides interpolation and unescapes.
  ExprPtr StringLiteral() {
    auto e = std::make_unique<Expr>();
    size_t i = Consume(Tok::kStringLiteral);
    if (!ok()) return e;
    const std::string img = toks_[i].image;
    e->literal = TokenLiteral(toks_[i]);
    const char q = img[0];
    std::string image = img.substr(1, img.size() - 2);
    if (q == '"' && !UnescapeUnicode(image, &image)) {
      FailAt(i, "Invalid unicode escape in string literal");
      return e;
    }
    image = ReplaceQuotes(image, q);
    bool interpolate =
        q == '"' && (img.find('$') != std::string::npos || img.find('#') != std::string::npos);
    if (!interpolate) {
      e->kind = ExprKind::kString;
      e->constant = Value::String(std::move(image));
      return e;
    }
    e->kind = ExprKind::kInterpolatedString;
    bool line_comment = image.find("##") != std::string::npos;
    e->strip_last_char = !line_comment;
    std::string source = line_comment ? image : image + " ";
    if (depth_ > kMaxDepth / 2) {
      FailAt(i, "Template nesting is too deep");
      return e;
    }
    e->interpolation = std::make_unique<Block>();
    Parser sub(source, program_);
    sub.depth_ = depth_ + 10;
    Status s = sub.Run(e->interpolation.get());
    if (!s.ok()) FailAt(i, "Failed to parse String literal (" + s.message() + ")");
    return e;
  }

  // Directive(): a directive, a velocimacro call, or a word after '#'.
  void Directive(Block* b) {
    const size_t first = pos_;
    const Token& t = Tk(0);
    std::string name = t.kind == Tok::kBracketedWord ? t.image.substr(2, t.image.size() - 3)
                                                     : t.image.substr(1);
    size_t offset = t.offset;
    ++pos_;
    const bool known = IsKnownDirective(name);
    const bool is_macro_def = name == "macro";
    const bool block_type = known ? (name == "foreach" || name == "macro" ||
                                     name == "literal" || name == "define")
                                  : (!name.empty() && name[0] == '@');
    lexer_.SwitchTo(LexState::kDirective);

    std::vector<ExprPtr> args;
    std::string bad_arg;
    bool has_parens = lexer_.IsLeftParenthesis();
    if (has_parens) {
      OptWhitespace();
      Consume(Tok::kLParen);
      int arg_pos = 0;
      while (ok() && DirectiveArgLookahead()) {
        OptWhitespace();
        if (K() == Tok::kComma) {
          ++pos_;
          OptWhitespace();
        }
        size_t arg_tok = pos_;
        ExprPtr arg = DirectiveArg();
        if (!ok()) return;
        if (arg->kind == ExprKind::kWord) {
          if (is_macro_def && arg_pos == 0) {
            // the macro's name
          } else if (known && (name != "foreach" || arg_pos != 1)) {
            FailAt(arg_tok, "Invalid arg #" + std::to_string(arg_pos) + " in directive #" + name);
            return;
          } else if (bad_arg.empty()) {
            bad_arg = arg->constant.as_string();
          }
        } else if (is_macro_def && arg_pos == 0) {
          FailAt(arg_tok, "Invalid first arg in #macro() directive - must be a word token "
                          "(no ' or \" surrounding)");
          return;
        }
        args.push_back(std::move(arg));
        ++arg_pos;
      }
      OptWhitespace();
      Consume(Tok::kRParen);
      if (!ok()) return;
      if (!block_type) return AddLineDirective(b, name, known, std::move(args), bad_arg, first,
                                               offset);
    } else {
      if (is_macro_def) {
        FailAt(first, "A macro declaration requires at least a name argument");
        return;
      }
      lexer_.StateStackPop();
      lexer_.set_in_directive(false);
      if (!known && !name.empty() && name[0] == '@') {  // "#@foo" without a body: text
        AppendText(b, "#" + name, offset);
        return;
      }
      if (known && name != "break" && name != "stop") {
        FailAt(first, "#" + name + " needs arguments in parentheses");
        return;
      }
      return AddLineDirective(b, name, known, {}, "", first, offset);
    }

    // ( Statement() )* #Block <END>
    size_t block_first = pos_;
    auto body = std::make_unique<Block>();
    Statements(body.get());
    size_t end_tok = Consume(Tok::kEnd);
    if (!ok()) return;

    if (is_macro_def) {
      if (args.empty() || args[0]->kind != ExprKind::kWord) {
        FailAt(first, "First argument to #macro() must be macro name");
        return;
      }
      std::string macro_name(args[0]->constant.as_string());
      Macro m;
      for (size_t i = 1; i < args.size(); ++i) {
        std::string p = args[i]->kind == ExprKind::kReference ? args[i]->ref->first_image
                                                              : args[i]->literal;
        if (!p.empty() && p[0] == '$') p = p.substr(1);
        m.params.push_back(p);
      }
      m.body = body.get();
      program_->macro_bodies.push_back(std::move(body));
      program_->macros.emplace(macro_name, std::move(m));  // the first definition wins
      macro_names_.insert(macro_name);
      return;
    }
    if (name == "foreach") {
      if (args.size() == 3) {
        auto node = std::make_unique<ForeachNode>();
        node->offset = offset;
        const Expr& var = *args[0];
        node->var = var.kind == ExprKind::kReference ? var.ref->root
                                                     : (var.literal.empty() ? "" : var.literal.substr(1));
        node->iterable = std::move(args[2]);
        node->body = std::move(*body);
        b->push_back(std::move(node));
      } else {
        auto node = std::make_unique<ErrorNode>(NodeKind::kBadForeach);
        node->offset = offset;
        // With two arguments Velocity iterates over the block's null value: nothing.
        if (args.size() != 2) node->message = "Invalid #foreach arguments";
        b->push_back(std::move(node));
      }
      return;
    }
    if (name == "define") {
      if (args.size() != 1) {
        FailAt(first, "parameter missing: block name");
        return;
      }
      auto node = std::make_unique<DefineNode>();
      node->offset = offset;
      const Expr& key = *args[0];
      std::string img = key.kind == ExprKind::kReference ? key.ref->first_image : key.literal;
      node->key = img.empty() ? "" : img.substr(1);
      node->body = std::move(*body);
      b->push_back(std::move(node));
      return;
    }
    if (name == "literal") {
      auto node = std::make_unique<LiteralNode>();
      node->offset = offset;
      if (!args.empty()) {
        node->text = args[0]->literal;
      } else if (end_tok > block_first) {
        node->text = Literal(block_first, end_tok - 1);
      }
      b->push_back(std::move(node));
      return;
    }
    // #@name(...) body #end: a block macro call.
    auto node = std::make_unique<MacroCallNode>();
    node->offset = offset;
    node->name = name.substr(1);
    node->args = std::move(args);
    node->bad_arg = bad_arg;
    node->literal = RawImages(first, end_tok);
    node->body = std::move(body);
    b->push_back(std::move(node));
  }

  void AddLineDirective(Block* b, const std::string& name, bool known,
                        std::vector<ExprPtr> args, const std::string& bad_arg, size_t first,
                        size_t offset) {
    if (known && (name == "break" || name == "stop")) {
      if (args.size() > 1) {
        FailAt(first, "The #" + name + " directive only accepts a single argument");
        return;
      }
      auto node = std::make_unique<StopNode>(name == "break" ? NodeKind::kBreak : NodeKind::kStop);
      node->offset = offset;
      if (!args.empty()) node->arg = std::move(args[0]);
      b->push_back(std::move(node));
      return;
    }
    if (known && name == "evaluate") {
      if (args.size() != 1 || (args[0]->kind != ExprKind::kReference &&
                               args[0]->kind != ExprKind::kString &&
                               args[0]->kind != ExprKind::kInterpolatedString)) {
        FailAt(first, "#evaluate() requires exactly one argument, a string literal or reference");
        return;
      }
      auto node = std::make_unique<EvaluateNode>();
      node->offset = offset;
      node->arg = std::move(args[0]);
      b->push_back(std::move(node));
      return;
    }
    if (known) {  // #include, #parse
      auto node = std::make_unique<ErrorNode>(NodeKind::kMissingResource);
      node->offset = offset;
      node->message = "#" + name + " is not supported: mapping templates have no resources to load";
      b->push_back(std::move(node));
      return;
    }
    auto node = std::make_unique<MacroCallNode>();
    node->offset = offset;
    node->name = name;
    node->args = std::move(args);
    node->bad_arg = bad_arg;
    node->literal = RawImages(first, pos_ - 1);
    b->push_back(std::move(node));
  }

  // LOOKAHEAD(2) [ws] [ "," [ws] ] DirectiveArg()
  bool DirectiveArgLookahead() {
    size_t i = 0;
    if (K(i) == Tok::kWhitespace) ++i;
    if (K(i) == Tok::kComma) {
      ++i;
      if (i == 2) return true;
      if (K(i) == Tok::kWhitespace) ++i;
    }
    if (i >= 2) return true;
    return IsDirectiveArgStart(K(i));
  }

  std::string_view src_;
  Lexer lexer_;
  Program* program_;
  std::vector<Token> toks_;
  size_t pos_ = 0;
  Status error_;
  int depth_ = 0;
  std::set<std::string> macro_names_;
};

}  // namespace

StatusOr<std::unique_ptr<Program>> ParseProgram(std::string_view source) {
  auto program = std::make_unique<Program>();
  Parser parser(source, program.get());
  Status s = parser.Run(&program->root);
  if (!s.ok()) return s;
  return program;
}

}  // namespace apigw::vtl
