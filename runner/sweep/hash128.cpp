#include "runner/sweep/hash128.h"

#include <fmt/format.h>

namespace runner::sweep {

namespace {

constexpr uint64_t kFnvPrime = 0x100000001b3ULL;
constexpr uint64_t kFnvOffsetBasis = 0xcbf29ce484222325ULL;
// The second half starts from a different basis so that the two halves are independent hashes.
constexpr uint64_t kSecondOffsetBasis = kFnvOffsetBasis ^ 0x5851f42d4c957f2dULL;

}  // namespace

uint64_t fnv1a_64(std::string_view text, uint64_t offset_basis) {
  uint64_t hash = offset_basis;
  for (unsigned char byte : text) {
    hash ^= byte;
    hash *= kFnvPrime;
  }
  return hash;
}

uint64_t splitmix64(uint64_t value) {
  value += 0x9e3779b97f4a7c15ULL;
  value = (value ^ (value >> 30)) * 0xbf58476d1ce4e5b9ULL;
  value = (value ^ (value >> 27)) * 0x94d049bb133111ebULL;
  return value ^ (value >> 31);
}

std::string hash128_hex(std::string_view text) {
  const uint64_t length = text.size();
  const uint64_t high = splitmix64(fnv1a_64(text, kFnvOffsetBasis) ^ length);
  const uint64_t low = splitmix64(fnv1a_64(text, kSecondOffsetBasis) ^ splitmix64(length));
  return fmt::format("{:016x}{:016x}", high, low);
}

}  // namespace runner::sweep
