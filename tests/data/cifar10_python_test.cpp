// CIFAR-10 Python version: batches pickled opcode by opcode at protocol 2 with Python 2 str opcodes, and in the
// form Python 3 writes when it re-pickles them at protocol 2. Python 3.11's unpickler, given a stand-in numpy
// module, reads these bytes back into the expected dicts.
// NOTE: the published cifar-10-python.tar.gz was not available offline, so the test pickles were not compared
// with it byte for byte.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include "runner/data/archive_writer.h"
#include "runner/data/image_dataset.h"
#include "runner/errors.h"

namespace runner::data {
namespace {

constexpr int kImagesPerBatch = 2;  // the published files hold 10000
const std::vector<std::string> kClassNames = {"airplane", "automobile", "bird",  "cat",  "deer",
                                              "dog",      "frog",       "horse", "ship", "truck"};
const std::vector<std::string> kBatchNames = {"data_batch_1", "data_batch_2", "data_batch_3",
                                              "data_batch_4", "data_batch_5", "test_batch"};

uint8_t pixel_value(int image, int channel, int row, int column) {
  return static_cast<uint8_t>((image * 11 + channel * 80 + row * 3 + column * 7) % 256);
}

int64_t label_value(int image) { return (image * 3 + 1) % 10; }

// Emits protocol 2 opcodes. Like Python's pickler, it memoizes (BINPUT) every string, non-empty tuple, list,
// dict, global and REDUCE result. With `python3` set, it writes text as BINUNICODE and bytes the way Python 3 must
// at protocol 2: as _codecs.encode(text, "latin1").
class PickleWriter {
 public:
  explicit PickleWriter(bool python3) : python3_(python3) { bytes_ = {0x80, 0x02}; }

  void opcode(uint8_t value) { bytes_.push_back(value); }

  void memoize() {
    opcode('q');
    opcode(static_cast<uint8_t>(next_memo_++));  // a test pickle stays below 256 memo entries
  }

  void integer(int64_t value) {
    if (value >= 0 && value < 256) {
      opcode('K');
      opcode(static_cast<uint8_t>(value));
    } else if (value >= 0 && value < 65536) {
      opcode('M');
      append_little_endian(static_cast<uint32_t>(value), 2);
    } else {
      opcode('J');
      append_little_endian(static_cast<uint32_t>(value), 4);
    }
  }

  // A Python 2 str, which is bytes: SHORT_BINSTRING or BINSTRING.
  void byte_string(const std::string& text) {
    if (python3_) {
      encoded_bytes(text);
      return;
    }
    if (text.size() < 256) {
      opcode('U');
      opcode(static_cast<uint8_t>(text.size()));
    } else {
      opcode('T');
      append_little_endian(static_cast<uint32_t>(text.size()), 4);
    }
    bytes_.insert(bytes_.end(), text.begin(), text.end());
    memoize();
  }

  // A key or name: a Python 2 str, or a Python 3 str (BINUNICODE).
  void name(const std::string& text) {
    if (!python3_) {
      byte_string(text);
      return;
    }
    unicode(text);
  }

  void global(const std::string& module, const std::string& name) {
    opcode('c');
    bytes_.insert(bytes_.end(), module.begin(), module.end());
    opcode('\n');
    bytes_.insert(bytes_.end(), name.begin(), name.end());
    opcode('\n');
    memoize();
  }

  std::vector<uint8_t> finish() {
    opcode('.');
    return bytes_;
  }

  bool python3() const { return python3_; }

 private:
  void unicode(const std::string& utf8) {
    opcode('X');
    append_little_endian(static_cast<uint32_t>(utf8.size()), 4);
    bytes_.insert(bytes_.end(), utf8.begin(), utf8.end());
    memoize();
  }

  // _codecs.encode(latin1 text, "latin1"), where bytes 0x80-0xff become two-byte UTF-8 sequences.
  void encoded_bytes(const std::string& raw) {
    global("_codecs", "encode");
    std::string utf8;
    for (const char character : raw) {
      const auto byte = static_cast<uint8_t>(character);
      if (byte < 0x80) {
        utf8.push_back(character);
      } else {
        utf8.push_back(static_cast<char>(0xc0 | (byte >> 6)));
        utf8.push_back(static_cast<char>(0x80 | (byte & 0x3f)));
      }
    }
    unicode(utf8);
    unicode("latin1");
    opcode(0x86);  // TUPLE2
    memoize();
    opcode('R');
    memoize();
  }

  void append_little_endian(uint32_t value, int width) {
    for (int index = 0; index < width; ++index) {
      opcode(static_cast<uint8_t>(value >> (8 * index)));
    }
  }

  bool python3_;
  std::vector<uint8_t> bytes_;
  int next_memo_ = 1;
};

struct ArraySpec {
  int64_t rows = 0;
  int64_t columns = 3072;
  std::string dtype = "u1";
};

// numpy's ndarray.__reduce__: _reconstruct(ndarray, (0,), b"b"), then BUILD with
// (1, shape, dtype, is_fortran, raw bytes). The dtype is dtype("u1", 0, 1) with BUILD state
// (3, "|", None, None, None, -1, -1, 0). Python 3 numpy writes False and True for the 0 and 1.
void write_array(PickleWriter& pickle, const ArraySpec& spec, const std::string& data) {
  pickle.global("numpy.core.multiarray", "_reconstruct");
  pickle.global("numpy", "ndarray");
  pickle.integer(0);
  pickle.opcode(0x85);  // TUPLE1
  pickle.memoize();
  pickle.byte_string("b");
  pickle.opcode(0x87);  // TUPLE3
  pickle.memoize();
  pickle.opcode('R');
  pickle.memoize();

  pickle.opcode('(');
  pickle.integer(1);
  pickle.integer(spec.rows);
  pickle.integer(spec.columns);
  pickle.opcode(0x86);  // TUPLE2
  pickle.memoize();

  pickle.global("numpy", "dtype");
  pickle.name(spec.dtype);
  if (pickle.python3()) {
    pickle.opcode(0x89);  // NEWFALSE
    pickle.opcode(0x88);  // NEWTRUE
  } else {
    pickle.integer(0);
    pickle.integer(1);
  }
  pickle.opcode(0x87);  // TUPLE3
  pickle.memoize();
  pickle.opcode('R');
  pickle.memoize();
  pickle.opcode('(');
  pickle.integer(3);
  pickle.name("|");
  pickle.opcode('N');
  pickle.opcode('N');
  pickle.opcode('N');
  pickle.integer(-1);
  pickle.integer(-1);
  pickle.integer(0);
  pickle.opcode('t');
  pickle.memoize();
  pickle.opcode('b');

  pickle.opcode(0x89);  // NEWFALSE: is_fortran
  pickle.byte_string(data);
  pickle.opcode('t');
  pickle.memoize();
  pickle.opcode('b');
}

// A list written as EMPTY_LIST, then MARK ... APPENDS, or a single APPEND for one element.
void write_list(PickleWriter& pickle, size_t count, const std::function<void(size_t)>& write_item) {
  pickle.opcode(']');
  pickle.memoize();
  if (count == 1) {
    write_item(0);
    pickle.opcode('a');
    return;
  }
  if (count > 1) {
    pickle.opcode('(');
    for (size_t index = 0; index < count; ++index) {
      write_item(index);
    }
    pickle.opcode('e');
  }
}

struct BatchSpec {
  bool python3 = false;
  ArraySpec array;
  std::vector<int64_t> labels;
  std::string pixels;
};

std::vector<uint8_t> python_batch(const BatchSpec& spec, const std::string& batch_label) {
  PickleWriter pickle(spec.python3);
  pickle.opcode('}');
  pickle.memoize();
  pickle.opcode('(');

  pickle.name("data");
  write_array(pickle, spec.array, spec.pixels);
  pickle.name("labels");
  write_list(pickle, spec.labels.size(), [&](size_t index) { pickle.integer(spec.labels[index]); });
  pickle.name("batch_label");
  pickle.byte_string(batch_label);
  pickle.name("filenames");
  write_list(pickle, spec.labels.size(), [&](size_t index) { pickle.byte_string(fmt::format("image_{}.png", index)); });

  pickle.opcode('u');
  return pickle.finish();
}

// The batch `batch` (0-based, 5 is the test batch) with the same images as the binary version's test.
BatchSpec batch_spec(int batch, bool python3) {
  BatchSpec spec;
  spec.python3 = python3;
  spec.array.rows = kImagesPerBatch;
  for (int record = 0; record < kImagesPerBatch; ++record) {
    const int image = batch * kImagesPerBatch + record;
    spec.labels.push_back(label_value(image));
    for (int channel = 0; channel < 3; ++channel) {
      for (int position = 0; position < 1024; ++position) {
        spec.pixels.push_back(static_cast<char>(pixel_value(image, channel, position / 32, position % 32)));
      }
    }
  }
  return spec;
}

std::vector<uint8_t> python_meta(bool python3, size_t class_count = 10) {
  PickleWriter pickle(python3);
  pickle.opcode('}');
  pickle.memoize();
  pickle.opcode('(');
  pickle.name("num_cases_per_batch");
  pickle.integer(10000);
  pickle.name("label_names");
  write_list(pickle, class_count, [&](size_t index) { pickle.name(kClassNames[index]); });
  pickle.name("num_vis");
  pickle.integer(3072);
  pickle.opcode('u');
  return pickle.finish();
}

std::vector<ArchiveMember> python_members(bool python3) {
  std::vector<ArchiveMember> members;
  for (size_t batch = 0; batch < kBatchNames.size(); ++batch) {
    const std::string batch_label =
        batch < 5 ? fmt::format("training batch {} of 5", batch + 1) : std::string("testing batch 1 of 1");
    members.push_back({"cifar-10-batches-py/" + kBatchNames[batch],
                       python_batch(batch_spec(static_cast<int>(batch), python3), batch_label)});
  }
  members.push_back({"cifar-10-batches-py/batches.meta", python_meta(python3)});
  return members;
}

void write_file(const std::filesystem::path& path, const std::vector<uint8_t>& bytes) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream stream(path, std::ios::binary);
  stream.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
}

std::string data_error_message(const std::function<void()>& action) {
  try {
    action();
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

// Checks every pixel and label of the 12 images that python_members() writes.
void expect_test_images(const ImageDataset& dataset) {
  ASSERT_EQ(dataset.train.count, 10);
  ASSERT_EQ(dataset.test.count, 2);
  for (const ImageSet* split : {&dataset.train, &dataset.test}) {
    EXPECT_EQ(split->channels, 3);
    EXPECT_EQ(split->height, 32);
    EXPECT_EQ(split->width, 32);
    ASSERT_EQ(split->pixels.size(), static_cast<size_t>(split->count) * 3072);
    ASSERT_EQ(split->labels.size(), static_cast<size_t>(split->count));
  }

  for (int image = 0; image < 12; ++image) {
    const ImageSet& split = image < 10 ? dataset.train : dataset.test;
    const int index = image < 10 ? image : image - 10;
    EXPECT_EQ(split.labels[static_cast<size_t>(index)], label_value(image)) << "image " << image;
    for (int channel = 0; channel < 3; ++channel) {
      for (int position = 0; position < 1024; ++position) {
        const size_t offset = static_cast<size_t>(index) * 3072 + static_cast<size_t>(channel) * 1024 + position;
        ASSERT_EQ(split.pixels[offset], pixel_value(image, channel, position / 32, position % 32))
            << "image " << image << " channel " << channel << " position " << position;
      }
    }
  }
}

class Cifar10Python : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
    directory_ = std::filesystem::temp_directory_path() /
                 fmt::format("runner_{}_{}_{}", test->test_suite_name(), test->name(), getpid());
    std::filesystem::remove_all(directory_);
    std::filesystem::create_directories(directory_);
  }

  void TearDown() override { std::filesystem::remove_all(directory_); }

  // Writes the Python 2 archive with `batch` (0-based) replaced and returns the error that loading raises.
  std::string load_error_with_batch(int batch, const std::vector<uint8_t>& bytes) {
    std::vector<ArchiveMember> members = python_members(false);
    members[static_cast<size_t>(batch)].bytes = bytes;
    const std::filesystem::path archive = directory_ / "cifar-10-python.tar.gz";
    write_tar_gz(archive, members);
    return data_error_message([&] { load_cifar10(archive); });
  }

  std::filesystem::path directory_;
};

TEST_F(Cifar10Python, Archive) {
  const std::filesystem::path archive = directory_ / "cifar-10-python.tar.gz";
  write_tar_gz(archive, python_members(false));

  const ImageDataset dataset = load_cifar10(archive);
  expect_test_images(dataset);
  EXPECT_EQ(dataset.class_names, kClassNames);
  EXPECT_EQ(dataset.description, "CIFAR-10 Python archive " + archive.string());

  // Literal spot checks of the plane order: test image 1 is image 11 overall (label 4), pixel (row 1, column 0).
  EXPECT_EQ(dataset.test.labels[1], 4);
  EXPECT_EQ(dataset.test.pixels[3072 + 0 * 1024 + 32], 124);  // red: 121 + 3
  EXPECT_EQ(dataset.test.pixels[3072 + 1 * 1024 + 32], 204);  // green: 121 + 80 + 3
  EXPECT_EQ(dataset.test.pixels[3072 + 2 * 1024 + 32], 28);   // blue: (121 + 160 + 3) % 256
}

TEST_F(Cifar10Python, ExtractedFolderAndParent) {
  for (const ArchiveMember& member : python_members(false)) {
    write_file(directory_ / member.path, member.bytes);
  }

  const ImageDataset from_folder = load_cifar10(directory_ / "cifar-10-batches-py");
  expect_test_images(from_folder);
  EXPECT_EQ(from_folder.class_names, kClassNames);
  EXPECT_EQ(from_folder.description, "CIFAR-10 Python batches in " + (directory_ / "cifar-10-batches-py").string());

  const ImageDataset from_parent = load_cifar10(directory_);
  expect_test_images(from_parent);
  EXPECT_EQ(from_parent.class_names, kClassNames);
}

TEST_F(Cifar10Python, Python3Pickles) {
  const std::filesystem::path archive = directory_ / "cifar-10-python.tar.gz";
  write_tar_gz(archive, python_members(true));

  const ImageDataset dataset = load_cifar10(archive);
  expect_test_images(dataset);
  EXPECT_EQ(dataset.class_names, kClassNames);
}

TEST_F(Cifar10Python, WrongDtype) {
  BatchSpec spec = batch_spec(0, false);
  spec.array.dtype = "i1";
  const std::string message = load_error_with_batch(0, python_batch(spec, "training batch 1 of 5"));
  EXPECT_TRUE(contains(message, "cifar-10-batches-py/data_batch_1: 'data' must have dtype uint8 ('u1'), found 'i1'"));
}

TEST_F(Cifar10Python, WrongShape) {
  BatchSpec spec = batch_spec(1, false);
  spec.array.rows = 3;
  spec.array.columns = 2048;
  const std::string message = load_error_with_batch(1, python_batch(spec, "training batch 2 of 5"));
  EXPECT_TRUE(contains(message, "cifar-10-batches-py/data_batch_2: 'data' must have shape (N, 3072), found (3, 2048)"));
}

TEST_F(Cifar10Python, DataSizeMismatch) {
  BatchSpec spec = batch_spec(1, false);
  spec.pixels.pop_back();
  const std::string message = load_error_with_batch(1, python_batch(spec, "training batch 2 of 5"));
  EXPECT_TRUE(contains(message, "'data' of shape (2, 3072) needs 6144 bytes, found 6143"));
}

TEST_F(Cifar10Python, LabelCountMismatch) {
  BatchSpec spec = batch_spec(5, false);
  spec.labels.push_back(3);
  const std::string message = load_error_with_batch(5, python_batch(spec, "testing batch 1 of 1"));
  EXPECT_TRUE(contains(message, "cifar-10-batches-py/test_batch: 'labels' has 3 entries, but 'data' has 2 images"));
}

TEST_F(Cifar10Python, LabelOutOfRange) {
  BatchSpec spec = batch_spec(4, false);
  spec.labels[1] = 300;
  const std::string message = load_error_with_batch(4, python_batch(spec, "training batch 5 of 5"));
  EXPECT_TRUE(contains(message, "cifar-10-batches-py/data_batch_5: label 300 at index 1 is out of range"));
}

TEST_F(Cifar10Python, DisallowedGlobalInBatch) {
  PickleWriter pickle(false);
  pickle.global("os", "system");
  pickle.byte_string("echo unsafe");
  pickle.opcode(0x85);  // TUPLE1
  pickle.opcode('R');
  const std::string message = load_error_with_batch(2, pickle.finish());
  EXPECT_TRUE(
      contains(message, "cifar-10-batches-py/data_batch_3: invalid pickle at byte offset 2, opcode 0x63 (GLOBAL)"));
  EXPECT_TRUE(contains(message, "global 'os.system' is not allowed"));
}

TEST_F(Cifar10Python, WrongClassNameCount) {
  std::vector<ArchiveMember> members = python_members(false);
  members[6].bytes = python_meta(false, 9);
  const std::filesystem::path archive = directory_ / "cifar-10-python.tar.gz";
  write_tar_gz(archive, members);

  const std::string message = data_error_message([&] { load_cifar10(archive); });
  EXPECT_TRUE(contains(message, "cifar-10-batches-py/batches.meta: expected 10 entries in 'label_names', found 9"));
}

TEST_F(Cifar10Python, MissingArchiveMember) {
  std::vector<ArchiveMember> members = python_members(false);
  members.pop_back();
  const std::filesystem::path archive = directory_ / "cifar-10-python.tar.gz";
  write_tar_gz(archive, members);

  const std::string message = data_error_message([&] { load_cifar10(archive); });
  EXPECT_TRUE(contains(message, archive.string() + ": archive member cifar-10-batches-py/batches.meta not found"));
}

}  // namespace
}  // namespace runner::data
