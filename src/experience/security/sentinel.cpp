#include "experience/security/sentinel.hpp"

#include "http/client_address.hpp"

namespace latch::experience {

std::string Sentinel::subject_of(const std::optional<std::string>& user_id,
                                 std::string_view identifier) {
  if (user_id) return "user:" + *user_id;
  std::string subject = "id:";
  for (char c : identifier) {
    subject.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c);
  }
  return subject;
}

namespace {

// The key failures from `ip` count under: the address, or its /64 for IPv6 (http::address_key),
// as the other limits per address count, so one host cannot spread its guesses over the
// addresses of its network.
std::string address_subject(std::string_view ip) { return "ip:" + http::address_key(ip); }

}  // namespace

Result<bool> Sentinel::locked(storage::Tx& tx, const std::string& subject, int limit) const {
  std::int64_t window = std::int64_t{config_.lockout_minutes} * 60;
  auto failures = tx.sign_in_failures().count_since(subject, now_ - window);
  if (!failures) return failures.error();
  return *failures >= limit;
}

Result<void> Sentinel::check(storage::Tx& tx, std::string_view subject, std::string_view ip) const {
  auto by_id = locked(tx, std::string(subject), config_.max_attempts);
  if (!by_id) return by_id.error();
  auto by_ip =
      ip.empty() ? Result<bool>(false) : locked(tx, address_subject(ip), config_.max_attempts * 10);
  if (!by_ip) return by_ip.error();
  if (*by_id || *by_ip) return keyed_error(Errc::Forbidden, "session.too_many_attempts");
  return ok();
}

Result<void> Sentinel::record_failure(storage::Tx& tx, std::string_view subject,
                                      std::string_view ip) const {
  if (auto r = tx.sign_in_failures().record(std::string(subject), now_); !r) return r;
  if (!ip.empty()) {
    if (auto r = tx.sign_in_failures().record(address_subject(ip), now_); !r) return r;
  }
  return tx.sign_in_failures().purge_before(now_ - 86400);
}

Result<void> Sentinel::clear(storage::Tx& tx, std::string_view subject) const {
  return tx.sign_in_failures().clear(std::string(subject));
}

}  // namespace latch::experience
