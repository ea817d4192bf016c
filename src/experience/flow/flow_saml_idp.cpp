#include <algorithm>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "crypto/random.hpp"
#include "experience/flow/flow_rules.hpp"

// IdP-initiated SAML SSO (Logto's authn.ts, unsolicited Response branch, and
// libraries/sso-connector.ts createIdpInitiatedSamlSsoSession): the ACS verifies the Response
// and keeps who it names; the authorization request that follows (direct_sign_in=sso:<id>)
// signs that person in without another trip to the IdP.
namespace latch::experience {
namespace {

namespace json = boost::json;

// Logto's defaultIdPInitiatedSamlSsoSessionTtl.
constexpr std::int64_t kSessionTtlMs = 10 * 60 * 1000;

Error validation_session_not_found(std::string detail) {
  return flow_error(Errc::NotFound, "session.connector_validation_session_not_found",
                    std::move(detail));
}

std::string user_json(const connectors::sso::SsoUserInfo& u) {
  return json::serialize(json::object{{"id", u.subject},
                                      {"issuer", u.issuer},
                                      {"email", u.email},
                                      {"name", u.name},
                                      {"avatar", u.avatar},
                                      {"rawData", u.raw}});
}

}  // namespace

Result<FlowService::IdpInitiatedLanding> FlowService::idp_initiated_saml(
    const std::string& connector_id, const std::string& xml) {
  std::optional<storage::IdpInitiatedAuthConfig> config;
  auto done = store_.read([&](storage::Tx& tx) -> Result<void> {
    auto found = tx.saml_sso().idp_initiated_config(connector_id);
    if (!found) return found.error();
    config = std::move(*found);
    return ok();
  });
  if (!done) return done.error();
  if (!config) return validation_session_not_found("IdP-initiated SSO is off for " + connector_id);
  auto info = sso_.find(connector_id);
  if (!info) return info.error();
  auto connector = sso_.build(*info);
  if (!connector) return flow_error(Errc::NotFound, "connector.not_found");
  // No request ID: the Response must answer no request (SAML profiles §4.1.5).
  auto user = connector->verify({{"SAMLResponse", xml}}, connectors::sso::SsoSession{});
  if (user) user = refuse_replay(connector_id, std::move(*user));
  if (!user) return user.error();
  const std::int64_t now = clock_.now_millis();
  IdpInitiatedLanding landing{crypto::random_id(21),
                              std::min(now + kSessionTtlMs, user->assertion_expires_at), *config};
  storage::IdpInitiatedSession session{landing.session_id, connector_id, user_json(*user), now,
                                       landing.expires_at};
  auto saved = store_.transact([&](storage::Tx& tx) -> Result<void> {
    if (auto purged = tx.saml_sso().purge_expired(now); !purged) return purged;
    return tx.saml_sso().insert_idp_initiated_session(session);
  });
  if (!saved) return saved.error();
  return landing;
}

Result<std::string> FlowService::use_idp_initiated_session(const FlowContext& ctx,
                                                           const std::string& connector_id,
                                                           const std::string& session_id) {
  if (!config()->single_sign_on_enabled) {
    return flow_error(Errc::Forbidden, "session.sign_in_method_not_enabled");
  }
  std::optional<storage::IdpInitiatedSession> session;
  auto taken = store_.transact([&](storage::Tx& tx) -> Result<void> {
    auto found = tx.saml_sso().take_idp_initiated_session(session_id, clock_.now_millis());
    if (!found) return found.error();
    session = std::move(*found);
    return ok();
  });
  if (!taken) return taken.error();
  if (!session || session->connector_id != connector_id) {
    return flow_error(Errc::NotFound, "session.connector_session_not_found",
                      "no IdP-initiated session " + session_id + " for " + connector_id);
  }
  boost::system::error_code ec;
  auto user = json::parse(session->assertion_json, ec);
  std::string issuer = !ec && user.is_object() && user.as_object().contains("issuer") &&
                               user.as_object().at("issuer").is_string()
                           ? std::string(user.as_object().at("issuer").as_string())
                           : std::string();
  VerificationRecord record;
  record.id = crypto::random_id(21);
  record.type = VerificationType::EnterpriseSso;
  record.connector_id = connector_id;
  if (auto added = add_pending(ctx, record); !added) return added.error();
  if (auto marked = mark_verified(ctx, record.id, session->assertion_json, issuer); !marked) {
    return marked.error();
  }
  audit(ctx, "Interaction.SignIn.Verification.IdpInitiatedSso", true, "",
        {{"connectorId", connector_id}, {"issuer", issuer}});
  return record.id;
}

}  // namespace latch::experience
