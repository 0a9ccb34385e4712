// The sample shape and class count of each dataset, known from its name alone, so a model can be
// checked and described without reading the data files.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace runner::data {

struct DatasetInfo {
  std::vector<int64_t> sample_shape;  // (C, H, W)
  int64_t classes = 0;
};

// Throws DataError for a name that dataset_names() does not list.
DatasetInfo dataset_info(const std::string& name);

}  // namespace runner::data
