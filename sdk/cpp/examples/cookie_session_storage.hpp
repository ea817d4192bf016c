#pragma once

// A latch::Storage for web frameworks that keeps a visitor's values (sign-in session, ID token,
// refresh token, access tokens) in ONE cookie, encrypted and authenticated with AES-256-GCM under
// a key only the app knows. The server keeps no session; the visitor cannot read or alter it.
//
// Per request:
//   latch::examples::CookieSessionStorage storage(app_key);   // 32 bytes, e.g. from an env var
//   storage.load(request[http::field::cookie]);               // the whole Cookie header value
//   latch::Client client(config, storage);
//   ... client.sign_in(...) / handle_sign_in_callback(...) ...
//   if (storage.changed()) response.set(http::field::set_cookie, storage.set_cookie());
//
// A cookie that is missing, garbled, tampered with, or sealed with another key loads as an empty
// storage (the visitor is simply signed out), never an exception. Browsers keep cookies of up to
// about 4096 bytes: an ID token, a refresh token and one or two access tokens fit; an app that
// asks for many resources should keep a server-side session instead (see cookie_value().size()).
//
// Header-only; needs Boost.JSON and OpenSSL (libcrypto). Not thread-safe: one per request.

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <boost/json.hpp>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "latch/error.hpp"
#include "latch/storage.hpp"

namespace latch::examples {

class CookieSessionStorage final : public Storage {
 public:
  static constexpr std::size_t kKeySize = 32, kIvSize = 12, kTagSize = 16;

  // `key`: 32 random bytes (AES-256). `cookie_name` is bound into the seal (as associated data),
  // so a value cannot be replayed under another cookie name. Throws Errc::invalid_config for a
  // key of the wrong size.
  explicit CookieSessionStorage(std::string key, std::string cookie_name = "latch_session")
      : key_(std::move(key)), name_(std::move(cookie_name)) {
    if (key_.size() != kKeySize) {
      throw Error(Errc::invalid_config, "CookieSessionStorage needs a 32-byte key");
    }
  }

  // Replaces the values with those sealed in the cookie named `cookie_name()` inside
  // `cookie_header` (a Cookie header value: "a=1; latch_session=..."). Anything unreadable
  // leaves the storage empty.
  void load(std::string_view cookie_header) { load_value(find_cookie(cookie_header, name_)); }

  // Replaces the values with those sealed in `value` (the cookie's value alone).
  void load_value(std::string_view value) {
    values_.clear();
    changed_ = false;
    if (auto plain = open(value)) {
      boost::system::error_code ec;
      auto parsed = boost::json::parse(*plain, ec);
      if (!ec && parsed.is_object()) {
        for (const auto& [k, v] : parsed.as_object()) {
          if (v.is_string()) {
            values_.emplace(std::string(k), std::string(v.as_string()));
          }
        }
      }
    }
  }

  // The sealed values (base64url of IV || ciphertext || tag), fresh IV each call.
  std::string cookie_value() const {
    boost::json::object object;
    for (const auto& [k, v] : values_) {
      object[k] = v;
    }
    return seal(boost::json::serialize(object));
  }

  // A Set-Cookie header value: the sealed values, or an expired empty cookie when there are none.
  // `secure` adds the Secure attribute (use it whenever the app is served over https).
  std::string set_cookie(bool secure = false) const {
    std::string attributes = "; Path=/; HttpOnly; SameSite=Lax";
    if (secure) {
      attributes += "; Secure";
    }
    if (values_.empty()) {
      return name_ + "=; Max-Age=0" + attributes;
    }
    return name_ + "=" + cookie_value() + attributes;
  }

  // True after set/remove changed anything since construction or load.
  bool changed() const { return changed_; }
  const std::string& cookie_name() const { return name_; }

  std::optional<std::string> get(std::string_view key) override {
    auto it = values_.find(key);
    if (it == values_.end()) {
      return std::nullopt;
    }
    return it->second;
  }
  void set(std::string_view key, std::string value) override {
    values_.insert_or_assign(std::string(key), std::move(value));
    changed_ = true;
  }
  void remove(std::string_view key) override {
    if (auto it = values_.find(key); it != values_.end()) {
      values_.erase(it);
      changed_ = true;
    }
  }

  // The value of cookie `name` in a Cookie header (RFC 6265 §5.4), or "".
  static std::string_view find_cookie(std::string_view header, std::string_view name) {
    while (!header.empty()) {
      auto end = header.find(';');
      auto pair = header.substr(0, end);
      header = end == std::string_view::npos ? std::string_view{} : header.substr(end + 1);
      while (!pair.empty() && (pair.front() == ' ' || pair.front() == '\t')) {
        pair.remove_prefix(1);
      }
      auto eq = pair.find('=');
      if (eq != std::string_view::npos && pair.substr(0, eq) == name) {
        auto value = pair.substr(eq + 1);
        while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) {
          value.remove_suffix(1);
        }
        return value;
      }
    }
    return {};
  }

 private:
  using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

  static CipherCtx new_ctx() { return CipherCtx(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free); }
  static auto* bytes(std::string& s) { return reinterpret_cast<unsigned char*>(s.data()); }
  static auto* bytes(const std::string& s) {
    return reinterpret_cast<const unsigned char*>(s.data());
  }

  std::string seal(const std::string& plain) const {
    std::string out(kIvSize + plain.size() + kTagSize, '\0');
    auto* iv = bytes(out);
    auto ctx = new_ctx();
    int len = 0;
    bool ok = ctx && RAND_bytes(iv, kIvSize) == 1 &&
              EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, bytes(key_), iv) == 1 &&
              EVP_EncryptUpdate(ctx.get(), nullptr, &len, bytes(name_),
                                static_cast<int>(name_.size())) == 1 &&
              EVP_EncryptUpdate(ctx.get(), iv + kIvSize, &len, bytes(plain),
                                static_cast<int>(plain.size())) == 1 &&
              EVP_EncryptFinal_ex(ctx.get(), iv + kIvSize + len, &len) == 1 &&
              EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, kTagSize,
                                  iv + kIvSize + plain.size()) == 1;
    if (!ok) {
      throw Error(Errc::unexpected_response, "cannot seal the session cookie");
    }
    return base64url_encode(out);
  }

  std::optional<std::string> open(std::string_view value) const {
    auto raw = base64url_decode(value);
    if (!raw || raw->size() < kIvSize + kTagSize) {
      return std::nullopt;
    }
    const std::size_t size = raw->size() - kIvSize - kTagSize;
    std::string plain(size, '\0');
    auto* iv = bytes(*raw);
    auto ctx = new_ctx();
    int len = 0;
    bool ok =
        ctx && EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, bytes(key_), iv) == 1 &&
        EVP_DecryptUpdate(ctx.get(), nullptr, &len, bytes(name_), static_cast<int>(name_.size())) ==
            1 &&
        EVP_DecryptUpdate(ctx.get(), bytes(plain), &len, iv + kIvSize, static_cast<int>(size)) ==
            1 &&
        EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, kTagSize, iv + kIvSize + size) == 1 &&
        EVP_DecryptFinal_ex(ctx.get(), bytes(plain) + len, &len) == 1;
    if (!ok) {
      return std::nullopt;
    }
    return plain;
  }

  static constexpr std::string_view kAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

  static std::string base64url_encode(std::string_view in) {
    std::string out;
    out.reserve((in.size() + 2) / 3 * 4);
    std::uint32_t bits = 0;
    int count = 0;
    for (unsigned char c : in) {
      bits = (bits << 8) | c;
      count += 8;
      while (count >= 6) {
        count -= 6;
        out += kAlphabet[(bits >> count) & 0x3F];
      }
    }
    if (count > 0) {
      out += kAlphabet[(bits << (6 - count)) & 0x3F];
    }
    return out;
  }

  static std::optional<std::string> base64url_decode(std::string_view in) {
    std::string out;
    std::uint32_t bits = 0;
    int count = 0;
    for (char c : in) {
      auto index = kAlphabet.find(c);
      if (index == std::string_view::npos) {
        return std::nullopt;
      }
      bits = (bits << 6) | static_cast<std::uint32_t>(index);
      count += 6;
      if (count >= 8) {
        count -= 8;
        out += static_cast<char>((bits >> count) & 0xFF);
      }
    }
    // Only the canonical encoding: no dangling character, unused low bits zero.
    if (count >= 6 || (bits & ((1u << count) - 1)) != 0) {
      return std::nullopt;
    }
    return out;
  }

  std::string key_, name_;
  std::map<std::string, std::string, std::less<>> values_;
  bool changed_ = false;
};

}  // namespace latch::examples
