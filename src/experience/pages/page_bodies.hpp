#pragma once

#include <string>
#include <string_view>

#include "experience/pages/page_kit.hpp"

// The bodies of the sign-in and register pages, shared by the live pages and the console's
// preview of them (which renders them without an interaction).
namespace latch::experience {

// The sign-in form (the configured identifiers, password and/or code), the social buttons and
// the register link. `can_reset`: a "forgot password" link; `identifier` pre-fills the field;
// `error` and `notice` show above the form when not empty.
http::Html sign_in_body(const PageRequest& p, bool can_reset, std::string_view identifier,
                        const std::string& error, const std::string& notice);

// "Single sign-on" (a link to /sso) when the sign-in experience enables it (sso_pages.cpp).
http::Html sso_link(const PageRequest& p);

// The sign-up form for the configured identifiers (with the password fields when a password is
// set now), the social buttons and the sign-in link; a note when sign-up is off or social only.
http::Html register_body(const PageRequest& p, std::string_view identifier,
                         const std::string& error);

}  // namespace latch::experience
