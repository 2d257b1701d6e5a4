// Where the lambda service keeps its resources in the state store, how a
// request's FunctionName/Qualifier is resolved against them, and the errors
// Lambda answers when something does not resolve.
//
//   kind             scope              id              document
//   lambda-function  <region>           <name>          {"Configuration": FunctionConfiguration of $LATEST,
//                                                        "Tags": {..}, "Policy": policy and "PolicyRevisionId" (when any),
//                                                        "HotReloadDir": "/abs" (hot-reloaded code),
//                                                        "LastVersion": n, "PublishedFingerprint":
//                                                        ConfigurationFingerprint of $LATEST when n was
//                                                        published (older records: "PublishedRevision"),
//                                                        "ReservedConcurrentExecutions": n (when set)}
//   lambda-version   <region>/<name>    "1", "2", ...   {"Configuration": ..., "Policy", "PolicyRevisionId", "HotReloadDir"}
//   lambda-alias     <region>/<name>    <alias>         AliasConfiguration (+ "Policy", "PolicyRevisionId")
//   lambda-code      <region>/<name>    <sha256 hex>    the deployment package (zip bytes)
//
// Deleting a function deletes its record and every record of scope <region>/<name>.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/json.h"
#include "base/status_or.h"
#include "control-plane/protocol/operation.h"
#include "state/store.h"

namespace apigw::cp::lambda {

namespace kind {
inline constexpr std::string_view kFunction = "lambda-function";
inline constexpr std::string_view kVersion = "lambda-version";
inline constexpr std::string_view kAlias = "lambda-alias";
inline constexpr std::string_view kCode = "lambda-code";
}  // namespace kind

std::string FunctionScope(std::string_view region, std::string_view name);

// Lambda's errors.
Status InvalidParameter(std::string message);      // 400 InvalidParameterValueException
Status ResourceConflict(std::string message);      // 409 ResourceConflictException
Status PreconditionFailed(std::string message);    // 412 PreconditionFailedException
Status ResourceNotFound(std::string message);      // 404 ResourceNotFoundException
// 404 "Function not found: arn:aws:lambda:<region>:<account>:function:<name>[:<qualifier>]"
Status FunctionNotFound(const CallContext& ctx, std::string_view name, std::string_view qualifier = "");
// 412 with the message naming GetFunction/GetAlias.
Status RevisionMismatch();

// What a request's FunctionName (and Qualifier) names, in the caller's region.
struct Target {
  std::string name;
  std::string qualifier;  // "" when none was given
};
// Fails with "Functions from '<r>' are not reachable in this region ('<ctx>')"
// when an ARN names another region, and with AWS's mismatch error when the
// name's qualifier and the Qualifier parameter differ.
StatusOr<Target> ResolveTarget(const CallContext& ctx, const JsonValue& input);

// A qualifier that could name an alias: [a-zA-Z0-9-_]+ (versions are digits only).
bool CanBeAliasName(std::string_view qualifier);

StatusOr<std::optional<JsonDoc>> FindDoc(state::Store& store, std::string_view kind, std::string_view scope,
                                         std::string_view id);
// The function's record, or FunctionNotFound (unqualified).
StatusOr<JsonDoc> LoadFunction(state::Store& store, const CallContext& ctx, std::string_view name);
// Every record of `kind` in `scope`, parsed, in creation order.
StatusOr<std::vector<JsonDoc>> LoadAll(state::Store& store, std::string_view kind, std::string_view scope);
// The published versions of a function, by ascending number.
StatusOr<std::vector<JsonDoc>> LoadVersions(state::Store& store, std::string_view region, std::string_view name);

// The FunctionConfiguration a qualifier names ("" and "$LATEST": the function's;
// a number: that version; else an alias's version, with FunctionArn naming the
// alias), as a copy; FunctionNotFound naming the qualifier when it does not resolve.
StatusOr<JsonDoc> ConfigurationFor(state::Store& store, const CallContext& ctx, const Target& target);

void PutDoc(state::WriteBatch& batch, std::string_view kind, std::string_view scope, std::string_view id,
            const JsonValue& doc);
JsonDoc CopyDoc(const JsonValue& value);

}  // namespace apigw::cp::lambda
