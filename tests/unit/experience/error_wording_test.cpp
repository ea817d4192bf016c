// Issue #15, item 1: behaviour follows an error's key (and its Errc), never its words. Each case
// builds an error as its producer does, then the same error with its description reworded, and
// shows that every surface decides alike: the APIs' code, status and body, where a page sends the
// browser, which error page the OP's refusals get, and what the CLI says.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <string>
#include <vector>

#include "core/error_keys.hpp"
#include "experience/api/experience_api.hpp"
#include "experience/hosted_ui.hpp"
#include "http/form.hpp"
#include "management_api/api_kit.hpp"
#include "oidc/authorization_request.hpp"
#include "server/cli_commands.hpp"
#include "storage/postgres/errors.hpp"
#include "storage/sqlite/errors.hpp"

namespace latch {
namespace {

namespace json = boost::json;

// Other words for the same case, naming what the old checks searched descriptions for.
Error reworded(Error error) {
  error.description = "Reworded: user.suspended identity email phone redirect_uri connector.";
  return error;
}

// An error with no key whose words are exactly a key: words alone must decide nothing.
Error only_words(Errc code, std::string_view words) { return make_error(code, std::string(words)); }

struct Answer {
  unsigned status;
  std::string body;
  std::string retry_after;
};

Answer experience_api(const Error& error) {
  auto res = experience::api_error(error, experience::Lang::En);
  return {res.result_int(), res.body(), std::string(res[http::bhttp::field::retry_after])};
}

Answer management_api(const Error& error) {
  auto res = management_api::error_response(error);
  return {res.result_int(), res.body(), std::string(res[http::bhttp::field::retry_after])};
}

std::string code_of(const Answer& answer) {
  return std::string(json::parse(answer.body).as_object().at("code").as_string());
}

struct Keyed {
  const char* what;
  Error error;
  std::string code;         // the API's code
  unsigned status;          // the experience API's status
  unsigned management = 0;  // the management API's status, when it answers this error
};

std::vector<Keyed> keyed_cases() {
  return {
      {"suspended", experience::flow_error(Errc::Forbidden, keys::kUserSuspended), "user.suspended",
       403, 403},
      {"missing profile",
       experience::flow_error(Errc::InvalidRequest, keys::kMissingProfile, "email,password"),
       "user.missing_profile", 422},
      {"session gone", keyed_error(Errc::NotFound, keys::kSessionNotFound), "session.not_found",
       404},
      {"sqlite: email taken",
       storage::sqlite::conflict_error("UNIQUE constraint failed: users.email_lower", "sql"),
       "user.email_already_in_use", 422, 422},
      {"postgres: identity taken",
       storage::postgres::conflict_error("user_identities_pkey", "", "sql"),
       "user.identity_already_in_use", 422, 422},
      {"rate limited", experience::too_many_requests(30), "request.too_many_requests", 429},
      {"password policy", keyed_error(Errc::InvalidRequest, "password.too_short"),
       "password.too_short", 400, 400},
  };
}

TEST(ErrorWordingTest, TheExperienceApiAnswersByKeyWhateverTheWords) {
  for (const auto& c : keyed_cases()) {
    Answer plain = experience_api(c.error);
    EXPECT_EQ(plain.status, c.status) << c.what;
    EXPECT_EQ(code_of(plain), c.code) << c.what;
    Answer other = experience_api(reworded(c.error));
    EXPECT_EQ(other.status, plain.status) << c.what;
    EXPECT_EQ(other.body, plain.body) << c.what;  // code, message and data alike
    EXPECT_EQ(other.retry_after, plain.retry_after) << c.what;
  }
}

TEST(ErrorWordingTest, TheManagementApiAnswersByKeyWhateverTheWords) {
  for (const auto& c : keyed_cases()) {
    if (c.management == 0) continue;
    Answer plain = management_api(c.error);
    EXPECT_EQ(plain.status, c.management) << c.what;
    EXPECT_EQ(code_of(plain), c.code) << c.what;
    EXPECT_EQ(management_api(reworded(c.error)).body, plain.body) << c.what;
  }
}

TEST(ErrorWordingTest, AMissingProfileListsItsFieldsWhateverTheWords) {
  Error e = experience::flow_error(Errc::InvalidRequest, keys::kMissingProfile, "email,password");
  auto body = json::parse(experience_api(reworded(e)).body).as_object();
  EXPECT_EQ(json::serialize(body.at("data")), R"({"missingProfile":["email","password"]})");
}

TEST(ErrorWordingTest, WordsThatSpellAKeyAreNotTheKey) {
  Answer a = experience_api(only_words(Errc::InvalidRequest, "user.missing_profile"));
  EXPECT_EQ(a.status, 400u);
  EXPECT_EQ(code_of(a), "guard.invalid_input");
  EXPECT_EQ(json::parse(a.body).as_object().count("data"), 0u);
  EXPECT_EQ(code_of(management_api(only_words(Errc::Conflict, "user.email_already_in_use"))),
            "entity.unique_integrity_violation");
}

TEST(ErrorWordingTest, AnErrorAboutAFieldNamesItForTheForm) {
  Error e = with_field(make_error(Errc::InvalidRequest, "signUp.identifiers: must be distinct"),
                       "signUp.identifiers");
  auto body = json::parse(management_api(reworded(e)).body).as_object();
  EXPECT_EQ(body.at("field").as_string(), "signUp.identifiers");
  EXPECT_EQ(json::parse(experience_api(e).body).as_object().at("field").as_string(),
            "signUp.identifiers");
  EXPECT_EQ(json::parse(experience_api(keyed_error(Errc::NotFound, keys::kSessionNotFound)).body)
                .as_object()
                .count("field"),
            0u);
}

TEST(ErrorWordingTest, TheContinuePageRedirectsBySubmitKey) {
  using experience::page_after_submit_failure;
  Error suspended = experience::flow_error(Errc::Forbidden, keys::kUserSuspended);
  Error missing = experience::flow_error(Errc::InvalidRequest, keys::kMissingProfile, "email");
  EXPECT_EQ(page_after_submit_failure(suspended), "/account-suspended");
  EXPECT_EQ(page_after_submit_failure(reworded(suspended)), "/account-suspended");
  EXPECT_EQ(page_after_submit_failure(missing), "/continue");
  EXPECT_EQ(page_after_submit_failure(reworded(missing)), "/continue");
  EXPECT_EQ(page_after_submit_failure(only_words(Errc::Forbidden, "user.suspended")), "");
  EXPECT_EQ(page_after_submit_failure(keyed_error(Errc::NotFound, keys::kSessionNotFound)), "");
}

TEST(ErrorWordingTest, TheCodeAndSocialPagesOfferSignUpByKey) {
  Error none = experience::flow_error(Errc::NotFound, keys::kIdentityNotExist);
  EXPECT_TRUE(experience::no_account_yet(none));
  EXPECT_TRUE(experience::no_account_yet(reworded(none)));
  EXPECT_FALSE(experience::no_account_yet(only_words(Errc::NotFound, "user.identity_not_exist")));
  EXPECT_FALSE(experience::no_account_yet(keyed_error(Errc::NotFound, keys::kSessionNotFound)));
}

TEST(ErrorWordingTest, TheSocialCallbackPageReadsTheConnectorsKey) {
  using experience::social_failure_of;
  using experience::SocialFailure;
  struct Case {
    Error error;
    SocialFailure failure;
  };
  for (const auto& c : std::vector<Case>{
           {keyed_error(Errc::AccessDenied, keys::kAuthorizationFailed), SocialFailure::Denied},
           {keyed_error(Errc::InvalidRequest, keys::kRedirectUriMismatch),
            SocialFailure::CallbackRefused},
           {keyed_error(Errc::Unavailable, keys::kInvalidConnectorConfig),
            SocialFailure::Misconfigured},
           {keyed_error(Errc::InvalidRequest, "connector.general"), SocialFailure::ProviderFailed},
           {keyed_error(Errc::InvalidRequest, "session.social_state_invalid"),
            SocialFailure::Other},
       }) {
    EXPECT_EQ(social_failure_of(c.error), c.failure) << c.error.key;
    EXPECT_EQ(social_failure_of(reworded(c.error)), c.failure) << c.error.key;
  }
  EXPECT_EQ(social_failure_of(only_words(Errc::AccessDenied, "connector.authorization_failed")),
            SocialFailure::Other);
}

TEST(ErrorWordingTest, TheOpsErrorPageExplainsARedirectUriByKey) {
  using experience::Lang;
  using experience::op_error_phrase;
  Error redirect = with_key(make_error(Errc::InvalidRequest, "redirect_uri is not registered"),
                            keys::kInvalidRedirectUri);
  for (Lang lang : {Lang::En, Lang::Ja}) {
    EXPECT_EQ(op_error_phrase(redirect, lang), "error.oidc.invalid_redirect_uri");
    Error other = redirect;
    other.description = "the address to return to is unknown";
    EXPECT_EQ(op_error_phrase(other, lang), "error.oidc.invalid_redirect_uri");
  }
  EXPECT_EQ(op_error_phrase(reworded(make_error(Errc::InvalidRequest, "x")), Lang::En),
            "error.oauth.invalid_request");
  EXPECT_EQ(op_error_phrase(make_error(Errc::InvalidClient, "redirect_uri"), Lang::En),
            "error.oauth.invalid_client");
  // The experience's own keyed errors explain themselves on the ordinary error page.
  EXPECT_EQ(op_error_phrase(keyed_error(Errc::NotFound, keys::kSessionNotFound), Lang::En), "");
}

TEST(ErrorWordingTest, AnUnregisteredRedirectUriIsKeyed) {
  oidc::CatalogSnapshot catalog;
  oidc::ClientEntry web;
  web.app.id = "web";
  web.app.type = model::AppType::Traditional;
  web.app.redirect_uris = {"https://app.example/callback"};
  catalog.clients.emplace("web", web);
  for (std::string query : {"client_id=web&redirect_uri=https%3A%2F%2Fevil.example%2F",
                            "client_id=web&response_type=code"}) {
    auto parsed = oidc::parse_authorization_request(*http::parse_form(query), catalog);
    ASSERT_FALSE(parsed) << query;
    EXPECT_FALSE(parsed.error().redirect) << query;
    EXPECT_EQ(parsed.error().error.key, keys::kInvalidRedirectUri) << query;
  }
  auto unknown = oidc::parse_authorization_request(
      *http::parse_form("client_id=nobody&redirect_uri=https%3A%2F%2Fapp.example%2Fcallback"),
      catalog);
  ASSERT_FALSE(unknown);
  EXPECT_TRUE(unknown.error().error.key.empty());
}

TEST(ErrorWordingTest, TheCliNamesTheFactoryListForAnUnknownConnectorByKey) {
  Error unknown = keyed_error(Errc::NotFound, keys::kSocialNotFound);
  for (const Error& e : {unknown, reworded(unknown)}) {
    Error said = server::connector_create_failure(e, "nope");
    EXPECT_EQ(said.description, "unknown connector nope (see latch connector factories)");
  }
  Error taken = keyed_error(Errc::Conflict, "connector.target_in_use");
  EXPECT_EQ(server::connector_create_failure(taken, "github").key, "connector.target_in_use");
  EXPECT_EQ(server::connector_create_failure(
                only_words(Errc::NotFound, "connector.social_not_found"), "nope")
                .description,
            "connector.social_not_found");
}

}  // namespace
}  // namespace latch
