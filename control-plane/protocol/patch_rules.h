// PatchRules: the table with which an apigateway Update* handler declares its
// patchable paths and how each changes its JSON document; Apply runs a
// request's patchOperations through it and words the failures as AWS does.
//
//   PatchRules rules;
//   rules.String("/name", "name")
//        .Bool("/enabled", "enabled")
//        .StringList("/binaryMediaTypes/{type}", "binaryMediaTypes")     // add/remove an item
//        .StringMap("/variables/{name}", "variables")                     // add/replace/remove a key
//        .Int("/{resourcePath}/{httpMethod}/throttling/burstLimit",
//             "methodSettings.{resourcePath}/{httpMethod}.throttlingBurstLimit");
//   APIGW_RETURN_IF_ERROR(rules.Apply(input, doc, doc.GetAllocator()));
//
// Patterns are '/'-separated; "{name}" captures one token (unescaped: "~1" is
// '/'), literal tokens beat captures. Targets are '.'-separated member names
// of the document, and may use the captures (substituted after splitting, so
// a captured '.' stays inside its component). Missing objects on the way are
// created.
#pragma once

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "base/json.h"
#include "base/status.h"
#include "control-plane/protocol/patch_operation.h"

namespace apigw::cp {

// A set of patch ops.
class PatchOps {
 public:
  PatchOps(std::initializer_list<PatchOp> ops) {
    for (PatchOp op : ops) bits_ |= Bit(op);
  }
  static PatchOps All() { return {PatchOp::kAdd, PatchOp::kRemove, PatchOp::kReplace, PatchOp::kMove, PatchOp::kCopy, PatchOp::kTest}; }
  bool Has(PatchOp op) const { return (bits_ & Bit(op)) != 0; }
  std::vector<std::string> Names() const;  // in AWS's listing order: add, remove, replace, move, copy, test

 private:
  static uint8_t Bit(PatchOp op) { return uint8_t(1u << int(op)); }
  uint8_t bits_ = 0;
};

// One operation matched to a rule.
struct PatchMatch {
  const PatchOperation* operation = nullptr;
  std::string path;                                  // the operation's path
  std::map<std::string, std::string, std::less<>> vars;      // {name} -> token, unescaped
  std::map<std::string, std::string, std::less<>> raw_vars;  // {name} -> token as sent ("~1pets")
  // The capture `name`, unescaped ("" when absent).
  const std::string& Var(std::string_view name) const;
};

using PatchApplyFn = std::function<Status(const PatchMatch& match, JsonValue& document, JsonAlloc& alloc)>;

// Why an operation was refused, for custom error wording.
enum class PatchError {
  kMissingPath,      // no path
  kUnknownPath,      // no rule's pattern matches the path
  kOpNotAllowed,     // a rule matches but does not allow the op
  kBadValue,         // the value does not convert (bool, number) or is missing
  kBadFrom,          // copy/move with a missing or unknown from
};
// allowed: the patterns (kUnknownPath) or ops (kOpNotAllowed) that would have worked.
using PatchErrorFn = std::function<Status(const PatchOperation& op, PatchError error, const std::vector<std::string>& allowed)>;

class PatchRules {
 public:
  enum class ErrorStyle {
    // Resources, models, request validators, API keys, documentation parts:
    // "Invalid patch path  '/x' specified for op 'replace'. Must be one of: [/a, /b]"
    // "Invalid patch path  '/x' specified for op 'add'. Please choose supported operations"
    kPathForOp,
    // REST APIs, methods, gateway responses:
    // "Invalid patch path /x"; "Invalid patch operation specified. Must be one of: [replace]"
    kPlain,
  };
  explicit PatchRules(ErrorStyle style = ErrorStyle::kPathForOp) : style_(style) {}

  // Scalars: replace sets from the string value (absent value: removes the
  // member), remove deletes, copy/move read another rule's scalar.
  PatchRules& String(std::string pattern, std::string target, PatchOps ops = {PatchOp::kReplace});
  PatchRules& Bool(std::string pattern, std::string target, PatchOps ops = {PatchOp::kReplace});    // "true"/"false"
  PatchRules& Int(std::string pattern, std::string target, PatchOps ops = {PatchOp::kReplace});     // "10"
  PatchRules& Double(std::string pattern, std::string target, PatchOps ops = {PatchOp::kReplace});  // "0.5"
  // A list of strings whose item is the pattern's last capture:
  // "add /binaryMediaTypes/image~1png" appends "image/png" once; remove deletes it.
  PatchRules& StringList(std::string pattern, std::string target);
  // A map of strings keyed by the pattern's last capture: add/replace set the
  // value, remove deletes the key.
  PatchRules& StringMap(std::string pattern, std::string target,
                        PatchOps ops = {PatchOp::kAdd, PatchOp::kReplace, PatchOp::kRemove});
  // Anything else: `apply` does the change and returns its own errors.
  PatchRules& Custom(std::string pattern, PatchOps ops, PatchApplyFn apply);
  // Replaces the error wording of ErrorStyle (e.g. stages' "Invalid method setting path").
  PatchRules& OnError(PatchErrorFn on_error);

  // Applies `operations` in order to `document`, stopping at the first error
  // (apply to a copy when a failure must leave the original untouched).
  Status Apply(const std::vector<PatchOperation>& operations, JsonValue& document, JsonAlloc& alloc) const;
  // Reads input["patchOperations"].
  Status Apply(const JsonValue& input, JsonValue& document, JsonAlloc& alloc) const;

 private:
  enum class Kind { kString, kBool, kInt, kDouble, kStringList, kStringMap, kCustom };
  struct Rule {
    std::string pattern;
    std::vector<std::string> tokens;  // pattern tokens; "{x}" captures
    std::string target;
    Kind kind;
    PatchOps ops;
    PatchApplyFn apply;
  };
  PatchRules& Add(std::string pattern, std::string target, Kind kind, PatchOps ops, PatchApplyFn apply = nullptr);
  const Rule* Find(std::string_view path, PatchMatch* match) const;
  Status Error(const PatchOperation& op, PatchError error, const std::vector<std::string>& allowed) const;
  Status ApplyOne(const PatchOperation& op, JsonValue& document, JsonAlloc& alloc) const;
  Status ApplyRule(const Rule& rule, const PatchMatch& match, PatchOp op, const std::optional<std::string>& value,
                   JsonValue& document, JsonAlloc& alloc) const;
  std::vector<std::string> PatternsFor(PatchOp op) const;

  ErrorStyle style_;
  std::vector<Rule> rules_;
  PatchErrorFn on_error_;
};

}  // namespace apigw::cp
