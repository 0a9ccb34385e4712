// Temporary files for the text tests.
#pragma once

#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include <gtest/gtest.h>

namespace runner::testing {

// A fresh folder under the system temp directory, removed with everything in it at the end of the test.
class TextTempFolder {
 public:
  TextTempFolder() {
    std::random_device entropy;
    path_ = std::filesystem::temp_directory_path() / ("runner-text-test-" + std::to_string(entropy()));
    std::filesystem::create_directories(path_);
  }
  ~TextTempFolder() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TextTempFolder(const TextTempFolder&) = delete;
  TextTempFolder& operator=(const TextTempFolder&) = delete;

  const std::filesystem::path& path() const { return path_; }

  // Writes `bytes` exactly as given (binary, no newline translation) to `name` in this folder.
  std::filesystem::path write(const std::string& name, const std::string& bytes) const {
    const std::filesystem::path file = path_ / name;
    std::ofstream stream(file, std::ios::binary);
    stream << bytes;
    return file;
  }

 private:
  std::filesystem::path path_;
};

// The message of the exception of type E that `action` throws; fails the test when it throws nothing.
template <typename E, typename Action>
std::string error_message(Action action) {
  try {
    action();
  } catch (const E& error) {
    return error.what();
  }
  ADD_FAILURE() << "expected an exception";
  return "";
}

}  // namespace runner::testing
