#include "management/subject_token_service.hpp"

#include <boost/json/serialize.hpp>

#include "crypto/hash.hpp"
#include "crypto/random.hpp"
#include "model/subject_token.hpp"

namespace latch::management {

Result<CreatedSubjectToken> SubjectTokenService::create(const NewSubjectToken& request) const {
  if (request.user_id.empty()) {
    return with_field(make_error(Errc::InvalidRequest, "userId must not be empty"), "userId");
  }
  CreatedSubjectToken out{std::string(model::kSubjectTokenPrefix) + crypto::random_token(32),
                          model::kSubjectTokenExpiresIn};
  std::int64_t now = clock_.now_seconds();
  model::SubjectToken row{.token_hash = crypto::token_hash(out.subject_token),
                          .user_id = request.user_id,
                          .creator_id = request.creator_id,
                          .context_json = boost::json::serialize(request.context),
                          .created_at = now,
                          .expires_at = now + out.expires_in};
  auto done = store_.transact([&](storage::Tx& tx) -> Result<void> {
    auto user = tx.users().find(request.user_id);
    if (!user) return user.error();
    if (!*user) {
      return with_field(keyed_error(Errc::NotFound, "entity.relation_foreign_key_not_found",
                                    "user " + request.user_id),
                        "userId");
    }
    return tx.subject_tokens().insert(row);
  });
  if (!done) return done.error();
  return out;
}

}  // namespace latch::management
