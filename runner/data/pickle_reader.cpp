#include "runner/data/pickle_reader.h"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>
#include <unordered_map>

#include "runner/data/pickle_opcodes.h"
#include "runner/errors.h"

namespace runner::data {
namespace {

namespace op = pickle_opcode;
using Kind = PickleValue::Kind;

// The (module, name) pairs a numpy uint8 array pickled at protocol 2 refers to. Python 3 adds
// _codecs.encode because protocol 2 has no bytes opcode, so it writes bytes as encode(text, "latin1").
constexpr const char* kAllowedGlobals[] = {"numpy.core.multiarray _reconstruct", "numpy ndarray", "numpy dtype",
                                           "_codecs encode"};
constexpr size_t kMaxGlobalLineBytes = 256;
constexpr int kHighestProtocol = 5;

PickleValuePtr make_value(Kind kind) {
  auto value = std::make_shared<PickleValue>();
  value->kind = kind;
  return value;
}

PickleValuePtr make_text(Kind kind, std::string text) {
  PickleValuePtr value = make_value(kind);
  value->text = std::move(text);
  return value;
}

PickleValuePtr make_number(Kind kind, int64_t number) {
  PickleValuePtr value = make_value(kind);
  value->number = number;
  return value;
}

// Executes the opcodes of one pickle. Each member function handles one group of related opcodes and
// returns false when the opcode is not in its group.
class PickleDecoder {
 public:
  PickleDecoder(const std::vector<uint8_t>& bytes, const std::string& source) : bytes_(bytes), source_(source) {}

  PickleValuePtr run();

 private:
  bool execute_framing(uint8_t opcode);
  bool execute_scalar(uint8_t opcode);
  bool execute_string(uint8_t opcode);
  bool execute_container(uint8_t opcode);
  bool execute_memo(uint8_t opcode);
  bool execute_object(uint8_t opcode);

  void push_global();
  void reduce();
  void build();
  PickleValuePtr call_codecs_encode(const PickleValue& args);
  void build_array(PickleArray& array, const PickleValue& state);

  void append_to_list(const std::vector<PickleValuePtr>& values);
  void set_dict_items(std::vector<PickleValuePtr> values);
  PickleValuePtr make_tuple(std::vector<PickleValuePtr> items);
  int64_t read_long1();

  uint64_t read_little_endian(size_t width);
  std::string read_string(size_t length);
  std::string read_line();

  void push(PickleValuePtr value) { stack_.push_back(std::move(value)); }
  PickleValuePtr pop();
  std::vector<PickleValuePtr> pop_n(size_t count);
  std::vector<PickleValuePtr> pop_to_mark();
  void expect_kind(const PickleValue& value, Kind kind, const char* role) const;

  [[noreturn]] void fail(const std::string& problem) const;

  const std::vector<uint8_t>& bytes_;
  const std::string& source_;
  size_t position_ = 0;
  size_t opcode_offset_ = 0;  // byte offset of the opcode being executed, for error messages
  uint8_t opcode_ = 0;
  std::vector<PickleValuePtr> stack_;
  std::vector<size_t> marks_;  // stack sizes at each MARK
  std::unordered_map<uint32_t, PickleValuePtr> memo_;
};

PickleValuePtr PickleDecoder::run() {
  while (position_ < bytes_.size()) {
    opcode_offset_ = position_;
    opcode_ = bytes_[position_++];
    if (opcode_ == op::kStop) {
      if (stack_.size() != 1 || !marks_.empty()) {
        fail(fmt::format("STOP with {} values and {} marks on the stack; expected exactly one value", stack_.size(),
                         marks_.size()));
      }
      return pop();
    }

    const bool known = execute_framing(opcode_) || execute_scalar(opcode_) || execute_string(opcode_) ||
                       execute_container(opcode_) || execute_memo(opcode_) || execute_object(opcode_);
    if (!known) {
      fail("unsupported opcode");
    }
  }

  throw DataError(
      fmt::format("{}: truncated pickle: the data ends at byte offset {} without a STOP opcode", source_, position_));
}

bool PickleDecoder::execute_framing(uint8_t opcode) {
  switch (opcode) {
    case op::kProto: {
      const uint64_t version = read_little_endian(1);
      if (version > kHighestProtocol) {
        fail(fmt::format("unsupported pickle protocol {}", version));
      }
      return true;
    }
    case op::kFrame:
      read_little_endian(8);  // the frame length; the framed opcodes follow inline
      return true;
    case op::kMark:
      marks_.push_back(stack_.size());
      return true;
    default:
      return false;
  }
}

bool PickleDecoder::execute_scalar(uint8_t opcode) {
  switch (opcode) {
    case op::kNone:
      push(make_value(Kind::kNone));
      return true;
    case op::kNewTrue:
    case op::kNewFalse:
      push(make_number(Kind::kBool, opcode == op::kNewTrue ? 1 : 0));
      return true;
    case op::kBinInt1:
      push(make_number(Kind::kInt, static_cast<int64_t>(read_little_endian(1))));
      return true;
    case op::kBinInt2:
      push(make_number(Kind::kInt, static_cast<int64_t>(read_little_endian(2))));
      return true;
    case op::kBinInt:
      push(make_number(Kind::kInt, static_cast<int32_t>(static_cast<uint32_t>(read_little_endian(4)))));
      return true;
    case op::kLong1:
      push(make_number(Kind::kInt, read_long1()));
      return true;
    default:
      return false;
  }
}

bool PickleDecoder::execute_string(uint8_t opcode) {
  switch (opcode) {
    case op::kShortBinString:
    case op::kShortBinBytes:
      push(make_text(Kind::kBytes, read_string(read_little_endian(1))));
      return true;
    case op::kBinString: {
      const auto length = static_cast<int32_t>(static_cast<uint32_t>(read_little_endian(4)));
      if (length < 0) {
        fail(fmt::format("negative string length {}", length));
      }
      push(make_text(Kind::kBytes, read_string(static_cast<size_t>(length))));
      return true;
    }
    case op::kBinBytes:
      push(make_text(Kind::kBytes, read_string(read_little_endian(4))));
      return true;
    case op::kShortBinUnicode:
      push(make_text(Kind::kText, read_string(read_little_endian(1))));
      return true;
    case op::kBinUnicode:
      push(make_text(Kind::kText, read_string(read_little_endian(4))));
      return true;
    default:
      return false;
  }
}

bool PickleDecoder::execute_container(uint8_t opcode) {
  switch (opcode) {
    case op::kEmptyDict:
      push(make_value(Kind::kDict));
      return true;
    case op::kEmptyList:
      push(make_value(Kind::kList));
      return true;
    case op::kEmptyTuple:
      push(make_value(Kind::kTuple));
      return true;
    case op::kTuple:
      push(make_tuple(pop_to_mark()));
      return true;
    case op::kTuple1:
    case op::kTuple2:
    case op::kTuple3:
      push(make_tuple(pop_n(opcode - op::kTuple1 + 1)));
      return true;
    case op::kAppend:
      append_to_list(pop_n(1));
      return true;
    case op::kAppends:
      append_to_list(pop_to_mark());
      return true;
    case op::kSetItem:
      set_dict_items(pop_n(2));
      return true;
    case op::kSetItems:
      set_dict_items(pop_to_mark());
      return true;
    default:
      return false;
  }
}

bool PickleDecoder::execute_memo(uint8_t opcode) {
  switch (opcode) {
    case op::kBinPut:
    case op::kLongBinPut: {
      const auto key = static_cast<uint32_t>(read_little_endian(opcode == op::kBinPut ? 1 : 4));
      if (stack_.empty()) {
        fail("memo store from an empty stack");
      }
      memo_[key] = stack_.back();  // shared, so later APPEND or SETITEM changes are visible through the memo
      return true;
    }
    case op::kBinGet:
    case op::kLongBinGet: {
      const auto key = static_cast<uint32_t>(read_little_endian(opcode == op::kBinGet ? 1 : 4));
      const auto found = memo_.find(key);
      if (found == memo_.end()) {
        fail(fmt::format("memo key {} was never stored", key));
      }
      push(found->second);
      return true;
    }
    default:
      return false;
  }
}

bool PickleDecoder::execute_object(uint8_t opcode) {
  switch (opcode) {
    case op::kGlobal:
      push_global();
      return true;
    case op::kReduce:
      reduce();
      return true;
    case op::kBuild:
      build();
      return true;
    default:
      return false;
  }
}

// Pushes a reference to an allowed global. Nothing is imported: the name only selects which C++ value a
// later REDUCE builds.
void PickleDecoder::push_global() {
  const std::string module = read_line();
  const std::string name = read_line();
  const std::string qualified = module + " " + name;
  for (const char* allowed : kAllowedGlobals) {
    if (qualified == allowed) {
      push(make_text(Kind::kGlobal, qualified));
      return;
    }
  }
  fail(
      fmt::format("global '{}.{}' is not allowed; only numpy.core.multiarray._reconstruct, numpy.ndarray, "
                  "numpy.dtype and _codecs.encode are accepted",
                  module, name));
}

void PickleDecoder::reduce() {
  const PickleValuePtr args = pop();
  const PickleValuePtr callable = pop();
  expect_kind(*callable, Kind::kGlobal, "REDUCE callable");
  expect_kind(*args, Kind::kTuple, "REDUCE arguments");

  if (callable->text == "_codecs encode") {
    push(call_codecs_encode(*args));
    return;
  }
  if (callable->text == "numpy.core.multiarray _reconstruct") {
    // Arguments are (ndarray class, (0,), b"b"). The real shape, dtype and data arrive with BUILD.
    if (args->items.empty() || args->items[0]->kind != Kind::kGlobal || args->items[0]->text != "numpy ndarray") {
      fail("_reconstruct is only supported for numpy.ndarray");
    }
    push(make_value(Kind::kArray));
    return;
  }
  if (callable->text == "numpy dtype") {
    // Arguments are (type string, align, copy), e.g. ("u1", 0, 1).
    if (args->items.empty() || (args->items[0]->kind != Kind::kBytes && args->items[0]->kind != Kind::kText)) {
      fail("numpy.dtype needs a type string as its first argument");
    }
    push(make_text(Kind::kDtype, args->items[0]->text));
    return;
  }
  fail(fmt::format("REDUCE on '{}' is not supported", callable->text));
}

// Converts encode(text, "latin1") back to the bytes Python 3 started from: each code point is one byte.
PickleValuePtr PickleDecoder::call_codecs_encode(const PickleValue& args) {
  if (args.items.size() != 2 || args.items[0]->kind != Kind::kText || args.items[1]->kind != Kind::kText ||
      (args.items[1]->text != "latin1" && args.items[1]->text != "latin-1")) {
    fail("_codecs.encode is only supported as encode(str, 'latin1')");
  }

  const std::string& utf8 = args.items[0]->text;
  std::string bytes;
  bytes.reserve(utf8.size());
  for (size_t index = 0; index < utf8.size(); ++index) {
    const auto lead = static_cast<uint8_t>(utf8[index]);
    if (lead < 0x80) {
      bytes.push_back(static_cast<char>(lead));
      continue;
    }

    // Code points 0x80 to 0xff are the two-byte UTF-8 sequences with lead byte 0xc2 or 0xc3.
    const bool two_byte_latin1 = (lead == 0xc2 || lead == 0xc3) && index + 1 < utf8.size() &&
                                 (static_cast<uint8_t>(utf8[index + 1]) & 0xc0) == 0x80;
    if (!two_byte_latin1) {
      fail(fmt::format("_codecs.encode text is not latin1 at character byte {}", index));
    }
    bytes.push_back(static_cast<char>(((lead & 0x03) << 6) | (static_cast<uint8_t>(utf8[index + 1]) & 0x3f)));
    ++index;
  }
  return make_text(Kind::kBytes, std::move(bytes));
}

void PickleDecoder::build() {
  const PickleValuePtr state = pop();
  if (stack_.empty()) {
    fail("BUILD with nothing to build on the stack");
  }
  PickleValue& target = *stack_.back();

  if (target.kind == Kind::kArray) {
    build_array(target.array, *state);
    return;
  }
  if (target.kind == Kind::kDtype) {
    // State is (version, byte order, subarray, names, fields, element size, alignment, flags). It is not
    // needed, because the type string alone identifies the plain one-byte types that callers accept.
    expect_kind(*state, Kind::kTuple, "numpy.dtype state");
    return;
  }
  fail(fmt::format("BUILD on a {} value is not supported", pickle_kind_name(target.kind)));
}

// Applies ndarray state (version, shape, dtype, is_fortran, raw data). Old numpy omits the version.
void PickleDecoder::build_array(PickleArray& array, const PickleValue& state) {
  expect_kind(state, Kind::kTuple, "numpy.ndarray state");
  if (state.items.size() != 4 && state.items.size() != 5) {
    fail(fmt::format("numpy.ndarray state has {} items; expected 4 or 5", state.items.size()));
  }
  const size_t first = state.items.size() - 4;
  const PickleValue& shape = *state.items[first];
  const PickleValue& dtype = *state.items[first + 1];
  const PickleValue& fortran = *state.items[first + 2];
  const PickleValue& data = *state.items[first + 3];

  expect_kind(shape, Kind::kTuple, "numpy.ndarray shape");
  expect_kind(dtype, Kind::kDtype, "numpy.ndarray dtype");
  expect_kind(data, Kind::kBytes, "numpy.ndarray data");
  if ((fortran.kind != Kind::kBool && fortran.kind != Kind::kInt) || fortran.number != 0) {
    fail("Fortran-ordered numpy arrays are not supported; save the array in C order");
  }

  array.shape.clear();
  for (const PickleValuePtr& dimension : shape.items) {
    if (dimension->kind != Kind::kInt || dimension->number < 0) {
      fail("numpy.ndarray shape must contain non-negative integers");
    }
    array.shape.push_back(dimension->number);
  }
  array.dtype = dtype.text;
  array.data.assign(data.text.begin(), data.text.end());
}

void PickleDecoder::append_to_list(const std::vector<PickleValuePtr>& values) {
  if (stack_.empty()) {
    fail("APPEND with no list on the stack");
  }
  PickleValue& list = *stack_.back();
  expect_kind(list, Kind::kList, "APPEND target");
  list.items.insert(list.items.end(), values.begin(), values.end());
}

void PickleDecoder::set_dict_items(std::vector<PickleValuePtr> values) {
  if (stack_.empty()) {
    fail("SETITEM with no dict on the stack");
  }
  if (values.size() % 2 != 0) {
    fail(fmt::format("SETITEMS with an odd number ({}) of keys and values", values.size()));
  }
  PickleValue& dict = *stack_.back();
  expect_kind(dict, Kind::kDict, "SETITEM target");

  for (size_t index = 0; index < values.size(); index += 2) {
    dict.entries.emplace_back(std::move(values[index]), std::move(values[index + 1]));
  }
}

PickleValuePtr PickleDecoder::make_tuple(std::vector<PickleValuePtr> items) {
  PickleValuePtr tuple = make_value(Kind::kTuple);
  tuple->items = std::move(items);
  return tuple;
}

// LONG1 stores a little-endian two's complement integer of 0 to 255 bytes, and 0 bytes encode 0.
int64_t PickleDecoder::read_long1() {
  const uint64_t width = read_little_endian(1);
  if (width > 8) {
    fail(fmt::format("LONG1 integer of {} bytes does not fit in 64 bits", width));
  }
  if (width == 0) {
    return 0;
  }

  uint64_t value = read_little_endian(width);
  const uint64_t sign_bit = uint64_t{1} << (8 * width - 1);
  if (width < 8 && (value & sign_bit) != 0) {
    value |= ~uint64_t{0} << (8 * width);  // sign-extend
  }
  return static_cast<int64_t>(value);
}

uint64_t PickleDecoder::read_little_endian(size_t width) {
  if (bytes_.size() - position_ < width) {
    fail(fmt::format("truncated pickle: needs {} argument bytes, {} remain", width, bytes_.size() - position_));
  }
  uint64_t value = 0;
  for (size_t index = 0; index < width; ++index) {
    value |= uint64_t{bytes_[position_ + index]} << (8 * index);
  }
  position_ += width;
  return value;
}

std::string PickleDecoder::read_string(size_t length) {
  if (bytes_.size() - position_ < length) {
    fail(fmt::format("truncated pickle: string of {} bytes, but {} bytes remain", length, bytes_.size() - position_));
  }
  std::string text(bytes_.begin() + static_cast<std::ptrdiff_t>(position_),
                   bytes_.begin() + static_cast<std::ptrdiff_t>(position_ + length));
  position_ += length;
  return text;
}

std::string PickleDecoder::read_line() {
  std::string line;
  while (position_ < bytes_.size() && bytes_[position_] != '\n') {
    if (line.size() == kMaxGlobalLineBytes) {
      fail(fmt::format("GLOBAL name longer than {} bytes", kMaxGlobalLineBytes));
    }
    line.push_back(static_cast<char>(bytes_[position_++]));
  }
  if (position_ == bytes_.size()) {
    fail("truncated pickle: GLOBAL name without a newline");
  }
  ++position_;  // the newline
  return line;
}

PickleValuePtr PickleDecoder::pop() {
  if (stack_.size() <= (marks_.empty() ? 0 : marks_.back())) {
    fail("stack underflow");
  }
  PickleValuePtr value = std::move(stack_.back());
  stack_.pop_back();
  return value;
}

// Pops `count` values and returns them in the order they were pushed.
std::vector<PickleValuePtr> PickleDecoder::pop_n(size_t count) {
  const size_t floor = marks_.empty() ? 0 : marks_.back();
  if (stack_.size() < floor + count) {
    fail(fmt::format("stack underflow: needs {} values", count));
  }
  std::vector<PickleValuePtr> values(std::make_move_iterator(stack_.end() - static_cast<std::ptrdiff_t>(count)),
                                     std::make_move_iterator(stack_.end()));
  stack_.resize(stack_.size() - count);
  return values;
}

std::vector<PickleValuePtr> PickleDecoder::pop_to_mark() {
  if (marks_.empty()) {
    fail("no MARK on the stack");
  }
  const size_t count = stack_.size() - marks_.back();
  std::vector<PickleValuePtr> values = pop_n(count);
  marks_.pop_back();
  return values;
}

void PickleDecoder::expect_kind(const PickleValue& value, Kind kind, const char* role) const {
  if (value.kind != kind) {
    fail(fmt::format("{} must be {}, found {}", role, pickle_kind_name(kind), pickle_kind_name(value.kind)));
  }
}

void PickleDecoder::fail(const std::string& problem) const {
  throw DataError(fmt::format("{}: invalid pickle at byte offset {}, opcode 0x{:02x} ({}): {}", source_, opcode_offset_,
                              opcode_, op::opcode_name(opcode_), problem));
}

}  // namespace

PickleValue::~PickleValue() {
  std::vector<PickleValuePtr> pending = std::move(items);
  for (auto& [key, value] : entries) {
    pending.push_back(std::move(key));
    pending.push_back(std::move(value));
  }

  // A child with no other owner hands its children to `pending` before it is destroyed, so each destructor
  // call below finds no nested containers and the recursion depth stays at one.
  while (!pending.empty()) {
    PickleValuePtr child = std::move(pending.back());
    pending.pop_back();
    if (child && child.use_count() == 1) {
      std::move(child->items.begin(), child->items.end(), std::back_inserter(pending));
      child->items.clear();
      for (auto& [key, value] : child->entries) {
        pending.push_back(std::move(key));
        pending.push_back(std::move(value));
      }
      child->entries.clear();
    }
  }
}

PickleValuePtr parse_pickle(const std::vector<uint8_t>& bytes, const std::string& source) {
  return PickleDecoder(bytes, source).run();
}

const PickleValue* find_dict_value(const PickleValue& dict, const std::string& key) {
  for (const auto& [entry_key, value] : dict.entries) {
    if ((entry_key->kind == Kind::kBytes || entry_key->kind == Kind::kText) && entry_key->text == key) {
      return value.get();
    }
  }
  return nullptr;
}

std::string pickle_kind_name(PickleValue::Kind kind) {
  switch (kind) {
    case Kind::kNone:
      return "None";
    case Kind::kBool:
      return "bool";
    case Kind::kInt:
      return "int";
    case Kind::kBytes:
      return "bytes";
    case Kind::kText:
      return "str";
    case Kind::kList:
      return "list";
    case Kind::kTuple:
      return "tuple";
    case Kind::kDict:
      return "dict";
    case Kind::kArray:
      return "numpy.ndarray";
    case Kind::kDtype:
      return "numpy.dtype";
    case Kind::kGlobal:
      return "global";
  }
  return "unknown";
}

}  // namespace runner::data
