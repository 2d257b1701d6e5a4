// API Gateway's generic update input, "patchOperations": [{op, path, value,
// from}], read into structs; and the JSON-pointer escapes its paths use
// ("~1" for '/', "~0" for '~': "/~1pets/GET/throttling/rateLimit").
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/json.h"

namespace apigw::cp {

enum class PatchOp { kAdd, kRemove, kReplace, kMove, kCopy, kTest };

std::optional<PatchOp> ParsePatchOp(std::string_view name);
const char* PatchOpName(PatchOp op);

struct PatchOperation {
  PatchOp op = PatchOp::kReplace;
  std::optional<std::string> path;   // absent when the client sent none
  std::optional<std::string> value;
  std::optional<std::string> from;
};

// Reads input["patchOperations"] (absent: none). The op enum was already
// checked by model validation; entries with an unknown op are skipped.
std::vector<PatchOperation> ReadPatchOperations(const JsonValue& input);

// "/a~1b/c" -> {"a/b", "c"}; "/" -> {""}; "" -> {}.
std::vector<std::string> SplitPatchPath(std::string_view path);
// The path's '/'-separated tokens as sent, still escaped.
std::vector<std::string> SplitPatchPathRaw(std::string_view path);
std::string UnescapePointerToken(std::string_view token);
std::string EscapePointerToken(std::string_view token);

}  // namespace apigw::cp
