#include "organization_switcher.hpp"

#include <boost/url/encode.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>
#include <optional>

#include "books_api.hpp"
#include "latch/organizations.hpp"
#include "pages.hpp"

namespace bookstore {
namespace {

std::string encoded(const std::string& text) {
  return boost::urls::encode(text, boost::urls::unreserved_chars);
}

// The current memberships (userinfo) when the server sent them, else the ID token's.
std::vector<latch::UserOrganization> memberships(latch::Client& client,
                                                 const boost::json::object& user_info) {
  if (user_info.contains("organizations") || user_info.contains("organization_roles")) {
    return latch::organizations_from_claims(user_info);
  }
  return client.organizations();
}

std::string list_html(const std::vector<latch::UserOrganization>& orgs,
                      const std::optional<std::string>& selected) {
  if (orgs.empty()) {
    return "<p id=\"organizations-none\">You are not a member of any organization.</p>";
  }
  std::string html = "<ul id=\"organizations\">";
  for (const latch::UserOrganization& org : orgs) {
    std::string label = escape_html(org.name.empty() ? org.id : org.name);
    if (org.id == selected) {
      label = "<strong>" + label + "</strong>";
    }
    std::string roles;
    for (const std::string& role : org.roles) {
      roles += (roles.empty() ? "" : ", ") + escape_html(role);
    }
    html += "<li><a href=\"/me?organization=" + encoded(org.id) + "\" data-organization=\"" +
            escape_html(org.id) + "\">" + label + "</a> (" +
            (roles.empty() ? std::string("no role") : "roles: " + roles) + ")</li>";
  }
  return html + "</ul>";
}

// /api/books with the organization token of `id`; a refusal of the token is shown, not thrown.
asio::awaitable<std::string> books_of(latch::Client& client, std::string id,
                                      unsigned short api_port) {
  std::optional<std::string> token;
  std::optional<latch::Error> refused;
  try {
    token = co_await client.async_organization_token(id);
  } catch (const latch::Error& e) {
    if (e.code() != latch::Errc::organization_access_denied) {
      throw;
    }
    refused = e;
  }
  std::string heading = "<h3>Books of organization <code>" + escape_html(id) + "</code></h3>";
  if (refused) {
    co_return heading +
        "<p id=\"organization-refused\">Latch gives you no token for this organization: you are "
        "not a member of it (or no longer are).</p>";
  }
  std::string target = "/api/books?organization_id=" + encoded(id);
  ApiAnswer answer = co_await call_books_api(api_port, std::move(target), std::move(*token));
  co_return heading + "<div id=\"organization-books\">" + books_answer_html(answer, true) +
      "</div><p><a href=\"/me?organization=" + encoded(id) +
      "&amp;new-token=1\">Call it with a new organization token</a></p>";
}

}  // namespace

asio::awaitable<std::string> organization_switcher_html(latch::Client& client, SwitcherInput in) {
  std::string html =
      "<h2>Organizations</h2>" + list_html(memberships(client, in.user_info), in.selected);
  if (in.selected && !in.selected->empty()) {
    html += co_await books_of(client, *in.selected, in.api_port);
  }
  co_return html;
}

}  // namespace bookstore
