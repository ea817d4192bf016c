#include "crypto/random.hpp"

#include <openssl/crypto.h>
#include <openssl/rand.h>
#include <pthread.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <string_view>

#include "crypto/encoding.hpp"
#include "crypto/openssl_util.hpp"

namespace latch::crypto {
namespace {

constexpr std::string_view kLowerAlnum = "0123456789abcdefghijklmnopqrstuvwxyz";
constexpr std::string_view kAlnum =
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

void fill_from_openssl(unsigned char* out, std::size_t n) {
  while (n > 0) {
    const int chunk = n > INT_MAX ? INT_MAX : static_cast<int>(n);
    if (RAND_bytes(out, chunk) != 1) {
      spdlog::critical("crypto: RAND_bytes failed: {}", detail::drain_openssl_errors());
      std::abort();
    }
    out += chunk;
    n -= static_cast<std::size_t>(chunk);
  }
}

// Bumped in a forked child, so that no thread hands out bytes its parent may hand out too.
std::atomic<unsigned> fork_generation{0};

// A thread's unused bytes of one RAND_bytes call. OpenSSL checks for a fork with getpid() on
// every call, a system call; ids and tokens are small, so one call of kSize bytes serves many
// of them (a token request used three getpid() calls, now about one).
struct RandomBuffer {
  static constexpr std::size_t kSize = 1024;
  unsigned char bytes[kSize];
  std::size_t used = kSize;
  unsigned generation = 0;

  RandomBuffer() {
    static const bool registered = [] {
      pthread_atfork(nullptr, nullptr, [] { fork_generation.fetch_add(1); });
      return true;
    }();
    (void)registered;
  }
  ~RandomBuffer() { OPENSSL_cleanse(bytes, sizeof bytes); }

  void take(unsigned char* out, std::size_t n) {
    unsigned now = fork_generation.load(std::memory_order_relaxed);
    if (generation != now) {
      used = kSize;
      generation = now;
    }
    while (n > 0) {
      if (used == kSize) {
        fill_from_openssl(bytes, kSize);
        used = 0;
      }
      std::size_t part = std::min(n, kSize - used);
      std::memcpy(out, bytes + used, part);
      OPENSSL_cleanse(bytes + used, part);  // handed out once
      used += part;
      out += part;
      n -= part;
    }
  }
};

void fill_random(unsigned char* out, std::size_t n) {
  if (n > RandomBuffer::kSize / 4) {
    fill_from_openssl(out, n);
    return;
  }
  thread_local RandomBuffer buffer;
  buffer.take(out, n);
}

// Draws `length` characters uniformly from `alphabet` (at most 256 symbols). A random byte maps
// to alphabet[byte % size] only when it is below the largest multiple of the size; the others are
// rejected, so no symbol is favoured by the modulo (the bias a plain `byte % size` would have).
std::string random_from_alphabet(std::string_view alphabet, std::size_t length) {
  const std::size_t size = alphabet.size();
  const std::size_t limit = 256 - (256 % size);
  std::string out;
  out.reserve(length);
  unsigned char batch[64];
  while (out.size() < length) {
    fill_random(batch, sizeof batch);
    for (const unsigned char byte : batch) {
      if (byte < limit && out.size() < length) {
        out += alphabet[byte % size];
      }
    }
  }
  return out;
}

}  // namespace

std::string random_bytes(std::size_t n) {
  std::string out(n, '\0');
  fill_random(detail::as_bytes(out), n);
  return out;
}

std::string random_token(std::size_t bytes) { return base64url_encode(random_bytes(bytes)); }

std::string random_id(std::size_t length) { return random_from_alphabet(kLowerAlnum, length); }

std::string time_ordered_id(std::int64_t millis, std::size_t length) {
  constexpr std::size_t kTimeDigits = 9;
  std::string id(kTimeDigits, '0');
  auto value = static_cast<std::uint64_t>(std::max<std::int64_t>(millis, 0));
  for (std::size_t i = kTimeDigits; i-- > 0 && value > 0; value /= 36) {
    id[i] = kLowerAlnum[value % 36];
  }
  id += random_from_alphabet(kLowerAlnum, length > kTimeDigits ? length - kTimeDigits : 1);
  return id;
}

std::string random_alnum(std::size_t length) { return random_from_alphabet(kAlnum, length); }

}  // namespace latch::crypto
