// Closest-name suggestions for unknown keys, layers, optimizers and datasets.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace runner {

// Levenshtein distance between two ASCII strings (case-sensitive).
size_t edit_distance(const std::string& a, const std::string& b);

// The candidate nearest to `word`, if it is close enough to be a plausible typo
// (distance at most max(2, length / 3)).
std::optional<std::string> closest_match(const std::string& word, const std::vector<std::string>& candidates);

// "a, b, c" in the given order.
std::string join_names(const std::vector<std::string>& names);

// "did you mean 'lr'? valid names: lr, momentum" or just "valid names: ..." when nothing is close.
std::string suggest_names(const std::string& word, const std::vector<std::string>& candidates);

}  // namespace runner
