#include <gtest/gtest.h>

#include "latch/storage.hpp"

namespace latch {
namespace {

TEST(MemoryStorageTest, GetReturnsWhatSetStored) {
  MemoryStorage storage;
  storage.set("idToken", "a.b.c");
  EXPECT_EQ(storage.get("idToken"), "a.b.c");
}

TEST(MemoryStorageTest, GetOfAnUnknownKeyIsEmpty) {
  MemoryStorage storage;
  EXPECT_EQ(storage.get("refreshToken"), std::nullopt);
}

TEST(MemoryStorageTest, SetReplacesTheValue) {
  MemoryStorage storage;
  storage.set("signInSession", "one");
  storage.set("signInSession", "two");
  EXPECT_EQ(storage.get("signInSession"), "two");
}

TEST(MemoryStorageTest, RemoveForgetsTheKeyOnly) {
  MemoryStorage storage;
  storage.set("idToken", "x");
  storage.set("refreshToken", "y");
  storage.remove("idToken");
  storage.remove("never-set");
  EXPECT_EQ(storage.get("idToken"), std::nullopt);
  EXPECT_EQ(storage.get("refreshToken"), "y");
}

TEST(MemoryStorageTest, IsUsableThroughTheInterface) {
  MemoryStorage memory;
  Storage& storage = memory;
  storage.set("accessTokenMap", "{}");
  EXPECT_EQ(storage.get("accessTokenMap"), "{}");
}

}  // namespace
}  // namespace latch
