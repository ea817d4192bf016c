#include "experience/security/password_policy.hpp"

namespace latch::experience {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
  return out;
}

// Counted in code points so that a Japanese passphrase is measured as people count it.
std::size_t length_in_characters(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) {
    if ((c & 0xC0) != 0x80) ++n;
  }
  return n;
}

int character_types(std::string_view s) {
  bool lo = false, up = false, digit = false, symbol = false;
  for (unsigned char c : s) {
    if (c >= 'a' && c <= 'z') {
      lo = true;
    } else if (c >= 'A' && c <= 'Z') {
      up = true;
    } else if (c >= '0' && c <= '9') {
      digit = true;
    } else {
      symbol = true;
    }
  }
  return lo + up + digit + symbol;
}

Error broken(std::string_view rule) { return keyed_error(Errc::InvalidRequest, rule); }

// The parts of an identifier worth rejecting: the whole value and an email's local part.
std::vector<std::string> info_parts(const std::vector<std::string>& user_info) {
  std::vector<std::string> parts;
  for (const auto& info : user_info) {
    std::string value = lower(info);
    if (auto at = value.find('@'); at != std::string::npos) parts.push_back(value.substr(0, at));
    parts.push_back(value);
  }
  return parts;
}

}  // namespace

Result<void> check_password(const PasswordPolicy& policy, std::string_view password,
                            const std::vector<std::string>& user_info) {
  if (password.empty()) return broken("password.required");
  auto length = length_in_characters(password);
  if (length < static_cast<std::size_t>(policy.min_length)) return broken("password.too_short");
  if (length > static_cast<std::size_t>(policy.max_length)) return broken("password.too_long");
  if (character_types(password) < policy.min_character_types) {
    return broken("password.character_types");
  }
  if (policy.reject_common && is_common_password(password)) return broken("password.common");
  std::string pw = lower(password);
  if (policy.reject_user_info) {
    for (const auto& part : info_parts(user_info)) {
      if (part.size() >= 3 && pw.find(part) != std::string::npos) {
        return broken("password.contains_user_info");
      }
    }
  }
  for (const auto& word : policy.words) {
    if (!word.empty() && pw.find(lower(word)) != std::string::npos) {
      return broken("password.contains_word");
    }
  }
  return ok();
}

}  // namespace latch::experience
