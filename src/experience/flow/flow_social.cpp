#include <algorithm>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "core/error_keys.hpp"
#include "core/json.hpp"
#include "crypto/hash.hpp"
#include "crypto/random.hpp"
#include "experience/flow/flow_rules.hpp"

// Social sign-in: the redirect to the provider, its callback, and the identity it proves.
namespace latch::experience {
namespace {

namespace json = boost::json;

constexpr std::size_t kMaxPendingPerConnector = 3;  // tabs that may sign in at once

json::object user_json(const connectors::SocialUserInfo& u) {
  return {{"id", u.id},     {"email", u.email},   {"phone", u.phone},
          {"name", u.name}, {"avatar", u.avatar}, {"rawData", u.raw}};
}

connectors::SocialUserInfo user_of(const std::string& stored) {
  connectors::SocialUserInfo u;
  boost::system::error_code ec;
  auto v = json::parse(stored, ec);
  if (ec || !v.is_object()) return u;
  const auto& o = v.as_object();
  u.id = json_text(o, "id");
  u.email = json_text(o, "email");
  u.phone = json_text(o, "phone");
  u.name = json_text(o, "name");
  u.avatar = json_text(o, "avatar");
  if (const auto* raw = o.if_contains("rawData"); raw && raw->is_object()) u.raw = raw->as_object();
  return u;
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

Error state_invalid() { return flow_error(Errc::InvalidRequest, "session.social_state_invalid"); }

// Whether this verified record proves that the person owns `user`.
bool proves(const VerificationRecord& r, const model::User& user) {
  if (!r.verified) return false;
  if (r.type == VerificationType::Password) return r.user_id == user.id;
  if (r.type == VerificationType::VerificationCode && r.identifier_type == IdentifierType::Email &&
      user.primary_email) {
    return lower(r.identifier) == lower(*user.primary_email);
  }
  return false;
}

}  // namespace

// The verified email of a Social record of this flow equals `email`: the provider vouched for
// it, so the flow may send a code there or check that account's password to link it.
bool social_email_in_flow(const FlowState& s, const std::string& email) {
  for (const auto& v : s.verifications) {
    if (v.type != VerificationType::Social || !v.verified) continue;
    auto u = user_of(v.social_user);
    if (!u.email.empty() && lower(u.email) == lower(email)) return true;
  }
  return false;
}

Result<SocialStart> FlowService::start_social(const FlowContext& ctx,
                                              const std::string& connector_id,
                                              const std::string& state,
                                              const std::string& redirect_uri) {
  if (state.empty() || state.size() > 512 || redirect_uri.empty() || redirect_uri.size() > 2048) {
    return flow_error(Errc::InvalidRequest, "guard.invalid_input");
  }
  auto info = social_.find(connector_id);
  if (!info) return info.error();
  const auto& targets = config()->social_targets;
  if (std::find(targets.begin(), targets.end(), info->record.target) == targets.end()) {
    return flow_error(Errc::Forbidden, "session.sign_in_method_not_enabled");
  }
  connectors::SocialSession session{state, redirect_uri, {}, {}};
  auto uri = social_.build(*info)->authorization_uri(session);
  if (!uri) return uri.error();
  VerificationRecord record;
  record.id = crypto::random_id(21);
  record.type = VerificationType::Social;
  record.connector_id = info->record.id;
  record.target = info->record.target;
  record.state = session.state;
  record.redirect_uri = session.redirect_uri;
  record.nonce = session.nonce;
  record.code_verifier = session.code_verifier;
  auto done = add_pending(ctx, record);
  if (!done) return done.error();
  return SocialStart{std::move(*uri), record.id};
}

Result<void> FlowService::add_pending(const FlowContext& ctx, const VerificationRecord& record) {
  return mutate(ctx, [&](storage::Tx&, model::Interaction&, FlowState& s) -> Result<void> {
    if (!s.event) return flow_error(Errc::InvalidRequest, "session.not_started");
    if (s.event == InteractionEvent::ForgotPassword) {
      return flow_error(Errc::InvalidRequest, "session.wrong_event");
    }
    // Keeps the newest few pending starts per connector, so repeated clicks cannot grow the
    // interaction without bound.
    std::size_t pending = 0;
    for (auto it = s.verifications.rbegin(); it != s.verifications.rend(); ++it) {
      if (it->type == record.type && !it->verified && it->connector_id == record.connector_id &&
          ++pending >= kMaxPendingPerConnector) {
        s.verifications.erase(std::next(it).base());
        break;
      }
    }
    s.verifications.push_back(record);
    return ok();
  });
}

Result<VerificationRecord> FlowService::take_pending(const FlowContext& ctx, VerificationType type,
                                                     const std::string& connector_id,
                                                     const std::string& state,
                                                     const std::string& vid) {
  std::optional<VerificationRecord> pending;
  // Takes the state first, in its own transaction: a replayed callback finds it gone, even
  // while the first one is still talking to the provider.
  auto taken = mutate(ctx, [&](storage::Tx&, model::Interaction&, FlowState& s) -> Result<void> {
    VerificationRecord* record = nullptr;
    if (!vid.empty()) {
      record = s.find(vid);
      if (!record || record->type != type || record->connector_id != connector_id) {
        return flow_error(Errc::NotFound, "session.verification_session_not_found");
      }
    } else {
      for (auto& v : s.verifications) {
        if (v.type == type && v.connector_id == connector_id && !v.state.empty() &&
            crypto::constant_time_equal(v.state, state)) {
          record = &v;
        }
      }
      if (!record) return state_invalid();
    }
    if (record->verified || record->state.empty() || state.empty() ||
        !crypto::constant_time_equal(record->state, state)) {
      return state_invalid();
    }
    pending = *record;
    record->state.clear();
    return ok();
  });
  if (!taken) return taken.error();
  return std::move(*pending);
}

Result<void> FlowService::mark_verified(const FlowContext& ctx, const std::string& vid,
                                        const std::string& profile_json,
                                        const std::string& target) {
  return mutate(ctx, [&](storage::Tx&, model::Interaction&, FlowState& s) -> Result<void> {
    auto* record = s.find(vid);
    if (!record) return flow_error(Errc::NotFound, "session.verification_session_not_found");
    record->verified = true;
    record->social_user = profile_json;
    if (!target.empty()) record->target = target;
    return ok();
  });
}

Result<std::string> FlowService::verify_social(const FlowContext& ctx,
                                               const std::string& connector_id,
                                               const connectors::CallbackParams& callback,
                                               const std::string& vid) {
  auto given = callback.find("state");
  std::string state = given == callback.end() ? std::string() : given->second;
  auto pending = take_pending(ctx, VerificationType::Social, connector_id, state, vid);
  if (!pending) return pending.error();
  auto info = social_.find(connector_id);
  if (!info) return info.error();
  connectors::SocialSession session{state, pending->redirect_uri, pending->nonce,
                                    pending->code_verifier};
  auto user = social_.build(*info)->user_info(callback, session);
  if (!user) {
    audit(ctx, "Interaction.SignIn.Verification.Social", false, "",
          {{"connectorId", connector_id},
           {"error", user.error().key.empty() ? user.error().description : user.error().key}});
    return user.error();
  }
  if (user->id.empty()) {
    return flow_error(Errc::Unavailable, "connector.invalid_response", "no user id");
  }
  auto done = mark_verified(ctx, pending->id, json::serialize(user_json(*user)), "");
  if (!done) return done.error();
  return pending->id;
}

Result<std::optional<RelatedAccount>> FlowService::related_account(const FlowContext& ctx,
                                                                   const std::string& vid) {
  std::optional<RelatedAccount> out;
  auto done = store_.read([&](storage::Tx& tx) -> Result<void> {
    auto found = tx.interactions().find(ctx.uid);
    if (!found) return found.error();
    if (!*found) return flow_error(Errc::NotFound, keys::kSessionNotFound);
    FlowState s = read_flow_state((*found)->state_json, mfa_.secrets());
    const auto* v = s.find(vid);
    if (!v || v->type != VerificationType::Social || !v->verified) {
      return flow_error(Errc::NotFound, "session.verification_session_not_found");
    }
    auto u = user_of(v->social_user);
    auto linked = tx.users().find_by_identity(v->target, u.id);
    if (!linked) return linked.error();
    if (*linked || u.email.empty()) return ok();
    auto user = tx.users().find_by_email(u.email);
    if (!user) return user.error();
    if (*user) {
      out = RelatedAccount{(*user)->id, *(*user)->primary_email, !(*user)->password_hash.empty()};
    }
    return ok();
  });
  if (!done) return done.error();
  return out;
}

Result<void> FlowService::identify_social(storage::Tx& tx, FlowState& s,
                                          const VerificationRecord& v, bool link) {
  auto u = user_of(v.social_user);
  auto existing = tx.users().find_by_identity(v.target, u.id);
  if (!existing) return existing.error();
  if (*existing) {
    if (s.event == InteractionEvent::Register) {
      return flow_error(Errc::Conflict, "user.identity_already_in_use");
    }
    s.user_id = (*existing)->id;
    s.social_verification = v.id;
    return ok();
  }
  if (s.event == InteractionEvent::SignIn) {
    if (!link) return flow_error(Errc::NotFound, keys::kIdentityNotExist);
    if (u.email.empty()) return flow_error(Errc::NotFound, keys::kIdentityNotExist);
    auto related = tx.users().find_by_email(u.email);
    if (!related) return related.error();
    if (!*related) return flow_error(Errc::NotFound, keys::kIdentityNotExist);
    bool proven = std::any_of(s.verifications.begin(), s.verifications.end(),
                              [&](const auto& r) { return proves(r, **related); });
    if (!proven) return flow_error(Errc::Forbidden, "user.link_proof_required");
    s.user_id = (*related)->id;
    s.social_verification = v.id;
    return ok();
  }
  // Register: a new account from the provider's profile. An email or phone that already
  // belongs to someone stays theirs; the new account goes without it.
  for (auto [type, value, slot] : {std::tuple{IdentifierType::Email, &u.email, &s.email},
                                   std::tuple{IdentifierType::Phone, &u.phone, &s.phone}}) {
    if (value->empty()) continue;
    auto owner = find_user(tx, {type, *value});
    if (!owner) return owner.error();
    if (!*owner) *slot = *value;
  }
  s.name = u.name;
  s.avatar = u.avatar;
  s.social_verification = v.id;
  return ok();
}

Result<void> FlowService::attach_identity(storage::Tx& tx, model::User& user, const FlowState& s,
                                          bool created) const {
  const VerificationRecord* v = nullptr;
  for (const auto& r : s.verifications) {
    if (r.id == s.social_verification && r.type == VerificationType::Social && r.verified) v = &r;
  }
  if (!v) return flow_error(Errc::NotFound, "session.verification_session_not_found");
  auto u = user_of(v->social_user);
  boost::system::error_code ec;
  auto parsed = json::parse(user.identities_json, ec);
  json::object identities = !ec && parsed.is_object() ? parsed.as_object() : json::object{};
  identities[v->target] = json::object{{"userId", u.id}, {"details", user_json(u)}};
  user.identities_json = json::serialize(identities);
  if (!created) {
    auto connector = tx.connectors().find(v->connector_id);
    if (!connector) return connector.error();
    if (*connector && (*connector)->sync_profile) {
      if (!u.name.empty()) user.name = u.name;
      if (!u.avatar.empty()) user.avatar = u.avatar;
    }
  }
  return ok();
}

}  // namespace latch::experience
