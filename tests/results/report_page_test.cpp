// `runner report` for a list of runs: the page is well-formed and self-contained, draws one set of
// learning curves per run with every recorded epoch, escapes database text and survives NaN values.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>

#include "report_test_support.h"
#include "results/metric_names.h"
#include "results/report/html_report.h"

namespace runner::results::report {
namespace {

using testing::chart;
using testing::check_well_formed;
using testing::count_occurrences;
using testing::Epoch;
using testing::polyline_points;
using testing::read_text_file;
using testing::ReportDatabase;
using testing::run_article;
using testing::TempFolder;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInfinity = std::numeric_limits<double>::infinity();

// An image-classification epoch with all four curves; values change with the epoch.
Epoch image_epoch(int epoch) {
  const double progress = static_cast<double>(epoch);
  return {{kTrainLoss, 2.0 / progress},
          {kTestLoss, 2.2 / progress},
          {kTrainAccuracy, 0.5 + 0.05 * progress},
          {kTestAccuracy, 0.45 + 0.05 * progress},
          {kEpochSeconds, 3.0}};
}

std::vector<Epoch> image_epochs(int count) {
  std::vector<Epoch> epochs;
  for (int epoch = 1; epoch <= count; ++epoch) epochs.push_back(image_epoch(epoch));
  return epochs;
}

std::string write_report(const ReportDatabase& database, const std::vector<int64_t>& run_ids,
                         const std::filesystem::path& output) {
  ReportRequest request;
  request.database = database.path();
  request.output = output;
  request.run_ids = run_ids;
  write_html_report(request);
  return read_text_file(output);
}

TEST(ReportPage, WellFormedAndSelfContained) {
  TempFolder folder;
  ReportDatabase database(folder.file("runs.db"));
  const int64_t first = database.add_run("fashion_lenet", image_epochs(3));
  const int64_t second = database.add_run("fashion_lenet", image_epochs(5));

  const std::string html = write_report(database, {first, second}, folder.file("report.html"));

  EXPECT_EQ(check_well_formed(html), "");
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_EQ(html.find("http://"), std::string::npos) << "the page must load nothing from a network";
  EXPECT_EQ(html.find("https://"), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("<link"), std::string::npos);
  EXPECT_EQ(html.find("<img"), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(folder.file("report.html.partial")));
}

TEST(ReportPage, HeaderNamesDatabaseAndVersion) {
  TempFolder folder;
  ReportDatabase database(folder.file("runs.db"));
  const int64_t run = database.add_run("fashion_lenet", image_epochs(2));

  const std::string html = write_report(database, {run}, folder.file("report.html"));

  EXPECT_NE(html.find("<dd>" + database.path().string() + "</dd>"), std::string::npos);
  EXPECT_NE(html.find("<dt>runner</dt><dd>0."), std::string::npos) << "the runner version, e.g. 0.1.0";
  EXPECT_NE(html.find("<dt>generated (UTC)</dt><dd>20"), std::string::npos);
  EXPECT_NE(html.find("<dd>run " + std::to_string(run) + "</dd>"), std::string::npos);
}

TEST(ReportPage, OneChartSetPerRunWithEveryEpoch) {
  TempFolder folder;
  ReportDatabase database(folder.file("runs.db"));
  const int64_t three = database.add_run("fashion_lenet", image_epochs(3));
  const int64_t five = database.add_run("fashion_lenet", image_epochs(5));

  const std::string html = write_report(database, {three, five}, folder.file("report.html"));
  EXPECT_EQ(count_occurrences(html, "<article class=\"run\""), 2u);
  EXPECT_EQ(count_occurrences(html, "<svg class=\"chart\""), 4u) << "a loss and an accuracy chart per run";

  for (const auto& [run, epochs] : {std::pair{three, 3}, std::pair{five, 5}}) {
    const std::string article = run_article(html, run);
    ASSERT_FALSE(article.empty()) << "run " << run;

    const std::string loss = chart(article, "loss");
    const std::string accuracy = chart(article, "accuracy");
    EXPECT_EQ(polyline_points(loss, "train_loss"), epochs) << "run " << run;
    EXPECT_EQ(polyline_points(loss, "test_loss"), epochs) << "run " << run;
    EXPECT_EQ(polyline_points(accuracy, "train_accuracy"), epochs) << "run " << run;
    EXPECT_EQ(polyline_points(accuracy, "test_accuracy"), epochs) << "run " << run;
    EXPECT_EQ(count_occurrences(loss, "<polyline"), 2u) << "seconds is not drawn";
  }
}

TEST(ReportPage, ChartsHaveAxesTicksAndLegend) {
  TempFolder folder;
  ReportDatabase database(folder.file("runs.db"));
  const int64_t run = database.add_run("fashion_lenet", image_epochs(4));

  const std::string loss = chart(run_article(write_report(database, {run}, folder.file("report.html")), run), "loss");

  EXPECT_NE(loss.find(">Loss per epoch</text>"), std::string::npos);
  EXPECT_NE(loss.find(">epoch</text>"), std::string::npos) << "x axis label";
  EXPECT_NE(loss.find("transform=\"rotate(-90"), std::string::npos) << "y axis label";
  for (const char* tick : {">1</text>", ">2</text>", ">3</text>", ">4</text>"}) {
    EXPECT_NE(loss.find(tick), std::string::npos) << "epoch tick " << tick;
  }
  EXPECT_GE(count_occurrences(loss, "class=\"grid\""), 3u) << "y ticks with grid lines";
  const std::string legend = testing::between(loss, "<g class=\"legend\">", "</g>");
  EXPECT_NE(legend.find(">train_loss</text>"), std::string::npos);
  EXPECT_NE(legend.find(">test_loss</text>"), std::string::npos);
}

TEST(ReportPage, EscapesTextFromTheDatabase) {
  TempFolder folder;
  ReportDatabase database(folder.file("runs.db"));
  const std::string attack = "<script>alert(1)</script>";
  const int64_t run =
      database.add_run(attack, image_epochs(2), RunStatus::kFailed, "bad \"quote\" & <b>tag</b>");
  database.add_param(run, "model.activation", std::string("\"><img src=x onerror=alert(2)>"));

  const std::string html = write_report(database, {run}, folder.file("report.html"));

  EXPECT_EQ(html.find(attack), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("<img"), std::string::npos);
  EXPECT_EQ(html.find("<b>tag"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(html.find("bad &quot;quote&quot; &amp; &lt;b&gt;tag&lt;/b&gt;"), std::string::npos);
  EXPECT_NE(html.find("&quot;&gt;&lt;img src=x onerror=alert(2)&gt;"), std::string::npos);
  EXPECT_EQ(check_well_formed(html), "");
}

TEST(ReportPage, SkipsAndMarksNonFiniteValues) {
  TempFolder folder;
  ReportDatabase database(folder.file("runs.db"));
  // The test loss is NaN at epoch 3 and infinite at epoch 4, as when training diverges.
  const int64_t run = database.add_run("diverging",
                                       {{{kTrainLoss, 2.0}, {kTestLoss, 2.1}},
                                        {{kTrainLoss, 1.5}, {kTestLoss, 1.7}},
                                        {{kTrainLoss, 9.0}, {kTestLoss, kNaN}},
                                        {{kTrainLoss, 40.0}, {kTestLoss, kInfinity}}},
                                       RunStatus::kDiverged);

  const std::string html = write_report(database, {run}, folder.file("report.html"));
  const std::string loss = chart(run_article(html, run), "loss");

  EXPECT_EQ(polyline_points(loss, "train_loss"), 4);
  EXPECT_EQ(polyline_points(loss, "test_loss"), 2) << "NaN and Infinity are left out of the line";
  EXPECT_EQ(count_occurrences(loss, "<g class=\"non-finite\""), 2u) << "one mark per skipped value";
  EXPECT_NE(loss.find("test_loss at epoch 3 is NaN, not drawn"), std::string::npos);
  EXPECT_NE(loss.find("test_loss at epoch 4 is Infinity, not drawn"), std::string::npos);
  const std::string coordinates = testing::between(loss, "points=\"", "\"", loss.find("data-series=\"test_loss\""));
  EXPECT_EQ(coordinates.find("nan"), std::string::npos) << coordinates;
  EXPECT_EQ(coordinates.find("inf"), std::string::npos) << coordinates;
  EXPECT_NE(html.find("2 values are NaN or infinite and not drawn"), std::string::npos);
  EXPECT_NE(html.find("<td class=\"number non-finite\">Infinity</td>"), std::string::npos)
      << "the final test_loss in the runs table";
  EXPECT_EQ(check_well_formed(html), "");
}

TEST(ReportPage, AllValuesNonFiniteStillDrawsAxes) {
  TempFolder folder;
  ReportDatabase database(folder.file("runs.db"));
  const int64_t run = database.add_run("broken", {{{kTrainLoss, kNaN}}, {{kTrainLoss, kNaN}}}, RunStatus::kDiverged);

  const std::string loss = chart(run_article(write_report(database, {run}, folder.file("report.html")), run), "loss");

  EXPECT_EQ(polyline_points(loss, "train_loss"), 0);
  EXPECT_EQ(count_occurrences(loss, "<g class=\"non-finite\""), 2u);
  EXPECT_GE(count_occurrences(loss, "class=\"axis\""), 2u);
}

TEST(ReportPage, RunWithoutMetricsHasNote) {
  TempFolder folder;
  ReportDatabase database(folder.file("runs.db"));
  const int64_t run = database.add_run("crashed_early", {}, RunStatus::kFailed, "out of memory");

  const std::string html = write_report(database, {run}, folder.file("report.html"));

  EXPECT_NE(run_article(html, run).find("recorded no loss, accuracy or perplexity values"), std::string::npos);
  EXPECT_NE(html.find("out of memory"), std::string::npos);
}

TEST(ReportPage, TextRunShowsLossPerplexityAndSteps) {
  TempFolder folder;
  ReportDatabase database(folder.file("runs.db"));
  const int64_t run = database.add_run("shakespeare_ngram", {{{"loss", 6.1}, {"held_out_loss", 6.4}, {"perplexity", 600.0}},
                                                             {{"loss", 5.2}, {"held_out_loss", 5.9}, {"perplexity", 365.0}}});
  for (int64_t step = 100; step <= 700; step += 100) {
    database.add_step_metric(run, step, "loss", 7.0 - static_cast<double>(step) / 1000.0);
  }

  const std::string html = write_report(database, {run}, folder.file("report.html"));
  const std::string article = run_article(html, run);

  EXPECT_EQ(polyline_points(chart(article, "loss"), "loss"), 2);
  EXPECT_EQ(polyline_points(chart(article, "loss"), "held_out_loss"), 2);
  EXPECT_EQ(polyline_points(chart(article, "perplexity"), "perplexity"), 2);
  EXPECT_EQ(polyline_points(chart(article, "step-loss"), "loss"), 7);
  EXPECT_TRUE(chart(article, "accuracy").empty()) << "a language run records no accuracy";
  EXPECT_NE(chart(article, "step-loss").find(">step</text>"), std::string::npos);
}

TEST(ReportPage, RunsTableListsParamsAndFinalMetrics) {
  TempFolder folder;
  ReportDatabase database(folder.file("runs.db"));
  const int64_t tiny_lr = database.add_run("fashion_lenet", image_epochs(3));
  const int64_t large_lr = database.add_run("fashion_lenet", image_epochs(2));
  database.add_param(tiny_lr, "optimizer.lr", 1e-7);
  database.add_param(large_lr, "optimizer.lr", 0.1);
  for (const auto& [run, seed] : {std::pair{tiny_lr, 3}, std::pair{large_lr, 4}}) {
    database.add_param(run, "model.width", int64_t{64});
    database.add_param(run, "seed", int64_t{seed});
  }

  const std::string html = write_report(database, {tiny_lr, large_lr}, folder.file("report.html"));
  const std::string section = testing::between(html, "<section id=\"runs\">", "</section>");
  const std::string table = testing::between(section, "<table class=\"runs\">", "</table>");

  const std::string header = testing::between(table, "<thead>", "</thead>");
  const size_t lr = header.find(">optimizer.lr</th>");
  const size_t seed = header.find(">seed</th>");
  ASSERT_NE(lr, std::string::npos);
  ASSERT_NE(seed, std::string::npos);
  EXPECT_LT(lr, seed) << "seed is the last parameter column";
  EXPECT_EQ(header.find(">model.width</th>"), std::string::npos) << "a value shared by every run gets no column";
  EXPECT_NE(section.find("Same in every run: model.width = 64</p>"), std::string::npos);

  EXPECT_NE(table.find("<td class=\"param\">1e-07</td>"), std::string::npos) << "a REAL keeps its value";
  EXPECT_NE(table.find("<td class=\"param\">0.1</td>"), std::string::npos);
  EXPECT_NE(table.find("<td class=\"number\">0.6</td>"), std::string::npos) << "final test_accuracy 0.45 + 3 * 0.05";
  EXPECT_NE(table.find("<td class=\"number\">0.7333</td>"), std::string::npos) << "final test_loss 2.2 / 3";
  EXPECT_NE(table.find("<td class=\"number\">1.1</td>"), std::string::npos) << "final test_loss 2.2 / 2";
  EXPECT_NE(table.find("<a href=\"#run-" + std::to_string(tiny_lr) + "\">"), std::string::npos);
}

TEST(ReportPage, SingleRunListsParamsAboveTable) {
  TempFolder folder;
  ReportDatabase database(folder.file("runs.db"));
  const int64_t run = database.add_run("fashion_lenet", image_epochs(1));
  database.add_param(run, "optimizer.lr", 0.001);

  const std::string html = write_report(database, {run}, folder.file("report.html"));

  EXPECT_NE(html.find("Parameters: optimizer.lr = 0.001</p>"), std::string::npos);
  EXPECT_EQ(html.find("<th class=\"param\">"), std::string::npos);
}

}  // namespace
}  // namespace runner::results::report
