#include "storage/migrations/v22_dpop_code_binding.hpp"

namespace latch::storage::migrations {

// Authorization codes bound to a DPoP key (RFC 9449 §10): the JWK thumbprint the code must be
// redeemed with, from the authorization request's dpop_jkt or the pushed request's DPoP proof.
// Empty for a code that is not bound, which every code issued before this migration is.
extern const std::string_view kV22DpopCodeBinding = R"sql(
ALTER TABLE authorization_codes ADD COLUMN dpop_jkt TEXT NOT NULL DEFAULT '';
)sql";

}  // namespace latch::storage::migrations
