#include "server/serve.hpp"

#include <spdlog/spdlog.h>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/json/object.hpp>
#include <chrono>
#include <cstdio>
#include <thread>

#include "account/api/account_api.hpp"
#include "account/page/account_pages.hpp"
#include "connectors/http/outbound_run.hpp"
#include "console/console_site.hpp"
#include "crypto/password.hpp"
#include "experience/api/experience_api.hpp"
#include "experience/hosted_ui.hpp"
#include "http/server.hpp"
#include "http/work_pool.hpp"
#include "management/application_service.hpp"
#include "management/mfa_service.hpp"
#include "management_api/client_registration_endpoint.hpp"
#include "management_api/management_api.hpp"
#include "management_api/webhook_sender.hpp"
#include "oidc/catalog.hpp"
#include "oidc/key_store.hpp"
#include "oidc/provider.hpp"
#include "script/runner.hpp"
#include "server/cache_refresher.hpp"
#include "server/edge.hpp"
#include "server/housekeeper.hpp"
#include "server/jwks_fetcher.hpp"
#include "server/logout_worker.hpp"
#include "server/metrics_endpoint.hpp"
#include "server/webhook_worker.hpp"

namespace latch::server {
namespace {

namespace asio = boost::asio;
using http::bhttp::status;

unsigned blocking_threads(const Config& config) {
  if (config.blocking_threads) return config.blocking_threads;
  return std::max(4u, 2 * std::thread::hardware_concurrency());
}

unsigned hashing_threads(const Config& config) {
  if (config.hashing_threads) return config.hashing_threads;
  return std::max(1u, std::thread::hardware_concurrency());
}

void mount_health(http::Router& router, const CacheRefresher& refresher) {
  router.group("")
      .get("/healthz",
           [](http::Request&) -> asio::awaitable<http::Response> {
             co_return http::json_response(status::ok, boost::json::object{{"status", "ok"}});
           })
      .get("/readyz", [&refresher](http::Request&) -> asio::awaitable<http::Response> {
        bool ready = refresher.healthy();
        co_return http::json_response(
            ready ? status::ok : status::service_unavailable,
            boost::json::object{{"status", ready ? "ready" : "database unavailable"}});
      });
}

// When `changed_only`, the catalog is reloaded only when the database's epochs differ from its
// snapshot's: a commit's own reload and the refresher's next poll then make one reload, not two.
bool load(Runtime& rt, oidc::KeyStore& keys, oidc::Catalog& catalog,
          experience::SettingsStore& settings, const std::string& cache,
          bool changed_only = false) {
  Result<void> loaded = ok();
  if (cache == experience::kSignInExperienceEpoch) loaded = settings.reload(*rt.store);
  if (cache == "keys") loaded = keys.reload(*rt.store, rt.clock.now_seconds());
  if (oidc::is_catalog_cache(cache) && !changed_only) loaded = catalog.reload(*rt.store);
  if (oidc::is_catalog_cache(cache) && changed_only) {
    auto newer = catalog.newer_than(*rt.store, *catalog.snapshot());
    if (!newer) loaded = newer.error();
  }
  if (!loaded) {
    spdlog::error("cannot reload {}: {}", cache, loaded.error().description);
    return false;
  }
  spdlog::debug("reloaded {}", cache);
  return true;
}

// Creates or corrects the console's, the account page's and the demo app's clients for
// `endpoint`; true when one changed.
Result<bool> ensure_built_in_apps(management::ApplicationService& apps,
                                  const std::string& endpoint) {
  using Service = management::ApplicationService;
  bool changed = false;
  for (auto ensure : {&Service::ensure_console, &Service::ensure_account, &Service::ensure_demo}) {
    auto done = (apps.*ensure)(endpoint);
    if (!done) return done.error();
    changed = changed || *done;
  }
  return changed;
}

}  // namespace

int serve(Runtime& rt) {
  const Config& config = rt.config;
  auto options = server_options(config);  // a bad setting stops the start before any work
  if (!options) {
    spdlog::critical("{}", options.error().description);
    return 1;
  }
  oidc::KeyService key_service(*rt.store, *rt.secrets);
  if (auto created = key_service.ensure_keys(rt.clock.now_seconds()); !created) {
    spdlog::critical("cannot create signing keys: {}", created.error().description);
    return 1;
  } else if (!created->empty()) {
    spdlog::info("created {} signing keys", created->size());
  }
  oidc::KeyStore keys(*rt.secrets);
  oidc::Catalog catalog(*rt.secrets);
  experience::SettingsStore settings;
  for (const char* cache : {"keys", "applications", "sign_in_experience"}) {
    if (!load(rt, keys, catalog, settings, cache)) return 1;
  }
  // A change this process commits is in its caches before the request that made it is answered
  // (a role taken from an app applies to its next token); other processes' changes arrive
  // through the refresher below.
  rt.store->on_epoch_bump(
      [&](const std::string& cache) { load(rt, keys, catalog, settings, cache, true); });
  struct Unlisten {
    storage::Store& store;
    ~Unlisten() { store.on_epoch_bump(nullptr); }
  } unlisten{*rt.store};
  // Three pools, so that one kind of slow work cannot take the others' threads
  // (docs/architecture.md, "Threads").
  asio::thread_pool pool(blocking_threads(config));
  crypto::set_password_concurrency(hashing_threads(config));
  http::WorkPool hashing({.threads = hashing_threads(config)});
  http::WorkPool outbound(
      {.threads = config.outbound_threads, .max_waiting = config.outbound_queue});
  http::Pools pools{pool, hashing, outbound};
  CacheRefresher refresher(
      *rt.store, std::chrono::milliseconds(config.cache_refresh_ms),
      [&](const std::string& cache) { return load(rt, keys, catalog, settings, cache, true); });
  refresher.prime();

  http::Router router;
  http::Server server(std::move(*options), router);
  auto port = server.listen();
  if (!port) {
    spdlog::critical("{}", port.error().description);
    return 1;
  }
  if (config.endpoint_is_default && config.port == 0) {
    rt.config.endpoint = "http://localhost:" + std::to_string(*port);  // an ephemeral port
  }
  // The console and the account page sign in through this Latch, and so do Logto's SDK samples
  // through its demo app: their clients follow the endpoint.
  management::ApplicationService apps(*rt.store, *rt.secrets, rt.clock);
  if (auto built_in = ensure_built_in_apps(apps, config.endpoint); !built_in) {
    spdlog::critical("cannot register the built-in clients: {}", built_in.error().description);
    return 1;
  } else if (*built_in && !load(rt, keys, catalog, settings, "applications")) {
    return 1;
  }
  experience::ExperienceService experience_service(*rt.store, catalog, rt.clock);
  experience::MessageConnectors messages(*rt.store, *rt.secrets, rt.clock);
  experience::SocialConnectors social(*rt.store, *rt.secrets, rt.clock,
                                      std::chrono::milliseconds(config.connector_timeout_ms));
  experience::SsoConnectors sso(*rt.store, *rt.secrets, rt.clock,
                                std::chrono::milliseconds(config.connector_timeout_ms),
                                config.endpoint);  // SAML: entity ID and ACS URL
  EdgeLimits limits(config, *rt.store, rt.clock);
  // Users' second factors: one service for the pages and the APIs (management/mfa_service.hpp).
  management::MfaService mfa(*rt.secrets, rt.mfa_key, rt.clock);
  experience::FlowService flow(*rt.store, settings, experience_service, messages, social, sso,
                               rt.clock, limits.code_sends(), mfa, config.endpoint);
  oidc::DeviceFlowService device_flow(config, *rt.store, rt.clock);
  experience::HostedUi ui({config, experience_service, flow, settings, messages, social, sso, pools,
                           rt.csrf_key, limits.sign_in_attempts(), device_flow,
                           limits.device_code_failures(), rt.cookie_key});
  experience::ExperienceApi experience_api({config, *rt.store, flow, settings, social, sso, keys,
                                            rt.clock, pools, limits.sign_in_attempts()});
  // Custom JWT claims: operators' scripts on SpiderMonkey (docs/custom-claims.md). The engine
  // starts with the first script run (script::init_engine): about 2.5 MiB a Latch without
  // scripts never spends.
  auto scripts = script::make_spidermonkey_runner();
  oidc::ClaimsCustomizer claims(*scripts, script::Limits{});
  oidc::AuditQueue audit_queue(*rt.store, rt.clock, std::chrono::milliseconds(250));
  audit_queue.start();
  management_api::ManagementApi management({config, *rt.store, *rt.secrets, keys, social, sso,
                                            settings, rt.clock, pools, mfa, ui, &claims,
                                            &audit_queue});
  account::VerificationService verifications(
      {*rt.store, settings, messages, social, mfa, rt.clock, limits.code_sends()});
  account::AccountService account_service(*rt.store, settings, mfa, rt.clock);
  account::AccountApi account_api(
      {config, *rt.store, account_service, verifications, settings, rt.clock, pools});
  account::AccountPages account_pages({config, account_service, verifications, settings, social,
                                       catalog, *rt.store, rt.clock, pools, rt.csrf_key,
                                       rt.cookie_key});
  oidc::ClientAuthLimits client_auth{limits.client_auth_per_client(), limits.client_auth_per_ip()};
  OutboundJwksFetcher jwks_fetcher(std::chrono::milliseconds(config.connector_timeout_ms));
  oidc::Provider provider({config, *rt.store, catalog, keys, rt.clock, pool, ui, rt.token_key,
                           rt.cookie_key, client_auth, jwks_fetcher, outbound, audit_queue,
                           &claims});
  provider.mount(router);
  management_api::ClientRegistrationEndpoint registration(
      {config, *rt.store, *rt.secrets, rt.clock, pools, limits.registrations()});
  registration.mount(router);  // only when dynamic_registration is on
  ui.mount(router);
  experience_api.mount(router);
  management.mount(router);
  account_api.mount(router);
  account_pages.mount(router);
  console::ConsoleSite console_site({config, *rt.store, rt.clock, pools, settings});
  console_site.mount(router);
  auto setup_token = console_site.issue_setup_token();
  if (!setup_token) {
    spdlog::critical("cannot prepare the console's setup: {}", setup_token.error().description);
    return 1;
  }
  mount_health(router, refresher);
  MetricsEndpoint metrics_endpoint(config, pools);
  metrics_endpoint.mount(router);
  refresher.start();
  Housekeeper housekeeper(*rt.store, rt.clock, std::chrono::milliseconds(config.purge_interval_ms),
                          std::chrono::days(config.audit_log_retention_days));
  housekeeper.start();
  // OIDC Back-Channel Logout: the queued logout tokens go out from here (docs/protocols.md).
  OutboundLogoutSender logout_sender(std::chrono::milliseconds(config.connector_timeout_ms));
  oidc::LogoutDispatcher logout_dispatcher(
      *rt.store, provider.tokens(), logout_sender,
      std::chrono::milliseconds(config.backchannel_logout_retry_ms));
  LogoutWorker logout_worker(logout_dispatcher, std::chrono::milliseconds(250));
  logout_worker.start();
  // Webhooks: the events changes queued go out from here (docs/webhooks.md).
  management_api::OutboundWebhookSender webhook_sender(
      std::chrono::milliseconds(config.connector_timeout_ms));
  management::WebhookDispatcher webhook_dispatcher(
      *rt.store, rt.clock, webhook_sender,
      {.retry_base = std::chrono::milliseconds(config.webhook_retry_ms),
       .send_timeout = std::chrono::milliseconds(config.connector_timeout_ms)});
  WebhookWorker webhook_worker(webhook_dispatcher, std::chrono::milliseconds(250));
  webhook_worker.start();
  asio::io_context signals_ctx;
  asio::signal_set signals(signals_ctx, SIGINT, SIGTERM);
  signals.async_wait([&](boost::system::error_code ec, int signal) {
    if (ec) return;
    spdlog::info("received signal {}, finishing in-flight requests", signal);
    server.stop();
  });
  std::thread signal_thread([&] { signals_ctx.run(); });
  std::printf(
      "Latch listening on %s:%u\n  endpoint: %s\n  issuer:   %s\n  data:     %s\n"
      "  console:  %s/console\n",
      config.bind_address.c_str(), *port, config.endpoint.c_str(), config.issuer().c_str(),
      config.database.c_str(), config.endpoint.c_str());
  if (*setup_token) {
    // Only whoever can read this output may create the first operator (from another machine).
    std::printf(
        "  setup:    %s/console?setup=%s\n            (no operator yet: open this link to "
        "create the first one)\n",
        config.endpoint.c_str(), (*setup_token)->c_str());
  }
  std::fflush(stdout);
  server.run();
  // In-flight requests have finished or used up their grace period: calls to providers still
  // running are cut short and jobs still waiting for a thread are dropped, so that a provider
  // that hangs cannot hold up the exit.
  connectors::stop_outbound();
  outbound.stop();
  hashing.stop();
  signals_ctx.stop();
  signal_thread.join();
  refresher.stop();
  housekeeper.stop();
  audit_queue.stop();  // what the last requests logged
  logout_worker.stop();
  webhook_worker.stop();
  outbound.join();
  hashing.join();
  pool.join();
  spdlog::info("stopped");
  return 0;
}

}  // namespace latch::server
