#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "core/error_keys.hpp"
#include "core/json.hpp"
#include "crypto/hash.hpp"
#include "crypto/random.hpp"
#include "experience/flow/flow_rules.hpp"

// Enterprise SSO sign-in (Logto's EnterpriseSsoVerification): the redirect to the IdP, its
// answer, the account it identifies, and what submit records (the SSO identity, the connector's
// JIT organizations).
namespace latch::experience {
namespace {

namespace json = boost::json;

json::object user_json(const connectors::sso::SsoUserInfo& u) {
  return {{"id", u.subject}, {"issuer", u.issuer}, {"email", u.email},
          {"name", u.name},  {"avatar", u.avatar}, {"rawData", u.raw}};
}

json::object parsed(const std::string& text) {
  boost::system::error_code ec;
  auto v = json::parse(text, ec);
  return !ec && v.is_object() ? v.as_object() : json::object{};
}

// How long an SP-initiated SAML sign-in waits for the IdP's Response (Logto's connector session).
constexpr std::int64_t kSamlRelayTtlMs = 10 * 60 * 1000;

Error not_enabled() { return flow_error(Errc::Forbidden, "session.sign_in_method_not_enabled"); }

const VerificationRecord* sso_record(const FlowState& s) {
  for (const auto& v : s.verifications) {
    if (v.id == s.sso_verification && v.type == VerificationType::EnterpriseSso && v.verified) {
      return &v;
    }
  }
  return nullptr;
}

// Joins `user_id` to the connector's JIT organizations it is not in yet, with each one's JIT
// roles.
Result<void> join_jit_organizations(storage::Tx& tx, const std::string& connector_id,
                                    const std::string& user_id) {
  auto organizations = tx.sso_connectors().jit_organization_ids(connector_id);
  if (!organizations) return organizations.error();
  for (const auto& org : *organizations) {
    auto member = tx.organizations().has_user(org, user_id);
    if (!member) return member.error();
    if (*member) continue;
    if (auto joined = tx.organizations().add_users(org, {user_id}); !joined) return joined;
    auto roles = tx.organizations().jit_roles(org);
    if (!roles) return roles.error();
    if (roles->empty()) continue;
    std::vector<std::string> role_ids;
    for (const auto& role : *roles) role_ids.push_back(role.id);
    if (auto given = tx.organizations().add_user_roles(org, {user_id}, role_ids); !given) {
      return given;
    }
  }
  return ok();
}

}  // namespace

Result<FlowService::SsoBegun> FlowService::begin_at_idp(const std::string& connector_id,
                                                        const std::string& state,
                                                        const std::string& redirect_uri) {
  if (state.empty() || state.size() > 512 || redirect_uri.empty() || redirect_uri.size() > 2048) {
    return flow_error(Errc::InvalidRequest, "guard.invalid_input");
  }
  auto info = sso_.find(connector_id);
  if (!info) return info.error();
  auto connector = sso_.build(*info);
  if (!connector) {
    return flow_error(Errc::NotFound, "connector.not_found",
                      "SSO connector " + connector_id + " cannot sign in (configuration)");
  }
  SsoBegun begun{{}, {state, redirect_uri, {}, {}, {}, {}}};
  const bool saml = SsoConnectors::is_saml(*info);
  if (saml) begun.session.relay_state = crypto::random_id(32);
  auto uri = connector->authorization_uri(begun.session);
  if (!uri) return uri.error();
  begun.uri = std::move(*uri);
  if (saml) {
    if (auto relayed = remember_saml_relay(begun.session, connector_id); !relayed) {
      return relayed.error();
    }
  }
  return begun;
}

Result<connectors::sso::SsoUserInfo> FlowService::verify_at_idp(
    const std::string& connector_id, const connectors::sso::SsoSession& session,
    const connectors::CallbackParams& data) {
  auto info = sso_.find(connector_id);
  if (!info) return info.error();
  auto connector = sso_.build(*info);
  if (!connector) return flow_error(Errc::NotFound, "connector.not_found");
  connectors::CallbackParams answer = data;
  Result<connectors::sso::SsoUserInfo> user = flow_error(Errc::Internal, "unknown");
  if (!session.relay_state.empty()) {
    // SAML: the Response the ACS kept for this sign-in, never one the client sends.
    user = saml_response_of(session.relay_state, connector_id, answer);
    if (user) user = connector->verify(answer, session);
    if (user) user = refuse_replay(connector_id, std::move(*user));
  } else {
    user = connector->verify(answer, session);
  }
  if (user && (user->subject.empty() || user->issuer.empty())) {
    return flow_error(Errc::Unavailable, "connector.invalid_response", "no subject");
  }
  return user;
}

Result<SocialStart> FlowService::start_sso(const FlowContext& ctx, const std::string& connector_id,
                                           const std::string& state,
                                           const std::string& redirect_uri) {
  if (!config()->single_sign_on_enabled) return not_enabled();
  auto begun = begin_at_idp(connector_id, state, redirect_uri);
  if (!begun) return begun.error();
  const auto& session = begun->session;
  VerificationRecord record;
  record.id = crypto::random_id(21);
  record.type = VerificationType::EnterpriseSso;
  record.connector_id = connector_id;
  record.state = session.state;
  record.redirect_uri = session.redirect_uri;
  record.nonce = session.nonce;
  record.code_verifier = session.code_verifier;
  record.saml_request_id = session.request_id;
  record.relay_state = session.relay_state;
  if (auto added = add_pending(ctx, record); !added) return added.error();
  return SocialStart{std::move(begun->uri), record.id};
}

Result<std::string> FlowService::verify_sso(const FlowContext& ctx, const std::string& connector_id,
                                            const connectors::CallbackParams& data,
                                            const std::string& vid) {
  if (!config()->single_sign_on_enabled) return not_enabled();
  auto given = data.find("state");
  std::string state = given == data.end() ? std::string() : given->second;
  auto pending = take_pending(ctx, VerificationType::EnterpriseSso, connector_id, state, vid);
  if (!pending) return pending.error();
  connectors::sso::SsoSession session{state,
                                      pending->redirect_uri,
                                      pending->nonce,
                                      pending->code_verifier,
                                      pending->saml_request_id,
                                      pending->relay_state};
  auto user = verify_at_idp(connector_id, session, data);
  if (!user) {
    const Error& error = user.error();
    audit(ctx, "Interaction.SignIn.Verification.EnterpriseSso", false, "",
          {{"connectorId", connector_id},
           {"error", error.key.empty() ? error.description : error.key}});
    return error;
  }
  auto done = mark_verified(ctx, pending->id, json::serialize(user_json(*user)), user->issuer);
  if (!done) return done.error();
  audit(ctx, "Interaction.SignIn.Verification.EnterpriseSso", true, "",
        {{"connectorId", connector_id}, {"issuer", user->issuer}});
  return pending->id;
}

Result<FlowService::SsoTestStart> FlowService::start_sso_test(const std::string& connector_id,
                                                              const std::string& redirect_uri) {
  auto begun = begin_at_idp(connector_id, crypto::random_id(32), redirect_uri);
  if (!begun) return begun.error();
  std::int64_t expires_at = clock_.now_millis() + std::chrono::milliseconds(kSsoTestTtl).count();
  return SsoTestStart{std::move(begun->uri),
                      SsoTest{connector_id, std::move(begun->session), expires_at}};
}

Result<connectors::sso::SsoUserInfo> FlowService::verify_sso_test(
    const SsoTest& test, const connectors::CallbackParams& data) {
  auto given = data.find("state");
  if (given == data.end() || !crypto::constant_time_equal(given->second, test.session.state)) {
    return flow_error(Errc::InvalidRequest, "session.social_state_invalid");
  }
  return verify_at_idp(test.connector_id, test.session, data);
}

Result<void> FlowService::remember_saml_relay(const connectors::sso::SsoSession& session,
                                              const std::string& connector_id) {
  storage::SamlRelay relay{
      session.relay_state, connector_id, session.redirect_uri,
      session.state,       {},           clock_.now_millis() + kSamlRelayTtlMs};
  return store_.transact([&](storage::Tx& tx) -> Result<void> {
    if (auto purged = tx.saml_sso().purge_expired(clock_.now_millis()); !purged) return purged;
    return tx.saml_sso().insert_relay(relay);
  });
}

Result<connectors::sso::SsoUserInfo> FlowService::saml_response_of(
    const std::string& relay_state, const std::string& connector_id,
    connectors::CallbackParams& answer) {
  std::optional<storage::SamlRelay> relay;
  auto done = store_.transact([&](storage::Tx& tx) -> Result<void> {
    auto taken = tx.saml_sso().take_relay(relay_state, connector_id, clock_.now_millis());
    if (!taken) return taken.error();
    relay = std::move(*taken);
    return ok();
  });
  if (!done) return done.error();
  if (!relay || relay->response.empty()) {
    return flow_error(Errc::InvalidRequest, "session.connector_session_not_found",
                      "no SAML Response reached the ACS for this sign-in");
  }
  answer.insert_or_assign("SAMLResponse", std::move(relay->response));
  return connectors::sso::SsoUserInfo{};
}

Result<connectors::sso::SsoUserInfo> FlowService::refuse_replay(const std::string& connector_id,
                                                                connectors::sso::SsoUserInfo user) {
  if (user.assertion_id.empty()) return user;
  bool fresh = false;
  auto done = store_.transact([&](storage::Tx& tx) -> Result<void> {
    auto recorded =
        tx.saml_sso().record_assertion(connector_id, user.assertion_id, user.assertion_expires_at);
    if (!recorded) return recorded.error();
    fresh = *recorded;
    return ok();
  });
  if (!done) return done.error();
  if (!fresh) {
    return flow_error(Errc::InvalidRequest, "saml.replayed",
                      "assertion " + user.assertion_id + " was accepted before");
  }
  return user;
}

Result<std::vector<SsoConnectorInfo>> FlowService::sso_connectors_for(const std::string& email) {
  if (!config()->single_sign_on_enabled) return std::vector<SsoConnectorInfo>{};
  return sso_.for_email(email);
}

Result<void> FlowService::refuse_sso_email(const std::string& email) {
  auto found = sso_connectors_for(email);
  if (!found) return found.error();
  if (!found->empty()) return flow_error(Errc::Conflict, "session.sso_enabled");
  return ok();
}

Result<void> FlowService::identify_sso(storage::Tx& tx, FlowState& s, const VerificationRecord& v) {
  auto u = parsed(v.social_user);
  std::string subject = json_text(u, "id"), email = json_text(u, "email");
  auto existing = tx.user_sso_identities().find(v.target, subject);
  if (!existing) return existing.error();
  if (*existing) {
    if (s.event == InteractionEvent::Register) {
      return flow_error(Errc::Conflict, "user.identity_already_in_use");
    }
    s.user_id = (*existing)->user_id;
    s.sso_verification = v.id;
    return ok();
  }
  // Logto links the identity to the account that has the IdP's verified email.
  std::optional<model::User> related;
  if (!email.empty()) {
    auto found = tx.users().find_by_email(email);
    if (!found) return found.error();
    related = std::move(*found);
  }
  if (s.event == InteractionEvent::SignIn) {
    if (!related) return flow_error(Errc::NotFound, "user.sso_identity_not_exist");
    s.user_id = related->id;
    s.sso_verification = v.id;
    return ok();
  }
  if (related) return flow_error(Errc::Conflict, "user.email_already_in_use");
  s.email = email;
  s.name = json_text(u, "name");
  s.avatar = json_text(u, "avatar");
  s.sso_verification = v.id;
  return ok();
}

Result<void> FlowService::save_sso_identity(storage::Tx& tx, const FlowState& s,
                                            const std::string& user_id, bool created) const {
  const VerificationRecord* v = sso_record(s);
  if (!v) return flow_error(Errc::NotFound, "session.verification_session_not_found");
  auto u = parsed(v->social_user);
  std::string detail = json::serialize(u);
  std::int64_t now = clock_.now_millis();
  auto existing = tx.user_sso_identities().find(v->target, json_text(u, "id"));
  if (!existing) return existing.error();
  if (*existing) {
    if ((*existing)->user_id != user_id) {
      return flow_error(Errc::Conflict, "user.identity_already_in_use");
    }
    if (auto updated = tx.user_sso_identities().update_detail((*existing)->id, detail, now);
        !updated) {
      return updated;
    }
  } else {
    storage::UserSsoIdentity identity{
        crypto::random_id(21), user_id, v->target, json_text(u, "id"), detail,
        v->connector_id,       now,     now};
    if (auto inserted = tx.user_sso_identities().insert(identity); !inserted) return inserted;
    if (auto joined = join_jit_organizations(tx, v->connector_id, user_id); !joined) return joined;
  }
  if (created) return ok();
  auto connector = tx.sso_connectors().find(v->connector_id);
  if (!connector) return connector.error();
  if (!*connector || !(*connector)->sync_profile) return ok();
  auto user = tx.users().find(user_id);
  if (!user) return user.error();
  if (!*user) return flow_error(Errc::NotFound, keys::kIdentityNotExist);
  std::string name = json_text(u, "name"), avatar = json_text(u, "avatar");
  if (!name.empty()) (*user)->name = name;
  if (!avatar.empty()) (*user)->avatar = avatar;
  (*user)->updated_at = now;
  return tx.users().update(**user);
}

}  // namespace latch::experience
