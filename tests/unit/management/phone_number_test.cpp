#include "management/phone_number.hpp"

#include <gtest/gtest.h>

// Phone numbers in Logto's stored form: country code and national number, the national prefix
// dropped (libphonenumber's parse, as Logto's PhoneNumberParser uses it).
namespace latch::management {
namespace {

struct Case {
  const char* description;
  const char* input;
  const char* international;  // "" = not a number
};

const Case kCases[] = {
    {"AustralianWithTrunkZero", "610412345678", "61412345678"},
    {"AustralianWithout", "61412345678", "61412345678"},
    {"PlusSpacesAndBrackets", "+61 (0)412 345-678", "61412345678"},
    {"BritishWithTrunkZero", "4407911123456", "447911123456"},
    {"NorthAmerican", "13102051234", "13102051234"},
    {"NorthAmericanTrunkOne", "113102051234", "13102051234"},
    {"ItalyKeepsItsZero", "390612345678", "390612345678"},
    {"RussiaDropsItsEight", "789123456789", "79123456789"},
    {"HungaryDropsZeroSix", "36061234567", "361234567"},
    {"ThreeDigitCode", "35580123456", "35580123456"},
    {"PrefixKeptWhenTooFewDigitsFollow", "61012", "61012"},
    {"NoCountryCode", "99912345678", ""},
    {"LeadingZero", "0412345678", ""},
    {"NationalNumberTooShort", "611", ""},
    {"NationalNumberTooLong", "61123456789012345678", ""},
    {"Letters", "61abc", ""},
    {"Empty", "", ""},
};

class PhoneNumberTest : public ::testing::TestWithParam<Case> {};

TEST_P(PhoneNumberTest, ParsesAsLogtoStoresIt) {
  auto number = parse_phone_number(GetParam().input);
  std::string expected = GetParam().international;
  if (expected.empty()) {
    EXPECT_FALSE(number) << number->international();
    return;
  }
  ASSERT_TRUE(number);
  EXPECT_EQ(number->international(), expected);
}

INSTANTIATE_TEST_SUITE_P(Numbers, PhoneNumberTest, ::testing::ValuesIn(kCases),
                         [](const auto& info) { return std::string(info.param.description); });

TEST(PhoneNumberFormsTest, TheLeadingZeroFormPutsAZeroAfterTheCountryCode) {
  auto number = parse_phone_number("61412345678");
  ASSERT_TRUE(number);
  EXPECT_EQ(number->country_code, "61");
  EXPECT_EQ(number->with_leading_zero(), "610412345678");
}

}  // namespace
}  // namespace latch::management
