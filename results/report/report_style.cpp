#include "results/report/report_style.h"

namespace runner::results::report {

// Only fonts installed on the viewer's machine: the page must load nothing from a network.
const char* report_style_sheet() {
  return R"css(
body { font-family: system-ui, "Segoe UI", "DejaVu Sans", sans-serif; margin: 24px auto; max-width: 1240px;
       padding: 0 16px; color: #1a1a1a; background: #ffffff; }
h1 { font-size: 1.6em; margin-bottom: 4px; }
h2 { font-size: 1.3em; border-bottom: 1px solid #d0d0d0; padding-bottom: 4px; margin-top: 32px; }
h3 { font-size: 1.05em; margin: 20px 0 6px; }
dl.facts { display: grid; grid-template-columns: max-content auto; gap: 2px 16px; margin: 8px 0; }
dl.facts dt { color: #555555; }
dl.facts dd { margin: 0; }
nav a { margin-right: 16px; }
.table-scroll { overflow-x: auto; }
table { border-collapse: collapse; font-size: 0.9em; margin: 8px 0; }
th, td { border: 1px solid #d8d8d8; padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #f3f3f3; font-weight: 600; }
td.number { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.time { white-space: nowrap; }
td.param, th.param { background: #f8f6ef; }
.non-finite { color: #c0392b; font-weight: 600; }
.status { font-weight: 600; }
.status-completed { color: #2a7f62; }
.status-failed, .status-diverged { color: #c0392b; }
.status-running, .status-interrupted { color: #b7791f; }
.error { color: #7a1f1f; font-size: 0.85em; max-width: 420px; white-space: pre-wrap; }
.experiment { font-weight: normal; color: #444444; }
.params { color: #444444; margin: 2px 0 6px; font-size: 0.9em; }
.note { color: #555555; font-size: 0.9em; }
p.non-finite-note { color: #7a1f1f; }
article.run { border-top: 1px solid #eeeeee; padding-top: 4px; }
.charts { display: flex; flex-wrap: wrap; gap: 12px; }
svg text { font-family: inherit; font-size: 12px; }
svg text.title { font-size: 14px; font-weight: 600; }
svg text.label { font-size: 13px; }
svg text.tick { fill: #444444; }
svg text.count { font-size: 11px; }
svg line.grid { stroke: #e6e6e6; stroke-width: 1; }
svg line.axis { stroke: #555555; stroke-width: 1; }
figure.heatmap-figure { margin: 8px 0; }
figcaption { color: #555555; font-size: 0.9em; max-width: 900px; }
)css";
}

}  // namespace runner::results::report
