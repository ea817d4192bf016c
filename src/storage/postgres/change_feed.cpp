#include "storage/postgres/change_feed.hpp"

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <utility>

#include "storage/sql/epochs.hpp"

namespace latch::storage::postgres {

PostgresChangeFeed::PostgresChangeFeed(std::string url) : url_(std::move(url)) {
  if (::pipe2(wake_, O_NONBLOCK | O_CLOEXEC) != 0) {
    wake_[0] = wake_[1] = -1;  // wait() then sleeps on poll() of the database socket alone
  }
}

PostgresChangeFeed::~PostgresChangeFeed() {
  for (int fd : wake_) {
    if (fd >= 0) ::close(fd);
  }
}

bool PostgresChangeFeed::listening() {
  if (conn_ && conn_->healthy()) {
    return true;
  }
  conn_.reset();
  auto conn = Connection::open(url_);
  if (!conn) {
    return false;
  }
  if (!(*conn)->exec("LISTEN " + std::string(sql::kEpochChannel))) {
    return false;
  }
  conn_ = std::move(*conn);
  return true;
}

void PostgresChangeFeed::wait(std::chrono::milliseconds timeout) {
  pollfd fds[2] = {{wake_[0], POLLIN, 0}, {-1, POLLIN, 0}};
  if (listening()) {
    fds[1].fd = conn_->socket();
  }
  int ready = ::poll(fds, 2, static_cast<int>(timeout.count()));
  if (ready <= 0) {
    return;
  }
  if (fds[0].revents != 0) {
    char drained[64];
    while (::read(wake_[0], drained, sizeof drained) > 0) {
    }
  }
  if (fds[1].revents != 0 && !conn_->take_notifications()) {
    conn_.reset();  // reconnect on the next wait
  }
}

void PostgresChangeFeed::interrupt() {
  if (wake_[1] >= 0) {
    char byte = 1;
    (void)!::write(wake_[1], &byte, 1);
  }
}

}  // namespace latch::storage::postgres
