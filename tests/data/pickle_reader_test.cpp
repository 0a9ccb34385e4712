// The safe pickle decoder on hand-assembled opcode sequences.
#include "runner/data/pickle_reader.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include "runner/errors.h"

namespace runner::data {
namespace {

using Kind = PickleValue::Kind;
using namespace std::string_literals;  // "..."s keeps embedded NUL bytes

std::vector<uint8_t> to_bytes(const std::string& text) { return std::vector<uint8_t>(text.begin(), text.end()); }

std::string data_error_message(const std::vector<uint8_t>& bytes) {
  try {
    parse_pickle(bytes, "batch.pkl");
  } catch (const DataError& error) {
    return error.what();
  }
  ADD_FAILURE() << "expected a runner::DataError";
  return "";
}

::testing::AssertionResult contains(const std::string& message, const std::string& part) {
  if (message.find(part) != std::string::npos) {
    return ::testing::AssertionSuccess();
  }
  return ::testing::AssertionFailure() << "'" << part << "' not found in: " << message;
}

TEST(PickleReader, DisallowedGlobalRejected) {
  // pickle.dumps of a __reduce__ that returns (os.system, ("touch <marker>",)), written at protocol 2.
  const std::filesystem::path marker =
      std::filesystem::temp_directory_path() / ("runner_pickle_marker_" + std::to_string(getpid()));
  std::filesystem::remove(marker);
  const std::string command = "touch " + marker.string();
  std::string pickle = "\x80\x02"s + "cos\nsystem\nq\x00"s + "X";
  const auto length = static_cast<uint32_t>(command.size());
  pickle += std::string{static_cast<char>(length & 0xff), static_cast<char>((length >> 8) & 0xff), '\0', '\0'};
  pickle += command + "\x85R.";

  const std::string message = data_error_message(to_bytes(pickle));
  EXPECT_TRUE(contains(message, "batch.pkl: invalid pickle at byte offset 2, opcode 0x63 (GLOBAL)"));
  EXPECT_TRUE(contains(message, "global 'os.system' is not allowed"));
  EXPECT_FALSE(std::filesystem::exists(marker));
}

TEST(PickleReader, OtherGlobalsRejected) {
  for (const std::string global : {"posix\nsystem\n", "__builtin__\neval\n", "builtins\nexec\n", "numpy\nload\n",
                                   "numpy.core.multiarray\nscalar\n"}) {
    const std::string message =
        data_error_message(to_bytes("\x80\x02"
                                    "c" +
                                    global + "."));
    EXPECT_TRUE(contains(message, "is not allowed")) << global;
  }
}

TEST(PickleReader, UnknownOpcodeOffset) {
  // EMPTY_LIST, BINPUT 0, then STACK_GLOBAL (protocol 4), which the decoder does not support.
  const std::string stack_global = data_error_message(to_bytes("\x80\x02]q\x00\x93."s));
  EXPECT_TRUE(contains(stack_global, "batch.pkl: invalid pickle at byte offset 5, opcode 0x93 (STACK_GLOBAL)"));
  EXPECT_TRUE(contains(stack_global, "unsupported opcode"));

  const std::string not_an_opcode = data_error_message(to_bytes("\x80\x02\xff."));
  EXPECT_TRUE(contains(not_an_opcode, "byte offset 2, opcode 0xff (unknown)"));
}

TEST(PickleReader, DictOfScalars) {
  // {b"a": 255, b"b": 65535, b"c": -1, b"d": None, b"e": True}, as Python 2 writes it.
  const std::string pickle = "\x80\x02}q\x01("s +
                             "U\x01"
                             "aK\xff" +
                             "U\x01"
                             "bM\xff\xff" +
                             "U\x01"
                             "cJ\xff\xff\xff\xff" +
                             "U\x01"
                             "dN" +
                             "U\x01"
                             "e\x88" +
                             "u.";
  const PickleValuePtr root = parse_pickle(to_bytes(pickle), "scalars.pkl");

  ASSERT_EQ(root->kind, Kind::kDict);
  ASSERT_EQ(root->entries.size(), 5u);
  EXPECT_EQ(find_dict_value(*root, "a")->number, 255);
  EXPECT_EQ(find_dict_value(*root, "b")->number, 65535);
  EXPECT_EQ(find_dict_value(*root, "c")->number, -1);
  EXPECT_EQ(find_dict_value(*root, "d")->kind, Kind::kNone);
  EXPECT_EQ(find_dict_value(*root, "e")->kind, Kind::kBool);
  EXPECT_EQ(find_dict_value(*root, "e")->number, 1);
  EXPECT_EQ(find_dict_value(*root, "f"), nullptr);
}

TEST(PickleReader, Long1Integers) {
  // (0, -1, 2**63 - 1, -2**63, 128) as LONG1 with 0, 1, 8, 8 and 2 bytes.
  const std::string pickle = "\x80\x02("s + "\x8a\x00"s + "\x8a\x01\xff"s +
                             "\x8a\x08\xff\xff\xff\xff\xff\xff\xff\x7f"s + "\x8a\x08\x00\x00\x00\x00\x00\x00\x00\x80"s +
                             "\x8a\x02\x80\x00"s + "t.";
  const PickleValuePtr root = parse_pickle(to_bytes(pickle), "long.pkl");

  ASSERT_EQ(root->kind, Kind::kTuple);
  ASSERT_EQ(root->items.size(), 5u);
  EXPECT_EQ(root->items[0]->number, 0);
  EXPECT_EQ(root->items[1]->number, -1);
  EXPECT_EQ(root->items[2]->number, INT64_MAX);
  EXPECT_EQ(root->items[3]->number, INT64_MIN);
  EXPECT_EQ(root->items[4]->number, 128);
}

TEST(PickleReader, MemoSharesList) {
  // l = [1]; (l, l), with the second element fetched from the memo after the APPEND.
  const std::string pickle = "\x80\x02]q\x00"s +
                             "K\x01"
                             "a" +
                             "h\x00"s + "\x86.";
  const PickleValuePtr root = parse_pickle(to_bytes(pickle), "memo.pkl");

  ASSERT_EQ(root->kind, Kind::kTuple);
  ASSERT_EQ(root->items.size(), 2u);
  EXPECT_EQ(root->items[0].get(), root->items[1].get());
  ASSERT_EQ(root->items[0]->items.size(), 1u);
  EXPECT_EQ(root->items[0]->items[0]->number, 1);
}

TEST(PickleReader, CodecsEncodeLatin1) {
  // Python 3 writes b"\x00\xe9\xff" at protocol 2 as _codecs.encode("\x00\xe9\xff", "latin1").
  const std::string pickle =
      "\x80\x02"
      "c_codecs\nencode\nq\x00"s +
      "X\x05\x00\x00\x00\x00\xc3\xa9\xc3\xbf"s +
      "X\x06\x00\x00\x00"
      "latin1"s +
      "\x86R.";
  const PickleValuePtr root = parse_pickle(to_bytes(pickle), "bytes.pkl");

  ASSERT_EQ(root->kind, Kind::kBytes);
  EXPECT_EQ(root->text, std::string("\x00\xe9\xff", 3));
}

TEST(PickleReader, CodecsEncodeRejectsWideText) {
  // U+0100 has no latin1 byte, so Python itself would fail to encode it.
  const std::string pickle =
      "\x80\x02"
      "c_codecs\nencode\n" +
      "X\x02\x00\x00\x00\xc4\x80"s +
      "X\x06\x00\x00\x00"
      "latin1"s +
      "\x86R.";
  EXPECT_TRUE(contains(data_error_message(to_bytes(pickle)), "is not latin1"));
}

TEST(PickleReader, MissingStop) {
  const std::string message = data_error_message(to_bytes("\x80\x02}"));
  EXPECT_TRUE(contains(message, "batch.pkl: truncated pickle: the data ends at byte offset 3 without a STOP opcode"));
}

TEST(PickleReader, StringPastEnd) {
  const std::string message =
      data_error_message(to_bytes("\x80\x02T\x64\x00\x00\x00"
                                  "abc"s));
  EXPECT_TRUE(contains(message, "byte offset 2, opcode 0x54 (BINSTRING)"));
  EXPECT_TRUE(contains(message, "string of 100 bytes, but 3 bytes remain"));
}

TEST(PickleReader, ReduceOnDataRejected) {
  // A REDUCE whose callable is a plain string, not an allowed global.
  const std::string message =
      data_error_message(to_bytes(")U\x01"
                                  "a)R."));
  EXPECT_TRUE(contains(message, "byte offset 5, opcode 0x52 (REDUCE)"));
  EXPECT_TRUE(contains(message, "REDUCE callable must be global, found bytes"));
}

TEST(PickleReader, DeepNestingReleased) {
  // One million lists, each appended into the one before: destroying the result must not recurse once per level.
  constexpr size_t kDepth = 1000000;
  std::vector<uint8_t> pickle = {0x80, 0x02};
  pickle.insert(pickle.end(), kDepth, ']');
  pickle.insert(pickle.end(), kDepth - 1, 'a');
  pickle.push_back('.');

  PickleValuePtr root = parse_pickle(pickle, "deep.pkl");
  size_t depth = 1;
  for (const PickleValue* level = root.get(); !level->items.empty(); level = level->items[0].get()) {
    ++depth;
  }
  EXPECT_EQ(depth, kDepth);
  root.reset();
}

}  // namespace
}  // namespace runner::data
