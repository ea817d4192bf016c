#include "management/user_service.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <initializer_list>
#include <utility>

#include "crypto/password.hpp"
#include "crypto/password_digest.hpp"
#include "crypto/random.hpp"
#include "management/phone_number.hpp"
#include "management/webhook_events.hpp"

namespace latch::management {
namespace {

Error bad(std::string description) {
  return make_error(Errc::InvalidRequest, std::move(description));
}

// InvalidRequest about the member `field` of the API's user (Error::field).
Error bad_field(std::string field, std::string description) {
  return with_field(bad(std::move(description)), std::move(field));
}

bool is_word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

}  // namespace

Result<void> validate_phone(const std::string& phone) {
  std::size_t start = !phone.empty() && phone[0] == '+' ? 1 : 0;
  if (phone.size() - start < 5 || phone.size() > 20)
    return bad_field("primaryPhone", "phone must be 5 to 20 digits");
  for (std::size_t i = start; i < phone.size(); ++i) {
    if (phone[i] < '0' || phone[i] > '9')
      return bad_field("primaryPhone", "phone must contain only digits");
  }
  return ok();
}

Result<std::string> normalized_phone(const std::string& phone) {
  if (auto r = validate_phone(phone); !r) return r.error();
  auto number = parse_phone_number(phone);
  if (!number) {
    return with_field(keyed_error(Errc::Conflict, "user.invalid_phone", "not a phone number"),
                      "primaryPhone");
  }
  return number->international();
}

namespace {

// Logto: a number stored with a "0" after the country code (before Logto normalised numbers) is
// the same number as its normalised form, so it is taken too; so is one stored with a "+" (as
// Latch kept numbers before). `self`: the user being changed.
Result<void> check_phone_free(storage::Tx& tx, const std::optional<std::string>& phone,
                              const std::string& self) {
  if (!phone) return ok();
  auto number = parse_phone_number(*phone);
  if (!number) return ok();
  for (const std::string& form : {number->with_leading_zero(), "+" + number->international(),
                                  "+" + number->with_leading_zero()}) {
    auto found = tx.users().find_by_phone(form);
    if (!found) return found.error();
    if (*found && (*found)->id != self) {
      return keyed_error(Errc::Conflict, "user.phone_already_in_use", "phone is already in use");
    }
  }
  return ok();
}

// The avatar URL and the JSON documents (customData, profile), on create and update alike.
using Document = std::pair<std::string_view, const std::optional<std::string>*>;  // member, text

Result<void> validate_extras(const std::optional<std::string>& avatar,
                             std::initializer_list<Document> documents) {
  if (avatar && avatar->size() > 2048) return bad_field("avatar", "avatar must be a URL");
  for (const auto& [member, doc] : documents) {
    if (!*doc) continue;
    boost::system::error_code ec;
    auto v = boost::json::parse(**doc, ec);
    if (ec || !v.is_object()) {
      return bad_field(std::string(member), "customData and profile must be JSON objects");
    }
  }
  return ok();
}

Result<void> validate_digest(const ForeignPassword& foreign) {
  auto algorithm = crypto::password_algorithm_named(foreign.algorithm);
  if (!algorithm) {
    return bad_field("passwordAlgorithm",
                     "passwordAlgorithm must be one of Argon2i, Argon2id, Argon2d, Bcrypt, SHA1, "
                     "SHA256, MD5, Legacy");
  }
  if (auto r = crypto::check_password_digest(*algorithm, foreign.digest); !r) {
    return with_field(r.error(), "passwordDigest");
  }
  return ok();
}

// `needs_identifier`: a user created here must be able to sign in with something; an imported
// one may have only a social identity.
Result<void> validate(const NewUser& request, bool needs_identifier = true) {
  if (needs_identifier && !request.username && !request.email && !request.phone) {
    return bad("a username, email or phone is required");
  }
  if (request.username) {
    if (auto r = validate_username(*request.username); !r) return r;
  }
  if (request.email) {
    if (auto r = validate_email(*request.email); !r) return r;
  }
  if (request.phone) {
    if (auto r = validate_phone(*request.phone); !r) return r;
  }
  if (request.name && request.name->size() > 128) {
    return bad_field("name", "name must be at most 128 characters");
  }
  if (request.password && (request.password->size() < 8 || request.password->size() > 256)) {
    return bad_field("password", "password must be 8 to 256 characters");
  }
  if (request.password && request.password_digest) {
    return keyed_error(Errc::InvalidRequest, "user.password_and_digest");
  }
  if (request.password_digest) {
    if (auto r = validate_digest(*request.password_digest); !r) return r;
  }
  return validate_extras(request.avatar, {{"customData", &request.custom_data_json},
                                          {"profile", &request.profile_json}});
}

boost::json::value parse_or_empty(const std::string& json) {
  boost::system::error_code ec;
  auto value = boost::json::parse(json, ec);
  return ec ? boost::json::value(boost::json::object{}) : value;
}

// `patch`'s members over those of `base` (Logto's jsonb ||: a shallow merge).
std::string merged_object(const std::string& base, const std::string& patch) {
  boost::json::value merged = parse_or_empty(base);
  if (!merged.is_object()) merged = boost::json::object();
  boost::json::value over = parse_or_empty(patch);
  if (over.is_object()) {
    for (const auto& [key, value] : over.as_object()) merged.as_object()[key] = value;
  }
  return boost::json::serialize(merged);
}

boost::json::value nullable(const std::optional<std::string>& text) {
  if (!text) return nullptr;
  return boost::json::string(*text);
}

}  // namespace

Result<void> validate_username(const std::string& username) {
  if (username.empty() || username.size() > 128 || (username[0] >= '0' && username[0] <= '9') ||
      !std::all_of(username.begin(), username.end(), is_word_char)) {
    return bad_field("username",
                     "username must be letters, digits and underscores, not starting with a digit");
  }
  return ok();
}

Result<void> validate_email(const std::string& email) {
  std::size_t at = email.find('@');
  if (email.size() > 128 || at == std::string::npos || at == 0 || at + 1 >= email.size() ||
      email.find('@', at + 1) != std::string::npos || email.find(' ') != std::string::npos ||
      email.find('.', at) == std::string::npos) {
    return bad_field("primaryEmail", "email address is not valid");
  }
  return ok();
}

Result<model::User> UserService::build(const NewUser& request) const {
  // As Logto's: a user may be created with no identifier at all (only a name, say), to sign in
  // later through a social or enterprise identity, or to be given one.
  if (auto r = validate(request, false); !r) return r.error();
  NewUser normal = request;
  if (normal.phone) {
    auto phone = normalized_phone(*normal.phone);
    if (!phone) return phone.error();
    normal.phone = std::move(*phone);
  }
  return make_user(normal, crypto::random_id(12), clock_.now_millis());
}

Result<model::User> make_user(const NewUser& request, std::string id, std::int64_t created_at) {
  model::User user;
  user.id = std::move(id);
  user.username = request.username;
  user.primary_email = request.email;
  user.primary_phone = request.phone;
  user.name = request.name;
  user.avatar = request.avatar;
  user.custom_data_json = request.custom_data_json.value_or("{}");
  user.profile_json = request.profile_json.value_or("{}");
  if (request.password) {
    auto hash = crypto::hash_password(*request.password);
    if (!hash) return hash.error();
    model::set_latch_password_hash(user, std::move(*hash));
  } else if (request.password_digest) {
    user.password_hash = request.password_digest->digest;
    user.password_algorithm = request.password_digest->algorithm;
  }
  user.created_at = user.updated_at = created_at;
  return user;
}

Result<model::User> imported_user(const NewUser& request, std::string id, std::int64_t created_at,
                                  std::string identities_json) {
  if (auto r = validate(request, identities_json != "{}"); !r) return r.error();
  auto user = make_user(request, std::move(id), created_at);
  if (user) user->identities_json = std::move(identities_json);
  return user;
}

Result<void> UserService::raise(storage::Tx& tx, std::string_view event,
                                const model::User& user) const {
  return queue_data_hook(tx, event, origin_, hook_user(to_json(user)), clock_.now_millis());
}

Result<void> UserService::insert(storage::Tx& tx, const model::User& user, bool admin) {
  if (auto free = check_phone_free(tx, user.primary_phone, user.id); !free) return free;
  if (auto inserted = tx.users().insert(user); !inserted) return inserted;
  if (auto raised = raise(tx, "User.Created", user); !raised) return raised;
  if (!admin) return ok();
  return tx.users().set_admin(user.id, true, user.created_at);
}

Result<model::User> UserService::create(const NewUser& request) {
  auto user = build(request);
  if (!user) return user.error();
  auto done = store_.transact([&](storage::Tx& tx) { return insert(tx, *user, request.admin); });
  if (!done) return done.error();
  return user;
}

Result<model::User> UserService::create_first_operator(NewUser request) {
  request.admin = true;
  auto user = build(request);
  if (!user) return user.error();
  auto done = store_.transact([&](storage::Tx& tx) -> Result<void> {
    if (auto locked = tx.lock("console-setup"); !locked) return locked;
    auto ids = tx.users().admin_ids();
    if (!ids) return ids.error();
    if (!ids->empty()) {
      return keyed_error(Errc::Forbidden, "console.setup_done",
                         "an operator exists already; sign in instead");
    }
    // The one-time setup links end with the first operator.
    if (auto cleared = tx.setup_tokens().clear(); !cleared) return cleared;
    return insert(tx, *user, true);
  });
  if (!done) return done.error();
  return user;
}

Result<UserPage> UserService::list(const std::string& search, storage::Page page) {
  UserPage out;
  auto done = store_.read([&](storage::Tx& tx) -> Result<void> {
    auto users = tx.users().list(search, page);
    if (!users) return users.error();
    auto total = tx.users().count(search);
    if (!total) return total.error();
    out.users = std::move(*users);
    out.total = *total;
    return ok();
  });
  if (!done) return done.error();
  return out;
}

Result<UserPage> UserService::search(const storage::UserSearch& search, storage::Page page) {
  UserPage out;
  auto done = store_.read([&](storage::Tx& tx) -> Result<void> {
    auto users = tx.users().search(search, page);
    if (!users) return users.error();
    auto total = tx.users().count_search(search);
    if (!total) return total.error();
    out.users = std::move(*users);
    out.total = *total;
    return ok();
  });
  if (!done) return done.error();
  return out;
}

Result<UserPage> UserService::list_without_role(const std::string& role_id,
                                                const std::string& search, storage::Page page) {
  UserPage out;
  auto done = store_.read([&](storage::Tx& tx) -> Result<void> {
    auto users = tx.roles().users_without(role_id, search, page);
    if (!users) return users.error();
    auto total = tx.roles().count_users_without(role_id, search);
    if (!total) return total.error();
    out.users = std::move(*users);
    out.total = *total;
    return ok();
  });
  if (!done) return done.error();
  return out;
}

Result<model::User> UserService::get(const std::string& id) {
  std::optional<model::User> found;
  auto done = store_.read([&](storage::Tx& tx) -> Result<void> {
    auto r = tx.users().find(id);
    if (!r) return r.error();
    found = std::move(*r);
    return ok();
  });
  if (!done) return done.error();
  if (!found) return keyed_error(Errc::NotFound, "entity.not_found", "no user " + id);
  return std::move(*found);
}

namespace {

Result<void> validate_patch(const UserPatch& p) {
  auto given = [](const auto& field) { return field && *field; };
  if (given(p.username)) {
    if (auto r = validate_username(**p.username); !r) return r;
  }
  if (given(p.primary_email)) {
    if (auto r = validate_email(**p.primary_email); !r) return r;
  }
  if (given(p.primary_phone)) {
    if (auto r = validate_phone(**p.primary_phone); !r) return r;
  }
  if (given(p.name) && (*p.name)->size() > 128) {
    return bad_field("name", "name must be at most 128 characters");
  }
  return validate_extras(p.avatar.value_or(std::nullopt),
                         {{"customData", &p.custom_data_json}, {"profile", &p.profile_json}});
}

}  // namespace

Result<model::User> UserService::change(const std::string& id,
                                        const std::function<Result<void>(model::User&)>& edit,
                                        const AlsoInTx& also) {
  std::optional<model::User> out;
  auto done = store_.transact([&](storage::Tx& tx) -> Result<void> {
    auto found = tx.users().find(id);
    if (!found) return found.error();
    if (!*found) return keyed_error(Errc::NotFound, "entity.not_found", "no user " + id);
    model::User user = std::move(**found);
    const model::User before = user;
    if (auto edited = edit(user); !edited) return edited;
    user.updated_at = clock_.now_millis();
    if (auto saved = tx.users().update(user); !saved) return saved;
    if (also) {
      if (auto r = also(tx, before, user); !r) return r;
    }
    out = std::move(user);
    return ok();
  });
  if (!done) return done.error();
  return std::move(*out);
}

Result<model::User> UserService::update(const std::string& id, const UserPatch& given) {
  if (auto valid = validate_patch(given); !valid) return valid.error();
  UserPatch patch = given;
  if (patch.primary_phone && *patch.primary_phone) {
    auto phone = normalized_phone(**patch.primary_phone);
    if (!phone) return phone.error();
    *patch.primary_phone = std::move(*phone);
  }
  auto edit = [&](model::User& user) -> Result<void> {
    if (patch.username) user.username = *patch.username;
    if (patch.primary_email) user.primary_email = *patch.primary_email;
    if (patch.primary_phone) user.primary_phone = *patch.primary_phone;
    if (patch.name) user.name = *patch.name;
    if (patch.avatar) user.avatar = *patch.avatar;
    if (patch.custom_data_json) {
      user.custom_data_json = patch.merge_documents
                                  ? merged_object(user.custom_data_json, *patch.custom_data_json)
                                  : *patch.custom_data_json;
    }
    if (patch.profile_json) {
      user.profile_json = patch.merge_documents
                              ? merged_object(user.profile_json, *patch.profile_json)
                              : *patch.profile_json;
    }
    if (!user.username && !user.primary_email && !user.primary_phone &&
        user.identities_json == "{}") {
      return bad("a user keeps at least one of username, email, phone or a social identity");
    }
    return ok();
  };
  auto also = [this](storage::Tx& tx, const model::User& before,
                     const model::User& after) -> Result<void> {
    if (after.primary_phone != before.primary_phone) {
      if (auto free = check_phone_free(tx, after.primary_phone, after.id); !free) return free;
    }
    return data_updated()(tx, before, after);
  };
  return change(id, edit, also);
}

UserService::AlsoInTx UserService::data_updated() const {
  return [this](storage::Tx& tx, const model::User&, const model::User& after) {
    return raise(tx, "User.Data.Updated", after);
  };
}

Result<model::User> UserService::set_password(const std::string& id, const std::string& password) {
  if (password.size() < 8 || password.size() > 256) {
    return bad_field("password", "password must be 8 to 256 characters");
  }
  auto hash = crypto::hash_password(password);
  if (!hash) return hash.error();
  auto edit = [&](model::User& user) -> Result<void> {
    model::set_latch_password_hash(user, *hash);
    return ok();
  };
  return change(id, edit, data_updated());
}

Result<void> UserService::remove(const std::string& id) {
  auto done = store_.transact([&](storage::Tx& tx) -> Result<void> {
    auto user = tx.users().find(id);
    if (!user) return user.error();
    if (!*user) return keyed_error(Errc::NotFound, "entity.not_found", "no user " + id);
    // OIDC Back-Channel Logout 1.0 §2.5: every app the user signed in to hears of it.
    auto queued = tx.logout_deliveries().enqueue_for_user(id, clock_.now_millis());
    if (!queued) return queued.error();
    if (auto raised = raise(tx, "User.Deleted", **user); !raised) return raised;
    return tx.users().remove(id);
  });
  if (!done && done.error().code == Errc::NotFound) {
    return keyed_error(Errc::NotFound, "entity.not_found", "no user " + id);
  }
  return done;
}

Result<model::User> UserService::unlink_identity(const std::string& id, const std::string& target) {
  return change(id, [&](model::User& user) -> Result<void> {
    boost::system::error_code ec;
    auto parsed = boost::json::parse(user.identities_json, ec);
    if (ec || !parsed.is_object() || !parsed.as_object().contains(target)) {
      return keyed_error(Errc::NotFound, "entity.not_found",
                         "the user has no identity at " + target);
    }
    parsed.as_object().erase(target);
    user.identities_json = boost::json::serialize(parsed);
    return ok();
  });
}

Result<model::User> UserService::find(const std::string& key) {
  std::optional<model::User> found;
  auto done = store_.read([&](storage::Tx& tx) -> Result<void> {
    auto r = tx.users().find(key);
    if (r && !*r) r = tx.users().find_by_username(key);
    if (r && !*r && key.find('@') != std::string::npos) r = tx.users().find_by_email(key);
    if (!r) return r.error();
    found = std::move(*r);
    return ok();
  });
  if (!done) return done.error();
  if (!found) return make_error(Errc::NotFound, "no user with id, username or email " + key);
  return std::move(*found);
}

Result<model::User> UserService::set_suspended(const std::string& id, bool suspended) {
  auto user = find(id);  // by id, username or email
  if (!user) return user.error();
  auto edit = [&](model::User& u) -> Result<void> {
    u.is_suspended = suspended;
    return ok();
  };
  // OIDC Back-Channel Logout 1.0 §2.5: the apps a user is signed in to hear of a suspension as
  // of a sign-out, in the same transaction.
  auto notify = [&](storage::Tx& tx, const model::User& before,
                    const model::User& after) -> Result<void> {
    if (auto raised = raise(tx, "User.SuspensionStatus.Updated", after); !raised) return raised;
    if (before.is_suspended || !after.is_suspended) return ok();
    auto queued = tx.logout_deliveries().enqueue_for_user(after.id, clock_.now_millis());
    if (!queued) return queued.error();
    return ok();
  };
  return change(user->id, edit, notify);
}

Result<model::User> UserService::set_admin(const std::string& key, bool admin) {
  auto user = find(key);
  if (!user) return user.error();
  auto done = store_.transact(
      [&](storage::Tx& tx) { return tx.users().set_admin(user->id, admin, clock_.now_millis()); });
  if (!done) return done.error();
  return user;
}

Result<std::vector<model::User>> UserService::admins() {
  std::vector<model::User> out;
  auto done = store_.read([&](storage::Tx& tx) -> Result<void> {
    auto ids = tx.users().admin_ids();
    if (!ids) return ids.error();
    for (const auto& id : *ids) {
      auto user = tx.users().find(id);
      if (!user) return user.error();
      if (*user) out.push_back(std::move(**user));
    }
    return ok();
  });
  if (!done) return done.error();
  return out;
}

boost::json::object to_json(const model::User& user) {
  return {{"id", user.id},
          {"username", nullable(user.username)},
          {"primaryEmail", nullable(user.primary_email)},
          {"primaryPhone", nullable(user.primary_phone)},
          {"name", nullable(user.name)},
          {"avatar", nullable(user.avatar)},
          {"customData", parse_or_empty(user.custom_data_json)},
          {"identities", parse_or_empty(user.identities_json)},
          {"profile", parse_or_empty(user.profile_json)},
          {"isSuspended", user.is_suspended},
          {"hasPassword", !user.password_hash.empty()},
          {"lastSignInAt", user.last_sign_in_at ? boost::json::value(user.last_sign_in_at)
                                                : boost::json::value(nullptr)},
          {"createdAt", user.created_at},
          {"updatedAt", user.updated_at}};
}

}  // namespace latch::management
