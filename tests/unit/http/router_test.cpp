#include "http/router.hpp"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/json/parse.hpp>
#include <optional>
#include <string>
#include <vector>

namespace latch::http {
namespace {

using bhttp::status;
using bhttp::verb;

// A handler that answers 200 with `name` as the body.
Handler answers(std::string name) {
  return
      [name](Request&) -> asio::awaitable<Response> { co_return text_response(status::ok, name); };
}

// Runs the router for one request on a private io_context.
Response dispatch(const Router& router, verb method, std::string path, Request* seen = nullptr) {
  Request req;
  req.message.method(method);
  req.path = std::move(path);
  asio::io_context ctx;
  std::optional<Response> out;
  asio::co_spawn(ctx, router.dispatch(req), [&](std::exception_ptr e, Response res) {
    if (e) std::rethrow_exception(e);
    out = std::move(res);
  });
  ctx.run();
  if (seen) *seen = std::move(req);
  return std::move(out.value());
}

std::string code_of(const Response& res) {
  return std::string(boost::json::parse(res.body()).at("code").as_string());
}

TEST(RouterTest, StaticPathReachesItsHandler) {
  Router router;
  router.group("").get("/healthz", answers("health"));
  Response res = dispatch(router, verb::get, "/healthz");
  EXPECT_EQ(res.result(), status::ok);
  EXPECT_EQ(res.body(), "health");
}

TEST(RouterTest, GroupPrefixIsPrepended) {
  Router router;
  router.group("/oidc").get("/jwks", answers("jwks"));
  EXPECT_EQ(dispatch(router, verb::get, "/oidc/jwks").body(), "jwks");
  EXPECT_EQ(dispatch(router, verb::get, "/jwks").result(), status::not_found);
}

TEST(RouterTest, TemplateCapturesPathParameters) {
  Router router;
  router.group("/api").get("/apps/:id/secrets/:name", answers("secret"));
  Request seen;
  Response res = dispatch(router, verb::get, "/api/apps/abc/secrets/main", &seen);
  EXPECT_EQ(res.body(), "secret");
  EXPECT_EQ(seen.param("id"), "abc");
  EXPECT_EQ(seen.param("name"), "main");
  EXPECT_EQ(seen.param("missing"), "");
}

TEST(RouterTest, TemplateNeedsEverySegment) {
  Router router;
  router.group("").get("/apps/:id", answers("app"));
  EXPECT_EQ(dispatch(router, verb::get, "/apps").result(), status::not_found);
  EXPECT_EQ(dispatch(router, verb::get, "/apps/").result(), status::not_found);
  EXPECT_EQ(dispatch(router, verb::get, "/apps/1/more").result(), status::not_found);
}

TEST(RouterTest, StaticPathWinsOverATemplateThatAlsoMatches) {
  Router router;
  router.group("").get("/apps/:id", answers("template")).get("/apps/new", answers("static"));
  EXPECT_EQ(dispatch(router, verb::get, "/apps/new").body(), "static");
  EXPECT_EQ(dispatch(router, verb::get, "/apps/42").body(), "template");
}

TEST(RouterTest, TemplatesMatchInRegistrationOrder) {
  Router router;
  router.group("").get("/a/:first", answers("first")).get("/:other/b", answers("second"));
  EXPECT_EQ(dispatch(router, verb::get, "/a/b").body(), "first");
  EXPECT_EQ(dispatch(router, verb::get, "/x/b").body(), "second");
}

TEST(RouterTest, SameTemplateServesSeveralMethods) {
  Router router;
  router.group("").get("/apps/:id", answers("get")).del("/apps/:id", answers("delete"));
  EXPECT_EQ(dispatch(router, verb::get, "/apps/1").body(), "get");
  EXPECT_EQ(dispatch(router, verb::delete_, "/apps/1").body(), "delete");
}

TEST(RouterTest, UnknownPathIs404Json) {
  Router router;
  router.group("").get("/healthz", answers("health"));
  Response res = dispatch(router, verb::get, "/nope");
  EXPECT_EQ(res.result(), status::not_found);
  EXPECT_EQ(code_of(res), "guard.not_found");
}

TEST(RouterTest, KnownPathWithAnotherMethodIs405ListingTheAllowedMethods) {
  Router router;
  router.group("").get("/things", answers("list")).post("/things", answers("create"));
  Response res = dispatch(router, verb::put, "/things");
  EXPECT_EQ(res.result(), status::method_not_allowed);
  EXPECT_EQ(res[bhttp::field::allow], "GET, POST");
  EXPECT_EQ(code_of(res), "guard.method_not_allowed");
}

TEST(RouterTest, TemplatePathWithAnotherMethodIs405) {
  Router router;
  router.group("").get("/apps/:id", answers("app"));
  Response res = dispatch(router, verb::patch, "/apps/1");
  EXPECT_EQ(res.result(), status::method_not_allowed);
  EXPECT_EQ(res[bhttp::field::allow], "GET");
}

TEST(RouterTest, HeadFallsBackToTheGetRoute) {
  Router router;
  router.group("").get("/healthz", answers("health"));
  EXPECT_EQ(dispatch(router, verb::head, "/healthz").result(), status::ok);
}

TEST(RouterTest, ExplicitHeadRouteIsPreferredOverGet) {
  Router router;
  router.group("").get("/x", answers("get"));
  router.add(verb::head, "/x", answers("head"));
  EXPECT_EQ(dispatch(router, verb::head, "/x").body(), "head");
}

TEST(RouterTest, HeadOnAPostOnlyRouteIs405) {
  Router router;
  router.group("").post("/token", answers("token"));
  Response res = dispatch(router, verb::head, "/token");
  EXPECT_EQ(res.result(), status::method_not_allowed);
  EXPECT_EQ(res[bhttp::field::allow], "POST");
}

TEST(RouterTest, MiddlewareRunsOutermostFirstAroundTheHandler) {
  std::vector<std::string> calls;
  auto tracer = [&calls](std::string name) -> Middleware {
    return [&calls, name](Request& req, const Handler& next) -> asio::awaitable<Response> {
      calls.push_back(name + ">");
      Response res = co_await next(req);
      calls.push_back("<" + name);
      co_return res;
    };
  };
  Router router;
  router.group("", {tracer("outer"), tracer("inner")})
      .get("/x", [&calls](Request&) -> asio::awaitable<Response> {
        calls.push_back("handler");
        co_return empty_response(status::no_content);
      });
  EXPECT_EQ(dispatch(router, verb::get, "/x").result(), status::no_content);
  EXPECT_EQ(calls, (std::vector<std::string>{"outer>", "inner>", "handler", "<inner", "<outer"}));
}

TEST(RouterTest, MiddlewareMayAnswerWithoutCallingTheHandler) {
  Middleware deny = [](Request&, const Handler&) -> asio::awaitable<Response> {
    co_return text_response(status::forbidden, "no");
  };
  Router router;
  router.group("/admin", {deny}).get("/x", answers("secret"));
  Response res = dispatch(router, verb::get, "/admin/x");
  EXPECT_EQ(res.result(), status::forbidden);
  EXPECT_EQ(res.body(), "no");
}

TEST(RouterTest, MiddlewareAppliesOnlyToItsGroup) {
  Middleware deny = [](Request&, const Handler&) -> asio::awaitable<Response> {
    co_return text_response(status::forbidden, "no");
  };
  Router router;
  router.group("/admin", {deny}).get("/x", answers("admin"));
  router.group("/public").get("/x", answers("public"));
  EXPECT_EQ(dispatch(router, verb::get, "/public/x").body(), "public");
}

}  // namespace
}  // namespace latch::http
