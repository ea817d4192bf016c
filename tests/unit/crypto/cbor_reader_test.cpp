#include "crypto/cbor_reader.hpp"

#include <gtest/gtest.h>

#include <string>

namespace latch::crypto::detail {
namespace {

std::string bytes(std::initializer_list<unsigned char> list) { return {list.begin(), list.end()}; }

TEST(CborReaderTest, LoadsTheFirstItemAndReportsItsSize) {
  // {1: [2, h'AA'], "k": -1} followed by a byte that is not read.
  const std::string input =
      bytes({0xa2, 0x01, 0x82, 0x02, 0x41, 0xaa, 0x61, 'k', 0x20}) + bytes({0xff});
  const auto loaded = load_cbor(input);
  ASSERT_TRUE(loaded.has_value()) << loaded.error().detail;
  EXPECT_EQ(loaded->size, input.size() - 1);
  const auto array = cbor_map_get(loaded->item.get(), 1);
  ASSERT_TRUE(array.has_value());
  ASSERT_NE(*array, nullptr);
  EXPECT_EQ(cbor_int(cbor_array_handle(*array)[0]), 2);
  EXPECT_EQ(cbor_bytes(cbor_array_handle(*array)[1]), std::string_view("\xaa", 1));
  const auto text_key = cbor_map_get(loaded->item.get(), "k");
  ASSERT_TRUE(text_key.has_value());
  EXPECT_EQ(cbor_int(*text_key), -1);
  EXPECT_EQ(*cbor_map_get(loaded->item.get(), 2), nullptr);
}

TEST(CborReaderTest, LoadsIndefiniteContainersAndTags) {
  // [_ 1, {_ "a": 24(h'00')}]
  const std::string input =
      bytes({0x9f, 0x01, 0xbf, 0x61, 'a', 0xd8, 0x18, 0x41, 0x00, 0xff, 0xff});
  const auto loaded = load_cbor(input);
  ASSERT_TRUE(loaded.has_value()) << loaded.error().detail;
  EXPECT_EQ(loaded->size, input.size());
}

TEST(CborReaderTest, RefusesACountLargerThanTheBytesLeftBeforeLibcborAllocatesForIt) {
  // An array of 2^27 members in 6 bytes: libcbor 0.8 alone would take 1 GiB for the pointers.
  EXPECT_FALSE(load_cbor(bytes({0x9a, 0x08, 0x00, 0x00, 0x00, 0x01})).has_value());
  EXPECT_FALSE(load_cbor(bytes({0xbb, 0x80, 0, 0, 0, 0, 0, 0, 0, 0x01})).has_value());
  EXPECT_FALSE(load_cbor(bytes({0x83, 0x01, 0x02})).has_value());
}

TEST(CborReaderTest, RefusesNestingDeeperThanTheLimit) {
  const std::string ok_depth = std::string(kMaxCborDepth, '\x81') + '\x00';
  EXPECT_TRUE(load_cbor(ok_depth).has_value());
  const std::string too_deep = std::string(kMaxCborDepth + 1, '\x81') + '\x00';
  EXPECT_FALSE(load_cbor(too_deep).has_value());
  EXPECT_FALSE(load_cbor(std::string(100000, '\x9f')).has_value());
}

TEST(CborReaderTest, RefusesTruncatedAndMalformedInput) {
  for (const std::string& input :
       {std::string(), bytes({0x18}), bytes({0x42, 0x00}), bytes({0x9f, 0x01}), bytes({0xff}),
        bytes({0x1c}), bytes({0x5f, 0x01, 0xff}), bytes({0xd8})}) {
    const auto loaded = load_cbor(input);
    ASSERT_FALSE(loaded.has_value());
    EXPECT_EQ(loaded.error().code, Errc::InvalidRequest);
  }
}

TEST(CborReaderTest, RefusesADuplicateMapKey) {
  const auto loaded = load_cbor(bytes({0xa2, 0x01, 0x02, 0x01, 0x03}));
  ASSERT_TRUE(loaded.has_value());
  EXPECT_FALSE(cbor_map_get(loaded->item.get(), 1).has_value());
}

TEST(CborReaderTest, IntegersOutsideInt64AreNotIntegers) {
  const auto big = load_cbor(bytes({0x1b, 0x80, 0, 0, 0, 0, 0, 0, 0}));
  ASSERT_TRUE(big.has_value());
  EXPECT_EQ(cbor_int(big->item.get()), std::nullopt);
  const auto lowest = load_cbor(bytes({0x3b, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff}));
  ASSERT_TRUE(lowest.has_value());
  EXPECT_EQ(cbor_int(lowest->item.get()), std::numeric_limits<std::int64_t>::min());
  EXPECT_EQ(cbor_bytes(lowest->item.get()), std::nullopt);
  EXPECT_EQ(cbor_text(lowest->item.get()), std::nullopt);
}

}  // namespace
}  // namespace latch::crypto::detail
