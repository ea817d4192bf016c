#include "account/account_rules.hpp"

#include "core/json.hpp"

namespace latch::account::rules {

Result<void> editable(management::FieldControl control) {
  if (control == management::FieldControl::Edit) return ok();
  return keyed_error(Errc::InvalidRequest, "account_center.field_not_editable");
}

Result<void> editable(const management::AccountCenter& center, management::AccountField field) {
  return editable(center.control(field));
}

Result<void> readable(const management::AccountCenter& center, management::AccountField field) {
  if (center.readable(field)) return ok();
  return keyed_error(Errc::InvalidRequest, "account_center.field_not_enabled");
}

Result<void> has_scope(const AccountCaller& caller, std::string_view scope, bool status_400) {
  if (caller.has(scope)) return ok();
  return keyed_error(status_400 ? Errc::InvalidRequest : Errc::Unauthorized, "auth.unauthorized",
                     "the access token lacks " + std::string(scope));
}

Result<void> verified(const AccountCaller& caller) {
  if (caller.identity_verified) return ok();
  return keyed_error(Errc::Unauthorized, "verification_record.permission_denied");
}

Result<void> verified_if_possible(const AccountCaller& caller, const model::User& user) {
  bool can_verify = !user.password_hash.empty() || user.primary_email || user.primary_phone;
  return can_verify ? verified(caller) : ok();
}

Result<void> first_party(const AccountCaller& caller) {
  if (!caller.third_party) return ok();
  return keyed_error(Errc::Forbidden, "auth.third_party_application_forbidden");
}

Result<void> keeps_an_identifier(const model::User& user) {
  auto identities = parse_json(user.identities_json);
  bool social = identities && identities->is_object() && !identities->as_object().empty();
  if (user.username || user.primary_email || user.primary_phone || social) return ok();
  return keyed_error(Errc::InvalidRequest, "user.last_sign_in_method_required");
}

}  // namespace latch::account::rules
