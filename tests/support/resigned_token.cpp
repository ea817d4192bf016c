#include "support/resigned_token.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "crypto/aead.hpp"
#include "crypto/encoding.hpp"
#include "crypto/jws.hpp"
#include "oidc/key_store.hpp"
#include "storage/store.hpp"
#include "support/code_flow.hpp"
#include "support/jwt_inspect.hpp"

namespace latch::test {
namespace {

std::string master_key(const TestServer& server) {
  std::ifstream in(server.data_dir() / "master.key");
  std::stringstream text;
  text << in.rdbuf();
  std::string b64 = text.str();
  while (!b64.empty() && (b64.back() == '\n' || b64.back() == '\r')) b64.pop_back();
  auto key = crypto::base64_decode(b64);
  if (!key || key->size() != 32) throw std::runtime_error("cannot read the server's master key");
  return *key;
}

}  // namespace

std::string resigned_token(const TestServer& server, const std::string& token,
                           std::int64_t shift_seconds) {
  auto jwt = decode_jwt(token);
  if (!jwt) throw std::runtime_error("not a JWT: " + token);
  crypto::SecretBox secrets(master_key(server));
  auto store = storage::open_store((server.data_dir() / "latch.db").string());
  if (!store) throw std::runtime_error("cannot open the database: " + store.error().detail);
  oidc::KeyStore keys(secrets);
  if (auto loaded = keys.reload(**store, unix_now()); !loaded) {
    throw std::runtime_error("cannot load the signing keys: " + loaded.error().detail);
  }
  auto snapshot = keys.snapshot();
  const crypto::SigningKeyPair* signer = nullptr;
  for (const auto& [alg, key] : snapshot->current) {
    if (key.kid() == json_text(jwt->header, "kid")) signer = &key;
  }
  if (!signer) throw std::runtime_error("the token's key is not current");
  for (const char* claim : {"iat", "nbf", "exp"}) {
    if (auto* v = jwt->payload.if_contains(claim); v && v->is_int64()) {
      *v = v->as_int64() + shift_seconds;
    }
  }
  return crypto::sign_jwt(*signer, jwt->payload, json_text(jwt->header, "typ"));
}

}  // namespace latch::test
