// The authorization request parser (src/oidc/authorization_request.*). The bytes are the query
// string of GET /oidc/auth, parsed as the server parses it and validated against a fixed catalog
// (support/fuzz_catalog.hpp); they are also read as the stored JSON form of a request.
//   - an accepted request names a known client that may sign users in, one of its registered
//     redirect URIs, response_type=code, well-formed scopes and prompt, known resources, and
//     S256 PKCE whenever the client is public;
//   - an accepted request survives to_json → authorization_request_from_json unchanged;
//   - a refusal redirects only to a redirect URI registered for the named client, and never
//     when the client or redirect URI is in doubt.

#include <algorithm>
#include <boost/json/serialize.hpp>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "crypto/pkce.hpp"
#include "http/form.hpp"
#include "oidc/authorization_request.hpp"
#include "oidc/scope.hpp"
#include "support/fuzz_catalog.hpp"
#include "support/fuzz_check.hpp"

namespace latch::fuzz {
namespace {

bool registered(const oidc::ClientEntry& client, std::string_view uri) {
  const auto& uris = client.app.redirect_uris;
  return std::find(uris.begin(), uris.end(), uri) != uris.end();
}

void check_accepted(const oidc::AuthorizationRequest& req, const http::Params& params) {
  const auto* client = fuzz_catalog().client(req.client_id);
  FUZZ_CHECK(client != nullptr && client->app.type != model::AppType::MachineToMachine);
  FUZZ_CHECK(req.client_id == params.value("client_id"));
  FUZZ_CHECK(registered(*client, req.redirect_uri));
  FUZZ_CHECK(params.count("response_type") == 1 && params.value("response_type") == "code");
  const auto rescoped = oidc::parse_scope(oidc::join_scope(req.scopes));
  FUZZ_CHECK(rescoped && *rescoped == req.scopes);
  for (const auto& p : req.prompt) {
    FUZZ_CHECK(p == "none" || p == "login" || p == "consent" || p == "select_account");
  }
  FUZZ_CHECK(!req.has_prompt("none") || req.prompt.size() == 1);
  for (const auto& r : req.resources) {
    FUZZ_CHECK(fuzz_catalog().resource(r) != nullptr);
  }
  FUZZ_CHECK(req.code_challenge.empty() ? model::is_confidential(client->app.type)
                                        : crypto::is_valid_code_challenge(req.code_challenge));
  FUZZ_CHECK(!req.max_age || *req.max_age >= 0);
  FUZZ_CHECK(req.first_screen == "sign_in" || req.first_screen == "register");
}

void check_stored_round_trip(const oidc::AuthorizationRequest& req) {
  const auto back =
      oidc::authorization_request_from_json(boost::json::serialize(oidc::to_json(req)));
  FUZZ_CHECK(back.has_value());
  FUZZ_CHECK(back->client_id == req.client_id && back->redirect_uri == req.redirect_uri);
  FUZZ_CHECK(back->scopes == req.scopes && back->prompt == req.prompt);
  FUZZ_CHECK(back->state == req.state && back->nonce == req.nonce);
  FUZZ_CHECK(back->code_challenge == req.code_challenge && back->max_age == req.max_age);
  FUZZ_CHECK(back->login_hint == req.login_hint && back->ui_locales == req.ui_locales);
  FUZZ_CHECK(back->resources == req.resources && back->first_screen == req.first_screen);
}

void check_refused(const oidc::AuthorizationFailure& failure, const http::Params& params) {
  FUZZ_CHECK(failure.error.code != Errc::Ok && failure.error.code != Errc::Internal);
  if (!failure.redirect) {
    FUZZ_CHECK(failure.redirect_uri.empty());
    return;
  }
  FUZZ_CHECK(params.count("client_id") == 1 && params.count("redirect_uri") == 1);
  const auto* client = fuzz_catalog().client(params.value("client_id"));
  FUZZ_CHECK(client != nullptr && registered(*client, failure.redirect_uri));
  FUZZ_CHECK(failure.redirect_uri == params.value("redirect_uri"));
}

}  // namespace
}  // namespace latch::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = latch::fuzz::as_text(data, size);
  // The stored form is read back from the database; it must not crash on anything either.
  static_cast<void>(latch::oidc::authorization_request_from_json(text));
  const auto params = latch::http::parse_form(text);
  if (!params) {
    return 0;
  }
  const auto parsed =
      latch::oidc::parse_authorization_request(*params, latch::fuzz::fuzz_catalog());
  if (parsed) {
    latch::fuzz::check_accepted(*parsed, *params);
    latch::fuzz::check_stored_round_trip(*parsed);
  } else {
    latch::fuzz::check_refused(parsed.error(), *params);
  }
  return 0;
}
