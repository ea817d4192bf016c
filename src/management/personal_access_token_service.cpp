#include "management/personal_access_token_service.hpp"

#include <utility>

#include "crypto/hash.hpp"
#include "crypto/random.hpp"

namespace latch::management {
namespace {

Error unknown_user(const std::string& id) {
  return keyed_error(Errc::NotFound, "entity.not_found", "no user " + id);
}

// Logto's guard: varchar(256), not empty.
Result<void> check_name(const std::string& name) {
  if (name.empty() || name.size() > 256) {
    return with_field(make_error(Errc::InvalidRequest, "name must be 1 to 256 characters"), "name");
  }
  return ok();
}

Result<void> check_user(storage::Tx& tx, const std::string& user_id) {
  auto user = tx.users().find(user_id);
  if (!user) return user.error();
  if (!*user) return unknown_user(user_id);
  return ok();
}

Result<PersonalAccessTokenView> opened(const crypto::SecretBox& box,
                                       model::PersonalAccessToken token) {
  auto value = box.open(token.sealed_value, token.user_id);
  if (!value) return value.error();
  return PersonalAccessTokenView{std::move(token), std::move(*value)};
}

}  // namespace

Result<std::vector<PersonalAccessTokenView>> PersonalAccessTokenService::list(
    const std::string& user_id) {
  std::vector<model::PersonalAccessToken> tokens;
  auto done = store_.read([&](storage::Tx& tx) -> Result<void> {
    if (auto r = check_user(tx, user_id); !r) return r;
    auto found = tx.personal_access_tokens().list(user_id);
    if (!found) return found.error();
    tokens = std::move(*found);
    return ok();
  });
  if (!done) return done.error();
  std::vector<PersonalAccessTokenView> out;
  for (auto& token : tokens) {
    auto view = opened(box_, std::move(token));
    if (!view) return view.error();
    out.push_back(std::move(*view));
  }
  return out;
}

Result<PersonalAccessTokenView> PersonalAccessTokenService::create(
    const std::string& user_id, const NewPersonalAccessToken& request) {
  if (auto r = check_name(request.name); !r) return r.error();
  const std::int64_t now = clock_.now_millis();
  if (request.expires_at && *request.expires_at <= now) {
    return with_field(keyed_error(Errc::InvalidRequest, "request.invalid_input",
                                  "The value of `expiresAt` must be in the future."),
                      "expiresAt");
  }
  std::string value = std::string(model::kPersonalAccessTokenPrefix) + crypto::random_alnum(32);
  model::PersonalAccessToken token{
      user_id, request.name,      crypto::token_hash(value), box_.seal(value, user_id),
      now,     request.expires_at};
  auto done = store_.transact([&](storage::Tx& tx) -> Result<void> {
    auto user = tx.users().find(user_id);
    if (!user) return user.error();
    if (!*user) {
      return keyed_error(Errc::NotFound, "entity.relation_foreign_key_not_found",
                         "no user " + user_id);
    }
    return tx.personal_access_tokens().insert(token);
  });
  if (!done) return done.error();
  return PersonalAccessTokenView{std::move(token), std::move(value)};
}

Result<PersonalAccessTokenView> PersonalAccessTokenService::rename(const std::string& user_id,
                                                                   const std::string& name,
                                                                   const std::string& new_name) {
  if (auto r = check_name(new_name); !r) return r.error();
  std::optional<model::PersonalAccessToken> renamed;
  auto done = store_.transact([&](storage::Tx& tx) -> Result<void> {
    if (auto r = check_user(tx, user_id); !r) return r;
    auto tokens = tx.personal_access_tokens().list(user_id);
    if (!tokens) return tokens.error();
    for (auto& token : *tokens) {
      if (token.name != name) continue;
      if (name != new_name) {
        if (auto r = tx.personal_access_tokens().rename(user_id, name, new_name); !r) return r;
      }
      token.name = new_name;
      renamed = std::move(token);
      return ok();
    }
    return keyed_error(Errc::NotFound, "entity.not_exists", "no personal access token " + name);
  });
  if (!done) return done.error();
  return opened(box_, std::move(*renamed));
}

Result<void> PersonalAccessTokenService::remove(const std::string& user_id,
                                                const std::string& name) {
  return store_.transact([&](storage::Tx& tx) -> Result<void> {
    auto removed = tx.personal_access_tokens().remove(user_id, name);
    if (!removed && removed.error().code == Errc::NotFound) {
      return keyed_error(Errc::NotFound, "entity.not_found", "no personal access token " + name);
    }
    return removed;
  });
}

boost::json::object to_json(const PersonalAccessTokenView& view) {
  const auto& token = view.token;
  boost::json::object out{{"userId", token.user_id},
                          {"name", token.name},
                          {"value", view.value},
                          {"createdAt", token.created_at},
                          {"expiresAt", nullptr}};
  if (token.expires_at) out["expiresAt"] = *token.expires_at;
  return out;
}

}  // namespace latch::management
