// A safe decoder for the subset of Python pickles that CIFAR-10's Python batches use.
//
// The decoder is a stack machine over the pickle opcodes of protocols 0 to 2 (plus the protocol 3 and 4
// byte, string and frame opcodes) that builds plain C++ values. It never imports or calls anything.
// GLOBAL is accepted only for the names numpy and Python 3 write when pickling a uint8 ndarray or a bytes
// object at protocol 2, and REDUCE/BUILD on those names build a PickleArray or a byte string in C++.
// Every other opcode or global is a runner::DataError naming the source, the opcode and the byte offset.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace runner::data {

// A numpy ndarray reconstructed from its pickled state, with its raw data bytes in C order.
struct PickleArray {
  std::vector<int64_t> shape;
  std::string dtype;          // numpy type string from the pickled dtype, e.g. "u1" for uint8
  std::vector<uint8_t> data;  // raw bytes as pickled, which the caller checks against itemsize * product(shape)
};

struct PickleValue;
using PickleValuePtr = std::shared_ptr<PickleValue>;

// One decoded Python object. Containers hold shared pointers because the pickle memo lets a later opcode
// refer to (and mutate) an object that is already inside another container.
struct PickleValue {
  enum class Kind { kNone, kBool, kInt, kBytes, kText, kList, kTuple, kDict, kArray, kDtype, kGlobal };

  PickleValue() = default;
  PickleValue(const PickleValue&) = delete;
  PickleValue& operator=(const PickleValue&) = delete;
  // Releases nested containers iteratively, so a deeply nested pickle cannot overflow the call stack.
  ~PickleValue();

  Kind kind = Kind::kNone;
  int64_t number = 0;                                              // kBool (0 or 1) and kInt
  std::string text;                                                // kBytes, kText (UTF-8), kDtype, kGlobal
  std::vector<PickleValuePtr> items;                               // kList and kTuple
  std::vector<std::pair<PickleValuePtr, PickleValuePtr>> entries;  // kDict, in insertion order
  PickleArray array;                                               // kArray
};

// Decodes one pickle. `source` names the file in error messages, e.g.
// "cifar-10-python.tar.gz:cifar-10-batches-py/data_batch_1".
PickleValuePtr parse_pickle(const std::vector<uint8_t>& bytes, const std::string& source);

// Returns the value stored under `key` in a kDict, matching str and bytes keys alike, or nullptr.
const PickleValue* find_dict_value(const PickleValue& dict, const std::string& key);

// Returns the Python type name of the value's kind ("int", "bytes", "dict", "numpy.ndarray", ...).
std::string pickle_kind_name(PickleValue::Kind kind);

}  // namespace runner::data
