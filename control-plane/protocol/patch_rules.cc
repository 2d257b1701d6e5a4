// PatchRules: matching operations to rules and applying them. Error wording
// recorded from AWS (LocalStack's test_apigateway_api.snapshot.json):
//   "Invalid patch path  '/invalid' specified for op 'replace'. Must be one of: [/parentId, /pathPart]"
//   "Invalid patch path  '/pathPart' specified for op 'remove'. Please choose supported operations"
//   "Invalid patch path /binaryMediaTypes"; "Invalid patch path null" (no path)
//   "Invalid patch operation specified. Must be one of: [replace]"
//   "Invalid null or empty value in responseTemplates"
#include "control-plane/protocol/patch_rules.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>

#include "base/text.h"

namespace apigw::cp {

std::vector<std::string> PatchOps::Names() const {
  std::vector<std::string> out;
  for (PatchOp op : {PatchOp::kAdd, PatchOp::kRemove, PatchOp::kReplace, PatchOp::kMove, PatchOp::kCopy, PatchOp::kTest})
    if (Has(op)) out.emplace_back(PatchOpName(op));
  return out;
}

const std::string& PatchMatch::Var(std::string_view name) const {
  static const std::string kEmpty;
  auto it = vars.find(name);
  return it == vars.end() ? kEmpty : it->second;
}

namespace {

bool IsCapture(const std::string& token) { return token.size() >= 2 && token.front() == '{' && token.back() == '}'; }

std::string JoinList(const std::vector<std::string>& items) {
  std::string out = "[";
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) out += ", ";
    out += items[i];
  }
  return out + "]";
}

// The target's member names with captures substituted.
std::vector<std::string> TargetPath(const std::string& target, const PatchMatch& match) {
  std::vector<std::string> out;
  for (std::string component : Split(target, '.')) {
    for (const auto& [name, value] : match.vars) ReplaceAll(component, "{" + name + "}", value);
    out.push_back(std::move(component));
  }
  return out;
}

// The object holding the last component, created on the way when `create`.
JsonValue* Parent(JsonValue& doc, const std::vector<std::string>& path, bool create, JsonAlloc& alloc) {
  JsonValue* at = &doc;
  for (size_t i = 0; i + 1 < path.size(); ++i) {
    if (!at->IsObject()) return nullptr;
    JsonValue* next = MutableMember(*at, path[i]);
    if (!next || !next->IsObject()) {
      if (!create) return nullptr;
      SetMember(*at, path[i], JsonValue(rapidjson::kObjectType), alloc);
      next = MutableMember(*at, path[i]);
    }
    at = next;
  }
  return at->IsObject() ? at : nullptr;
}

const JsonValue* Lookup(const JsonValue& doc, const std::vector<std::string>& path) {
  const JsonValue* at = &doc;
  for (const std::string& p : path) {
    at = Member(*at, p);
    if (!at) return nullptr;
  }
  return at;
}

// A scalar as the string a patch value would carry.
std::optional<std::string> AsText(const JsonValue& v) {
  if (v.IsString()) return std::string(v.GetString(), v.GetStringLength());
  if (v.IsBool()) return std::string(v.GetBool() ? "true" : "false");
  if (v.IsNumber()) return ToJson(v);
  return std::nullopt;
}

}  // namespace

PatchRules& PatchRules::Add(std::string pattern, std::string target, Kind kind, PatchOps ops, PatchApplyFn apply) {
  Rule rule{std::move(pattern), {}, std::move(target), kind, ops, std::move(apply)};
  rule.tokens = SplitPatchPathRaw(rule.pattern);
  rules_.push_back(std::move(rule));
  return *this;
}

PatchRules& PatchRules::String(std::string pattern, std::string target, PatchOps ops) {
  return Add(std::move(pattern), std::move(target), Kind::kString, ops);
}
PatchRules& PatchRules::Bool(std::string pattern, std::string target, PatchOps ops) {
  return Add(std::move(pattern), std::move(target), Kind::kBool, ops);
}
PatchRules& PatchRules::Int(std::string pattern, std::string target, PatchOps ops) {
  return Add(std::move(pattern), std::move(target), Kind::kInt, ops);
}
PatchRules& PatchRules::Double(std::string pattern, std::string target, PatchOps ops) {
  return Add(std::move(pattern), std::move(target), Kind::kDouble, ops);
}
PatchRules& PatchRules::StringList(std::string pattern, std::string target) {
  return Add(std::move(pattern), std::move(target), Kind::kStringList, {PatchOp::kAdd, PatchOp::kRemove});
}
PatchRules& PatchRules::StringMap(std::string pattern, std::string target, PatchOps ops) {
  return Add(std::move(pattern), std::move(target), Kind::kStringMap, ops);
}
PatchRules& PatchRules::Custom(std::string pattern, PatchOps ops, PatchApplyFn apply) {
  return Add(std::move(pattern), "", Kind::kCustom, ops, std::move(apply));
}
PatchRules& PatchRules::OnError(PatchErrorFn on_error) {
  on_error_ = std::move(on_error);
  return *this;
}

const PatchRules::Rule* PatchRules::Find(std::string_view path, PatchMatch* match) const {
  std::vector<std::string> raw = SplitPatchPathRaw(path);
  const Rule* best = nullptr;
  std::vector<int> best_score;
  for (const Rule& rule : rules_) {
    if (rule.tokens.size() != raw.size()) continue;
    std::vector<int> score;
    PatchMatch m;
    bool ok = true;
    for (size_t i = 0; i < raw.size() && ok; ++i) {
      const std::string& t = rule.tokens[i];
      std::string decoded = UnescapePointerToken(raw[i]);
      if (IsCapture(t)) {
        if (decoded.empty()) ok = false;
        std::string name = t.substr(1, t.size() - 2);
        m.vars[name] = decoded;
        m.raw_vars[name] = raw[i];
        score.push_back(1);
      } else {
        ok = decoded == UnescapePointerToken(t);
        score.push_back(2);
      }
    }
    if (ok && (!best || score > best_score)) {
      best = &rule;
      best_score = std::move(score);
      *match = std::move(m);
    }
  }
  return best;
}

std::vector<std::string> PatchRules::PatternsFor(PatchOp op) const {
  std::vector<std::string> out;
  for (const Rule& r : rules_)
    if (r.ops.Has(op)) out.push_back(r.pattern);
  return out;
}

Status PatchRules::Error(const PatchOperation& op, PatchError error, const std::vector<std::string>& allowed) const {
  if (on_error_) return on_error_(op, error, allowed);
  const std::string path = op.path ? *op.path : "null";
  const std::string op_name = PatchOpName(op.op);
  switch (error) {
    case PatchError::kMissingPath:
      return Status::BadRequest("Invalid patch path null");
    case PatchError::kUnknownPath:
    case PatchError::kOpNotAllowed:
      if (style_ == ErrorStyle::kPlain) {
        if (error == PatchError::kOpNotAllowed)
          return Status::BadRequest("Invalid patch operation specified. Must be one of: " + JoinList(allowed));
        return Status::BadRequest("Invalid patch path " + path);
      } else {
        std::vector<std::string> patterns = PatternsFor(op.op);
        if (patterns.empty())
          return Status::BadRequest("Invalid patch path  '" + path + "' specified for op '" + op_name +
                                    "'. Please choose supported operations");
        return Status::BadRequest("Invalid patch path  '" + path + "' specified for op '" + op_name +
                                  "'. Must be one of: " + JoinList(patterns));
      }
    case PatchError::kBadValue:
      return Status::BadRequest("Invalid value " + (op.value ? "'" + *op.value + "'" : std::string("null")) +
                                " specified for patch path " + path);
    case PatchError::kBadFrom:
      return Status::BadRequest("Invalid from path " + (op.from ? *op.from : std::string("null")) + " specified for op '" +
                                op_name + "'");
  }
  return Status::BadRequest("Invalid patch operation");
}

Status PatchRules::ApplyRule(const Rule& rule, const PatchMatch& match, PatchOp op,
                             const std::optional<std::string>& value, JsonValue& document, JsonAlloc& alloc) const {
  const PatchOperation& operation = *match.operation;
  if (rule.kind == Kind::kCustom) return rule.apply(match, document, alloc);
  std::vector<std::string> target = TargetPath(rule.target, match);
  if (target.empty()) return Status::Internal("patch rule " + rule.pattern + " has no target");
  const std::string& last = target.back();

  if (rule.kind == Kind::kStringList || rule.kind == Kind::kStringMap) {
    // The item or key is the pattern's last capture.
    std::string item;
    for (auto it = rule.tokens.rbegin(); it != rule.tokens.rend(); ++it)
      if (IsCapture(*it)) {
        item = match.Var(it->substr(1, it->size() - 2));
        break;
      }
    if (op == PatchOp::kRemove) {
      JsonValue* parent = Parent(document, target, false, alloc);
      JsonValue* collection = parent ? MutableMember(*parent, last) : nullptr;
      if (!collection) return Status::Ok();
      if (rule.kind == Kind::kStringMap) {
        RemoveMember(*collection, item);
      } else if (collection->IsArray()) {
        for (auto e = collection->Begin(); e != collection->End();) {
          if (e->IsString() && item == std::string_view(e->GetString(), e->GetStringLength()))
            e = collection->Erase(e);
          else
            ++e;
        }
      }
      return Status::Ok();
    }
    JsonValue* parent = Parent(document, target, true, alloc);
    if (!parent) return Status::Internal("patch target " + rule.target + " is not an object");
    JsonValue* collection = MutableMember(*parent, last);
    if (rule.kind == Kind::kStringMap) {
      if (!value || value->empty()) {
        // Recorded for gateway responses: "Invalid null or empty value in responseTemplates".
        if (on_error_) return on_error_(operation, PatchError::kBadValue, {});
        return Status::BadRequest("Invalid null or empty value in " + last);
      }
      if (!collection || !collection->IsObject()) {
        SetMember(*parent, last, JsonValue(rapidjson::kObjectType), alloc);
        collection = MutableMember(*parent, last);
      }
      SetString(*collection, item, *value, alloc);
      return Status::Ok();
    }
    if (!collection || !collection->IsArray()) {
      SetMember(*parent, last, JsonValue(rapidjson::kArrayType), alloc);
      collection = MutableMember(*parent, last);
    }
    for (const JsonValue& e : collection->GetArray())
      if (e.IsString() && item == std::string_view(e.GetString(), e.GetStringLength())) return Status::Ok();
    collection->PushBack(JsonString(item, alloc), alloc);
    return Status::Ok();
  }

  // Scalars.
  if (op == PatchOp::kRemove) {
    if (JsonValue* parent = Parent(document, target, false, alloc)) RemoveMember(*parent, last);
    return Status::Ok();
  }
  if (op == PatchOp::kTest) {
    const JsonValue* current = Lookup(document, target);
    std::optional<std::string> text = current ? AsText(*current) : std::nullopt;
    if (text != value) return Error(operation, PatchError::kBadValue, {});
    return Status::Ok();
  }
  JsonValue converted;
  if (!value) {
    if (rule.kind != Kind::kString) return Error(operation, PatchError::kBadValue, {});
    if (JsonValue* parent = Parent(document, target, false, alloc)) RemoveMember(*parent, last);
    return Status::Ok();
  }
  std::string v(Trim(*value));
  switch (rule.kind) {
    case Kind::kString:
      converted = JsonString(*value, alloc);
      break;
    case Kind::kBool:
      if (EqualsIgnoreCase(v, "true"))
        converted.SetBool(true);
      else if (EqualsIgnoreCase(v, "false"))
        converted.SetBool(false);
      else
        return Error(operation, PatchError::kBadValue, {});
      break;
    case Kind::kInt: {
      errno = 0;
      char* end = nullptr;
      long long n = v.empty() ? 0 : std::strtoll(v.c_str(), &end, 10);
      if (v.empty() || errno || end != v.c_str() + v.size()) return Error(operation, PatchError::kBadValue, {});
      converted.SetInt64(n);
      break;
    }
    case Kind::kDouble: {
      char* end = nullptr;
      double d = v.empty() ? 0 : std::strtod(v.c_str(), &end);
      if (v.empty() || end != v.c_str() + v.size() || !std::isfinite(d)) return Error(operation, PatchError::kBadValue, {});
      converted.SetDouble(d);
      break;
    }
    default:
      break;
  }
  JsonValue* parent = Parent(document, target, true, alloc);
  if (!parent) return Status::Internal("patch target " + rule.target + " is not an object");
  SetMember(*parent, last, std::move(converted), alloc);
  return Status::Ok();
}

Status PatchRules::ApplyOne(const PatchOperation& op, JsonValue& document, JsonAlloc& alloc) const {
  if (!op.path) return Error(op, PatchError::kMissingPath, {});
  PatchMatch match;
  const Rule* rule = Find(*op.path, &match);
  if (!rule) return Error(op, PatchError::kUnknownPath, PatternsFor(op.op));
  if (!rule->ops.Has(op.op)) return Error(op, PatchError::kOpNotAllowed, rule->ops.Names());
  match.operation = &op;
  match.path = *op.path;
  if (rule->kind == Kind::kCustom) return rule->apply(match, document, alloc);

  if (op.op == PatchOp::kCopy || op.op == PatchOp::kMove) {
    // Read the scalar at `from` through its own rule, then write it here.
    if (!op.from) return Error(op, PatchError::kBadFrom, {});
    PatchMatch from_match;
    const Rule* from_rule = Find(*op.from, &from_match);
    if (!from_rule || from_rule->kind == Kind::kCustom || from_rule->kind == Kind::kStringList ||
        from_rule->kind == Kind::kStringMap)
      return Error(op, PatchError::kBadFrom, {});
    from_match.operation = &op;
    const JsonValue* source = Lookup(document, TargetPath(from_rule->target, from_match));
    std::optional<std::string> text = source ? AsText(*source) : std::nullopt;
    if (!text) return Error(op, PatchError::kBadFrom, {});
    APIGW_RETURN_IF_ERROR(ApplyRule(*rule, match, PatchOp::kReplace, text, document, alloc));
    if (op.op == PatchOp::kMove)
      APIGW_RETURN_IF_ERROR(ApplyRule(*from_rule, from_match, PatchOp::kRemove, std::nullopt, document, alloc));
    return Status::Ok();
  }
  return ApplyRule(*rule, match, op.op, op.value, document, alloc);
}

Status PatchRules::Apply(const std::vector<PatchOperation>& operations, JsonValue& document, JsonAlloc& alloc) const {
  for (const PatchOperation& op : operations) APIGW_RETURN_IF_ERROR(ApplyOne(op, document, alloc));
  return Status::Ok();
}

Status PatchRules::Apply(const JsonValue& input, JsonValue& document, JsonAlloc& alloc) const {
  return Apply(ReadPatchOperations(input), document, alloc);
}

}  // namespace apigw::cp
