#include "experience/pages/mfa_page_kit.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "http/form.hpp"

namespace latch::experience {

using http::Element;
using http::Html;
using http::VoidElement;

Html hidden(std::string_view name, std::string_view value) {
  return VoidElement("input", {{"type", "hidden"}, {"name", name}, {"value", value}});
}

Html webauthn_form(const PageRequest& p, std::string_view action, WebAuthnCeremony ceremony,
                   const boost::json::object& options, const Html& fields,
                   const std::string& button, bool secondary) {
  std::string_view kind = ceremony == WebAuthnCeremony::Create ? "create" : "get";
  Element out("form", {{"method", "post"},
                       {"action", action},
                       {"class", "webauthn"},
                       {"data-webauthn", kind},
                       {"data-options", boost::json::serialize(options)}});
  out.add(VoidElement("input", {{"type", "hidden"}, {"name", "csrf"}, {"value", p.csrf}}));
  out.add(hidden("credential", "")).add(fields);
  out.add(submit_button(button, "", "", secondary));
  out.add(
      Element("p", {{"class", "error"}, {"role", "alert"}, {"data-webauthn-status"}, {"hidden"}})
          .text(p.t("page.webauthn.failed")));
  out.add(Element("noscript").add(paragraph(p.t("page.webauthn.needs_script"))));
  out.add(Element("script", {{"src", "/static/webauthn.js"}, {"defer"}}));
  return out;
}

Result<boost::json::object> credential_of(const PageRequest& p) {
  boost::system::error_code ec;
  auto value = boost::json::parse(p.field("credential"), ec);
  if (ec || !value.is_object()) {
    return keyed_error(Errc::InvalidRequest, "session.mfa.webauthn_verification_failed");
  }
  return value.as_object();
}

Html code_input(const PageRequest& p, bool backup_code) {
  if (backup_code) {
    return input(
        "code", p.t("field.backup_code"), "text", "",
        {{"autocomplete", "off"}, {"autocapitalize", "none"}, {"required"}, {"autofocus"}});
  }
  return input("code", p.t("field.code"), "text", "",
               {{"inputmode", "numeric"},
                {"autocomplete", "one-time-code"},
                {"pattern", "[0-9]{6}"},
                {"maxlength", "6"},
                {"required"},
                {"autofocus"}});
}

std::string factor_phrase(model::MfaFactor factor) {
  return "factor." + std::string(model::mfa_factor_name(factor));
}

}  // namespace latch::experience
