// The SQL of the Store's statements on the records table, in one place so
// that tests can check each one's query plan.
#pragma once

#include <string_view>

namespace apigw::state {

// An upsert, not INSERT OR REPLACE: REPLACE deletes the old row and inserts a
// new one with a new rowid, which would move a replaced record to the end.
inline constexpr std::string_view kPutSql =
    "INSERT INTO records(kind, scope, id, doc) VALUES (?1, ?2, ?3, ?4) "
    "ON CONFLICT (kind, scope, id) DO UPDATE SET doc = excluded.doc";
inline constexpr std::string_view kDeleteSql = "DELETE FROM records WHERE kind = ?1 AND scope = ?2 AND id = ?3";
// Scope `s` or below it: every string starting with "s/" sorts in ["s/", "s0")
// because '0' follows '/' in bytes. A range, unlike LIKE, has no wildcards to
// escape and uses records_by_scope; "ab" does not reach "abc" or "ab-1".
inline constexpr std::string_view kDeleteTreeSql =
    "DELETE FROM records WHERE scope = ?1 OR (scope >= ?2 AND scope < ?3)";
inline constexpr std::string_view kGetSql = "SELECT doc FROM records WHERE kind = ?1 AND scope = ?2 AND id = ?3";
inline constexpr std::string_view kListSql =
    "SELECT id, doc FROM records WHERE kind = ?1 AND scope = ?2 ORDER BY seq";
inline constexpr std::string_view kListKindSql = "SELECT scope, id, doc FROM records WHERE kind = ?1 ORDER BY seq";

}  // namespace apigw::state
