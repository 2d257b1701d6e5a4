// Store: every resource the control plane creates, kept in SQLite as documents
// keyed by (kind, scope, id). A write returns only after its transaction has
// committed, so an acknowledged write survives kill -9. Thread-safe.
//
//   kind   what the record is: "restapi", "resource", "deployment", "stage", ...
//   scope  what it belongs to: a region for top-level records ("us-east-1"),
//          else its parent's id ("a1b2c3d4e5"), or a path of ids for deeper
//          nesting ("a1b2c3d4e5/abc123")
//   id     unique within (kind, scope)
//   doc    the record's bytes (JSON for resources; raw bytes for code blobs)
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/log.h"
#include "base/status_or.h"

namespace apigw::state {

struct Record {
  std::string kind;
  std::string scope;
  std::string id;
  std::string doc;
};

// Writes applied together in one transaction, in the order added.
class WriteBatch {
 public:
  enum class OpType { kPut, kDelete, kDeleteScopeTree };
  struct Op {
    OpType type;
    std::string kind, scope, id, doc;
  };

  // Inserts or replaces; a replaced record keeps its place in List() order.
  void Put(std::string_view kind, std::string_view scope, std::string_view id, std::string doc);
  void Delete(std::string_view kind, std::string_view scope, std::string_view id);
  // Deletes every record, of any kind, whose scope is `scope` or starts with `scope` + "/".
  void DeleteScopeTree(std::string_view scope);

  const std::vector<Op>& ops() const { return ops_; }
  bool empty() const { return ops_.empty(); }

 private:
  std::vector<Op> ops_;
};

struct StoreOptions {
  // The SQLite file; its folder is created when missing. Ignored when in_memory.
  std::string path = ".apigw-emulator/state.db";
  bool in_memory = false;
};

class Store {
 public:
  // Opens (creating or migrating) the state. Fails with a clear message when
  // another emulator holds the same file, or when the file is newer than this
  // program's schema.
  static StatusOr<std::unique_ptr<Store>> Open(const StoreOptions& options, Logger& log);
  virtual ~Store() = default;

  virtual StatusOr<std::optional<std::string>> Get(std::string_view kind, std::string_view scope,
                                                   std::string_view id) = 0;
  // Every record of `kind` in `scope`, in creation order.
  virtual StatusOr<std::vector<Record>> List(std::string_view kind, std::string_view scope) = 0;
  // Every record of `kind` in any scope, in creation order.
  virtual StatusOr<std::vector<Record>> ListKind(std::string_view kind) = 0;
  // Applies the batch atomically; OK means committed.
  virtual Status Apply(const WriteBatch& batch) = 0;

  // Convenience single-record writes.
  Status Put(std::string_view kind, std::string_view scope, std::string_view id, std::string doc);
  Status Delete(std::string_view kind, std::string_view scope, std::string_view id);

  virtual int schema_version() const = 0;
};

}  // namespace apigw::state
