#include "support/test_server.hpp"

#include <gtest/gtest.h>
#include <signal.h>

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace latch::test {
namespace {

using namespace std::chrono_literals;
using SteadyClock = std::chrono::steady_clock;

constexpr std::string_view kListening = "Latch listening on ";
constexpr std::string_view kEndpoint = "endpoint:";

std::string trim(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\r')) text.remove_suffix(1);
  return std::string(text);
}

}  // namespace

std::filesystem::path latch_binary() {
  const char* configured = std::getenv("LATCH_BINARY");
  std::filesystem::path path = configured && *configured ? configured : "./build/latch";
  return std::filesystem::absolute(path);
}

TestServer::TestServer(TestServerOptions options)
    : data_dir_(root_.path() / "data"), binary_(latch_binary()) {
  env_ = {{"LATCH_DATA_DIR", data_dir_.string()},
          {"LATCH_PORT", "0"},
          {"LATCH_BIND_ADDRESS", "127.0.0.1"},
          {"LATCH_LOG_LEVEL", "info"}};
  if (options.postgres) {
    schema_ = std::make_unique<PostgresSchema>();
    env_["LATCH_DATABASE"] = schema_->url();
  }
  for (const auto& [name, value] : options.env) env_[name] = value;
  for (const auto& [path, content] : options.files) {
    std::ofstream(root_.path() / path) << content;
  }
  args_ = options.args;
  open_files_limit_ = options.open_files_limit;
  startup_timeout_ = options.startup_timeout;
  start();
}

void TestServer::start() {
  ProcessSpec spec{.argv = {binary_.string(), "serve"},
                   .env = environment({}),
                   .cwd = root_.path(),
                   .log_file = log_path(),
                   .open_files_limit = open_files_limit_};
  spec.argv.insert(spec.argv.end(), args_.begin(), args_.end());
  process_ = std::make_unique<Process>(spec);
  port_ = 0;
  endpoint_.clear();
  const auto deadline = SteadyClock::now() + startup_timeout_;
  read_banner(startup_timeout_);
  wait_ready(std::chrono::duration_cast<std::chrono::milliseconds>(deadline - SteadyClock::now()));
}

void TestServer::restart(bool kill) {
  if (kill) {
    process_->signal(SIGKILL);
    (void)process_->wait_for(std::chrono::seconds(10));
  } else {
    (void)stop();
  }
  start();
}

TestServer::~TestServer() {
  stop();
  // Sanitizer builds: a report in the server's log fails the test that ran it, even when the
  // server kept answering.
  std::string text = log();
  if (text.find("Sanitizer") != std::string::npos ||
      text.find("runtime error:") != std::string::npos) {
    ADD_FAILURE() << "the server's log has a sanitizer report:\n" << text;
  }
}

std::string TestServer::base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }

std::string TestServer::log() const {
  std::ifstream in(log_path());
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string TestServer::sql(const std::string& statement) const {
  ProcessSpec spec{.argv = {"/usr/bin/sqlite3", "-cmd", ".timeout 5000",
                            (data_dir_ / "latch.db").string(), statement}};
  ProcessResult result = run_process(spec, std::chrono::seconds(10));
  EXPECT_EQ(result.exit_code, 0) << statement << ": " << result.err;
  while (!result.out.empty() && result.out.back() == '\n') result.out.pop_back();
  return result.out;
}

ProcessResult TestServer::cli(std::vector<std::string> args) const {
  return cli(CliRun{.args = std::move(args)});
}

ProcessResult TestServer::cli(const CliRun& run) const {
  ProcessSpec spec{.argv = {binary_.string()}, .env = environment(run.env), .cwd = root_.path()};
  spec.argv.insert(spec.argv.end(), run.args.begin(), run.args.end());
  return run_process(spec, run.timeout);
}

std::optional<int> TestServer::stop(std::chrono::milliseconds timeout) {
  process_->signal(SIGTERM);
  return process_->wait_for(timeout);
}

// The banner: "Latch listening on ADDRESS:PORT", then "  endpoint: URL", "  issuer: ...".
void TestServer::read_banner(std::chrono::milliseconds timeout) {
  const auto deadline = SteadyClock::now() + timeout;
  auto left = [&] {
    return std::chrono::duration_cast<std::chrono::milliseconds>(deadline - SteadyClock::now());
  };
  while (endpoint_.empty()) {
    auto line = process_->read_line(std::max(left(), 0ms));
    if (!line) fail(port_ ? "no endpoint line in the banner" : "the server did not start");
    if (line->rfind(kListening, 0) == 0) {
      port_ = static_cast<unsigned short>(std::stoi(line->substr(line->rfind(':') + 1)));
    } else if (auto at = line->find(kEndpoint); port_ && at != std::string::npos) {
      endpoint_ = trim(std::string_view(*line).substr(at + kEndpoint.size()));
    }
  }
}

void TestServer::wait_ready(std::chrono::milliseconds timeout) {
  const auto deadline = SteadyClock::now() + timeout;
  std::string last;
  do {
    try {
      HttpResponse res = client().get("/readyz");
      if (res.status == 200) return;
      last = "status " + std::to_string(res.status);
    } catch (const std::exception& e) {
      last = e.what();
    }
    std::this_thread::sleep_for(20ms);
  } while (SteadyClock::now() < deadline);
  fail("/readyz did not answer 200 (" + last + ")");
}

std::vector<std::string> TestServer::environment(const EnvChanges& changes) const {
  std::map<std::string, std::string> vars;
  for (char** entry = environ; entry && *entry; ++entry) {
    std::string_view text(*entry);
    std::size_t eq = text.find('=');
    if (eq == std::string_view::npos || text.rfind("LATCH_", 0) == 0) continue;
    vars.emplace(text.substr(0, eq), text.substr(eq + 1));
  }
  for (const auto* layer : {&env_, &changes}) {
    for (const auto& [name, value] : *layer) {
      if (value) {
        vars[name] = *value;
      } else {
        vars.erase(name);
      }
    }
  }
  std::vector<std::string> out;
  for (const auto& [name, value] : vars) out.push_back(name + "=" + value);
  return out;
}

void TestServer::fail(const std::string& why) const {
  throw std::runtime_error("TestServer: " + why + "\n--- " + binary_.string() + " log ---\n" +
                           log());
}

}  // namespace latch::test
