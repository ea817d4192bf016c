#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "storage/store.hpp"

namespace latch::storage::test {

// A directory under the system temp dir, removed with everything in it on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// One database of one backend, fresh and migrated, with whatever it needs to live (a temp dir,
// a scratch schema). Destroying it drops the database.
class TestBackend {
 public:
  virtual ~TestBackend() = default;
  virtual Store& store() = 0;
  // A second, independent Store on the same database, as another node would open it.
  virtual std::unique_ptr<Store> open_another() = 0;
  // What open_store() was given (a file path, or a postgres:// URL).
  virtual std::string url() const = 0;
};

// How the storage suite gets a backend. Adding a backend to the suite = adding a factory to
// store_factories(). `make` throws std::runtime_error when the backend cannot be set up.
struct StoreFactory {
  std::string name;  // a valid test-name suffix: [A-Za-z0-9_]
  std::function<std::unique_ptr<TestBackend>()> make;
  // When set and it returns a reason, the backend's tests are skipped with that reason.
  std::function<std::string()> unavailable = {};
};

std::vector<StoreFactory> store_factories();

}  // namespace latch::storage::test
