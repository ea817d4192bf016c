#include "http/client_address.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace latch::http {
namespace {

namespace bhttp = boost::beast::http;

// The proxies of these tests: a load balancer network and one IPv6 proxy.
ClientAddressPolicy policy(ForwardedHeader header) {
  auto trusted = TrustedProxies::parse({"10.0.0.0/8", "2001:db8:ffff::1"});
  EXPECT_TRUE(trusted);
  return {*trusted, header};
}

struct AddressCase {
  std::string name;
  ForwardedHeader header;
  std::string peer;
  std::vector<std::string> fields;  // one value per header field, in order
  std::string expected;
};

class ClientAddressTest : public ::testing::TestWithParam<AddressCase> {};

TEST_P(ClientAddressTest, DerivesTheClientFromTheTrustedHeader) {
  const AddressCase& c = GetParam();
  bhttp::fields headers;
  std::string name = c.header == ForwardedHeader::Forwarded ? "Forwarded" : "X-Forwarded-For";
  for (const auto& value : c.fields) headers.insert(name, value);
  EXPECT_EQ(client_address(policy(c.header), c.peer, headers), c.expected);
}

constexpr auto kXff = ForwardedHeader::XForwardedFor;
constexpr auto kFwd = ForwardedHeader::Forwarded;

INSTANTIATE_TEST_SUITE_P(
    ClientAddress, ClientAddressTest,
    ::testing::Values(
        AddressCase{"UntrustedPeerIsTheClientWhateverItSends",
                    kXff,
                    "203.0.113.9",
                    {"198.51.100.1"},
                    "203.0.113.9"},
        AddressCase{"TrustedPeerWithoutHeaderIsTheClient", kXff, "10.0.0.2", {}, "10.0.0.2"},
        AddressCase{"OneHop", kXff, "10.0.0.2", {"198.51.100.1"}, "198.51.100.1"},
        AddressCase{"RightmostUntrustedWinsOverWhatTheClientWrote",
                    kXff,
                    "10.0.0.2",
                    {"1.2.3.4, 198.51.100.1"},
                    "198.51.100.1"},
        AddressCase{"TrustedHopsAreSkipped",
                    kXff,
                    "10.0.0.2",
                    {"198.51.100.1, 10.1.2.3, 10.0.0.9"},
                    "198.51.100.1"},
        AddressCase{"EveryHopTrustedGivesTheLeftmost",
                    kXff,
                    "10.0.0.2",
                    {"10.9.9.9, 10.1.1.1"},
                    "10.9.9.9"},
        AddressCase{"FieldsAreOneListInOrder",
                    kXff,
                    "10.0.0.2",
                    {"192.0.2.1", "198.51.100.1, 10.0.0.7"},
                    "198.51.100.1"},
        AddressCase{"GarbageLeftOfTheClientIsIgnored",
                    kXff,
                    "10.0.0.2",
                    {"not an address, 198.51.100.1"},
                    "198.51.100.1"},
        AddressCase{"GarbageOnTheWalkFallsBackToThePeer",
                    kXff,
                    "10.0.0.2",
                    {"198.51.100.1, bogus"},
                    "10.0.0.2"},
        AddressCase{"EmptyHeaderFallsBackToThePeer", kXff, "10.0.0.2", {""}, "10.0.0.2"},
        AddressCase{"UnknownFallsBackToThePeer", kXff, "10.0.0.2", {"unknown"}, "10.0.0.2"},
        AddressCase{
            "PortAfterIpv4IsDropped", kXff, "10.0.0.2", {"198.51.100.1:4711"}, "198.51.100.1"},
        AddressCase{"BareIpv6", kXff, "10.0.0.2", {"2001:db8:1::7"}, "2001:db8:1::7"},
        AddressCase{
            "BracketedIpv6WithPort", kXff, "10.0.0.2", {"[2001:db8:1::7]:443"}, "2001:db8:1::7"},
        AddressCase{
            "Ipv4MappedIpv6IsIpv4", kXff, "10.0.0.2", {"::ffff:198.51.100.1"}, "198.51.100.1"},
        AddressCase{"TrustedIpv6Peer", kXff, "2001:db8:ffff::1", {"198.51.100.1"}, "198.51.100.1"},
        AddressCase{"ZoneIdIsNotAnAddress", kXff, "10.0.0.2", {"fe80::1%eth0"}, "10.0.0.2"},
        AddressCase{
            "ForwardedFor", kFwd, "10.0.0.2", {"for=198.51.100.1;proto=https"}, "198.51.100.1"},
        AddressCase{"ForwardedNameIsCaseInsensitive",
                    kFwd,
                    "10.0.0.2",
                    {"For=198.51.100.1"},
                    "198.51.100.1"},
        AddressCase{"ForwardedQuotedIpv6WithPort",
                    kFwd,
                    "10.0.0.2",
                    {"for=\"[2001:db8:cafe::17]:4711\""},
                    "2001:db8:cafe::17"},
        AddressCase{"ForwardedQuotedIpv4WithPort",
                    kFwd,
                    "10.0.0.2",
                    {"for=\"198.51.100.1:80\";by=10.0.0.2"},
                    "198.51.100.1"},
        AddressCase{"ForwardedWalksFromTheRight",
                    kFwd,
                    "10.0.0.2",
                    {"for=192.0.2.43, for=198.51.100.17;by=10.0.0.1, for=10.0.0.5"},
                    "198.51.100.17"},
        AddressCase{"ForwardedCommaInsideQuotesIsNotASeparator",
                    kFwd,
                    "10.0.0.2",
                    {"for=198.51.100.1;x=\"a,b\""},
                    "198.51.100.1"},
        AddressCase{"ForwardedIpv6WithoutBracketsIsMalformed",
                    kFwd,
                    "10.0.0.2",
                    {"for=\"2001:db8::1:80\""},
                    "10.0.0.2"},
        AddressCase{
            "ForwardedObfuscatedFallsBackToThePeer", kFwd, "10.0.0.2", {"for=_hidden"}, "10.0.0.2"},
        AddressCase{
            "ForwardedWithoutForFallsBackToThePeer", kFwd, "10.0.0.2", {"proto=https"}, "10.0.0.2"},
        AddressCase{"ForwardedTwoForsInOneElementIsMalformed",
                    kFwd,
                    "10.0.0.2",
                    {"for=198.51.100.1;for=192.0.2.1"},
                    "10.0.0.2"},
        AddressCase{"ForwardedOpenQuoteFallsBackToThePeer",
                    kFwd,
                    "10.0.0.2",
                    {"for=\"198.51.100.1"},
                    "10.0.0.2"},
        AddressCase{"ForwardedBadFieldLeftOfTheClientIsIgnored",
                    kFwd,
                    "10.0.0.2",
                    {"for=\"unterminated", "for=198.51.100.1"},
                    "198.51.100.1"},
        AddressCase{"ForwardedBracketWithoutIpv6IsMalformed",
                    kFwd,
                    "10.0.0.2",
                    {"for=\"[198.51.100.1]\""},
                    "10.0.0.2"}),
    [](const auto& info) { return info.param.name; });

TEST(ClientAddressTest, OnlyTheConfiguredHeaderIsRead) {
  bhttp::fields headers;
  headers.insert("Forwarded", "for=192.0.2.1");
  headers.insert("X-Forwarded-For", "198.51.100.1");
  EXPECT_EQ(client_address(policy(kXff), "10.0.0.2", headers), "198.51.100.1");
  EXPECT_EQ(client_address(policy(kFwd), "10.0.0.2", headers), "192.0.2.1");
}

TEST(ClientAddressTest, WithoutTrustedProxiesThePeerIsTheClient) {
  bhttp::fields headers;
  headers.insert("X-Forwarded-For", "198.51.100.1");
  EXPECT_EQ(client_address(ClientAddressPolicy{}, "10.0.0.2", headers), "10.0.0.2");
}

TEST(TrustedProxiesTest, MatchesAddressesInsideTheNetworksOnly) {
  auto trusted = TrustedProxies::parse({"192.0.2.0/24", "2001:db8::/32", "198.51.100.7"});
  ASSERT_TRUE(trusted);
  EXPECT_TRUE(trusted->contains("192.0.2.255"));
  EXPECT_FALSE(trusted->contains("192.0.3.0"));
  EXPECT_TRUE(trusted->contains("2001:db8:1234::1"));
  EXPECT_FALSE(trusted->contains("2001:db9::1"));
  EXPECT_TRUE(trusted->contains("198.51.100.7"));
  EXPECT_FALSE(trusted->contains("198.51.100.8"));
  EXPECT_TRUE(trusted->contains("::ffff:192.0.2.1"));  // IPv4-mapped: the IPv4 address
  EXPECT_FALSE(trusted->contains("not an address"));
}

TEST(TrustedProxiesTest, OddPrefixLengthsCompareBitByBit) {
  auto trusted = TrustedProxies::parse({"10.0.0.0/9"});
  ASSERT_TRUE(trusted);
  EXPECT_TRUE(trusted->contains("10.127.255.255"));
  EXPECT_FALSE(trusted->contains("10.128.0.0"));
}

TEST(TrustedProxiesTest, ZeroPrefixTrustsEveryAddressOfItsFamily) {
  auto trusted = TrustedProxies::parse({"0.0.0.0/0"});
  ASSERT_TRUE(trusted);
  EXPECT_TRUE(trusted->contains("203.0.113.1"));
  EXPECT_FALSE(trusted->contains("2001:db8::1"));
}

TEST(TrustedProxiesTest, RefusesEntriesThatAreNotNetworks) {
  for (std::string bad : {"10.0.0.0/33", "2001:db8::/129", "10.0.0.0/", "10.0.0.0/x", "example.com",
                          "", "10.0.0/8", "10.0.0.0/8/8"}) {
    auto parsed = TrustedProxies::parse({bad});
    ASSERT_FALSE(parsed) << bad;
    EXPECT_NE(parsed.error().description.find("trusted_proxies"), std::string::npos);
  }
}

TEST(AddressKeyTest, Ipv4IsItselfAndIpv6IsItsSlash64) {
  EXPECT_EQ(address_key("198.51.100.1"), "198.51.100.1");
  EXPECT_EQ(address_key("2001:db8:1:2:3:4:5:6"), "2001:db8:1:2::/64");
  EXPECT_EQ(address_key("2001:db8:1:2::9"), address_key("2001:db8:1:2:ffff::1"));
  EXPECT_EQ(address_key("::ffff:198.51.100.1"), "198.51.100.1");
  EXPECT_EQ(address_key("not an address"), "not an address");
}

}  // namespace
}  // namespace latch::http
