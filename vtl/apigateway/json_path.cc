// Compiling and evaluating Jayway-style JSONPath over RapidJSON values.
#include "vtl/apigateway/json_path.h"

#include <charconv>
#include <cmath>
#include <cstring>

#include "vtl/java_regex.h"
#include "vtl/java_text.h"

namespace apigw::vtl {

struct JsonPath::Step {
  enum class Kind { kNames, kIndexes, kSlice, kWildcard, kDeepScan, kFilter };
  Kind kind = Kind::kNames;
  std::vector<std::string> names;
  std::vector<int64_t> indexes;
  bool has_start = false, has_end = false;
  int64_t start = 0, end = 0;
  std::shared_ptr<const Step> inner;    // kDeepScan: what to select at every depth
  std::shared_ptr<const Filter> filter;  // kFilter
};

struct JsonPath::Filter {
  enum class Kind { kOr, kAnd, kNot, kExists, kCompare };
  struct Operand {
    bool is_path = false;
    bool absolute = false;  // $... rather than @...
    std::vector<std::shared_ptr<const Step>> steps;
    JsonDoc literal;
  };
  Kind kind = Kind::kExists;
  std::vector<std::shared_ptr<const Filter>> kids;
  Operand left, right;
  std::string op;
  bool named = false;                      // =~ and Jayway's word operators (in, size...)
  std::shared_ptr<const JavaRegex> regex;  // op "=~": the /pattern/flags operand
};

namespace {

using StepPtr = std::shared_ptr<const JsonPath::Step>;
using FilterPtr = std::shared_ptr<const JsonPath::Filter>;
using Step = JsonPath::Step;
using Filter = JsonPath::Filter;

constexpr int kMaxFilterDepth = 20;

class PathParser {
 public:
  PathParser(std::string_view s, bool in_filter) : s_(s), in_filter_(in_filter) {}

  Status Error(const std::string& what) const {
    return Status::BadRequest("Invalid JSONPath '" + std::string(s_) + "': " + what);
  }

  // Parses steps after the root marker.
  Status Steps(std::vector<StepPtr>* out, bool* definite, int depth) {
    while (i_ < s_.size()) {
      char c = s_[i_];
      if (in_filter_ && (c == ' ' || c == ')' || c == '=' || c == '!' || c == '<' || c == '>' ||
                         c == '&' || c == '|')) {
        break;
      }
      if (c == '.' && i_ + 1 < s_.size() && s_[i_ + 1] == '.') {
        i_ += 2;
        auto scan = std::make_shared<Step>();
        scan->kind = Step::Kind::kDeepScan;
        bool ignored = true;
        StepPtr inner;
        if (i_ < s_.size() && s_[i_] == '[') {
          APIGW_RETURN_IF_ERROR(Bracket(&inner, &ignored, depth));
        } else if (i_ < s_.size() && s_[i_] == '*') {
          ++i_;
          auto w = std::make_shared<Step>();
          w->kind = Step::Kind::kWildcard;
          inner = w;
        } else {
          std::string name = Name();
          if (name.empty()) return Error("deep scan needs a property name");
          auto n = std::make_shared<Step>();
          n->names.push_back(name);
          inner = n;
        }
        scan->inner = inner;
        out->push_back(scan);
        *definite = false;
      } else if (c == '.') {
        ++i_;
        if (i_ < s_.size() && s_[i_] == '*') {
          ++i_;
          auto w = std::make_shared<Step>();
          w->kind = Step::Kind::kWildcard;
          out->push_back(w);
          *definite = false;
        } else {
          std::string name = Name();
          if (name.empty()) return Error("a property name is missing after '.'");
          auto n = std::make_shared<Step>();
          n->names.push_back(name);
          out->push_back(n);
        }
      } else if (c == '[') {
        StepPtr step;
        APIGW_RETURN_IF_ERROR(Bracket(&step, definite, depth));
        out->push_back(step);
      } else {
        return Error("unexpected character '" + std::string(1, c) + "'");
      }
    }
    return Status::Ok();
  }

  size_t pos() const { return i_; }

 private:
  std::string Name() {
    size_t start = i_;
    while (i_ < s_.size()) {
      char c = s_[i_];
      if (c == '.' || c == '[') break;
      if (in_filter_ && (c == ' ' || c == ')' || c == '=' || c == '!' || c == '<' || c == '>' ||
                         c == '&' || c == '|')) {
        break;
      }
      ++i_;
    }
    return std::string(s_.substr(start, i_ - start));
  }

  void SkipSpaces() {
    while (i_ < s_.size() && s_[i_] == ' ') ++i_;
  }

  Status Bracket(StepPtr* out, bool* definite, int depth) {
    ++i_;  // '['
    SkipSpaces();
    auto step = std::make_shared<Step>();
    if (i_ >= s_.size()) return Error("unclosed '['");
    char c = s_[i_];
    if (c == '*') {
      ++i_;
      step->kind = Step::Kind::kWildcard;
      *definite = false;
    } else if (c == '?') {
      ++i_;
      SkipSpaces();
      if (i_ >= s_.size() || s_[i_] != '(') return Error("a filter needs '?('");
      size_t open = i_;
      int level = 0;
      char quote = 0;
      size_t close = std::string_view::npos;
      for (size_t k = open; k < s_.size(); ++k) {
        char ch = s_[k];
        if (quote) {
          if (ch == quote) quote = 0;
          continue;
        }
        if (ch == '\'' || ch == '"') quote = ch;
        if (ch == '(') ++level;
        if (ch == ')' && --level == 0) {
          close = k;
          break;
        }
      }
      if (close == std::string_view::npos) return Error("unclosed filter");
      if (depth > kMaxFilterDepth) return Error("filters nested too deeply");
      FilterPtr f;
      APIGW_RETURN_IF_ERROR(ParseFilter(s_.substr(open + 1, close - open - 1), depth + 1, &f));
      step->kind = Step::Kind::kFilter;
      step->filter = f;
      i_ = close + 1;
      *definite = false;
    } else if (c == '\'' || c == '"') {
      step->kind = Step::Kind::kNames;
      while (true) {
        SkipSpaces();
        if (i_ >= s_.size() || (s_[i_] != '\'' && s_[i_] != '"')) return Error("a quoted name is expected");
        char q = s_[i_++];
        std::string name;
        while (i_ < s_.size() && s_[i_] != q) {
          if (s_[i_] == '\\' && i_ + 1 < s_.size()) ++i_;
          name.push_back(s_[i_++]);
        }
        if (i_ >= s_.size()) return Error("unclosed quote");
        ++i_;
        step->names.push_back(name);
        SkipSpaces();
        if (i_ < s_.size() && s_[i_] == ',') {
          ++i_;
          continue;
        }
        break;
      }
      if (step->names.size() > 1) *definite = false;
    } else {
      // [n], [n,m,...], [start:end]
      std::vector<int64_t> values;
      bool slice = false;
      bool have_first = false, have_second = false;
      int64_t first = 0, second = 0;
      while (true) {
        SkipSpaces();
        if (i_ < s_.size() && s_[i_] == ':') {
          slice = true;
          ++i_;
          SkipSpaces();
          if (i_ < s_.size() && s_[i_] != ']') {
            APIGW_RETURN_IF_ERROR(Int(&second));
            have_second = true;
          }
          break;
        }
        int64_t v;
        APIGW_RETURN_IF_ERROR(Int(&v));
        SkipSpaces();
        if (i_ < s_.size() && s_[i_] == ':') {
          first = v;
          have_first = true;
          continue;
        }
        values.push_back(v);
        if (i_ < s_.size() && s_[i_] == ',') {
          ++i_;
          continue;
        }
        break;
      }
      if (slice) {
        step->kind = Step::Kind::kSlice;
        step->has_start = have_first;
        step->start = first;
        step->has_end = have_second;
        step->end = second;
        *definite = false;
      } else {
        step->kind = Step::Kind::kIndexes;
        step->indexes = values;
        if (values.size() > 1) *definite = false;
      }
    }
    SkipSpaces();
    if (i_ >= s_.size() || s_[i_] != ']') return Error("']' expected");
    ++i_;
    *out = step;
    return Status::Ok();
  }

  Status Int(int64_t* v) {
    size_t start = i_;
    if (i_ < s_.size() && s_[i_] == '-') ++i_;
    while (i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9') ++i_;
    auto r = std::from_chars(s_.data() + start, s_.data() + i_, *v);
    if (r.ec != std::errc() || r.ptr != s_.data() + i_ || i_ == start) return Error("an index is expected");
    return Status::Ok();
  }

  // filter := or ; or := and ('||' and)* ; and := unary ('&&' unary)* ;
  // unary := '!' unary | '(' or ')' | operand [op operand]
  Status ParseFilter(std::string_view text, int depth, FilterPtr* out) {
    FilterParser fp{text, depth, this};
    APIGW_RETURN_IF_ERROR(fp.Or(out));
    fp.Spaces();
    if (fp.i < text.size()) return Error("unexpected text in filter");
    return Status::Ok();
  }

  struct FilterParser {
    std::string_view t;
    int depth;
    PathParser* owner;
    size_t i = 0;

    void Spaces() {
      while (i < t.size() && t[i] == ' ') ++i;
    }
    bool Eat(const char* s) {
      Spaces();
      size_t n = std::strlen(s);
      if (t.compare(i, n, s) == 0) {
        i += n;
        return true;
      }
      return false;
    }
    Status Or(FilterPtr* out) {
      FilterPtr l;
      APIGW_RETURN_IF_ERROR(And(&l));
      while (Eat("||")) {
        FilterPtr r;
        APIGW_RETURN_IF_ERROR(And(&r));
        auto f = std::make_shared<Filter>();
        f->kind = Filter::Kind::kOr;
        f->kids = {l, r};
        l = f;
      }
      *out = l;
      return Status::Ok();
    }
    Status And(FilterPtr* out) {
      FilterPtr l;
      APIGW_RETURN_IF_ERROR(Unary(&l));
      while (Eat("&&")) {
        FilterPtr r;
        APIGW_RETURN_IF_ERROR(Unary(&r));
        auto f = std::make_shared<Filter>();
        f->kind = Filter::Kind::kAnd;
        f->kids = {l, r};
        l = f;
      }
      *out = l;
      return Status::Ok();
    }
    Status Unary(FilterPtr* out) {
      if (++depth > kMaxFilterDepth) return owner->Error("filter nested too deeply");
      Spaces();
      if (i < t.size() && t[i] == '!' && !(i + 1 < t.size() && t[i + 1] == '=')) {
        ++i;
        FilterPtr k;
        APIGW_RETURN_IF_ERROR(Unary(&k));
        auto f = std::make_shared<Filter>();
        f->kind = Filter::Kind::kNot;
        f->kids = {k};
        *out = f;
        return Status::Ok();
      }
      if (i < t.size() && t[i] == '(') {
        ++i;
        APIGW_RETURN_IF_ERROR(Or(out));
        if (!Eat(")")) return owner->Error("')' expected in filter");
        return Status::Ok();
      }
      auto f = std::make_shared<Filter>();
      APIGW_RETURN_IF_ERROR(Operand(&f->left));
      Spaces();
      if (Eat("=~")) {  // Jayway: @.name =~ /pattern/flags, matched whole (Matcher.matches())
        f->kind = Filter::Kind::kCompare;
        f->op = "=~";
        f->named = true;
        APIGW_RETURN_IF_ERROR(Pattern(&f->regex));
        *out = f;
        return Status::Ok();
      }
      static const char* const kOps[] = {"==", "!=", "<=", ">=", "<", ">"};
      for (const char* op : kOps) {
        if (Eat(op)) {
          f->kind = Filter::Kind::kCompare;
          f->op = op;
          APIGW_RETURN_IF_ERROR(Operand(&f->right));
          *out = f;
          return Status::Ok();
        }
      }
      // Jayway's named operators, each followed by a space or its operand.
      static const char* const kWords[] = {"nin", "in", "subsetof", "anyof", "noneof", "size", "empty"};
      for (const char* word : kWords) {
        size_t n = std::strlen(word);
        size_t after = i + n;
        if (t.compare(i, n, word) == 0 && after < t.size() && (t[after] == ' ' || t[after] == '[')) {
          i = after;
          f->kind = Filter::Kind::kCompare;
          f->op = word;
          f->named = true;
          APIGW_RETURN_IF_ERROR(Operand(&f->right));
          *out = f;
          return Status::Ok();
        }
      }
      if (!f->left.is_path) return owner->Error("a filter needs a path or a comparison");
      f->kind = Filter::Kind::kExists;
      *out = f;
      return Status::Ok();
    }
    Status Operand(Filter::Operand* o) {
      Spaces();
      if (i >= t.size()) return owner->Error("operand expected in filter");
      char c = t[i];
      if (c == '@' || c == '$') {
        o->is_path = true;
        o->absolute = c == '$';
        ++i;
        PathParser sub(t.substr(i), true);
        bool definite = true;
        APIGW_RETURN_IF_ERROR(sub.Steps(&o->steps, &definite, depth + 1));
        i += sub.pos();
        return Status::Ok();
      }
      size_t start = i;
      if (c == '[') return ListLiteral(o);
      if (c == '\'' || c == '"') {
        ++i;
        std::string s;
        while (i < t.size() && t[i] != c) {
          if (t[i] == '\\' && i + 1 < t.size()) ++i;
          s.push_back(t[i++]);
        }
        if (i >= t.size()) return owner->Error("unclosed string in filter");
        ++i;
        o->literal.SetString(s.c_str(), static_cast<rapidjson::SizeType>(s.size()), o->literal.GetAllocator());
        return Status::Ok();
      }
      while (i < t.size() && t[i] != ' ' && t[i] != ')' && t[i] != '&' && t[i] != '|') ++i;
      std::string lit(t.substr(start, i - start));
      o->literal.Parse(lit.c_str(), lit.size());
      if (o->literal.HasParseError()) return owner->Error("invalid literal '" + lit + "' in filter");
      return Status::Ok();
    }
    // A list such as ['a', "b", 1] (Jayway reads single-quoted strings too),
    // read as JSON with the single-quoted strings rewritten.
    Status ListLiteral(Filter::Operand* o) {
      std::string json;
      int nesting = 0;
      while (i < t.size()) {
        char c = t[i];
        if (c == '\'' || c == '"') {
          char quote = c;
          json.push_back('"');
          for (++i; i < t.size() && t[i] != quote; ++i) {
            if (t[i] == '\\' && i + 1 < t.size()) {
              if (t[i + 1] == '\'' && quote == '\'') {  // \' inside '...' is a quote
                json.push_back('\'');
              } else {
                json.push_back('\\');
                json.push_back(t[i + 1]);
              }
              ++i;
              continue;
            }
            if (t[i] == '"' && quote == '\'') json.push_back('\\');
            json.push_back(t[i]);
          }
          if (i >= t.size()) return owner->Error("unclosed string in filter");
          json.push_back('"');
          ++i;
          continue;
        }
        json.push_back(c);
        ++i;
        if (c == '[') ++nesting;
        if (c == ']' && --nesting == 0) break;
      }
      if (nesting != 0) return owner->Error("unclosed list in filter");
      o->literal.Parse(json.c_str(), json.size());
      if (o->literal.HasParseError()) return owner->Error("invalid list '" + json + "' in filter");
      return Status::Ok();
    }
    // /pattern/flags, the flags as Java's (i, m, s, x, u, d, U).
    Status Pattern(std::shared_ptr<const JavaRegex>* out) {
      Spaces();
      if (i >= t.size() || t[i] != '/') return owner->Error("a /pattern/ must follow =~");
      std::string pattern;
      for (++i; i < t.size() && t[i] != '/'; ++i) {
        if (t[i] == '\\' && i + 1 < t.size() && t[i + 1] == '/') ++i;  // \/ is a slash
        else if (t[i] == '\\' && i + 1 < t.size()) pattern.push_back(t[i++]);
        pattern.push_back(t[i]);
      }
      if (i >= t.size()) return owner->Error("unclosed /pattern/ in filter");
      ++i;
      std::string flags;
      while (i < t.size() && std::strchr("imsxudU", t[i]) != nullptr) flags.push_back(t[i++]);
      if (!flags.empty()) pattern = "(?" + flags + ")" + pattern;
      StatusOr<std::shared_ptr<const JavaRegex>> re = JavaRegex::Compile(pattern);
      if (!re.ok()) return owner->Error("invalid pattern in filter: " + re.status().message());
      *out = std::move(re).value();
      return Status::Ok();
    }
  };

  std::string_view s_;
  bool in_filter_;
  size_t i_ = 0;
};

bool IsNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

void Apply(const Step& step, const JsonValue& node, const JsonValue& root,
           std::vector<const JsonValue*>* out);

// A filter operand's value: a path (relative to the element or the root)
// resolved to one value, or a literal; nullptr when the path is missing.
const JsonValue* Resolve(const Filter::Operand& o, const JsonValue& at, const JsonValue& root) {
  if (!o.is_path) return &o.literal;
  std::vector<const JsonValue*> cur{o.absolute ? &root : &at};
  for (const auto& step : o.steps) {
    std::vector<const JsonValue*> next;
    for (const JsonValue* v : cur) Apply(*step, *v, root, &next);
    cur.swap(next);
    if (cur.empty()) return nullptr;
  }
  return cur.front();
}

bool Compare(const JsonValue* a, const JsonValue* b, const std::string& op) {
  if (!a || !b) return op == "!=";
  if (a->IsNumber() && b->IsNumber()) {
    double x = a->GetDouble(), y = b->GetDouble();
    if (op == "==") return x == y;
    if (op == "!=") return x != y;
    if (op == "<") return x < y;
    if (op == "<=") return x <= y;
    if (op == ">") return x > y;
    return x >= y;
  }
  if (a->IsString() && b->IsString()) {
    std::string_view x(a->GetString(), a->GetStringLength()), y(b->GetString(), b->GetStringLength());
    if (op == "==") return x == y;
    if (op == "!=") return x != y;
    if (op == "<") return x < y;
    if (op == "<=") return x <= y;
    if (op == ">") return x > y;
    return x >= y;
  }
  if (op == "==") return *a == *b;
  if (op == "!=") return !(*a == *b);
  return false;
}

bool InList(const JsonValue* v, const JsonValue* list) {
  if (v == nullptr || list == nullptr || !list->IsArray()) return false;
  for (const JsonValue& item : list->GetArray()) {
    if (Compare(v, &item, "==")) return true;
  }
  return false;
}

// Java's String.length() of a JSON string (UTF-16 code units).
size_t StringLength(const JsonValue& s) { return Utf16Length(std::string_view(s.GetString(), s.GetStringLength())); }

// Jayway's evaluators of =~, in, nin, subsetof, anyof, noneof, size, empty.
bool NamedOperator(const Filter& f, const JsonValue* l, const JsonValue* r) {
  const std::string& op = f.op;
  if (op == "=~") {
    std::string input;
    if (l != nullptr && l->IsString()) input.assign(l->GetString(), l->GetStringLength());
    else if (l != nullptr && (l->IsNumber() || l->IsBool())) input = ToJson(*l);
    else if (l == nullptr || !l->IsNull()) return false;
    JavaRegex::Match m;
    StatusOr<bool> found = f.regex->Find(input, 0, true, &m);
    return found.ok() && *found;
  }
  if (op == "in") return InList(l, r);
  if (op == "nin") return !InList(l, r);
  if (op == "size") {
    if (l == nullptr || r == nullptr || !r->IsNumber()) return false;
    auto want = static_cast<int64_t>(r->GetDouble());
    if (l->IsString()) return static_cast<int64_t>(StringLength(*l)) == want;
    if (l->IsArray()) return static_cast<int64_t>(l->Size()) == want;
    if (l->IsObject()) return static_cast<int64_t>(l->MemberCount()) == want;
    return false;
  }
  if (op == "empty") {
    if (l == nullptr || r == nullptr || !r->IsBool()) return false;
    if (l->IsString()) return (l->GetStringLength() == 0) == r->GetBool();
    if (l->IsArray()) return l->Empty() == r->GetBool();
    if (l->IsObject()) return (l->MemberCount() == 0) == r->GetBool();
    return false;
  }
  // subsetof, anyof, noneof: the left value is a list.
  if (l == nullptr || !l->IsArray() || r == nullptr || !r->IsArray()) return false;
  if (op == "subsetof") {
    for (const JsonValue& v : l->GetArray()) {
      if (!InList(&v, r)) return false;
    }
    return true;
  }
  bool any = false;
  for (const JsonValue& v : l->GetArray()) any = any || InList(&v, r);
  return op == "anyof" ? any : !any;
}

bool Matches(const Filter& f, const JsonValue& at, const JsonValue& root) {
  switch (f.kind) {
    case Filter::Kind::kOr: return Matches(*f.kids[0], at, root) || Matches(*f.kids[1], at, root);
    case Filter::Kind::kAnd: return Matches(*f.kids[0], at, root) && Matches(*f.kids[1], at, root);
    case Filter::Kind::kNot: return !Matches(*f.kids[0], at, root);
    case Filter::Kind::kExists: return Resolve(f.left, at, root) != nullptr;
    case Filter::Kind::kCompare:
      if (!f.named) return Compare(Resolve(f.left, at, root), Resolve(f.right, at, root), f.op);
      return NamedOperator(f, Resolve(f.left, at, root), f.regex ? nullptr : Resolve(f.right, at, root));
  }
  return false;
}

void DeepScan(const Step& inner, const JsonValue& node, const JsonValue& root,
              std::vector<const JsonValue*>* out, int depth) {
  if (depth > 500) return;
  Apply(inner, node, root, out);
  if (node.IsObject()) {
    for (const auto& m : node.GetObject()) DeepScan(inner, m.value, root, out, depth + 1);
  } else if (node.IsArray()) {
    for (const auto& v : node.GetArray()) DeepScan(inner, v, root, out, depth + 1);
  }
}

void Apply(const Step& step, const JsonValue& node, const JsonValue& root,
           std::vector<const JsonValue*>* out) {
  switch (step.kind) {
    case Step::Kind::kNames:
      if (!node.IsObject()) return;
      for (const std::string& name : step.names) {
        auto it = node.FindMember(rapidjson::StringRef(name.data(), name.size()));
        if (it != node.MemberEnd()) out->push_back(&it->value);
      }
      return;
    case Step::Kind::kIndexes: {
      if (!node.IsArray()) return;
      int64_t size = node.Size();
      for (int64_t i : step.indexes) {
        int64_t k = i < 0 ? size + i : i;
        if (k >= 0 && k < size) out->push_back(&node[static_cast<rapidjson::SizeType>(k)]);
      }
      return;
    }
    case Step::Kind::kSlice: {
      if (!node.IsArray()) return;
      int64_t size = node.Size();
      int64_t from = step.has_start ? step.start : 0;
      int64_t to = step.has_end ? step.end : size;
      if (from < 0) from = std::max<int64_t>(0, size + from);
      if (to < 0) to = size + to;
      to = std::min(to, size);
      for (int64_t k = from; k < to; ++k) out->push_back(&node[static_cast<rapidjson::SizeType>(k)]);
      return;
    }
    case Step::Kind::kWildcard:
      if (node.IsObject()) {
        for (const auto& m : node.GetObject()) out->push_back(&m.value);
      } else if (node.IsArray()) {
        for (const auto& v : node.GetArray()) out->push_back(&v);
      }
      return;
    case Step::Kind::kDeepScan: DeepScan(*step.inner, node, root, out, 0); return;
    case Step::Kind::kFilter:
      if (node.IsArray()) {
        for (const auto& v : node.GetArray()) {
          if (Matches(*step.filter, v, root)) out->push_back(&v);
        }
      } else if (node.IsObject() && Matches(*step.filter, node, root)) {
        out->push_back(&node);
      }
      return;
  }
}

}  // namespace

StatusOr<JsonPath> JsonPath::Compile(std::string_view path) {
  std::string text(path);
  while (!text.empty() && text.front() == ' ') text.erase(0, 1);
  while (!text.empty() && text.back() == ' ') text.pop_back();
  if (text.empty()) return Status::BadRequest("Invalid JSONPath: the path is empty");
  if (text[0] != '$') text = (text[0] == '[' ? "$" : "$.") + text;
  JsonPath p;
  // A trailing ".name()" is one of Jayway's functions.
  static constexpr std::pair<std::string_view, Function> kFunctions[] = {
      {".length()", Function::kLength}, {".min()", Function::kMin},       {".max()", Function::kMax},
      {".avg()", Function::kAvg},       {".sum()", Function::kSum}, {".stddev()", Function::kStddev}};
  for (const auto& [suffix, function] : kFunctions) {
    if (text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0) {
      text.resize(text.size() - suffix.size());
      p.function_ = function;
      break;
    }
  }
  PathParser parser(std::string_view(text).substr(1), false);
  APIGW_RETURN_IF_ERROR(parser.Steps(&p.steps_, &p.definite_, 0));
  if (p.function_ != Function::kNone) {
    p.steps_definite_ = p.definite_;
    p.definite_ = true;  // one value
  }
  return p;
}

std::optional<JsonPath::FunctionResult> JsonPath::ApplyFunction(const std::vector<const JsonValue*>& found) const {
  if (function_ == Function::kNone) return std::nullopt;
  // What the function reads: the value a definite path names, or the selection.
  const JsonValue* named = steps_definite_ ? (found.empty() ? nullptr : found[0]) : nullptr;
  if (function_ == Function::kLength) {
    if (!steps_definite_) return FunctionResult{true, double(found.size())};
    if (named == nullptr) return std::nullopt;
    if (named->IsArray()) return FunctionResult{true, double(named->Size())};
    if (named->IsObject()) return FunctionResult{true, double(named->MemberCount())};
    if (named->IsString()) return FunctionResult{true, double(StringLength(*named))};
    return std::nullopt;
  }
  std::vector<double> numbers;
  auto take = [&numbers](const JsonValue& v) {
    if (v.IsNumber()) numbers.push_back(v.GetDouble());
  };
  if (steps_definite_) {
    if (named == nullptr || !named->IsArray()) return std::nullopt;
    for (const JsonValue& v : named->GetArray()) take(v);
  } else {
    for (const JsonValue* v : found) take(*v);
  }
  if (numbers.empty()) return std::nullopt;
  double sum = 0, squares = 0, low = numbers[0], high = numbers[0];
  for (double d : numbers) {
    sum += d;
    squares += d * d;
    low = d < low ? d : low;
    high = d > high ? d : high;
  }
  double n = double(numbers.size());
  switch (function_) {
    case Function::kMin: return FunctionResult{false, low};
    case Function::kMax: return FunctionResult{false, high};
    case Function::kSum: return FunctionResult{false, sum};
    case Function::kAvg: return FunctionResult{false, sum / n};
    case Function::kStddev: return FunctionResult{false, std::sqrt(squares / n - sum * sum / n / n)};
    default: return std::nullopt;
  }
}

bool JsonPath::EvaluateSimple(std::string_view path, const JsonValue& root, const JsonValue** found) {
  if (path.empty() || path[0] != '$') return false;
  const JsonValue* at = &root;
  size_t i = 1;
  while (i < path.size()) {
    if (path[i] == '.') {
      size_t start = ++i;
      while (i < path.size() && IsNameChar(path[i])) ++i;
      if (i == start || (i < path.size() && path[i] != '.' && path[i] != '[')) return false;
      if (at && at->IsObject()) {
        // A Value key: a bare StringRef would convert to `const char*` and be read up to a NUL.
        const JsonValue key(rapidjson::StringRef(path.data() + start, static_cast<rapidjson::SizeType>(i - start)));
        auto it = at->FindMember(key);
        at = it == at->MemberEnd() ? nullptr : &it->value;
      } else {
        at = nullptr;
      }
    } else if (path[i] == '[') {
      size_t start = ++i;
      uint64_t index = 0;
      while (i < path.size() && path[i] >= '0' && path[i] <= '9' && i - start < 18) {
        index = index * 10 + static_cast<uint64_t>(path[i] - '0');
        ++i;
      }
      if (i == start || i >= path.size() || path[i] != ']') return false;
      ++i;
      if (at && at->IsArray() && index < at->Size()) {
        at = &(*at)[static_cast<rapidjson::SizeType>(index)];
      } else {
        at = nullptr;
      }
    } else {
      return false;
    }
  }
  *found = at;
  return true;
}

void JsonPath::Evaluate(const JsonValue& root, std::vector<const JsonValue*>* out) const {
  std::vector<const JsonValue*> cur{&root};
  for (const auto& step : steps_) {
    std::vector<const JsonValue*> next;
    for (const JsonValue* v : cur) Apply(*step, *v, root, &next);
    cur.swap(next);
    if (cur.empty()) break;
  }
  out->insert(out->end(), cur.begin(), cur.end());
}

}  // namespace apigw::vtl
