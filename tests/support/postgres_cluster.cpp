#include "support/postgres_cluster.hpp"

#include <stdio.h>
#include <stdlib.h>

#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <random>
#include <stdexcept>
#include <system_error>

#include "storage/postgres/connection.hpp"

namespace latch::test {
namespace {

// The output of a shell command; throws when it fails.
std::string command_output(const std::string& command) {
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) throw std::runtime_error("cannot run " + command);
  std::string output;
  char buffer[256];
  while (fgets(buffer, sizeof buffer, pipe) != nullptr) output += buffer;
  if (pclose(pipe) != 0) throw std::runtime_error(command + " failed");
  while (!output.empty() && (output.back() == '\n' || output.back() == ' ')) output.pop_back();
  return output;
}

std::string script() { return std::string(LATCH_SOURCE_DIR) + "/scripts/pg-cluster"; }

class Cluster {
 public:
  static Cluster& get() {
    static Cluster cluster;
    return cluster;
  }
  ~Cluster() {
    if (!dir_.empty()) (void)std::system((script() + " stop " + dir_ + " >/dev/null 2>&1").c_str());
  }
  std::string url() {
    std::lock_guard lock(mutex_);
    if (admin_url_.empty()) start();
    return admin_url_;
  }

 private:
  void start() {
    if (const char* given = std::getenv("LATCH_TEST_POSTGRES_URL"); given && *given) {
      admin_url_ = given;
      return;
    }
    std::string pattern = (std::filesystem::temp_directory_path() / "latch-pg-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) {
      throw std::system_error(errno, std::generic_category(), "mkdtemp");
    }
    dir_ = pattern;
    admin_url_ = command_output(script() + " start " + dir_);
  }

  std::mutex mutex_;
  std::string dir_;
  std::string admin_url_;
};

void admin(const std::string& sql) {
  auto conn = storage::postgres::Connection::open(Cluster::get().url());
  if (!conn) throw std::runtime_error("connect: " + conn.error().description);
  if (auto done = (*conn)->exec(sql); !done) {
    throw std::runtime_error(sql + ": " + done.error().description);
  }
}

std::string random_schema_name() {
  static std::mt19937_64 random{std::random_device{}()};
  static std::mutex mutex;
  std::lock_guard lock(mutex);
  return "t_" + std::to_string(random());
}

}  // namespace

std::string postgres_unavailable() {
  if (std::getenv("LATCH_TEST_POSTGRES_URL")) return "";
  if (std::system("ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1") == 0) return "";
  return "PostgreSQL is not installed (/usr/lib/postgresql/*/bin/initdb); run scripts/install-deps";
}

std::string postgres_admin_url() { return Cluster::get().url(); }

PostgresSchema::PostgresSchema() : name_(random_schema_name()) {
  admin("CREATE SCHEMA " + name_);
  url_ = Cluster::get().url() + "?options=-c%20search_path%3D" + name_;
}

PostgresSchema::~PostgresSchema() {
  try {
    admin("DROP SCHEMA IF EXISTS " + name_ + " CASCADE");
  } catch (const std::exception&) {
    // The cluster goes away at exit anyway.
  }
}

}  // namespace latch::test
