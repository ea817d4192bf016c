#include <boost/json/serialize.hpp>
#include <chrono>
#include <ctime>

#include "account/api/account_api.hpp"
#include "management_api/api_kit.hpp"

// /api/verifications: the records that prove the user, or a new address, identity or passkey
// (Logto's routes/verification).
namespace latch::account {
namespace {

namespace json = boost::json;
using http::bhttp::status;
using management_api::object_field;
using management_api::string_field;

Error invalid(std::string field) {
  return with_field(keyed_error(Errc::InvalidRequest, "guard.invalid_input", field), field);
}

Result<std::string> required(const json::object& body, std::string_view key) {
  auto value = string_field(body, key);
  if (!value) return value.error();
  if (!*value || (*value)->empty()) return invalid(std::string(key));
  return std::move(**value);
}

// ISO 8601 in UTC with milliseconds, as JavaScript's toISOString().
std::string iso_time(std::int64_t seconds) {
  std::time_t t = seconds;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char out[32];
  std::strftime(out, sizeof out, "%Y-%m-%dT%H:%M:%S.000Z", &tm);
  return out;
}

json::object record_json(const NewRecord& r) {
  return {{"verificationRecordId", r.id}, {"expiresAt", iso_time(r.expires_at)}};
}

// {identifier: {type: "email" | "phone", value}}.
Result<std::pair<experience::IdentifierType, std::string>> identifier_of(const json::object& body) {
  auto identifier = object_field(body, "identifier");
  if (!identifier) return identifier.error();
  if (!*identifier) return invalid("identifier");
  auto type_text = required(**identifier, "type");
  if (!type_text) return type_text.error();
  auto type = experience::parse_identifier_type(*type_text);
  if (!type || *type == experience::IdentifierType::Username) return invalid("identifier.type");
  auto value = required(**identifier, "value");
  if (!value) return value.error();
  return std::pair{*type, std::move(*value)};
}

Result<http::Response> created(Result<NewRecord> record) {
  if (!record) return record.error();
  return http::json_response(status::created, record_json(*record));
}

Result<http::Response> first_party_only(const AccountCall& c) {
  if (!c.caller.third_party) return http::empty_response(status::ok);
  return keyed_error(Errc::Forbidden, "auth.third_party_application_forbidden");
}

Result<http::Response> password(const AccountApiDeps& d, const AccountCall& c) {
  if (auto check = first_party_only(c); !check) return check.error();
  auto pass = required(c.body, "password");
  if (!pass) return pass.error();
  return created(d.verifications.verify_password(c.caller, *pass, c.request.remote_address));
}

Result<http::Response> send_code(const AccountApiDeps& d, const AccountCall& c) {
  if (auto check = first_party_only(c); !check) return check.error();
  auto identifier = identifier_of(c.body);
  if (!identifier) return identifier.error();
  auto templ = string_field(c.body, "templateType");
  if (!templ) return templ.error();
  CodeRequest request{identifier->first, identifier->second, templ->value_or(""), c.lang,
                      c.request.remote_address};
  return created(d.verifications.send_code(c.caller, request));
}

Result<http::Response> verify_code(const AccountApiDeps& d, const AccountCall& c) {
  if (auto check = first_party_only(c); !check) return check.error();
  auto identifier = identifier_of(c.body);
  if (!identifier) return identifier.error();
  auto id = required(c.body, "verificationId");
  if (!id) return id.error();
  auto code = required(c.body, "code");
  if (!code) return code.error();
  auto done =
      d.verifications.verify_code(c.caller, *id, identifier->first, identifier->second, *code);
  if (!done) return done.error();
  return http::json_response(status::ok, json::object{{"verificationRecordId", *id}});
}

Result<http::Response> start_social(const AccountApiDeps& d, const AccountCall& c) {
  auto connector = required(c.body, "connectorId");
  if (!connector) return connector.error();
  auto state = required(c.body, "state");
  if (!state) return state.error();
  auto redirect = required(c.body, "redirectUri");
  if (!redirect) return redirect.error();
  auto started = d.verifications.start_social(c.caller, *connector, *state, *redirect);
  if (!started) return started.error();
  json::object out = record_json(started->record);
  out["authorizationUri"] = started->authorization_uri;
  return http::json_response(status::created, out);
}

Result<http::Response> verify_social(const AccountApiDeps& d, const AccountCall& c) {
  auto id = required(c.body, "verificationRecordId");
  if (!id) return id.error();
  auto data = object_field(c.body, "connectorData");
  if (!data) return data.error();
  if (!*data) return invalid("connectorData");
  connectors::CallbackParams callback;
  for (const auto& [key, value] : **data) {
    if (value.is_string()) callback[std::string(key)] = std::string(value.as_string());
  }
  if (auto done = d.verifications.verify_social(c.caller, *id, callback); !done) {
    return done.error();
  }
  return http::json_response(status::ok, json::object{{"verificationRecordId", *id}});
}

Result<http::Response> webauthn_options(const AccountApiDeps& d, const AccountCall& c) {
  if (auto check = first_party_only(c); !check) return check.error();
  auto rp = relying_party(d.config, d.settings.get()->app_name);
  auto started = d.verifications.start_webauthn(c.caller, rp);
  if (!started) return started.error();
  json::object out = record_json(started->record);
  out["registrationOptions"] = std::move(started->options);
  return http::json_response(status::ok, out);
}

Result<http::Response> webauthn_verify(const AccountApiDeps& d, const AccountCall& c) {
  if (auto check = first_party_only(c); !check) return check.error();
  auto id = required(c.body, "verificationRecordId");
  if (!id) return id.error();
  auto payload = object_field(c.body, "payload");
  if (!payload) return payload.error();
  if (!*payload) return invalid("payload");
  if (auto done = d.verifications.finish_webauthn(c.caller, *id, **payload); !done) {
    return done.error();
  }
  return http::json_response(status::ok, json::object{{"verificationRecordId", *id}});
}

}  // namespace

void AccountApi::mount_verifications(http::Router::Group& g) {
  using enum http::bhttp::verb;
  add(g, {
             {post, "/verifications/password", password, http::Lane::Hashing},
             {post, "/verifications/verification-code", send_code, http::Lane::Outbound},
             {post, "/verifications/verification-code/verify", verify_code},
             {post, "/verifications/social", start_social, http::Lane::Outbound},
             {post, "/verifications/social/verify", verify_social, http::Lane::Outbound},
             {post, "/verifications/web-authn/registration", webauthn_options},
             {post, "/verifications/web-authn/registration/verify", webauthn_verify},
         });
}

}  // namespace latch::account
