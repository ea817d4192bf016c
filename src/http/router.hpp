#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "http/handler.hpp"

namespace latch::http {

// Matches method and path. Paths are templates whose segments may be parameters (":id"), read
// back with Request::param. Static paths match by hash lookup; templates in registration order.
// Built once at start-up, then read concurrently by every I/O thread (const after start).
// Counts every request by method, route template and status, with its latency
// (`latch_http_requests_total`, `latch_http_request_duration_seconds`, docs/observability.md).
class Router {
 public:
  class Group;

  Router();

  // Routes registered through the group get `prefix` prepended and `middleware` applied, the
  // first middleware outermost.
  Group group(std::string prefix, std::vector<Middleware> middleware = {});
  void add(bhttp::verb method, std::string_view path, Handler handler);

  // What answers a request under `prefix` ("/oidc/") that no route takes, for its path or its
  // method, in place of the generic 404 and 405: a mounted protocol's own error shape.
  void unmatched_under(std::string prefix, Handler handler);

  // 404 when no path matches, 405 with Allow when the path matches with another method (or the
  // handler of unmatched_under for the path's prefix). A HEAD request falls back to the GET
  // route.
  asio::awaitable<Response> dispatch(Request& request) const;

  class Group {
   public:
    Group& get(std::string_view path, Handler handler);
    Group& post(std::string_view path, Handler handler);
    Group& put(std::string_view path, Handler handler);
    Group& patch(std::string_view path, Handler handler);
    Group& del(std::string_view path, Handler handler);
    Group& route(bhttp::verb method, std::string_view path, Handler handler);

   private:
    friend class Router;
    Group(Router& router, std::string prefix, std::vector<Middleware> middleware)
        : router_(router), prefix_(std::move(prefix)), middleware_(std::move(middleware)) {}
    Router& router_;
    std::string prefix_;
    std::vector<Middleware> middleware_;
  };

 private:
  struct RouteStats;  // router.cpp
  struct Route {
    bhttp::verb method;
    std::vector<std::string> segments;  // for templates
    Handler handler;
    std::shared_ptr<RouteStats> stats;
  };
  struct PathRoutes {
    std::vector<Route> routes;
  };
  const Route* find(const PathRoutes& routes, bhttp::verb method) const;
  static std::string allow_header(const PathRoutes& routes);

  std::unordered_map<std::string, PathRoutes> static_;
  std::vector<std::pair<std::vector<std::string>, PathRoutes>> templates_;
  const Handler* unmatched_handler(std::string_view path) const;

  std::shared_ptr<RouteStats> unmatched_;  // no route for the path, or not for the method
  std::vector<std::pair<std::string, Handler>> unmatched_under_;
};

}  // namespace latch::http
