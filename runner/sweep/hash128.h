// A 128-bit content hash that identifies a sweep definition or one point's resolved config.
//
// It is not cryptographic: it only has to tell configs apart and stay the same on every platform and
// in every release, because stored trials are matched to points by it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace runner::sweep {

// 64-bit FNV-1a over the bytes of `text`, starting from `offset_basis`.
uint64_t fnv1a_64(std::string_view text, uint64_t offset_basis);

// The SplitMix64 output function for state `value` (the state advanced by the golden-ratio step,
// then mixed). Spreads every input bit over the whole word.
uint64_t splitmix64(uint64_t value);

// 32 lowercase hex digits: two FNV-1a hashes of `text` with different offset bases, each mixed
// with the length through SplitMix64.
std::string hash128_hex(std::string_view text);

}  // namespace runner::sweep
