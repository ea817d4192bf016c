#include "http/router.hpp"

#include <array>
#include <atomic>
#include <boost/json/object.hpp>
#include <chrono>

#include "core/metrics.hpp"
#include "http/form.hpp"

namespace latch::http {
namespace {

std::vector<std::string> split_path(std::string_view path) {
  std::vector<std::string> out;
  while (!path.empty()) {
    if (path.front() == '/') {
      path.remove_prefix(1);
      continue;
    }
    std::size_t slash = path.find('/');
    out.emplace_back(path.substr(0, slash));
    path = slash == std::string_view::npos ? std::string_view{} : path.substr(slash);
  }
  return out;
}

bool match(const std::vector<std::string>& pattern, const std::vector<std::string>& segments,
           std::vector<std::pair<std::string, std::string>>& params) {
  if (pattern.size() != segments.size()) {
    return false;
  }
  std::vector<std::pair<std::string, std::string>> found;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (!pattern[i].empty() && pattern[i].front() == ':') {
      if (segments[i].empty()) {
        return false;
      }
      auto value = percent_decode(segments[i], false);
      if (!value) return false;
      found.emplace_back(pattern[i].substr(1), std::move(*value));
    } else if (pattern[i] != segments[i]) {
      return false;
    }
  }
  params = std::move(found);
  return true;
}

Handler wrap(Handler handler, const std::vector<Middleware>& middleware) {
  for (auto it = middleware.rbegin(); it != middleware.rend(); ++it) {
    handler = [mw = *it, next = std::move(handler)](Request& req) -> asio::awaitable<Response> {
      return mw(req, next);
    };
  }
  return handler;
}

Response error_json(bhttp::status status, std::string_view code, std::string_view message) {
  return json_response(status, boost::json::object{{"code", code}, {"message", message}});
}

}  // namespace

// The series of one route: its latency histogram, and its request counters by status, found
// without a lock for the first few statuses the route answers (those are nearly all it ever
// answers); any further status is looked up in the registry.
struct Router::RouteStats {
  RouteStats(std::string method, std::string route)
      : method(std::move(method)),
        route(std::move(route)),
        latency(metrics::registry().histogram("latch_http_request_duration_seconds",
                                              "Time to answer an HTTP request, by route.",
                                              {{"method", this->method}, {"route", this->route}})) {
  }

  metrics::Counter& requests(unsigned status) {
    for (auto& slot : slots) {
      unsigned held = slot.status.load(std::memory_order_acquire);
      if (held == 0) {
        if (slot.status.compare_exchange_strong(held, status, std::memory_order_acq_rel)) {
          metrics::Counter& counter = lookup(status);
          slot.counter.store(&counter, std::memory_order_release);
          return counter;
        }
      }
      if (held == status) {
        if (auto* counter = slot.counter.load(std::memory_order_acquire)) return *counter;
        return lookup(status);  // the slot is being filled by another thread
      }
    }
    return lookup(status);
  }

  metrics::Counter& lookup(unsigned status) const {
    return metrics::registry().counter(
        "latch_http_requests_total", "HTTP requests answered, by route and status.",
        {{"method", method}, {"route", route}, {"status", std::to_string(status)}});
  }

  struct Slot {
    std::atomic<unsigned> status{0};
    std::atomic<metrics::Counter*> counter{nullptr};
  };
  const std::string method;
  const std::string route;
  metrics::Histogram& latency;
  std::array<Slot, 6> slots;
};

Router::Router() : unmatched_(std::make_shared<RouteStats>("other", "unmatched")) {}

Router::Group Router::group(std::string prefix, std::vector<Middleware> middleware) {
  return Group(*this, std::move(prefix), std::move(middleware));
}

void Router::add(bhttp::verb method, std::string_view path, Handler handler) {
  std::string key(path);
  auto stats = std::make_shared<RouteStats>(std::string(bhttp::to_string(method)), key);
  if (key.find("/:") == std::string::npos) {
    static_[key].routes.push_back({method, {}, std::move(handler), std::move(stats)});
    return;
  }
  auto segments = split_path(path);
  for (auto& [pattern, routes] : templates_) {
    if (pattern == segments) {
      routes.routes.push_back({method, segments, std::move(handler), std::move(stats)});
      return;
    }
  }
  PathRoutes routes;
  routes.routes.push_back({method, segments, std::move(handler), std::move(stats)});
  templates_.emplace_back(std::move(segments), std::move(routes));
}

const Router::Route* Router::find(const PathRoutes& routes, bhttp::verb method) const {
  for (const auto& route : routes.routes) {
    if (route.method == method) {
      return &route;
    }
  }
  if (method == bhttp::verb::head) {
    return find(routes, bhttp::verb::get);
  }
  return nullptr;
}

std::string Router::allow_header(const PathRoutes& routes) {
  std::string allow;
  for (const auto& route : routes.routes) {
    if (!allow.empty()) allow += ", ";
    allow += std::string(bhttp::to_string(route.method));
  }
  return allow;
}

void Router::unmatched_under(std::string prefix, Handler handler) {
  unmatched_under_.emplace_back(std::move(prefix), std::move(handler));
}

const Handler* Router::unmatched_handler(std::string_view path) const {
  for (const auto& [prefix, handler] : unmatched_under_) {
    if (path.starts_with(prefix)) return &handler;
  }
  return nullptr;
}

asio::awaitable<Response> Router::dispatch(Request& request) const {
  auto started = std::chrono::steady_clock::now();
  const PathRoutes* routes = nullptr;
  if (auto it = static_.find(request.path); it != static_.end()) {
    routes = &it->second;
  } else {
    auto segments = split_path(request.path);
    for (const auto& [pattern, candidates] : templates_) {
      if (match(pattern, segments, request.path_params)) {
        routes = &candidates;
        break;
      }
    }
  }
  const Route* route = routes ? find(*routes, request.method()) : nullptr;
  if (route == nullptr) {
    if (const Handler* handler = unmatched_handler(request.path)) {
      Response res = co_await (*handler)(request);
      unmatched_->requests(res.result_int()).add();
      co_return res;
    }
  }
  if (routes == nullptr) {
    unmatched_->requests(404).add();
    co_return error_json(bhttp::status::not_found, "guard.not_found", "Not found.");
  }
  if (route == nullptr) {
    unmatched_->requests(405).add();
    Response res = error_json(bhttp::status::method_not_allowed, "guard.method_not_allowed",
                              "Method not allowed.");
    res.set(bhttp::field::allow, allow_header(*routes));
    co_return res;
  }
  Response res = co_await route->handler(request);
  route->stats->latency.observe(std::chrono::steady_clock::now() - started);
  route->stats->requests(res.result_int()).add();
  co_return res;
}

Router::Group& Router::Group::route(bhttp::verb method, std::string_view path, Handler handler) {
  router_.add(method, prefix_ + std::string(path), wrap(std::move(handler), middleware_));
  return *this;
}

Router::Group& Router::Group::get(std::string_view path, Handler handler) {
  return route(bhttp::verb::get, path, std::move(handler));
}
Router::Group& Router::Group::post(std::string_view path, Handler handler) {
  return route(bhttp::verb::post, path, std::move(handler));
}
Router::Group& Router::Group::put(std::string_view path, Handler handler) {
  return route(bhttp::verb::put, path, std::move(handler));
}
Router::Group& Router::Group::patch(std::string_view path, Handler handler) {
  return route(bhttp::verb::patch, path, std::move(handler));
}
Router::Group& Router::Group::del(std::string_view path, Handler handler) {
  return route(bhttp::verb::delete_, path, std::move(handler));
}

}  // namespace latch::http
