#include "http/work_pool.hpp"

namespace latch::http {

WorkPool::~WorkPool() {
  stop();
  join();
}

void WorkPool::join() {
  std::call_once(joined_, [this] { pool_.join(); });
}

Error lane_busy(Lane lane) {
  if (lane == Lane::Outbound) {
    return keyed_error(Errc::Unavailable, "connector.busy",
                       "the outbound pool holds all the provider calls it admits");
  }
  return keyed_error(Errc::Unavailable, "request.busy", "the pool refused the job");
}

}  // namespace latch::http
