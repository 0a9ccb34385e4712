// A word tokenizer that follows the Penn Treebank conventions of NLTK's word_tokenize on ordinary
// English. docs/text.md lists the rules with examples.
//
// In short, punctuation . , ; : ? ! ( ) [ ] { } < > -- and $ % & # @ become tokens of their own.
// Commas and periods inside numbers stay (1,000 and 3.14), and a run of periods is one token ("...").
// Contractions split as in the Treebank (don't -> do n't, can't -> ca n't, I'm -> I 'm,
// John's -> John 's, cannot -> can not, gonna -> gon na). Opening double quotes become `` and closing
// ones ''. Curly quotes and apostrophes (U+2018, U+2019, U+201C, U+201D) are read as their ASCII forms,
// and U+2026 as "...".
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace runner::text {

// The tokens of one sentence: only a period at its very end (before closing quotes and brackets) is
// split from its word, as the Treebank tokenizer does.
std::vector<std::string> tokenize_sentence(std::string_view sentence);

// The tokens of a text of any length, read line by line. Within a line, a word that ends in a period
// followed by whitespace ends a sentence, so its period becomes a token ("Mr. Smith" -> Mr . Smith),
// as with NLTK's sentence splitter before the word tokenizer.
std::vector<std::string> tokenize(std::string_view text);

// Appends the tokens of `text` (as tokenize does) to `tokens`, for long corpora.
void tokenize_into(std::string_view text, std::vector<std::string>& tokens);

}  // namespace runner::text
