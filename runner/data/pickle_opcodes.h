// Byte values of the Python pickle opcodes and their names as Python's pickletools module spells them (checked
// against Python 3.11).
#pragma once

#include <cstdint>

namespace runner::data::pickle_opcode {

// Protocol 0 and 1.
constexpr uint8_t kMark = '(';
constexpr uint8_t kStop = '.';
constexpr uint8_t kBinInt = 'J';   // signed 4-byte little-endian integer
constexpr uint8_t kBinInt1 = 'K';  // unsigned 1-byte integer
constexpr uint8_t kBinInt2 = 'M';  // unsigned 2-byte little-endian integer
constexpr uint8_t kNone = 'N';
constexpr uint8_t kReduce = 'R';
constexpr uint8_t kBinString = 'T';       // Python 2 str with a signed 4-byte length
constexpr uint8_t kShortBinString = 'U';  // Python 2 str with a 1-byte length
constexpr uint8_t kBinUnicode = 'X';      // UTF-8 text with a 4-byte length
constexpr uint8_t kAppend = 'a';
constexpr uint8_t kBuild = 'b';
constexpr uint8_t kGlobal = 'c';  // "module\nname\n"
constexpr uint8_t kEmptyDict = '}';
constexpr uint8_t kAppends = 'e';
constexpr uint8_t kBinGet = 'h';
constexpr uint8_t kLongBinGet = 'j';
constexpr uint8_t kEmptyList = ']';
constexpr uint8_t kBinPut = 'q';
constexpr uint8_t kLongBinPut = 'r';
constexpr uint8_t kSetItem = 's';
constexpr uint8_t kTuple = 't';
constexpr uint8_t kEmptyTuple = ')';
constexpr uint8_t kSetItems = 'u';

// Protocol 2.
constexpr uint8_t kProto = 0x80;
constexpr uint8_t kTuple1 = 0x85;
constexpr uint8_t kTuple2 = 0x86;
constexpr uint8_t kTuple3 = 0x87;
constexpr uint8_t kNewTrue = 0x88;
constexpr uint8_t kNewFalse = 0x89;
constexpr uint8_t kLong1 = 0x8a;  // little-endian two's complement integer with a 1-byte length

// Protocol 3 and 4.
constexpr uint8_t kBinBytes = 'B';
constexpr uint8_t kShortBinBytes = 'C';
constexpr uint8_t kShortBinUnicode = 0x8c;
constexpr uint8_t kFrame = 0x95;

// Returns the pickletools name of any opcode of protocols 0 to 5, e.g. "STACK_GLOBAL" for 0x93, or
// "unknown" for a byte that is no opcode.
const char* opcode_name(uint8_t opcode);

}  // namespace runner::data::pickle_opcode
