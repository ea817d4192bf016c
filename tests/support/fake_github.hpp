#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <memory>
#include <string>

#include "support/subprocess.hpp"

namespace latch::test {

// tests/fakes/github/fake_github.mjs run as a child process (node) on 127.0.0.1 and an
// ephemeral port, driven through its /_fake control API. Serves both GitHub's OAuth pages and
// its REST API, so a connector's oauthBaseUrl and apiBaseUrl are both base_url(). Throws
// std::runtime_error when it cannot start or a control call fails. Not thread-safe.
class FakeGitHub {
 public:
  FakeGitHub();
  unsigned short port() const { return port_; }
  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }

  // An OAuth app as registered at GitHub.
  void register_app(const std::string& client_id, const std::string& client_secret,
                    const std::string& callback_url, const std::string& name = "Latch test");
  // The GitHub account that signs in: {id, login, name, email, avatar_url, emails: [...]}.
  void set_user(const boost::json::object& user);
  // Per endpoint (authorize, token, user, emails): ok, status500, garbage, hang, wrong_shape.
  void set_faults(const boost::json::object& faults);
  // Off: the authorize page waits for a click on Authorize or Cancel.
  void set_auto_approve(bool enabled);
  // The token requests received: {client_id, redirect_uri, code, had_secret}.
  boost::json::array token_requests();
  void reset();

 private:
  void control(std::string_view method, std::string_view path, const boost::json::value& body);

  std::unique_ptr<Process> process_;
  unsigned short port_ = 0;
};

}  // namespace latch::test
