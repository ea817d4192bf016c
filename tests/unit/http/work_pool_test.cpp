#include "http/work_pool.hpp"

#include <gtest/gtest.h>

#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <future>
#include <thread>

namespace latch::http {
namespace {

// Runs `pool.try_run(fn)` as a coroutine on `io` and stores what it answered in `out`.
template <class F, class R>
void spawn_try_run(asio::io_context& io, WorkPool& pool, F& fn, std::optional<R>& out,
                   bool& finished) {
  asio::co_spawn(
      io,
      [&]() -> asio::awaitable<void> {
        out = co_await pool.try_run(fn);
        finished = true;
      },
      asio::detached);
}

TEST(WorkPoolTest, RunsTheJobOnAPoolThreadAndReturnsItsResult) {
  WorkPool pool({.threads = 2});
  asio::io_context io;
  auto caller = std::this_thread::get_id();
  std::thread::id ran_on;
  auto fn = [&] {
    ran_on = std::this_thread::get_id();
    return 42;
  };
  std::optional<int> out;
  bool finished = false;
  spawn_try_run(io, pool, fn, out, finished);
  io.run();
  ASSERT_TRUE(finished);
  ASSERT_TRUE(out.has_value());
  EXPECT_EQ(*out, 42);
  EXPECT_NE(ran_on, caller);
  EXPECT_EQ(pool.admitted(), 0u);
}

TEST(WorkPoolTest, RefusesAtOnceBeyondThreadsPlusWaiting) {
  WorkPool pool({.threads = 1, .max_waiting = 1});
  asio::io_context io;
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  auto hang = [&] {
    released.wait();
    return 1;
  };
  auto quick = [] { return 2; };
  std::optional<int> a, b, c;
  bool a_done = false, b_done = false, c_done = false;
  spawn_try_run(io, pool, hang, a, a_done);   // runs, and hangs
  spawn_try_run(io, pool, quick, b, b_done);  // admitted: waits for the thread
  spawn_try_run(io, pool, quick, c, c_done);  // one too many
  while (!c_done) io.run_one();
  EXPECT_FALSE(c.has_value());
  EXPECT_EQ(pool.admitted(), 2u);
  EXPECT_FALSE(a_done);
  release.set_value();
  io.run();
  ASSERT_TRUE(a_done && b_done);
  EXPECT_EQ(a, 1);
  EXPECT_EQ(b, 2);
  EXPECT_EQ(pool.admitted(), 0u);
}

TEST(WorkPoolTest, StopDropsJobsStillWaitingForAThread) {
  WorkPool pool({.threads = 1});
  asio::io_context io;
  std::promise<void> started, release;
  std::shared_future<void> released = release.get_future().share();
  auto hang = [&] {
    started.set_value();
    released.wait();
    return 1;
  };
  bool second_ran = false;
  auto second = [&] {
    second_ran = true;
    return 2;
  };
  std::optional<int> a, b;
  bool a_done = false, b_done = false;
  spawn_try_run(io, pool, hang, a, a_done);
  spawn_try_run(io, pool, second, b, b_done);
  while (pool.admitted() < 2) io.run_one();
  started.get_future().wait();  // the first job holds the thread; the second waits for it
  pool.stop();
  release.set_value();
  io.run();
  EXPECT_EQ(a, 1);  // the running job finishes
  ASSERT_TRUE(b_done);
  EXPECT_FALSE(b.has_value());
  EXPECT_FALSE(second_ran);
  pool.join();
}

TEST(WorkPoolTest, AStoppedPoolRefusesNewJobs) {
  WorkPool pool({.threads = 1});
  pool.stop();
  asio::io_context io;
  auto fn = [] { return 1; };
  std::optional<int> out;
  bool finished = false;
  spawn_try_run(io, pool, fn, out, finished);
  io.run();
  ASSERT_TRUE(finished);
  EXPECT_FALSE(out.has_value());
}

TEST(WorkPoolTest, TheDatabaseLaneRunsOnTheBlockingPool) {
  asio::thread_pool database(1);
  WorkPool hashing({.threads = 1}), outbound({.threads = 1});
  hashing.stop();
  outbound.stop();
  Pools pools{database, hashing, outbound};
  asio::io_context io;
  auto fn = [] { return 7; };
  std::optional<std::optional<int>> on_database, on_outbound;
  asio::co_spawn(
      io,
      [&]() -> asio::awaitable<void> {
        on_database = co_await run_on(pools, Lane::Database, fn);
        on_outbound = co_await run_on(pools, Lane::Outbound, fn);
      },
      asio::detached);
  io.run();
  database.join();
  ASSERT_TRUE(on_database && on_outbound);
  EXPECT_EQ(*on_database, 7);
  EXPECT_FALSE(on_outbound->has_value());  // that pool was stopped: refused
}

TEST(WorkPoolTest, ABusyLaneIsA503WithAPhraseKey) {
  EXPECT_EQ(lane_busy(Lane::Outbound).code, Errc::Unavailable);
  EXPECT_EQ(lane_busy(Lane::Outbound).key, "connector.busy");
  EXPECT_EQ(lane_busy(Lane::Hashing).key, "request.busy");
}

}  // namespace
}  // namespace latch::http
