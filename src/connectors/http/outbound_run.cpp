#include "connectors/http/outbound_run.hpp"

#include <mutex>
#include <set>

namespace latch::connectors {
namespace {

// The io_contexts running an exchange now. A process-wide registry: the exchanges are deep in
// connector code that knows nothing of the server that will stop.
struct Running {
  std::mutex mutex;
  std::set<boost::asio::io_context*> contexts;
  bool stopped = false;
};

Running& running() {
  static Running instance;
  return instance;
}

}  // namespace

void run_outbound(boost::asio::io_context& io) {
  auto& r = running();
  {
    std::lock_guard lock(r.mutex);
    if (r.stopped) return;
    r.contexts.insert(&io);
  }
  io.run();
  std::lock_guard lock(r.mutex);
  r.contexts.erase(&io);
}

void stop_outbound() {
  auto& r = running();
  std::lock_guard lock(r.mutex);
  r.stopped = true;
  for (auto* io : r.contexts) io->stop();
}

}  // namespace latch::connectors
