// `runner report --sweep`: the heatmap of a final metric over two swept parameters, the points table
// over seeds, and the errors for parameters and metrics that the sweep does not have.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <string>
#include <tuple>

#include "report_test_support.h"
#include "results/metric_names.h"
#include "results/report/html_report.h"
#include "results/report/html_text.h"
#include "results/report/report_error.h"

namespace runner::results::report {
namespace {

using testing::between;
using testing::check_well_formed;
using testing::count_occurrences;
using testing::Epoch;
using testing::read_text_file;
using testing::ReportDatabase;
using testing::TempFolder;

// Final test accuracy of each (model.width, optimizer.lr, seed) run of the sweep.
const std::map<std::tuple<int64_t, double, int64_t>, double> kFinalAccuracy = {
    {{16, 0.1, 1}, 0.80}, {{16, 0.1, 2}, 0.82}, {{16, 0.01, 1}, 0.70}, {{16, 0.01, 2}, 0.74},
    {{32, 0.1, 1}, 0.85}, {{32, 0.1, 2}, 0.89}, {{32, 0.01, 1}, 0.60}, {{32, 0.01, 2}, 0.66},
};

std::vector<Epoch> two_epochs(double final_accuracy) {
  return {{{kTrainLoss, 1.0}, {kTestLoss, 1.1}, {kTestAccuracy, final_accuracy - 0.1}},
          {{kTrainLoss, 0.5}, {kTestLoss, 0.6}, {kTestAccuracy, final_accuracy}}};
}

// A 2 x 2 grid over model.width and optimizer.lr with two seeds per point, and one failed run at
// (32, 0.1) whose accuracy must not count.
class SweepReport : public ::testing::Test {
 protected:
  SweepReport() : database_(folder_.file("runs.db")) {
    sweep_id_ = database_.add_sweep("width_lr", static_cast<int>(kFinalAccuracy.size()) + 1);
    for (const auto& [point, accuracy] : kFinalAccuracy) {
      const auto& [width, lr, seed] = point;
      database_.add_sweep_run(sweep_id_, "fashion_lenet", two_epochs(accuracy),
                              {{"model.width", width}, {"optimizer.lr", lr}, {"seed", seed}});
    }
    database_.add_sweep_run(sweep_id_, "fashion_lenet", two_epochs(0.1),
                            {{"model.width", int64_t{32}}, {"optimizer.lr", 0.1}, {"seed", int64_t{3}}},
                            RunStatus::kFailed);
  }

  std::string report(ReportRequest request) {
    request.database = database_.path();
    request.output = folder_.file("report.html");
    request.sweep_id = sweep_id_;
    write_html_report(request);
    return read_text_file(request.output);
  }

  // The mean of the completed runs at one point, computed here from the table above.
  static double expected_mean(int64_t width, double lr) {
    double sum = 0.0;
    int n = 0;
    for (const auto& [point, accuracy] : kFinalAccuracy) {
      if (std::get<0>(point) == width && std::get<1>(point) == lr) {
        sum += accuracy;
        ++n;
      }
    }
    return sum / n;
  }

  TempFolder folder_;
  ReportDatabase database_;
  int64_t sweep_id_ = 0;
};

std::string heatmap_cell(const std::string& html, const std::string& x, const std::string& y) {
  return between(html, "<g class=\"cell\" data-x=\"" + x + "\" data-y=\"" + y + "\"", "</g>");
}

double cell_mean(const std::string& cell) { return std::stod(between(cell, "data-mean=\"", "\"").substr(11)); }

TEST_F(SweepReport, HeatmapCellsAreMeansOverSeeds) {
  const std::string html = report({});
  EXPECT_EQ(check_well_formed(html), "");
  EXPECT_EQ(count_occurrences(html, "<g class=\"cell\""), 4u);

  for (const int64_t width : {16, 32}) {
    for (const auto& [lr, lr_text] : {std::pair{0.1, "0.1"}, std::pair{0.01, "0.01"}}) {
      const std::string cell = heatmap_cell(html, std::to_string(width), lr_text);
      ASSERT_FALSE(cell.empty()) << "width " << width << ", lr " << lr;

      const double mean = expected_mean(width, lr);
      EXPECT_NEAR(cell_mean(cell), mean, 1e-12) << "width " << width << ", lr " << lr;
      EXPECT_NE(cell.find(">" + format_metric(mean) + "</text>"), std::string::npos) << "the value is written in the cell";
      EXPECT_NE(cell.find(">n=2</text>"), std::string::npos) << "the failed run at (32, 0.1) is not counted";
    }
  }
  EXPECT_NE(html.find(">0.81</text>"), std::string::npos) << "(0.80 + 0.82) / 2, written with 4 digits";
}

TEST_F(SweepReport, HeatmapHasAxisNamesAndColourScale) {
  const std::string heatmap = between(report({}), "<svg class=\"heatmap\"", "</svg>");

  EXPECT_NE(heatmap.find("data-metric=\"test_accuracy\""), std::string::npos) << "the default metric";
  EXPECT_NE(heatmap.find(">model.width</text>"), std::string::npos) << "x: the first varied parameter by name";
  EXPECT_NE(heatmap.find(">optimizer.lr</text>"), std::string::npos) << "y: the second";
  EXPECT_NE(heatmap.find("<linearGradient id=\"heatmap-colour-scale\""), std::string::npos);
  EXPECT_NE(heatmap.find(">" + format_metric(expected_mean(32, 0.1)) + " (max)</text>"), std::string::npos);
  EXPECT_NE(heatmap.find(">" + format_metric(expected_mean(32, 0.01)) + " (min)</text>"), std::string::npos);
  EXPECT_NE(heatmap.find(">16</text>"), std::string::npos);
  EXPECT_NE(heatmap.find(">0.01</text>"), std::string::npos);
}

TEST_F(SweepReport, AxesFollowXAndY) {
  ReportRequest request;
  request.x_parameter = "optimizer.lr";
  request.y_parameter = "model.width";
  const std::string html = report(request);

  const std::string cell = heatmap_cell(html, "0.1", "32");
  ASSERT_FALSE(cell.empty()) << "columns are learning rates and rows widths";
  EXPECT_NEAR(cell_mean(cell), expected_mean(32, 0.1), 1e-12);
}

TEST_F(SweepReport, OnlyXGivenTakesTheOtherParameterForY) {
  ReportRequest request;
  request.x_parameter = "optimizer.lr";
  const std::string html = report(request);

  EXPECT_FALSE(heatmap_cell(html, "0.01", "16").empty());
}

TEST_F(SweepReport, XNotVariedListsVariedParameters) {
  ReportRequest request;
  request.x_parameter = "model.depth";
  try {
    report(request);
    FAIL() << "expected a ReportError";
  } catch (const ReportError& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find("--x model.depth: the sweep does not vary this parameter"), std::string::npos) << message;
    EXPECT_NE(message.find("model.width, optimizer.lr"), std::string::npos) << message;
  }
}

TEST_F(SweepReport, SeedIsNotAHeatmapAxis) {
  ReportRequest request;
  request.y_parameter = "seed";
  EXPECT_THROW(report(request), ReportError);
}

TEST_F(SweepReport, SameParameterTwiceRejected) {
  ReportRequest request;
  request.x_parameter = "model.width";
  request.y_parameter = "model.width";
  EXPECT_THROW(report(request), ReportError);
}

TEST_F(SweepReport, UnknownMetricListsRecordedMetrics) {
  ReportRequest request;
  request.metric = "test_accuray";
  try {
    report(request);
    FAIL() << "expected a ReportError";
  } catch (const ReportError& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find("--metric test_accuray: the sweep's completed runs did not record this metric"), std::string::npos) << message;
    EXPECT_NE(message.find("did you mean 'test_accuracy'?"), std::string::npos) << message;
    EXPECT_NE(message.find("test_accuracy, test_loss, train_loss"), std::string::npos) << message;
  }
}

TEST_F(SweepReport, ChosenMetricFillsTheHeatmap) {
  ReportRequest request;
  request.metric = "test_loss";
  const std::string html = report(request);

  EXPECT_NE(html.find("<svg class=\"heatmap\" data-metric=\"test_loss\""), std::string::npos);
  EXPECT_NEAR(cell_mean(heatmap_cell(html, "16", "0.1")), 0.6, 1e-12);
}

TEST_F(SweepReport, PointsTableShowsMeanStdAndN) {
  const std::string table = between(report({}), "<table class=\"points\">", "</table>");

  EXPECT_EQ(count_occurrences(table, "<tr>") - 1, 4u) << "one row per point, after the header row";
  // (16, 0.1): 0.80 and 0.82 have sample standard deviation 0.01414.
  EXPECT_NE(table.find("<td class=\"number\">0.81 ± 0.01414</td><td class=\"number\">2</td>"), std::string::npos)
      << table;
  // The 95 % interval is 0.81 +- 12.71 * 0.01414 / sqrt(2), with t for one degree of freedom.
  EXPECT_NE(table.find("[0.6829, 0.9371]"), std::string::npos) << table;
  EXPECT_EQ(table.find(">seed<"), std::string::npos) << "points group the seeds";
  EXPECT_NE(table.find(">model.width</th>"), std::string::npos);
  EXPECT_NE(table.find(">optimizer.lr</th>"), std::string::npos);
}

TEST_F(SweepReport, RunsTableAndCurvesIncludeFailedRun) {
  const std::string html = report({});

  EXPECT_EQ(count_occurrences(html, "<article class=\"run\""), kFinalAccuracy.size() + 1);
  EXPECT_NE(html.find("<span class=\"status status-failed\">failed</span>"), std::string::npos);
  EXPECT_NE(html.find("9 runs"), std::string::npos) << "the selection in the header";
  EXPECT_NE(html.find("8 completed, 1 failed"), std::string::npos) << "the trial counts";
}

TEST(SweepHeatmap, PointWithoutCompletedRunIsEmpty) {
  TempFolder folder;
  ReportDatabase database(folder.file("runs.db"));
  const int64_t sweep = database.add_sweep("lr", 2);
  database.add_sweep_run(sweep, "fashion_lenet", two_epochs(0.9), {{"optimizer.lr", 0.1}, {"seed", int64_t{1}}});
  database.add_sweep_run(sweep, "fashion_lenet", two_epochs(0.9), {{"optimizer.lr", 10.0}, {"seed", int64_t{1}}},
                         RunStatus::kDiverged);

  ReportRequest request;
  request.database = database.path();
  request.output = folder.file("report.html");
  request.sweep_id = sweep;
  write_html_report(request);
  const std::string html = read_text_file(request.output);

  EXPECT_EQ(count_occurrences(html, "<g class=\"cell\""), 2u) << "one row, because only optimizer.lr varies";
  EXPECT_NE(heatmap_cell(html, "10", "").find("data-n=\"0\""), std::string::npos);
  EXPECT_NEAR(cell_mean(heatmap_cell(html, "0.1", "")), 0.9, 1e-12);
  EXPECT_EQ(check_well_formed(html), "");
}

TEST(SweepHeatmap, ThirdParameterIsAveragedOver) {
  TempFolder folder;
  ReportDatabase database(folder.file("runs.db"));
  const int64_t sweep = database.add_sweep("three", 4);
  const std::vector<std::tuple<int64_t, double, std::string, double>> runs = {
      {16, 0.1, "none", 0.5}, {16, 0.1, "flip", 0.7}, {32, 0.1, "none", 0.6}, {16, 0.01, "none", 0.4}};
  for (const auto& [width, lr, augment, accuracy] : runs) {
    database.add_sweep_run(sweep, "fashion_lenet", two_epochs(accuracy),
                           {{"model.width", width}, {"optimizer.lr", lr}, {"data.augment", augment}});
  }

  ReportRequest request;
  request.database = database.path();
  request.output = folder.file("report.html");
  request.sweep_id = sweep;
  request.x_parameter = "model.width";
  request.y_parameter = "optimizer.lr";
  write_html_report(request);
  const std::string html = read_text_file(request.output);

  const std::string cell = heatmap_cell(html, "16", "0.1");
  EXPECT_NEAR(cell_mean(cell), 0.6, 1e-12) << "(0.5 + 0.7) / 2 over data.augment";
  EXPECT_NE(cell.find("data-n=\"2\""), std::string::npos);
  EXPECT_NE(heatmap_cell(html, "32", "0.01").find("data-n=\"0\""), std::string::npos);
  EXPECT_NE(html.find("The mean also runs over the other varied parameters: data.augment."), std::string::npos);
}

TEST(SweepHeatmap, LanguageSweepFallsBackToHeldOutLoss) {
  TempFolder folder;
  ReportDatabase database(folder.file("runs.db"));
  const int64_t sweep = database.add_sweep("context", 2);
  for (const int64_t context : {2, 4}) {
    database.add_sweep_run(sweep, "shakespeare_ngram",
                           {{{"loss", 6.0}, {"held_out_loss", 5.0 + static_cast<double>(context) / 10.0}}},
                           {{"task.context", context}, {"training.epochs", int64_t{3}}});
  }

  ReportRequest request;
  request.database = database.path();
  request.output = folder.file("report.html");
  request.sweep_id = sweep;
  const auto summary = write_html_report(request);

  EXPECT_EQ(summary.metric, "held_out_loss");
  EXPECT_TRUE(summary.heatmap);
  const std::string html = read_text_file(request.output);
  EXPECT_NEAR(cell_mean(heatmap_cell(html, "4", "")), 5.4, 1e-12);
  EXPECT_NE(html.find("Same at every point: training.epochs = 3</p>"), std::string::npos);
  EXPECT_EQ(html.find("<th class=\"param\">training.epochs</th>"), std::string::npos);
}

}  // namespace
}  // namespace runner::results::report
