#pragma once

#include <boost/json/object.hpp>
#include <optional>
#include <string>

#include "http_server.hpp"
#include "latch/client.hpp"

namespace bookstore {

// What /me's organization switcher (BOOKSTORE_ORGANIZATIONS=1) works from.
struct SwitcherInput {
  const boost::json::object& user_info;  // /oidc/me's answer: the current memberships
  std::optional<std::string> selected;   // /me?organization=<id>
  unsigned short api_port = 0;           // where /api/books listens (this app)
};

// The "Organizations" section of /me: the user's organizations (#organizations, from the
// userinfo claims `organizations`, `organization_data` and `organization_roles`, else the ID
// token's), each a link to /me?organization=<id>; for the selected one, an organization token
// (latch::Client::organization_token) and /api/books?organization_id=<id> called with it
// (#organization-books). A refused token (not a member, or not any more) is said plainly
// (#organization-refused); any other latch::Error propagates.
asio::awaitable<std::string> organization_switcher_html(latch::Client& client, SwitcherInput in);

}  // namespace bookstore
