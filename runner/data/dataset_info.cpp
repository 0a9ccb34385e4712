#include "runner/data/dataset_info.h"

#include "runner/data/image_dataset.h"
#include "runner/errors.h"
#include "runner/suggest.h"

namespace runner::data {

DatasetInfo dataset_info(const std::string& name) {
  if (name == "mnist" || name == "fashion_mnist") return {{1, 28, 28}, 10};
  if (name == "cifar10") return {{3, 32, 32}, 10};
  throw DataError("unknown dataset '" + name + "': " + suggest_names(name, dataset_names()));
}

}  // namespace runner::data
