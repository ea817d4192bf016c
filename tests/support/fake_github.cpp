#include "support/fake_github.hpp"

#include <boost/json/serialize.hpp>
#include <cstdlib>
#include <stdexcept>

#include "support/http_test_client.hpp"

namespace latch::test {

namespace json = boost::json;
namespace bhttp = boost::beast::http;

FakeGitHub::FakeGitHub() {
  std::string script = std::string(LATCH_SOURCE_DIR) + "/tests/fakes/github/fake_github.mjs";
  const char* path = std::getenv("PATH");
  process_ = std::make_unique<Process>(
      ProcessSpec{.argv = {"/usr/bin/env", "node", script, "--port", "0"},
                  .env = {std::string("PATH=") + (path ? path : "/usr/local/bin:/usr/bin:/bin")}});
  auto line = process_->read_line(std::chrono::seconds(20));
  constexpr std::string_view kPrefix = "listening on http://127.0.0.1:";
  if (!line || !line->starts_with(kPrefix)) {
    throw std::runtime_error("the fake GitHub did not start: " + line.value_or("(no output)"));
  }
  port_ = static_cast<unsigned short>(std::stoi(line->substr(kPrefix.size())));
}

void FakeGitHub::control(std::string_view method, std::string_view path, const json::value& body) {
  HttpTestClient client("127.0.0.1", port_);
  auto verb = method == "POST" ? bhttp::verb::post : bhttp::verb::put;
  auto res =
      client.request(verb, path, json::serialize(body), {{"Content-Type", "application/json"}});
  if (res.status / 100 != 2) {
    throw std::runtime_error("fake GitHub " + std::string(path) + " answered " +
                             std::to_string(res.status) + ": " + res.body);
  }
}

void FakeGitHub::register_app(const std::string& client_id, const std::string& client_secret,
                              const std::string& callback_url, const std::string& name) {
  control("POST", "/_fake/apps",
          json::object{{"client_id", client_id},
                       {"client_secret", client_secret},
                       {"callback_url", callback_url},
                       {"name", name}});
}

void FakeGitHub::set_user(const json::object& user) { control("PUT", "/_fake/user", user); }

void FakeGitHub::set_faults(const json::object& faults) { control("PUT", "/_fake/faults", faults); }

void FakeGitHub::set_auto_approve(bool enabled) {
  control("PUT", "/_fake/auto_approve", json::object{{"enabled", enabled}});
}

json::array FakeGitHub::token_requests() {
  HttpTestClient client("127.0.0.1", port_);
  auto body = client.get("/_fake/token_requests").json();
  return body.is_array() ? body.as_array() : json::array{};
}

void FakeGitHub::reset() { control("POST", "/_fake/reset", json::object{}); }

}  // namespace latch::test
