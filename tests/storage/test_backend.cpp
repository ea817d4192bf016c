#include "storage/test_backend.hpp"

#include <stdlib.h>

#include <cerrno>
#include <stdexcept>
#include <system_error>
#include <utility>

#include "support/fake_clock.hpp"
#include "support/postgres_cluster.hpp"

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
    must(store_->migrate(clock_), "migrate");
  }
  Store& store() override { return *store_; }
  std::unique_ptr<Store> open_another() override { return must(open_store(path_), "open_store"); }
  std::string url() const override { return path_; }

 private:
  latch::test::FakeClock clock_;
  TempDir dir_;
  std::string path_;
  std::unique_ptr<Store> store_;
};

// A fresh schema of the test binary's PostgreSQL cluster (tests/support/postgres_cluster.hpp).
class PostgresBackend final : public TestBackend {
 public:
  PostgresBackend() : store_(must(open_store(schema_.url()), "open_store")) {
    must(store_->migrate(clock_), "migrate");
  }
  ~PostgresBackend() override { store_.reset(); }
  Store& store() override { return *store_; }
  std::unique_ptr<Store> open_another() override {
    return must(open_store(schema_.url()), "open_store");
  }
  std::string url() const override { return schema_.url(); }

 private:
  latch::test::FakeClock clock_;
  latch::test::PostgresSchema schema_;
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
                   [] { return latch::test::postgres_unavailable(); }},
  };
}

}  // namespace latch::storage::test
