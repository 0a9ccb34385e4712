// Helpers for the report tests: a results database filled through ResultsStore, and small readers of
// the HTML that the report writes (a well-formedness check, and extraction of runs, charts and cells).
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "results/run_lookup.h"
#include "results/sqlite.h"
#include "results/store.h"
#include "results/trials.h"
#include "test_database.h"

namespace runner::results::testing {

using Epoch = std::vector<std::pair<std::string, double>>;
using Param = nlohmann::json;  // INTEGER, REAL or TEXT in run_params, as record_params stores it

// A results database written the way runs write it: begin_run, log_epoch, finish_run, plus the
// version-2 rows that sweeps add.
class ReportDatabase {
 public:
  // Without the fsync of every commit, because a test database need not survive a power loss.
  explicit ReportDatabase(const std::filesystem::path& path) : store_(path) {
    store_.connection().execute("PRAGMA synchronous = OFF", "turning off fsync for the test");
  }

  ResultsStore& store() { return store_; }
  std::filesystem::path path() const { return store_.path(); }

  int64_t add_run(const std::string& experiment, const std::vector<Epoch>& epochs,
                  RunStatus status = RunStatus::kCompleted, const std::string& error = "") {
    const int64_t run_id = store_.begin_run(sample_run(experiment));
    for (size_t i = 0; i < epochs.size(); ++i) store_.log_epoch(run_id, static_cast<int64_t>(i + 1), epochs[i]);
    store_.finish_run(run_id, status, error);
    return run_id;
  }

  void add_param(int64_t run_id, const std::string& name, const Param& value) {
    record_params(store_, run_id, {{name, value}});
  }

  void add_step_metric(int64_t run_id, int64_t step, const std::string& name, double value) {
    log_step(store_, run_id, step, 1, {{name, value}});
  }

  // Creates a sweep with `points` pending trials, as `runner train` does for a sweep before training.
  int64_t add_sweep(const std::string& name, int points) {
    SweepDefinition definition;
    definition.name = name;
    definition.config_file = "configs/" + name + ".yaml";
    definition.definition_hash = "hash-" + name;
    definition.definition_json = "{}";
    for (int index = 0; index < points; ++index) {
      definition.points.push_back(SweepPoint{index, "config-" + std::to_string(index), "", "{}"});
    }
    return open_sweep(store_, definition, SweepOpenMode::kNew).sweep_id;
  }

  // Trains the sweep's next pending trial the way a worker does: claim, run, attach, finish.
  int64_t add_sweep_run(int64_t sweep_id, const std::string& experiment, const std::vector<Epoch>& epochs,
                        const std::vector<std::pair<std::string, Param>>& params,
                        RunStatus status = RunStatus::kCompleted) {
    const auto trial = claim_trial(store_, sweep_id, "report-test", 0, 1, std::chrono::seconds(3600));
    if (!trial) throw std::runtime_error("the sweep has no pending trial left");

    const int64_t run_id = add_run(experiment, epochs, status);
    attach_run(store_, trial->id, run_id);
    record_params(store_, run_id, params);
    finish_trial(store_, trial->id, status);
    return run_id;
  }

 private:
  ResultsStore store_;
};

inline std::string read_text_file(const std::filesystem::path& path) {
  std::ifstream file(path, std::ios::binary);
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

// Checks that every element opened in the HTML is closed in order, that attribute quotes are balanced,
// and that text contains no raw '<'. Void elements (meta) and self-closing SVG elements need no end tag.
// Returns an empty string when the page passes, or a description of the first problem.
inline std::string check_well_formed(const std::string& html) {
  std::vector<std::string> open;
  size_t position = 0;
  while ((position = html.find('<', position)) != std::string::npos) {
    if (html.compare(position, 9, "<!DOCTYPE") == 0) {
      position = html.find('>', position);
      continue;
    }

    const bool closing = html.compare(position, 2, "</") == 0;
    size_t name_end = position + (closing ? 2 : 1);
    while (name_end < html.size() && (std::isalnum(static_cast<unsigned char>(html[name_end])) || html[name_end] == '-')) {
      ++name_end;
    }
    const std::string name = html.substr(position + (closing ? 2 : 1), name_end - position - (closing ? 2 : 1));
    if (name.empty()) return "a raw '<' in text at offset " + std::to_string(position);

    // Find the end of the tag, skipping '>' inside quoted attribute values.
    size_t end = name_end;
    char quote = 0;
    for (; end < html.size(); ++end) {
      if (quote != 0) {
        if (html[end] == quote) quote = 0;
      } else if (html[end] == '"' || html[end] == '\'') {
        quote = html[end];
      } else if (html[end] == '>') {
        break;
      }
    }
    if (end >= html.size()) return "tag <" + name + " at offset " + std::to_string(position) + " is not closed by '>'";

    if (closing) {
      if (open.empty()) return "</" + name + "> without an open element";
      if (open.back() != name) return "</" + name + "> closes <" + open.back() + ">";
      open.pop_back();
    } else if (html[end - 1] != '/' && name != "meta") {
      open.push_back(name);
    }

    // The contents of <style> are CSS, which may contain '<' in principle, so skip to its end tag.
    position = end + 1;
    if (!closing && name == "style") position = html.find("</style>", position);
  }
  if (!open.empty()) return "<" + open.back() + "> is never closed";
  return "";
}

// The text between the first occurrence of `start` and the first following `end`, both included, or ""
// when either is missing.
inline std::string between(const std::string& text, const std::string& start, const std::string& end,
                           size_t from = 0) {
  const size_t begin = text.find(start, from);
  if (begin == std::string::npos) return "";
  const size_t finish = text.find(end, begin + start.size());
  if (finish == std::string::npos) return "";
  return text.substr(begin, finish + end.size() - begin);
}

// The <article> of one run in the learning-curves section.
inline std::string run_article(const std::string& html, int64_t run_id) {
  return between(html, "<article class=\"run\" id=\"run-" + std::to_string(run_id) + "\"", "</article>");
}

// The <svg> element of one chart kind ("loss", "accuracy", ...) inside a run's article.
inline std::string chart(const std::string& article, const std::string& kind) {
  return between(article, "<svg class=\"chart\" data-chart=\"" + kind + "\"", "</svg>");
}

// The number of x,y pairs in the points attribute of a series' polyline, or -1 without that polyline.
inline int polyline_points(const std::string& chart_svg, const std::string& series) {
  const std::string polyline = between(chart_svg, "<polyline class=\"series\" data-series=\"" + series + "\"", ">");
  if (polyline.empty()) return -1;

  const std::string points = between(polyline, "points=\"", "\"");
  const std::string inner = points.substr(8, points.size() - 9);
  if (inner.empty()) return 0;
  return static_cast<int>(std::count(inner.begin(), inner.end(), ' ')) + 1;
}

inline size_t count_occurrences(const std::string& text, const std::string& pattern) {
  size_t count = 0;
  for (size_t position = text.find(pattern); position != std::string::npos;
       position = text.find(pattern, position + pattern.size())) {
    ++count;
  }
  return count;
}

}  // namespace runner::results::testing
