#pragma once

#include <vector>

#include "core/config.hpp"
#include "core/metrics.hpp"
#include "http/router.hpp"
#include "http/work_pool.hpp"

// `${endpoint}/metrics`: the process's metrics in Prometheus' text format (docs/observability.md).
namespace latch::server {

// Registers the gauges of the process (memory, CPU, descriptors, start time) and of the work
// pools for as long as it lives, and mounts `GET /metrics` unless `metrics = "off"`. Who may read
// it: a client on the loopback interface that came through no proxy, or any client presenting
// `metrics_token` as a Bearer token.
class MetricsEndpoint {
 public:
  // `pools` must outlive this object.
  MetricsEndpoint(const Config& config, const http::Pools& pools);
  void mount(http::Router& router) const;

 private:
  const Config& config_;
  std::vector<metrics::GaugeRegistration> gauges_;
};

}  // namespace latch::server
