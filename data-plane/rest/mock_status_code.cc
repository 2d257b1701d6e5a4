// A tolerant scanner over the top level of a JSON-like object.
#include "data-plane/rest/mock_status_code.h"

namespace apigw::dp {

namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool IsIdent(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '$';
}

class Scanner {
 public:
  explicit Scanner(std::string_view s) : s_(s) {}

  std::optional<int> Run() {
    SkipSpace();
    if (!Eat('{')) return std::nullopt;
    while (true) {
      SkipSpace();
      if (at_ >= s_.size() || Peek() == '}') return std::nullopt;
      std::optional<std::string_view> key = Key();
      if (!key) return std::nullopt;
      SkipSpace();
      if (!Eat(':')) return std::nullopt;
      SkipSpace();
      if (*key == "statusCode") return Integer();
      if (!SkipValue()) return std::nullopt;
      SkipSpace();
      if (!Eat(',')) return std::nullopt;
    }
  }

 private:
  char Peek() const { return s_[at_]; }
  bool Eat(char c) {
    if (at_ < s_.size() && s_[at_] == c) {
      ++at_;
      return true;
    }
    return false;
  }
  void SkipSpace() {
    while (at_ < s_.size() && IsSpace(s_[at_])) ++at_;
  }
  // A quoted string's contents (escapes skipped over, not decoded).
  std::optional<std::string_view> Quoted() {
    char quote = s_[at_++];
    size_t start = at_;
    while (at_ < s_.size() && s_[at_] != quote) at_ += s_[at_] == '\\' ? 2 : 1;
    if (at_ >= s_.size()) return std::nullopt;
    return s_.substr(start, at_++ - start);
  }
  std::optional<std::string_view> Key() {
    if (Peek() == '"' || Peek() == '\'') return Quoted();
    size_t start = at_;
    while (at_ < s_.size() && IsIdent(s_[at_])) ++at_;
    if (at_ == start) return std::nullopt;
    return s_.substr(start, at_ - start);
  }
  std::optional<int> Integer() {
    bool negative = Eat('-');
    size_t start = at_;
    long value = 0;
    while (at_ < s_.size() && s_[at_] >= '0' && s_[at_] <= '9') {
      value = value * 10 + (s_[at_++] - '0');
      if (value > 1000000) return std::nullopt;
    }
    if (at_ == start) return std::nullopt;
    SkipSpace();
    if (at_ < s_.size() && Peek() != ',' && Peek() != '}') return std::nullopt;  // 200.5, 200abc
    return int(negative ? -value : value);
  }
  // Skips one value: a string, a balanced {...} / [...], or a bare token.
  bool SkipValue() {
    if (at_ >= s_.size()) return false;
    if (Peek() == '"' || Peek() == '\'') return Quoted().has_value();
    if (Peek() == '{' || Peek() == '[') {
      int depth = 0;
      while (at_ < s_.size()) {
        char c = s_[at_];
        if (c == '"' || c == '\'') {
          if (!Quoted()) return false;
          continue;
        }
        ++at_;
        if (c == '{' || c == '[') ++depth;
        if (c == '}' || c == ']') {
          if (--depth == 0) return true;
        }
      }
      return false;
    }
    size_t start = at_;
    while (at_ < s_.size() && Peek() != ',' && Peek() != '}') ++at_;
    return at_ > start;
  }

  std::string_view s_;
  size_t at_ = 0;
};

}  // namespace

std::optional<int> ParseMockStatusCode(std::string_view body) { return Scanner(body).Run(); }

}  // namespace apigw::dp
