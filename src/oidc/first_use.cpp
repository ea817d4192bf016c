#include "oidc/first_use.hpp"

#include "http/blocking.hpp"
#include "oidc/provider.hpp"

namespace latch::oidc {

http::asio::awaitable<Result<bool>> record_first_use(const Provider& op, std::string_view scope,
                                                     std::string_view id, std::int64_t now,
                                                     std::int64_t until) {
  bool first = false;
  auto job = [&] {
    return op.deps().store.transact([&](storage::Tx& tx) -> Result<void> {
      auto recorded = tx.replays().record_once(scope, id, now, until);
      if (!recorded) return recorded.error();
      first = *recorded;
      return ok();
    });
  };
  auto done = co_await http::run_blocking(op.deps().pool, job);
  if (!done) co_return done.error();
  co_return first;
}

}  // namespace latch::oidc
