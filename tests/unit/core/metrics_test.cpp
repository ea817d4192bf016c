#include "core/metrics.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

namespace latch::metrics {
namespace {

using namespace std::chrono_literals;

// The lines of `text` that start with `prefix`.
std::vector<std::string> lines_of(const std::string& text, const std::string& prefix) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    std::string line = text.substr(start, end - start);
    if (line.rfind(prefix, 0) == 0) out.push_back(line);
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return out;
}

TEST(MetricsTest, ACounterIsRenderedWithItsHelpTypeAndLabels) {
  Registry registry;
  registry.counter("t_requests_total", "Requests.", {{"route", "/a"}, {"status", "200"}}).add(3);
  registry.counter("t_requests_total", "Requests.", {{"route", "/a"}, {"status", "200"}}).add();
  std::string text = registry.render();
  EXPECT_NE(text.find("# HELP t_requests_total Requests.\n# TYPE t_requests_total counter\n"),
            std::string::npos)
      << text;
  EXPECT_EQ(lines_of(text, "t_requests_total{"),
            std::vector<std::string>{R"(t_requests_total{route="/a",status="200"} 4)"});
}

TEST(MetricsTest, LabelValuesAreEscapedAsTheTextFormatRequires) {
  EXPECT_EQ(render_labels({{"a", "x\"y"}, {"b", "back\\slash"}, {"c", "two\nlines"}}),
            R"({a="x\"y",b="back\\slash",c="two\nlines"})");
  EXPECT_EQ(render_labels({}), "");
}

TEST(MetricsTest, AHistogramHasCumulativeBucketsASumAndACount) {
  Registry registry;
  auto& h = registry.histogram("t_duration_seconds", "Durations.", {{"route", "/t"}});
  h.observe(50us);   // 0.0001 bucket
  h.observe(700us);  // 0.001 bucket
  h.observe(2s);     // 2.5 bucket
  h.observe(30s);    // only +Inf
  std::string text = registry.render();
  EXPECT_NE(text.find("# TYPE t_duration_seconds histogram"), std::string::npos);
  auto buckets = lines_of(text, "t_duration_seconds_bucket");
  ASSERT_EQ(buckets.size(), Histogram::kBounds.size() + 1);
  EXPECT_EQ(buckets.front(), R"(t_duration_seconds_bucket{route="/t",le="0.0001"} 1)");
  EXPECT_EQ(buckets[3], R"(t_duration_seconds_bucket{route="/t",le="0.001"} 2)");
  EXPECT_EQ(buckets[12], R"(t_duration_seconds_bucket{route="/t",le="1.0"} 2)");
  EXPECT_EQ(buckets[13], R"(t_duration_seconds_bucket{route="/t",le="2.5"} 3)");
  EXPECT_EQ(buckets.back(), R"(t_duration_seconds_bucket{route="/t",le="+Inf"} 4)");
  EXPECT_EQ(lines_of(text, "t_duration_seconds_count"),
            std::vector<std::string>{R"(t_duration_seconds_count{route="/t"} 4)"});
  EXPECT_EQ(lines_of(text, "t_duration_seconds_sum"),
            std::vector<std::string>{R"(t_duration_seconds_sum{route="/t"} 32.00075)"});
}

TEST(MetricsTest, AGaugeIsReadWhenRenderedAndGoesAwayWithItsRegistration) {
  Registry registry;
  double value = 2;
  {
    auto registration =
        registry.gauge("t_in_use", "In use.", {{"pool", "p"}}, [&value] { return value; });
    EXPECT_EQ(lines_of(registry.render(), "t_in_use{"),
              std::vector<std::string>{R"(t_in_use{pool="p"} 2)"});
    value = 0.5;
    EXPECT_EQ(lines_of(registry.render(), "t_in_use{"),
              std::vector<std::string>{R"(t_in_use{pool="p"} 0.5)"});
  }
  std::string text = registry.render();
  EXPECT_EQ(text.find("t_in_use"), std::string::npos) << text;
}

TEST(MetricsTest, AnObservedCounterIsTypedAsACounter) {
  Registry registry;
  auto registration =
      registry.observed_counter("t_cpu_seconds_total", "CPU.", {}, [] { return 1.25; });
  std::string text = registry.render();
  EXPECT_NE(text.find("# TYPE t_cpu_seconds_total counter\nt_cpu_seconds_total 1.25\n"),
            std::string::npos)
      << text;
}

TEST(MetricsTest, CountersAddUpAcrossThreads) {
  Registry registry;
  auto& counter = registry.counter("t_total", "T.");
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&registry, &counter] {
      for (int i = 0; i < 10000; ++i) {
        counter.add();
        registry.histogram("t_seconds", "T.").observe(1ms);
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(counter.value(), 40000u);
  EXPECT_EQ(registry.histogram("t_seconds", "T.").snapshot().count, 40000u);
}

TEST(MetricsTest, AFamilyCountsEachSetOfValuesOnceAcrossThreads) {
  Registry registry;
  CounterFamily<2> family("t_events_total", "Events.", {"key", "result"}, registry);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&family] {
      for (int i = 0; i < 1000; ++i) {
        family.at({"a", i % 2 == 0 ? "ok" : "no"}).add();
        family.at({"b", "ok"}).add();
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(&family.at({"a", "ok"}),
            &registry.counter("t_events_total", "Events.", {{"key", "a"}, {"result", "ok"}}));
  EXPECT_EQ(lines_of(registry.render(), "t_events_total{"),
            (std::vector<std::string>{R"(t_events_total{key="a",result="no"} 2000)",
                                      R"(t_events_total{key="a",result="ok"} 2000)",
                                      R"(t_events_total{key="b",result="ok"} 4000)"}));
  CounterFamily<2> other("t_other_total", "Other.", {"key", "result"}, registry);
  other.at({"a", "ok"}).add();
  EXPECT_EQ(family.at({"a", "ok"}).value(), 2000u) << "each family keeps its own counters";
}

TEST(MetricsTest, AMovedRegistrationUnregistersOnce) {
  Registry registry;
  GaugeRegistration kept;
  {
    auto first = registry.gauge("t_moved", "M.", {}, [] { return 7.0; });
    kept = std::move(first);
  }
  EXPECT_EQ(lines_of(registry.render(), "t_moved "), std::vector<std::string>{"t_moved 7"});
  kept = GaugeRegistration();
  EXPECT_EQ(registry.render().find("t_moved"), std::string::npos);
}

}  // namespace
}  // namespace latch::metrics
