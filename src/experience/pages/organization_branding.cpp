#include "experience/pages/organization_branding.hpp"

#include <boost/json/parse.hpp>

namespace latch::experience {
namespace {

namespace json = boost::json;

// The members of the JSON object `text` that `allowed` names (nothing when it is not one).
json::object pick(const std::string& text, std::initializer_list<std::string_view> allowed) {
  boost::system::error_code ec;
  auto value = json::parse(text, ec);
  json::object out;
  if (ec || !value.is_object()) return out;
  for (auto key : allowed) {
    const auto* member = value.as_object().if_contains(key);
    if (member && !member->is_null()) out[key] = *member;
  }
  return out;
}

// `base` with `patch` applied when the result passes the checks, else `base` unchanged.
void apply(SignInExperience& base, const json::object& patch) {
  if (patch.empty()) return;
  auto patched = apply_patch(base, patch);
  if (patched) base = std::move(*patched);
}

}  // namespace

std::shared_ptr<const SignInExperience> with_organization_branding(
    const SignInExperience& base, const model::Organization& organization) {
  auto out = std::make_shared<SignInExperience>(base);
  auto color = pick(organization.color, {"primaryColor", "isDarkModeEnabled", "darkPrimaryColor"});
  if (!color.empty()) apply(*out, {{"color", std::move(color)}});
  auto branding = pick(organization.branding, {"logoUrl", "darkLogoUrl", "favicon"});
  if (!branding.empty()) apply(*out, {{"branding", std::move(branding)}});
  if (organization.custom_css && !organization.custom_css->empty()) {
    apply(*out, {{"customCss", *organization.custom_css}});
  }
  return out;
}

}  // namespace latch::experience
