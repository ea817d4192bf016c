// How the OIDC endpoints read bodies and shape answers around the protocol, as Logto's provider
// does: form charsets, NUL bytes, JSON that is not an object, unknown routes, ETags and gzip.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <string>

#include "support/provisioning.hpp"
#include "support/shared_server.hpp"

namespace latch::test {
namespace {

constexpr const char* kOrders = "https://orders.example.test";

class OidcHttpShapesTest : public SharedServerTest<OidcHttpShapesTest> {
 public:
  static void provision(TestServer& server) {
    create_resource(server, {.indicator = kOrders, .scopes = {"read:orders"}});
    app_ = create_app(server, "m2m");
    grant_scopes(server, app_.id, kOrders, {"read:orders"});
    if (!wait_until_token_issued(server, app_, kOrders)) {
      throw std::runtime_error("the server did not pick up the provisioned data");
    }
  }

 protected:
  HttpResponse token(std::string body, const std::string& content_type) {
    return server().client().post("/oidc/token", std::move(body), {{"Content-Type", content_type}});
  }
  std::string form() const {
    return "grant_type=client_credentials&client_id=" + app_.id + "&client_secret=" + app_.secret +
           "&resource=https%3A%2F%2Forders.example.test";
  }
  static inline AppCredentials app_;
};

std::string utf16le(const std::string& ascii) {
  std::string out;
  for (char c : ascii) {
    out.push_back(c);
    out.push_back('\0');
  }
  return out;
}

TEST_F(OidcHttpShapesTest, AFormInUtf16OrLatin1IsReadInItsCharset) {
  HttpResponse wide = token(utf16le(form()), "application/x-www-form-urlencoded; charset=utf16le");
  EXPECT_EQ(wide.status, 200u) << wide.body;
  HttpResponse latin1 = token(form(), "application/x-www-form-urlencoded; charset=latin1");
  EXPECT_EQ(latin1.status, 200u) << latin1.body;
  HttpResponse quoted = token(form(), "application/x-www-form-urlencoded; charset=\"UTF-8\"");
  EXPECT_EQ(quoted.status, 200u) << quoted.body;
}

TEST_F(OidcHttpShapesTest, AnUnknownCharsetOrAnOddUtf16BodyIsInvalidRequest) {
  HttpResponse unknown = token(form(), "application/x-www-form-urlencoded; charset=koi8-r");
  EXPECT_EQ(unknown.status, 400u);
  EXPECT_EQ(unknown.json().at("error").as_string(), "invalid_request");
  HttpResponse odd =
      token(utf16le(form()) + "x", "application/x-www-form-urlencoded; charset=utf16le");
  EXPECT_EQ(odd.status, 400u);
  EXPECT_EQ(odd.json().at("error").as_string(), "invalid_request");
}

TEST_F(OidcHttpShapesTest, ANulByteInTheBodyIsRefusedByName) {
  std::string body = "grant_type=authorization_code";
  body.push_back('\0');
  body += "&client_id=test&code=test";
  HttpResponse res = token(body, "application/x-www-form-urlencoded");
  EXPECT_EQ(res.status, 400u);
  EXPECT_EQ(res.json().at("error_description").as_string(),
            "null bytes are not allowed in the request body");
}

TEST_F(OidcHttpShapesTest, JsonThatIsNotAnObjectReadsAsNoParameters) {
  HttpResponse res = token("this is not a json", "application/json");
  EXPECT_EQ(res.status, 400u);
  EXPECT_EQ(res.json().at("error_description").as_string(),
            "no client authentication mechanism provided");
}

TEST_F(OidcHttpShapesTest, MissingParametersAreNamedAsLogtosProviderNamesThem) {
  HttpResponse res = token(R"({"client_id":"demo-app"})", "application/json");
  EXPECT_EQ(res.status, 400u);
  EXPECT_EQ(res.json().at("error_description").as_string(),
            "missing required parameter 'grant_type'");
  EXPECT_EQ(res.json().at("message").as_string(), "Request is invalid.");
  HttpResponse other = token(R"({"client_id":"demo-app"})", "application/json1");
  EXPECT_EQ(other.json().at("error_description").as_string(),
            "only application/x-www-form-urlencoded content-type bodies are supported on POST "
            "/token");
}

TEST_F(OidcHttpShapesTest, AnUnknownOidcRouteAnswersInTheOAuthErrorShape) {
  HttpResponse res = server().client().get("/oidc/nonexistent");
  EXPECT_EQ(res.status, 404u);
  boost::json::object expected{
      {"error", "invalid_request"},
      {"error_description", "unrecognized route or not allowed method (GET on /nonexistent)"},
      {"code", "oidc.invalid_request"},
      {"message", "Request is invalid."}};
  EXPECT_EQ(res.json(), expected);
  HttpResponse method = server().client().request(boost::beast::http::verb::delete_, "/oidc/jwks");
  EXPECT_EQ(method.status, 404u);
  EXPECT_EQ(method.json().at("error_description").as_string(),
            "unrecognized route or not allowed method (DELETE on /jwks)");
  // Outside /oidc the generic answer stays.
  EXPECT_EQ(server().client().get("/nonexistent").json().at("code").as_string(), "guard.not_found");
}

TEST_F(OidcHttpShapesTest, TheDiscoveryDocumentRevalidatesWithItsETag) {
  HttpResponse first = server().client().get("/oidc/.well-known/openid-configuration");
  ASSERT_EQ(first.status, 200u);
  std::string etag = first.header("ETag");
  ASSERT_FALSE(etag.empty());
  HttpResponse again =
      server().client().get("/oidc/.well-known/openid-configuration", {{"If-None-Match", etag}});
  EXPECT_EQ(again.status, 304u);
  EXPECT_TRUE(again.body.empty());
  HttpResponse stale = server().client().get("/oidc/.well-known/openid-configuration",
                                             {{"If-None-Match", "\"not-it\""}});
  EXPECT_EQ(stale.status, 200u);
  // A request that asks to revalidate gets the document.
  HttpResponse forced =
      server().client().get("/oidc/.well-known/openid-configuration",
                            {{"If-None-Match", etag}, {"Cache-Control", "no-cache"}});
  EXPECT_EQ(forced.status, 200u);
}

TEST_F(OidcHttpShapesTest, TheDiscoveryDocumentIsGzippedForAClientThatAcceptsIt) {
  HttpResponse gzipped = server().client().get("/oidc/.well-known/openid-configuration",
                                               {{"Accept-Encoding", "gzip, deflate"}});
  ASSERT_EQ(gzipped.status, 200u);
  EXPECT_EQ(gzipped.header("Content-Encoding"), "gzip");
  ASSERT_GE(gzipped.body.size(), 2u);
  EXPECT_EQ(static_cast<unsigned char>(gzipped.body[0]), 0x1F);
  EXPECT_EQ(static_cast<unsigned char>(gzipped.body[1]), 0x8B);
  for (const char* refusal : {"identity", "gzip;q=0", "br"}) {
    HttpResponse plain = server().client().get("/oidc/.well-known/openid-configuration",
                                               {{"Accept-Encoding", refusal}});
    EXPECT_FALSE(plain.has_header("Content-Encoding")) << refusal;
    EXPECT_TRUE(plain.json().is_object()) << refusal;
  }
}

}  // namespace
}  // namespace latch::test
