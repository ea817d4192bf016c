#pragma once

#include <boost/json/object.hpp>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "management/webhook_payload.hpp"
#include "model/user.hpp"
#include "storage/store.hpp"

namespace latch::management {

// A password digest made elsewhere (Logto's passwordDigest and passwordAlgorithm, an importer's
// hash), stored as it is until the user's first sign-in replaces it with Latch's Argon2id
// (management/user_password.hpp).
struct ForeignPassword {
  std::string algorithm;  // Logto's name: "Argon2i", "Bcrypt", "SHA256", "MD5", "Legacy", ...
  std::string digest;     // in the form crypto/password_digest.hpp gives for the algorithm
};

// Everything a new user starts with; create() stores all of it in one transaction, so a user
// never exists without the documents or the operator role it was created with.
struct NewUser {
  std::optional<std::string> username;
  std::optional<std::string> email;
  std::optional<std::string> phone;
  std::optional<std::string> name;
  std::optional<std::string> password;  // clear text; hashed with Argon2id before storage
  std::optional<ForeignPassword> password_digest;  // instead of a password
  std::optional<std::string> avatar;
  std::optional<std::string> custom_data_json, profile_json;  // whole JSON objects
  bool admin = false;                                         // an operator of the console
};

// A partial update: an absent member keeps the field; a member holding nullopt clears it.
struct UserPatch {
  std::optional<std::optional<std::string>> username, primary_email, primary_phone, name, avatar;
  std::optional<std::string> custom_data_json, profile_json;  // whole JSON objects
  // Logto's jsonb merge: the documents' members replace the stored ones' of the same name, the
  // others are kept; false: the documents replace the stored ones whole.
  bool merge_documents = false;
};

struct UserPage {
  std::vector<model::User> users;
  std::int64_t total = 0;
};

// Users: creation with validation, listing. Shared by the CLI, the sign-up page and the
// management API. Blocks (database, Argon2id): call create and set_password on the hashing pool
// (http::Lane::Hashing), the rest on the database pool; thread-safe.
class UserService {
 public:
  // `origin`: the request behind the changes, for their webhook events (User.Created,
  // User.Data.Updated, User.SuspensionStatus.Updated, User.Deleted), which every change queues
  // in its own transaction (management/webhook_events.hpp); null for the CLI. Not owned; must
  // outlive the service.
  UserService(storage::Store& store, const Clock& clock, const HookOrigin* origin = nullptr)
      : store_(store), clock_(clock), origin_(origin) {}

  // InvalidRequest naming the field (Error::field: username, primaryEmail, primaryPhone, name,
  // avatar, customData, profile, password, as the management API spells them) for a malformed
  // username (letters, digits, underscore; not starting with a digit; at most 128), email, phone
  // (digits, optional leading +), avatar, customData or profile (JSON objects), or a password
  // shorter than 8 characters; InvalidRequest when no identifier is given; Conflict when an
  // identifier is taken (a phone number in either of Logto's forms, management/phone_number.hpp).
  // A phone number is stored in Logto's form; Conflict "user.invalid_phone" for digits that are
  // no phone number. A password_digest: InvalidRequest keyed user.password_and_digest with a
  // password too, naming passwordAlgorithm for an algorithm Latch does not know, and
  // crypto::check_password_digest's keys (naming passwordDigest) for a digest it refuses. This is
  // how importers store users with their old passwords. Nothing is stored unless all of it is.
  [[nodiscard]] Result<model::User> create(const NewUser& request);
  // The console's first operator: create() with `admin`, only while there is no operator (on
  // every node: an advisory lock). Forbidden "console.setup_done" when there is one already.
  [[nodiscard]] Result<model::User> create_first_operator(NewUser request);
  [[nodiscard]] Result<UserPage> list(const std::string& search, storage::Page page);
  // Logto's advanced search (management/user_search.hpp), newest first.
  [[nodiscard]] Result<UserPage> search(const storage::UserSearch& search, storage::Page page);
  // Users who do not hold role `role_id` (Logto's excludeRoleId), matching a substring of the id,
  // username, email, phone or name; newest first.
  [[nodiscard]] Result<UserPage> list_without_role(const std::string& role_id,
                                                   const std::string& search, storage::Page page);
  // NotFound "entity.not_found".
  [[nodiscard]] Result<model::User> get(const std::string& id);
  // InvalidRequest naming the field; Conflict as for create (the phone number likewise stored in
  // Logto's form); NotFound.
  [[nodiscard]] Result<model::User> update(const std::string& id, const UserPatch& patch);
  // InvalidRequest for a password of fewer than 8 or more than 256 characters.
  [[nodiscard]] Result<model::User> set_password(const std::string& id,
                                                 const std::string& password);
  // Removes the user and everything issued to them.
  [[nodiscard]] Result<void> remove(const std::string& id);
  // Takes the social identity at `target` off the user. NotFound when they have none there.
  [[nodiscard]] Result<model::User> unlink_identity(const std::string& id,
                                                    const std::string& target);
  // Looks the user up by id, username or email. NotFound when none matches.
  [[nodiscard]] Result<model::User> find(const std::string& id_or_identifier);
  // Makes the user (by id, username or email) an operator, or no longer one.
  [[nodiscard]] Result<model::User> set_admin(const std::string& id_or_identifier, bool admin);
  [[nodiscard]] Result<std::vector<model::User>> admins();
  // A suspended user cannot sign in, and the tokens already issued to them stop working.
  [[nodiscard]] Result<model::User> set_suspended(const std::string& id, bool suspended);

 private:
  // Validates `request` and builds the user it describes (the password hashed); stores nothing.
  Result<model::User> build(const NewUser& request) const;
  // Stores `user` (and, with `admin`, its operator role) in `tx`.
  Result<void> insert(storage::Tx& tx, const model::User& user, bool admin);
  // What else a change writes in its transaction, given the user before and after the edit.
  using AlsoInTx = std::function<Result<void>(storage::Tx&, const model::User& before,
                                              const model::User& after)>;
  // The `also` of an edit Logto reports as User.Data.Updated: queues that event.
  AlsoInTx data_updated() const;
  // Loads the user, applies `edit`, stores the result and runs `also`, in one transaction.
  Result<model::User> change(const std::string& id,
                             const std::function<Result<void>(model::User&)>& edit,
                             const AlsoInTx& also = {});

  // Queues webhook event `event` about `user` in `tx`.
  Result<void> raise(storage::Tx& tx, std::string_view event, const model::User& user) const;

  storage::Store& store_;
  const Clock& clock_;
  const HookOrigin* origin_;
};

[[nodiscard]] Result<void> validate_username(const std::string& username);
[[nodiscard]] Result<void> validate_email(const std::string& email);
[[nodiscard]] Result<void> validate_phone(const std::string& phone);
// `phone` as Logto stores it (management/phone_number.hpp): validate_phone's errors, and
// Conflict (422) "user.invalid_phone" naming primaryPhone for digits that are no phone number.
[[nodiscard]] Result<std::string> normalized_phone(const std::string& phone);

// The user `request` describes, with `id` and dates `created_at`, unchecked and unstored.
[[nodiscard]] Result<model::User> make_user(const NewUser& request, std::string id,
                                            std::int64_t created_at);
// A user brought from another identity provider (latch import, migrate/writer.hpp): create()'s
// checks and user, with the source's id, creation time and social identities ({target:
// {userId, details}}); an identifier is not required of a user who has an identity. Stores
// nothing.
[[nodiscard]] Result<model::User> imported_user(const NewUser& request, std::string id,
                                                std::int64_t created_at,
                                                std::string identities_json);

// Logto's user shape: id, username, primaryEmail, primaryPhone, name, avatar, customData,
// identities, profile, isSuspended, hasPassword, lastSignInAt, createdAt, updatedAt.
boost::json::object to_json(const model::User& user);

}  // namespace latch::management
