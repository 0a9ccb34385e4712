// Text encoding of the metric values that SQLite cannot store as REAL in metrics.value.
//
// SQLite stores a bound NaN as NULL, so the store writes NaN and the infinities as the TEXT 'NaN',
// 'Infinity' and '-Infinity' (the spellings of JavaScript and of Python's json module), and reads
// them back as doubles.
#pragma once

#include <optional>
#include <string>

namespace runner::results {

// Returns "NaN", "Infinity" or "-Infinity". The value must not be finite.
std::string encode_non_finite(double value);

// Returns the double for a text that encode_non_finite writes, or nullopt for any other text.
std::optional<double> decode_non_finite(const std::string& text);

}  // namespace runner::results
