// /api/organization-invitations with Logto's shapes and codes (Logto's
// organization-invitation.{creation,get,status}.test.ts), and the invitation email through the
// SMTP fake: the app's link or Latch's own invitation page, English and Japanese, the
// connector's template, resend.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <chrono>

#include "fakes/smtp/fake_smtp_server.hpp"
#include "support/eventually.hpp"
#include "support/provisioning.hpp"
#include "support/shared_server.hpp"

namespace latch::test {
namespace {

namespace json = boost::json;
using boost::beast::http::verb;

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

class OrganizationInvitationsApiTest : public SharedServerTest<OrganizationInvitationsApiTest> {
 public:
  static void provision(TestServer& server) {
    auto app = create_app(server, "m2m", {"--management-api"});
    if (!wait_until_token_issued(server, app, "urn:latch:management")) {
      throw std::runtime_error("the server did not load the app");
    }
    auto res = token_with_basic(
        server, app, "grant_type=client_credentials&resource=urn:latch:management&scope=all");
    token_ = json_text(res.json(), "access_token");
  }

 protected:
  HttpResponse call(verb method, const std::string& path, const json::value& body = nullptr) {
    return management_request(server(), method, path, body, token_);
  }

  // The id of what a POST created (201), failing the test otherwise.
  std::string created(const std::string& path, const json::object& body) {
    auto res = call(verb::post, path, body);
    EXPECT_EQ(res.status, 201u) << path << " " << res.body;
    return res.status == 201u ? json_text(res.json(), "id") : "";
  }
  std::string organization(const std::string& name) {
    return created("/api/organizations", {{"name", name}});
  }
  std::string user(const std::string& email) {
    auto res = call(verb::post, "/api/users", json::object{{"primaryEmail", email}});
    EXPECT_EQ(res.status, 200u) << res.body;
    return json_text(res.json(), "id");
  }
  std::string email(const std::string& local) {
    return local + "-" + std::to_string(++serial_) + "@example.com";
  }
  HttpResponse invite(const std::string& organization_id, const std::string& invitee,
                      json::object extra = {}) {
    json::object body{{"organizationId", organization_id},
                      {"invitee", invitee},
                      {"expiresAt", now_ms() + 1'000'000}};
    for (auto& [k, v] : extra) body[k] = v;
    return call(verb::post, "/api/organization-invitations", body);
  }
  void use_smtp(const FakeSmtpServer& smtp, json::object extra = {}) {
    call(verb::delete_, "/api/connectors/simple-mail-transfer-protocol");
    json::object config{{"host", "127.0.0.1"},
                        {"port", smtp.port()},
                        {"security", "none"},
                        {"from", "Latch <no-reply@example.test>"}};
    for (auto& [k, v] : extra) config[k] = v;
    auto res = call(verb::post, "/api/connectors",
                    json::object{{"connectorId", "simple-mail-transfer-protocol"},
                                 {"config", std::move(config)}});
    ASSERT_EQ(res.status, 200u) << res.body;
  }

  static void expect_error(const HttpResponse& res, unsigned status, const std::string& code) {
    EXPECT_EQ(res.status, status) << res.body;
    EXPECT_EQ(json_text(res.json(), "code"), code) << res.body;
  }

  static inline std::string token_;
  static inline int serial_ = 0;
};

TEST_F(OrganizationInvitationsApiTest, CreatesAPendingInvitationInLogtosShape) {
  auto org = organization("Acme");
  auto inviter = user(email("inviter"));
  auto res = invite(org, "New.Person@Example.com", {{"inviterId", inviter}});
  ASSERT_EQ(res.status, 201u) << res.body;
  auto v = res.json().as_object();
  EXPECT_EQ(v.at("invitee"), "new.person@example.com");
  EXPECT_EQ(v.at("inviterId"), json::value(inviter));
  EXPECT_EQ(v.at("organizationId"), json::value(org));
  EXPECT_EQ(v.at("status"), "Pending");
  EXPECT_TRUE(v.at("acceptedUserId").is_null());
  EXPECT_TRUE(v.at("organizationRoles").as_array().empty());
  for (auto key : {"id", "createdAt", "updatedAt", "expiresAt"}) EXPECT_TRUE(v.contains(key));
  auto again = call(verb::get, "/api/organization-invitations/" + json_text(v, "id"));
  ASSERT_EQ(again.status, 200u);
  EXPECT_EQ(again.json(), res.json());
}

TEST_F(OrganizationInvitationsApiTest, ListsByOrganizationInviterAndInviteeWithoutPages) {
  auto org1 = organization("One");
  auto org2 = organization("Two");
  auto inviter = user(email("boss"));
  auto shouting = email("CASE");
  ASSERT_EQ(invite(org1, shouting, {{"inviterId", inviter}}).status, 201u);
  ASSERT_EQ(invite(org2, email("b"), {{"inviterId", inviter}}).status, 201u);
  ASSERT_EQ(invite(org1, email("c")).status, 201u);
  for (int i = 0; i < 25; ++i) ASSERT_EQ(invite(org2, email("many")).status, 201u);
  auto by_org = call(verb::get, "/api/organization-invitations?organizationId=" + org1);
  ASSERT_EQ(by_org.status, 200u);
  EXPECT_EQ(by_org.json().as_array().size(), 2u);
  auto by_inviter = call(verb::get, "/api/organization-invitations?inviterId=" + inviter);
  EXPECT_EQ(by_inviter.json().as_array().size(), 2u);
  std::string lower = shouting;
  for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  auto by_invitee = call(verb::get, "/api/organization-invitations?invitee=" + lower);
  ASSERT_EQ(by_invitee.json().as_array().size(), 1u);
  EXPECT_EQ(json_text(by_invitee.json().as_array()[0], "invitee"), lower);
  auto all_of_two = call(verb::get, "/api/organization-invitations?organizationId=" + org2);
  EXPECT_EQ(all_of_two.json().as_array().size(), 26u);  // no pagination, as Logto
}

TEST_F(OrganizationInvitationsApiTest, RefusesBadInvitationsWithLogtosCodes) {
  auto org = organization("Strict");
  expect_error(invite(org, "invalid"), 400, "guard.invalid_input");
  expect_error(invite("no-such-org", email("x")), 422, "entity.relation_foreign_key_not_found");
  auto past = invite(org, email("late"), {{"expiresAt", now_ms() - 1'000'000}});
  expect_error(past, 400, "request.invalid_input");
  auto role = invite(org, email("r"), {{"organizationRoleIds", json::array{"no-such-role"}}});
  expect_error(role, 422, "entity.relation_foreign_key_not_found");
  expect_error(invite(org, email("u"), {{"color", "red"}}), 400, "guard.invalid_input");
  auto twice = email("twice");
  ASSERT_EQ(invite(org, twice).status, 201u);
  expect_error(invite(org, twice), 422, "entity.unique_integrity_violation");
  EXPECT_EQ(invite(organization("Other"), twice).status, 201u);  // another organization is fine
}

TEST_F(OrganizationInvitationsApiTest, RefusesToInviteAMember) {
  auto org = organization("Members");
  auto address = email("member");
  auto member = user(address);
  auto added = call(verb::post, "/api/organizations/" + org + "/users",
                    json::object{{"userIds", json::array{json::value(member)}}});
  ASSERT_EQ(added.status, 201u) << added.body;
  expect_error(invite(org, address), 422, "request.invalid_input");
}

TEST_F(OrganizationInvitationsApiTest, AcceptingJoinsTheOrganizationWithTheRoles) {
  auto org = organization("Joinable");
  auto role = created("/api/organization-roles", {{"name", "member-" + email("r")}});
  auto address = email("joiner");
  auto res = invite(org, address, {{"organizationRoleIds", json::array{json::value(role)}}});
  ASSERT_EQ(res.status, 201u) << res.body;
  auto id = json_text(res.json(), "id");
  ASSERT_EQ(res.json().at("organizationRoles").as_array().size(), 1u);
  EXPECT_EQ(json_text(res.json().at("organizationRoles").as_array()[0], "id"), role);
  auto joiner = user(address);
  auto accepted = call(verb::put, "/api/organization-invitations/" + id + "/status",
                       json::object{{"status", "Accepted"}, {"acceptedUserId", joiner}});
  ASSERT_EQ(accepted.status, 200u) << accepted.body;
  EXPECT_EQ(json_text(accepted.json(), "status"), "Accepted");
  EXPECT_EQ(json_text(accepted.json(), "acceptedUserId"), joiner);
  auto members = call(verb::get, "/api/organizations/" + org + "/users");
  ASSERT_EQ(members.status, 200u) << members.body;
  ASSERT_EQ(members.json().as_array().size(), 1u);
  const auto& member = members.json().as_array()[0];
  EXPECT_EQ(json_text(member, "id"), joiner);
  ASSERT_EQ(member.at("organizationRoles").as_array().size(), 1u);
  EXPECT_EQ(json_text(member.at("organizationRoles").as_array()[0], "id"), role);
  // An accepted invitation has ended.
  auto again = call(verb::put, "/api/organization-invitations/" + id + "/status",
                    json::object{{"status", "Revoked"}});
  expect_error(again, 422, "request.invalid_input");
}

TEST_F(OrganizationInvitationsApiTest, AcceptingNeedsTheInviteesAccount) {
  auto org = organization("Careful");
  auto id = json_text(invite(org, email("invitee")).json(), "id");
  auto path = "/api/organization-invitations/" + id + "/status";
  auto stranger = user(email("stranger"));
  expect_error(
      call(verb::put, path, json::object{{"status", "Accepted"}, {"acceptedUserId", stranger}}),
      422, "request.invalid_input");
  expect_error(
      call(verb::put, path, json::object{{"status", "Accepted"}, {"acceptedUserId", "nobody"}}),
      404, "entity.not_found");
  expect_error(call(verb::put, path, json::object{{"status", "Accepted"}}), 422,
               "request.invalid_input");
  expect_error(call(verb::put, path, json::object{{"status", "Expired"}}), 400,
               "guard.invalid_input");
  auto revoked = call(verb::put, path, json::object{{"status", "Revoked"}});
  ASSERT_EQ(revoked.status, 200u) << revoked.body;
  EXPECT_EQ(json_text(revoked.json(), "status"), "Revoked");
  expect_error(
      call(verb::put, path, json::object{{"status", "Accepted"}, {"acceptedUserId", stranger}}),
      422, "request.invalid_input");
}

TEST_F(OrganizationInvitationsApiTest, ExpiresAfterItsDeadlineAndCannotBeAcceptedThen) {
  auto org = organization("Hurry");
  auto address = email("slow");
  auto res = invite(org, address, {{"expiresAt", now_ms() + 300}});
  ASSERT_EQ(res.status, 201u) << res.body;
  auto id = json_text(res.json(), "id");
  EXPECT_TRUE(eventually([&] {
    auto got = call(verb::get, "/api/organization-invitations/" + id);
    return json_text(got.json(), "status") == "Expired";
  }));
  auto late = user(address);
  auto accepted = call(verb::put, "/api/organization-invitations/" + id + "/status",
                       json::object{{"status", "Accepted"}, {"acceptedUserId", late}});
  expect_error(accepted, 422, "request.invalid_input");
  // An expired invitation does not block a new one.
  EXPECT_EQ(invite(org, address).status, 201u);
}

TEST_F(OrganizationInvitationsApiTest, DeletesAndAnswersUnknownIdsWith404) {
  auto id = json_text(invite(organization("Gone"), email("gone")).json(), "id");
  EXPECT_EQ(call(verb::delete_, "/api/organization-invitations/" + id).status, 204u);
  expect_error(call(verb::get, "/api/organization-invitations/" + id), 404,
               "entity.not_exists_with_id");
  expect_error(call(verb::delete_, "/api/organization-invitations/" + id), 404,
               "entity.not_exists_with_id");
  expect_error(call(verb::post, "/api/organization-invitations/" + id + "/message",
                    json::object{{"link", "https://example.com"}}),
               404, "entity.not_exists_with_id");
}

TEST_F(OrganizationInvitationsApiTest, EmailCarriesTheAppsLinkAndResendsWithANewOne) {
  FakeSmtpServer smtp;
  use_smtp(smtp);
  auto org = organization("Mailers Inc");
  auto inviter = user(email("sender"));
  call(verb::patch, "/api/users/" + inviter, json::object{{"name", "Sam Sender"}});
  auto address = email("mailee");
  auto res = invite(org, address,
                    {{"inviterId", inviter}, {"messagePayload", {{"link", "https://app.test/j"}}}});
  ASSERT_EQ(res.status, 201u) << res.body;
  auto mail = smtp.wait_for(1);
  EXPECT_EQ(mail.to, address);
  EXPECT_NE(mail.subject().find("Mailers Inc"), std::string::npos) << mail.subject();
  EXPECT_NE(mail.text().find("https://app.test/j"), std::string::npos) << mail.text();
  EXPECT_NE(mail.text().find("Sam Sender"), std::string::npos) << mail.text();
  auto id = json_text(res.json(), "id");
  auto resent = call(verb::post, "/api/organization-invitations/" + id + "/message",
                     json::object{{"link", "https://app.test/again"}});
  ASSERT_EQ(resent.status, 204u) << resent.body;
  EXPECT_NE(smtp.wait_for(2).text().find("https://app.test/again"), std::string::npos);
}

TEST_F(OrganizationInvitationsApiTest, EmailWithoutALinkPointsToLatchsInvitationPage) {
  FakeSmtpServer smtp;
  use_smtp(smtp);
  auto res =
      invite(organization("Self Hosted"), email("page"), {{"messagePayload", json::object{}}});
  ASSERT_EQ(res.status, 201u) << res.body;
  auto link = server().endpoint() + "/invitation/" + json_text(res.json(), "id");
  auto text = smtp.wait_for(1).text();
  EXPECT_NE(text.find(link), std::string::npos) << text;
  auto page = server().client().get("/invitation/" + json_text(res.json(), "id"));
  EXPECT_EQ(page.status, 200u);
  EXPECT_NE(page.body.find("Self Hosted"), std::string::npos);
}

TEST_F(OrganizationInvitationsApiTest, EmailSpeaksJapaneseAndUsesTheConnectorsTemplate) {
  FakeSmtpServer smtp;
  use_smtp(smtp,
           {
    {
      "templates", {
        {
          "en", {
            {
              "OrganizationInvitation", {
                {"subject", "Come to {organization}"}, { "body", "Go: {link} ({inviter})" }
              }
            }
          }
        }
      }
    }}
});
auto org = organization("Nihon");
ASSERT_EQ(invite(org, email("ja"),
                 {{"messagePayload", {{"locale", "ja"}, {"link", "https://a.test"}}}})
              .status,
          201u);
auto ja = smtp.wait_for(1);
EXPECT_NE(ja.subject().find("招待"), std::string::npos) << ja.subject();
EXPECT_NE(ja.text().find("https://a.test"), std::string::npos);
ASSERT_EQ(invite(org, email("en"), {{"messagePayload", {{"link", "https://b.test"}}}}).status,
          201u);
auto en = smtp.wait_for(2);
EXPECT_EQ(en.subject(), "Come to Nihon");
EXPECT_EQ(en.text(), "Go: https://b.test ()");
}

TEST_F(OrganizationInvitationsApiTest, WithoutAnEmailConnectorAnswers501AndKeepsNothing) {
  call(verb::delete_, "/api/connectors/simple-mail-transfer-protocol");
  auto org = organization("Silent");
  auto res = invite(org, email("quiet"), {{"messagePayload", {{"link", "https://x.test"}}}});
  expect_error(res, 501, "connector.not_found");
  auto list = call(verb::get, "/api/organization-invitations?organizationId=" + org);
  EXPECT_TRUE(list.json().as_array().empty());
}

}  // namespace
}  // namespace latch::test
