// parallel: several branches on the same input, joined by a sum or by concatenating channels.
#include <algorithm>

#include <fmt/format.h>

#include "registry/graph/graph_builder.h"
#include "registry/layer_params.h"

namespace runner::registry {

namespace {

struct Branch {
  Sequence module;
  Shape output_shape;
  std::string label;  // "branches[1]"
};

void check_sum_shapes(const LayerParams& params, const Shape& input_shape, const std::vector<Branch>& branches) {
  for (const Branch& branch : branches) {
    if (branch.output_shape == branches[0].output_shape) continue;
    params.fail_shape("branches", input_shape,
                      fmt::format("join sum needs equal output shapes, got {} from {} and {} from {}",
                                  format_shape(branches[0].output_shape), branches[0].label,
                                  format_shape(branch.output_shape), branch.label),
                      "make the branches produce the same shape, or use join: concat");
  }
}

// Concatenation along the first per-sample dimension: every other dimension must agree.
Shape concat_shape(const LayerParams& params, const Shape& input_shape, const std::vector<Branch>& branches) {
  Shape output = branches[0].output_shape;
  for (size_t i = 1; i < branches.size(); ++i) {
    const Shape& shape = branches[i].output_shape;
    const bool compatible = shape.size() == output.size() && std::equal(shape.begin() + 1, shape.end(), output.begin() + 1);
    if (!compatible) {
      params.fail_shape("branches", input_shape,
                        fmt::format("join concat needs equal shapes after the first dimension, got {} from {} and {} "
                                    "from {}",
                                    format_shape(branches[0].output_shape), branches[0].label, format_shape(shape),
                                    branches[i].label),
                        "make the branches agree in every dimension but the first (the channels)");
    }
    output[0] += shape[0];
  }
  return output;
}

GraphOutput build_parallel(const config::ConfigNode& node, const Shape& input_shape, const GraphContext& context) {
  std::optional<ConfigError> missing;
  const std::vector<config::ConfigNode> branch_nodes = read_layer_list(node, "branches", missing);
  ParamSpec join = choice_param("join", "sum", {"sum", "concat"}, "how the branch outputs are combined");
  join.fallback.reset();  // required: neither join is the natural default
  const LayerParams params = LayerParams::read(node, "parallel", {join}, context.scope);
  if (missing) throw *missing;
  if (branch_nodes.empty()) node.fail("branches", "must contain at least one branch");

  std::vector<Branch> branches;
  for (size_t i = 0; i < branch_nodes.size(); ++i) {
    const config::ConfigNode& branch_node = branch_nodes[i];
    if (!branch_node.is_sequence()) {
      branch_node.fail("", "a branch must be a list of layers",
                       "write branches: [[layer, ...], [layer, ...]]; an empty list [] passes the input through");
    }
    SequenceOutput output = build_graph_sequence(branch_node.elements(), input_shape, context);
    branches.push_back({output.module, output.output_shape, fmt::format("branches[{}]", i)});
  }

  const bool sum = params.get_choice("join") == "sum";
  Shape output_shape = branches[0].output_shape;
  if (sum) {
    check_sum_shapes(params, input_shape, branches);
  } else {
    output_shape = concat_shape(params, input_shape, branches);
  }

  std::vector<Sequence> modules;
  for (const Branch& branch : branches) modules.push_back(branch.module);
  return {torch::nn::AnyModule(Parallel(std::move(modules), sum ? JoinMode::kSum : JoinMode::kConcat)), output_shape};
}

}  // namespace

ContainerType parallel_container() {
  return {"parallel",
          "runs every branch on the same input and joins the outputs by a sum or along the channels",
          {"branches: list of lists of layers (required); an empty branch passes the input through",
           "join: sum (equal shapes) or concat (along the first per-sample dimension) (required)"},
          build_parallel};
}

}  // namespace runner::registry
