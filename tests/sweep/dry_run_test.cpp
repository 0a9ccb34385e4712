#include "sweep_test_util.h"

#include <cstdio>

#include "runner/sweep/dry_run.h"

namespace runner::testing {
namespace {

using ::testing::HasSubstr;

using DryRun = SweepFiles;

std::string dry_run_text(const sweep::ExpandedSweep& sweep) {
  std::FILE* file = std::tmpfile();
  EXPECT_NE(file, nullptr);
  sweep::print_dry_run(file, sweep);
  std::rewind(file);
  std::string text;
  char buffer[4096];
  while (size_t read = std::fread(buffer, 1, sizeof(buffer), file)) text.append(buffer, read);
  std::fclose(file);
  return text;
}

// The text with every hex hash replaced by a fixed mark, so the layout can be compared exactly.
std::string mask_hashes(const sweep::ExpandedSweep& sweep, std::string text) {
  const auto mask = [&text](const std::string& hash) { text = replace_once(text, hash.substr(0, 12), "HHHHHHHHHHHH"); };
  mask(sweep.definition_hash);
  for (const auto& point : sweep.points) mask(point.config_hash);
  return text;
}

TEST_F(DryRun, AlignedTableWithOrigins) {
  const auto sweep = expand("sweep:\n  grid:\n    model.width: [32, 64]\n",
                            {"~optimizer.weight_decay", "name=\"3\"", "seed=1,2"});
  const std::string text = mask_hashes(sweep, dry_run_text(sweep));
  const std::string file = write_config().string();
  const std::string expected = "sweep '3' from " + file + ": 4 points, definition HHHHHHHHHHHH\n" +
R"(point  config        path                    value    from
  all                optimizer.weight_decay  default  command line (override 1)
                     name                    "3"      command line (override 2)
    0  HHHHHHHHHHHH  model.width             32       sweep.yaml:22 (sweep.grid)
                     seed                    1        command line (override 3)
    1  HHHHHHHHHHHH  model.width             32       sweep.yaml:22 (sweep.grid)
                     seed                    2        command line (override 3)
    2  HHHHHHHHHHHH  model.width             64       sweep.yaml:22 (sweep.grid)
                     seed                    1        command line (override 3)
    3  HHHHHHHHHHHH  model.width             64       sweep.yaml:22 (sweep.grid)
                     seed                    2        command line (override 3)
4 points; nothing was trained
)";
  EXPECT_EQ(text, expected);
}

TEST_F(DryRun, SingleRunWithoutChanges) {
  const auto sweep = expand("");
  const std::string text = dry_run_text(sweep);
  EXPECT_THAT(text, HasSubstr("run 'unit' from "));
  EXPECT_THAT(text, HasSubstr(": 1 point, definition "));
  EXPECT_THAT(text, HasSubstr("    0  " + sweep.points[0].config_hash.substr(0, 12) + "  (the config as written)\n"));
  EXPECT_THAT(text, HasSubstr("\n1 point; nothing was trained\n"));
}

TEST_F(DryRun, SingleRunListsOverridesUnderPoint) {
  const auto sweep = expand("", {"optimizer.lr=1e-7"});
  const std::string text = dry_run_text(sweep);
  EXPECT_THAT(text, HasSubstr("    0  " + sweep.points[0].config_hash.substr(0, 12) +
                              "  optimizer.lr  1e-07  command line (override 1)\n"));
  EXPECT_THAT(text, ::testing::Not(HasSubstr("all")));
}

TEST_F(DryRun, SingleValueAxisListedOnce) {
  // A grid axis of one value is the same in every point, so it is listed once under "all".
  const auto sweep = expand("sweep:\n  grid:\n    training.epochs: [4]\n    seed: [1, 2]\n");
  const std::string text = dry_run_text(sweep);
  EXPECT_THAT(text, HasSubstr("  all                training.epochs  4      sweep.yaml:22 (sweep.grid)\n"));
  EXPECT_THAT(text, HasSubstr("  seed             2      sweep.yaml:23 (sweep.grid)\n"));
}

}  // namespace
}  // namespace runner::testing
