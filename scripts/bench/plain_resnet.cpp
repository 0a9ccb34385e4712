// A minimal hand-written LibTorch loop for the network of configs/resnet_stochdepth_fashion.yaml
// (the lecture's VariableResNet with stochastic depth, blocks 6, width 16, on Fashion-MNIST): the
// baseline for the runner's per-epoch time in scripts/bench_resnet.sh. Same optimizer (AdamW lr
// 0.0002), label smoothing 0.1, horizontal flips p 0.5, batch size and thread count.
//
// Usage: plain_resnet BATCH_SIZE EPOCHS THREADS [TRAIN_SAMPLES]
#include <chrono>
#include <cstdio>
#include <cstdlib>

#include <torch/torch.h>

#include "runner/data/image_dataset.h"

namespace {

namespace nn = torch::nn;

constexpr int64_t kBlocks = 6;
constexpr int64_t kWidth = 16;
constexpr double kMaxDrop = 0.4;

// Drops each sample's residual branch with probability p in training and rescales the kept ones.
torch::Tensor stochastic_depth(const torch::Tensor& x, double p, bool training) {
  if (!training || p == 0.0) return x;
  const auto keep = torch::empty({x.size(0), 1, 1, 1}, x.options()).bernoulli_(1.0 - p);
  return x * keep / (1.0 - p);
}

struct ResBlockImpl : nn::Module {
  ResBlockImpl(int64_t stride, double drop) : drop(drop) {
    body = register_module("body", nn::Sequential(nn::Conv2d(nn::Conv2dOptions(kWidth, kWidth, 3).padding(1)),
                                                  nn::BatchNorm2d(kWidth), nn::ReLU(),
                                                  nn::Conv2d(nn::Conv2dOptions(kWidth, kWidth, 3).padding(1).stride(stride)),
                                                  nn::BatchNorm2d(kWidth)));
    if (stride != 1) shortcut = register_module("shortcut", nn::Conv2d(nn::Conv2dOptions(kWidth, kWidth, 1).stride(stride)));
  }
  torch::Tensor forward(const torch::Tensor& x) {
    const auto branch = stochastic_depth(body->forward(x), drop, is_training());
    return torch::relu(branch + (shortcut ? shortcut->forward(x) : x));
  }
  nn::Sequential body{nullptr};
  nn::Conv2d shortcut{nullptr};
  double drop;
};
TORCH_MODULE(ResBlock);

nn::Sequential make_resnet() {
  nn::Sequential net(nn::Conv2d(nn::Conv2dOptions(1, kWidth, 3).padding(1)), nn::ReLU());
  const int64_t first = (kBlocks - 2) / 2;
  const int64_t second = kBlocks - 2 - first;
  for (int64_t i = 0; i < kBlocks - 2; ++i) net->push_back(ResBlock(1, 0.0));
  net->push_back(ResBlock(2, 0.0));
  for (int64_t i = 0; i < first; ++i) net->push_back(ResBlock(1, kMaxDrop * i / (first + second - 1.0)));
  net->push_back(ResBlock(2, 0.0));
  for (int64_t i = 0; i < second; ++i) net->push_back(ResBlock(1, kMaxDrop * (first + i) / (first + second - 1.0)));
  net->push_back(ResBlock(2, 0.0));
  net->push_back(nn::Conv2d(nn::Conv2dOptions(kWidth, kWidth, 3).padding(1).stride(2)));
  net->push_back(nn::ReLU());
  net->push_back(nn::Flatten());
  net->push_back(nn::Linear(4 * kWidth, 60));
  net->push_back(nn::Linear(60, 10));
  return net;
}

torch::Tensor to_tensor(const runner::data::ImageSet& set, int64_t count) {
  return torch::from_blob(const_cast<uint8_t*>(set.pixels.data()), {count, set.channels, set.height, set.width},
                          torch::kUInt8)
      .clone();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr, "usage: plain_resnet BATCH_SIZE EPOCHS THREADS [TRAIN_SAMPLES]\n");
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
  const double mean = 0.2860, std = 0.3530;
  auto normalize = [&](const torch::Tensor& batch) { return (batch.to(torch::kFloat32) / 255.0 - mean) / std; };
  const auto loss_options = torch::nn::functional::CrossEntropyFuncOptions().label_smoothing(0.1);

  auto model = make_resnet();
  torch::optim::AdamW optimizer(model->parameters(), torch::optim::AdamWOptions(2e-4).weight_decay(0.0));

  for (int64_t epoch = 1; epoch <= epochs; ++epoch) {
    const auto start = std::chrono::steady_clock::now();
    model->train();
    const auto order = torch::randperm(train_count);
    for (int64_t begin = 0; begin < train_count; begin += batch_size) {
      const int64_t size = std::min(batch_size, train_count - begin);
      const auto indices = order.narrow(0, begin, size);
      auto images = normalize(train_images.index_select(0, indices));
      const auto flip = (torch::rand({size}) < 0.5).view({size, 1, 1, 1});
      images = torch::where(flip, images.flip({3}), images);
      optimizer.zero_grad();
      const auto loss = torch::nn::functional::cross_entropy(model->forward(images),
                                                             train_labels.index_select(0, indices), loss_options);
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
