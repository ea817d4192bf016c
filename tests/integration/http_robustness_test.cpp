// The HTTP server facing untrusted bytes: limits, malformed input, routing errors, keep-alive
// and the headers every response carries.
#include <gtest/gtest.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/json.hpp>
#include <string>
#include <vector>

#include "support/raw_http.hpp"
#include "support/shared_server.hpp"

namespace latch::test {
namespace {

using boost::beast::http::verb;

std::string get_with_header(std::size_t header_bytes) {
  return "GET /healthz HTTP/1.1\r\nHost: test\r\nConnection: close\r\nX-Padding: " +
         std::string(header_bytes, 'a') + "\r\n\r\n";
}

std::string post_with_body(std::size_t body_bytes) {
  std::string body = "grant_type=client_credentials&padding=";
  body += std::string(body_bytes - body.size(), 'a');
  return "POST /oidc/token HTTP/1.1\r\nHost: test\r\nConnection: close\r\n"
         "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " +
         std::to_string(body.size()) + "\r\n\r\n" + body;
}

class HttpRobustnessTest : public SharedServerTest<HttpRobustnessTest> {
 protected:
  std::optional<HttpResponse> raw(const std::string& bytes) {
    return parse_response(raw_exchange("127.0.0.1", server().port(), bytes).bytes);
  }
  void expect_still_healthy() {
    EXPECT_EQ(server().client().get("/healthz").status, 200u) << server().log();
  }
};

TEST_F(HttpRobustnessTest, HeadersOver16KiBGet431) {
  auto res = raw(get_with_header(17 * 1024));
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 431u);
  expect_still_healthy();
}

TEST_F(HttpRobustnessTest, HeadersUnder16KiBAreServed) {
  auto res = raw(get_with_header(15 * 1024));
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200u);
}

TEST_F(HttpRobustnessTest, BodyOver64KiBGets413) {
  auto res = raw(post_with_body(64 * 1024 + 1));
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 413u);
  expect_still_healthy();
}

TEST_F(HttpRobustnessTest, BodyOf64KiBReachesTheEndpoint) {
  auto res = raw(post_with_body(64 * 1024));
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400u) << res->body;  // no client authentication: the endpoint answered
}

TEST_F(HttpRobustnessTest, UnknownPathGets404Json) {
  HttpResponse res = server().client().get("/no/such/path");
  EXPECT_EQ(res.status, 404u);
  EXPECT_EQ(res.header("Content-Type").rfind("application/json", 0), 0u);
  EXPECT_EQ(res.json().at("code").as_string(), "guard.not_found");
}

TEST_F(HttpRobustnessTest, WrongMethodGets405WithAllow) {
  HttpResponse res = server().client().post_form("/healthz", "x=1");
  EXPECT_EQ(res.status, 405u);
  EXPECT_EQ(res.header("Allow"), "GET");
  EXPECT_EQ(res.json().at("code").as_string(), "guard.method_not_allowed");
}

// Under /oidc a method no route takes is answered as Logto's provider answers it: 404 in the
// OAuth error shape (oidc_http_shapes_test.cpp).
TEST_F(HttpRobustnessTest, DeleteOnJwksGetsTheProvidersNotFound) {
  HttpResponse res = server().client().request(verb::delete_, "/oidc/jwks");
  EXPECT_EQ(res.status, 404u);
  EXPECT_EQ(res.json().at("error").as_string(), "invalid_request");
}

TEST_F(HttpRobustnessTest, HeadIsAnsweredLikeGetWithoutBody) {
  HttpResponse res = server().client().request(verb::head, "/healthz");
  EXPECT_EQ(res.status, 200u);
  EXPECT_TRUE(res.body.empty());
}

// RFC 9110 §9.3.2: a HEAD response has no content, or the next response on the connection
// would start inside the stray body.
TEST_F(HttpRobustnessTest, HeadResponseSendsNoBodySoTheNextResponseFollowsTheHeaders) {
  std::string reply = raw_exchange("127.0.0.1", server().port(),
                                   "HEAD /healthz HTTP/1.1\r\nHost: t\r\n\r\n"
                                   "GET /nope HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
                          .bytes;
  auto end_of_head = reply.find("\r\n\r\n");
  ASSERT_NE(end_of_head, std::string::npos) << reply;
  EXPECT_EQ(reply.substr(end_of_head + 4, 12), "HTTP/1.1 404") << reply;
}

TEST_F(HttpRobustnessTest, HeadResponseAnnouncesTheLengthOfTheGetBody) {
  HttpResponse get = server().client().get("/healthz");
  HttpResponse head = server().client().request(verb::head, "/healthz");
  EXPECT_EQ(head.header("Content-Length"), std::to_string(get.body.size()));
}

TEST_F(HttpRobustnessTest, ChunkedBodyOver64KiBGets413) {
  std::string request =
      "POST /oidc/token HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n"
      "Content-Type: application/x-www-form-urlencoded\r\n\r\n";
  for (int i = 0; i < 7; ++i) request += "2710\r\n" + std::string(10000, 'a') + "\r\n";
  auto res = raw(request + "0\r\n\r\n");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 413u);
}

TEST_F(HttpRobustnessTest, MalformedQueryEncodingGets400) {
  HttpResponse res = server().client().get("/healthz?x=%zz");
  EXPECT_EQ(res.status, 400u);
  EXPECT_EQ(res.json().at("error").as_string(), "invalid_request");
}

TEST_F(HttpRobustnessTest, TwoRequestsShareOneKeepAliveConnection) {
  HttpConnection connection("127.0.0.1", server().port());
  HttpResponse first = connection.request(verb::get, "/healthz");
  ASSERT_TRUE(first.keep_alive);
  HttpResponse second = connection.request(verb::get, "/oidc/jwks");
  EXPECT_EQ(first.status, 200u);
  EXPECT_EQ(second.status, 200u);
}

TEST_F(HttpRobustnessTest, PipelinedRequestsAreAnsweredInOrder) {
  std::string raw_reply = raw_exchange("127.0.0.1", server().port(),
                                       "GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n"
                                       "GET /nope HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
                              .bytes;
  auto first = raw_reply.find("HTTP/1.1 200");
  auto second = raw_reply.find("HTTP/1.1 404");
  ASSERT_NE(first, std::string::npos) << raw_reply;
  ASSERT_NE(second, std::string::npos) << raw_reply;
  EXPECT_LT(first, second);
}

TEST_F(HttpRobustnessTest, ConnectionCloseIsHonoured) {
  HttpConnection connection("127.0.0.1", server().port());
  HttpResponse res = connection.request(verb::get, "/healthz", {}, {{"Connection", "close"}});
  EXPECT_EQ(res.status, 200u);
  EXPECT_FALSE(res.keep_alive);
}

TEST_F(HttpRobustnessTest, Http10WithoutKeepAliveIsClosed) {
  auto res = raw("GET /healthz HTTP/1.0\r\n\r\n");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200u);
  EXPECT_FALSE(res->keep_alive);
}

TEST_F(HttpRobustnessTest, SuccessfulResponsesCarrySecurityHeaders) {
  HttpResponse res = server().client().get("/oidc/.well-known/openid-configuration");
  EXPECT_EQ(res.header("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(res.header("X-Frame-Options"), "DENY");
  EXPECT_EQ(res.header("Referrer-Policy"), "no-referrer");
}

TEST_F(HttpRobustnessTest, ErrorResponsesCarrySecurityHeaders) {
  HttpResponse not_found = server().client().get("/missing");
  EXPECT_EQ(not_found.header("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(not_found.header("X-Frame-Options"), "DENY");
  auto too_large = raw(get_with_header(17 * 1024));
  ASSERT_TRUE(too_large);
  EXPECT_EQ(too_large->header("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(too_large->header("Referrer-Policy"), "no-referrer");
}

TEST_F(HttpRobustnessTest, TruncatedRequestIsDroppedQuietly) {
  RawReply reply = raw_exchange("127.0.0.1", server().port(), "GET /healthz HTTP/1.1\r\nHo",
                                std::chrono::milliseconds(300));
  EXPECT_EQ(reply.bytes, "");
  expect_still_healthy();
}

// RFC 9112 §6.1, §6.3: a request whose body a proxy in front could delimit otherwise (request
// smuggling) is refused and its connection closed, so whatever follows the header is never read
// as a second request. Beast's parser refuses some of these itself; Latch checks the rest.
struct Framing {
  std::string name;
  std::string headers;  // after the request line, each ending in CRLF
  unsigned status;
};

class RequestFramingTest
    : public SharedServerTest<RequestFramingTest, ::testing::TestWithParam<Framing>> {};

TEST_P(RequestFramingTest, IsRefusedAndTheRestIsNotReadAsARequest) {
  // After the header: a body Content-Length would count, or a smuggled second request.
  std::string bytes = "POST /oidc/token HTTP/1.1\r\nHost: t\r\n" + GetParam().headers +
                      "\r\n5\r\nhello\r\n0\r\n\r\nGET /nope HTTP/1.1\r\nHost: t\r\n\r\n";
  RawReply reply = raw_exchange("127.0.0.1", server().port(), bytes);
  EXPECT_TRUE(reply.closed) << "the connection was left open";
  auto res = parse_response(reply.bytes);
  ASSERT_TRUE(res) << reply.bytes;
  EXPECT_EQ(res->status, GetParam().status) << reply.bytes;
  EXPECT_FALSE(res->keep_alive);
  EXPECT_EQ(reply.bytes.find("HTTP/1.1", 1), std::string::npos) << "a second response:\n"
                                                                << reply.bytes;
  EXPECT_EQ(server().client().get("/healthz").status, 200u);
}

INSTANTIATE_TEST_SUITE_P(
    HttpServer, RequestFramingTest,
    ::testing::Values(
        Framing{"GzipIsNotAFinalCoding", "Transfer-Encoding: gzip\r\n", 400},
        Framing{"GzipThenContentLength", "Transfer-Encoding: gzip\r\nContent-Length: 5\r\n", 400},
        Framing{"ContentLengthThenGzip", "Content-Length: 5\r\nTransfer-Encoding: gzip\r\n", 400},
        Framing{"ChunkedThenContentLength", "Transfer-Encoding: chunked\r\nContent-Length: 5\r\n",
                400},
        Framing{"ContentLengthThenChunked", "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n",
                400},
        Framing{"ChunkedTwiceInOneField", "Transfer-Encoding: chunked, chunked\r\n", 400},
        Framing{"ChunkedInTwoFields",
                "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n", 400},
        Framing{"ChunkedThenGzip", "Transfer-Encoding: chunked, gzip\r\n", 400},
        Framing{"GzipBeforeChunkedIsNotImplemented", "Transfer-Encoding: gzip, chunked\r\n", 501},
        Framing{"ContentLengthsThatDiffer", "Content-Length: 5\r\nContent-Length: 6\r\n", 400},
        Framing{"FoldedTransferEncoding", "Transfer-Encoding:\r\n chunked\r\n", 400},
        Framing{"FoldedOtherHeader", "X-Note: a\r\n\tb\r\nTransfer-Encoding: chunked\r\n", 400}),
    [](const auto& info) { return info.param.name; });

TEST_F(HttpRobustnessTest, ChunkedInAnHttp10RequestGets400) {
  RawReply reply = raw_exchange("127.0.0.1", server().port(),
                                "POST /oidc/token HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n"
                                "0\r\n\r\n");
  auto res = parse_response(reply.bytes);
  ASSERT_TRUE(res) << reply.bytes;
  EXPECT_EQ(res->status, 400u);
  EXPECT_TRUE(reply.closed);
}

// RFC 9110 §8.6 lets a recipient accept a repeated Content-Length with one value; Beast does.
TEST_F(HttpRobustnessTest, RepeatedEqualContentLengthsAreOneLength) {
  auto res =
      raw("POST /oidc/token HTTP/1.1\r\nHost: t\r\nConnection: close\r\n"
          "Content-Type: application/x-www-form-urlencoded\r\n"
          "Content-Length: 11\r\nContent-Length: 11\r\n\r\nclient_id=x");
  ASSERT_TRUE(res);
  // The endpoint read the eleven bytes as the form: a client, no grant type.
  EXPECT_EQ(res->json().at("error_description").as_string(),
            "missing required parameter 'grant_type'");
}

// A header that arrives a few bytes at a time is read like one that arrives whole.
TEST_F(HttpRobustnessTest, AHeaderInSmallPiecesIsServed) {
  std::string request = "GET /healthz HTTP/1.1\r\nHost: t\r\nX-A: 1\r\n\r\n";
  boost::asio::io_context ctx;
  boost::asio::ip::tcp::socket socket(ctx);
  socket.connect({boost::asio::ip::make_address("127.0.0.1"), server().port()});
  for (std::size_t i = 0; i < request.size(); i += 3) {
    boost::asio::write(socket, boost::asio::buffer(request.substr(i, 3)));
  }
  boost::beast::flat_buffer buffer;
  boost::beast::http::response<boost::beast::http::string_body> res;
  boost::beast::http::read(socket, buffer, res);
  EXPECT_EQ(res.result_int(), 200u);
}

TEST_F(HttpRobustnessTest, AnHttpEndpointSendsNoHsts) {
  EXPECT_FALSE(server().client().get("/healthz").has_header("Strict-Transport-Security"));
}

// RFC 6797: behind TLS (an https:// endpoint), every response, errors included, tells the browser
// to use HTTPS only.
TEST(HstsTest, AnHttpsEndpointSendsHstsOnEveryResponse) {
  TestServer server(TestServerOptions{.env = {{"LATCH_ENDPOINT", "https://id.example.test"}}});
  EXPECT_EQ(server.client().get("/healthz").header("Strict-Transport-Security"),
            "max-age=31536000");
  EXPECT_EQ(server.client().get("/no/such/page").header("Strict-Transport-Security"),
            "max-age=31536000");
  auto refused = parse_response(
      raw_exchange("127.0.0.1", server.port(), "GET /healthz HTTP/1.1\r\nHost t\r\n\r\n").bytes);
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 400u);
  EXPECT_EQ(refused->header("Strict-Transport-Security"), "max-age=31536000");
}

TEST(HstsTest, IncludeSubDomainsOnlyWhenConfigured) {
  TestServer server(TestServerOptions{.env = {{"LATCH_ENDPOINT", "https://id.example.test"},
                                              {"LATCH_HSTS_INCLUDE_SUBDOMAINS", "true"}}});
  EXPECT_EQ(server.client().get("/healthz").header("Strict-Transport-Security"),
            "max-age=31536000; includeSubDomains");
}

// Bytes that are not HTTP/1.1 origin-form requests: each gets 400 or a closed connection, and
// the server goes on serving.
struct Garbage {
  std::string name;
  std::string bytes;
};

class MalformedRequestTest
    : public SharedServerTest<MalformedRequestTest, ::testing::TestWithParam<Garbage>> {};

TEST_P(MalformedRequestTest, Gets400OrClosedConnectionAndServerKeepsServing) {
  RawReply reply = raw_exchange("127.0.0.1", server().port(), GetParam().bytes);
  EXPECT_TRUE(reply.closed) << "the connection was left open";
  if (!reply.bytes.empty()) {
    auto res = parse_response(reply.bytes);
    ASSERT_TRUE(res) << reply.bytes;
    EXPECT_EQ(res->status, 400u) << reply.bytes;
    EXPECT_FALSE(res->keep_alive);
  }
  EXPECT_EQ(server().client().get("/healthz").status, 200u) << server().log();
}

INSTANTIATE_TEST_SUITE_P(
    HttpServer, MalformedRequestTest,
    ::testing::Values(
        Garbage{"TlsClientHello", std::string("\x16\x03\x01\x00\xa5\x01\x00\x00\xa1\x03\x03", 11) +
                                      std::string(64, '\x7f')},
        Garbage{"BinaryNoise", std::string("\x00\xff\x10\x80\r\n\r\n\x01\x02", 10)},
        Garbage{"WordsInsteadOfARequest", "HELLO THERE\r\n\r\n"},
        Garbage{"RequestLineWithoutVersion", "GET /healthz\r\n\r\n"},
        Garbage{"UnknownHttpVersion", "GET /healthz HTTP/9.9\r\nHost: t\r\n\r\n"},
        Garbage{"ControlCharacterInMethod", "G\x01T /healthz HTTP/1.1\r\nHost: t\r\n\r\n"},
        Garbage{"AbsoluteFormTarget", "GET http://evil.test/healthz HTTP/1.1\r\nHost: t\r\n\r\n"},
        Garbage{"AsteriskTarget", "OPTIONS * HTTP/1.1\r\nHost: t\r\n\r\n"},
        Garbage{"MalformedPercentInPath", "GET /heal%zzthz HTTP/1.1\r\nHost: t\r\n\r\n"},
        Garbage{"EncodedNulInPath", "GET /healthz%00 HTTP/1.1\r\nHost: t\r\n\r\n"},
        Garbage{"HeaderWithoutColon", "GET /healthz HTTP/1.1\r\nHost t\r\n\r\n"},
        Garbage{"BadContentLength",
                "POST /oidc/token HTTP/1.1\r\nHost: t\r\nContent-Length: -5\r\n\r\n"},
        Garbage{"ConflictingContentLengths",
                "POST /oidc/token HTTP/1.1\r\nHost: t\r\nContent-Length: 1\r\n"
                "Content-Length: 2\r\n\r\nab"},
        Garbage{"BadChunkSize",
                "POST /oidc/token HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"
                "zz\r\nab\r\n0\r\n\r\n"}),
    [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace latch::test
