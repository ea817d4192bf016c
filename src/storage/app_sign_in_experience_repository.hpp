#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace latch::storage {

// Per-application sign-in experience (Logto's application_sign_in_experiences): the branding,
// colors, custom CSS, terms links and display name the hosted sign-in shows for one app instead
// of the deployment's. The document is a JSON object (management/app_sign_in_experience.hpp
// shapes it). Same rules as repositories.hpp: obtained from a Tx, valid inside it, one thread.
class AppSignInExperienceRepository {
 public:
  virtual ~AppSignInExperienceRepository() = default;
  // The app's document; nullopt when it has none.
  [[nodiscard]] virtual Result<std::optional<std::string>> find(std::string_view app_id) = 0;
  // Inserts or replaces the app's document; true when it had none before.
  [[nodiscard]] virtual Result<bool> put(std::string_view app_id, const std::string& document) = 0;
};

}  // namespace latch::storage
