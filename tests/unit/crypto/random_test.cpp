#include "crypto/random.hpp"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <map>
#include <set>
#include <string_view>

#include "crypto/encoding.hpp"

namespace latch::crypto {
namespace {

bool only_from(std::string_view text, std::string_view alphabet) {
  return text.find_first_not_of(alphabet) == std::string_view::npos;
}

TEST(RandomTest, RandomBytesHasTheRequestedLengthAndVaries) {
  EXPECT_EQ(random_bytes(0).size(), 0u);
  EXPECT_EQ(random_bytes(48).size(), 48u);
  EXPECT_NE(random_bytes(32), random_bytes(32));
}

TEST(RandomTest, RandomTokenIsUnpaddedBase64UrlOfTheRequestedBytes) {
  const std::string token = random_token();
  EXPECT_EQ(token.size(), 43u);
  ASSERT_TRUE(base64url_decode(token).has_value());
  EXPECT_EQ(base64url_decode(token)->size(), 32u);
  EXPECT_EQ(random_token(16).size(), 22u);
}

TEST(RandomTest, RandomIdUsesLowercaseAlphanumericsAtTheRequestedLength) {
  EXPECT_EQ(random_id().size(), 21u);
  const std::string id = random_id(500);
  EXPECT_EQ(id.size(), 500u);
  EXPECT_TRUE(only_from(id, "0123456789abcdefghijklmnopqrstuvwxyz")) << id;
  EXPECT_EQ(random_id(0), "");
}

TEST(RandomTest, RandomAlnumUsesMixedCaseAlphanumericsAtTheRequestedLength) {
  EXPECT_EQ(random_alnum().size(), 32u);
  const std::string secret = random_alnum(500);
  EXPECT_EQ(secret.size(), 500u);
  EXPECT_TRUE(only_from(secret, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"));
}

TEST(RandomTest, RandomIdDrawsEverySymbolAboutEquallyOften) {
  constexpr int kPerSymbol = 20000;
  std::map<char, int> counts;
  for (const char c : random_id(36 * kPerSymbol)) {
    ++counts[c];
  }
  ASSERT_EQ(counts.size(), 36u);
  // A plain `byte % 36` would draw "0".."3" with probability 8/256 instead of 1/36 (+12.5%).
  // One standard deviation is about 0.7% here, so ±5% catches that bias and does not flake.
  for (const auto& [symbol, count] : counts) {
    EXPECT_GT(count, kPerSymbol * 95 / 100) << symbol;
    EXPECT_LT(count, kPerSymbol * 105 / 100) << symbol;
  }
}

TEST(RandomTest, RandomIdsDoNotRepeat) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    EXPECT_TRUE(seen.insert(random_id()).second);
  }
}

TEST(RandomTest, TimeOrderedIdsSortByTimeThenDiffer) {
  const std::int64_t now = 1'796'601'600'000;  // 2026-12-07
  std::string earlier = time_ordered_id(now - 1);
  std::string id = time_ordered_id(now);
  EXPECT_EQ(id.size(), 21u);
  EXPECT_EQ(id.find_first_not_of("0123456789abcdefghijklmnopqrstuvwxyz"), std::string::npos);
  EXPECT_LT(earlier, id);
  EXPECT_LT(time_ordered_id(now + 1000), time_ordered_id(now + 1001));
  EXPECT_LT(time_ordered_id(9), time_ordered_id(10)) << "zero-padded: 9 < a, not 9 > 10";
  EXPECT_EQ(time_ordered_id(0).substr(0, 9), "000000000");
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) EXPECT_TRUE(seen.insert(time_ordered_id(now)).second);
  EXPECT_EQ(time_ordered_id(now, 12).size(), 12u);
}

// Small draws come from a per-thread buffer of one RAND_bytes call: a forked child must not hand
// out the bytes its parent hands out next.
TEST(RandomTest, AForkedChildDoesNotRepeatItsParentsBytes) {
  (void)random_bytes(8);  // the buffer holds unused bytes now
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    std::string bytes = random_bytes(16);
    (void)!write(fds[1], bytes.data(), bytes.size());
    _exit(0);
  }
  close(fds[1]);
  std::string parent = random_bytes(16);
  std::string from_child(16, '\0');
  ASSERT_EQ(read(fds[0], from_child.data(), from_child.size()), 16);
  close(fds[0]);
  int status = 0;
  waitpid(child, &status, 0);
  EXPECT_NE(parent, from_child);
}

TEST(RandomTest, ManySmallDrawsAreAllDistinct) {
  std::set<std::string> seen;
  for (int i = 0; i < 5000; ++i) EXPECT_TRUE(seen.insert(random_bytes(16)).second);
}

}  // namespace
}  // namespace latch::crypto
