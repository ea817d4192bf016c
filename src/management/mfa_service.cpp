#include "management/mfa_service.hpp"

#include <algorithm>
#include <boost/json/parse.hpp>
#include <cctype>
#include <ctime>

#include "crypto/encoding.hpp"
#include "crypto/hash.hpp"
#include "crypto/qr_svg.hpp"
#include "crypto/random.hpp"
#include "crypto/totp.hpp"
#include "crypto/webauthn.hpp"

namespace latch::management {
namespace {

namespace json = boost::json;
using model::MfaFactor;
using model::MfaVerification;

constexpr std::string_view kInvalidTotpCode = "session.mfa.invalid_totp_code";
constexpr std::string_view kInvalidBackupCode = "session.mfa.invalid_backup_code";
constexpr std::string_view kWebAuthnFailed = "session.mfa.webauthn_verification_failed";
constexpr std::string_view kFactorNotEnabled = "session.mfa.mfa_factor_not_enabled";
constexpr std::int64_t kWebAuthnTimeoutMs = 60000;
constexpr std::int64_t kDayMs = 24LL * 3600 * 1000;

std::string iso_time(std::int64_t millis) {
  std::time_t seconds = static_cast<std::time_t>(millis / 1000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[32];
  std::size_t n = std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &utc);
  char millis_part[8];
  std::snprintf(millis_part, sizeof millis_part, ".%03dZ", static_cast<int>(millis % 1000));
  return std::string(text, n) + millis_part;
}

// Logto's validateTotpSecret: 16 to 32 characters of base32 (upper case, optional padding).
bool totp_secret_ok(std::string_view secret) {
  if (secret.size() < 16 || secret.size() > 32) return false;
  std::string_view body = secret.substr(0, secret.find_first_of('='));
  if (body.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567") != std::string_view::npos) {
    return false;
  }
  if (secret.find_first_not_of('=', body.size()) != std::string_view::npos) return false;
  return crypto::base32_decode(secret).has_value();
}

// Logto's validateBackupCodes: ten codes of ten hex digits.
bool backup_codes_ok(const std::vector<std::string>& codes) {
  if (codes.size() != kBackupCodeCount) return false;
  return std::all_of(codes.begin(), codes.end(), [](const std::string& c) {
    return c.size() == 10 && c.find_first_not_of("0123456789abcdefABCDEF") == std::string::npos;
  });
}

// A backup code as typed: lower case, without the spaces and dashes people add.
std::string normalize_code(std::string_view code) {
  std::string out;
  for (char c : code) {
    if (c == ' ' || c == '-') continue;
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

std::string new_backup_code() {
  static constexpr std::string_view kHex = "0123456789abcdef";
  std::string bytes = crypto::random_bytes(10);
  std::string code;
  for (char b : bytes) code += kHex[static_cast<unsigned char>(b) & 0x0f];
  return code;
}

const json::string* string_member(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v && v->is_string() ? &v->as_string() : nullptr;
}

Error webauthn_failed(std::string detail) {
  return keyed_error(Errc::InvalidRequest, kWebAuthnFailed, std::move(detail));
}

std::vector<const MfaVerification*> of_type(const std::vector<MfaVerification>& factors,
                                            MfaFactor type) {
  std::vector<const MfaVerification*> out;
  for (const auto& f : factors) {
    if (f.type == type) out.push_back(&f);
  }
  return out;
}

json::array credential_descriptors(const std::vector<MfaVerification>& factors) {
  json::array out;
  for (const auto* f : of_type(factors, MfaFactor::WebAuthn)) {
    json::object d{{"id", f->credential_id}, {"type", "public-key"}};
    if (!f->transports.empty()) {
      json::array transports;
      for (const auto& t : f->transports) transports.emplace_back(t);
      d["transports"] = std::move(transports);
    }
    out.push_back(std::move(d));
  }
  return out;
}

std::string display_name(const model::User& user) {
  if (user.name && !user.name->empty()) return *user.name;
  if (user.username) return *user.username;
  if (user.primary_email) return *user.primary_email;
  if (user.primary_phone) return *user.primary_phone;
  return "Unnamed User";
}

std::string account_name(const model::User& user) {
  if (user.username) return *user.username;
  if (user.primary_email) return *user.primary_email;
  if (user.primary_phone) return *user.primary_phone;
  return "Unnamed User";
}

}  // namespace

std::string MfaService::code_hash(std::string_view user_id, std::string_view code) const {
  return crypto::base64url_encode(
      crypto::hmac_sha256(code_key_, std::string(user_id) + ":" + std::string(code)));
}

Result<std::vector<MfaVerification>> MfaService::factors(storage::Tx& tx,
                                                         std::string_view user_id) const {
  return tx.mfa().list(user_id);
}

bool MfaService::has_second_factor(const std::vector<MfaVerification>& factors,
                                   const model::User& user,
                                   const std::vector<MfaFactor>& settings_factors) {
  auto enabled = [&](MfaFactor f) {
    return std::find(settings_factors.begin(), settings_factors.end(), f) != settings_factors.end();
  };
  for (const auto& f : factors) {
    if (f.type != MfaFactor::BackupCode) return true;
  }
  if (enabled(MfaFactor::EmailVerificationCode) && user.primary_email) return true;
  if (enabled(MfaFactor::PhoneVerificationCode) && user.primary_phone) return true;
  return false;
}

// ----- TOTP

Result<TotpOffer> MfaService::offer_totp(std::string_view issuer, std::string_view account) const {
  return totp_offer_for(crypto::generate_totp_secret(), issuer, account);
}

Result<TotpOffer> MfaService::totp_offer_for(std::string_view secret, std::string_view issuer,
                                             std::string_view account) const {
  TotpOffer offer;
  offer.secret = std::string(secret);
  offer.uri = crypto::totp_uri(issuer, account, offer.secret);
  auto svg = crypto::qr_svg(offer.uri);
  if (!svg) return svg.error();
  offer.qr_svg = std::move(*svg);
  return offer;
}

std::optional<std::int64_t> MfaService::check_code(std::string_view secret,
                                                   std::string_view code) const {
  return crypto::totp_match(secret, code, clock_.now_millis() / 1000);
}

Result<MfaVerification> MfaService::add_totp(storage::Tx& tx, std::string_view user_id,
                                             std::string_view secret,
                                             std::optional<std::int64_t> accepted_step) const {
  if (!totp_secret_ok(secret)) return keyed_error(Errc::Conflict, "user.totp_secret_invalid");
  MfaVerification totp;
  totp.id = crypto::random_id();
  totp.user_id = std::string(user_id);
  totp.type = MfaFactor::Totp;
  totp.created_at = clock_.now_millis();
  totp.totp_secret = secrets_.seal(secret, totp.id);
  if (auto inserted = tx.mfa().insert_totp(totp); !inserted) return inserted.error();
  if (accepted_step) {
    auto used = tx.mfa().use_totp_step(totp.id, *accepted_step, totp.created_at);
    if (!used) return used.error();
    totp.last_used_step = *accepted_step;
    totp.last_used_at = totp.created_at;
  }
  totp.totp_secret.clear();
  return totp;
}

Result<void> MfaService::verify_totp(storage::Tx& tx, std::string_view user_id,
                                     std::string_view code) const {
  auto all = tx.mfa().list(user_id);
  if (!all) return all.error();
  auto totps = of_type(*all, MfaFactor::Totp);
  if (totps.empty()) return keyed_error(Errc::NotFound, kFactorNotEnabled, "no TOTP factor");
  const MfaVerification& totp = *totps.front();
  auto secret = secrets_.open(totp.totp_secret, totp.id);
  if (!secret) return secret.error();
  auto step = check_code(*secret, code);
  if (!step) return keyed_error(Errc::InvalidRequest, kInvalidTotpCode);
  auto used = tx.mfa().use_totp_step(totp.id, *step, clock_.now_millis());
  if (!used) return used.error();
  if (!*used) return keyed_error(Errc::InvalidRequest, kInvalidTotpCode, "time step used already");
  return ok();
}

// ----- backup codes

std::vector<std::string> MfaService::new_backup_codes() {
  std::vector<std::string> codes;
  for (int i = 0; i < kBackupCodeCount; ++i) codes.push_back(new_backup_code());
  return codes;
}

Result<std::vector<std::string>> MfaService::replace_backup_codes(
    storage::Tx& tx, std::string_view user_id, const std::optional<std::vector<std::string>>& codes,
    bool only_when_used_up) const {
  auto user = tx.users().find(user_id);
  if (!user) return user.error();
  if (!*user) return keyed_error(Errc::NotFound, "entity.not_exists_with_id", "user");
  auto all = tx.mfa().list(user_id);
  if (!all) return all.error();
  bool other = std::any_of(all->begin(), all->end(), [](const MfaVerification& f) {
    return f.type != MfaFactor::BackupCode;
  });
  if (!other) return keyed_error(Errc::Conflict, "session.mfa.backup_code_can_not_be_alone");
  if (only_when_used_up) {
    for (const auto* f : of_type(*all, MfaFactor::BackupCode)) {
      if (f->codes_left > 0) return keyed_error(Errc::Conflict, "user.backup_code_already_in_use");
    }
  }
  std::vector<std::string> plain;
  if (codes) {
    if (!backup_codes_ok(*codes))
      return keyed_error(Errc::Conflict, "user.wrong_backup_code_format");
    for (const auto& c : *codes) plain.push_back(normalize_code(c));
  } else {
    plain = new_backup_codes();
  }
  std::vector<std::string> hashes;
  for (const auto& c : plain) hashes.push_back(code_hash(user_id, c));
  MfaVerification backup;
  backup.id = crypto::random_id();
  backup.user_id = std::string(user_id);
  backup.type = MfaFactor::BackupCode;
  backup.created_at = clock_.now_millis();
  if (auto stored = tx.mfa().replace_backup_codes(backup, hashes); !stored) return stored.error();
  return plain;
}

Result<void> MfaService::use_backup_code(storage::Tx& tx, std::string_view user_id,
                                         std::string_view code) const {
  std::string normalized = normalize_code(code);
  if (normalized.size() != 10) return keyed_error(Errc::InvalidRequest, kInvalidBackupCode);
  auto used =
      tx.mfa().use_backup_code(user_id, code_hash(user_id, normalized), clock_.now_millis());
  if (!used) return used.error();
  if (!*used) return keyed_error(Errc::InvalidRequest, kInvalidBackupCode);
  return ok();
}

// ----- WebAuthn

json::object MfaService::registration_options(const RelyingParty& rp, const model::User& user,
                                              const std::vector<MfaVerification>& factors,
                                              std::string_view challenge) const {
  return {
      {"rp", {{"name", rp.name}, {"id", rp.id}}},
      {"user",
       {{"id", crypto::base64url_encode(user.id)},
        {"name", account_name(user)},
        {"displayName", display_name(user)}}},
      {"challenge", challenge},
      {"pubKeyCredParams",
       json::array{{{"alg", crypto::webauthn::kEs256}, {"type", "public-key"}},
                   {{"alg", crypto::webauthn::kRs256}, {"type", "public-key"}}}},
      {"timeout", kWebAuthnTimeoutMs},
      {"attestation", "none"},
      {"excludeCredentials", credential_descriptors(factors)},
      {"authenticatorSelection",
       {{"residentKey", "preferred"},
        {"requireResidentKey", false},
        {"userVerification", "preferred"}}},
  };
}

json::object MfaService::authentication_options(const RelyingParty& rp,
                                                const std::vector<MfaVerification>& factors,
                                                std::string_view challenge) const {
  return {{"challenge", challenge},
          {"timeout", kWebAuthnTimeoutMs},
          {"rpId", rp.id},
          {"allowCredentials", credential_descriptors(factors)},
          {"userVerification", "preferred"}};
}

Result<MfaVerification> MfaService::add_webauthn(storage::Tx& tx, std::string_view user_id,
                                                 const json::object& response,
                                                 std::string_view challenge, const RelyingParty& rp,
                                                 std::string_view agent,
                                                 std::string_view name) const {
  const auto* inner = response.if_contains("response");
  if (!inner || !inner->is_object()) return webauthn_failed("no response object");
  const auto& r = inner->as_object();
  const auto* client_data = string_member(r, "clientDataJSON");
  const auto* attestation = string_member(r, "attestationObject");
  if (!client_data || !attestation) return webauthn_failed("response members missing");
  crypto::webauthn::RegistrationInput in;
  in.client_data_json = std::string(*client_data);
  in.attestation_object = std::string(*attestation);
  in.expected_challenge = std::string(challenge);
  in.expected_origin = rp.origin;
  in.rp_id = rp.id;
  auto credential = crypto::webauthn::verify_registration(in);
  if (!credential) return credential.error();
  MfaVerification webauthn;
  webauthn.id = crypto::random_id();
  webauthn.user_id = std::string(user_id);
  webauthn.type = MfaFactor::WebAuthn;
  webauthn.created_at = clock_.now_millis();
  webauthn.credential_id = credential->credential_id;
  webauthn.public_key = credential->public_key;
  webauthn.algorithm = credential->algorithm;
  webauthn.counter = credential->counter;
  webauthn.rp_id = rp.id;
  webauthn.agent = std::string(agent.substr(0, 512));
  webauthn.name = std::string(name.substr(0, 128));
  if (const auto* transports = r.if_contains("transports"); transports && transports->is_array()) {
    for (const auto& t : transports->as_array()) {
      if (t.is_string() && t.as_string().size() <= 32)
        webauthn.transports.emplace_back(t.as_string());
    }
  }
  if (auto inserted = tx.mfa().insert_webauthn(webauthn); !inserted) return inserted.error();
  return webauthn;
}

Result<MfaVerification> MfaService::verify_webauthn(storage::Tx& tx,
                                                    std::optional<std::string_view> user_id,
                                                    const json::object& response,
                                                    std::string_view challenge,
                                                    const RelyingParty& rp) const {
  const auto* id = string_member(response, "id");
  const auto* inner = response.if_contains("response");
  if (!id || !inner || !inner->is_object()) return webauthn_failed("id or response missing");
  const auto& r = inner->as_object();
  const auto* client_data = string_member(r, "clientDataJSON");
  const auto* auth_data = string_member(r, "authenticatorData");
  const auto* signature = string_member(r, "signature");
  if (!client_data || !auth_data || !signature) return webauthn_failed("response members missing");
  auto found = tx.mfa().find_by_credential_id(*id);
  if (!found) return found.error();
  if (!*found || (user_id && (*found)->user_id != *user_id)) {
    return webauthn_failed("unknown credential");
  }
  MfaVerification factor = std::move(**found);
  crypto::webauthn::AssertionInput in;
  in.client_data_json = std::string(*client_data);
  in.authenticator_data = std::string(*auth_data);
  in.signature = std::string(*signature);
  in.expected_challenge = std::string(challenge);
  in.expected_origin = rp.origin;
  in.rp_id = rp.id;
  in.public_key = factor.public_key;
  in.stored_counter = static_cast<std::uint32_t>(factor.counter);
  auto assertion = crypto::webauthn::verify_assertion(in);
  if (!assertion) return assertion.error();
  auto used =
      tx.mfa().use_webauthn(factor.id, factor.counter, assertion->counter, clock_.now_millis());
  if (!used) return used.error();
  if (!*used) return webauthn_failed("the credential was used concurrently");
  factor.counter = assertion->counter;
  return factor;
}

// ----- removing

Result<void> MfaService::remove(storage::Tx& tx, std::string_view user_id,
                                std::string_view id) const {
  auto found = tx.mfa().find(id);
  if (!found) return found.error();
  if (!*found || (*found)->user_id != user_id)
    return keyed_error(Errc::NotFound, "entity.not_found");
  return tx.mfa().remove(id);
}

Result<std::int64_t> MfaService::remove_all(storage::Tx& tx, std::string_view user_id) const {
  return tx.mfa().remove_all(user_id);
}

// ----- trusted devices

Result<std::string> MfaService::trust_device(storage::Tx& tx, std::string_view user_id,
                                             std::string_view agent, int days) const {
  std::string token = crypto::random_token();
  model::TrustedDevice device;
  device.id = crypto::random_id();
  device.user_id = std::string(user_id);
  device.token_hash = code_hash(user_id, token);
  device.agent = std::string(agent.substr(0, 512));
  device.created_at = clock_.now_millis();
  device.expires_at = device.created_at + days * kDayMs;
  if (auto inserted = tx.mfa().insert_trusted_device(device); !inserted) return inserted.error();
  return token;
}

Result<bool> MfaService::is_trusted(storage::Tx& tx, std::string_view user_id,
                                    std::string_view token) const {
  if (token.empty() || token.size() > 128) return false;
  auto found =
      tx.mfa().find_trusted_device(user_id, code_hash(user_id, token), clock_.now_millis());
  if (!found) return found.error();
  return found->has_value();
}

// ----- JSON

json::object mfa_verification_json(const MfaVerification& f) {
  json::object o{{"id", f.id},
                 {"createdAt", iso_time(f.created_at)},
                 {"type", model::mfa_factor_name(f.type)}};
  if (f.last_used_at > 0) o["lastUsedAt"] = iso_time(f.last_used_at);
  if (f.type == MfaFactor::WebAuthn) {
    o["agent"] = f.agent;
    if (!f.name.empty()) o["name"] = f.name;
  }
  if (f.type == MfaFactor::BackupCode) o["remainCodes"] = f.codes_left;
  return o;
}

json::array mfa_verifications_json(const std::vector<MfaVerification>& factors) {
  json::array out;
  for (const auto& f : factors) out.push_back(mfa_verification_json(f));
  return out;
}

}  // namespace latch::management
