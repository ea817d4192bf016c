#pragma once

#include <filesystem>
#include <memory>

#include "storage/store.hpp"

namespace latch::test {

// A migrated SQLite store in `dir` (latch.db), for unit tests of services over real storage.
// It is a copy of a database migrated once per process, which costs far less than running every
// migration for each test. Throws std::runtime_error when the database cannot be set up.
// Thread-safe.
std::unique_ptr<storage::Store> open_test_store(const std::filesystem::path& dir);

}  // namespace latch::test
