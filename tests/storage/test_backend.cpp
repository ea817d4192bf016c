#include "storage/test_backend.hpp"

#include <stdio.h>
#include <stdlib.h>

#include <cerrno>
#include <cstdlib>
#include <mutex>
#include <random>
#include <stdexcept>
#include <system_error>
#include <utility>

#include "storage/postgres/connection.hpp"

namespace latch::storage::test {
namespace {

template <class T>
T must(Result<T> result, const char* what) {
  if (!result) {
    throw std::runtime_error(std::string(what) + ": " + result.error().description + " (" +
                             result.error().detail + ")");
  }
  return std::move(*result);
}

void must(Result<void> result, const char* what) {
  if (!result) {
    throw std::runtime_error(std::string(what) + ": " + result.error().description + " (" +
                             result.error().detail + ")");
  }
}

class SqliteBackend final : public TestBackend {
 public:
  SqliteBackend()
      : path_((dir_.path() / "latch.db").string()), store_(must(open_store(path_), "open_store")) {
    must(store_->migrate(), "migrate");
  }
  Store& store() override { return *store_; }
  std::unique_ptr<Store> open_another() override { return must(open_store(path_), "open_store"); }
  std::string url() const override { return path_; }

 private:
  TempDir dir_;
  std::string path_;
  std::unique_ptr<Store> store_;
};

// The output of a shell command; throws when it fails.
std::string command_output(const std::string& command) {
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) {
    throw std::runtime_error("cannot run " + command);
  }
  std::string output;
  char buffer[256];
  while (fgets(buffer, sizeof buffer, pipe) != nullptr) {
    output += buffer;
  }
  if (pclose(pipe) != 0) {
    throw std::runtime_error(command + " failed");
  }
  while (!output.empty() && (output.back() == '\n' || output.back() == ' ')) {
    output.pop_back();
  }
  return output;
}

bool postgres_installed() {
  return std::system("ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1") == 0;
}

// One throw-away cluster per test binary (scripts/pg-cluster), started on first use and stopped
// at exit; or the server named by LATCH_TEST_POSTGRES_URL (an admin URL, left running).
class PostgresCluster {
 public:
  static PostgresCluster& get() {
    static PostgresCluster cluster;
    return cluster;
  }
  ~PostgresCluster() {
    if (!dir_.empty()) {
      (void)std::system((script() + " stop " + dir_ + " >/dev/null 2>&1").c_str());
    }
  }
  // The admin URL (database "postgres").
  std::string url() {
    std::lock_guard lock(mutex_);
    if (admin_url_.empty()) {
      start();
    }
    return admin_url_;
  }

 private:
  static std::string script() { return std::string(LATCH_SOURCE_DIR) + "/scripts/pg-cluster"; }

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
  auto conn = must(postgres::Connection::open(PostgresCluster::get().url()), "connect");
  must(conn->exec(sql), sql.c_str());
}

std::string random_schema_name() {
  static std::mt19937_64 random{std::random_device{}()};
  static std::mutex mutex;
  std::lock_guard lock(mutex);
  return "t_" + std::to_string(random());
}

// A fresh schema in the cluster's "postgres" database (the URL's search_path names it), dropped
// on destruction. A schema costs a few milliseconds where CREATE DATABASE costs ~300.
class PostgresBackend final : public TestBackend {
 public:
  PostgresBackend() : name_(random_schema_name()) {
    admin("CREATE SCHEMA " + name_);
    url_ = PostgresCluster::get().url() + "?options=-c%20search_path%3D" + name_;
    store_ = must(open_store(url_), "open_store");
    must(store_->migrate(), "migrate");
  }
  ~PostgresBackend() override {
    store_.reset();
    try {
      admin("DROP SCHEMA IF EXISTS " + name_ + " CASCADE");
    } catch (const std::exception&) {
      // The cluster goes away at exit anyway.
    }
  }
  Store& store() override { return *store_; }
  std::unique_ptr<Store> open_another() override { return must(open_store(url_), "open_store"); }
  std::string url() const override { return url_; }

 private:
  std::string name_;
  std::string url_;
  std::unique_ptr<Store> store_;
};

}  // namespace

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "latch-storage-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) {
    throw std::system_error(errno, std::generic_category(), "mkdtemp");
  }
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

std::vector<StoreFactory> store_factories() {
  return {
      StoreFactory{"sqlite", [] { return std::make_unique<SqliteBackend>(); }},
      StoreFactory{"postgres", [] { return std::make_unique<PostgresBackend>(); },
                   []() -> std::string {
                     if (postgres_installed() || std::getenv("LATCH_TEST_POSTGRES_URL")) {
                       return "";
                     }
                     return "PostgreSQL is not installed (/usr/lib/postgresql/*/bin/initdb); "
                            "run scripts/install-deps";
                   }},
  };
}

}  // namespace latch::storage::test
