#include "experience/messaging/one_time_code.hpp"

#include <cstdint>

#include "crypto/hash.hpp"
#include "crypto/random.hpp"

namespace latch::experience {

std::string new_six_digit_code() {
  std::string bytes = crypto::random_bytes(4);
  std::uint32_t n = 0;
  for (unsigned char b : bytes) n = (n << 8) | b;
  std::string code = std::to_string(n % 1000000);
  return std::string(6 - code.size(), '0') + code;
}

std::string one_time_code_hash(std::string_view record_id, std::string_view code) {
  std::string input(record_id);
  input += ':';
  input += code;
  return crypto::token_hash(input);
}

bool is_six_digit_code(std::string_view code) {
  return code.size() == 6 && code.find_first_not_of("0123456789") == std::string_view::npos;
}

}  // namespace latch::experience
