#include "core/config.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <string>

#include "support/result_testing.hpp"
#include "support/temp_dir.hpp"

namespace latch {
namespace {

using Vars = std::map<std::string, std::string>;

class ConfigTest : public ::testing::Test {
 protected:
  // Writes a TOML file into the temp dir and returns its path.
  std::string toml(const std::string& content, const std::string& name = "latch.toml") {
    std::string path = (dir_.path() / name).string();
    std::ofstream(path) << content;
    return path;
  }
  // An empty file: loading it never falls back to a ./latch.toml of the working directory.
  std::string no_file() { return toml("", "empty.toml"); }

  test::TempDir dir_;
};

TEST_F(ConfigTest, DefaultsApplyWithoutAnySetting) {
  auto config = load_config(no_file(), {}, {});
  ASSERT_TRUE(config);
  EXPECT_EQ(config->port, 3001);
  EXPECT_EQ(config->bind_address, "0.0.0.0");
  EXPECT_EQ(config->endpoint, "http://localhost:3001");
  EXPECT_TRUE(config->endpoint_is_default);
  EXPECT_EQ(config->access_token_ttl, 3600);
  EXPECT_EQ(config->log_level, "info");
}

TEST_F(ConfigTest, DefaultEndpointFollowsTheConfiguredPort) {
  auto config = load_config(no_file(), {{"LATCH_PORT", "8080"}}, {});
  ASSERT_TRUE(config);
  EXPECT_EQ(config->endpoint, "http://localhost:8080");
}

TEST_F(ConfigTest, DatabaseAndMasterKeyLiveInTheDataDirectory) {
  auto config = load_config(no_file(), {{"LATCH_DATA_DIR", "/srv/latch"}}, {});
  ASSERT_TRUE(config);
  EXPECT_EQ(config->database, "/srv/latch/latch.db");
  EXPECT_EQ(config->master_key_file, "/srv/latch/master.key");
}

TEST_F(ConfigTest, IssuerIsTheEndpointFollowedByOidc) {
  auto config = load_config(no_file(), {{"LATCH_ENDPOINT", "https://id.example.test"}}, {});
  ASSERT_TRUE(config);
  EXPECT_EQ(config->issuer(), "https://id.example.test/oidc");
  EXPECT_TRUE(config->secure_cookies());
  EXPECT_FALSE(config->endpoint_is_default);
}

TEST_F(ConfigTest, TrailingSlashesOfTheEndpointAreDropped) {
  auto config = load_config(no_file(), {}, {{"endpoint", "http://id.example.test//"}});
  ASSERT_TRUE(config);
  EXPECT_EQ(config->endpoint, "http://id.example.test");
}

TEST_F(ConfigTest, FileSetsValues) {
  auto config = load_config(
      toml("port = 4000\nendpoint = \"https://file.test\"\nlog_level = \"debug\"\n"), {}, {});
  ASSERT_TRUE(config);
  EXPECT_EQ(config->port, 4000);
  EXPECT_EQ(config->endpoint, "https://file.test");
  EXPECT_EQ(config->log_level, "debug");
}

TEST_F(ConfigTest, EnvironmentOverridesTheFile) {
  auto config = load_config(toml("port = 4000\n"), {{"LATCH_PORT", "5000"}}, {});
  ASSERT_TRUE(config);
  EXPECT_EQ(config->port, 5000);
}

TEST_F(ConfigTest, FlagsOverrideTheEnvironment) {
  auto config = load_config(toml("port = 4000\n"), {{"LATCH_PORT", "5000"}}, {{"port", "6000"}});
  ASSERT_TRUE(config);
  EXPECT_EQ(config->port, 6000);
}

TEST_F(ConfigTest, EnvironmentVariablesOtherThanLatchAreIgnored) {
  auto config = load_config(no_file(), {{"PORT", "9"}, {"port", "9"}}, {});
  ASSERT_TRUE(config);
  EXPECT_EQ(config->port, 3001);
}

TEST_F(ConfigTest, LatchConfigNamesTheFileWhenNoneIsGiven) {
  std::string path = toml("port = 4100\n", "named.toml");
  auto config = load_config("", {{"LATCH_CONFIG", path}}, {});
  ASSERT_TRUE(config);
  EXPECT_EQ(config->port, 4100);
}

TEST_F(ConfigTest, ExplicitFileWinsOverLatchConfig) {
  std::string named = toml("port = 4100\n", "named.toml");
  auto config = load_config(toml("port = 4200\n"), {{"LATCH_CONFIG", named}}, {});
  ASSERT_TRUE(config);
  EXPECT_EQ(config->port, 4200);
}

TEST_F(ConfigTest, UnknownKeyInTheFileIsRejectedWithItsName) {
  auto config = load_config(toml("colour = \"blue\"\n"), {}, {});
  ASSERT_FALSE(config);
  EXPECT_EQ(config.error().code, Errc::InvalidRequest);
  EXPECT_NE(config.error().description.find("colour"), std::string::npos);
  EXPECT_NE(config.error().description.find("latch.toml"), std::string::npos);
}

TEST_F(ConfigTest, UnknownFlagKeyIsRejected) {
  auto config = load_config(no_file(), {}, {{"colour", "blue"}});
  ASSERT_FALSE(config);
  EXPECT_NE(config.error().description.find("colour"), std::string::npos);
}

TEST_F(ConfigTest, MalformedTomlIsRejectedWithTheLine) {
  auto config = load_config(toml("port = 1\nendpoint = \n"), {}, {});
  ASSERT_FALSE(config);
  EXPECT_NE(config.error().description.find("line 2"), std::string::npos)
      << config.error().description;
}

// Inputs fuzz/config_fuzz.cpp found (fuzz/corpus/config/regression-*): toml++ 3.3 met each with
// undefined behaviour (a broken internal assumption, or __builtin_unreachable) before its parser
// could report it.
TEST_F(ConfigTest, MalformedTableHeadersAreRejectedWithTheLine) {
  for (const char* text : {"[[[1]]]\n", "[[=\n", "port = 1\n[[\na = 2\n"}) {
    auto config = load_config(toml(text), {}, {});
    ASSERT_FALSE(config) << text;
    EXPECT_EQ(config.error().code, Errc::InvalidRequest);
    EXPECT_NE(config.error().description.find("at line"), std::string::npos)
        << config.error().description;
  }
}

TEST_F(ConfigTest, NonAsciiCharactersOutsideStringsAreRejected) {
  for (const char* text : {"\xC3\xA9 = 1\n", "port = 1 \xC2\xA7\n", "port = 1\xE2\x80\x93\n"}) {
    auto config = load_config(toml(text), {}, {});
    ASSERT_FALSE(config) << text;
    EXPECT_EQ(config.error().code, Errc::InvalidRequest);
  }
}

TEST_F(ConfigTest, NonAsciiCharactersInStringsAndCommentsAreKept) {
  auto config = load_config(toml("# caf\xC3\xA9\ndata_dir = \"/srv/caf\xC3\xA9\"\n"), {}, {});
  ASSERT_TRUE(config) << config.error().description;
  EXPECT_EQ(config->data_dir, "/srv/caf\xC3\xA9");
}

TEST_F(ConfigTest, ALineEndingBackslashMayBeFollowedByNonAscii) {
  auto config = load_config(toml("data_dir = \"\"\"\\\n\xC2\xA7\"\"\"\n"), {}, {});
  ASSERT_TRUE(config) << config.error().description;
  EXPECT_EQ(config->data_dir, "\xC2\xA7");
}

// A float is not an integer: toml++ 3.3 would cast 4e90 to one without a range check (undefined
// behaviour, found by fuzz/config_fuzz.cpp), and 8080.0 was taken as 8080.
TEST_F(ConfigTest, AFloatForAnIntegerKeyIsRejectedNamingTheKey) {
  for (const char* text : {"port = 4e90\n", "port = 8080.0\n", "port = nan\n"}) {
    auto config = load_config(toml(text), {}, {});
    ASSERT_FALSE(config) << text;
    EXPECT_NE(config.error().description.find("port: expected a string, an integer"),
              std::string::npos)
        << config.error().description;
  }
}

// A float, a date or a table used to set a text key to "" without a word.
TEST_F(ConfigTest, AValueOfNoSupportedTypeIsRejectedNamingTheKey) {
  for (const char* text : {"data_dir = 1.5\n", "data_dir = 1979-05-27\n", "data_dir = {a = 1}\n",
                           "[data_dir]\na = 1\n"}) {
    auto config = load_config(toml(text), {}, {});
    ASSERT_FALSE(config) << text;
    EXPECT_NE(config.error().description.find("data_dir: expected"), std::string::npos)
        << config.error().description;
  }
}

TEST_F(ConfigTest, AnUnknownKeyIsReportedAsUnknownWhateverItsValue) {
  auto config = load_config(toml("[server]\nport = 1\n"), {}, {});
  ASSERT_FALSE(config);
  EXPECT_NE(config.error().description.find("unknown configuration key 'server'"),
            std::string::npos)
      << config.error().description;
}

TEST_F(ConfigTest, MissingFileIsRejected) {
  auto config = load_config((dir_.path() / "absent.toml").string(), {}, {});
  EXPECT_FALSE(config);
}

TEST_F(ConfigTest, BadIntegerInTheEnvironmentNamesTheVariable) {
  auto config = load_config(no_file(), {{"LATCH_PORT", "eighty"}}, {});
  ASSERT_FALSE(config);
  EXPECT_NE(config.error().description.find("LATCH_PORT"), std::string::npos)
      << config.error().description;
}

struct BadValue {
  std::string name;
  std::string key;
  std::string value;
};

class ConfigBadValueTest : public ::testing::TestWithParam<BadValue> {};

TEST_P(ConfigBadValueTest, IsRejectedNamingTheKey) {
  Config config;
  auto applied = apply_config_value(config, GetParam().key, GetParam().value);
  ASSERT_FALSE(applied);
  EXPECT_EQ(applied.error().code, Errc::InvalidRequest);
  EXPECT_NE(applied.error().description.find(GetParam().key), std::string::npos)
      << applied.error().description;
}

INSTANTIATE_TEST_SUITE_P(
    Config, ConfigBadValueTest,
    ::testing::Values(BadValue{"NonNumericPort", "port", "http"},
                      BadValue{"PortWithTrailingText", "port", "80x"},
                      BadValue{"PortAboveRange", "port", "65536"},
                      BadValue{"NegativePort", "port", "-1"}, BadValue{"EmptyPort", "port", ""},
                      BadValue{"PortWithSpace", "port", " 80"},
                      BadValue{"TtlBelowMinimum", "access_token_ttl", "59"},
                      BadValue{"CodeTtlAboveMaximum", "authorization_code_ttl", "61"},
                      BadValue{"TooManyThreads", "threads", "257"},
                      BadValue{"UnknownLogLevel", "log_level", "verbose"},
                      BadValue{"UnknownLogFormat", "log_format", "xml"},
                      BadValue{"UnknownAlgorithm", "access_token_alg", "HS256"},
                      BadValue{"LowerCaseAlgorithm", "id_token_alg", "es256"},
                      BadValue{"EndpointWithoutScheme", "endpoint", "id.example.test"},
                      BadValue{"EndpointWithOtherScheme", "endpoint", "ftp://id.example.test"},
                      BadValue{"EndpointWithoutHost", "endpoint", "https://"},
                      BadValue{"EndpointWithEmptyHost", "endpoint", "http:///oidc"},
                      BadValue{"EndpointWithQuery", "endpoint", "https://id.example.test/?a=1"},
                      BadValue{"EndpointWithFragment", "endpoint", "https://id.example.test#top"},
                      BadValue{"EndpointWithSpace", "endpoint", "https://id.example.test/a b"},
                      BadValue{"UnknownKey", "no_such_key", "1"},
                      BadValue{"UnknownProxyHeader", "trusted_proxy_header", "x-real-ip"},
                      BadValue{"BooleanAsWord", "hsts_include_subdomains", "yes"},
                      BadValue{"UnknownMetricsSwitch", "metrics", "public"},
                      BadValue{"ZeroWindow", "rate_limit_window", "0"},
                      BadValue{"NegativeLimit", "sign_in_attempts_per_ip", "-1"}),
    [](const auto& info) { return info.param.name; });

TEST_F(ConfigTest, TrustedProxiesComeAsATomlArrayOrACommaSeparatedList) {
  auto from_file =
      load_config(toml("trusted_proxies = [\"10.0.0.0/8\", \"2001:db8::1\"]\n"), {}, {});
  ASSERT_TRUE(from_file);
  EXPECT_EQ(from_file->trusted_proxies, (std::vector<std::string>{"10.0.0.0/8", "2001:db8::1"}));
  auto from_env = load_config(no_file(), {{"LATCH_TRUSTED_PROXIES", " 10.0.0.5 , ,10.0.0.6"}}, {});
  ASSERT_TRUE(from_env);
  EXPECT_EQ(from_env->trusted_proxies, (std::vector<std::string>{"10.0.0.5", "10.0.0.6"}));
  auto from_flag = load_config(no_file(), {}, {{"trusted_proxies", "192.0.2.1"}});
  ASSERT_TRUE(from_flag);
  EXPECT_EQ(from_flag->trusted_proxies, (std::vector<std::string>{"192.0.2.1"}));
}

TEST_F(ConfigTest, EdgeDefaultsTrustNoProxyAndLimitModestly) {
  auto config = load_config(no_file(), {}, {});
  ASSERT_TRUE(config);
  EXPECT_TRUE(config->trusted_proxies.empty());
  EXPECT_EQ(config->trusted_proxy_header, "x-forwarded-for");
  EXPECT_EQ(config->max_connections_per_ip, 256u);
  EXPECT_FALSE(config->hsts_include_subdomains);
  EXPECT_EQ(config->rate_limit_window, 60);
  EXPECT_EQ(config->client_auth_failures_per_client, 60);
}

TEST_F(ConfigTest, BooleansComeFromTomlOrText) {
  auto from_file = load_config(toml("hsts_include_subdomains = true\n"), {}, {});
  ASSERT_TRUE(from_file);
  EXPECT_TRUE(from_file->hsts_include_subdomains);
  auto from_env = load_config(no_file(), {{"LATCH_HSTS_INCLUDE_SUBDOMAINS", "1"}}, {});
  ASSERT_TRUE(from_env);
  EXPECT_TRUE(from_env->hsts_include_subdomains);
}

TEST(ConfigValueTest, IntegerBoundsAreInclusive) {
  Config config;
  ASSERT_TRUE(apply_config_value(config, "port", "65535"));
  EXPECT_EQ(config.port, 65535);
  ASSERT_TRUE(apply_config_value(config, "port", "0"));
  EXPECT_EQ(config.port, 0);
  ASSERT_TRUE(apply_config_value(config, "authorization_code_ttl", "60"));
  EXPECT_EQ(config.authorization_code_ttl, 60);
}

TEST(ConfigValueTest, DynamicRegistrationIsOffByDefaultAndTakesThreeModes) {
  Config config;
  EXPECT_EQ(config.dynamic_registration, "off");
  EXPECT_FALSE(config.registration_enabled());
  for (const char* mode : {"open", "initial_access_token"}) {
    ASSERT_TRUE(apply_config_value(config, "dynamic_registration", mode));
    EXPECT_EQ(config.dynamic_registration, mode);
    EXPECT_TRUE(config.registration_enabled());
  }
  ASSERT_TRUE(apply_config_value(config, "dynamic_registration", "off"));
  EXPECT_FALSE(config.registration_enabled());
  EXPECT_FALSE(apply_config_value(config, "dynamic_registration", "on"));
  EXPECT_EQ(config.registrations_per_ip, 20);
}

TEST(ConfigValueTest, EveryKeyHasADescription) {
  for (const auto& key : config_keys()) {
    EXPECT_FALSE(key.description.empty()) << key.name;
  }
}

TEST(ConfigValueTest, EveryDocumentedKeyIsAccepted) {
  for (const auto& key : config_keys()) {
    Config config;
    auto applied = apply_config_value(config, key.name, "");
    bool unknown = !applied && applied.error().description.find("unknown configuration key") !=
                                   std::string::npos;
    EXPECT_FALSE(unknown) << key.name;
  }
}

}  // namespace
}  // namespace latch
