// retry_while_busy: which errors it repeats, and its bounds.
#include "results/busy_retry.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <chrono>

#include "results/sqlite.h"
#include "test_database.h"

namespace runner::results {
namespace {

using testing::TempFolder;

StoreError busy_error() { return StoreError("test.db", "writing", "database is locked", "", SQLITE_BUSY_SNAPSHOT); }

TEST(RetryWhileBusy, RepeatsUntilSuccess) {
  TempFolder folder;
  const Connection connection(folder.file("test.db"), std::chrono::milliseconds(5000));
  int calls = 0;

  const int result = retry_while_busy(connection, [&] {
    if (++calls < 3) throw busy_error();
    return 42;
  });

  EXPECT_EQ(result, 42);
  EXPECT_EQ(calls, 3);
}

TEST(RetryWhileBusy, OtherErrorsNotRepeated) {
  TempFolder folder;
  const Connection connection(folder.file("test.db"), std::chrono::milliseconds(5000));
  int calls = 0;

  EXPECT_THROW(retry_while_busy(connection,
                                [&] {
                                  ++calls;
                                  throw StoreError("test.db", "writing", "constraint failed", "",
                                                   SQLITE_CONSTRAINT_UNIQUE);
                                }),
               StoreError);
  EXPECT_EQ(calls, 1);
}

TEST(RetryWhileBusy, StopsAtBusyTimeout) {
  TempFolder folder;
  const Connection connection(folder.file("test.db"), std::chrono::milliseconds(50));
  int calls = 0;
  const auto start = std::chrono::steady_clock::now();

  EXPECT_THROW(retry_while_busy(connection,
                                [&] {
                                  ++calls;
                                  throw busy_error();
                                }),
               StoreError);

  EXPECT_GT(calls, 1);
  EXPECT_LT(calls, kBusyAttempts);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
}

TEST(RetryWhileBusy, StopsAfterMaxAttempts) {
  TempFolder folder;
  const Connection connection(folder.file("test.db"), std::chrono::milliseconds(600000));
  int calls = 0;

  EXPECT_THROW(retry_while_busy(connection,
                                [&] {
                                  ++calls;
                                  throw busy_error();
                                }),
               StoreError);
  EXPECT_EQ(calls, kBusyAttempts);
}

}  // namespace
}  // namespace runner::results
