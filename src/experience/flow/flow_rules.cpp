#include "experience/flow/flow_rules.hpp"

#include "management/phone_number.hpp"
#include "management/user_service.hpp"

namespace latch::experience {

Result<void> validate_identifier(const Identifier& id) {
  switch (id.type) {
    case IdentifierType::Username:
      if (!management::validate_username(id.value)) {
        return flow_error(Errc::InvalidRequest, "user.invalid_username");
      }
      return ok();
    case IdentifierType::Email:
      if (!management::validate_email(id.value)) {
        return flow_error(Errc::InvalidRequest, "user.invalid_email");
      }
      return ok();
    case IdentifierType::Phone: {
      const auto& v = id.value;
      std::size_t start = !v.empty() && v[0] == '+' ? 1 : 0;
      bool digits = v.size() > start + 5 && v.size() <= 20 &&
                    v.find_first_not_of("0123456789", start) == std::string::npos;
      if (!digits) return flow_error(Errc::InvalidRequest, "user.invalid_phone");
      return ok();
    }
  }
  return flow_error(Errc::InvalidRequest, "guard.invalid_input");
}

namespace {

// Logto's findUserByNormalizedPhone: a number is found in the form it is stored in
// (management/phone_number.hpp) or with the "0" older stores kept; failing those, and for digits
// that are no number, as typed (Latch stored numbers as given, "+" included, before).
Result<std::optional<model::User>> find_by_phone(storage::Tx& tx, const std::string& phone) {
  auto number = management::parse_phone_number(phone);
  if (!number) return tx.users().find_by_phone(phone);
  for (const std::string& form : {number->international(), number->with_leading_zero()}) {
    auto found = tx.users().find_by_phone(form);
    if (!found || *found) return found;
  }
  return tx.users().find_by_phone(phone);
}

}  // namespace

Result<std::optional<model::User>> find_user(storage::Tx& tx, const Identifier& id) {
  switch (id.type) {
    case IdentifierType::Username:
      return tx.users().find_by_username(id.value);
    case IdentifierType::Email:
      return tx.users().find_by_email(id.value);
    case IdentifierType::Phone:
      return find_by_phone(tx, id.value);
  }
  return std::optional<model::User>();
}

Result<void> identifier_taken(storage::Tx& tx, const Identifier& id) {
  auto user = find_user(tx, id);
  if (!user) return user.error();
  if (*user) {
    return flow_error(Errc::Conflict,
                      "user." + std::string(identifier_type_name(id.type)) + "_already_in_use");
  }
  return ok();
}

VerificationRecord record_of(std::string id, VerificationType type, const Identifier& identifier,
                             bool verified) {
  VerificationRecord r;
  r.id = std::move(id);
  r.type = type;
  r.identifier_type = identifier.type;
  r.identifier = identifier.value;
  r.verified = verified;
  return r;
}

std::vector<std::string> user_info(const model::User& user) {
  std::vector<std::string> info;
  for (const auto* v : {&user.username, &user.primary_email, &user.primary_phone}) {
    if (*v) info.push_back(**v);
  }
  return info;
}

}  // namespace latch::experience
