#pragma once

#include <string>
#include <string_view>

#include "core/result.hpp"

namespace latch::storage::postgres {

// Maps a failed statement to Latch's error: 23505 -> Conflict (described by the constraint),
// 23503 -> NotFound, 40001/40P01 -> Unavailable (the store retries those first), 25006 (write in
// a read-only transaction) and anything else -> Internal.
Error to_error(std::string_view sqlstate, std::string_view constraint, std::string_view detail,
               std::string_view message);

// The Conflict for a unique violation of `constraint`: keyed with Logto's code where the clash
// has one ("user.email_already_in_use"), described for people ("email is already in use", or the
// key named in `detail`); `debug` goes to the log.
Error conflict_error(std::string_view constraint, std::string_view detail, std::string debug);

// True for the SQLSTATEs after which a whole transaction is worth retrying.
bool is_retryable(std::string_view sqlstate);

}  // namespace latch::storage::postgres
