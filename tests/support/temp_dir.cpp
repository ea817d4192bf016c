#include "support/temp_dir.hpp"

#include <stdlib.h>

#include <cerrno>
#include <system_error>

namespace latch::test {

TempDir::TempDir() : TempDir(std::filesystem::temp_directory_path()) {}

TempDir TempDir::in_memory() {
  std::error_code ec;
  bool shm = std::filesystem::is_directory("/dev/shm", ec);
  return shm ? TempDir("/dev/shm") : TempDir();
}

TempDir::TempDir(const std::filesystem::path& parent) {
  std::string pattern = (parent / "latch-test-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) {
    throw std::system_error(errno, std::generic_category(), "mkdtemp");
  }
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

}  // namespace latch::test
