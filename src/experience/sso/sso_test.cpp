#include <boost/json/serialize.hpp>

#include "core/json.hpp"
#include "experience/sso/sso_connectors.hpp"

// Test connection: the link an admin opens and the test sign-in it starts, both sealed with the
// master key so that nothing is stored (the SAML relay of a test is stored as any sign-in's).
namespace latch::experience {
namespace {

namespace json = boost::json;

// Associated data: a link cannot be opened as a test sign-in, nor one as the other.
constexpr std::string_view kLinkPurpose = "latch:sso-test-link";
constexpr std::string_view kTestPurpose = "latch:sso-test";

std::optional<json::object> opened(const crypto::SecretBox& secrets, std::string_view sealed,
                                   std::string_view purpose, std::int64_t now) {
  if (sealed.empty() || sealed.size() > 8192) return std::nullopt;
  auto text = secrets.open(sealed, purpose);
  if (!text) return std::nullopt;
  auto value = parse_json(*text);
  if (!value || !value->is_object()) return std::nullopt;
  const auto& object = value->as_object();
  const auto* expires = object.if_contains("e");
  if (!expires || !expires->is_int64() || expires->as_int64() <= now) return std::nullopt;
  return object;
}

}  // namespace

Result<SsoTestLink> SsoConnectors::test_link(std::string_view id) {
  auto info = find(id);
  if (!info) return info.error();
  if (!build(*info)) {
    return keyed_error(Errc::InvalidRequest, "connector.invalid_config",
                       "the connector has no configuration to sign in with");
  }
  SsoTestLink link;
  link.expires_at = clock_.now_millis() + std::chrono::milliseconds(kSsoTestTtl).count();
  json::object sealed{{"c", info->record.id}, {"e", link.expires_at}};
  link.ticket = secrets_.seal(json::serialize(sealed), kLinkPurpose);
  return link;
}

Result<std::string> SsoConnectors::open_test_link(std::string_view ticket) const {
  auto link = opened(secrets_, ticket, kLinkPurpose, clock_.now_millis());
  if (!link) return keyed_error(Errc::InvalidRequest, "single_sign_on.test_link_expired");
  return json_text(*link, "c");
}

std::string SsoConnectors::seal_test(const SsoTest& test) const {
  const auto& s = test.session;
  json::object sealed{{"c", test.connector_id}, {"s", s.state},         {"r", s.redirect_uri},
                      {"n", s.nonce},           {"v", s.code_verifier}, {"q", s.request_id},
                      {"rs", s.relay_state},    {"e", test.expires_at}};
  return secrets_.seal(json::serialize(sealed), kTestPurpose);
}

std::optional<SsoTest> SsoConnectors::open_test(std::string_view sealed) const {
  auto test = opened(secrets_, sealed, kTestPurpose, clock_.now_millis());
  if (!test) return std::nullopt;
  const auto& t = *test;
  return SsoTest{json_text(t, "c"),
                 {json_text(t, "s"), json_text(t, "r"), json_text(t, "n"), json_text(t, "v"),
                  json_text(t, "q"), json_text(t, "rs")},
                 t.at("e").as_int64()};
}

}  // namespace latch::experience
