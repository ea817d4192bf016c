#include "oidc/device_flow.hpp"

#include <cctype>

#include "crypto/hash.hpp"
#include "crypto/random.hpp"
#include "oidc/scope.hpp"

namespace latch::oidc {
namespace {

// A user code from a uniform pick of the alphabet: rejection sampling over random bytes.
std::string new_user_code() {
  std::string code;
  while (code.size() < kUserCodeLength) {
    for (unsigned char byte : crypto::random_bytes(16)) {
      if (byte >= 240) continue;  // 240 = 12 × 20: keeps the pick uniform
      code.push_back(kUserCodeAlphabet[byte % kUserCodeAlphabet.size()]);
      if (code.size() == kUserCodeLength) break;
    }
  }
  return code;
}

// A user code clash (1 in 20^8 per live code) is retried with a new code.
constexpr int kInsertAttempts = 5;

}  // namespace

std::string normalize_user_code(std::string_view typed) {
  std::string out;
  for (char c : typed) {
    if (c == '-' || c == ' ') continue;
    char upper = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (kUserCodeAlphabet.find(upper) == std::string_view::npos) return "";
    out.push_back(upper);
    if (out.size() > kUserCodeLength) return "";
  }
  return out.size() == kUserCodeLength ? out : "";
}

std::string display_user_code(std::string_view code) {
  if (code.size() != kUserCodeLength) return std::string(code);
  return std::string(code.substr(0, 4)) + "-" + std::string(code.substr(4));
}

Result<DeviceAuthorization> DeviceFlowService::start(const DeviceRequest& request) {
  std::int64_t now = clock_.now_seconds();
  std::string device_code = crypto::random_token(32);
  model::DeviceCode stored;
  stored.device_code_hash = crypto::token_hash(device_code);
  stored.client_id = request.client->app.id;
  stored.scope = join_scope(request.scopes);
  stored.resources = join_scope(request.resources);
  stored.interval = config_.device_poll_interval;
  stored.created_at = now;
  stored.expires_at = now + config_.device_code_ttl;
  Result<void> inserted = make_error(Errc::Internal, "no free user code");
  for (int attempt = 0; attempt < kInsertAttempts; ++attempt) {
    stored.user_code = new_user_code();
    inserted = store_.transact([&](storage::Tx& tx) { return tx.device_codes().insert(stored); });
    if (inserted || inserted.error().code != Errc::Conflict) break;
  }
  if (!inserted) return inserted.error();
  return DeviceAuthorization{std::move(device_code), display_user_code(stored.user_code),
                             config_.device_code_ttl, config_.device_poll_interval};
}

Result<std::optional<model::DeviceCode>> DeviceFlowService::pending(std::string_view typed) {
  std::string code = normalize_user_code(typed);
  std::optional<model::DeviceCode> out;
  if (code.empty()) return out;
  auto done = store_.read([&](storage::Tx& tx) -> Result<void> {
    auto found = tx.device_codes().find_by_user_code(code);
    if (!found) return found.error();
    if (*found && (*found)->status == model::DeviceCodeStatus::Pending &&
        (*found)->expires_at > clock_.now_seconds()) {
      out = std::move(*found);
    }
    return ok();
  });
  if (!done) return done.error();
  return out;
}

Result<bool> DeviceFlowService::approve(const DeviceApproval& approval) {
  bool decided = false;
  auto done = store_.transact([&](storage::Tx& tx) -> Result<void> {
    auto found = tx.device_codes().find_by_user_code(approval.user_code);
    if (!found) return found.error();
    std::int64_t now = clock_.now_seconds();
    if (!*found || (*found)->status != model::DeviceCodeStatus::Pending ||
        (*found)->expires_at <= now) {
      return ok();
    }
    model::Grant grant{crypto::random_id(21),
                       approval.user_id,
                       (*found)->client_id,
                       (*found)->scope,
                       (*found)->resources,
                       "",
                       now,
                       now + config_.refresh_token_ttl,
                       false,
                       approval.amr};
    if (auto r = tx.grants().insert(grant); !r) return r.error();
    storage::DeviceDecision decision{model::DeviceCodeStatus::Approved, approval.user_id, grant.id,
                                     approval.auth_time};
    auto changed = tx.device_codes().decide(approval.user_code, decision, now);
    if (!changed) return changed.error();
    decided = *changed;
    // Lost a race with another decision: the grant is not kept.
    if (!decided) return make_error(Errc::Conflict, "the device code was decided meanwhile");
    return ok();
  });
  if (!done && done.error().code == Errc::Conflict) return false;
  if (!done) return done.error();
  return decided;
}

Result<bool> DeviceFlowService::deny(const std::string& user_code) {
  bool decided = false;
  auto done = store_.transact([&](storage::Tx& tx) -> Result<void> {
    storage::DeviceDecision decision{model::DeviceCodeStatus::Denied, "", "", 0};
    auto changed = tx.device_codes().decide(user_code, decision, clock_.now_seconds());
    if (!changed) return changed.error();
    decided = *changed;
    return ok();
  });
  if (!done) return done.error();
  return decided;
}

}  // namespace latch::oidc
