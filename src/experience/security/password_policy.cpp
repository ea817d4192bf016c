#include "experience/security/password_policy.hpp"

#include <algorithm>

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

// Logto's restricted phrases: a run of three or more of one character, or three or more
// characters in order along one of these rows (either direction, one case).
constexpr std::string_view kSequences[] = {"0123456789", "abcdefghijklmnopqrstuvwxyz",
                                           "qwertyuiop", "asdfghjkl",
                                           "zxcvbnm",    "1qaz",
                                           "2wsx",       "3edc",
                                           "4rfv",       "5tgb",
                                           "6yhn",       "7ujm",
                                           "8ik",        "9ol"};
constexpr std::size_t kRunAtLeast = 3;
constexpr std::size_t kTolerance = 3;  // characters outside runs that save a password

bool sequential(std::string_view value) {
  for (auto row : kSequences) {
    std::string forward(row);
    std::string backward(forward.rbegin(), forward.rend());
    for (std::string form : {forward, backward}) {
      if (form.find(value) != std::string::npos) return true;
      for (char& ch : form) {
        if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 32);
      }
      if (form.find(value) != std::string::npos) return true;
    }
  }
  return false;
}

std::size_t repetition_at(std::string_view s, std::size_t i) {
  std::size_t n = 0;
  while (i + n < s.size() && s[i + n] == s[i]) ++n;
  return n >= kRunAtLeast ? n : 0;
}

std::size_t sequence_at(std::string_view s, std::size_t i) {
  std::size_t n = 1;
  while (i + n < s.size() && sequential(s.substr(i, n + 1))) ++n;
  return n >= kRunAtLeast ? n : 0;
}

// Logto's rejects.repetitionAndSequence: the password is refused when the characters inside
// such runs outnumber all but kTolerance of its characters (password.sequence before
// password.repetition when it has both).
struct Runs {
  bool repetition = false, sequence = false;
  bool refused = false;
};

Runs runs_of(std::string_view password) {
  std::vector<bool> marked(password.size(), false);
  Runs runs;
  bool& repetition = runs.repetition;
  bool& sequence = runs.sequence;
  auto mark = [&](std::size_t from, std::size_t length, bool& kind) {
    if (length == 0) return;
    kind = true;
    for (std::size_t k = from; k < from + length; ++k) marked[k] = true;
  };
  for (std::size_t i = 0; i < password.size(); ++i) {
    mark(i, repetition_at(password, i), repetition);
    mark(i, sequence_at(password, i), sequence);
  }
  auto count = static_cast<std::size_t>(std::count(marked.begin(), marked.end(), true));
  std::size_t threshold =
      password.size() > kTolerance + 1 ? password.size() - kTolerance : std::size_t{1};
  runs.refused = count > threshold;
  return runs;
}

Result<void> check_runs(std::string_view password) {
  Runs runs = runs_of(password);
  if (!runs.refused) return ok();
  return broken(runs.sequence ? "password.sequence" : "password.repetition");
}

bool contains_user_info(std::string_view lowered, const std::vector<std::string>& user_info) {
  for (const auto& part : info_parts(user_info)) {
    if (part.size() >= 3 && lowered.find(part) != std::string::npos) return true;
  }
  return false;
}

bool contains_word(std::string_view lowered, const std::vector<std::string>& words) {
  for (const auto& word : words) {
    if (!word.empty() && lowered.find(lower(word)) != std::string::npos) return true;
  }
  return false;
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
  if (policy.reject_repetition_and_sequence) {
    if (auto runs = check_runs(password); !runs) return runs;
  }
  std::string pw = lower(password);
  if (policy.reject_user_info && contains_user_info(pw, user_info)) {
    return broken("password.contains_user_info");
  }
  if (contains_word(pw, policy.words)) return broken("password.contains_word");
  return ok();
}

Result<std::vector<std::string>> password_issues(const PasswordPolicy& policy,
                                                 std::string_view password,
                                                 const std::vector<std::string>* user_info) {
  if (policy.reject_user_info && !user_info) {
    return keyed_error(Errc::InvalidRequest, "request.invalid_input",
                       "User information data is required to check user information.");
  }
  std::vector<std::string> issues;
  auto length = length_in_characters(password);
  if (length < static_cast<std::size_t>(policy.min_length)) issues.emplace_back("too_short");
  if (length > static_cast<std::size_t>(policy.max_length)) issues.emplace_back("too_long");
  if (character_types(password) < policy.min_character_types) {
    issues.emplace_back("character_types");
  }
  if (policy.reject_common && is_common_password(password)) issues.emplace_back("pwned");
  if (policy.reject_repetition_and_sequence) {
    Runs runs = runs_of(password);
    if (runs.refused && runs.sequence) issues.emplace_back("restricted.sequence");
    if (runs.refused && runs.repetition) issues.emplace_back("restricted.repetition");
  }
  std::string pw = lower(password);
  if (contains_word(pw, policy.words)) issues.emplace_back("restricted.words");
  if (policy.reject_user_info && contains_user_info(pw, *user_info)) {
    issues.emplace_back("restricted.user_info");
  }
  for (auto& issue : issues) issue = "password_rejected." + issue;
  return issues;
}

}  // namespace latch::experience
