#include "support/test_store.hpp"

#include <stdexcept>
#include <string>

#include "core/clock.hpp"
#include "support/temp_dir.hpp"

namespace latch::test {
namespace {

// Migrations record when they ran; a test store's history is of no interest.
const SystemClock kClock;

void must(const Result<void>& result, const char* what) {
  if (!result) throw std::runtime_error(std::string(what) + ": " + result.error().description);
}

std::unique_ptr<storage::Store> open_or_throw(const std::filesystem::path& file) {
  auto store = storage::open_store(file.string());
  if (!store) throw std::runtime_error("open_store: " + store.error().description);
  return std::move(*store);
}

// Migrated and closed, so that it is one self-contained file (the WAL checkpointed into it).
const std::filesystem::path& migrated_template() {
  static TempDir dir = TempDir::in_memory();
  static const std::filesystem::path path = [] {
    auto file = dir.path() / "template.db";
    must(open_or_throw(file)->migrate(kClock), "migrate");
    return file;
  }();
  return path;
}

}  // namespace

std::unique_ptr<storage::Store> open_test_store(const std::filesystem::path& dir) {
  auto file = dir / "latch.db";
  std::filesystem::copy_file(migrated_template(), file);
  auto store = open_or_throw(file);
  must(store->migrate(kClock), "migrate");  // a no-op, unless the template is behind
  return store;
}

}  // namespace latch::test
