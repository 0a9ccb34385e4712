// The report's style sheet, inlined into the page so that it renders offline.
#pragma once

namespace runner::results::report {

const char* report_style_sheet();

}  // namespace runner::results::report
