#pragma once

#include <filesystem>

namespace latch::test {

// A fresh directory under the system temp dir, removed with everything in it on destruction.
// Not thread-safe; owned by one test.
class TempDir {
 public:
  // Throws std::system_error when the directory cannot be created.
  TempDir();
  // The same in memory (/dev/shm) when the system has it: for the many small databases unit
  // tests make, whose file writes would otherwise wait on a disk shared with builds.
  static TempDir in_memory();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }

 private:
  explicit TempDir(const std::filesystem::path& parent);
  std::filesystem::path path_;
};

}  // namespace latch::test
