#include "registry/weight_init.h"

#include <fmt/format.h>
#include <torch/nn/init.h>

namespace runner::registry {

namespace {

// LibTorch's own LeakyReLU slope. The kaiming gain needs it, and the init parameters cannot see
// the slope of a leaky_relu layer that follows.
constexpr double kLeakyReluSlope = 0.01;

torch::nn::init::NonlinearityType to_nonlinearity(const std::string& name) {
  if (name == "leaky_relu") return torch::kLeakyReLU;
  if (name == "tanh") return torch::kTanh;
  if (name == "sigmoid") return torch::kSigmoid;
  if (name == "linear") return torch::kLinear;
  return torch::kReLU;
}

}  // namespace

std::vector<ParamSpec> weight_init_params() {
  return {
      choice_param("init", "default",
                   {"default", "kaiming_normal", "kaiming_uniform", "xavier_normal", "xavier_uniform", "zeros",
                    "uniform"},
                   "weight initialisation; default keeps LibTorch's, and the bias always keeps LibTorch's"),
      choice_param(
          "init_nonlinearity", "relu", {"relu", "leaky_relu", "tanh", "sigmoid", "linear"},
          "activation after this layer, which sets the gain of the kaiming inits (leaky_relu uses slope 0.01)"),
      number_param("init_low", -0.1, config::Range::any(), "lower bound of init: uniform"),
      number_param("init_high", 0.1, config::Range::any(), "upper bound of init: uniform; above init_low"),
  };
}

void apply_weight_init(const LayerParams& params, torch::Tensor weight) {
  const std::string& init = params.get_choice("init");
  const std::string& nonlinearity_name = params.get_choice("init_nonlinearity");
  const double slope = nonlinearity_name == "leaky_relu" ? kLeakyReluSlope : 0.0;
  const auto nonlinearity = to_nonlinearity(nonlinearity_name);

  // An in-place write into a parameter is only allowed outside autograd. The xavier inits use gain 1.
  torch::NoGradGuard no_grad;
  if (init == "kaiming_normal") {
    torch::nn::init::kaiming_normal_(weight, slope, torch::kFanIn, nonlinearity);
  } else if (init == "kaiming_uniform") {
    torch::nn::init::kaiming_uniform_(weight, slope, torch::kFanIn, nonlinearity);
  } else if (init == "xavier_normal") {
    torch::nn::init::xavier_normal_(weight);
  } else if (init == "xavier_uniform") {
    torch::nn::init::xavier_uniform_(weight);
  } else if (init == "zeros") {
    torch::nn::init::zeros_(weight);
  } else if (init == "uniform") {
    const double low = params.get_number("init_low");
    const double high = params.get_number("init_high");
    if (!(low < high)) {
      params.fail("init_high", fmt::format("must be above init_low {}, got {}", low, high),
                  "init: uniform draws from [init_low, init_high)");
    }
    torch::nn::init::uniform_(weight, low, high);
  }
}

}  // namespace runner::registry
