// Client authentication and its Basic header parsing (src/oidc/client_authenticator.*). Input:
// an Authorization header on the first line, a form body after it, against the fixed catalog
// (support/fuzz_catalog.hpp).
//   - the answer is a client of the catalog or InvalidClient / InvalidRequest, never more;
//   - a confidential client is authenticated only by its secret, through the method it used,
//     and a public client only by client_id with no secret;
//   - a Basic header built per RFC 6749 §2.3.1 from any client_id and client_secret succeeds
//     exactly when that secret belongs to that client, whatever the scheme's letter case.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "crypto/encoding.hpp"
#include "crypto/hash.hpp"
#include "http/form.hpp"
#include "oidc/client_authenticator.hpp"
#include "support/fuzz_catalog.hpp"
#include "support/fuzz_check.hpp"

namespace latch::fuzz {
namespace {

// The time of every request, in epoch milliseconds: no secret of the fuzz catalog expires.
constexpr std::int64_t kNow = 1'700'000'000'000;

using oidc::ClientAuthMethod;

http::Request request_with(std::string_view authorization) {
  http::Request req;
  if (!authorization.empty()) {
    req.message.set(http::bhttp::field::authorization, authorization);
  }
  return req;
}

void check_answer(const Result<oidc::AuthenticatedClient>& answer, std::string_view authorization,
                  const http::Params& body) {
  if (!answer) {
    FUZZ_CHECK(answer.error().code == Errc::InvalidClient ||
               answer.error().code == Errc::InvalidRequest);
    return;
  }
  const oidc::ClientEntry* client = answer->client;
  FUZZ_CHECK(client != nullptr && fuzz_catalog().client(client->app.id) == client);
  const bool confidential = !client->secrets.empty();
  switch (answer->method) {
    case ClientAuthMethod::SecretBasic:
      FUZZ_CHECK(confidential && !authorization.empty() && !body.get("client_secret"));
      break;
    case ClientAuthMethod::SecretPost:
      FUZZ_CHECK(confidential && authorization.empty());
      FUZZ_CHECK(crypto::sha256(body.value("client_secret")) == client->secrets.front().sha256);
      break;
    case ClientAuthMethod::None:
      FUZZ_CHECK(!model::is_confidential(client->app.type) && authorization.empty());
      FUZZ_CHECK(!body.get("client_secret") && body.value("client_id") == client->app.id);
      break;
    case ClientAuthMethod::SecretJwt:
    case ClientAuthMethod::PrivateKeyJwt:
      // Assertions are checked on the asynchronous path (client_assertion_auth.hpp), never here.
      FUZZ_CHECK(false);
      break;
  }
}

void check_built_basic(std::string_view id, std::string_view secret, std::string_view scheme) {
  const std::string header =
      std::string(scheme) + " " +
      crypto::base64_encode(http::percent_encode(id) + ":" + http::percent_encode(secret));
  const auto answer =
      oidc::authenticate_client(request_with(header), http::Params{}, fuzz_catalog(), kNow);
  const auto* client = fuzz_catalog().client(id);
  const bool expected = !id.empty() && client != nullptr && !client->secrets.empty() &&
                        crypto::sha256(secret) == client->secrets.front().sha256;
  FUZZ_CHECK(answer.has_value() == expected);
  FUZZ_CHECK(!answer || answer->method == ClientAuthMethod::SecretBasic);
}

}  // namespace
}  // namespace latch::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto fields = latch::fuzz::split_fields(latch::fuzz::as_text(data, size), 2);
  const auto body = latch::http::parse_form(fields[1]);
  if (!body) {
    return 0;
  }
  const auto req = latch::fuzz::request_with(fields[0]);
  const auto answer =
      latch::oidc::authenticate_client(req, *body, latch::fuzz::fuzz_catalog(), latch::fuzz::kNow);
  // The header as Beast stores it (surrounding whitespace trimmed), as the authenticator sees it.
  latch::fuzz::check_answer(answer, req.header(latch::http::bhttp::field::authorization), *body);
  const std::string_view id = body->value("client_id");
  const std::string_view secret = body->value("client_secret");
  latch::fuzz::check_built_basic(id, secret, "Basic");
  latch::fuzz::check_built_basic(id, secret, fields[0].size() % 2 == 0 ? "basic" : "BASIC");
  return 0;
}
