// The runner's version and the git commit it was built from (generated at build time).
#pragma once

namespace runner {

const char* runner_version();
const char* git_commit();  // short hash, with "-dirty" when tracked files had changes; "unknown" outside git

}  // namespace runner
