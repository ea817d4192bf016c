#include "core/metrics.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace latch::metrics {
namespace {

// A sample value in the text format: integers as integers, the rest with enough digits to
// round-trip, and the special values by their names.
std::string format_value(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
  if (value == std::floor(value) && std::fabs(value) < 1e15) {
    return std::to_string(static_cast<long long>(value));
  }
  char out[32];
  auto written = std::to_chars(out, out + sizeof out, value);  // the shortest that round-trips
  return std::string(out, written.ptr);
}

std::string escape_help(std::string_view help) {
  std::string out;
  for (char c : help) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

// `labels` with one more label appended, rendered (the `le` of a histogram bucket).
std::string with_label(std::string_view rendered, std::string_view name, std::string_view value) {
  std::string extra = std::string(name) + "=\"" + std::string(value) + "\"";
  if (rendered.empty()) return "{" + extra + "}";
  std::string out(rendered.substr(0, rendered.size() - 1));
  return out + "," + extra + "}";
}

}  // namespace

void Histogram::observe(std::chrono::nanoseconds elapsed) {
  double seconds = std::chrono::duration<double>(elapsed).count();
  auto bound = std::lower_bound(kBounds.begin(), kBounds.end(), seconds);
  buckets_[static_cast<std::size_t>(bound - kBounds.begin())].fetch_add(1,
                                                                        std::memory_order_relaxed);
  auto ns = elapsed.count() < 0 ? 0 : static_cast<std::uint64_t>(elapsed.count());
  sum_ns_.fetch_add(ns, std::memory_order_relaxed);
}

Histogram::Snapshot Histogram::snapshot() const {
  Snapshot out;
  for (std::size_t i = 0; i < buckets_.size(); ++i) {
    out.buckets[i] = buckets_[i].load(std::memory_order_relaxed);
    out.count += out.buckets[i];
  }
  out.sum_seconds = static_cast<double>(sum_ns_.load(std::memory_order_relaxed)) / 1e9;
  return out;
}

GaugeRegistration& GaugeRegistration::operator=(GaugeRegistration&& other) noexcept {
  if (this != &other) {
    if (registry_ != nullptr) registry_->unregister(id_);
    registry_ = std::exchange(other.registry_, nullptr);
    id_ = std::exchange(other.id_, 0);
  }
  return *this;
}

GaugeRegistration::~GaugeRegistration() {
  if (registry_ != nullptr) registry_->unregister(id_);
}

std::string render_labels(const Labels& labels) {
  if (labels.empty()) return "";
  std::string out = "{";
  for (const auto& [name, value] : labels) {
    if (out.size() > 1) out += ',';
    out += name;
    out += "=\"";
    for (char c : value) {
      if (c == '\\') {
        out += "\\\\";
      } else if (c == '"') {
        out += "\\\"";
      } else if (c == '\n') {
        out += "\\n";
      } else {
        out += c;
      }
    }
    out += '"';
  }
  return out + "}";
}

std::string_view Registry::type_name(Kind kind) {
  switch (kind) {
    case Kind::Counter:
      return "counter";
    case Kind::Histogram:
      return "histogram";
    case Kind::Gauge:
      break;
  }
  return "gauge";
}

Registry::Series& Registry::series(std::string_view name, std::string_view help, Kind kind,
                                   const Labels& labels) {
  auto family = families_.find(name);
  if (family == families_.end()) {
    family = families_.emplace(std::string(name), Family{std::string(help), kind, {}}).first;
  }
  std::string key = render_labels(labels);
  auto found = family->second.series.find(key);
  if (found == family->second.series.end()) {
    found = family->second.series.emplace(std::move(key), Series{}).first;
  }
  return found->second;
}

std::uint64_t next_family_id() {
  static std::atomic<std::uint64_t> next{1};
  return next.fetch_add(1, std::memory_order_relaxed);
}

Counter& Registry::counter(std::string_view name, std::string_view help, const Labels& labels) {
  std::lock_guard lock(mutex_);
  Series& s = series(name, help, Kind::Counter, labels);
  if (!s.counter) s.counter = std::make_unique<Counter>();
  return *s.counter;
}

Histogram& Registry::histogram(std::string_view name, std::string_view help, const Labels& labels) {
  std::lock_guard lock(mutex_);
  Series& s = series(name, help, Kind::Histogram, labels);
  if (!s.histogram) s.histogram = std::make_unique<Histogram>();
  return *s.histogram;
}

GaugeRegistration Registry::add_reader(std::string_view name, std::string_view help, Kind kind,
                                       const Labels& labels, std::function<double()> read) {
  std::lock_guard lock(mutex_);
  std::uint64_t id = next_gauge_id_++;
  series(name, help, kind, labels).gauges.push_back({id, std::move(read)});
  return GaugeRegistration(this, id);
}

GaugeRegistration Registry::gauge(std::string_view name, std::string_view help,
                                  const Labels& labels, std::function<double()> read) {
  return add_reader(name, help, Kind::Gauge, labels, std::move(read));
}

GaugeRegistration Registry::observed_counter(std::string_view name, std::string_view help,
                                             const Labels& labels, std::function<double()> read) {
  return add_reader(name, help, Kind::Counter, labels, std::move(read));
}

void Registry::unregister(std::uint64_t id) {
  std::lock_guard lock(mutex_);
  for (auto& [name, family] : families_) {
    for (auto& [labels, s] : family.series) {
      std::erase_if(s.gauges, [id](const Gauge& g) { return g.id == id; });
    }
  }
}

std::string Registry::render() const {
  std::lock_guard lock(mutex_);
  std::string out;
  for (const auto& [name, family] : families_) {
    std::string body;
    for (const auto& [labels, s] : family.series) {
      if (s.counter) {
        body += name + labels + " " + std::to_string(s.counter->value()) + "\n";
      } else if (s.histogram) {
        auto snap = s.histogram->snapshot();
        std::uint64_t cumulative = 0;
        for (std::size_t i = 0; i < snap.buckets.size(); ++i) {
          cumulative += snap.buckets[i];
          std::string_view le = i < Histogram::kBoundLabels.size() ? Histogram::kBoundLabels[i]
                                                                   : std::string_view("+Inf");
          body += name + "_bucket" + with_label(labels, "le", le) + " " +
                  std::to_string(cumulative) + "\n";
        }
        body += name + "_sum" + labels + " " + format_value(snap.sum_seconds) + "\n";
        body += name + "_count" + labels + " " + std::to_string(snap.count) + "\n";
      } else if (!s.gauges.empty()) {
        body += name + labels + " " + format_value(s.gauges.back().read()) + "\n";
      }
    }
    if (body.empty()) continue;  // only gauges whose owners are gone
    out += "# HELP " + name + " " + escape_help(family.help) + "\n";
    out += "# TYPE " + name + " " + std::string(type_name(family.kind)) + "\n";
    out += body;
  }
  return out;
}

Registry& registry() {
  static Registry process;
  return process;
}

}  // namespace latch::metrics
