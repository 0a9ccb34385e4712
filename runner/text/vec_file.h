// The plain-text word vector format of word2vec and fastText (.vec):
//
//   2 3                  <- optional header: number of words, dimension
//   king 0.5 -1.25 3
//   queen 0.5 1.25 3
//
// Fields are separated by spaces or tabs; trailing whitespace is ignored.
#pragma once

#include <filesystem>

#include "runner/text/word_vectors.h"

namespace runner::text {

// Reads a .vec file. The first line is a header when it has exactly two fields and both are
// non-negative integers. Otherwise it is the first vector, and its number of values is the dimension.
// Throws DataError naming the file and 1-based line for a wrong number of values, a value that is not
// a finite number, a duplicate word (with the line of its first use), a word count that differs from
// the header's, and an empty file.
WordVectors read_vec_file(const std::filesystem::path& file);

// Writes the header and one line per word. Each value is printed in the shortest form that reads back
// as the same float (never more than max_digits10 = 9 significant digits), so a round trip is
// bit-exact. Throws std::invalid_argument for a word that is empty or contains whitespace, and
// DataError when the file cannot be written.
void write_vec_file(const std::filesystem::path& file, const WordVectors& vectors);

}  // namespace runner::text
