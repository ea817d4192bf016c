#include "core/error.hpp"

#include <gtest/gtest.h>

#include <string>

namespace latch {
namespace {

struct WireCase {
  Errc code;
  std::string wire;
};

class OauthErrorCodeTest : public ::testing::TestWithParam<WireCase> {};

TEST_P(OauthErrorCodeTest, MapsToTheRfcWireString) {
  EXPECT_EQ(oauth_error_code(GetParam().code), GetParam().wire);
}

INSTANTIATE_TEST_SUITE_P(
    Error, OauthErrorCodeTest,
    ::testing::Values(WireCase{Errc::InvalidRequest, "invalid_request"},
                      WireCase{Errc::InvalidClient, "invalid_client"},
                      WireCase{Errc::InvalidGrant, "invalid_grant"},
                      WireCase{Errc::UnauthorizedClient, "unauthorized_client"},
                      WireCase{Errc::UnsupportedGrantType, "unsupported_grant_type"},
                      WireCase{Errc::UnsupportedResponseType, "unsupported_response_type"},
                      WireCase{Errc::InvalidScope, "invalid_scope"},
                      WireCase{Errc::InvalidTarget, "invalid_target"},
                      WireCase{Errc::AccessDenied, "access_denied"},
                      WireCase{Errc::InvalidToken, "invalid_token"},
                      WireCase{Errc::InsufficientScope, "insufficient_scope"},
                      WireCase{Errc::UnsupportedTokenType, "unsupported_token_type"},
                      WireCase{Errc::LoginRequired, "login_required"},
                      WireCase{Errc::ConsentRequired, "consent_required"},
                      WireCase{Errc::InteractionRequired, "interaction_required"},
                      WireCase{Errc::Unavailable, "temporarily_unavailable"},
                      WireCase{Errc::Internal, "server_error"}),
    [](const auto& info) { return std::string(errc_name(info.param.code)); });

TEST(ErrcNameTest, GenericCodesHaveTheirOwnNames) {
  EXPECT_EQ(errc_name(Errc::NotFound), "not_found");
  EXPECT_EQ(errc_name(Errc::Conflict), "conflict");
  EXPECT_EQ(errc_name(Errc::Internal), "internal");
}

TEST(ErrcNameTest, ProtocolCodesUseTheWireString) {
  EXPECT_EQ(errc_name(Errc::InvalidGrant), "invalid_grant");
}

TEST(MakeErrorTest, KeepsCodeDescriptionAndDetailApart) {
  Error e = make_error(Errc::InvalidScope, "safe", "private");
  EXPECT_EQ(e.code, Errc::InvalidScope);
  EXPECT_EQ(e.description, "safe");
  EXPECT_EQ(e.detail, "private");
  EXPECT_TRUE(e.key.empty());
  EXPECT_TRUE(e.field.empty());
}

TEST(KeyedErrorTest, CarriesTheKeyAndRepeatsItForTheLog) {
  Error e = keyed_error(Errc::Forbidden, "user.suspended", "private");
  EXPECT_EQ(e.code, Errc::Forbidden);
  EXPECT_EQ(e.key, "user.suspended");
  EXPECT_EQ(e.description, "user.suspended");
  EXPECT_EQ(e.detail, "private");
}

TEST(KeyedErrorTest, WithKeyKeepsTheWordsForPeople) {
  Error e =
      with_key(make_error(Errc::Conflict, "email is already in use"), "user.email_already_in_use");
  EXPECT_EQ(e.key, "user.email_already_in_use");
  EXPECT_EQ(e.description, "email is already in use");
}

TEST(KeyedErrorTest, WithFieldNamesTheMember) {
  Error e = with_field(make_error(Errc::InvalidRequest, "name is too long"), "name");
  EXPECT_EQ(e.field, "name");
  EXPECT_EQ(e.description, "name is too long");
}

}  // namespace
}  // namespace latch
