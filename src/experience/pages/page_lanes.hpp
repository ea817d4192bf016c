#pragma once

#include "http/request.hpp"
#include "http/work_pool.hpp"

// Which pool a hosted page's POST runs on, decided from the request before anything runs: a
// step that may call a provider (social sign-in, sending a code) goes to the outbound pool, one
// that checks or sets a password to the hashing pool, the rest to the database pool. Each rule
// reads the form field its page branches on, the way the page will (a form that does not parse
// goes to the database pool, where the page refuses it).
namespace latch::experience::page_lanes {

http::Lane database(const http::Request& req);
http::Lane hashing(const http::Request& req);
http::Lane outbound(const http::Request& req);
// action=code sends a code; otherwise the password is checked.
http::Lane sign_in(const http::Request& req);
// With a password the account is made from it; without, a code goes out first.
http::Lane sign_up(const http::Request& req);
// action=resend sends the code again; otherwise it is checked against the database.
http::Lane code(const http::Request& req);
// field=password sets the password; email or phone sends a code; a username is a database step.
http::Lane continue_step(const http::Request& req);
// action=code sends a code; register makes an account; otherwise the password is checked.
http::Lane social_link(const http::Request& req);
// action=send sends an email or SMS code as the second factor; the rest is a database step.
http::Lane mfa(const http::Request& req);

}  // namespace latch::experience::page_lanes
