#pragma once

#include <spdlog/spdlog.h>

#include <string_view>

#include "core/result.hpp"

namespace latch::server {

// Logs the outcome of one round of an outbox dispatcher (`what`: "webhooks", "back-channel
// logout"), whose Round counts what it sent, left to retry and dropped. True when the round found
// work, so that the next one need not wait (PeriodicThread).
template <class Round>
bool report_round(const Result<Round>& done, std::string_view what) {
  if (!done) {
    spdlog::warn("{} round failed: {}", what, done.error().description);
    return false;
  }
  int worked = done->sent + done->retried + done->dropped;
  if (worked > 0) {
    spdlog::info("{}: {} sent, {} to retry, {} dropped", what, done->sent, done->retried,
                 done->dropped);
  }
  return worked > 0;
}

}  // namespace latch::server
