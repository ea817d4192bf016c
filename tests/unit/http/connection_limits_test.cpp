#include "http/connection_limits.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace latch::http {
namespace {

using Refusal = ConnectionTable::Refusal;

TEST(ConnectionTableTest, RefusesAnAddressOverItsCapAndAdmitsOthers) {
  ConnectionTable table({.total = 100, .per_address = 2});
  auto a1 = table.admit("192.0.2.1", false);
  auto a2 = table.admit("192.0.2.1", false);
  Refusal refusal = Refusal::None;
  auto a3 = table.admit("192.0.2.1", false, &refusal);
  EXPECT_TRUE(a1 && a2);
  EXPECT_FALSE(a3);
  EXPECT_EQ(refusal, Refusal::PerAddress);
  EXPECT_TRUE(table.admit("192.0.2.2", false));
  EXPECT_EQ(table.open_from("192.0.2.1"), 2u);
}

TEST(ConnectionTableTest, ATicketReleasesItsPlaceWhenDestroyed) {
  ConnectionTable table({.total = 100, .per_address = 1});
  {
    auto first = table.admit("192.0.2.1", false);
    EXPECT_FALSE(table.admit("192.0.2.1", false));
  }
  EXPECT_EQ(table.open(), 0u);
  EXPECT_TRUE(table.admit("192.0.2.1", false));
}

TEST(ConnectionTableTest, AMovedTicketReleasesOnce) {
  ConnectionTable table({.total = 100, .per_address = 5});
  {
    auto first = table.admit("192.0.2.1", false);
    ConnectionTable::Ticket moved = std::move(first);
    ConnectionTable::Ticket assigned;
    assigned = std::move(moved);
    EXPECT_EQ(table.open(), 1u);
  }
  EXPECT_EQ(table.open(), 0u);
  EXPECT_EQ(table.open_from("192.0.2.1"), 0u);
}

TEST(ConnectionTableTest, ExemptAddressesCountOnlyAgainstTheTotal) {
  ConnectionTable table({.total = 3, .per_address = 1});
  std::vector<ConnectionTable::Ticket> held;
  for (int i = 0; i < 3; ++i) held.push_back(table.admit("10.0.0.2", true));
  for (const auto& ticket : held) EXPECT_TRUE(ticket);
  Refusal refusal = Refusal::None;
  EXPECT_FALSE(table.admit("10.0.0.2", true, &refusal));
  EXPECT_EQ(refusal, Refusal::Total);
}

TEST(ConnectionTableTest, TheTotalCapRefusesEveryAddress) {
  ConnectionTable table({.total = 2, .per_address = 0});
  auto a = table.admit("192.0.2.1", false);
  auto b = table.admit("192.0.2.2", false);
  Refusal refusal = Refusal::None;
  EXPECT_FALSE(table.admit("192.0.2.3", false, &refusal));
  EXPECT_EQ(refusal, Refusal::Total);
}

TEST(ConnectionTableTest, PressureStartsPastHalfTheTotalAndEndsAtAQuarter) {
  ConnectionTable table({.total = 8, .per_address = 0});
  std::vector<ConnectionTable::Ticket> held;
  for (int i = 0; i < 4; ++i) held.push_back(table.admit("192.0.2.1", false));
  EXPECT_FALSE(table.under_pressure());
  held.push_back(table.admit("192.0.2.1", false));
  EXPECT_TRUE(table.under_pressure());
  held.resize(3);
  EXPECT_TRUE(table.under_pressure());  // three open: still above a quarter
  held.resize(2);
  EXPECT_FALSE(table.under_pressure());
}

TEST(ConnectionCapTest, KeepsAReserveBelowTheDescriptorLimit) {
  EXPECT_EQ(connection_cap(1024, 0), 1024u - 128u);
  EXPECT_EQ(connection_cap(256, 0), 256u - 64u);
  EXPECT_EQ(connection_cap(1048576, 0), 1048576u - 4096u);
  EXPECT_EQ(connection_cap(50, 0), 16u);
}

TEST(ConnectionCapTest, AConfiguredCapWins) { EXPECT_EQ(connection_cap(1024, 5000), 5000u); }

}  // namespace
}  // namespace latch::http
