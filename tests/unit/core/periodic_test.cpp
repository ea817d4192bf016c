// PeriodicThread (core/periodic.hpp): rounds every interval, a busy round followed by the next at
// once, and a stop that does not wait out the interval.
#include "core/periodic.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "support/eventually.hpp"

namespace latch {
namespace {

using namespace std::chrono_literals;

TEST(PeriodicThreadTest, RoundsRunEveryIntervalUntilStopped) {
  std::atomic<int> rounds = 0;
  PeriodicThread thread(10ms, [&] {
    ++rounds;
    return false;
  });
  thread.start();
  EXPECT_TRUE(test::eventually([&] { return rounds.load() >= 3; }));
  thread.stop();
  int after = rounds.load();
  std::this_thread::sleep_for(50ms);
  EXPECT_EQ(rounds.load(), after) << "no round after stop()";
  thread.stop();  // idempotent
}

TEST(PeriodicThreadTest, WorkFoundRunsTheNextRoundWithoutWaiting) {
  std::atomic<int> rounds = 0;
  PeriodicThread thread(200ms, [&] { return ++rounds < 20; });
  auto started = std::chrono::steady_clock::now();
  thread.start();
  EXPECT_TRUE(test::eventually([&] { return rounds.load() >= 20; }, 10s));
  // Twenty rounds 200 ms apart would take 4 s; after the first, busy rounds do not wait.
  EXPECT_LT(std::chrono::steady_clock::now() - started, 2s);
  thread.stop();
}

TEST(PeriodicThreadTest, WakeStartsTheNextRoundNow) {
  std::atomic<int> rounds = 0;
  PeriodicThread thread(1h, [&] {
    ++rounds;
    return false;
  });
  thread.start();
  thread.wake();
  EXPECT_TRUE(test::eventually([&] { return rounds.load() == 1; }));
  thread.wake();
  EXPECT_TRUE(test::eventually([&] { return rounds.load() == 2; }));
  thread.stop();
}

TEST(PeriodicThreadTest, ADoorbellWakesItsListenerUntilItStopsListening) {
  Doorbell bell;
  int rings = 0;
  bell.ring();  // nobody listens: nothing happens
  bell.listen([&] { ++rings; });
  bell.ring();
  bell.ring();
  bell.listen({});
  bell.ring();
  EXPECT_EQ(rings, 2);
}

TEST(PeriodicThreadTest, StopWakesTheWait) {
  PeriodicThread thread(1h, [] { return false; });
  thread.start();
  auto started = std::chrono::steady_clock::now();
  thread.stop();
  EXPECT_LT(std::chrono::steady_clock::now() - started, 5s);
}

}  // namespace
}  // namespace latch
