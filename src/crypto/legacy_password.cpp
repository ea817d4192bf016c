#include <openssl/err.h>
#include <openssl/evp.h>

#include <memory>

#include "core/json.hpp"
#include "crypto/hash.hpp"
#include "crypto/password_formats.hpp"

// Logto's Legacy digest (packages/core/src/utils/password.ts): the JSON tuple
// [algorithm, [args], digest]. `args` must hold "@", which stands for the password.
//   [md, args, hex]      hex of the OpenSSL digest `md` of the args joined, every "@" replaced
//   ["pbkdf2" | "pbkdf2Sync", [salt, iterations, keylen, md, "@"], hex]    RFC 8018 PBKDF2
//   ["scrypt", [salt, N, r, p, keylen, "@"], hex]   RFC 7914 scrypt (Latch's, not Logto's)
//   ["firebase-scrypt", [salt, signerKey, saltSeparator, rounds, memCost, "@"], base64]
// The key-derivation forms live in legacy_kdf.cpp.
namespace latch::crypto::detail {
namespace {

namespace json = boost::json;

Result<LegacyTuple> parse_tuple(std::string_view text) {
  auto v = parse_json(text);
  if (!v || !v->is_array() || v->as_array().size() != 3) {
    return invalid_legacy("not a JSON array of three members");
  }
  const json::array& a = v->as_array();
  if (!a[0].is_string() || !a[1].is_array() || !a[2].is_string()) {
    return invalid_legacy("not [string, [strings], string]");
  }
  LegacyTuple t{std::string(a[0].as_string()), {}, std::string(a[2].as_string())};
  bool has_password = false;
  for (const json::value& arg : a[1].as_array()) {
    if (!arg.is_string()) return invalid_legacy("an argument that is not a string");
    t.args.emplace_back(arg.as_string());
    has_password = has_password || t.args.back() == "@";
  }
  if (!has_password) return invalid_legacy("no \"@\" among the arguments");
  return t;
}

// What Node's hash.digest() gives: the digest's size, also for an XOF (SHAKE).
std::optional<std::string> digest_of(const EVP_MD* md, std::string_view data) {
  const int size = EVP_MD_get_size(md);
  if (size <= 0) return std::nullopt;
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  std::string out(static_cast<std::size_t>(size), '\0');
  auto* bytes = reinterpret_cast<unsigned char*>(out.data());
  bool xof = (EVP_MD_get_flags(md) & EVP_MD_FLAG_XOF) != 0;
  bool made = ctx && EVP_DigestInit_ex(ctx.get(), md, nullptr) == 1 &&
              EVP_DigestUpdate(ctx.get(), data.data(), data.size()) == 1 &&
              (xof ? EVP_DigestFinalXOF(ctx.get(), bytes, out.size())
                   : EVP_DigestFinal_ex(ctx.get(), bytes, nullptr)) == 1;
  ERR_clear_error();
  if (!made) return std::nullopt;
  return out;
}

Result<void> check_plain_legacy(const LegacyTuple& t) {
  MdPtr md = fetch_md(t.algorithm);
  if (!md || !digest_of(md.get(), "")) {
    return keyed_error(Errc::InvalidRequest, "password.unsupported_legacy_hash_algorithm",
                       "no OpenSSL digest " + t.algorithm);
  }
  auto expected = hex_decode(t.digest);
  if (!expected || static_cast<int>(expected->size()) != EVP_MD_get_size(md.get())) {
    return invalid_legacy("the digest is not hex of " + t.algorithm + "'s size");
  }
  return ok();
}

std::optional<std::string> derive_plain_legacy(const LegacyTuple& t, std::string_view password) {
  MdPtr md = fetch_md(t.algorithm);
  if (!md) return std::nullopt;
  std::string input;
  for (const std::string& arg : t.args) input += arg == "@" ? std::string(password) : arg;
  return digest_of(md.get(), input);
}

std::optional<std::string> expected_hex(const LegacyTuple& t) { return hex_decode(t.digest); }

// One Legacy form: how to check a tuple, derive its bytes from a password, decode its digest.
struct Form {
  Result<void> (*check)(const LegacyTuple&);
  std::optional<std::string> (*derive)(const LegacyTuple&, std::string_view);
  std::optional<std::string> (*expected)(const LegacyTuple&);
};

Form form_of(std::string_view algorithm) {
  if (algorithm == "pbkdf2" || algorithm == "pbkdf2Sync") {
    return {check_pbkdf2, derive_pbkdf2, expected_hex};
  }
  if (algorithm == "scrypt") return {check_scrypt, derive_scrypt, expected_hex};
  if (algorithm == "firebase-scrypt") {
    return {check_firebase_scrypt, derive_firebase_scrypt, expected_firebase_scrypt};
  }
  return {check_plain_legacy, derive_plain_legacy, expected_hex};
}

}  // namespace

MdPtr fetch_md(const std::string& name) {
  MdPtr md(nullptr, &EVP_MD_free);
  if (name.empty() || name.find('\0') != std::string::npos) return md;
  md.reset(EVP_MD_fetch(nullptr, name.c_str(), nullptr));
  if (!md) {
    if (const EVP_MD* alias = EVP_get_digestbyname(name.c_str())) {
      md.reset(EVP_MD_fetch(nullptr, EVP_MD_get0_name(alias), nullptr));
    }
  }
  ERR_clear_error();
  return md;
}

Result<void> check_legacy(std::string_view text) {
  auto tuple = parse_tuple(text);
  if (!tuple) return tuple.error();
  return form_of(tuple->algorithm).check(*tuple);
}

bool verify_legacy(std::string_view password, std::string_view text) {
  auto tuple = parse_tuple(text);
  if (!tuple) return false;
  Form form = form_of(tuple->algorithm);
  if (!form.check(*tuple)) return false;
  auto expected = form.expected(*tuple);
  auto actual = form.derive(*tuple, password);
  return expected && actual && constant_time_equal(*actual, *expected);
}

}  // namespace latch::crypto::detail
