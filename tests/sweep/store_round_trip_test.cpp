// An expanded sweep stored as trials in a real results database, as the sweep executor stores it.
#include "sweep_test_util.h"

#include "results/store.h"
#include "results/store_error.h"
#include "results/trials.h"
#include "runner/config/config_node.h"

namespace runner::testing {
namespace {

using StoreRoundTrip = SweepFiles;

results::SweepDefinition to_definition(const sweep::ExpandedSweep& sweep) {
  results::SweepDefinition definition{sweep.name, sweep.config_file.string(), sweep.definition_hash,
                                      sweep.definition_json.dump(), {}};
  for (const auto& point : sweep.points) {
    definition.points.push_back({static_cast<int64_t>(point.point_index), point.config_hash, point.config_yaml,
                                 sweep::params_object(point).dump()});
  }
  return definition;
}

const char* kSection = "sweep:\n  grid:\n    model.width: [32, 64]\n    seed: [1, 2]\n";

TEST_F(StoreRoundTrip, TrialsKeepConfigAndParams) {
  const auto sweep = expand(kSection, {"optimizer.lr=1e-7"});
  results::ResultsStore store(folder_ / "results.db");
  const auto handle = results::open_sweep(store, to_definition(sweep), results::SweepOpenMode::kResume);
  EXPECT_TRUE(handle.created);
  EXPECT_EQ(handle.counts.pending, 4);

  for (const auto& point : sweep.points) {
    const auto trial = results::claim_trial(store, handle.sweep_id, "test", 0, 1, std::chrono::seconds(3600));
    ASSERT_TRUE(trial.has_value());
    EXPECT_EQ(trial->point_index, static_cast<int64_t>(point.point_index));
    EXPECT_EQ(trial->config_yaml, point.config_yaml);

    const auto params = nlohmann::json::parse(trial->params_json);
    EXPECT_EQ(params["optimizer.lr"].get<double>(), 1e-7);
    EXPECT_TRUE(params["optimizer.lr"].is_number_float());
    EXPECT_TRUE(params["seed"].is_number_integer());
    EXPECT_EQ(params["model.width"], point.config_json["model"]["width"]);

    const auto root = config::ConfigNode::parse_string(trial->config_yaml, "trial.yaml");
    EXPECT_EQ(root.child("optimizer").get_double("lr", std::nullopt), 1e-7);
  }
}

TEST_F(StoreRoundTrip, SameSweepResumes) {
  results::ResultsStore store(folder_ / "results.db");
  const auto first = results::open_sweep(store, to_definition(expand(kSection)), results::SweepOpenMode::kResume);
  const auto second = results::open_sweep(store, to_definition(expand(kSection)), results::SweepOpenMode::kResume);
  EXPECT_TRUE(first.created);
  EXPECT_FALSE(second.created);
  EXPECT_EQ(second.sweep_id, first.sweep_id);
}

TEST_F(StoreRoundTrip, ChangedValueIsAnotherDefinition) {
  results::ResultsStore store(folder_ / "results.db");
  results::open_sweep(store, to_definition(expand(kSection)), results::SweepOpenMode::kResume);
  const auto changed = to_definition(expand(kSection, {"training.epochs=4"}));
  EXPECT_THROW(results::open_sweep(store, changed, results::SweepOpenMode::kResume), results::StoreError);
}

}  // namespace
}  // namespace runner::testing
