#include "account/verification_service.hpp"

#include "crypto/encoding.hpp"
#include "crypto/hash.hpp"
#include "crypto/random.hpp"
#include "experience/flow/flow_rules.hpp"
#include "experience/messaging/one_time_code.hpp"
#include "experience/security/sentinel.hpp"
#include "http/client_address.hpp"
#include "management/user_password.hpp"

namespace latch::account {
namespace {

constexpr std::int64_t kSendWindow = 600;
constexpr std::int64_t kMaxSendsPerWindow = 5;

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

RecordType code_type(experience::IdentifierType type) {
  return type == experience::IdentifierType::Phone ? RecordType::PhoneCode : RecordType::EmailCode;
}

// The template of a code for `value`: proving the user when it is their own address (unless
// they asked to bind MFA), binding a new address otherwise (Logto's rule).
std::string template_for(const model::User& user, const CodeRequest& code) {
  const auto& own =
      code.type == experience::IdentifierType::Email ? user.primary_email : user.primary_phone;
  bool is_own = own && same_address(code.type, *own, code.value);
  if (!is_own) return std::string(kNewIdentifierTemplate);
  return code.templ == kBindMfaTemplate ? std::string(kBindMfaTemplate)
                                        : std::string(kPermissionTemplate);
}

}  // namespace

bool same_address(experience::IdentifierType type, std::string_view a, std::string_view b) {
  return type == experience::IdentifierType::Phone ? a == b : lower(a) == lower(b);
}

Error record_not_found(std::string detail) {
  return keyed_error(Errc::InvalidRequest, "verification_record.not_found", std::move(detail));
}

Result<storage::VerificationRecord> verified_record(storage::Tx& tx, const std::string& user_id,
                                                    const std::string& id, RecordType type,
                                                    std::int64_t now) {
  if (id.empty()) return record_not_found("no record id");
  auto found = tx.verification_records().find(id);
  if (!found) return found.error();
  if (!*found || (*found)->user_id != user_id || (*found)->expires_at <= now ||
      (*found)->type != record_type_name(type) || !(*found)->verified) {
    return record_not_found();
  }
  return std::move(**found);
}

Result<storage::VerificationRecord> VerificationService::own_record(storage::Tx& tx,
                                                                    const AccountCaller& caller,
                                                                    const std::string& id,
                                                                    RecordType type) const {
  auto found = tx.verification_records().find(id);
  if (!found) return found.error();
  if (!*found || (*found)->user_id != caller.user_id ||
      (*found)->expires_at <= deps_.clock.now_seconds() ||
      (*found)->type != record_type_name(type)) {
    return record_not_found();
  }
  return std::move(**found);
}

Result<NewRecord> VerificationService::insert(storage::VerificationRecord record) {
  record.id = crypto::random_id(21);
  record.created_at = deps_.clock.now_seconds();
  record.expires_at = record.created_at + kRecordTtl;
  auto done = deps_.store.transact(
      [&](storage::Tx& tx) { return tx.verification_records().insert(record); });
  if (!done) return done.error();
  return NewRecord{record.id, record.expires_at};
}

Result<NewRecord> VerificationService::verify_password(const AccountCaller& caller,
                                                       const std::string& password,
                                                       const std::string& ip) {
  if (password.empty())
    return keyed_error(Errc::InvalidRequest, "guard.invalid_input", "no password");
  auto config = deps_.settings.get();
  experience::Sentinel sentinel(*config, deps_.clock.now_seconds());
  std::optional<model::User> user;
  auto checked = deps_.store.read([&](storage::Tx& tx) -> Result<void> {
    auto found = tx.users().find(caller.user_id);
    if (!found) return found.error();
    user = std::move(*found);
    return sentinel.check(tx, caller.user_id, ip);
  });
  if (!checked) return checked.error();
  bool good =
      management::check_user_password(deps_.store, deps_.clock, user ? &*user : nullptr, password);
  auto counted = deps_.store.transact([&](storage::Tx& tx) {
    return good ? sentinel.clear(tx, caller.user_id)
                : sentinel.record_failure(tx, caller.user_id, ip);
  });
  if (!counted) return counted.error();
  if (!good) return keyed_error(Errc::InvalidGrant, "session.invalid_credentials");
  return insert({.user_id = caller.user_id,
                 .type = std::string(record_type_name(RecordType::Password)),
                 .identifier = caller.user_id,
                 .verified = true});
}

Result<NewRecord> VerificationService::send_code(const AccountCaller& caller,
                                                 const CodeRequest& request) {
  if (request.type == experience::IdentifierType::Username) {
    return keyed_error(Errc::InvalidRequest, "guard.invalid_input",
                       "a code goes to an email or phone");
  }
  if (auto valid = experience::validate_identifier({request.type, request.value}); !valid) {
    return valid.error();
  }
  std::string address = http::address_key(request.ip);
  if (std::int64_t wait = deps_.code_sends.blocked_for(address); wait > 0) {
    return experience::too_many_requests(wait);
  }
  if (std::int64_t wait = deps_.code_sends.hit(address); wait > 0) {
    return experience::too_many_requests(wait);
  }
  std::string code = experience::new_six_digit_code();
  storage::VerificationRecord record{.id = crypto::random_id(21),
                                     .user_id = caller.user_id,
                                     .type = std::string(record_type_name(code_type(request.type))),
                                     .identifier = request.value,
                                     .created_at = deps_.clock.now_seconds()};
  record.expires_at = record.created_at + kRecordTtl;
  CodeData data{experience::one_time_code_hash(record.id, code), ""};
  auto stored = deps_.store.transact([&](storage::Tx& tx) -> Result<void> {
    auto user = tx.users().find(caller.user_id);
    if (!user) return user.error();
    if (!*user) return keyed_error(Errc::Unauthorized, "auth.unauthorized", "the user is gone");
    auto sent = tx.verification_records().count_since(record.type, record.identifier,
                                                      record.created_at - kSendWindow);
    if (!sent) return sent.error();
    if (*sent >= kMaxSendsPerWindow) {
      return keyed_error(Errc::Forbidden, "verification_code.rate_limited");
    }
    data.templ = template_for(**user, request);
    record.data_json = write_code_data(data);
    return tx.verification_records().insert(record);
  });
  if (!stored) return stored.error();
  std::string kind = request.type == experience::IdentifierType::Email ? "email" : "sms";
  auto sent = deps_.messages.send_code(
      {kind, request.value, data.templ, code, request.lang, deps_.settings.get()->app_name});
  if (!sent) return sent.error();
  return NewRecord{record.id, record.expires_at};
}

Result<void> VerificationService::verify_code(const AccountCaller& caller, const std::string& id,
                                              experience::IdentifierType type,
                                              const std::string& value, const std::string& code) {
  std::optional<Error> failure;
  auto done = deps_.store.transact([&](storage::Tx& tx) -> Result<void> {
    auto record = own_record(tx, caller, id, code_type(type));
    if (!record) return record.error();
    if (!same_address(type, record->identifier, value))
      return record_not_found("the code went to another address");
    if (record->verified) return keyed_error(Errc::InvalidRequest, "verification_code.used");
    if (record->attempts >= kMaxCodeAttempts) {
      return keyed_error(Errc::InvalidRequest, "verification_code.exceed_max_try");
    }
    CodeData data = read_code_data(record->data_json);
    if (!experience::is_six_digit_code(code) ||
        !crypto::constant_time_equal(experience::one_time_code_hash(record->id, code),
                                     data.code_hash)) {
      failure = keyed_error(Errc::InvalidRequest, "verification_code.code_mismatch");
      auto counted = tx.verification_records().add_attempt(record->id);
      return counted ? ok() : Result<void>(counted.error());  // keep the attempt: commit
    }
    record->verified = true;
    return tx.verification_records().update(*record);
  });
  if (!done) return done.error();
  if (failure) return *failure;
  return ok();
}

Result<SocialRecord> VerificationService::start_social(const AccountCaller& caller,
                                                       const std::string& connector_id,
                                                       const std::string& state,
                                                       const std::string& redirect_uri) {
  if (state.empty() || state.size() > 512 || redirect_uri.empty() || redirect_uri.size() > 2048) {
    return keyed_error(Errc::InvalidRequest, "guard.invalid_input",
                       "state and redirectUri are required");
  }
  auto info = deps_.social.find(connector_id);
  if (!info) return info.error();
  SocialData data{info->record.id, info->record.target, {state, redirect_uri, {}, {}}, {}};
  auto uri = deps_.social.build(*info)->authorization_uri(data.session);
  if (!uri) return uri.error();
  auto record = insert({.user_id = caller.user_id,
                        .type = std::string(record_type_name(RecordType::Social)),
                        .identifier = info->record.id,
                        .data_json = write_social_data(data)});
  if (!record) return record.error();
  return SocialRecord{std::move(*record), std::move(*uri)};
}

Result<void> VerificationService::verify_social(const AccountCaller& caller, const std::string& id,
                                                const connectors::CallbackParams& callback) {
  auto given = callback.find("state");
  std::string state = given == callback.end() ? std::string() : given->second;
  SocialData data;
  // Takes the state first, in its own transaction: a replayed callback finds it gone.
  auto taken = deps_.store.transact([&](storage::Tx& tx) -> Result<void> {
    auto record = own_record(tx, caller, id, RecordType::Social);
    if (!record) return record.error();
    data = read_social_data(record->data_json);
    if (record->verified || data.session.state.empty() ||
        !crypto::constant_time_equal(data.session.state, state)) {
      return keyed_error(Errc::InvalidRequest, "session.social_state_invalid");
    }
    SocialData spent = data;
    spent.session.state.clear();
    record->data_json = write_social_data(spent);
    return tx.verification_records().update(*record);
  });
  if (!taken) return taken.error();
  auto info = deps_.social.find(data.connector_id);
  if (!info) return info.error();
  auto user = deps_.social.build(*info)->user_info(callback, data.session);
  if (!user) return user.error();
  if (user->id.empty()) {
    return keyed_error(Errc::Unavailable, "connector.invalid_response", "no user id");
  }
  data.session.state.clear();
  data.user = std::move(*user);
  return deps_.store.transact([&](storage::Tx& tx) -> Result<void> {
    auto record = own_record(tx, caller, id, RecordType::Social);
    if (!record) return record.error();
    record->verified = true;
    record->data_json = write_social_data(data);
    return tx.verification_records().update(*record);
  });
}

Result<WebAuthnRecord> VerificationService::start_webauthn(const AccountCaller& caller,
                                                           const management::RelyingParty& rp) {
  WebAuthnData data{crypto::base64url_encode(crypto::random_bytes(32)), rp.id, rp.origin, {}};
  boost::json::object options;
  auto read = deps_.store.read([&](storage::Tx& tx) -> Result<void> {
    auto user = tx.users().find(caller.user_id);
    if (!user) return user.error();
    if (!*user) return keyed_error(Errc::Unauthorized, "auth.unauthorized", "the user is gone");
    auto factors = deps_.mfa.factors(tx, caller.user_id);
    if (!factors) return factors.error();
    options = deps_.mfa.registration_options(rp, **user, *factors, data.challenge);
    return ok();
  });
  if (!read) return read.error();
  auto record = insert({.user_id = caller.user_id,
                        .type = std::string(record_type_name(RecordType::WebAuthn)),
                        .identifier = rp.id,
                        .data_json = write_webauthn_data(data)});
  if (!record) return record.error();
  return WebAuthnRecord{std::move(*record), std::move(options)};
}

Result<void> VerificationService::finish_webauthn(const AccountCaller& caller,
                                                  const std::string& id,
                                                  const boost::json::object& payload) {
  const auto* response = payload.if_contains("response");
  if (!payload.contains("id") || !response || !response->is_object()) {
    return keyed_error(Errc::InvalidRequest, "guard.invalid_input", "not a registration response");
  }
  return deps_.store.transact([&](storage::Tx& tx) -> Result<void> {
    auto record = own_record(tx, caller, id, RecordType::WebAuthn);
    if (!record) return record.error();
    WebAuthnData data = read_webauthn_data(record->data_json);
    data.response = payload;
    record->data_json = write_webauthn_data(data);
    record->verified = true;
    return tx.verification_records().update(*record);
  });
}

}  // namespace latch::account
