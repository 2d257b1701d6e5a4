// AuthorizerCache: Lambda authorizer results kept for the authorizer's
// authorizerResultTtlInSeconds, keyed by the identity source values (the
// token, or every REQUEST identity source). A cached result's policy is
// evaluated again for each method ARN, as API Gateway does (AWS Knowledge
// Center: a policy cached for one path denies another it does not cover).
//
// Threads: any; one mutex guards the map, held only to copy or swap a pointer.
#pragma once

#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "base/clock.h"
#include "data-plane/rest/authorizer/authorizer_result.h"

namespace apigw::dp {

class AuthorizerCache {
 public:
  // At most `capacity` entries; past that, expired entries go first, then
  // arbitrary ones (a bound against a client sending endless tokens).
  explicit AuthorizerCache(const Clock& clock, size_t capacity = 10000) : clock_(clock), capacity_(capacity) {}

  // The unexpired result stored under `key`, or nullptr.
  std::shared_ptr<const AuthorizerResult> Find(const std::string& key);
  // Stores `result` for `ttl_seconds` (nothing when ttl_seconds <= 0).
  void Put(const std::string& key, std::shared_ptr<const AuthorizerResult> result, int ttl_seconds);
  size_t size() const;
  // Every key of a stage's results begins with this (stages/authorize.cc).
  static std::string StagePrefix(const std::string& api_id, const std::string& stage_name) {
    return api_id + '\n' + stage_name + '\n';
  }
  // Drops every entry whose key starts with `prefix`.
  void EraseWithPrefix(const std::string& prefix);

 private:
  struct Entry {
    std::shared_ptr<const AuthorizerResult> result;
    int64_t expires_us = 0;  // clock_.MonotonicMicros() deadline
  };
  void EvictLocked(int64_t now_us);

  const Clock& clock_;
  const size_t capacity_;
  mutable std::mutex mu_;  // guards entries_
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace apigw::dp
