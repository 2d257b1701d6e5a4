// Authorizer result cache.
#include "data-plane/rest/authorizer/authorizer_cache.h"

#include <vector>

namespace apigw::dp {

std::shared_ptr<const AuthorizerResult> AuthorizerCache::Find(const std::string& key) {
  const int64_t now = clock_.MonotonicMicros();
  std::lock_guard<std::mutex> lock(mu_);
  auto it = entries_.find(key);
  if (it == entries_.end()) return nullptr;
  if (now >= it->second.expires_us) {
    entries_.erase(it);
    return nullptr;
  }
  return it->second.result;
}

void AuthorizerCache::Put(const std::string& key, std::shared_ptr<const AuthorizerResult> result, int ttl_seconds) {
  if (ttl_seconds <= 0 || capacity_ == 0) return;
  const int64_t now = clock_.MonotonicMicros();
  std::shared_ptr<const AuthorizerResult> old;  // released after the lock
  std::lock_guard<std::mutex> lock(mu_);
  auto it = entries_.find(key);
  if (it == entries_.end()) {
    if (entries_.size() >= capacity_) EvictLocked(now);
    it = entries_.emplace(key, Entry{}).first;
  }
  old = std::move(it->second.result);
  it->second.result = std::move(result);
  it->second.expires_us = now + int64_t(ttl_seconds) * 1000000;
}

size_t AuthorizerCache::size() const {
  std::lock_guard<std::mutex> lock(mu_);
  return entries_.size();
}

void AuthorizerCache::EraseWithPrefix(const std::string& prefix) {
  std::vector<std::shared_ptr<const AuthorizerResult>> dropped;  // released after the lock
  std::lock_guard<std::mutex> lock(mu_);
  for (auto it = entries_.begin(); it != entries_.end();) {
    if (it->first.compare(0, prefix.size(), prefix) == 0) {
      dropped.push_back(std::move(it->second.result));
      it = entries_.erase(it);
    } else {
      ++it;
    }
  }
}

void AuthorizerCache::EvictLocked(int64_t now_us) {
  for (auto it = entries_.begin(); it != entries_.end();) {
    it = now_us >= it->second.expires_us ? entries_.erase(it) : std::next(it);
  }
  while (entries_.size() >= capacity_) entries_.erase(entries_.begin());
}

}  // namespace apigw::dp
