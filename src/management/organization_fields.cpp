#include "management/organization_fields.hpp"

#include <boost/json/parse.hpp>
#include <boost/url/parse.hpp>
#include <cctype>

#include "management/organization_rules.hpp"

// The checks of an organization's settings (Logto's Organizations.createGuard: partialColorGuard
// and brandingGuard for color and branding).
namespace latch::management {
namespace {

namespace json = boost::json;
using organization_rules::bad_field;

Result<json::object> object_of(std::string_view field, const std::string& text) {
  boost::system::error_code ec;
  json::value value = json::parse(text, ec);
  if (ec || !value.is_object()) return bad_field(std::string(field), "must be a JSON object");
  return std::move(value.as_object());
}

// #rgb or #rrggbb (Logto's hexColorRegEx).
bool is_hex_color(std::string_view text) {
  if (text.size() != 4 && text.size() != 7) return false;
  if (text[0] != '#') return false;
  for (unsigned char c : text.substr(1)) {
    if (!std::isxdigit(c)) return false;
  }
  return true;
}

Result<void> check_color(const std::string& text) {
  auto color = object_of("color", text);
  if (!color) return color.error();
  for (const auto& [key, value] : *color) {
    if (key == "isDarkModeEnabled") {
      if (!value.is_bool()) return bad_field("color", "isDarkModeEnabled must be true or false");
    } else if (key == "primaryColor" || key == "darkPrimaryColor") {
      if (!value.is_string() || !is_hex_color(value.as_string())) {
        return bad_field("color", std::string(key) + " must be a hex color such as #5d34f2");
      }
    } else {
      return bad_field("color", "unknown member " + std::string(key));
    }
  }
  return ok();
}

Result<void> check_branding(const std::string& text) {
  auto branding = object_of("branding", text);
  if (!branding) return branding.error();
  for (const auto& [key, value] : *branding) {
    if (key != "logoUrl" && key != "darkLogoUrl" && key != "favicon" && key != "darkFavicon") {
      return bad_field("branding", "unknown member " + std::string(key));
    }
    if (!value.is_string() || !boost::urls::parse_absolute_uri(value.as_string())) {
      return bad_field("branding", std::string(key) + " must be an absolute URL");
    }
  }
  return ok();
}

}  // namespace

Result<void> check_fields(const OrganizationFields& fields) {
  if (fields.name) {
    if (auto r = organization_rules::check_text("name", *fields.name, 128); !r) return r;
  }
  if (fields.description) {
    if (auto r = organization_rules::check_description(*fields.description); !r) return r;
  }
  if (fields.custom_data) {
    if (auto r = object_of("customData", *fields.custom_data); !r) return r.error();
  }
  if (fields.color) {
    if (auto r = check_color(*fields.color); !r) return r;
  }
  if (fields.branding) return check_branding(*fields.branding);
  return ok();
}

void apply_fields(model::Organization& organization, const OrganizationFields& fields) {
  if (fields.name) organization.name = *fields.name;
  if (fields.description) organization.description = *fields.description;
  if (fields.custom_data) organization.custom_data = *fields.custom_data;
  if (fields.is_mfa_required) organization.is_mfa_required = *fields.is_mfa_required;
  if (fields.color) organization.color = *fields.color;
  if (fields.branding) organization.branding = *fields.branding;
  if (fields.custom_css) organization.custom_css = *fields.custom_css;
}

}  // namespace latch::management
