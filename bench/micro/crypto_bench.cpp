// Signing sits on the hottest path of the server: one signature per issued token.
#include <benchmark/benchmark.h>
#include <openssl/ec.h>
#include <openssl/evp.h>

#include <boost/json.hpp>
#include <string>

#include "crypto/jwk.hpp"
#include "crypto/jws.hpp"
#include "crypto/random.hpp"

namespace latch::crypto {
namespace {

// The claims of a typical access token (RFC 9068 §2.2).
boost::json::object access_token_claims() {
  return {{"iss", "https://auth.example.com/oidc"},
          {"sub", "u_8f2k3j4h5g6f7d8s9a0"},
          {"aud", "https://api.example.com"},
          {"exp", 1735689600},
          {"iat", 1735686000},
          {"jti", random_token()},
          {"client_id", "app_3k4j5h6g7f8d9s0a1"},
          {"scope", "openid profile email offline_access"}};
}

const SigningKeyPair& key_for(JwsAlg alg) {
  static const SigningKeyPair keys[] = {
      SigningKeyPair::generate(JwsAlg::ES256), SigningKeyPair::generate(JwsAlg::ES384),
      SigningKeyPair::generate(JwsAlg::RS256), SigningKeyPair::generate(JwsAlg::EdDSA)};
  return keys[static_cast<int>(alg)];
}

// What sign() receives when it signs an access token.
std::string signing_input(JwsAlg alg) {
  const std::string token = sign_jwt(key_for(alg), access_token_claims(), "at+jwt");
  return token.substr(0, token.rfind('.'));
}

void BM_Sign(benchmark::State& state) {
  const auto alg = static_cast<JwsAlg>(state.range(0));
  const SigningKeyPair& key = key_for(alg);
  const std::string input = signing_input(alg);
  for (auto _ : state) {
    benchmark::DoNotOptimize(key.sign(input));
  }
  state.SetLabel(std::string(alg_name(alg)));
}
BENCHMARK(BM_Sign)
    ->Arg(static_cast<int>(JwsAlg::ES256))
    ->Arg(static_cast<int>(JwsAlg::ES384))
    ->Arg(static_cast<int>(JwsAlg::RS256))
    ->Arg(static_cast<int>(JwsAlg::EdDSA));

// ES256 from several threads at once against one shared key: no lock, no shared context.
void BM_SignEs256Threads(benchmark::State& state) {
  const SigningKeyPair& key = key_for(JwsAlg::ES256);
  static const std::string input = signing_input(JwsAlg::ES256);
  for (auto _ : state) {
    benchmark::DoNotOptimize(key.sign(input));
  }
}
BENCHMARK(BM_SignEs256Threads)->Threads(1)->Threads(2)->UseRealTime();

// The floor: OpenSSL alone, digest then sign on one reused, pre-initialised context (which is
// not shareable between threads, so the library cannot do exactly this).
void BM_OpenSslFloorEs256(benchmark::State& state) {
  EVP_PKEY* pkey = EVP_EC_gen("P-256");
  EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new_from_pkey(nullptr, pkey, nullptr);
  EVP_PKEY_sign_init(ctx);
  EVP_MD* md = EVP_MD_fetch(nullptr, "SHA2-256", nullptr);
  const std::string input = signing_input(JwsAlg::ES256);
  for (auto _ : state) {
    unsigned char digest[32];
    unsigned int digest_length = 0;
    EVP_Digest(input.data(), input.size(), digest, &digest_length, md, nullptr);
    unsigned char der[80];
    std::size_t der_length = sizeof der;
    EVP_PKEY_sign(ctx, der, &der_length, digest, digest_length);
    benchmark::DoNotOptimize(der);
  }
  EVP_MD_free(md);
  EVP_PKEY_CTX_free(ctx);
  EVP_PKEY_free(pkey);
}
BENCHMARK(BM_OpenSslFloorEs256);

void BM_VerifyEs256(benchmark::State& state) {
  const SigningKeyPair& key = key_for(JwsAlg::ES256);
  const auto verifier = VerifyKey::from_jwk(key.public_jwk());
  const std::string input = signing_input(JwsAlg::ES256);
  const std::string signature = key.sign(input);
  for (auto _ : state) {
    benchmark::DoNotOptimize(verifier->verify(JwsAlg::ES256, input, signature));
  }
}
BENCHMARK(BM_VerifyEs256);

void BM_SignJwtEs256AccessToken(benchmark::State& state) {
  const SigningKeyPair& key = key_for(JwsAlg::ES256);
  const boost::json::object claims = access_token_claims();
  for (auto _ : state) {
    benchmark::DoNotOptimize(sign_jwt(key, claims, "at+jwt"));
  }
}
BENCHMARK(BM_SignJwtEs256AccessToken);

void BM_VerifyJwtEs256AccessToken(benchmark::State& state) {
  const SigningKeyPair& key = key_for(JwsAlg::ES256);
  const auto verifier = VerifyKey::from_jwk(key.public_jwk());
  const std::string token = sign_jwt(key, access_token_claims(), "at+jwt");
  const KeyLookup lookup = [&](std::string_view) { return &*verifier; };
  for (auto _ : state) {
    benchmark::DoNotOptimize(verify_jwt(token, lookup));
  }
}
BENCHMARK(BM_VerifyJwtEs256AccessToken);

}  // namespace
}  // namespace latch::crypto
