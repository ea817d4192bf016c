#include <boost/json/serialize.hpp>
#include <cstdio>
#include <ctime>

#include "management/mfa_service.hpp"
#include "management/user_service.hpp"
#include "server/cli_commands.hpp"

// latch user mfa list|reset: an operator's view of a user's second factors, and the reset for a
// user who lost their device (docs/mfa.md, "Recovery"). Through management::MfaService, as the
// Management API's /api/users/:userId/mfa-verifications.
namespace latch::server {
namespace {

struct MfaArgs {
  std::string user;
  bool json = false;
};

// "2026-12-06 14:53 UTC", or "never" for 0.
std::string when(std::int64_t millis) {
  if (millis == 0) return "never";
  std::time_t seconds = static_cast<std::time_t>(millis / 1000);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char out[32];
  std::strftime(out, sizeof out, "%Y-%m-%d %H:%M UTC", &tm);
  return out;
}

// What else is worth a glance: a passkey's name, the backup codes left.
std::string detail(const model::MfaVerification& f) {
  if (f.type == model::MfaFactor::BackupCode) {
    return std::to_string(f.codes_left) + " of " + std::to_string(f.codes_total) + " codes left";
  }
  if (f.type == model::MfaFactor::WebAuthn) return f.name.empty() ? f.agent : f.name;
  return "";
}

int list_factors(Runtime& rt, const MfaArgs& args) {
  management::UserService users(*rt.store, rt.clock);
  auto user = users.find(args.user);
  if (!user) return fail(user.error());
  management::MfaService mfa(*rt.secrets, rt.mfa_key, rt.clock);
  std::vector<model::MfaVerification> factors;
  auto read = rt.store->read([&](storage::Tx& tx) -> Result<void> {
    auto listed = mfa.factors(tx, user->id);
    if (!listed) return listed.error();
    factors = std::move(*listed);
    return ok();
  });
  if (!read) return fail(read.error());
  if (args.json) {
    std::printf("%s\n",
                boost::json::serialize(management::mfa_verifications_json(factors)).c_str());
    return 0;
  }
  if (factors.empty()) std::printf("user %s has no MFA factor\n", user->id.c_str());
  for (const auto& f : factors) {
    std::printf("%s  %-10s  created %s  last used %s  %s\n", f.id.c_str(),
                std::string(model::mfa_factor_name(f.type)).c_str(), when(f.created_at).c_str(),
                when(f.last_used_at).c_str(), detail(f).c_str());
  }
  return 0;
}

int reset_factors(Runtime& rt, const MfaArgs& args) {
  management::UserService users(*rt.store, rt.clock);
  auto user = users.find(args.user);
  if (!user) return fail(user.error());
  management::MfaService mfa(*rt.secrets, rt.mfa_key, rt.clock);
  std::int64_t removed = 0;
  auto reset = rt.store->transact([&](storage::Tx& tx) -> Result<void> {
    auto count = mfa.remove_all(tx, user->id);
    if (!count) return count.error();
    removed = *count;
    return ok();
  });
  if (!reset) return fail(reset.error());
  std::printf("removed %lld MFA factors and every trusted device of user %s\n",
              static_cast<long long>(removed), user->id.c_str());
  return 0;
}

}  // namespace

void add_user_mfa_commands(CLI::App& user, Action& action) {
  auto* mfa = user.add_subcommand("mfa", "A user's second factors (MFA)");
  mfa->require_subcommand(1);
  auto list_args = std::make_shared<MfaArgs>();
  auto* list = mfa->add_subcommand("list", "List a user's MFA factors");
  list->add_option("user", list_args->user, "User id, username or email")->required();
  list->add_flag("--json", list_args->json, "Print JSON (the Management API's shape)");
  list->callback([&action, list_args] {
    action = [list_args](Runtime& rt) { return list_factors(rt, *list_args); };
  });
  auto reset_args = std::make_shared<MfaArgs>();
  auto* reset = mfa->add_subcommand(
      "reset", "Remove all of a user's MFA factors and trusted devices (a lost device)");
  reset->add_option("user", reset_args->user, "User id, username or email")->required();
  reset->callback([&action, reset_args] {
    action = [reset_args](Runtime& rt) { return reset_factors(rt, *reset_args); };
  });
  for (auto* sub : mfa->get_subcommands({})) sub->fallthrough();
  mfa->fallthrough();
}

}  // namespace latch::server
