// The configuration (src/core/config.*). The bytes are a TOML file, loaded by load_config as
// `latch serve --config FILE` loads it; each "key=value" line is also given as a command-line
// flag (apply_config_value).
//   - load_config returns a configuration or an InvalidRequest that names the file or the key;
//     it never throws (toml++ is built without exceptions) and never crashes;
//   - an accepted configuration holds every value inside its documented range, with an http(s)
//     endpoint that does not end in '/', and a database and master key path.

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <string_view>

#include "core/config.hpp"
#include "support/fuzz_check.hpp"

namespace latch::fuzz {
namespace {

// The file each input is written to: in memory (/dev/shm) when there is one, since rewriting a
// file on disk costs more than parsing it; removed when the run ends.
struct ScratchFile {
  std::string path;
  ~ScratchFile() {
    std::error_code ec;
    std::filesystem::remove(path, ec);
  }
};

const std::string& scratch_file() {
  static const ScratchFile file{[] {
    std::error_code ec;
    const bool shm = std::filesystem::is_directory("/dev/shm", ec);
    const auto dir =
        shm ? std::filesystem::path("/dev/shm") : std::filesystem::temp_directory_path();
    return (dir / ("latch-fuzz-config-" + std::to_string(getpid()) + ".toml")).string();
  }()};
  return file.path;
}

bool one_of(const std::string& value, std::initializer_list<std::string_view> allowed) {
  for (const auto a : allowed) {
    if (value == a) {
      return true;
    }
  }
  return false;
}

void check_ranges(const Config& c) {
  FUZZ_CHECK(c.endpoint.rfind("http://", 0) == 0 || c.endpoint.rfind("https://", 0) == 0);
  FUZZ_CHECK(c.endpoint.back() != '/');
  FUZZ_CHECK(!c.database.empty() && !c.master_key_file.empty());
  FUZZ_CHECK(c.database_pool_size >= 1 && c.database_pool_size <= 1000);
  FUZZ_CHECK(c.database_pool_timeout_ms >= 10 && c.database_pool_timeout_ms <= 600000);
  FUZZ_CHECK(one_of(c.log_level, {"trace", "debug", "info", "warn", "error"}));
  FUZZ_CHECK(one_of(c.log_format, {"text", "json"}));
  FUZZ_CHECK(c.threads <= 256 && c.blocking_threads <= 256);
  FUZZ_CHECK(one_of(c.access_token_alg, {"ES256", "ES384", "RS256", "EdDSA"}));
  FUZZ_CHECK(one_of(c.id_token_alg, {"ES256", "ES384", "RS256", "EdDSA"}));
  FUZZ_CHECK(c.access_token_ttl >= 60 && c.access_token_ttl <= 86400);
  FUZZ_CHECK(c.id_token_ttl >= 60 && c.id_token_ttl <= 86400);
  FUZZ_CHECK(c.refresh_token_ttl >= 60 && c.refresh_token_ttl <= 366 * 86400);
  FUZZ_CHECK(c.authorization_code_ttl >= 10 && c.authorization_code_ttl <= 60);
  FUZZ_CHECK(c.session_ttl >= 60 && c.session_ttl <= 366 * 86400);
  FUZZ_CHECK(c.interaction_ttl >= 60 && c.interaction_ttl <= 86400);
  FUZZ_CHECK(c.connector_timeout_ms >= 100 && c.connector_timeout_ms <= 120000);
}

// "key=value" lines, as `--key value` flags would give them.
std::map<std::string, std::string> flags_of(std::string_view text) {
  std::map<std::string, std::string> flags;
  while (!text.empty()) {
    const std::size_t newline = text.find('\n');
    const std::string_view line = text.substr(0, newline);
    text = newline == std::string_view::npos ? std::string_view{} : text.substr(newline + 1);
    const std::size_t eq = line.find('=');
    if (eq != std::string_view::npos && eq > 0 && line.front() != '#' && line.front() != '[') {
      flags.emplace(line.substr(0, eq), line.substr(eq + 1));
    }
  }
  return flags;
}

void check_load(std::string_view text) {
  {
    std::ofstream file(scratch_file(), std::ios::binary | std::ios::trunc);
    file.write(text.data(), static_cast<std::streamsize>(text.size()));
  }
  const auto from_file = load_config(scratch_file(), {}, {});
  if (from_file) {
    check_ranges(*from_file);
  } else {
    FUZZ_CHECK(from_file.error().code == Errc::InvalidRequest);
    FUZZ_CHECK(from_file.error().description.rfind(scratch_file(), 0) == 0);
  }
  const auto with_flags = load_config(scratch_file(), {}, flags_of(text));
  if (with_flags) {
    check_ranges(*with_flags);
  } else {
    FUZZ_CHECK(with_flags.error().code == Errc::InvalidRequest);
  }
}

}  // namespace
}  // namespace latch::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  latch::fuzz::check_load(latch::fuzz::as_text(data, size));
  return 0;
}
