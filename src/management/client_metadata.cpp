#include "management/client_metadata.hpp"

#include <algorithm>

#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>
#include <boost/url/parse.hpp>

#include "core/json.hpp"

namespace latch::management {
namespace {

constexpr std::size_t kMaxListItems = 50;

Error bad_metadata(std::string_view member, std::string description) {
  return with_field(
      with_key(make_error(Errc::InvalidRequest, std::move(description)), kInvalidClientMetadata),
      std::string(member));
}

Error bad_redirect(std::string_view member, std::string description) {
  return with_field(
      with_key(make_error(Errc::InvalidRequest, std::move(description)), kInvalidRedirectUri),
      std::string(member));
}

// An optional string member; InvalidClientMetadata when present and not a string.
Result<std::string> string_member(const boost::json::object& body, std::string_view member) {
  const auto* value = body.if_contains(member);
  if (!value || value->is_null()) return std::string();
  if (!value->is_string()) return bad_metadata(member, std::string(member) + " must be a string");
  return std::string(value->as_string());
}

// An optional array of strings; `redirects`: a wrong type is a bad redirect URI.
Result<std::vector<std::string>> string_list(const boost::json::object& body,
                                             std::string_view member, bool redirects = false) {
  std::vector<std::string> out;
  const auto* value = body.if_contains(member);
  if (!value || value->is_null()) return out;
  const std::string message = std::string(member) + " must be an array of at most 50 strings";
  auto refuse = [&] {
    return redirects ? bad_redirect(member, message) : bad_metadata(member, message);
  };
  if (!value->is_array() || value->as_array().size() > kMaxListItems) return refuse();
  for (const auto& item : value->as_array()) {
    if (!item.is_string()) return refuse();
    out.emplace_back(item.as_string());
  }
  return out;
}

bool is_web_url(std::string_view text) {
  auto url = boost::urls::parse_absolute_uri(text);
  return url && (url->scheme() == "https" || url->scheme() == "http") && !url->host().empty() &&
         text.size() <= 2048;
}

// client_uri, logo_uri, policy_uri, tos_uri (RFC 7591 §2): web pages about the client.
Result<void> copy_urls(const boost::json::object& body, boost::json::object& extra) {
  for (std::string_view member : {"client_uri", "logo_uri", "policy_uri", "tos_uri"}) {
    auto url = string_member(body, member);
    if (!url) return url.error();
    if (url->empty()) continue;
    if (!is_web_url(*url)) {
      return bad_metadata(member, std::string(member) + " must be an absolute http(s) URL");
    }
    extra[member] = *url;
  }
  return ok();
}

Result<void> copy_strings(const boost::json::object& body, boost::json::object& extra) {
  for (std::string_view member : {"software_id", "software_version", "scope"}) {
    auto text = string_member(body, member);
    if (!text) return text.error();
    if (text->size() > 2048) return bad_metadata(member, std::string(member) + " is too long");
    if (!text->empty()) extra[member] = *text;
  }
  auto contacts = string_list(body, "contacts");
  if (!contacts) return contacts.error();
  if (!contacts->empty()) {
    boost::json::array list;
    for (const auto& c : *contacts) list.emplace_back(c);
    extra["contacts"] = std::move(list);
  }
  return ok();
}

boost::json::array to_array(const std::vector<std::string>& items) {
  boost::json::array out;
  for (const auto& item : items) out.emplace_back(item);
  return out;
}

// RFC 7591 §2.1: grant_types and response_types, which must agree with each other. Latch serves
// dynamically registered clients the code flow and refresh tokens.
Result<bool> check_grants(const boost::json::object& body, boost::json::object& extra) {
  auto grants = string_list(body, "grant_types");
  if (!grants) return grants.error();
  auto responses = string_list(body, "response_types");
  if (!responses) return responses.error();
  if (grants->empty()) grants->push_back("authorization_code");  // RFC 7591 §2 default
  if (responses->empty()) responses->push_back("code");
  for (const auto& g : *grants) {
    if (g != "authorization_code" && g != "refresh_token") {
      return bad_metadata("grant_types", "grant type " + g +
                                             " is not available to dynamically registered "
                                             "clients (authorization_code, refresh_token)");
    }
  }
  for (const auto& r : *responses) {
    if (r != "code") return bad_metadata("response_types", "response type must be code");
  }
  bool code = std::find(grants->begin(), grants->end(), "authorization_code") != grants->end();
  if (!code) {
    return bad_metadata("grant_types", "response type code needs the authorization_code grant");
  }
  extra["grant_types"] = to_array(*grants);
  extra["response_types"] = to_array(*responses);
  return code;
}

// RFC 7591 §2: client_secret_basic when absent.
Result<void> read_auth(const boost::json::object& body, ClientMetadata& out) {
  auto method = string_member(body, "token_endpoint_auth_method");
  if (!method) return method.error();
  out.token_endpoint_auth_method = method->empty() ? std::string(model::kAuthSecretBasic) : *method;
  auto application_type = string_member(body, "application_type");  // OIDC DCR §2
  if (!application_type) return application_type.error();
  if (!application_type->empty() && *application_type != "web" && *application_type != "native") {
    return bad_metadata("application_type", "application_type must be web or native");
  }
  if (!application_type->empty()) out.extra["application_type"] = *application_type;
  const bool public_client = out.token_endpoint_auth_method == "none";
  out.type = !public_client                  ? model::AppType::Traditional
             : *application_type == "native" ? model::AppType::Native
                                             : model::AppType::Spa;
  if (const auto* jwks = body.if_contains("jwks"); jwks && !jwks->is_null()) {
    if (!jwks->is_object()) return bad_metadata("jwks", "jwks must be a JWK Set object");
    out.jwks_json = boost::json::serialize(*jwks);
  }
  // Latch would fetch a jwks_uri from wherever it points, on behalf of anyone who may register:
  // a self-registered client gives its keys by value. An operator may set a JWKS URI on an app
  // through the Management API.
  if (const auto* uri = body.if_contains("jwks_uri"); uri && !uri->is_null()) {
    return bad_metadata("jwks_uri", "a registered client gives its public keys as jwks, by value");
  }
  auto checked = model::check_client_auth(to_application(out));
  if (!checked) return bad_metadata("token_endpoint_auth_method", checked.error().description);
  return ok();
}

Result<void> read_redirects(const boost::json::object& body, ClientMetadata& out) {
  auto uris = string_list(body, "redirect_uris", true);
  if (!uris) return uris.error();
  if (uris->empty()) {
    return bad_redirect("redirect_uris", "redirect_uris is required");
  }
  for (const auto& uri : *uris) {
    auto checked = model::check_redirect_uri(out.type, uri, "redirect_uris");
    if (!checked) return bad_redirect("redirect_uris", checked.error().description);
  }
  out.redirect_uris = std::move(*uris);
  auto logout = string_list(body, "post_logout_redirect_uris", true);
  if (!logout) return logout.error();
  for (const auto& uri : *logout) {
    auto checked = model::check_redirect_uri(out.type, uri, "post_logout_redirect_uris");
    if (!checked) return bad_redirect("post_logout_redirect_uris", checked.error().description);
  }
  out.post_logout_redirect_uris = std::move(*logout);
  return ok();
}

}  // namespace

Result<ClientMetadata> parse_client_metadata(const boost::json::object& body) {
  ClientMetadata out;
  auto name = string_member(body, "client_name");
  if (!name) return name.error();
  if (name->size() > 256) return bad_metadata("client_name", "client_name is over 256 characters");
  out.client_name = name->empty() ? "Dynamically registered client" : *name;
  if (auto r = read_auth(body, out); !r) return r.error();
  if (auto r = check_grants(body, out.extra); !r) return r.error();
  if (auto r = read_redirects(body, out); !r) return r.error();
  if (auto r = copy_urls(body, out.extra); !r) return r.error();
  if (auto r = copy_strings(body, out.extra); !r) return r.error();
  return out;
}

model::Application to_application(const ClientMetadata& metadata) {
  model::Application app;
  app.name = metadata.client_name;
  app.description = std::string(kRegisteredDescription);
  app.type = metadata.type;
  app.redirect_uris = metadata.redirect_uris;
  app.post_logout_redirect_uris = metadata.post_logout_redirect_uris;
  app.is_third_party = true;
  // A public client holds "" (its default, none); a confidential one the method it asked for.
  app.token_endpoint_auth_method =
      metadata.token_endpoint_auth_method == "none" ? "" : metadata.token_endpoint_auth_method;
  app.jwks_json = metadata.jwks_json;
  app.jwks_uri = metadata.jwks_uri;
  return app;
}

boost::json::object metadata_json(const model::Application& app, const boost::json::object& extra) {
  boost::json::object out = extra;
  out["client_name"] = app.name;
  out["redirect_uris"] = to_array(app.redirect_uris);
  if (!app.post_logout_redirect_uris.empty()) {
    out["post_logout_redirect_uris"] = to_array(app.post_logout_redirect_uris);
  }
  std::string method = app.token_endpoint_auth_method;
  if (method.empty()) method = model::is_confidential(app.type) ? "client_secret_basic" : "none";
  out["token_endpoint_auth_method"] = method;
  if (!app.jwks_uri.empty()) out["jwks_uri"] = app.jwks_uri;
  if (!app.jwks_json.empty()) {
    auto jwks = parse_json(app.jwks_json);
    if (jwks) out["jwks"] = std::move(*jwks);
  }
  return out;
}

}  // namespace latch::management
