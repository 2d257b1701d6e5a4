// The Velocity 1.7 token manager: every regular expression of Parser.jjt as a
// matcher, in declaration order, with the lexical action JavaCC runs after it.
#include "vtl/lexer.h"

#include <algorithm>
#include <cstring>

namespace apigw::vtl {
namespace {

enum class RuleType : uint8_t { kToken, kMore, kSkip, kSpecial };

// Rule ids follow Parser.jjt's declaration order: on equal match lengths the
// lower id wins, as in JavaCC.
enum Rule : int {
  kRIndexLBracket, kRIndexRBracket, kRLBracket, kRRBracket, kRComma, kRDoubleDot, kRColon,
  kRLeftCurley, kRRightCurley, kRLParen, kRRParen, kRRefMod2RParen, kREscapeDirective,
  kRSetDirective, kRDollar, kRDollarBang, kRTextblockStart, kRFormalCommentStart,
  kRMultiCommentStart, kRHash, kRSingleLineCommentStart, kRDoubleEscape, kREscape, kRText,
  kRSingleLineComment, kRFormalComment, kRMultiLineComment, kRTextblock, kRSkipAny,
  kRMoreAny, kRWhitespace, kRStringLiteral, kRTrue, kRFalse, kRNewline, kRMinus, kRPlus,
  kRMultiply, kRDivide, kRModulus, kRAnd, kROr, kRLt, kRLe, kRGt, kRGe, kREq, kRNe, kRNot,
  kREquals, kREnd, kRIf, kRElseif, kRElse, kRIntegerLiteral, kRFloatingPointLiteral, kRWord,
  kRBracketedWord, kRIdentifier, kRDot, kRLCurly, kRRCurly, kRReferenceTerminator,
  kRDirectiveTerminator, kREmptyIndex, kRuleCount
};

struct RuleInfo {
  RuleType type;
  Tok tok;  // for kToken
};

constexpr RuleInfo kRules[kRuleCount] = {
    {RuleType::kToken, Tok::kIndexLBracket}, {RuleType::kToken, Tok::kIndexRBracket},
    {RuleType::kToken, Tok::kLBracket}, {RuleType::kToken, Tok::kRBracket},
    {RuleType::kToken, Tok::kComma}, {RuleType::kToken, Tok::kDoubleDot},
    {RuleType::kToken, Tok::kColon}, {RuleType::kToken, Tok::kLeftCurley},
    {RuleType::kToken, Tok::kRightCurley}, {RuleType::kToken, Tok::kLParen},
    {RuleType::kToken, Tok::kRParen}, {RuleType::kToken, Tok::kRefMod2RParen},
    {RuleType::kToken, Tok::kEscapeDirective}, {RuleType::kToken, Tok::kSetDirective},
    {RuleType::kMore, Tok::kEof}, {RuleType::kMore, Tok::kEof}, {RuleType::kMore, Tok::kEof},
    {RuleType::kMore, Tok::kEof}, {RuleType::kMore, Tok::kEof}, {RuleType::kMore, Tok::kEof},
    {RuleType::kToken, Tok::kSingleLineCommentStart}, {RuleType::kToken, Tok::kDoubleEscape},
    {RuleType::kToken, Tok::kEscape}, {RuleType::kToken, Tok::kText},
    {RuleType::kToken, Tok::kSingleLineComment}, {RuleType::kToken, Tok::kFormalComment},
    {RuleType::kToken, Tok::kMultiLineComment}, {RuleType::kToken, Tok::kTextblock},
    {RuleType::kSkip, Tok::kEof}, {RuleType::kMore, Tok::kEof},
    {RuleType::kToken, Tok::kWhitespace}, {RuleType::kToken, Tok::kStringLiteral},
    {RuleType::kToken, Tok::kTrue}, {RuleType::kToken, Tok::kFalse},
    {RuleType::kToken, Tok::kNewline}, {RuleType::kToken, Tok::kMinus},
    {RuleType::kToken, Tok::kPlus}, {RuleType::kToken, Tok::kMultiply},
    {RuleType::kToken, Tok::kDivide}, {RuleType::kToken, Tok::kModulus},
    {RuleType::kToken, Tok::kLogicalAnd}, {RuleType::kToken, Tok::kLogicalOr},
    {RuleType::kToken, Tok::kLogicalLt}, {RuleType::kToken, Tok::kLogicalLe},
    {RuleType::kToken, Tok::kLogicalGt}, {RuleType::kToken, Tok::kLogicalGe},
    {RuleType::kToken, Tok::kLogicalEquals}, {RuleType::kToken, Tok::kLogicalNotEquals},
    {RuleType::kToken, Tok::kLogicalNot}, {RuleType::kToken, Tok::kEquals},
    {RuleType::kToken, Tok::kEnd}, {RuleType::kToken, Tok::kIfDirective},
    {RuleType::kToken, Tok::kElseifDirective}, {RuleType::kToken, Tok::kElseDirective},
    {RuleType::kToken, Tok::kIntegerLiteral}, {RuleType::kToken, Tok::kFloatingPointLiteral},
    {RuleType::kToken, Tok::kWord}, {RuleType::kToken, Tok::kBracketedWord},
    {RuleType::kToken, Tok::kIdentifier}, {RuleType::kToken, Tok::kDot},
    {RuleType::kToken, Tok::kLCurly}, {RuleType::kToken, Tok::kRCurly},
    {RuleType::kSpecial, Tok::kEof}, {RuleType::kSpecial, Tok::kEof},
    {RuleType::kToken, Tok::kEmptyIndex},
};

// The rules each lexical state tries, in declaration order; -1 ends a list.
constexpr int kDefaultRules[] = {kREscapeDirective, kRSetDirective, kRDollar, kRDollarBang,
                                 kRTextblockStart, kRFormalCommentStart, kRMultiCommentStart,
                                 kRHash, kRSingleLineCommentStart, kRDoubleEscape, kREscape,
                                 kRText, kREmptyIndex, -1};
constexpr int kPreDirectiveRules[] = {kRDollar, kRDollarBang, kRTextblockStart,
                                      kRFormalCommentStart, kRMultiCommentStart, kRHash,
                                      kRSingleLineCommentStart, kREnd, kRIf, kRElseif, kRElse,
                                      kRIntegerLiteral, kRFloatingPointLiteral, kRWord,
                                      kRBracketedWord, kRDirectiveTerminator, -1};
constexpr int kDirectiveRules[] = {
    kRLBracket, kRRBracket, kRComma, kRDoubleDot, kRColon, kRLeftCurley, kRRightCurley,
    kRLParen, kRRParen, kRDollar, kRDollarBang, kRTextblockStart, kRFormalCommentStart,
    kRMultiCommentStart, kRHash, kRSingleLineCommentStart, kRWhitespace, kRStringLiteral,
    kRTrue, kRFalse, kRNewline, kRMinus, kRPlus, kRMultiply, kRDivide, kRModulus, kRAnd, kROr,
    kRLt, kRLe, kRGt, kRGe, kREq, kRNe, kRNot, kREquals, kRIntegerLiteral,
    kRFloatingPointLiteral, kRWord, kRBracketedWord, -1};
constexpr int kReferenceRules[] = {kRIndexLBracket, kRSetDirective, kRDollar, kRDollarBang,
                                   kRTextblockStart, kRFormalCommentStart, kRMultiCommentStart,
                                   kRHash, kRSingleLineCommentStart, kRTrue, kRFalse,
                                   kRIdentifier, kRDot, kRLCurly, kRRCurly,
                                   kRReferenceTerminator, kREmptyIndex, -1};
constexpr int kRefModifierRules[] = {kRIndexLBracket, kRLParen, kRSetDirective, kRDollar,
                                     kRDollarBang, kRTextblockStart, kRFormalCommentStart,
                                     kRMultiCommentStart, kRHash, kRTrue, kRFalse, kRIdentifier,
                                     kRDot, kRLCurly, kRRCurly, kRReferenceTerminator, -1};
constexpr int kRefMod2Rules[] = {kRLBracket, kRRBracket, kRComma, kRDoubleDot, kRColon,
                                 kRLeftCurley, kRRightCurley, kRRefMod2RParen, kRSetDirective,
                                 kRDollar, kRDollarBang, kRTextblockStart,
                                 kRFormalCommentStart, kRMultiCommentStart, kRHash,
                                 kRWhitespace, kRStringLiteral, kRTrue, kRFalse,
                                 kRIntegerLiteral, kRFloatingPointLiteral, kRIdentifier, kRDot,
                                 -1};
constexpr int kRefIndexRules[] = {kRIndexRBracket, kRDollar, kRDollarBang, kRTextblockStart,
                                  kRFormalCommentStart, kRMultiCommentStart, kRHash,
                                  kRWhitespace, kRStringLiteral, kRTrue, kRFalse,
                                  kRIntegerLiteral, kRFloatingPointLiteral, -1};
constexpr int kSingleLineCommentRules[] = {kRDollar, kRDollarBang, kRTextblockStart,
                                           kRFormalCommentStart, kRMultiCommentStart, kRHash,
                                           kRSingleLineComment, kRSkipAny, -1};
constexpr int kFormalCommentRules[] = {kRDollar, kRDollarBang, kRTextblockStart,
                                       kRFormalCommentStart, kRMultiCommentStart, kRHash,
                                       kRFormalComment, kRSkipAny, -1};
constexpr int kMultiLineCommentRules[] = {kRDollar, kRDollarBang, kRTextblockStart,
                                          kRFormalCommentStart, kRMultiCommentStart, kRHash,
                                          kRMultiLineComment, kRSkipAny, -1};
constexpr int kTextblockRules[] = {kRDollar, kRDollarBang, kRTextblockStart,
                                   kRFormalCommentStart, kRMultiCommentStart, kRHash,
                                   kRTextblock, kRMoreAny, -1};

const int* RulesOf(LexState s) {
  switch (s) {
    case LexState::kDefault: return kDefaultRules;
    case LexState::kPreDirective: return kPreDirectiveRules;
    case LexState::kDirective: return kDirectiveRules;
    case LexState::kReference: return kReferenceRules;
    case LexState::kRefModifier: return kRefModifierRules;
    case LexState::kRefMod2: return kRefMod2Rules;
    case LexState::kRefIndex: return kRefIndexRules;
    case LexState::kInSingleLineComment: return kSingleLineCommentRules;
    case LexState::kInFormalComment: return kFormalCommentRules;
    case LexState::kInMultiLineComment: return kMultiLineCommentRules;
    case LexState::kInTextblock: return kTextblockRules;
  }
  return kDefaultRules;
}

bool IsLetter(int c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsDigit(int c) { return c >= '0' && c <= '9'; }
bool IsDirectiveChar(int c) { return IsLetter(c) || IsDigit(c) || c == '_' || c == '@'; }
bool IsIdentifierChar(int c) { return IsLetter(c) || IsDigit(c) || c == '-' || c == '_'; }

}  // namespace

const char* TokName(Tok t) {
  static const char* const kNames[] = {
      "<EOF>", "\"[\"", "\"]\"", "\"[\"", "\"]\"", "\",\"", "\"..\"", "\":\"", "\"{\"",
      "\"}\"", "\"(\"", "\")\"", "\")\"", "<ESCAPE_DIRECTIVE>", "<SET_DIRECTIVE>", "\"##\"",
      "\"\\\\\\\\\"", "\"\\\\\"", "<TEXT>", "<SINGLE_LINE_COMMENT>", "\"*#\"", "\"*#\"",
      "\"]]#\"", "<WHITESPACE>", "<STRING_LITERAL>", "\"true\"", "\"false\"", "<NEWLINE>",
      "\"-\"", "\"+\"", "\"*\"", "\"/\"", "\"%\"", "<LOGICAL_AND>", "<LOGICAL_OR>",
      "<LOGICAL_LT>", "<LOGICAL_LE>", "<LOGICAL_GT>", "<LOGICAL_GE>", "<LOGICAL_EQUALS>",
      "<LOGICAL_NOT_EQUALS>", "<LOGICAL_NOT>", "\"=\"", "<END>", "<IF_DIRECTIVE>",
      "<ELSEIF_DIRECTIVE>", "<ELSE_DIRECTIVE>", "<INTEGER_LITERAL>",
      "<FLOATING_POINT_LITERAL>", "<WORD>", "<BRACKETED_WORD>", "<IDENTIFIER>", "<DOT>",
      "\"{\"", "\"}\"", "<EMPTY_INDEX>"};
  return kNames[static_cast<int>(t)];
}

std::string DescribePosition(std::string_view source, size_t offset) {
  int line = 1, column = 1;
  for (size_t i = 0; i < offset && i < source.size(); ++i) {
    if (source[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

// Length of the longest match of `rule` at `pos`, 0 for none.
int Lexer::MatchRule(int rule, size_t pos) const {
  const size_t n = src_.size();
  auto at = [&](size_t i) -> int { return i < n ? static_cast<unsigned char>(src_[i]) : -1; };
  auto lit = [&](const char* s) -> int {
    size_t len = std::strlen(s);
    return src_.compare(pos, len, s) == 0 ? static_cast<int>(len) : 0;
  };
  auto max2 = [](int a, int b) { return a > b ? a : b; };
  // ( [ \t]* ( \n | \r | \r\n ) )? after `i`: returns the end of the optional part.
  auto opt_line_end = [&](size_t i) {
    size_t j = i;
    while (at(j) == ' ' || at(j) == '\t') ++j;
    if (at(j) == '\r') return at(j + 1) == '\n' ? j + 2 : j + 1;
    if (at(j) == '\n') return j + 1;
    return i;
  };
  auto word_end = [&](size_t i) -> size_t {  // <WORD> at i, or i
    if (!(IsLetter(at(i)) || at(i) == '_' || at(i) == '@')) return i;
    ++i;
    while (IsDirectiveChar(at(i))) ++i;
    return i;
  };
  auto bracketed_word_end = [&](size_t i) -> size_t {
    if (at(i) != '{' || !(IsLetter(at(i + 1)) || at(i + 1) == '_')) return i;
    size_t j = i + 2;
    while (IsDirectiveChar(at(j))) ++j;
    return at(j) == '}' ? j + 1 : i;
  };
  auto digits_end = [&](size_t i) {
    while (IsDigit(at(i))) ++i;
    return i;
  };
  auto exponent_end = [&](size_t i) -> size_t {  // <EXPONENT> at i, or i
    if (at(i) != 'e' && at(i) != 'E') return i;
    size_t j = i + 1;
    if (at(j) == '+' || at(j) == '-') ++j;
    size_t k = digits_end(j);
    return k > j ? k : i;
  };

  switch (rule) {
    case kRIndexLBracket: case kRLBracket: return lit("[");
    case kRIndexRBracket: case kRRBracket: return lit("]");
    case kRComma: return lit(",");
    case kRDoubleDot: return lit("..");
    case kRColon: return lit(":");
    case kRLeftCurley: case kRLCurly: return lit("{");
    case kRRightCurley: case kRRCurly: return lit("}");
    case kRLParen: return lit("(");
    case kRRParen: return at(pos) == ')' ? static_cast<int>(opt_line_end(pos + 1) - pos) : 0;
    case kRRefMod2RParen: return lit(")");
    case kREscapeDirective: {
      size_t i = pos;
      while (at(i) == '\\') ++i;
      size_t slashes = i - pos;
      if (slashes % 2 == 0 || at(i) != '#') return 0;
      size_t e = max2(static_cast<int>(word_end(i + 1)), static_cast<int>(bracketed_word_end(i + 1)));
      return e > i + 1 ? static_cast<int>(e - pos) : 0;
    }
    case kRSetDirective: {
      size_t i = pos;
      while (at(i) == ' ' || at(i) == '\t') ++i;
      if (src_.compare(i, 4, "#set") == 0) {
        i += 4;
      } else if (src_.compare(i, 6, "#{set}") == 0) {
        i += 6;
      } else {
        return 0;
      }
      while (at(i) == ' ') ++i;
      return at(i) == '(' ? static_cast<int>(i + 1 - pos) : 0;
    }
    case kRDollar: {
      size_t i = pos;
      while (at(i) == '\\') ++i;
      return at(i) == '$' ? static_cast<int>(i + 1 - pos) : 0;
    }
    case kRDollarBang: {
      size_t i = pos;
      while (at(i) == '\\') ++i;
      if (at(i) != '$') return 0;
      ++i;
      while (at(i) == '\\') ++i;
      return at(i) == '!' ? static_cast<int>(i + 1 - pos) : 0;
    }
    case kRTextblockStart: return lit("#[[");
    case kRFormalCommentStart:
      return (src_.compare(pos, 3, "#**") == 0 && pos + 3 < n && src_[pos + 3] != '#') ? 4 : 0;
    case kRMultiCommentStart: return lit("#*");
    case kRHash: return lit("#");
    case kRSingleLineCommentStart: return lit("##");
    case kRDoubleEscape: return lit("\\\\");
    case kREscape: return lit("\\");
    case kRText: {
      size_t i = pos;
      while (i < n && src_[i] != '$' && src_[i] != '#' && src_[i] != '\\') ++i;
      return static_cast<int>(i - pos);
    }
    case kRSingleLineComment: case kRNewline:
      if (at(pos) == '\r') return at(pos + 1) == '\n' ? 2 : 1;
      return at(pos) == '\n' ? 1 : 0;
    case kRFormalComment: case kRMultiLineComment: return lit("*#");
    case kRTextblock: return lit("]]#");
    case kRSkipAny: case kRMoreAny: case kRReferenceTerminator: case kRDirectiveTerminator:
      return pos < n ? 1 : 0;
    case kRWhitespace: {
      size_t i = pos;
      while (at(i) == ' ' || at(i) == '\t' || at(i) == '\n' || at(i) == '\r') ++i;
      return static_cast<int>(i - pos);
    }
    case kRStringLiteral: {
      int q = at(pos);
      if (q != '"' && q != '\'') return 0;
      // Content is any character but the quote, or the doubled quote; the
      // longest match closes at the last quote that is not part of a pair.
      size_t last_close = 0;
      size_t i = pos + 1;
      while (true) {
        if (i >= n) return last_close ? static_cast<int>(last_close - pos) : 0;
        if (at(i) == q) {
          if (at(i + 1) == q) {
            last_close = i + 1;
            i += 2;
            continue;
          }
          return static_cast<int>(i + 1 - pos);
        }
        ++i;
      }
    }
    case kRTrue: return lit("true");
    case kRFalse: return lit("false");
    case kRMinus: return lit("-");
    case kRPlus: return lit("+");
    case kRMultiply: return lit("*");
    case kRDivide: return lit("/");
    case kRModulus: return lit("%");
    case kRAnd: return max2(lit("&&"), lit("and"));
    case kROr: return max2(lit("||"), lit("or"));
    case kRLt: return max2(lit("<"), lit("lt"));
    case kRLe: return max2(lit("<="), lit("le"));
    case kRGt: return max2(lit(">"), lit("gt"));
    case kRGe: return max2(lit(">="), lit("ge"));
    case kREq: return max2(lit("=="), lit("eq"));
    case kRNe: return max2(lit("!="), lit("ne"));
    case kRNot: return max2(lit("!"), lit("not"));
    case kREquals: return lit("=");
    case kREnd: case kRElse: {
      const char* word = rule == kREnd ? "end" : "else";
      const char* braced = rule == kREnd ? "{end}" : "{else}";
      int len = lit(word);
      if (!len) len = lit(braced);
      if (!len) return 0;
      return static_cast<int>(opt_line_end(pos + len) - pos);
    }
    case kRIf: return max2(lit("if"), lit("{if}"));
    case kRElseif: return max2(lit("elseif"), lit("{elseif}"));
    case kRIntegerLiteral: {
      size_t i = pos;
      if (at(i) == '-') ++i;
      size_t d = digits_end(i);
      if (d == i) return 0;
      if (at(d) == '.' && at(d + 1) == '.') d += 2;
      return static_cast<int>(d - pos);
    }
    case kRFloatingPointLiteral: {
      size_t i = pos;
      if (at(i) == '-') ++i;
      size_t best = 0;
      size_t d = digits_end(i);
      if (d > i) {
        if (at(d) == '.') best = std::max(best, exponent_end(digits_end(d + 1)));
        size_t e = exponent_end(d);
        if (e > d) best = std::max(best, e);
      }
      if (at(i) == '.') {
        size_t d2 = digits_end(i + 1);
        if (d2 > i + 1) best = std::max(best, exponent_end(d2));
      }
      return best ? static_cast<int>(best - pos) : 0;
    }
    case kRWord: return static_cast<int>(word_end(pos) - pos);
    case kRBracketedWord: return static_cast<int>(bracketed_word_end(pos) - pos);
    case kRIdentifier: {
      if (!(IsLetter(at(pos)) || at(pos) == '_')) return 0;
      size_t i = pos + 1;
      while (IsIdentifierChar(at(i))) ++i;
      return static_cast<int>(i - pos);
    }
    case kRDot: return (at(pos) == '.' && IsLetter(at(pos + 1))) ? 2 : 0;
    case kREmptyIndex:
      if (at(pos) != '$') return 0;
      if (at(pos + 1) == '[' || at(pos + 1) == '.') return 2;
      if (at(pos + 1) == '!' && at(pos + 2) == '[') return 3;
      if (at(pos + 1) == '\\' && at(pos + 2) == '!' && at(pos + 3) == '[') return 4;
      return 0;
    default: return 0;
  }
}

void Lexer::StateStackPush() {
  stack_.push_back({lparen_, rparen_, state_});
  lparen_ = 0;
}

bool Lexer::StateStackPop() {
  if (stack_.empty()) {
    lparen_ = 0;
    state_ = LexState::kDefault;
    return false;
  }
  Frame f = stack_.back();
  stack_.pop_back();
  lparen_ = f.lparen;
  rparen_ = f.rparen;
  state_ = f.state;
  return true;
}

// Drops to the state below the one a ')' closes (Parser.jjt's RPARENHandler).
void Lexer::RParenHandler() {
  bool closed = in_comment_;
  while (!closed) {
    if (lparen_ > 0) {
      if (lparen_ == rparen_ + 1) {
        StateStackPop();
      } else {
        ++rparen_;
      }
      closed = true;
    } else if (!StateStackPop()) {
      break;
    }
  }
}

bool Lexer::IsLeftParenthesis() const {
  for (size_t i = pos_; i < src_.size(); ++i) {
    char c = src_[i];
    if (c == '(') return true;
    if (c != ' ' && c != '\n' && c != '\r' && c != '\t') return false;
  }
  return false;
}

Status Lexer::LexicalError(size_t begin) const {
  std::string msg = "Lexical error at " + DescribePosition(src_, pos_) + ".  Encountered: ";
  if (pos_ >= src_.size()) {
    msg += "<EOF>";
  } else {
    unsigned char c = static_cast<unsigned char>(src_[pos_]);
    msg += "\"" + std::string(1, static_cast<char>(c)) + "\" (" + std::to_string(c) + ")";
  }
  msg += ", after : \"" + std::string(src_.substr(begin, pos_ - begin)) + "\"";
  return Status::BadRequest(msg);
}

Status Lexer::Next(Token* out) {
  std::vector<std::string> specials;
  while (true) {  // JavaCC's EOFLoop: one iteration per token, skip or special token
    if (pos_ >= src_.size()) {
      out->kind = Tok::kEof;
      out->image.clear();
      out->offset = pos_;
      out->specials = std::move(specials);
      return Status::Ok();
    }
    const size_t begin = pos_;
    while (true) {  // the MORE loop: prefixes accumulate into the next token
      int best = -1, best_len = 0;
      for (const int* r = RulesOf(state_); *r >= 0; ++r) {
        int len = MatchRule(*r, pos_);
        if (len > best_len) {
          best = *r;
          best_len = len;
        }
      }
      if (best < 0) return LexicalError(begin);
      pos_ += best_len;
      const RuleInfo& info = kRules[best];
      std::string image(src_.substr(begin, pos_ - begin));

      if (info.type == RuleType::kMore) {
        switch (best) {
          case kRDollar: case kRDollarBang:
            if (!in_comment_) {
              if (state_ == LexState::kReference) {
                in_reference_ = false;
                StateStackPop();
              }
              in_reference_ = true;
              StateStackPush();
              state_ = LexState::kReference;
            }
            break;
          case kRTextblockStart:
            if (!in_comment_) {
              in_comment_ = true;
              StateStackPush();
              state_ = LexState::kInTextblock;
            }
            break;
          case kRFormalCommentStart:
            if (!in_comment_) {
              --pos_;
              in_comment_ = true;
              StateStackPush();
              state_ = LexState::kInFormalComment;
            }
            break;
          case kRMultiCommentStart:
            if (!in_comment_) {
              in_comment_ = true;
              StateStackPush();
              state_ = LexState::kInMultiLineComment;
            }
            break;
          case kRHash:
            if (!in_comment_) {
              if (state_ == LexState::kReference || state_ == LexState::kRefModifier) {
                in_reference_ = false;
                StateStackPop();
              }
              in_directive_ = true;
              StateStackPush();
              state_ = LexState::kPreDirective;
            }
            break;
          default: break;  // kRMoreAny: text of a #[[ ]]# block
        }
        if (pos_ >= src_.size()) return LexicalError(begin);
        continue;
      }
      if (info.type == RuleType::kSkip) break;  // comment text: dropped with its prefix
      if (info.type == RuleType::kSpecial) {
        // Reference and directive terminators: the character is pushed back and
        // lexed again in the state below; the special token keeps its image.
        --pos_;
        if (best == kRReferenceTerminator) {
          in_reference_ = false;
        } else {
          in_directive_ = false;
        }
        StateStackPop();
        specials.push_back(std::move(image));
        break;
      }

      out->kind = info.tok;
      out->offset = begin;
      switch (best) {
        case kRIndexLBracket:
          StateStackPush();
          state_ = LexState::kRefIndex;
          break;
        case kRIndexRBracket: StateStackPop(); break;
        case kRLParen:
          if (!in_comment_) ++lparen_;
          if (state_ == LexState::kRefModifier) state_ = LexState::kRefMod2;
          break;
        case kRRParen: RParenHandler(); break;
        case kRRefMod2RParen: state_ = LexState::kReference; break;
        case kRSetDirective:
          if (!in_comment_) {
            in_directive_ = true;
            StateStackPush();
            in_set_ = true;
            state_ = LexState::kDirective;
            ++lparen_;
          }
          break;
        case kRSingleLineCommentStart:
          if (!in_comment_) {
            if (state_ == LexState::kReference) {
              in_reference_ = false;
              StateStackPop();
            }
            in_comment_ = true;
            StateStackPush();
            state_ = LexState::kInSingleLineComment;
          }
          break;
        case kRSingleLineComment: case kRFormalComment: case kRMultiLineComment:
        case kRTextblock:
          in_comment_ = false;
          StateStackPop();
          break;
        case kRStringLiteral:
          if (state_ == LexState::kDirective && !in_set_ && lparen_ == 0) StateStackPop();
          break;
        case kRNewline:
          StateStackPop();
          in_set_ = false;
          in_directive_ = false;
          break;
        case kREnd: case kRElse:
          in_directive_ = false;
          StateStackPop();
          break;
        case kRIf: case kRElseif: state_ = LexState::kDirective; break;
        case kRIntegerLiteral:
          if (image.size() >= 2 && image.compare(image.size() - 2, 2, "..") == 0) {
            pos_ -= 2;
            image.resize(image.size() - 2);
          }
          if (lparen_ == 0 && !in_set_ && state_ != LexState::kRefMod2 &&
              state_ != LexState::kRefIndex) {
            StateStackPop();
          }
          break;
        case kRFloatingPointLiteral:
          if (lparen_ == 0 && !in_set_ && state_ != LexState::kRefMod2) StateStackPop();
          break;
        case kRDot:
          --pos_;
          image = ".";
          state_ = LexState::kRefModifier;
          break;
        case kRRCurly: StateStackPop(); break;
        default: break;
      }
      out->image = std::move(image);
      out->specials = std::move(specials);
      return Status::Ok();
    }
  }
}

}  // namespace apigw::vtl
