#pragma once

#include <fstream>
#include <sstream>
#include <string>

namespace latch::migrate {

// The text of tests/fixtures/migrate/<name> ("" when it cannot be read).
inline std::string fixture(const std::string& name) {
  std::ifstream in(std::string(LATCH_SOURCE_DIR) + "/tests/fixtures/migrate/" + name);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace latch::migrate
