// Which runs `runner report` shows, and the errors for a selection the database cannot satisfy: each
// names the value and lists the valid choices.
#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include "report_test_support.h"
#include "results/metric_names.h"
#include "results/report/html_report.h"
#include "results/report/report_error.h"
#include "results/report/report_selection.h"
#include "results/store_error.h"

namespace runner::results::report {
namespace {

using testing::count_occurrences;
using testing::Epoch;
using testing::RawDatabase;
using testing::read_text_file;
using testing::ReportDatabase;
using testing::TempFolder;

const std::vector<Epoch> kOneEpoch = {{{kTrainLoss, 1.0}, {kTestLoss, 1.2}}};

// Runs the report and returns the message of the ReportError it throws, or "" when it throws none.
std::string report_error(const ReportRequest& request) {
  try {
    write_html_report(request);
  } catch (const ReportError& error) {
    return error.what();
  }
  return "";
}

class ReportSelection : public ::testing::Test {
 protected:
  ReportSelection() : database_(folder_.file("runs.db")) {
    for (int i = 0; i < 3; ++i) database_.add_run("fashion_lenet", kOneEpoch);
    sweep_id_ = database_.add_sweep("lr_grid", 1);
    database_.add_sweep_run(sweep_id_, "fashion_lenet", kOneEpoch, {{"optimizer.lr", 0.1}});
  }

  ReportRequest request() const {
    ReportRequest request;
    request.database = database_.path();
    request.output = folder_.file("report.html");
    return request;
  }

  TempFolder folder_;
  ReportDatabase database_;
  int64_t sweep_id_ = 0;
};

TEST_F(ReportSelection, UnknownRunListsRunIds) {
  auto unknown = request();
  unknown.run_ids = {2, 99};
  const std::string message = report_error(unknown);

  EXPECT_NE(message.find("run 99 not found"), std::string::npos) << message;
  EXPECT_NE(message.find("hint: runs in this database: 1-4"), std::string::npos) << message;
  EXPECT_FALSE(std::filesystem::exists(unknown.output)) << "no report for a bad selection";
}

TEST_F(ReportSelection, UnknownSweepListsSweeps) {
  auto unknown = request();
  unknown.sweep_id = 7;
  const std::string message = report_error(unknown);

  EXPECT_NE(message.find("sweep 7 not found"), std::string::npos) << message;
  EXPECT_NE(message.find("sweeps in this database: 1 (lr_grid)"), std::string::npos) << message;
}

TEST_F(ReportSelection, EmptySelectionListsChoices) {
  const std::string message = report_error(request());

  EXPECT_NE(message.find("no runs selected"), std::string::npos) << message;
  EXPECT_NE(message.find("runs in this database: 1-4"), std::string::npos) << message;
  EXPECT_NE(message.find("1 (lr_grid)"), std::string::npos) << message;
}

TEST_F(ReportSelection, SweepWithoutRunsNamesItsTrials) {
  const int64_t empty = database_.add_sweep("not_started", 3);
  auto pending = request();
  pending.sweep_id = empty;
  const std::string message = report_error(pending);

  EXPECT_NE(message.find("sweep 2 (not_started) has no runs yet"), std::string::npos) << message;
  EXPECT_NE(message.find("its trials: 3 pending"), std::string::npos) << message;
}

TEST_F(ReportSelection, HeatmapOptionsNeedSweep) {
  auto runs = request();
  runs.run_ids = {1};
  runs.x_parameter = "optimizer.lr";
  const std::string message = report_error(runs);

  EXPECT_NE(message.find("--x optimizer.lr needs --sweep ID"), std::string::npos) << message;

  runs.x_parameter.reset();
  runs.metric = "test_loss";
  EXPECT_NE(report_error(runs).find("--metric test_loss needs --sweep ID"), std::string::npos);
}

TEST_F(ReportSelection, SweepAndRunIdsExclusive) {
  auto both = request();
  both.run_ids = {1};
  both.sweep_id = sweep_id_;

  EXPECT_NE(report_error(both).find("both --sweep and run ids were given"), std::string::npos);
}

TEST_F(ReportSelection, RepeatedRunIdReportedOnce) {
  auto repeated = request();
  repeated.run_ids = {3, 1, 3};
  const auto summary = write_html_report(repeated);
  const std::string html = read_text_file(repeated.output);

  EXPECT_EQ(summary.runs, 2u);
  EXPECT_EQ(count_occurrences(html, "<article class=\"run\""), 2u);
  EXPECT_LT(html.find("id=\"run-3\""), html.find("id=\"run-1\"")) << "runs keep the order given";
}

TEST_F(ReportSelection, SweepSelectsItsRunsOnly) {
  auto sweep = request();
  sweep.sweep_id = sweep_id_;
  const auto summary = write_html_report(sweep);

  EXPECT_EQ(summary.runs, 1u);
  EXPECT_NE(read_text_file(sweep.output).find("id=\"run-4\""), std::string::npos);
}

TEST_F(ReportSelection, ReadsWhileAnotherConnectionWrites) {
  // A run in progress holds the write lock between statements of a transaction; WAL lets readers in.
  RawDatabase writer(database_.path());
  writer.execute("BEGIN IMMEDIATE");
  writer.execute("UPDATE runs SET error = 'in progress' WHERE id = 1");

  auto runs = request();
  runs.run_ids = {1};
  EXPECT_NO_THROW(write_html_report(runs));
  EXPECT_EQ(read_text_file(runs.output).find("in progress"), std::string::npos) << "uncommitted rows are not read";
  writer.execute("ROLLBACK");
}

TEST(ReportDatabaseFile, MissingFileIsNotCreated) {
  TempFolder folder;
  ReportRequest request;
  request.database = folder.file("typo.db");
  request.output = folder.file("report.html");
  request.run_ids = {1};
  const std::string message = report_error(request);

  EXPECT_NE(message.find("results database " + request.database.string() + " not found"), std::string::npos)
      << message;
  EXPECT_NE(message.find("--db FILE"), std::string::npos) << message;
  EXPECT_FALSE(std::filesystem::exists(request.database)) << "the report opens the database read-only";
}

TEST(ReportDatabaseFile, TextFileIsRejected) {
  TempFolder folder;
  std::ofstream(folder.file("notes.db")) << "these are not the runs you are looking for\n";
  ReportRequest request;
  request.database = folder.file("notes.db");
  request.output = folder.file("report.html");
  request.run_ids = {1};

  try {
    write_html_report(request);
    FAIL() << "expected a StoreError";
  } catch (const StoreError& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find("file is not a database"), std::string::npos) << message;
    EXPECT_NE(message.find("pass the results database with --db FILE"), std::string::npos) << message;
  }
}

TEST(ReportDatabaseFile, OtherSqliteDatabaseIsRejected) {
  TempFolder folder;
  RawDatabase(folder.file("other.db")).execute("CREATE TABLE photos (id INTEGER PRIMARY KEY)");
  ReportRequest request;
  request.database = folder.file("other.db");
  request.output = folder.file("report.html");
  request.run_ids = {1};
  const std::string message = report_error(request);

  EXPECT_NE(message.find("is not a runner results database"), std::string::npos) << message;
}

TEST(ReportDatabaseFile, MissingOutputRejected) {
  TempFolder folder;
  ReportDatabase database(folder.file("runs.db"));
  const int64_t run = database.add_run("fashion_lenet", kOneEpoch);
  ReportRequest request;
  request.database = database.path();
  request.run_ids = {run};

  EXPECT_NE(report_error(request).find("no output file given"), std::string::npos);
}

// A database that no runner of schema version 2 has opened yet: runs and metrics, no sweeps.
TEST(ReportDatabaseFile, VersionOneDatabaseReportsRuns) {
  TempFolder folder;
  {
    RawDatabase old(folder.file("old.db"));
    old.execute(read_text_file(std::filesystem::path(RUNNER_SOURCE_DIR) / "tests" / "results" / "schema_version_1.sql"));
    old.execute("PRAGMA user_version = 1");
    old.execute(
        "INSERT INTO runs (experiment, config_file, config_json, seed, device, device_name, status, host, "
        "torch_version, runner_version, git_commit, blas, threads, parameter_count) VALUES ('mnist_mlp', 'a.yaml', "
        "'{}', 1, 'cpu', 'cpu', 'completed', 'host', '1.13', '0.1.0', 'abc', 'openblas', 2, 100)");
    old.execute("INSERT INTO metrics (run_id, epoch, name, value) VALUES (1, 1, 'test_loss', 0.5), (1, 2, 'test_loss', 0.4)");
  }

  ReportRequest request;
  request.database = folder.file("old.db");
  request.output = folder.file("report.html");
  request.run_ids = {1};
  write_html_report(request);
  EXPECT_EQ(testing::polyline_points(testing::chart(testing::run_article(read_text_file(request.output), 1), "loss"),
                                     "test_loss"),
            2);

  request.run_ids.clear();
  request.sweep_id = 1;
  EXPECT_NE(report_error(request).find("schema version 1, which has no sweeps"), std::string::npos);
  EXPECT_EQ(RawDatabase(folder.file("old.db")).integer("PRAGMA user_version"), 1) << "the report does not migrate";
}

TEST(IdRanges, CollapsesConsecutiveIds) {
  EXPECT_EQ(format_id_ranges({}), "");
  EXPECT_EQ(format_id_ranges({4}), "4");
  EXPECT_EQ(format_id_ranges({1, 2, 3}), "1-3");
  EXPECT_EQ(format_id_ranges({9, 1, 2, 5, 2, 10, 11}), "1-2, 5, 9-11");
}

}  // namespace
}  // namespace runner::results::report
