// Loads CIFAR-10 from either published version into (N, 3, 32, 32) image sets.
#include <fmt/format.h>

#include "runner/data/cifar10_batches.h"
#include "runner/data/cifar10_files.h"
#include "runner/data/image_dataset.h"

namespace runner::data {
namespace {

ImageSet empty_cifar10_split() {
  ImageSet split;
  split.channels = kCifar10Channels;
  split.height = kCifar10Side;
  split.width = kCifar10Side;
  return split;
}

// Decodes one batch file and releases its raw bytes, which lowers peak memory while the later batches decode.
void append_batch(Cifar10Files& files, const std::string& name, ImageSet& split) {
  std::vector<uint8_t> bytes = std::move(files.contents.at(name));
  files.contents.erase(name);

  const std::string source = files.source_prefix + name;
  if (files.layout == Cifar10Layout::kBinary) {
    append_cifar10_binary_batch(bytes, source, split);
  } else {
    append_cifar10_python_batch(bytes, source, split);
  }
}

}  // namespace

ImageDataset load_cifar10(const std::filesystem::path& path) {
  Cifar10Files files = read_cifar10_files(path);

  ImageDataset dataset;
  const std::string meta_name = cifar10_meta_name(files.layout);
  const std::string meta_source = files.source_prefix + meta_name;
  dataset.class_names = files.layout == Cifar10Layout::kBinary
                            ? parse_cifar10_binary_meta(files.contents.at(meta_name), meta_source)
                            : parse_cifar10_python_meta(files.contents.at(meta_name), meta_source);

  const std::vector<std::string> batch_names = cifar10_batch_names(files.layout);
  dataset.train = empty_cifar10_split();
  for (size_t index = 0; index + 1 < batch_names.size(); ++index) {
    append_batch(files, batch_names[index], dataset.train);
  }
  dataset.test = empty_cifar10_split();
  append_batch(files, batch_names.back(), dataset.test);

  dataset.description = files.description;
  return dataset;
}

}  // namespace runner::data
