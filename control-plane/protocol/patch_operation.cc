// Patch operations: reading and JSON-pointer escapes (RFC 6901).
#include "control-plane/protocol/patch_operation.h"

#include "base/text.h"

namespace apigw::cp {

std::optional<PatchOp> ParsePatchOp(std::string_view name) {
  if (name == "add") return PatchOp::kAdd;
  if (name == "remove") return PatchOp::kRemove;
  if (name == "replace") return PatchOp::kReplace;
  if (name == "move") return PatchOp::kMove;
  if (name == "copy") return PatchOp::kCopy;
  if (name == "test") return PatchOp::kTest;
  return std::nullopt;
}

const char* PatchOpName(PatchOp op) {
  switch (op) {
    case PatchOp::kAdd: return "add";
    case PatchOp::kRemove: return "remove";
    case PatchOp::kReplace: return "replace";
    case PatchOp::kMove: return "move";
    case PatchOp::kCopy: return "copy";
    case PatchOp::kTest: return "test";
  }
  return "?";
}

std::vector<PatchOperation> ReadPatchOperations(const JsonValue& input) {
  std::vector<PatchOperation> out;
  const JsonValue* list = Member(input, "patchOperations");
  if (!list || !list->IsArray()) return out;
  for (const JsonValue& e : list->GetArray()) {
    std::optional<PatchOp> op = ParsePatchOp(GetString(e, "op").value_or(""));
    if (!op) continue;
    PatchOperation p;
    p.op = *op;
    p.path = GetString(e, "path");
    p.value = GetString(e, "value");
    p.from = GetString(e, "from");
    out.push_back(std::move(p));
  }
  return out;
}

std::string UnescapePointerToken(std::string_view token) {
  std::string out;
  out.reserve(token.size());
  for (size_t i = 0; i < token.size(); ++i) {
    if (token[i] == '~' && i + 1 < token.size() && (token[i + 1] == '0' || token[i + 1] == '1')) {
      out.push_back(token[i + 1] == '1' ? '/' : '~');
      ++i;
    } else {
      out.push_back(token[i]);
    }
  }
  return out;
}

std::string EscapePointerToken(std::string_view token) {
  std::string out(token);
  ReplaceAll(out, "~", "~0");
  ReplaceAll(out, "/", "~1");
  return out;
}

std::vector<std::string> SplitPatchPathRaw(std::string_view path) {
  if (path.empty()) return {};
  if (path.front() == '/') path.remove_prefix(1);
  return Split(path, '/');
}

std::vector<std::string> SplitPatchPath(std::string_view path) {
  std::vector<std::string> tokens = SplitPatchPathRaw(path);
  for (std::string& t : tokens) t = UnescapePointerToken(t);
  return tokens;
}

}  // namespace apigw::cp
