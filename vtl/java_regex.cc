// java.util.regex reproduced as a backtracking virtual machine: the pattern is
// parsed with Java's syntax into a small instruction program (split/jump/save,
// like Thompson's construction) and run with an explicit backtrack stack, in
// Java's leftmost-first order. Lookaround and atomic groups run sub-programs.
#include "vtl/java_regex.h"

#include <algorithm>
#include <map>

#include "vtl/java_text.h"

namespace apigw::vtl {
namespace {

constexpr size_t kMaxProgram = 20000;     // instructions, after expanding {n,m}
constexpr int kMaxNesting = 100;          // groups within groups
constexpr int64_t kMaxSteps = 20000000;   // VM steps per operation

struct Range {
  char32_t lo, hi;
};
using RangeSet = std::vector<Range>;

RangeSet Normalize(RangeSet r) {
  std::sort(r.begin(), r.end(), [](const Range& a, const Range& b) { return a.lo < b.lo; });
  RangeSet out;
  for (const Range& x : r) {
    if (!out.empty() && x.lo <= out.back().hi + 1) {
      out.back().hi = std::max(out.back().hi, x.hi);
    } else {
      out.push_back(x);
    }
  }
  return out;
}

RangeSet Complement(const RangeSet& in) {
  RangeSet r = Normalize(in);
  RangeSet out;
  char32_t next = 0;
  for (const Range& x : r) {
    if (x.lo > next) out.push_back({next, x.lo - 1});
    next = x.hi + 1;
  }
  if (next <= 0x10FFFF) out.push_back({next, 0x10FFFF});
  return out;
}

RangeSet Intersect(const RangeSet& a, const RangeSet& b) {
  RangeSet out;
  for (const Range& x : Normalize(a)) {
    for (const Range& y : Normalize(b)) {
      char32_t lo = std::max(x.lo, y.lo), hi = std::min(x.hi, y.hi);
      if (lo <= hi) out.push_back({lo, hi});
    }
  }
  return Normalize(out);
}

bool InSet(const RangeSet& s, char32_t c) {
  for (const Range& r : s) {
    if (c >= r.lo && c <= r.hi) return true;
  }
  return false;
}

char32_t FoldAscii(char32_t c) { return (c >= 'A' && c <= 'Z') ? c + 32 : c; }

bool IsLineTerminator(char32_t c) {
  return c == '\n' || c == '\r' || c == 0x85 || c == 0x2028 || c == 0x2029;
}

// Character.isLetterOrDigit approximated for the scripts templates meet.
bool IsWordChar(char32_t c) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  if (c == 0xD7 || c == 0xF7) return false;
  return (c >= 0xC0 && c <= 0x24F) || (c >= 0x370 && c <= 0x3FF) || (c >= 0x400 && c <= 0x52F) ||
         (c >= 0x3040 && c <= 0x30FF) || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xAC00 && c <= 0xD7AF);
}

enum class Op : uint8_t {
  kChar, kAny, kAnyButNewline, kClass, kSplit, kJmp, kSave, kMatch, kBol, kBolMulti, kEol,
  kEolMulti, kWordBoundary, kNotWordBoundary, kStartInput, kEndInput, kEndInputZ, kBackref,
  kLook, kAtomic, kMark, kProgress,
};

struct Inst {
  Op op;
  bool icase = false;
  bool negate = false;  // kLook: negative
  bool behind = false;  // kLook: lookbehind
  char32_t c = 0;
  int x = 0, y = 0;     // split targets, jump target, slot, group, sub-program, register
  int min_len = 0, max_len = 0;  // lookbehind length bounds
};

// Pattern syntax tree.
struct Node {
  enum Kind { kEmpty, kChar, kAny, kClass, kConcat, kAlt, kGroup, kRepeat, kAssert, kBackref, kLook, kAtomic };
  Kind kind = kEmpty;
  char32_t c = 0;
  bool icase = false, dotall = false, multiline = false;
  RangeSet set;
  std::vector<std::unique_ptr<Node>> kids;
  int group = -1;  // kGroup: capture index (or -1); kBackref: the group
  int min = 0, max = -1;
  bool greedy = true, possessive = false;
  Op assert_op = Op::kBol;
  bool negate = false, behind = false;
};

struct Flags {
  bool icase = false, dotall = false, multiline = false, comments = false;
};

class PatternParser {
 public:
  explicit PatternParser(std::u32string p) : p_(std::move(p)) {}

  StatusOr<std::unique_ptr<Node>> Parse(int* groups, std::map<std::string, int>* names) {
    auto n = Alternation(0);
    if (!error_.empty()) return Error(error_);
    if (i_ < p_.size()) return Error(p_[i_] == ')' ? "Unmatched closing ')'" : "Unexpected character");
    *groups = groups_;
    *names = names_;
    return n;
  }

 private:
  Status Error(const std::string& what) const {
    return Status::BadRequest("java.util.regex.PatternSyntaxException: " + what + " near index " +
                              std::to_string(i_) + "\n" + ToUtf8Pattern());
  }
  std::string ToUtf8Pattern() const {
    std::u16string u;
    for (char32_t c : p_) {
      if (c >= 0x10000) {
        u.push_back(static_cast<char16_t>(0xD800 + ((c - 0x10000) >> 10)));
        u.push_back(static_cast<char16_t>(0xDC00 + ((c - 0x10000) & 0x3FF)));
      } else {
        u.push_back(static_cast<char16_t>(c));
      }
    }
    return ToUtf8(u);
  }
  bool Fail(const std::string& what) {
    if (error_.empty()) error_ = what;
    return false;
  }
  bool AtEnd() const { return i_ >= p_.size(); }
  char32_t Peek(size_t k = 0) const { return i_ + k < p_.size() ? p_[i_ + k] : 0; }

  void SkipComments() {
    if (!flags_.comments) return;
    while (!AtEnd()) {
      char32_t c = Peek();
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B) {
        ++i_;
      } else if (c == '#') {
        while (!AtEnd() && Peek() != '\n') ++i_;
      } else {
        break;
      }
    }
  }

  std::unique_ptr<Node> Alternation(int depth) {
    if (depth > kMaxNesting) {
      Fail("Pattern nested too deeply");
      return std::make_unique<Node>();
    }
    auto first = Concatenation(depth);
    if (AtEnd() || Peek() != '|') return first;
    auto alt = std::make_unique<Node>();
    alt->kind = Node::kAlt;
    alt->kids.push_back(std::move(first));
    while (error_.empty() && !AtEnd() && Peek() == '|') {
      ++i_;
      alt->kids.push_back(Concatenation(depth));
    }
    return alt;
  }

  std::unique_ptr<Node> Concatenation(int depth) {
    auto cat = std::make_unique<Node>();
    cat->kind = Node::kConcat;
    while (error_.empty()) {
      SkipComments();
      if (AtEnd() || Peek() == '|' || Peek() == ')') break;
      auto atom = Atom(depth);
      if (!atom) continue;  // a flag group such as (?i)
      SkipComments();
      atom = Quantified(std::move(atom));
      cat->kids.push_back(std::move(atom));
    }
    return cat;
  }

  std::unique_ptr<Node> Quantified(std::unique_ptr<Node> atom) {
    if (AtEnd()) return atom;
    char32_t c = Peek();
    int min, max;
    if (c == '*') {
      min = 0, max = -1, ++i_;
    } else if (c == '+') {
      min = 1, max = -1, ++i_;
    } else if (c == '?') {
      min = 0, max = 1, ++i_;
    } else if (c == '{') {
      size_t save = i_;
      ++i_;
      if (!ReadInt(&min)) {
        i_ = save;
        Fail("Illegal repetition");
        return atom;
      }
      max = min;
      if (Peek() == ',') {
        ++i_;
        if (Peek() == '}') {
          max = -1;
        } else if (!ReadInt(&max)) {
          Fail("Illegal repetition range");
          return atom;
        }
      }
      if (Peek() != '}') {
        Fail("Unclosed counted closure");
        return atom;
      }
      ++i_;
      if (max >= 0 && max < min) {
        Fail("Illegal repetition range");
        return atom;
      }
    } else {
      return atom;
    }
    if (atom->kind == Node::kAssert) return atom;  // Java ignores quantifiers on anchors
    auto rep = std::make_unique<Node>();
    rep->kind = Node::kRepeat;
    rep->min = min;
    rep->max = max;
    if (Peek() == '?') {
      rep->greedy = false;
      ++i_;
    } else if (Peek() == '+') {
      rep->possessive = true;
      ++i_;
    }
    rep->kids.push_back(std::move(atom));
    if (!AtEnd() && (Peek() == '*' || Peek() == '+' || Peek() == '?')) {
      Fail("Dangling meta character '" + std::string(1, static_cast<char>(Peek())) + "'");
    }
    return rep;
  }

  bool ReadInt(int* out) {
    size_t start = i_;
    long v = 0;
    while (!AtEnd() && Peek() >= '0' && Peek() <= '9') {
      v = v * 10 + (Peek() - '0');
      if (v > 100000) return false;
      ++i_;
    }
    *out = static_cast<int>(v);
    return i_ > start;
  }

  std::unique_ptr<Node> Leaf(Node::Kind kind) {
    auto n = std::make_unique<Node>();
    n->kind = kind;
    n->icase = flags_.icase;
    n->dotall = flags_.dotall;
    n->multiline = flags_.multiline;
    return n;
  }
  std::unique_ptr<Node> CharNode(char32_t c) {
    auto n = Leaf(Node::kChar);
    n->c = c;
    return n;
  }
  std::unique_ptr<Node> SetNode(RangeSet s) {
    auto n = Leaf(Node::kClass);
    n->set = std::move(s);
    return n;
  }
  std::unique_ptr<Node> AssertNode(Op op) {
    auto n = Leaf(Node::kAssert);
    n->assert_op = op;
    return n;
  }

  std::unique_ptr<Node> Atom(int depth) {
    char32_t c = Peek();
    switch (c) {
      case '(': return Group(depth);
      case '[': {
        ++i_;
        RangeSet s;
        if (!ClassBody(&s, depth)) return std::make_unique<Node>();
        return SetNode(std::move(s));
      }
      case '.': ++i_; return Leaf(Node::kAny);
      case '^': ++i_; return AssertNode(flags_.multiline ? Op::kBolMulti : Op::kBol);
      case '$': ++i_; return AssertNode(flags_.multiline ? Op::kEolMulti : Op::kEol);
      case '\\': return Escape();
      case '*': case '+': case '?':
        Fail("Dangling meta character '" + std::string(1, static_cast<char>(c)) + "'");
        ++i_;
        return std::make_unique<Node>();
      case '{':
        Fail("Illegal repetition");
        ++i_;
        return std::make_unique<Node>();
      default: ++i_; return CharNode(c);
    }
  }

  std::unique_ptr<Node> Group(int depth) {
    ++i_;  // '('
    auto g = std::make_unique<Node>();
    g->kind = Node::kGroup;
    Flags saved = flags_;
    if (Peek() == '?') {
      ++i_;
      char32_t k = Peek();
      if (k == ':') {
        ++i_;
      } else if (k == '=' || k == '!') {
        ++i_;
        g->kind = Node::kLook;
        g->negate = k == '!';
      } else if (k == '<' && (Peek(1) == '=' || Peek(1) == '!')) {
        g->kind = Node::kLook;
        g->behind = true;
        g->negate = Peek(1) == '!';
        i_ += 2;
      } else if (k == '<') {  // (?<name>X)
        ++i_;
        std::string name;
        while (!AtEnd() && Peek() != '>') name.push_back(static_cast<char>(p_[i_++]));
        if (AtEnd() || name.empty()) {
          Fail("named capturing group is missing trailing '>'");
          return g;
        }
        ++i_;
        g->group = ++groups_;
        names_[name] = g->group;
      } else if (k == '>') {
        ++i_;
        g->kind = Node::kAtomic;
      } else {  // inline flags: (?imsx-imsx) or (?imsx-imsx:X)
        bool on = true;
        Flags f = flags_;
        while (!AtEnd() && Peek() != ')' && Peek() != ':') {
          char32_t fc = p_[i_++];
          switch (fc) {
            case '-': on = false; break;
            case 'i': f.icase = on; break;
            case 's': f.dotall = on; break;
            case 'm': f.multiline = on; break;
            case 'x': f.comments = on; break;
            case 'd': case 'u': case 'U': break;  // unix lines / unicode case: accepted
            default: Fail("Unknown inline modifier"); return g;
          }
        }
        if (AtEnd()) {
          Fail("Unclosed group");
          return g;
        }
        if (Peek() == ')') {  // applies to the rest of the enclosing group
          ++i_;
          flags_ = f;
          return nullptr;
        }
        ++i_;  // ':'
        flags_ = f;
      }
    } else {
      g->group = ++groups_;
    }
    g->kids.push_back(Alternation(depth + 1));
    flags_ = saved;
    if (AtEnd() || Peek() != ')') {
      Fail("Unclosed group");
      return g;
    }
    ++i_;
    return g;
  }

  // A backslash escape outside a class: a character, a class, an anchor or a
  // back reference.
  std::unique_ptr<Node> Escape() {
    ++i_;
    if (AtEnd()) {
      Fail("Unexpected internal error");
      return std::make_unique<Node>();
    }
    char32_t c = Peek();
    switch (c) {
      case 'b': ++i_; return AssertNode(Op::kWordBoundary);
      case 'B': ++i_; return AssertNode(Op::kNotWordBoundary);
      case 'A': ++i_; return AssertNode(Op::kStartInput);
      case 'z': ++i_; return AssertNode(Op::kEndInput);
      case 'Z': ++i_; return AssertNode(Op::kEndInputZ);
      case 'Q': {  // \Q...\E quotes literally
        ++i_;
        auto cat = std::make_unique<Node>();
        cat->kind = Node::kConcat;
        while (!AtEnd() && !(Peek() == '\\' && Peek(1) == 'E')) cat->kids.push_back(CharNode(p_[i_++]));
        if (!AtEnd()) i_ += 2;
        return cat;
      }
      case 'k': {
        ++i_;
        if (Peek() != '<') {
          Fail("\\k is not followed by '<' for named capturing group");
          return std::make_unique<Node>();
        }
        ++i_;
        std::string name;
        while (!AtEnd() && Peek() != '>') name.push_back(static_cast<char>(p_[i_++]));
        if (AtEnd()) {
          Fail("named capturing group is missing trailing '>'");
          return std::make_unique<Node>();
        }
        ++i_;
        auto it = names_.find(name);
        if (it == names_.end()) {
          Fail("named capturing group <" + name + "> does not exist");
          return std::make_unique<Node>();
        }
        auto n = Leaf(Node::kBackref);
        n->group = it->second;
        return n;
      }
      default: break;
    }
    if (c >= '1' && c <= '9') {  // back reference: as many digits as name a group
      ++i_;
      int ref = c - '0';
      while (!AtEnd() && Peek() >= '0' && Peek() <= '9' && ref * 10 + static_cast<int>(Peek() - U'0') <= groups_) {
        ref = ref * 10 + (p_[i_++] - '0');
      }
      auto n = Leaf(Node::kBackref);
      n->group = ref;
      return n;
    }
    RangeSet set;
    char32_t ch;
    int kind = EscapeChar(&ch, &set);
    if (kind < 0) return std::make_unique<Node>();
    if (kind == 1) return SetNode(std::move(set));
    return CharNode(ch);
  }

  // After a backslash (which is consumed): a character (returns 0) or a
  // predefined class (returns 1); -1 on error.
  int EscapeChar(char32_t* ch, RangeSet* set) {
    char32_t c = p_[i_++];
    switch (c) {
      case 't': *ch = '\t'; return 0;
      case 'n': *ch = '\n'; return 0;
      case 'r': *ch = '\r'; return 0;
      case 'f': *ch = '\f'; return 0;
      case 'a': *ch = 7; return 0;
      case 'e': *ch = 27; return 0;
      case 'd': *set = {{'0', '9'}}; return 1;
      case 'D': *set = Complement({{'0', '9'}}); return 1;
      case 'w': *set = {{'a', 'z'}, {'A', 'Z'}, {'0', '9'}, {'_', '_'}}; return 1;
      case 'W': *set = Complement({{'a', 'z'}, {'A', 'Z'}, {'0', '9'}, {'_', '_'}}); return 1;
      case 's': *set = {{'\t', '\r'}, {' ', ' '}}; return 1;
      case 'S': *set = Complement({{'\t', '\r'}, {' ', ' '}}); return 1;
      case 'h': *set = HorizontalSpace(); return 1;
      case 'H': *set = Complement(HorizontalSpace()); return 1;
      case 'v': *set = {{'\n', '\r'}, {0x85, 0x85}, {0x2028, 0x2029}}; return 1;
      case 'V': *set = Complement({{'\n', '\r'}, {0x85, 0x85}, {0x2028, 0x2029}}); return 1;
      case 'p': case 'P': {
        if (!Property(set)) return -1;
        if (c == 'P') *set = Complement(*set);
        return 1;
      }
      case '0': {
        int v = 0, digits = 0;
        while (digits < 3 && !AtEnd() && Peek() >= '0' && Peek() <= '7' && v * 8 + (Peek() - '0') <= 0377) {
          v = v * 8 + (p_[i_++] - '0');
          ++digits;
        }
        if (digits == 0) {
          Fail("Illegal octal escape sequence");
          return -1;
        }
        *ch = static_cast<char32_t>(v);
        return 0;
      }
      case 'x': {
        uint32_t v = 0;
        if (Peek() == '{') {
          ++i_;
          int digits = 0;
          while (!AtEnd() && Peek() != '}' && HexDigit(Peek()) >= 0 && digits < 8) {
            v = v * 16 + HexDigit(p_[i_++]);
            ++digits;
          }
          if (Peek() != '}' || digits == 0 || v > 0x10FFFF) {
            Fail("Illegal hexadecimal escape sequence");
            return -1;
          }
          ++i_;
        } else {
          for (int k = 0; k < 2; ++k) {
            if (AtEnd() || HexDigit(Peek()) < 0) {
              Fail("Illegal hexadecimal escape sequence");
              return -1;
            }
            v = v * 16 + HexDigit(p_[i_++]);
          }
        }
        *ch = v;
        return 0;
      }
      case 'u': {
        uint32_t v = 0;
        for (int k = 0; k < 4; ++k) {
          if (AtEnd() || HexDigit(Peek()) < 0) {
            Fail("Illegal Unicode escape sequence");
            return -1;
          }
          v = v * 16 + HexDigit(p_[i_++]);
        }
        *ch = v;
        return 0;
      }
      case 'c':
        if (AtEnd()) {
          Fail("Illegal control escape sequence");
          return -1;
        }
        *ch = p_[i_++] ^ 64;
        return 0;
      default:
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
          Fail("Illegal/unsupported escape sequence");
          return -1;
        }
        *ch = c;
        return 0;
    }
  }

  static RangeSet HorizontalSpace() {
    return {{' ', ' '}, {'\t', '\t'}, {0xA0, 0xA0}, {0x1680, 0x1680}, {0x180E, 0x180E},
            {0x2000, 0x200A}, {0x202F, 0x202F}, {0x205F, 0x205F}, {0x3000, 0x3000}};
  }

  static int HexDigit(char32_t c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }

  // \p{Name}: POSIX classes (US-ASCII, as Java defines them) and a few
  // Unicode categories.
  bool Property(RangeSet* set) {
    std::string name;
    if (Peek() == '{') {
      ++i_;
      while (!AtEnd() && Peek() != '}') name.push_back(static_cast<char>(p_[i_++]));
      if (AtEnd()) return Fail("Unclosed character family");
      ++i_;
    } else if (!AtEnd()) {
      name.push_back(static_cast<char>(p_[i_++]));
    }
    if (name.compare(0, 2, "Is") == 0) name = name.substr(2);
    static const std::map<std::string, RangeSet> kClasses = {
        {"Lower", {{'a', 'z'}}},
        {"Upper", {{'A', 'Z'}}},
        {"ASCII", {{0, 0x7F}}},
        {"Alpha", {{'a', 'z'}, {'A', 'Z'}}},
        {"Digit", {{'0', '9'}}},
        {"Alnum", {{'a', 'z'}, {'A', 'Z'}, {'0', '9'}}},
        {"Punct", {{'!', '/'}, {':', '@'}, {'[', '`'}, {'{', '~'}}},
        {"Graph", {{0x21, 0x7E}}},
        {"Print", {{0x20, 0x7E}}},
        {"Blank", {{' ', ' '}, {'\t', '\t'}}},
        {"Cntrl", {{0, 0x1F}, {0x7F, 0x7F}}},
        {"XDigit", {{'0', '9'}, {'a', 'f'}, {'A', 'F'}}},
        {"Space", {{'\t', '\r'}, {' ', ' '}}},
        {"L", {{'a', 'z'}, {'A', 'Z'}, {0xAA, 0xAA}, {0xB5, 0xB5}, {0xBA, 0xBA}, {0xC0, 0xD6},
               {0xD8, 0xF6}, {0xF8, 0x24F}, {0x370, 0x3FF}, {0x400, 0x52F}, {0x3040, 0x30FF},
               {0x4E00, 0x9FFF}, {0xAC00, 0xD7AF}}},
        {"Lu", {{'A', 'Z'}, {0xC0, 0xD6}, {0xD8, 0xDE}, {0x391, 0x3A9}, {0x410, 0x42F}}},
        {"Ll", {{'a', 'z'}, {0xDF, 0xF6}, {0xF8, 0xFF}, {0x3B1, 0x3C9}, {0x430, 0x44F}}},
        {"N", {{'0', '9'}, {0xB2, 0xB3}, {0xB9, 0xB9}, {0xBC, 0xBE}, {0x660, 0x669}}},
        {"Nd", {{'0', '9'}, {0x660, 0x669}, {0x6F0, 0x6F9}, {0x966, 0x96F}, {0xFF10, 0xFF19}}},
    };
    if (name == "Letter" || name == "Alphabetic") name = "L";
    auto it = kClasses.find(name);
    if (it == kClasses.end()) return Fail("Unknown character property name {" + name + "}");
    *set = it->second;
    return true;
  }

  // [...] after the '[': ranges, negation, nested classes, && intersection.
  bool ClassBody(RangeSet* out, int depth) {
    if (depth > kMaxNesting) return Fail("Pattern nested too deeply");
    bool negate = false;
    if (Peek() == '^') {
      negate = true;
      ++i_;
    }
    RangeSet acc;
    bool first = true;
    while (true) {
      if (AtEnd()) return Fail("Unclosed character class");
      char32_t c = Peek();
      if (c == ']' && !first) {
        ++i_;
        break;
      }
      first = false;
      if (c == '[') {
        ++i_;
        RangeSet nested;
        if (!ClassBody(&nested, depth + 1)) return false;
        acc.insert(acc.end(), nested.begin(), nested.end());
        continue;
      }
      if (c == '&' && Peek(1) == '&') {
        i_ += 2;
        RangeSet rhs;
        if (Peek() == '[') {
          ++i_;
          if (!ClassBody(&rhs, depth + 1)) return false;
        } else {
          // The rest of this class, up to its ']', is the right-hand side.
          size_t save = i_;
          (void)save;
          RangeSet rest;
          while (!AtEnd() && Peek() != ']') {
            char32_t lo;
            RangeSet s;
            int k = ClassAtom(&lo, &s);
            if (k < 0) return false;
            if (k == 1) {
              rest.insert(rest.end(), s.begin(), s.end());
            } else {
              rest.push_back({lo, lo});
            }
          }
          rhs = rest;
        }
        acc = Intersect(acc, rhs);
        continue;
      }
      char32_t lo;
      RangeSet s;
      int k = ClassAtom(&lo, &s);
      if (k < 0) return false;
      if (k == 1) {
        acc.insert(acc.end(), s.begin(), s.end());
        continue;
      }
      if (Peek() == '-' && Peek(1) != ']' && Peek(1) != 0 && Peek(1) != '[') {
        ++i_;
        char32_t hi;
        RangeSet s2;
        int k2 = ClassAtom(&hi, &s2);
        if (k2 < 0) return false;
        if (k2 == 1) return Fail("Illegal character range");
        if (hi < lo) return Fail("Illegal character range");
        acc.push_back({lo, hi});
      } else {
        acc.push_back({lo, lo});
      }
    }
    if (flags_.icase) {  // ASCII case folding, as Java's default CASE_INSENSITIVE
      RangeSet extra;
      for (const Range& r : acc) {
        for (char32_t ch = std::max<char32_t>(r.lo, 'A'); ch <= std::min<char32_t>(r.hi, 'Z'); ++ch) {
          extra.push_back({ch + 32, ch + 32});
        }
        for (char32_t ch = std::max<char32_t>(r.lo, 'a'); ch <= std::min<char32_t>(r.hi, 'z'); ++ch) {
          extra.push_back({ch - 32, ch - 32});
        }
      }
      acc.insert(acc.end(), extra.begin(), extra.end());
    }
    *out = negate ? Complement(acc) : Normalize(acc);
    return true;
  }

  // One member of a class: a character (0) or a predefined class (1); -1 on error.
  int ClassAtom(char32_t* ch, RangeSet* set) {
    char32_t c = p_[i_];
    if (c != '\\') {
      ++i_;
      *ch = c;
      return 0;
    }
    ++i_;
    if (AtEnd()) {
      Fail("Unclosed character class");
      return -1;
    }
    if (Peek() == 'Q') {  // \Q...\E inside a class
      ++i_;
      RangeSet s;
      while (!AtEnd() && !(Peek() == '\\' && Peek(1) == 'E')) {
        s.push_back({p_[i_], p_[i_]});
        ++i_;
      }
      if (!AtEnd()) i_ += 2;
      *set = s;
      return 1;
    }
    if (Peek() == 'b') {
      Fail("Illegal/unsupported escape sequence");
      return -1;
    }
    return EscapeChar(ch, set);
  }

  std::u32string p_;
  size_t i_ = 0;
  Flags flags_;
  int groups_ = 0;
  std::map<std::string, int> names_;
  std::string error_;
};

}  // namespace

struct JavaRegex::Program {
  std::vector<std::vector<Inst>> progs;  // [0] the pattern; others lookaround/atomic bodies
  std::vector<RangeSet> sets;
  int groups = 0;
  std::map<std::string, int> names;
  int registers = 0;
};

namespace {

bool CanBeEmpty(const Node& n) {
  switch (n.kind) {
    case Node::kChar: case Node::kAny: case Node::kClass: return false;
    case Node::kConcat:
      for (const auto& k : n.kids) {
        if (!CanBeEmpty(*k)) return false;
      }
      return true;
    case Node::kAlt:
      for (const auto& k : n.kids) {
        if (CanBeEmpty(*k)) return true;
      }
      return false;
    case Node::kGroup: case Node::kAtomic: return CanBeEmpty(*n.kids[0]);
    case Node::kRepeat: return n.min == 0 || CanBeEmpty(*n.kids[0]);
    default: return true;
  }
}

// Length bounds of what a node matches, for lookbehind (-1: unbounded).
void LengthBounds(const Node& n, int* lo, int* hi) {
  switch (n.kind) {
    case Node::kChar: case Node::kAny: case Node::kClass: *lo = *hi = 1; return;
    case Node::kConcat: {
      int a = 0, b = 0;
      for (const auto& k : n.kids) {
        int l, h;
        LengthBounds(*k, &l, &h);
        a += l;
        b = (b < 0 || h < 0) ? -1 : b + h;
      }
      *lo = a, *hi = b;
      return;
    }
    case Node::kAlt: {
      int a = 1 << 30, b = 0;
      for (const auto& k : n.kids) {
        int l, h;
        LengthBounds(*k, &l, &h);
        a = std::min(a, l);
        b = (b < 0 || h < 0) ? -1 : std::max(b, h);
      }
      *lo = n.kids.empty() ? 0 : a, *hi = b;
      return;
    }
    case Node::kGroup: case Node::kAtomic: LengthBounds(*n.kids[0], lo, hi); return;
    case Node::kRepeat: {
      int l, h;
      LengthBounds(*n.kids[0], &l, &h);
      *lo = std::min<long>(static_cast<long>(l) * n.min, 1 << 20);
      *hi = (n.max < 0 || h < 0) ? -1 : static_cast<int>(std::min<long>(static_cast<long>(h) * n.max, 1 << 20));
      return;
    }
    case Node::kBackref: *lo = 0, *hi = -1; return;
    default: *lo = *hi = 0; return;
  }
}

class Compiler {
 public:
  explicit Compiler(JavaRegex::Program* p) : p_(p) {}

  bool Emit(int prog, const Node& n) {
    auto& code = p_->progs[prog];
    if (code.size() > kMaxProgram) return false;
    switch (n.kind) {
      case Node::kEmpty: return true;
      case Node::kChar: {
        Inst in{Op::kChar};
        in.icase = n.icase && ((n.c >= 'a' && n.c <= 'z') || (n.c >= 'A' && n.c <= 'Z'));
        in.c = in.icase ? FoldAscii(n.c) : n.c;
        code.push_back(in);
        return true;
      }
      case Node::kAny: code.push_back(Inst{n.dotall ? Op::kAny : Op::kAnyButNewline}); return true;
      case Node::kClass: {
        Inst in{Op::kClass};
        in.x = static_cast<int>(p_->sets.size());
        p_->sets.push_back(n.set);
        code.push_back(in);
        return true;
      }
      case Node::kConcat:
        for (const auto& k : n.kids) {
          if (!Emit(prog, *k)) return false;
        }
        return true;
      case Node::kAlt: {
        // split L1, next; L1: a; jmp end; next: split L2, ... ; last alternative
        std::vector<size_t> jumps;
        for (size_t i = 0; i < n.kids.size(); ++i) {
          auto& c = p_->progs[prog];
          if (i + 1 < n.kids.size()) {
            size_t split = c.size();
            c.push_back(Inst{Op::kSplit});
            c[split].x = static_cast<int>(split + 1);
            if (!Emit(prog, *n.kids[i])) return false;
            jumps.push_back(p_->progs[prog].size());
            p_->progs[prog].push_back(Inst{Op::kJmp});
            p_->progs[prog][split].y = static_cast<int>(p_->progs[prog].size());
          } else if (!Emit(prog, *n.kids[i])) {
            return false;
          }
        }
        for (size_t j : jumps) p_->progs[prog][j].x = static_cast<int>(p_->progs[prog].size());
        return true;
      }
      case Node::kGroup: {
        if (n.group >= 0) {
          Inst s{Op::kSave};
          s.x = 2 * n.group;
          p_->progs[prog].push_back(s);
        }
        if (!Emit(prog, *n.kids[0])) return false;
        if (n.group >= 0) {
          Inst s{Op::kSave};
          s.x = 2 * n.group + 1;
          p_->progs[prog].push_back(s);
        }
        return true;
      }
      case Node::kAssert: code.push_back(Inst{n.assert_op}); return true;
      case Node::kBackref: {
        if (n.group > p_->groups) return true;  // Java: a reference to no group fails to match
        Inst in{Op::kBackref};
        in.x = n.group;
        in.icase = n.icase;
        code.push_back(in);
        return true;
      }
      case Node::kLook: case Node::kAtomic: {
        int sub = static_cast<int>(p_->progs.size());
        p_->progs.emplace_back();
        if (!Emit(sub, *n.kids[0])) return false;
        p_->progs[sub].push_back(Inst{Op::kMatch});
        Inst in{n.kind == Node::kLook ? Op::kLook : Op::kAtomic};
        in.x = sub;
        in.negate = n.negate;
        in.behind = n.behind;
        if (n.behind) {
          LengthBounds(*n.kids[0], &in.min_len, &in.max_len);
          if (in.max_len < 0) return false;  // Java: "Look-behind group does not have an obvious maximum length"
        }
        p_->progs[prog].push_back(in);
        return true;
      }
      case Node::kRepeat: return EmitRepeat(prog, n);
    }
    return true;
  }

 private:
  bool EmitRepeat(int prog, const Node& n) {
    const Node& body = *n.kids[0];
    if (n.possessive) {  // X*+ is (?>X*)
      int sub = static_cast<int>(p_->progs.size());
      p_->progs.emplace_back();
      // Emit a non-possessive repeat of the same body into the sub-program.
      if (!EmitRepeatBody(sub, body, n.min, n.max, true)) return false;
      p_->progs[sub].push_back(Inst{Op::kMatch});
      Inst in{Op::kAtomic};
      in.x = sub;
      p_->progs[prog].push_back(in);
      return true;
    }
    return EmitRepeatBody(prog, body, n.min, n.max, n.greedy);
  }

  bool EmitRepeatBody(int prog, const Node& body, int min, int max, bool greedy) {
    for (int i = 0; i < min; ++i) {
      if (!Emit(prog, body)) return false;
    }
    const bool empty = CanBeEmpty(body);
    if (max < 0) {
      // L1: split L2, L3; L2: [mark r] body [progress r]; jmp L1; L3:
      auto& c = p_->progs[prog];
      size_t split = c.size();
      c.push_back(Inst{Op::kSplit});
      int reg = empty ? p_->registers++ : -1;
      if (empty) {
        Inst m{Op::kMark};
        m.x = reg;
        p_->progs[prog].push_back(m);
      }
      if (!Emit(prog, body)) return false;
      if (empty) {
        Inst chk{Op::kProgress};
        chk.x = reg;
        p_->progs[prog].push_back(chk);
      }
      Inst jmp{Op::kJmp};
      jmp.x = static_cast<int>(split);
      p_->progs[prog].push_back(jmp);
      SetSplit(prog, split, static_cast<int>(split + 1), static_cast<int>(p_->progs[prog].size()), greedy);
      return true;
    }
    std::vector<size_t> splits;
    for (int i = min; i < max; ++i) {
      splits.push_back(p_->progs[prog].size());
      p_->progs[prog].push_back(Inst{Op::kSplit});
      if (!Emit(prog, body)) return false;
      if (p_->progs[prog].size() > kMaxProgram) return false;
    }
    int end = static_cast<int>(p_->progs[prog].size());
    for (size_t s : splits) SetSplit(prog, s, static_cast<int>(s + 1), end, greedy);
    return true;
  }

  void SetSplit(int prog, size_t at, int body, int exit, bool greedy) {
    Inst& in = p_->progs[prog][at];
    in.x = greedy ? body : exit;
    in.y = greedy ? exit : body;
  }

  JavaRegex::Program* p_;
};

// The subject as code points, with each one's byte offset.
struct Subject {
  std::u32string cps;
  std::vector<size_t> offsets;  // size cps.size() + 1
};

Subject Decode(std::string_view s) {
  Subject sub;
  sub.cps.reserve(s.size());
  sub.offsets.reserve(s.size() + 1);
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    sub.offsets.push_back(i);
    if (c < 0x80) {
      sub.cps.push_back(c);
      ++i;
      continue;
    }
    int len = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
    char32_t cp = len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
    bool ok = len > 0 && i + len <= s.size();
    for (int k = 1; ok && k < len; ++k) {
      unsigned char cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) ok = false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if (!ok) {  // an invalid byte stands for U+FFFD, as Java's decoder makes it
      sub.cps.push_back(0xFFFD);
      ++i;
      continue;
    }
    sub.cps.push_back(cp);
    i += len;
  }
  sub.offsets.push_back(s.size());
  return sub;
}

class Vm {
 public:
  Vm(const JavaRegex::Program& p, const Subject& s) : p_(p), s_(s), n_(static_cast<int>(s.cps.size())) {}

  // Runs program `prog` from `pos`. On success returns the end position and
  // leaves captures in caps. `required_end` >= 0 forces where the match ends.
  // Returns -1 for no match, -2 when the step budget ran out.
  int Run(int prog, int pos, std::vector<int>* caps, int required_end) {
    struct Entry {
      enum Kind : uint8_t { kBranch, kRestoreCap, kRestoreReg } kind;
      int a, b;  // branch: pc, pos; restore: index, old value
    };
    std::vector<Entry> stack;
    const std::vector<Inst>& code = p_.progs[prog];
    int pc = 0;
    while (true) {
      if (++steps_ > kMaxSteps) return -2;
      const Inst& in = code[pc];
      bool ok = true;
      switch (in.op) {
        case Op::kChar:
          if (pos < n_ && (in.icase ? FoldAscii(s_.cps[pos]) == in.c : s_.cps[pos] == in.c)) {
            ++pos, ++pc;
          } else {
            ok = false;
          }
          break;
        case Op::kAny:
          if (pos < n_) ++pos, ++pc; else ok = false;
          break;
        case Op::kAnyButNewline:
          if (pos < n_ && !IsLineTerminator(s_.cps[pos])) ++pos, ++pc; else ok = false;
          break;
        case Op::kClass:
          if (pos < n_ && InSet(p_.sets[in.x], s_.cps[pos])) ++pos, ++pc; else ok = false;
          break;
        case Op::kSplit:
          stack.push_back({Entry::kBranch, in.y, pos});
          pc = in.x;
          break;
        case Op::kJmp: pc = in.x; break;
        case Op::kSave:
          stack.push_back({Entry::kRestoreCap, in.x, (*caps)[in.x]});
          (*caps)[in.x] = pos;
          ++pc;
          break;
        case Op::kMark:
          stack.push_back({Entry::kRestoreReg, in.x, regs_[in.x]});
          regs_[in.x] = pos;
          ++pc;
          break;
        case Op::kProgress:
          if (pos == regs_[in.x]) ok = false; else ++pc;
          break;
        case Op::kMatch:
          if (required_end >= 0 && pos != required_end) {
            ok = false;
          } else {
            return pos;
          }
          break;
        case Op::kBol: ok = pos == 0; if (ok) ++pc; break;
        case Op::kBolMulti:
          ok = pos == 0 || (pos < n_ && IsLineTerminator(s_.cps[pos - 1]) &&
                            !(s_.cps[pos - 1] == '\r' && s_.cps[pos] == '\n'));
          if (ok) ++pc;
          break;
        case Op::kEol: case Op::kEndInputZ:
          ok = AtEndOrFinalTerminator(pos);
          if (ok) ++pc;
          break;
        case Op::kEolMulti:
          ok = pos == n_ || (IsLineTerminator(s_.cps[pos]) &&
                             !(pos > 0 && s_.cps[pos] == '\n' && s_.cps[pos - 1] == '\r'));
          if (ok) ++pc;
          break;
        case Op::kStartInput: ok = pos == 0; if (ok) ++pc; break;
        case Op::kEndInput: ok = pos == n_; if (ok) ++pc; break;
        case Op::kWordBoundary: case Op::kNotWordBoundary: {
          bool before = pos > 0 && IsWordChar(s_.cps[pos - 1]);
          bool after = pos < n_ && IsWordChar(s_.cps[pos]);
          ok = (before != after) == (in.op == Op::kWordBoundary);
          if (ok) ++pc;
          break;
        }
        case Op::kBackref: {
          int b = (*caps)[2 * in.x], e = (*caps)[2 * in.x + 1];
          if (b < 0 || e < 0) {
            ok = false;
            break;
          }
          int len = e - b;
          if (pos + len > n_) {
            ok = false;
            break;
          }
          for (int k = 0; k < len && ok; ++k) {
            char32_t x = s_.cps[b + k], y = s_.cps[pos + k];
            ok = in.icase ? FoldAscii(x) == FoldAscii(y) : x == y;
          }
          if (ok) pos += len, ++pc;
          break;
        }
        case Op::kLook: {
          std::vector<int> sub_caps = *caps;
          bool found = false;
          if (in.behind) {
            for (int len = in.min_len; len <= in.max_len && !found; ++len) {
              if (pos - len < 0) break;
              std::vector<int> c = *caps;
              int r = Run(in.x, pos - len, &c, pos);
              if (r == -2) return -2;
              if (r >= 0) {
                found = true;
                sub_caps = c;
              }
            }
          } else {
            int r = Run(in.x, pos, &sub_caps, -1);
            if (r == -2) return -2;
            found = r >= 0;
          }
          ok = found != in.negate;
          if (ok && found && !in.negate) SetCaps(&stack, caps, sub_caps);
          if (ok) ++pc;
          break;
        }
        case Op::kAtomic: {
          std::vector<int> sub_caps = *caps;
          int r = Run(in.x, pos, &sub_caps, -1);
          if (r == -2) return -2;
          ok = r >= 0;
          if (ok) {
            SetCaps(&stack, caps, sub_caps);
            pos = r;
            ++pc;
          }
          break;
        }
      }
      if (ok) continue;
      // Backtrack: undo captures and registers back to the latest branch.
      while (true) {
        if (stack.empty()) return -1;
        Entry e = stack.back();
        stack.pop_back();
        if (e.kind == Entry::kRestoreCap) {
          (*caps)[e.a] = e.b;
        } else if (e.kind == Entry::kRestoreReg) {
          regs_[e.a] = e.b;
        } else {
          pc = e.a;
          pos = e.b;
          break;
        }
      }
    }
  }

  void Reset() { regs_.assign(p_.registers, -1); }
  int64_t steps() const { return steps_; }

 private:
  template <class Stack>
  static void SetCaps(Stack* stack, std::vector<int>* caps, const std::vector<int>& next) {
    using Entry = typename Stack::value_type;
    for (size_t i = 0; i < caps->size(); ++i) {
      if ((*caps)[i] != next[i]) {
        stack->push_back(Entry{Entry::kRestoreCap, static_cast<int>(i), (*caps)[i]});
        (*caps)[i] = next[i];
      }
    }
  }

  // Java's '$' without MULTILINE: the end, or before a final line terminator.
  bool AtEndOrFinalTerminator(int pos) const {
    if (pos == n_) return true;
    if (pos == n_ - 1 && IsLineTerminator(s_.cps[pos])) {
      return !(s_.cps[pos] == '\n' && pos > 0 && s_.cps[pos - 1] == '\r');
    }
    if (pos == n_ - 2 && s_.cps[pos] == '\r' && s_.cps[pos + 1] == '\n') return true;
    return false;
  }

  const JavaRegex::Program& p_;
  const Subject& s_;
  const int n_;
  int64_t steps_ = 0;
  std::vector<int> regs_;
};

Status TooComplex() {
  return Status::Internal("regular expression evaluation exceeded " + std::to_string(kMaxSteps) +
                          " steps");
}

// Finds the next match of `re` in `sub` starting at code point `from`.
// Returns false when none; fills caps (code point positions).
StatusOr<bool> FindIn(const JavaRegex::Program& p, const Subject& sub, Vm* vm, int from,
                      bool anchored, std::vector<int>* caps) {
  const int n = static_cast<int>(sub.cps.size());
  for (int start = from; start <= n; ++start) {
    caps->assign(2 * (p.groups + 1), -1);
    vm->Reset();
    int r = vm->Run(0, start, caps, anchored ? n : -1);
    if (r == -2) return TooComplex();
    if (r >= 0) {
      (*caps)[0] = start;
      (*caps)[1] = r;
      return true;
    }
    if (anchored) return false;
  }
  return false;
}

}  // namespace

JavaRegex::JavaRegex(std::unique_ptr<Program> p) : prog_(std::move(p)) {}
JavaRegex::~JavaRegex() = default;

int JavaRegex::group_count() const { return prog_->groups; }

StatusOr<std::shared_ptr<const JavaRegex>> JavaRegex::Compile(std::string_view pattern) {
  std::u32string cps;
  for (char32_t c : Decode(pattern).cps) cps.push_back(c);
  PatternParser parser(std::move(cps));
  auto program = std::make_unique<Program>();
  auto tree = parser.Parse(&program->groups, &program->names);
  if (!tree.ok()) return tree.status();
  program->progs.emplace_back();
  Compiler compiler(program.get());
  if (!compiler.Emit(0, **tree)) {
    return Status::BadRequest("java.util.regex.PatternSyntaxException: pattern too large or "
                              "look-behind without an obvious maximum length");
  }
  program->progs[0].push_back(Inst{Op::kMatch});
  return std::shared_ptr<const JavaRegex>(new JavaRegex(std::move(program)));
}

StatusOr<bool> JavaRegex::Find(std::string_view input, size_t from, bool anchored,
                               Match* m) const {
  Subject sub = Decode(input);
  int start = static_cast<int>(std::lower_bound(sub.offsets.begin(), sub.offsets.end(), from) -
                               sub.offsets.begin());
  Vm vm(*prog_, sub);
  std::vector<int> caps;
  auto found = FindIn(*prog_, sub, &vm, start, anchored, &caps);
  if (!found.ok() || !*found) return found;
  m->groups.assign(caps.size(), -1);
  for (size_t i = 0; i < caps.size(); ++i) {
    if (caps[i] >= 0) m->groups[i] = static_cast<std::ptrdiff_t>(sub.offsets[caps[i]]);
  }
  return true;
}

StatusOr<std::string> JavaRegex::Replace(std::string_view input, std::string_view replacement,
                                         bool all, size_t max_bytes) const {
  Subject sub = Decode(input);
  Subject rep = Decode(replacement);
  Vm vm(*prog_, sub);
  std::vector<int> caps;
  std::string out;
  int from = 0;         // where the next search starts
  int copied = 0;       // code points of input already copied
  int last_end = -1, last_start = -1;
  const int n = static_cast<int>(sub.cps.size());
  auto text = [&](int b, int e) {
    return input.substr(sub.offsets[b], sub.offsets[e] - sub.offsets[b]);
  };
  while (from <= n) {
    auto found = FindIn(*prog_, sub, &vm, from, false, &caps);
    if (!found.ok()) return found.status();
    if (!*found) break;
    out.append(text(copied, caps[0]));
    // Matcher.appendReplacement
    for (size_t i = 0; i < rep.cps.size(); ++i) {
      char32_t c = rep.cps[i];
      if (c == '\\') {
        if (++i >= rep.cps.size()) {
          return Status::Internal("java.lang.IllegalArgumentException: character to be escaped is missing");
        }
        out.append(replacement.substr(rep.offsets[i], rep.offsets[i + 1] - rep.offsets[i]));
      } else if (c == '$') {
        if (++i >= rep.cps.size()) {
          return Status::Internal("java.lang.IllegalArgumentException: Illegal group reference: group index is missing");
        }
        int ref = -1;
        if (rep.cps[i] == '{') {
          std::string name;
          while (++i < rep.cps.size() && rep.cps[i] != '}') name.push_back(static_cast<char>(rep.cps[i]));
          if (i >= rep.cps.size()) {
            return Status::Internal("java.lang.IllegalArgumentException: named capturing group is missing trailing '}'");
          }
          auto it = prog_->names.find(name);
          if (it == prog_->names.end()) {
            return Status::Internal("java.lang.IllegalArgumentException: No group with name {" + name + "}");
          }
          ref = it->second;
        } else {
          if (rep.cps[i] < '0' || rep.cps[i] > '9') {
            return Status::Internal("java.lang.IllegalArgumentException: Illegal group reference");
          }
          ref = rep.cps[i] - '0';
          while (i + 1 < rep.cps.size() && rep.cps[i + 1] >= '0' && rep.cps[i + 1] <= '9') {
            int next = ref * 10 + (rep.cps[i + 1] - '0');
            if (next > prog_->groups) break;
            ref = next;
            ++i;
          }
          if (ref > prog_->groups) {
            return Status::Internal("java.lang.IndexOutOfBoundsException: No group " + std::to_string(ref));
          }
        }
        if (caps[2 * ref] >= 0 && caps[2 * ref + 1] >= 0) out.append(text(caps[2 * ref], caps[2 * ref + 1]));
      } else {
        out.append(replacement.substr(rep.offsets[i], rep.offsets[i + 1] - rep.offsets[i]));
      }
      if (out.size() > max_bytes) return Status::Internal("replacement result is too large");
    }
    copied = caps[1];
    last_start = caps[0];
    last_end = caps[1];
    if (!all) break;
    from = last_end == last_start ? last_end + 1 : last_end;  // Matcher.find after an empty match
  }
  out.append(text(copied, n));
  if (out.size() > max_bytes) return Status::Internal("replacement result is too large");
  return out;
}

StatusOr<std::vector<std::string>> JavaRegex::Split(std::string_view input, int limit) const {
  Subject sub = Decode(input);
  Vm vm(*prog_, sub);
  std::vector<int> caps;
  std::vector<std::string> list;
  const int n = static_cast<int>(sub.cps.size());
  auto text = [&](int b, int e) {
    return std::string(input.substr(sub.offsets[b], sub.offsets[e] - sub.offsets[b]));
  };
  const bool limited = limit > 0;
  int index = 0;
  int from = 0;
  while (from <= n) {
    auto found = FindIn(*prog_, sub, &vm, from, false, &caps);
    if (!found.ok()) return found.status();
    if (!*found) break;
    int s = caps[0], e = caps[1];
    from = e == s ? e + 1 : e;
    if (!limited || static_cast<int>(list.size()) < limit - 1) {
      if (index == 0 && index == s && s == e) continue;  // no empty leading substring for a zero-width match
      list.push_back(text(index, s));
      index = e;
    } else if (static_cast<int>(list.size()) == limit - 1) {
      list.push_back(text(index, n));
      index = e;
      break;
    }
  }
  if (index == 0) return std::vector<std::string>{std::string(input)};
  if (!limited || static_cast<int>(list.size()) < limit) list.push_back(text(index, n));
  if (limit == 0) {
    while (!list.empty() && list.back().empty()) list.pop_back();
  }
  return list;
}

}  // namespace apigw::vtl
