#include "results/report/learning_curves.h"

#include <string>

namespace runner::results::report {

namespace {

struct CurveDefinition {
  const char* kind;
  const char* title;
  const char* y_label;
  bool per_step;                     // from step_metrics rather than metrics
  std::vector<const char*> metrics;  // drawn in this order when the run recorded them
};

const std::vector<CurveDefinition>& curve_definitions() {
  static const std::vector<CurveDefinition> definitions = {
      {"loss", "Loss per epoch", "loss", false, {"train_loss", "test_loss", "loss", "held_out_loss"}},
      {"accuracy", "Accuracy per epoch", "accuracy", false, {"train_accuracy", "test_accuracy"}},
      {"perplexity", "Perplexity per epoch", "perplexity", false,
       {"train_perplexity", "perplexity", "held_out_perplexity"}},
      {"step-loss", "Loss per step", "loss", true, {"train_loss", "loss", "held_out_loss"}},
      {"step-perplexity", "Perplexity per step", "perplexity", true, {"perplexity", "held_out_perplexity"}},
  };
  return definitions;
}

struct SeriesStyle {
  const char* colour;
  bool dashed;
};

// Training curves are rust and dashed, evaluation curves blue and solid, so that the two read apart
// on every chart. `loss` is the training loss of language runs; `perplexity` is measured on held-out text.
SeriesStyle series_style(const std::string& metric) {
  if (metric == "train_loss" || metric == "train_accuracy" || metric == "train_perplexity" || metric == "loss") {
    return {"#c8553d", true};
  }
  if (metric == "perplexity") return {"#2a7f62", false};
  return {"#1f5f99", false};
}

ChartSeries make_series(const std::string& metric, const std::vector<MetricPoint>& points) {
  const SeriesStyle style = series_style(metric);
  ChartSeries series;
  series.name = metric;
  series.colour = style.colour;
  series.dashed = style.dashed;
  for (const auto& point : points) series.points.push_back(ChartPoint{static_cast<double>(point.x), point.value});
  return series;
}

}  // namespace

std::vector<LineChart> learning_curves(const RunData& run) {
  std::vector<LineChart> charts;
  for (const auto& definition : curve_definitions()) {
    const MetricCurves& curves = definition.per_step ? run.step_metrics : run.epoch_metrics;

    LineChart chart;
    chart.kind = definition.kind;
    chart.title = definition.title;
    chart.x_label = definition.per_step ? "step" : "epoch";
    chart.y_label = definition.y_label;
    for (const char* metric : definition.metrics) {
      const auto found = curves.find(metric);
      if (found != curves.end() && !found->second.empty()) chart.series.push_back(make_series(metric, found->second));
    }
    if (!chart.series.empty()) charts.push_back(std::move(chart));
  }
  return charts;
}

}  // namespace runner::results::report
