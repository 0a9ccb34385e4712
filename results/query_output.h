// The output formats of `runner query`: an aligned table, RFC 4180 CSV and a JSON array of objects.
#pragma once

#include <optional>
#include <string>

#include "results/read_only_query.h"

namespace runner::results {

enum class QueryFormat { kTable, kCsv, kJson };

// Returns the format for "table", "csv" or "json", or nullopt for any other name.
std::optional<QueryFormat> parse_query_format(const std::string& name);

// Returns the whole output for `result` in `format`, ending with a newline.
//
// All formats write a REAL with the fewest digits that read back as the same double, and with ".0"
// when it has no fraction, so 0.1 prints as 0.1 and 3.0 as 3.0. Text is written as stored, so the
// non-finite metric values 'NaN', 'Infinity' and '-Infinity' appear as those words. A blob is
// written as an SQL hex literal, X'0A1B'.
// - table: a header, a rule, one line per row with numbers aligned right, then "(N rows)". NULL is
//   written as NULL, and line breaks inside a value as \n so each row stays on one line.
// - csv: RFC 4180: a header line, CRLF line ends, and fields that contain a comma, a double quote,
//   CR or LF in double quotes with inner quotes doubled. NULL is an empty field.
// - json: an array with one object per row, keyed by column name in column order. Integers and
//   reals are JSON numbers, text is a JSON string and NULL is null.
std::string format_query_result(const QueryResult& result, QueryFormat format);

}  // namespace runner::results
