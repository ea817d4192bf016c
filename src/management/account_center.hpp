#pragma once

#include <boost/json/object.hpp>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "storage/store.hpp"

// The account center's settings (Logto's account_centers row and GET/PATCH /api/account-center):
// whether the Account API is on, and what a signed-in user may see or change of their own
// account, field by field.
namespace latch::management {

// Logto's AccountCenterControlValue.
enum class FieldControl { Off, ReadOnly, Edit };

// Logto's accountCenterFieldControlGuard keys, in its order.
enum class AccountField {
  Name,
  Avatar,
  Profile,
  Email,
  Phone,
  Password,
  Username,
  Social,
  CustomData,
  Mfa,
  Passkey,
  Session,
  TrustedDevice,
};

// "name", "avatar", ..., "customData", "mfa", "passkey", "session", "trustedDevice".
std::string_view account_field_name(AccountField field);

struct AccountCenter {
  bool enabled = true;
  std::map<AccountField, FieldControl> fields;  // an absent field is Off
  std::vector<std::string> webauthn_related_origins;
  std::optional<std::string> delete_account_url;
  std::optional<std::string> custom_css;

  FieldControl control(AccountField field) const;
  // Passkeys follow `passkey` when it is set, else `mfa` (as Logto).
  FieldControl passkey_control() const;
  bool readable(AccountField field) const { return control(field) != FieldControl::Off; }
  bool editable(AccountField field) const { return control(field) == FieldControl::Edit; }
};

// Latch's default, before an operator changes it: enabled, every field editable but customData
// (read-only: apps keep their own data there) and trustedDevice (off). Logto starts with every
// field Off; Latch ships the account center working (docs/account.md).
AccountCenter default_account_center();

// Logto's response shape: {tenantId, id, enabled, fields, webauthnRelatedOrigins,
// deleteAccountUrl, customCss, profileFields}.
boost::json::object account_center_json(const AccountCenter& center);

// Applies Logto's PATCH body ({enabled?, fields?, webauthnRelatedOrigins?, deleteAccountUrl?,
// customCss?, profileFields?}) to `center`. `fields` replaces the whole map, as Logto's does.
// InvalidRequest naming the member for an unknown member, a wrong type, an unknown field or
// control value, or a deleteAccountUrl that is not an http(s) URL ("" clears it).
[[nodiscard]] Result<AccountCenter> apply_account_center_patch(AccountCenter center,
                                                               const boost::json::object& patch);

// The stored settings in `tx` (the default when none are stored or the stored document does
// not read).
[[nodiscard]] Result<AccountCenter> load_account_center(storage::Tx& tx);
// Reads, patches and stores the settings in one transaction; errors as for the patch.
[[nodiscard]] Result<AccountCenter> update_account_center(storage::Store& store,
                                                          const boost::json::object& patch,
                                                          const Clock& clock);

}  // namespace latch::management
