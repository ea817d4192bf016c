#include "support/temp_dir.hpp"

#include <stdlib.h>

#include <cerrno>
#include <system_error>

namespace latch::test {

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "latch-test-XXXXXX").string();
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
