// A minimal hand-written LibTorch training loop: the baseline that the runner's per-epoch time is
// compared against (scripts/bench_overhead.sh). Same model as configs/bench_lenet.yaml, same data,
// optimizer, batch size and thread count; no config, no database, no progress output.
//
// Usage: plain_loop BATCH_SIZE EPOCHS THREADS [TRAIN_SAMPLES]
#include <chrono>
#include <cstdio>
#include <cstdlib>

#include <torch/torch.h>

#include "runner/data/image_dataset.h"

namespace {

torch::nn::Sequential make_lenet() {
  namespace nn = torch::nn;
  return nn::Sequential(nn::Conv2d(nn::Conv2dOptions(1, 6, 5).padding(2)), nn::ReLU(),
                        nn::MaxPool2d(nn::MaxPool2dOptions(2)), nn::Conv2d(nn::Conv2dOptions(6, 16, 5)), nn::ReLU(),
                        nn::MaxPool2d(nn::MaxPool2dOptions(2)), nn::Flatten(), nn::Linear(400, 120), nn::ReLU(),
                        nn::Linear(120, 84), nn::ReLU(), nn::Linear(84, 10));
}

torch::Tensor to_tensor(const runner::data::ImageSet& set, int64_t count) {
  return torch::from_blob(const_cast<uint8_t*>(set.pixels.data()), {count, set.channels, set.height, set.width},
                          torch::kUInt8)
      .clone();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr, "usage: plain_loop BATCH_SIZE EPOCHS THREADS [TRAIN_SAMPLES]\n");
    return 2;
  }
  const int64_t batch_size = std::atoll(argv[1]);
  const int64_t epochs = std::atoll(argv[2]);
  torch::set_num_threads(std::atoi(argv[3]));
  torch::manual_seed(1);

  const auto dataset = runner::data::load_mnist_idx("/usr/share/datasets/fashion-mnist", true);
  const int64_t train_count = argc > 4 ? std::atoll(argv[4]) : dataset.train.count;
  const auto train_images = to_tensor(dataset.train, train_count);
  const auto train_labels = torch::tensor(std::vector<int64_t>(dataset.train.labels.begin(),
                                                               dataset.train.labels.begin() + train_count));
  const auto test_images = to_tensor(dataset.test, dataset.test.count);
  const auto test_labels = torch::tensor(dataset.test.labels);
  // Fashion-MNIST training-set statistics, fixed so the loop does no extra work.
  const double mean = 0.2860, std = 0.3530;
  auto normalize = [&](const torch::Tensor& batch) { return (batch.to(torch::kFloat32) / 255.0 - mean) / std; };

  auto model = make_lenet();
  torch::optim::Adam optimizer(model->parameters(), torch::optim::AdamOptions(1e-3));

  for (int64_t epoch = 1; epoch <= epochs; ++epoch) {
    const auto start = std::chrono::steady_clock::now();
    model->train();
    const auto order = torch::randperm(train_count);
    for (int64_t begin = 0; begin < train_count; begin += batch_size) {
      const auto indices = order.narrow(0, begin, std::min(batch_size, train_count - begin));
      optimizer.zero_grad();
      const auto loss = torch::nn::functional::cross_entropy(model->forward(normalize(train_images.index_select(0, indices))),
                                                             train_labels.index_select(0, indices));
      loss.backward();
      optimizer.step();
    }

    torch::NoGradGuard no_grad;
    model->eval();
    int64_t correct = 0;
    for (int64_t begin = 0; begin < test_images.size(0); begin += 1000) {
      const int64_t size = std::min<int64_t>(1000, test_images.size(0) - begin);
      const auto logits = model->forward(normalize(test_images.narrow(0, begin, size)));
      correct += logits.argmax(1).eq(test_labels.narrow(0, begin, size)).sum().item<int64_t>();
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("epoch %lld seconds %.3f test_accuracy %.4f\n", static_cast<long long>(epoch), seconds,
                static_cast<double>(correct) / test_images.size(0));
  }
  return 0;
}
