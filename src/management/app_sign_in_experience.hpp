#pragma once

#include <boost/json/object.hpp>
#include <string>

#include "core/result.hpp"
#include "storage/store.hpp"

namespace latch::management {

// An app's own sign-in experience (Logto's PUT /applications/:id/sign-in-experience):
// branding {logoUrl, darkLogoUrl, favicon, darkFavicon}, color {primaryColor, darkPrimaryColor,
// isDarkModeEnabled}, customCss, termsOfUseUrl, privacyPolicyUrl (absolute URLs of at most 2048
// characters), displayName. A PUT sets the members it names; "" and null clear a text member.
// Blocks on the database; thread-safe.
class AppSignInExperienceService {
 public:
  explicit AppSignInExperienceService(storage::Store& store) : store_(store) {}

  struct Saved {
    boost::json::object document;  // as get() shows it
    bool created = false;          // the app had none before
  };
  // NotFound entity.not_exists_with_id for an unknown app; InvalidRequest guard.invalid_input
  // naming the member for an unknown or mistyped one.
  [[nodiscard]] Result<Saved> put(const std::string& app_id, const boost::json::object& body);
  // {tenantId, applicationId, branding, color, customCss, termsOfUseUrl, privacyPolicyUrl,
  // displayName}. NotFound entity.not_exists_with_id for an unknown app or one without its own
  // sign-in experience.
  [[nodiscard]] Result<boost::json::object> get(const std::string& app_id);

 private:
  storage::Store& store_;
};

}  // namespace latch::management
