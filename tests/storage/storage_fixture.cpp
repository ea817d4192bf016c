#include "storage/storage_fixture.hpp"

#include <latch>
#include <thread>

#include "storage/samples.hpp"

namespace latch::storage::test {

std::int64_t StorageTest::epoch(const std::string& name) {
  auto epochs = store().epochs();
  if (!epochs) {
    return -1;
  }
  auto found = epochs->find(name);
  return found == epochs->end() ? 0 : found->second;
}

void StorageTest::insert_user_and_app() {
  ASSERT_OK(in_write([](Tx& tx) -> Result<void> {
    if (auto user = tx.users().insert(sample_user("user1")); !user) {
      return user;
    }
    return tx.applications().insert(sample_application("app1"));
  }));
}

void StorageTest::insert_grant(const std::string& id) {
  ASSERT_OK(
      in_write([&](Tx& tx) { return tx.grants().insert(sample_grant(id, "user1", "app1")); }));
}

void StorageTest::insert_artifacts(const std::string& grant_id) {
  model::Grant grant = sample_grant(grant_id, "user1", "app1");
  ASSERT_OK(
      in_write([&](Tx& tx) { return tx.codes().insert(sample_code("code-" + grant_id, grant)); }));
  ASSERT_OK(in_write([&](Tx& tx) {
    return tx.refresh_tokens().insert(sample_refresh_token("rt-" + grant_id, grant));
  }));
  ASSERT_OK(in_write([&](Tx& tx) {
    return tx.access_tokens().insert(sample_access_token("at-" + grant_id, grant));
  }));
}

StorageTest::Artifacts StorageTest::artifacts_of(const std::string& grant_id) {
  Artifacts left;
  (void)store().transact([&](Tx& tx) -> Result<void> {
    auto code = tx.codes().consume("code-" + grant_id, 1);
    left.code = code && code->outcome != model::ConsumeOutcome::NotFound;
    return make_error(Errc::Internal, "roll back the consumption");
  });
  auto refresh = in_read([&](Tx& tx) { return tx.refresh_tokens().find("rt-" + grant_id); });
  auto access = in_read([&](Tx& tx) { return tx.access_tokens().find("at-" + grant_id); });
  left.refresh_token = refresh && refresh->has_value();
  left.access_token = access && access->has_value();
  return left;
}

std::vector<std::optional<model::ConsumeOutcome>> StorageTest::race(
    const std::vector<Store*>& stores, const ConsumeFn& consume) {
  std::vector<std::optional<model::ConsumeOutcome>> outcomes(stores.size());
  std::latch start(static_cast<std::ptrdiff_t>(stores.size()));
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < stores.size(); ++i) {
    threads.emplace_back([&, i] {
      start.arrive_and_wait();
      auto done = stores[i]->transact([&](Tx& tx) -> Result<void> {
        auto outcome = consume(tx);
        if (!outcome) {
          return outcome.error();
        }
        outcomes[i] = *outcome;
        return ok();
      });
      if (!done) {
        outcomes[i] = std::nullopt;
      }
    });
  }
  for (auto& thread : threads) {
    thread.join();
  }
  return outcomes;
}

}  // namespace latch::storage::test
