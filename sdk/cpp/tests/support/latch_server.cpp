#include "support/latch_server.hpp"

#include <openssl/evp.h>
#include <signal.h>

#include <boost/json/parse.hpp>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "support/management_api.hpp"

extern char** environ;

namespace latch::sdk_test {
namespace {

using namespace std::chrono_literals;
using SteadyClock = std::chrono::steady_clock;

constexpr std::string_view kListening = "Latch listening on ";
constexpr std::string_view kEndpoint = "endpoint:";

std::string trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
    text.remove_prefix(1);
  }
  while (!text.empty() && (text.back() == ' ' || text.back() == '\r')) {
    text.remove_suffix(1);
  }
  return std::string(text);
}

}  // namespace

std::string base64(std::string_view bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(bytes.data()),
                          static_cast<int>(bytes.size()));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

std::filesystem::path latch_binary() {
  const char* configured = std::getenv("LATCH_BINARY");
  std::filesystem::path path = configured && *configured ? configured : "./build/latch";
  return std::filesystem::absolute(path);
}

LatchServer::LatchServer(std::vector<std::string> extra_env) : extra_env_(std::move(extra_env)) {
  test::ProcessSpec spec{.argv = {latch_binary().string(), "serve"},
                         .env = environment(),
                         .cwd = root_.path(),
                         .log_file = root_.path() / "server.log"};
  process_ = std::make_unique<test::Process>(spec);
  const auto deadline = SteadyClock::now() + 60s;
  auto left = [&] {
    return std::max(
        0ms, std::chrono::duration_cast<std::chrono::milliseconds>(deadline - SteadyClock::now()));
  };
  while (endpoint_.empty()) {
    auto line = process_->read_line(left());
    if (!line) {
      throw std::runtime_error("latch did not start:\n" + log());
    }
    if (line->rfind(kListening, 0) == 0) {
      port_ = static_cast<unsigned short>(std::stoi(line->substr(line->rfind(':') + 1)));
    } else if (auto at = line->find(kEndpoint); port_ && at != std::string::npos) {
      endpoint_ = trim(std::string_view(*line).substr(at + kEndpoint.size()));
    }
  }
  while (left() > 0ms) {
    try {
      if (get("/readyz").status == 200) {
        return;
      }
    } catch (const std::exception&) {
    }
    std::this_thread::sleep_for(20ms);
  }
  throw std::runtime_error("latch /readyz did not answer 200:\n" + log());
}

LatchServer::~LatchServer() { stop(); }

void LatchServer::stop() {
  if (process_->running()) {
    process_->signal(SIGTERM);
    if (!process_->wait_for(10s)) {
      process_->signal(SIGKILL);
      process_->wait_for(5s);
    }
  }
}

std::string LatchServer::log() const {
  std::ifstream in(root_.path() / "server.log");
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<std::string> LatchServer::environment() const {
  std::vector<std::string> out;
  for (char** entry = environ; entry && *entry; ++entry) {
    std::string_view text(*entry);
    if (text.rfind("LATCH_", 0) != 0) {
      out.emplace_back(text);
    }
  }
  out.push_back("LATCH_DATA_DIR=" + (root_.path() / "data").string());
  out.push_back("LATCH_PORT=0");
  out.push_back("LATCH_BIND_ADDRESS=127.0.0.1");
  out.push_back("LATCH_LOG_LEVEL=info");
  out.insert(out.end(), extra_env_.begin(), extra_env_.end());
  return out;
}

test::ProcessResult LatchServer::cli(std::vector<std::string> args) const {
  test::ProcessSpec spec{
      .argv = {latch_binary().string()}, .env = environment(), .cwd = root_.path()};
  spec.argv.insert(spec.argv.end(), args.begin(), args.end());
  return test::run_process(spec, 60s);
}

boost::json::value LatchServer::cli_json(std::vector<std::string> args) const {
  std::string command;
  for (const auto& arg : args) {
    command += " " + arg;
  }
  test::ProcessResult run = cli(std::move(args));
  boost::system::error_code ec;
  boost::json::value parsed = boost::json::parse(run.out, ec);
  if (run.exit_code != 0 || ec) {
    throw std::runtime_error("latch" + command + " failed (" + std::to_string(run.exit_code) +
                             "): " + run.err + run.out);
  }
  return parsed;
}

M2mApp create_m2m_app_for(const LatchServer& server, const std::string& indicator,
                          const std::vector<std::string>& resource_scopes,
                          const std::vector<std::string>& granted_scopes) {
  std::vector<std::string> resource = {"resource",    "create",  "--name", "API",
                                       "--indicator", indicator, "--json"};
  for (const auto& scope : resource_scopes) {
    resource.insert(resource.end(), {"--scope", scope});
  }
  std::map<std::string, std::string> ids = scope_ids(server.cli_json(resource));
  auto app = server.cli_json({"app", "create", "--name", "m2m", "--type", "m2m", "--json"});
  M2mApp out{.id = std::string(app.at("id").as_string()),
             .secret = std::string(app.at("secret").as_string())};
  if (granted_scopes.empty()) {
    return out;
  }
  std::vector<std::string> granted;
  for (const auto& scope : granted_scopes) {
    granted.push_back(ids.at(scope));
  }
  ManagementApi api(server);
  std::string role = api.create_role("m2m " + out.id, "MachineToMachine", granted);
  api.call("POST", "/roles/" + role + "/applications",
           boost::json::object{{"applicationIds", boost::json::array{out.id}}}, 201);
  return out;
}

std::string client_credentials_token(const LatchServer& server, const M2mApp& app,
                                     const std::string& resource, const std::string& scope) {
  Headers form = {{"grant_type", "client_credentials"}, {"resource", resource}};
  if (!scope.empty()) {
    form.emplace_back("scope", scope);
  }
  // The server picks up what the CLI wrote within a moment: ask until it knows the app.
  Request request{.method = "POST",
                  .target = "/oidc/token",
                  .headers = {{"Content-Type", "application/x-www-form-urlencoded"},
                              {"Authorization", "Basic " + base64(app.id + ":" + app.secret)}},
                  .body = form_encode(form)};
  Response res = server.request(request);
  for (int attempt = 0; attempt < 50 && res.status != 200; ++attempt) {
    std::this_thread::sleep_for(100ms);
    res = server.request(request);
  }
  boost::system::error_code ec;
  auto body = boost::json::parse(res.body, ec);
  if (res.status != 200 || ec || !body.is_object() || !body.as_object().contains("access_token")) {
    throw std::runtime_error("client credentials failed: " + std::to_string(res.status) + " " +
                             res.body);
  }
  return std::string(body.at("access_token").as_string());
}

}  // namespace latch::sdk_test
