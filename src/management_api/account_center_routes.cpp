#include "management/account_center.hpp"
#include "management_api/management_api.hpp"

// /api/account-center: what the Account API lets a signed-in user see and change (Logto's
// routes/account-center).
namespace latch::management_api {
namespace {

using http::bhttp::status;

Result<http::Response> get_account_center(const ManagementApiDeps& d, const Call&) {
  management::AccountCenter center;
  auto done = d.store.read([&](storage::Tx& tx) -> Result<void> {
    auto loaded = management::load_account_center(tx);
    if (!loaded) return loaded.error();
    center = std::move(*loaded);
    return ok();
  });
  if (!done) return done.error();
  return http::json_response(status::ok, management::account_center_json(center));
}

Result<http::Response> patch_account_center(const ManagementApiDeps& d, const Call& c) {
  auto center = management::update_account_center(d.store, c.body, d.clock);
  if (!center) return center.error();
  return http::json_response(status::ok, management::account_center_json(*center));
}

}  // namespace

void ManagementApi::mount_account_center(Routes& r) {
  using enum http::bhttp::verb;
  r.add({
      {get, "/account-center", "Get the account center settings", get_account_center},
      {patch, "/account-center", "Update the account center settings", patch_account_center},
  });
}

}  // namespace latch::management_api
