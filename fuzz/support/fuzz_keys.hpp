#pragma once

// Fixed signing keys for the JOSE fuzz targets, so that a saved input replays the same way.
// Generated once with `openssl genpkey` for fuzzing only; they protect nothing.

#include <cstdlib>
#include <string_view>
#include <vector>

#include "crypto/jwk.hpp"

namespace latch::fuzz {

struct FuzzKey {
  std::string_view name;  // es256, es384, rs256, eddsa: a "kid" the fuzz lookups also accept
  crypto::SigningKeyPair pair;
  crypto::VerifyKey verify;
};

namespace keys_pem {
inline constexpr std::string_view kEs256 = R"(-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgT7ShdHJ2xOBIF0Fm
tWV9Ey+KGbmeortmpWSUIDWalSyhRANCAAQTeZZyeEsYfXo1nIIwJEfGFdz3DdVh
LXHmi40ghx4DgOmmOxI8fkjsJ+xn0RZgHg337DZlziHtjch0bmjqZ8xg
-----END PRIVATE KEY-----
)";
inline constexpr std::string_view kEs384 = R"(-----BEGIN PRIVATE KEY-----
MIG2AgEAMBAGByqGSM49AgEGBSuBBAAiBIGeMIGbAgEBBDDcPio1rpN74otuN61p
6aFr5vor2RGfbvplYLOuHN9A+qyUynA3TWejCCxc71IRi3OhZANiAASELXU8zw6h
IqYZodLGo39of0azEc8HmAD+dnMx7bE69XEuwmKQaP7zXXtdZto1+0zuQuezsl03
WZgY9m2kGBFMBRdtDCRL2mCi5i81d4CeDD4kH0QSWuTEbjIkFYzIYBU=
-----END PRIVATE KEY-----
)";
inline constexpr std::string_view kRs256 = R"(-----BEGIN PRIVATE KEY-----
MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQCucoVpyUm9U8js
m9uuXsRGXcxjC0RZfFnXgOVm+kc1kNOaaIVRllr9UnY7N4IOBjO2yR/5ZEjh5xGF
AiclphL/gnG3OtEquD97QQFVSgqYNuBK7JRUtzleA9A8uTwXi1cveCkS7EgGhllO
nFtJL+S1P5Gc47OikRS9Nw1tHRiIrc/7VGH1UFTkm/ZGxmzOiOVy00h2w+EwJS8S
MH48aciZoqO4XN5BrC6xQ+Nk39+ktxSdJu44w40BKfpwIYyVLk9aZSt/MxwTPCrQ
cQnqLbLMukMXnECL5SMCxHbboEunTX7oF/9zSoWyS7s/NHjNyumdEgoNZlfrReMH
BxQTwfG/AgMBAAECggEAP2pCNYKG29xpXhoKcgjhMPNIKXkfD6i0wDKLMjQpTr+n
LKpyTIZr7Urc0AoNrSt0AS58AR0DoZtuMvvlXzpQDbJNxF4NS4pPCW9IHMkdsNfC
EXqPMXypzhN0z55GyghNWWRFCiv6wuRz8q/EP4a5jWnedToRQzeaYm5w4wmAsa5i
sn2AqkbObnWpKfVbsgDhTzJ8sIMkeEjM20O2QuX5I6kyNY2xt/wwABNMZSV30os+
hQHY06mAaSqi6GlLtjF5W+uvjqCI0jWB7nc3lLI7fIn/hQZVRGqPEGLRxG0Ol9PT
ROfBOqJ582kGjW9ZUSIx+59xdexxy3c9EjNuOO3TAQKBgQDxzP2lXtY70wlFiC3h
0bFCHpEtBfvLDGlS3qCkOc8rX1B1vQZxiYCJ26izoTFBud+5sjQQVETluXZ8wPbt
ErgEfuxtk8SOM1VCQawHuDAJjzNAWDQK3gZSfzd2rif+G49npZtfYyA38YqlqbMp
2m3Z8aHs8JSvdgaq6ykS/0SzCQKBgQC4sQBlKkEYqw9thmQ3WhBWpg4Or4lzi5t7
iNTzNmUD79nwcff1VznT+5EUrlfTeP4HA7PK69zTb9A+ud3mLWNinH3ywzMowHUM
RqI22Ve/xqqkXriPp1bIUM/beq2RZ5yeIQOxvvnFWejdS1dJGZRja/s8AHk0Umuo
GqiHvQVIhwKBgFbjcKoCID2zIfvIaaRh865syYJCSi62sQpEUblxxI4zW/hTCoO2
A2iGdGLII6kYn9pcvPS5M2DRelBuDs02EsYazd66YMEwlQyQCL9lYm2s9Z/Dkj/t
dJwkdsvA3UIkqS13hxOJzUQNGeNZzbXWde8BM0yvTt6WLOMySbo33HnxAoGAc0xE
c+NiChVYJ0a7r3ZxNraple9tvo1L/l3YmxC9FS0aACoV4rqWZkjpNGD2gRVKeHSO
PELsc66c8Vu1NGnnXntVgUTs3ibvqz85K0aZqiZLBxv+2edcnOceK+U1D84ADxOL
K96OLO7JGcVb802dvkd96uJcyBYgESy7Qyn0b2cCgYEAj4+bhCCvi7zRMd4VngjJ
FQkKWeWpuDBSZkhGes4MCsuQJc36aGXvcEj5x4wQilZUWsQU70IcUqe84wqZrK8r
JZ15m0YZxOGQx4TZyVDWOV9lJy0wLmOnmKmpp4oLZuPLDFVh8ZBqtmw2Zoh4JY/p
6hpAqanadot6aQNtuRCy2cc=
-----END PRIVATE KEY-----
)";
inline constexpr std::string_view kEddsa = R"(-----BEGIN PRIVATE KEY-----
MC4CAQAwBQYDK2VwBCIEINlczpe+s7lisSGrQVZaNGYpDOU83macUQ36V2biwcOT
-----END PRIVATE KEY-----
)";
}  // namespace keys_pem

// The four keys, one per algorithm Latch signs with, in crypto::JwsAlg order. Aborts when a key
// does not load (the crypto module is broken, not the input).
inline const std::vector<FuzzKey>& fuzz_keys() {
  static const std::vector<FuzzKey> keys = [] {
    std::vector<FuzzKey> out;
    const struct {
      std::string_view name;
      crypto::JwsAlg alg;
      std::string_view pem;
    } specs[] = {{"es256", crypto::JwsAlg::ES256, keys_pem::kEs256},
                 {"es384", crypto::JwsAlg::ES384, keys_pem::kEs384},
                 {"rs256", crypto::JwsAlg::RS256, keys_pem::kRs256},
                 {"eddsa", crypto::JwsAlg::EdDSA, keys_pem::kEddsa}};
    for (const auto& spec : specs) {
      auto pair = crypto::SigningKeyPair::from_pem(spec.alg, spec.pem);
      auto verify = pair ? crypto::VerifyKey::from_jwk(pair->public_jwk())
                         : Result<crypto::VerifyKey>(pair.error());
      if (!pair || !verify) {
        std::abort();
      }
      out.push_back({spec.name, std::move(*pair), std::move(*verify)});
    }
    return out;
  }();
  return keys;
}

}  // namespace latch::fuzz
