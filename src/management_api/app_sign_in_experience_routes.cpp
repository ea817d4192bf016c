#include "management/app_sign_in_experience.hpp"
#include "management_api/management_api.hpp"

// /api/applications/:id/sign-in-experience (Logto's application-sign-in-experience routes): an
// app's own branding, colors, custom CSS, terms links and display name
// (management/app_sign_in_experience.hpp).
namespace latch::management_api {
namespace {

using http::bhttp::status;
using Deps = ManagementApiDeps;

management::AppSignInExperienceService service(const Deps& d) {
  return management::AppSignInExperienceService(d.store);
}
std::string app_id(const Call& c) { return std::string(c.param("id")); }

// 201 when the app had none, 200 when it changed.
Result<http::Response> put_experience(const Deps& d, const Call& c) {
  auto saved = service(d).put(app_id(c), c.body);
  if (!saved) return saved.error();
  return http::json_response(saved->created ? status::created : status::ok, saved->document);
}

Result<http::Response> get_experience(const Deps& d, const Call& c) {
  auto document = service(d).get(app_id(c));
  if (!document) return document.error();
  return http::json_response(status::ok, *document);
}

}  // namespace

void ManagementApi::mount_application_sign_in_experience(Routes& r) {
  using enum http::bhttp::verb;
  r.add({
      {put, "/applications/:id/sign-in-experience", "Set an application's own sign-in experience",
       put_experience},
      {get, "/applications/:id/sign-in-experience", "Get an application's own sign-in experience",
       get_experience},
  });
}

}  // namespace latch::management_api
