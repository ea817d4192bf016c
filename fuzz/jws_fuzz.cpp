// JWS compact parsing and verification (src/crypto/jws.*). The bytes are a token, verified
// against the four fixed keys (a "kid" of es256, es384, rs256 or eddsa, or a key's thumbprint);
// when they are also a JSON object, that object is signed as a payload.
//   - verify_jwt returns an error or a header and payload object, never throws, and verifies
//     nothing when no key is found;
//   - a verified header names, in "alg", the algorithm of the key that checked it;
//   - sign_jwt → verify_jwt gives the payload back under every key (as its JSON text reads back);
//   - changing any one character of a signed token makes it fail.

#include <boost/json/serialize.hpp>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/json.hpp"
#include "crypto/jws.hpp"
#include "support/fuzz_check.hpp"
#include "support/fuzz_keys.hpp"

namespace latch::fuzz {
namespace {

const FuzzKey* key_for(std::string_view kid) {
  for (const auto& key : fuzz_keys()) {
    if (kid == key.name || kid == key.pair.kid()) {
      return &key;
    }
  }
  return nullptr;
}

crypto::KeyLookup lookup() {
  return [](std::string_view kid) -> const crypto::VerifyKey* {
    const FuzzKey* key = key_for(kid);
    return key == nullptr ? nullptr : &key->verify;
  };
}

void check_verify(std::string_view token) {
  const auto none = crypto::verify_jwt(token, [](std::string_view) { return nullptr; });
  FUZZ_CHECK(!none && none.error().code == Errc::InvalidToken);
  const auto verified = crypto::verify_jwt(token, lookup());
  if (!verified) {
    FUZZ_CHECK(verified.error().code == Errc::InvalidToken);
    return;
  }
  const auto* kid = verified->header.if_contains("kid");
  const FuzzKey* key = key_for(kid != nullptr && kid->is_string() ? kid->get_string() : "");
  FUZZ_CHECK(key != nullptr);
  const auto* alg = verified->header.if_contains("alg");
  FUZZ_CHECK(alg != nullptr && alg->is_string() &&
             alg->get_string() == crypto::alg_name(key->pair.alg()));
}

// One character of `token` changed at a position the input picks.
std::string tampered(std::string token, std::size_t seed) {
  char& c = token[seed % token.size()];
  c = c == 'A' ? 'B' : 'A';
  return token;
}

// Payloads come from parse_json: Boost.JSON would write a number beyond a double as `Infinity`,
// which no parser reads back. The payload verified is the one signed as its JSON text reads back
// (Boost.JSON 1.81 may read a double one ulp off what it wrote: "3e50" → 3.0000000000000002E50).
void check_sign(std::string_view text) {
  const auto payload = parse_json(text);
  if (!payload || !payload->is_object()) {
    return;
  }
  const auto signed_payload = parse_json(boost::json::serialize(*payload));
  FUZZ_CHECK(signed_payload && signed_payload->is_object());
  for (const auto& key : fuzz_keys()) {
    const std::string token = crypto::sign_jwt(key.pair, payload->get_object());
    const auto verified = crypto::verify_jwt(token, lookup());
    FUZZ_CHECK(verified && verified->payload == signed_payload->get_object());
    FUZZ_CHECK(!crypto::verify_jwt(tampered(token, text.size()), lookup()));
  }
}

}  // namespace
}  // namespace latch::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = latch::fuzz::as_text(data, size);
  latch::fuzz::check_verify(text);
  latch::fuzz::check_sign(text);
  return 0;
}
