#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace latch::metrics {

// Label names and values of one series, in the order they are written.
using Labels = std::vector<std::pair<std::string, std::string>>;

// A count that only goes up (Prometheus "counter"). Lock-free; thread-safe.
class Counter {
 public:
  void add(std::uint64_t n = 1) { value_.fetch_add(n, std::memory_order_relaxed); }
  std::uint64_t value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<std::uint64_t> value_{0};
};

// Durations in fixed buckets (Prometheus "histogram", in seconds), from 100 µs to 10 s: the range
// of a token request on a warm cache to a provider call near its deadline. Lock-free;
// thread-safe.
class Histogram {
 public:
  static constexpr std::array<double, 16> kBounds{0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005,
                                                  0.01,   0.025,   0.05,   0.1,   0.25,   0.5,
                                                  1,      2.5,     5,      10};
  // kBounds as the `le` labels write them.
  static constexpr std::array<std::string_view, kBounds.size()> kBoundLabels{
      "0.0001", "0.00025", "0.0005", "0.001", "0.0025", "0.005", "0.01", "0.025",
      "0.05",   "0.1",     "0.25",   "0.5",   "1.0",    "2.5",   "5.0",  "10.0"};
  void observe(std::chrono::nanoseconds elapsed);

  struct Snapshot {
    std::array<std::uint64_t, kBounds.size() + 1> buckets{};  // not cumulative; last: +Inf
    std::uint64_t count = 0;
    double sum_seconds = 0;
  };
  Snapshot snapshot() const;

 private:
  std::array<std::atomic<std::uint64_t>, kBounds.size() + 1> buckets_{};
  std::atomic<std::uint64_t> sum_ns_{0};
};

class Registry;

// Keeps a gauge registered while it lives (Registry::gauge), so that a gauge never reads an
// object that is gone. Movable.
class GaugeRegistration {
 public:
  GaugeRegistration() = default;
  GaugeRegistration(GaugeRegistration&& other) noexcept { *this = std::move(other); }
  GaugeRegistration& operator=(GaugeRegistration&& other) noexcept;
  ~GaugeRegistration();

 private:
  friend class Registry;
  GaugeRegistration(Registry* registry, std::uint64_t id) : registry_(registry), id_(id) {}
  Registry* registry_ = nullptr;
  std::uint64_t id_ = 0;
};

// The series of one process, rendered in the Prometheus text format (version 0.0.4) at
// `/metrics`. A series is made on first use and lives as long as the registry; the references
// handed out stay valid. Callers on hot paths keep the reference (a function-local static, a
// member) instead of looking it up per event. Metric names follow Prometheus' conventions
// (`latch_` prefix, base units, `_total` on counters); label values are bounded sets (route
// templates, grant types, status codes), never ids. Thread-safe.
class Registry {
 public:
  Counter& counter(std::string_view name, std::string_view help, const Labels& labels = {});
  Histogram& histogram(std::string_view name, std::string_view help, const Labels& labels = {});
  // A value read when the metrics are rendered (a pool's busy threads, memory in use), until the
  // returned registration is destroyed.
  [[nodiscard]] GaugeRegistration gauge(std::string_view name, std::string_view help,
                                        const Labels& labels, std::function<double()> read);
  // The same for a count kept elsewhere that only goes up (CPU seconds of the process): rendered
  // as a counter.
  [[nodiscard]] GaugeRegistration observed_counter(std::string_view name, std::string_view help,
                                                   const Labels& labels,
                                                   std::function<double()> read);
  std::string render() const;

 private:
  friend class GaugeRegistration;
  enum class Kind { Counter, Histogram, Gauge };
  struct Gauge {
    std::uint64_t id;
    std::function<double()> read;
  };
  struct Series {
    std::unique_ptr<Counter> counter;
    std::unique_ptr<Histogram> histogram;
    std::vector<Gauge> gauges;  // the newest registration is read
  };
  struct Family {
    std::string help;
    Kind kind;
    std::map<std::string, Series, std::less<>> series;  // by rendered label set
  };
  static std::string_view type_name(Kind kind);
  Series& series(std::string_view name, std::string_view help, Kind kind, const Labels& labels);
  GaugeRegistration add_reader(std::string_view name, std::string_view help, Kind kind,
                               const Labels& labels, std::function<double()> read);
  void unregister(std::uint64_t id);

  mutable std::mutex mutex_;
  std::map<std::string, Family, std::less<>> families_;
  std::uint64_t next_gauge_id_ = 1;
};

// The registry of the process: what `/metrics` renders.
Registry& registry();

// A number no other CounterFamily of the process has.
std::uint64_t next_family_id();

// One counter per set of values of `N` labels, for counters looked up at the time of each event
// (tokens by grant and result, audit events by key): each thread keeps the counters it has used,
// so that after a thread's first event with some values there is no lock and no allocation.
// The values must come from a bounded set (never an id). Construct once (a function-local
// static); thread-safe.
template <std::size_t N>
class CounterFamily {
 public:
  CounterFamily(std::string_view name, std::string_view help,
                std::array<std::string_view, N> label_names, Registry& in = registry())
      : id_(next_family_id()), registry_(in), name_(name), help_(help) {
    for (std::size_t i = 0; i < N; ++i) label_names_[i] = label_names[i];
  }
  CounterFamily(const CounterFamily&) = delete;
  CounterFamily& operator=(const CounterFamily&) = delete;

  Counter& at(const std::array<std::string_view, N>& values) const {
    thread_local std::vector<Entry> cache;
    for (const Entry& e : cache) {
      if (e.family == id_ && same(e.values, values)) return *e.counter;
    }
    Labels labels;
    Entry entry{id_, {}, nullptr};
    for (std::size_t i = 0; i < N; ++i) {
      labels.emplace_back(label_names_[i], std::string(values[i]));
      entry.values[i] = std::string(values[i]);
    }
    entry.counter = &registry_.counter(name_, help_, labels);
    cache.push_back(std::move(entry));
    return *cache.back().counter;
  }

 private:
  struct Entry {
    std::uint64_t family;  // an id, not an address: a family made later may reuse an address
    std::array<std::string, N> values;
    Counter* counter;  // the registry's, which never goes away
  };
  static bool same(const std::array<std::string, N>& a, const std::array<std::string_view, N>& b) {
    for (std::size_t i = 0; i < N; ++i) {
      if (a[i] != b[i]) return false;
    }
    return true;
  }

  std::uint64_t id_;
  Registry& registry_;
  std::string name_, help_;
  std::array<std::string, N> label_names_;
};

// `{a="x",b="y"}` with values escaped as the text format requires; "" without labels.
std::string render_labels(const Labels& labels);

}  // namespace latch::metrics
