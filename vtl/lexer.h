// Lexer: Velocity 1.7's JavaCC token manager reproduced rule by rule (its
// lexical states, the longest-match rule with ties going to the rule declared
// first, MORE prefixes, special tokens and the state stack), because Velocity's
// whitespace gobbling and escaping are consequences of exactly these rules.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace apigw::vtl {

// Token kinds, named after Velocity's Parser.jjt.
enum class Tok : uint8_t {
  kEof,
  kIndexLBracket, kIndexRBracket, kLBracket, kRBracket, kComma, kDoubleDot, kColon,
  kLeftCurley, kRightCurley, kLParen, kRParen, kRefMod2RParen, kEscapeDirective,
  kSetDirective, kSingleLineCommentStart, kDoubleEscape, kEscape, kText,
  kSingleLineComment, kFormalComment, kMultiLineComment, kTextblock, kWhitespace,
  kStringLiteral, kTrue, kFalse, kNewline, kMinus, kPlus, kMultiply, kDivide, kModulus,
  kLogicalAnd, kLogicalOr, kLogicalLt, kLogicalLe, kLogicalGt, kLogicalGe,
  kLogicalEquals, kLogicalNotEquals, kLogicalNot, kEquals, kEnd, kIfDirective,
  kElseifDirective, kElseDirective, kIntegerLiteral, kFloatingPointLiteral, kWord,
  kBracketedWord, kIdentifier, kDot, kLCurly, kRCurly, kEmptyIndex,
};

struct Token {
  Tok kind = Tok::kEof;
  std::string image;                  // includes any MORE prefix ("$" of "$foo")
  size_t offset = 0;                  // where the token (with its prefix) begins
  std::vector<std::string> specials;  // special tokens lexed just before this one
};

// The lexical states of Parser.jjt.
enum class LexState : uint8_t {
  kDefault, kPreDirective, kDirective, kReference, kRefModifier, kRefMod2, kRefIndex,
  kInSingleLineComment, kInFormalComment, kInMultiLineComment, kInTextblock,
};

class Lexer {
 public:
  explicit Lexer(std::string_view source) : src_(source) {}

  // Lexes the next token in the current state. A character no rule of the state
  // accepts (or input ending inside a MORE prefix) is a lexical error.
  Status Next(Token* out);

  // Hooks the parser uses, as Velocity's parser does (token_source.*).
  void SwitchTo(LexState s) { state_ = s; }
  bool StateStackPop();
  void set_in_set(bool v) { in_set_ = v; }
  void set_in_directive(bool v) { in_directive_ = v; }
  // Parser.isLeftParenthesis(): whether, after optional whitespace, the raw input
  // continues with '(' at the current position.
  bool IsLeftParenthesis() const;

 private:
  struct Frame {
    int lparen, rparen;
    LexState state;
  };
  int MatchRule(int rule, size_t pos) const;
  void StateStackPush();
  void RParenHandler();
  Status LexicalError(size_t begin) const;

  std::string_view src_;
  size_t pos_ = 0;
  LexState state_ = LexState::kDefault;
  std::vector<Frame> stack_;
  int lparen_ = 0, rparen_ = 0;
  bool in_reference_ = false, in_directive_ = false, in_comment_ = false, in_set_ = false;
};

const char* TokName(Tok t);
// "line L, column C" of a byte offset, for error messages (JavaCC counts both from 1).
std::string DescribePosition(std::string_view source, size_t offset);

}  // namespace apigw::vtl
