#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>

#include "script/runner.hpp"

namespace latch::script {
namespace {

namespace json = boost::json;
using namespace std::chrono_literals;

Outcome run(std::string_view source, json::object argument = {}, Limits limits = {}) {
  static auto runner = make_spidermonkey_runner();
  return runner->run({.source = source, .argument = std::move(argument), .limits = limits});
}

TEST(SpiderMonkeyRunnerTest, ReturnsTheObjectTheEntryReturns) {
  auto outcome = run(R"(
    const getCustomJwtClaims = async ({ token, context, environmentVariables }) => {
      const { user: { roles = [] } } = context;
      return { ...token.extra, role_count: roles.length, plan: environmentVariables.PLAN };
    };)",
                     {{"token", {{"extra", {{"a", 1}}}}},
                      {"context", {{"user", {{"roles", json::array{"x", "y"}}}}}},
                      {"environmentVariables", {{"PLAN", "gold"}}}});
  ASSERT_TRUE(outcome.value) << outcome.failure.message;
  EXPECT_EQ(json::serialize(*outcome.value), R"({"a":1,"role_count":2,"plan":"gold"})");
}

TEST(SpiderMonkeyRunnerTest, AwaitsPromisesTheScriptChains) {
  auto outcome = run(R"(
    async function step(n) { await null; return n + 1; }
    async function getCustomJwtClaims() {
      let n = 0;
      for (let i = 0; i < 5; i++) n = await step(n);
      return { n };
    })");
  ASSERT_TRUE(outcome.value) << outcome.failure.message;
  EXPECT_EQ(outcome.value->at("n").as_int64(), 5);
}

TEST(SpiderMonkeyRunnerTest, AcceptsASynchronousEntry) {
  auto outcome = run("var getCustomJwtClaims = () => ({ sync: true });");
  ASSERT_TRUE(outcome.value) << outcome.failure.message;
  EXPECT_TRUE(outcome.value->at("sync").as_bool());
}

TEST(SpiderMonkeyRunnerTest, StopsAnEndlessLoopAtTheTimeLimit) {
  auto started = std::chrono::steady_clock::now();
  auto outcome = run("const getCustomJwtClaims = () => { while (true) {} };", {}, {.time = 200ms});
  EXPECT_FALSE(outcome.value);
  EXPECT_EQ(outcome.failure.kind, FailureKind::Timeout);
  EXPECT_LT(std::chrono::steady_clock::now() - started, 5s);
  // The thread's engine still works afterwards.
  EXPECT_TRUE(run("const getCustomJwtClaims = () => ({});").value);
}

TEST(SpiderMonkeyRunnerTest, StopsAnEndlessPromiseChainAtTheTimeLimit) {
  auto outcome = run(R"(
    const getCustomJwtClaims = async () => { for (;;) { await null; } };)",
                     {}, {.time = 200ms});
  EXPECT_FALSE(outcome.value);
  EXPECT_EQ(outcome.failure.kind, FailureKind::Timeout);
}

TEST(SpiderMonkeyRunnerTest, StopsAHugeAllocationAtTheMemoryLimit) {
  auto outcome = run(R"(
    const getCustomJwtClaims = () => {
      const all = [];
      for (;;) all.push({ index: all.length, text: 'x' + all.length });
    };)",
                     {}, {.time = 20s, .heap_bytes = 32u << 20});
  EXPECT_FALSE(outcome.value);
  EXPECT_EQ(outcome.failure.kind, FailureKind::OutOfMemory) << outcome.failure.message;
  EXPECT_TRUE(run("const getCustomJwtClaims = () => ({});").value);
}

TEST(SpiderMonkeyRunnerTest, ReportsWhatTheScriptThrew) {
  auto outcome = run(R"(
    const getCustomJwtClaims = async () => { throw new TypeError('no plan for this user'); };)");
  EXPECT_FALSE(outcome.value);
  EXPECT_EQ(outcome.failure.kind, FailureKind::Runtime);
  EXPECT_NE(outcome.failure.message.find("TypeError: no plan for this user"), std::string::npos)
      << outcome.failure.message;
}

TEST(SpiderMonkeyRunnerTest, ReportsASyntaxError) {
  auto outcome = run("const getCustomJwtClaims = async () => { return {; };");
  EXPECT_FALSE(outcome.value);
  EXPECT_EQ(outcome.failure.kind, FailureKind::Syntax);
  EXPECT_NE(outcome.failure.message.find("SyntaxError"), std::string::npos)
      << outcome.failure.message;
}

TEST(SpiderMonkeyRunnerTest, DenyAccessDeniesWithItsMessage) {
  auto outcome = run(R"(
    const getCustomJwtClaims = async ({ api }) => {
      try { api.denyAccess('suspended account'); } catch (e) {}
      return { still: 'here' };
    };)");
  EXPECT_FALSE(outcome.value);
  EXPECT_EQ(outcome.failure.kind, FailureKind::Denied);
  EXPECT_EQ(outcome.failure.message, "suspended account");
}

TEST(SpiderMonkeyRunnerTest, RefusesAResultThatIsNotAnObject) {
  for (std::string_view source :
       {"const getCustomJwtClaims = () => 42;", "const getCustomJwtClaims = async () => [1, 2];",
        "const getCustomJwtClaims = async () => {};"}) {
    auto outcome = run(source);
    EXPECT_FALSE(outcome.value) << source;
    EXPECT_EQ(outcome.failure.kind, FailureKind::Type) << source;
  }
}

TEST(SpiderMonkeyRunnerTest, RefusesAScriptWithoutTheEntry) {
  auto outcome = run("const somethingElse = () => ({});");
  EXPECT_FALSE(outcome.value);
  EXPECT_EQ(outcome.failure.kind, FailureKind::Type);
}

TEST(SpiderMonkeyRunnerTest, RunsEachCallInAFreshGlobal) {
  std::string_view source = R"(
    globalThis.calls = (globalThis.calls || 0) + 1;
    const getCustomJwtClaims = () => ({ calls: globalThis.calls });)";
  EXPECT_EQ(run(source).value->at("calls").as_int64(), 1);
  EXPECT_EQ(run(source).value->at("calls").as_int64(), 1);
}

TEST(SpiderMonkeyRunnerTest, OffersNoInputOrOutput) {
  auto outcome = run(R"(
    const getCustomJwtClaims = () => ({
      fetch: typeof fetch, require: typeof require, setTimeout: typeof setTimeout,
      process: typeof process, console: typeof console.log,
    });)");
  ASSERT_TRUE(outcome.value) << outcome.failure.message;
  EXPECT_EQ(json::serialize(*outcome.value),
            R"({"fetch":"undefined","require":"undefined","setTimeout":"undefined",)"
            R"("process":"undefined","console":"function"})");
}

TEST(SpiderMonkeyRunnerTest, APromiseThatNeverSettlesFails) {
  auto outcome = run("const getCustomJwtClaims = () => new Promise(() => {});");
  EXPECT_FALSE(outcome.value);
  EXPECT_EQ(outcome.failure.kind, FailureKind::Runtime);
}

}  // namespace
}  // namespace latch::script
