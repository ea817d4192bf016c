#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <string>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "storage/store.hpp"

namespace latch::management {

// What POST /api/subject-tokens asks for (Logto's routes/subject-token.ts).
struct NewSubjectToken {
  std::string user_id;
  boost::json::object context;  // kept with the token for the operator; {} when none
  std::string creator_id;       // the Management API caller (ManagementCaller::subject)
};

// A subject token in clear, shown once to its creator (Logto's subjectTokenResponseGuard).
struct CreatedSubjectToken {
  std::string subject_token;  // "sub_" + random
  std::int64_t expires_in = 0;
};

// Makes subject tokens for token exchange (RFC 8693 impersonation): single use, good for
// model::kSubjectTokenExpiresIn seconds, stored by hash. Blocks on the database; thread-safe.
class SubjectTokenService {
 public:
  SubjectTokenService(storage::Store& store, const Clock& clock) : store_(store), clock_(clock) {}
  // InvalidRequest (with field userId) for an empty user id; NotFound (404)
  // "entity.relation_foreign_key_not_found" when the user does not exist, as Logto answers.
  [[nodiscard]] Result<CreatedSubjectToken> create(const NewSubjectToken& request) const;

 private:
  storage::Store& store_;
  const Clock& clock_;
};

}  // namespace latch::management
