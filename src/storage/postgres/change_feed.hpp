#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "storage/postgres/connection.hpp"
#include "storage/store.hpp"

namespace latch::storage::postgres {

// LISTENs on sql::kEpochChannel over a connection of its own (not the pool's: a listening
// connection must stay open between transactions). Connects lazily and again after the
// connection breaks; while the database is down, wait() just sleeps. Used by one thread;
// interrupt() from any.
class PostgresChangeFeed final : public ChangeFeed {
 public:
  explicit PostgresChangeFeed(std::string url);
  ~PostgresChangeFeed() override;
  PostgresChangeFeed(const PostgresChangeFeed&) = delete;
  PostgresChangeFeed& operator=(const PostgresChangeFeed&) = delete;

  void wait(std::chrono::milliseconds timeout) override;
  void interrupt() override;

 private:
  bool listening();

  std::string url_;
  std::unique_ptr<Connection> conn_;
  int wake_[2] = {-1, -1};  // a pipe: interrupt() writes, wait() polls the read end
};

}  // namespace latch::storage::postgres
