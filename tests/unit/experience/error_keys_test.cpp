// Every stable error key Latch produces has a phrase in each catalog: the APIs send the key as
// `code` and the pages show "error." + key, so a key without a phrase would reach people as a
// bare code. Reads the keys from the sources: the literal keys given to keyed_error, flow_error,
// connector_failure and broken (the password policy), the constants of core/error_keys.hpp and
// the storage's table of unique-key conflicts.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <regex>
#include <set>
#include <string>

#include "experience/i18n/i18n.hpp"

namespace latch::experience {
namespace {

namespace fs = std::filesystem;

std::string read_file(const fs::path& path) {
  std::ifstream in(path);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::set<std::string> keys_in_sources() {
  const std::regex patterns[] = {
      std::regex(
          R"re((?:keyed_error|flow_error|connector_failure|broken)\(\s*(?:Errc::\w+,\s*)?"([a-z_]+\.[a-z_.]+)")re"),
      std::regex(R"re(constexpr std::string_view k\w+ = "([a-z_]+\.[a-z_.]+)")re"),
      // storage/sql/conflicts.hpp: {sqlite columns, postgres constraint, key, description}
      std::regex(R"re(\{"[^"]+",\s*"[^"]+",\s*"([a-z_]+\.[a-z_.]+)",)re"),
  };
  std::set<std::string> keys;
  for (const auto& entry : fs::recursive_directory_iterator(fs::path(LATCH_SOURCE_DIR) / "src")) {
    auto ext = entry.path().extension();
    if (ext != ".cpp" && ext != ".hpp") continue;
    if (entry.path().parent_path().filename() == "i18n") continue;  // the catalogs themselves
    std::string text = read_file(entry.path());
    for (const auto& pattern : patterns) {
      for (std::sregex_iterator it(text.begin(), text.end(), pattern), end; it != end; ++it) {
        keys.insert((*it)[1]);
      }
    }
  }
  return keys;
}

TEST(ErrorKeysTest, EveryKeyInTheSourcesHasAPhraseInEachLanguage) {
  auto keys = keys_in_sources();
  ASSERT_GT(keys.size(), 50u);  // the scan found the producers
  EXPECT_TRUE(keys.contains("user.email_already_in_use"));
  EXPECT_TRUE(keys.contains("oidc.invalid_redirect_uri"));
  for (const auto& key : keys) {
    EXPECT_TRUE(has_phrase(Lang::En, "error." + key)) << key;
    EXPECT_TRUE(has_phrase(Lang::Ja, "error." + key)) << key;
  }
}

}  // namespace
}  // namespace latch::experience
