// IdSource: random identifiers (API ids, request ids) behind an interface so
// tests can pin them. Thread-safe.
#pragma once

#include <cstdint>
#include <mutex>
#include <random>
#include <string>

namespace apigw {

class IdSource {
 public:
  virtual ~IdSource() = default;
  // `length` characters of [a-z0-9], as API Gateway ids look ("a1b2c3d4e5").
  virtual std::string LowerAlnum(size_t length) = 0;
  // `length` characters of [A-Za-z0-9].
  virtual std::string MixedAlnum(size_t length) = 0;
  // A random (version 4) UUID in its canonical lowercase form.
  virtual std::string Uuid() = 0;
};

class RandomIdSource final : public IdSource {
 public:
  RandomIdSource();
  explicit RandomIdSource(uint64_t seed) : rng_(seed) {}
  std::string LowerAlnum(size_t length) override;
  std::string MixedAlnum(size_t length) override;
  std::string Uuid() override;

 private:
  uint64_t Next();
  std::mutex mu_;
  std::mt19937_64 rng_;  // guarded by mu_
};

}  // namespace apigw
