// Turning generated tokens back into readable text.
#pragma once

#include <string>
#include <vector>

namespace runner::text {

// Joins tokens with spaces, undoing the tokenizer where it can:
// - . , ; : ? ! ... % ) ] } and closing quotes attach to the word before; ( [ { $ # and opening quotes
//   to the word after; `` and '' become a double quote on the right side of the quoted words.
// - contractions rejoin: do n't -> don't, ca n't -> can't, I 'm -> I'm, John 's -> John's,
//   can not -> cannot, gon na -> gonna.
// - the first word and the first word after . ! or ? start with a capital letter, and a lone "i" is "I".
std::string detokenize(const std::vector<std::string>& tokens);

}  // namespace runner::text
