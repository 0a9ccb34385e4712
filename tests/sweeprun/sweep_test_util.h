// Configs and checks shared by the sweep execution tests, which run the real binary on small slices
// of Fashion-MNIST.
#pragma once

#include <string>

#include <fmt/format.h>

#include "../cli/process.h"
#include "../engine/engine_test_util.h"

namespace runner::testing {

// A tiny model on `train_samples` real Fashion-MNIST images, with a 2 x 2 x 2 grid over the hidden
// width, the learning rate and the seed (8 points).
inline std::string grid_config(const std::string& database, int64_t train_samples = 256, int64_t epochs = 1,
                               bool with_sweep = true) {
  const std::string sweep = with_sweep ? R"(sweep:
  grid:
    model.width: [8, 16]
    optimizer.lr: [0.05, 1.0e-7]
    seed: [1, 2]
)"
                                       : "";
  return fmt::format(R"(name: grid
seed: 1
device: cpu
threads: 1
data: {{dataset: fashion_mnist, path: {}, train_samples: {}, test_samples: 200, batch_size: 64}}
model:
  width: 16
  layers: [flatten, {{type: linear, out_features: "${{width}}"}}, relu, {{type: linear, out_features: 10}}]
optimizer: {{name: sgd, lr: 0.05, momentum: 0.9}}
training: {{epochs: {}, train_accuracy: false}}
results: {{database: {}}}
)",
                     kFashionMnistPath, train_samples, epochs, database) +
         sweep;
}

// The first column of the first row of `sql` as an integer, or -1 when there is none. Unlike
// query_rows it waits for locks, because workers may be writing to the file.
inline int64_t count_rows(const std::filesystem::path& database, const std::string& sql) {
  sqlite3* db = nullptr;
  int64_t count = -1;
  if (sqlite3_open_v2(database.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_busy_timeout(db, 10000);
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr) == SQLITE_OK &&
        sqlite3_step(statement) == SQLITE_ROW) {
      count = sqlite3_column_int64(statement, 0);
    }
    sqlite3_finalize(statement);
  }
  sqlite3_close(db);
  return count;
}

}  // namespace runner::testing
