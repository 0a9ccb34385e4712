// Checks that a referenced row exists, so that an update of a missing row fails with a message that
// names it, instead of changing nothing or failing on a bare foreign key constraint.
#pragma once

#include <cstdint>
#include <string>

#include "results/sqlite.h"

namespace runner::results {

// Throws StoreError "run N not found" unless the runs table contains the id.
void check_run_exists(const Connection& connection, const std::string& step, int64_t run_id);

// Throws StoreError "sweep N not found" unless the sweeps table contains the id.
void check_sweep_exists(const Connection& connection, const std::string& step, int64_t sweep_id);

// Throws StoreError "trial N not found" unless the trials table contains the id.
void check_trial_exists(const Connection& connection, const std::string& step, int64_t trial_id);

}  // namespace runner::results
