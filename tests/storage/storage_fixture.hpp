#pragma once

#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "core/result.hpp"
#include "model/oidc_artifacts.hpp"
#include "storage/store.hpp"
#include "storage/test_backend.hpp"

namespace latch {

// So gtest prints error codes by name.
inline void PrintTo(Errc code, std::ostream* os) { *os << errc_name(code); }

}  // namespace latch

namespace latch::storage::test {

// "ok", or the error's code, description and detail: the message of a failed ASSERT_OK.
template <class T>
std::string describe(const Result<T>& result) {
  if (result) {
    return "ok";
  }
  const Error& e = result.error();
  return std::string(errc_name(e.code)) + ": " + e.description + " [" + e.detail + "]";
}

// Errc::Ok for a success, the error's code otherwise.
template <class T>
Errc errc_of(const Result<T>& result) {
  return result ? Errc::Ok : result.error().code;
}

// The fixture of every storage suite: one fresh, migrated database of the backend under test.
class StorageTest : public ::testing::TestWithParam<StoreFactory> {
 protected:
  void SetUp() override {
    if (GetParam().unavailable) {
      if (std::string reason = GetParam().unavailable(); !reason.empty()) {
        GTEST_SKIP() << reason;
      }
    }
    backend_ = GetParam().make();
  }

  Store& store() { return backend_->store(); }
  TestBackend& backend() { return *backend_; }

  // Runs `fn(Tx&) -> Result<T>` in a write (or read-only) transaction and returns its result.
  // The transaction commits when `fn` succeeds; an error from BEGIN/COMMIT replaces the result.
  template <class F>
  auto in_write(F&& fn) {
    return in(true, fn);
  }
  template <class F>
  auto in_read(F&& fn) {
    return in(false, fn);
  }

  // The version of cache epoch `name`: 0 when it has no row yet, -1 when epochs() fails.
  std::int64_t epoch(const std::string& name);

  // Inserts user "user1" and application "app1", the parents of flow artifacts.
  void insert_user_and_app();
  // Inserts grant `id` of user1 to app1. REQUIRES: insert_user_and_app() ran.
  void insert_grant(const std::string& id);
  // Inserts code "code-<id>", refresh token "rt-<id>" and access token "at-<id>" of grant `id`.
  void insert_artifacts(const std::string& grant_id);

  // Which artifacts of insert_artifacts(grant_id) still exist. Codes have no find(): the code is
  // consumed in a transaction that is then rolled back.
  struct Artifacts {
    bool code = false;
    bool refresh_token = false;
    bool access_token = false;
  };
  Artifacts artifacts_of(const std::string& grant_id);

  // Runs `consume` in a write transaction on each of `stores`, each from its own thread, all
  // released at once. One outcome per store; nullopt where the transaction failed.
  using ConsumeFn = std::function<Result<model::ConsumeOutcome>(Tx&)>;
  static std::vector<std::optional<model::ConsumeOutcome>> race(const std::vector<Store*>& stores,
                                                                const ConsumeFn& consume);

 private:
  template <class F>
  auto in(bool write, F& fn) {
    using R = decltype(fn(std::declval<Tx&>()));
    std::optional<R> out;
    TxFn body = [&](Tx& tx) -> Result<void> {
      out.emplace(fn(tx));
      if (!*out) {
        return out->error();
      }
      return ok();
    };
    Result<void> done = write ? store().transact(body) : store().read(body);
    if (!out || (*out && !done)) {
      return R(done.error());
    }
    return std::move(*out);
  }

  std::unique_ptr<TestBackend> backend_;
};

// So gtest prints a backend by its name.
inline void PrintTo(const StoreFactory& factory, std::ostream* os) { *os << factory.name; }

// "sqlite" in "Backends/UserRepositoryTest.FindsByEmailIgnoringCase/sqlite".
inline std::string backend_name(const ::testing::TestParamInfo<StoreFactory>& info) {
  return info.param.name;
}

}  // namespace latch::storage::test

// Runs the TEST_Ps of `suite` against every backend in store_factories().
#define LATCH_STORAGE_SUITE(suite)                                                         \
  INSTANTIATE_TEST_SUITE_P(Backends, suite,                                                \
                           ::testing::ValuesIn(::latch::storage::test::store_factories()), \
                           ::latch::storage::test::backend_name)

#define ASSERT_OK(expr)                                                            \
  do {                                                                             \
    const auto& latch_result_ = (expr);                                            \
    ASSERT_TRUE(latch_result_) << ::latch::storage::test::describe(latch_result_); \
  } while (false)

#define EXPECT_OK(expr)                                                            \
  do {                                                                             \
    const auto& latch_result_ = (expr);                                            \
    EXPECT_TRUE(latch_result_) << ::latch::storage::test::describe(latch_result_); \
  } while (false)
