#include "runner/random_streams.h"

namespace runner {

namespace {

uint64_t splitmix64(uint64_t value) {
  value += 0x9e3779b97f4a7c15ULL;
  value = (value ^ (value >> 30)) * 0xbf58476d1ce4e5b9ULL;
  value = (value ^ (value >> 27)) * 0x94d049bb133111ebULL;
  return value ^ (value >> 31);
}

uint64_t fnv1a(std::string_view text) {
  uint64_t hash = 0xcbf29ce484222325ULL;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

}  // namespace

uint64_t derive_seed(uint64_t run_seed, std::string_view purpose) {
  // LibTorch's CPU generator takes the seed as uint64 but some APIs pass it through int64, so keep it
  // within the positive int64 range.
  return splitmix64(splitmix64(run_seed) ^ fnv1a(purpose)) >> 1;
}

}  // namespace runner
