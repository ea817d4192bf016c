#pragma once

#include <string_view>

#include "crypto/password_digest.hpp"

// Digests of kVectorPassword made by implementations other than Latch's, so that a test that
// verifies them checks Latch against the world, not against itself. Made on Debian 12 with
// /usr/bin/python3 (3.11): hashlib for MD5, SHA*, BLAKE2, SHAKE, PBKDF2 and scrypt; python3-bcrypt
// 3.2.2 (bcrypt.hashpw with gensalt(rounds, prefix)); python3-argon2 21.1.0
// (argon2.low_level.hash_secret with salt b"latch-test-salt!"). Where a line says otherwise, the
// vector comes from the source it names.
namespace latch::crypto::test {

inline constexpr std::string_view kVectorPassword = "correct horse battery staple";

struct DigestVector {
  const char* description;
  PasswordAlgorithm algorithm;
  std::string_view digest;
  std::string_view password = kVectorPassword;
};

using enum PasswordAlgorithm;

inline constexpr DigestVector kDigestVectors[] = {
    // hashlib.md5/sha1/sha256(password).hexdigest()
    {"Md5", Md5, "9cc2ae8a1ba7a93da39b46fc1019c481"},
    {"Sha1", Sha1, "abf7aad6438836dbe526aa231abde2d0eef74d42"},
    {"Sha256", Sha256, "c4bbcb1fbec99d65bf59d85c8cb62ee2db963f0fe106f483d9afa73bd4e39a8a"},
    {"Sha256InUpperCase", Sha256,
     "C4BBCB1FBEC99D65BF59D85C8CB62EE2DB963F0FE106F483D9AFA73BD4E39A8A"},
    // bcrypt.hashpw(password, bcrypt.gensalt(rounds=4|5|10, prefix=b"2b"|b"2a"))
    {"Bcrypt2b", Bcrypt, "$2b$04$Q0N7VUaPJ.fjU6Lr2/3gJep3XupAwZ/qzixd1/PkDbHYJ57CnJG4S"},
    {"Bcrypt2a", Bcrypt, "$2a$05$FoSCaLb2bD0rd4ApeE32Ye2ChMEhyOgqVke2YxDOjLOZK3fECxkRa"},
    {"BcryptCost10", Bcrypt, "$2b$10$z9MVYvPsTPaui0cspKC4b./Ektq1vD4FRGjOXB9oQ.VnRpc3z6KMa"},
    // The $2b$ vector under PHP's $2y$ prefix, which names the same algorithm.
    {"Bcrypt2y", Bcrypt, "$2y$04$Q0N7VUaPJ.fjU6Lr2/3gJep3XupAwZ/qzixd1/PkDbHYJ57CnJG4S"},
    // bcrypt reads 72 bytes: hashpw(b"x" * 80, gensalt(4)) verifies any password of 72+ "x".
    {"BcryptReadsSeventyTwoBytes", Bcrypt,
     "$2b$04$XKJbD44DPiTPx/eGL974pOvgIgvETVfSzMhBvKmBEM1ZLVO/dVZ9C",
     "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"},
    // hash_secret(password, salt, time_cost=2, memory_cost=256, parallelism=1, hash_len=32)
    {"Argon2i", Argon2i,
     "$argon2i$v=19$m=256,t=2,p=1$bGF0Y2gtdGVzdC1zYWx0IQ$feEweGAbpobGJco7l1FbaX+"
     "XOEJil9e7EDVhZ2A4hvQ"},
    {"Argon2d", Argon2d,
     "$argon2d$v=19$m=256,t=2,p=1$bGF0Y2gtdGVzdC1zYWx0IQ$UCRr6dg5SVCkKpvxf4Fwm/rcPMejKm0GCDpCYUa/"
     "se0"},
    {"Argon2id", Argon2id,
     "$argon2id$v=19$m=256,t=2,p=1$bGF0Y2gtdGVzdC1zYWx0IQ$SeUjxfUf6+9G2byfXrI1Wuhoga8fZKo6f0/"
     "1x1S8k3M"},
    // Logto's own parameters (m=8192, t=8, p=1, Argon2i).
    {"Argon2iAsLogtoMakesIt", Argon2i,
     "$argon2i$v=19$m=8192,t=8,p=1$bGF0Y2gtdGVzdC1zYWx0IQ$GhP1/HjfiQ6onF/U7tJfwLg9kB3/vbgAGIdUz+"
     "XKR2w"},
    {"Argon2idTwoLanesShortHash", Argon2id,
     "$argon2id$v=19$m=64,t=1,p=2$bGF0Y2gtdGVzdC1zYWx0IQ$x73CJOBwE5F+Zp+iqc9WKg"},
    // Logto's unit tests (packages/core/src/utils/password.test.ts), made with node:crypto.
    {"LegacySha256FromLogto", Legacy,
     R"(["sha256",["salt123","@"],"c465f66c6ac481a7a17e9ed5b4e2e7e7288d892f12bf1c95c140901e9a70436e"])",
     "password123"},
    {"LegacyMd5FromLogto", Legacy, R"(["md5",["@"],"51533f457802f105fc615463db7f0e20"])",
     "simple_password"},
    {"LegacySha1AroundThePasswordFromLogto", Legacy,
     R"(["sha1",["prefix","@","suffix"],"1e51b70835fc01a385d43117299e147203d098c6"])", "mypass"},
    // hashlib.sha512(b"pepper" + password + b"salt"), sha3_256(b"s@lt" + password),
    // blake2b(password + password), shake_256(password).hexdigest(32)
    {"LegacySha512", Legacy,
     R"(["sha512",["pepper","@","salt"],"51971b6c7782328b400a90f3b0d30a87f0b6a4733ea3dacf1f8b4d357c15c44fa37be8c6d83d81f299b7508a343dff719a711ba52a5d57f9fec6afc74b019c9b"])"},
    {"LegacySha3", Legacy,
     R"(["sha3-256",["s@lt","@"],"eb35e5838007f72248b1af0d6695ac80da8d617dd9fc990b94491093b7a8d5d0"])"},
    {"LegacyPasswordTwice", Legacy,
     R"(["blake2b512",["@","@"],"33f2f47d2cefd041e6a24ea5f75ed695650981f35b7e844a5e344f04c24defcb83987d60a00a08c6971c734b5306cba2727ba92973a23e248c0ccfd2fcaf31a0"])"},
    {"LegacyShake256", Legacy,
     R"(["shake256",["@"],"e99e1da0836eb1089abc135f7181aa318f1c88e6874debbdaba74ad0ec95a1df"])"},
    // hashlib.pbkdf2_hmac(md, password, salt, iterations, keylen): Keycloak's shape (16 random
    // bytes of salt, 27500 iterations of SHA-256), a text salt, SHA-1, two output blocks.
    {"Pbkdf2Sha256HexSalt", Legacy,
     R"(["pbkdf2",["hex:8d2fa01bc6f3e2ab4ac3d2c6a0f1e9b7","27500","32","sha256","@"],"23b4ec7068a8128a6f53587ae1ba939dc22d935e93bcb96033b8edad49f58f37"])"},
    {"Pbkdf2Sha512TextSalt", Legacy,
     R"(["pbkdf2Sync",["NaCl-and-pepper","1000","64","sha512","@"],"145ea39b8d8f5522ca5d8950836117668d04dbe1687ba2c53b9f7f96aee88548e824ecebac78507e64ad382b42b10915dae2adbd86bcf8fdf437eb99d842c011"])"},
    {"Pbkdf2Sha1", Legacy,
     R"(["pbkdf2",["salt","1000","20","sha1","@"],"8f697edc8430fd9f0881e9c0294325c5dba36dba"])"},
    {"Pbkdf2TwoBlocks", Legacy,
     R"(["pbkdf2",["salt","1000","40","SHA256","@"],"9cdaf700a99814e5efcf1ccffb65653f02453dc18a965a692da408beca1db5ce9dab03d34847c741"])"},
    // hashlib.scrypt(password, salt, n, r, p, dklen)
    {"Scrypt", Legacy,
     R"(["scrypt",["saltysalt","1024","8","1","32","@"],"b13e98e8b2b0d1e3ca6704a7b7c8909f236b5a02708e96a7e4b22f6e405b99ec"])"},
    {"ScryptHexSalt", Legacy,
     R"(["scrypt",["hex:00ff10","16","1","2","16","@"],"2d156f8991c51c8ad02ff6ff57161bad"])"},
    // RFC 7914 §12, the third test vector: scrypt("password", "NaCl", 1024, 8, 16, 64).
    {"ScryptRfc7914", Legacy,
     R"(["scrypt",["NaCl","1024","8","16","64","@"],"fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b3731622eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640"])",
     "password"},
    // Firebase's published example (github.com/firebase/scrypt, also in Logto's tests), checked
    // with hashlib.scrypt and `openssl enc -aes-256-ctr`.
    {"FirebaseScrypt", Legacy,
     R"(["firebase-scrypt",["42xEC+ixf3L2lw==","jxspr8Ki0RYycVU8zykbdLGjFQ3McFUH0uiiTvC8pVMXAn210wjLNmdZJzxUECKbm0QsEmYUSDzZvpjeJ9WmXA==","Bw==","8","14","@"],"lSrfV15cpx95/sZS2W9c9Kp6i/LVgQNDNC/qzrCnh1SAyZvqmZqAjTdn3aoItz+VHjoZilo78198JAdRuid5lQ=="])",
     "user1password"},
};

}  // namespace latch::crypto::test
