#pragma once

#include <string_view>

namespace latch::storage::migrations {

// The hosted sign-in experience: configuration, message connectors, codes, lockout.
extern const std::string_view kV2SignInExperience;

}  // namespace latch::storage::migrations
