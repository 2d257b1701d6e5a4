// LoopShard membership: an index kept in each member makes removal O(1).
#include "net/server_core.h"

#include <chrono>

namespace apigw::net {

void LoopShard::Add(std::shared_ptr<ShardMember> member) {
  member->shard_slot_ = members.size();
  members.push_back(std::move(member));
}

void LoopShard::Remove(ShardMember* member) {
  size_t slot = member->shard_slot_;
  if (slot >= members.size() || members[slot].get() != member) return;
  member->shard_slot_ = SIZE_MAX;
  if (slot != members.size() - 1) {
    members[slot] = std::move(members.back());
    members[slot]->shard_slot_ = slot;
  }
  members.pop_back();  // may destroy `member`: callers hold their own reference
}

int64_t MonotonicMicros() {
  using namespace std::chrono;
  return duration_cast<microseconds>(steady_clock::now().time_since_epoch()).count();
}

int64_t MonotonicMillis() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

}  // namespace apigw::net
