// The learning-curve charts of one run: which metrics go on which chart, and in which colour.
#pragma once

#include <vector>

#include "results/report/line_chart.h"
#include "results/report/report_data.h"

namespace runner::results::report {

// Returns the charts that the run has data for, in this order: loss per epoch (train_loss, test_loss,
// loss, held_out_loss), accuracy per epoch (train_accuracy, test_accuracy), perplexity per epoch, then
// loss and perplexity per step from step_metrics. Other metrics (seconds, images_per_second,
// learning_rate) are not drawn. Training metrics are dashed and evaluation metrics solid.
std::vector<LineChart> learning_curves(const RunData& run);

}  // namespace runner::results::report
