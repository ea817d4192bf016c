#include <gtest/gtest.h>

#include <algorithm>

#include "storage/samples.hpp"
#include "storage/storage_fixture.hpp"

namespace latch::storage::test {
namespace {

class UserRepositoryTest : public StorageTest {
 protected:
  Result<void> insert(const model::User& user) {
    return in_write([&](Tx& tx) { return tx.users().insert(user); });
  }
  Result<void> update(const model::User& user) {
    return in_write([&](Tx& tx) { return tx.users().update(user); });
  }
  // The id of the user found, "" when none, "error" on failure.
  template <class Find>
  std::string found_id(Find find) {
    auto found = in_read(find);
    if (!found) {
      return "error";
    }
    return found->has_value() ? (*found)->id : "";
  }
  std::vector<std::string> search(std::string_view text, Page page = {}) {
    auto users = in_read([&](Tx& tx) { return tx.users().list(text, page); });
    std::vector<std::string> ids;
    if (users) {
      for (const auto& user : *users) {
        ids.push_back(user.id);
      }
    }
    return ids;
  }
  std::int64_t count(std::string_view text) {
    auto counted = in_read([&](Tx& tx) { return tx.users().count(text); });
    return counted ? *counted : -1;
  }
  static model::User bare(const std::string& id, std::int64_t created_at = 1000) {
    model::User user;
    user.id = id;
    user.created_at = created_at;
    user.updated_at = created_at;
    return user;
  }
};

TEST_P(UserRepositoryTest, FindsInsertedUserWithEveryField) {
  model::User user = sample_user("u1");
  ASSERT_OK(insert(user));

  auto found = in_read([](Tx& tx) { return tx.users().find("u1"); });
  ASSERT_OK(found);
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ(fields(**found), fields(user));
}

TEST_P(UserRepositoryTest, RoundTripsAbsentOptionalFields) {
  model::User user = bare("u1");
  ASSERT_OK(insert(user));

  auto found = in_read([](Tx& tx) { return tx.users().find("u1"); });
  ASSERT_OK(found);
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ(fields(**found), fields(user));
}

TEST_P(UserRepositoryTest, FindReturnsNothingForUnknownId) {
  EXPECT_EQ(found_id([](Tx& tx) { return tx.users().find("nope"); }), "");
}

TEST_P(UserRepositoryTest, FindsByUsernameIgnoringCase) {
  ASSERT_OK(insert(sample_user("u1")));  // username "User_u1"
  EXPECT_EQ(found_id([](Tx& tx) { return tx.users().find_by_username("user_U1"); }), "u1");
  EXPECT_EQ(found_id([](Tx& tx) { return tx.users().find_by_username("User_u1"); }), "u1");
  EXPECT_EQ(found_id([](Tx& tx) { return tx.users().find_by_username("User_u"); }), "");
}

TEST_P(UserRepositoryTest, FindsByEmailIgnoringCase) {
  ASSERT_OK(insert(sample_user("u1")));  // email "Mail.u1@Example.COM"
  EXPECT_EQ(found_id([](Tx& tx) { return tx.users().find_by_email("mail.U1@example.com"); }), "u1");
  EXPECT_EQ(found_id([](Tx& tx) { return tx.users().find_by_email("other@example.com"); }), "");
}

TEST_P(UserRepositoryTest, FindsByPhoneExactly) {
  ASSERT_OK(insert(sample_user("u1")));  // phone "+1555u1"
  EXPECT_EQ(found_id([](Tx& tx) { return tx.users().find_by_phone("+1555u1"); }), "u1");
  EXPECT_EQ(found_id([](Tx& tx) { return tx.users().find_by_phone("+1555"); }), "");
}

TEST_P(UserRepositoryTest, UsernameDifferingOnlyInCaseIsConflict) {
  ASSERT_OK(insert(sample_user("u1")));
  model::User other = bare("u2");
  other.username = "USER_U1";

  auto inserted = insert(other);
  EXPECT_EQ(errc_of(inserted), Errc::Conflict);
  EXPECT_EQ(inserted.error().key, "user.username_already_in_use");
}

TEST_P(UserRepositoryTest, EmailDifferingOnlyInCaseIsConflict) {
  ASSERT_OK(insert(sample_user("u1")));
  model::User other = bare("u2");
  other.primary_email = "mail.u1@example.com";

  auto inserted = insert(other);
  EXPECT_EQ(errc_of(inserted), Errc::Conflict);
  EXPECT_EQ(inserted.error().key, "user.email_already_in_use");
}

TEST_P(UserRepositoryTest, TakenPhoneIsConflict) {
  ASSERT_OK(insert(sample_user("u1")));
  model::User other = bare("u2");
  other.primary_phone = "+1555u1";

  auto inserted = insert(other);
  EXPECT_EQ(errc_of(inserted), Errc::Conflict);
  EXPECT_EQ(inserted.error().key, "user.phone_already_in_use");
}

TEST_P(UserRepositoryTest, TakenIdIsConflict) {
  ASSERT_OK(insert(bare("u1")));
  EXPECT_EQ(errc_of(insert(bare("u1"))), Errc::Conflict);
}

TEST_P(UserRepositoryTest, ManyUsersMayLackUsernameEmailAndPhone) {
  ASSERT_OK(insert(bare("u1")));
  EXPECT_OK(insert(bare("u2")));
  EXPECT_OK(insert(bare("u3")));
}

TEST_P(UserRepositoryTest, UpdateReplacesEveryFieldButIdAndCreatedAt) {
  ASSERT_OK(insert(sample_user("u1", 1000)));
  model::User changed = sample_user("other", 7);
  changed.id = "u1";
  changed.name = std::nullopt;
  changed.avatar = std::nullopt;
  changed.is_suspended = false;
  ASSERT_OK(update(changed));

  auto found = in_read([](Tx& tx) { return tx.users().find("u1"); });
  ASSERT_OK(found);
  ASSERT_TRUE(found->has_value());
  changed.created_at = 1000;
  EXPECT_EQ(fields(**found), fields(changed));
}

TEST_P(UserRepositoryTest, UpdateMovesTheCaseInsensitiveKeys) {
  ASSERT_OK(insert(sample_user("u1")));
  model::User changed = sample_user("u1");
  changed.username = "Renamed";
  changed.primary_email = std::nullopt;
  ASSERT_OK(update(changed));

  EXPECT_EQ(found_id([](Tx& tx) { return tx.users().find_by_username("user_u1"); }), "");
  EXPECT_EQ(found_id([](Tx& tx) { return tx.users().find_by_username("RENAMED"); }), "u1");
  EXPECT_EQ(found_id([](Tx& tx) { return tx.users().find_by_email("mail.u1@example.com"); }), "");
  model::User reuses = bare("u2");
  reuses.username = "user_u1";
  reuses.primary_email = "MAIL.U1@example.com";
  EXPECT_OK(insert(reuses));
}

TEST_P(UserRepositoryTest, UpdateToTakenUsernameIsConflict) {
  ASSERT_OK(insert(sample_user("u1")));
  ASSERT_OK(insert(sample_user("u2")));
  model::User changed = sample_user("u2");
  changed.username = "USER_u1";

  auto updated = update(changed);
  EXPECT_EQ(errc_of(updated), Errc::Conflict);
  EXPECT_EQ(updated.error().key, "user.username_already_in_use");
}

TEST_P(UserRepositoryTest, UpdateOfUnknownIdIsNotFound) {
  EXPECT_EQ(errc_of(update(bare("nope"))), Errc::NotFound);
}

TEST_P(UserRepositoryTest, ListsNewestFirstThenByIdAndPaginates) {
  ASSERT_OK(insert(bare("a", 1000)));
  ASSERT_OK(insert(bare("b", 3000)));
  ASSERT_OK(insert(bare("d", 2000)));
  ASSERT_OK(insert(bare("c", 2000)));

  EXPECT_EQ(search("", {1, 3}), (std::vector<std::string>{"b", "c", "d"}));
  EXPECT_EQ(search("", {2, 3}), (std::vector<std::string>{"a"}));
  EXPECT_TRUE(search("", {3, 3}).empty());
  EXPECT_EQ(count(""), 4);
}

TEST_P(UserRepositoryTest, SearchMatchesAPrefixOfEachSearchedField) {
  model::User by_id = bare("xyz-id");
  model::User by_username = bare("u2");
  by_username.username = "xyz_name";
  model::User by_email = bare("u3");
  by_email.primary_email = "xyz@example.com";
  model::User by_phone = bare("u4");
  by_phone.primary_phone = "+4412345";
  model::User by_name = bare("u5");
  by_name.name = "Xyz Smith";
  model::User inside = bare("u6");
  inside.username = "the_xyz";  // contains the term, but does not start with it
  inside.avatar = "xyz.png";    // not searched
  for (const auto& user : {by_id, by_username, by_email, by_phone, by_name, inside}) {
    ASSERT_OK(insert(user));
  }

  std::vector<std::string> found = search("xyz");
  std::sort(found.begin(), found.end());
  EXPECT_EQ(found, (std::vector<std::string>{"u2", "u3", "u5", "xyz-id"}));
  EXPECT_EQ(count("xyz"), 4);
  EXPECT_EQ(search("+4412"), (std::vector<std::string>{"u4"}));
  EXPECT_EQ(search("xyz@example.com"), (std::vector<std::string>{"u3"}));
  EXPECT_TRUE(search("xyz@example.comm").empty());
  EXPECT_TRUE(search("1234").empty());
}

TEST_P(UserRepositoryTest, ATrailingPercentIsAPrefixSearchAndALeadingOneASubstringSearch) {
  model::User user = bare("u1");
  user.primary_email = "ada@lovelace.example";
  ASSERT_OK(insert(user));
  model::User other = bare("u2");
  other.primary_email = "alan@turing.example";
  ASSERT_OK(insert(other));

  EXPECT_EQ(search("ada%"), (std::vector<std::string>{"u1"}));
  EXPECT_TRUE(search("lovelace").empty());
  EXPECT_EQ(search("%lovelace%"), (std::vector<std::string>{"u1"}));
  EXPECT_EQ(search("%LOVELACE"), (std::vector<std::string>{"u1"}));
  EXPECT_EQ(count("%.example"), 2);
  EXPECT_EQ(count("%"), 2);  // nothing left to match: everyone
}

TEST_P(UserRepositoryTest, SearchIgnoresCase) {
  model::User user = bare("u1");
  user.name = "Grace Hopper";
  user.primary_email = "Grace@Example.com";
  ASSERT_OK(insert(user));

  EXPECT_EQ(search("GRACE H"), (std::vector<std::string>{"u1"}));
  EXPECT_EQ(count("grace@ex"), 1);
}

TEST_P(UserRepositoryTest, SearchTreatsLikeWildcardsInsideTheTermLiterally) {
  model::User percent = bare("u1");
  percent.name = "100% real";
  model::User underscore = bare("u2");
  underscore.username = "a_b";
  model::User backslash = bare("u3");
  backslash.name = "back\\slash";
  model::User plain = bare("u4");
  plain.username = "axb";
  plain.name = "100 real";
  for (const auto& user : {percent, underscore, backslash, plain}) {
    ASSERT_OK(insert(user));
  }

  EXPECT_EQ(search("100% r"), (std::vector<std::string>{"u1"}));
  EXPECT_EQ(search("a_b"), (std::vector<std::string>{"u2"}));
  EXPECT_EQ(search("back\\s"), (std::vector<std::string>{"u3"}));
  EXPECT_EQ(search("%k\\s"), (std::vector<std::string>{"u3"}));
  EXPECT_EQ(count("%_%"), 1);
}

TEST_P(UserRepositoryTest, SearchFindsNonAsciiPrefixesAndRefusesTextThatIsNotUtf8) {
  model::User user = bare("u1");
  user.name = "\xC3\xA9lodie \xE5\xB1\xB1\xE7\x94\xB0";  // "élodie 山田"
  ASSERT_OK(insert(user));

  EXPECT_EQ(search("\xC3\xA9lo"), (std::vector<std::string>{"u1"}));
  EXPECT_TRUE(search("\xC3\xA9m").empty());
  auto refused = in_read([](Tx& tx) { return tx.users().list("\xC3", {}); });
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, Errc::InvalidRequest);
}

TEST_P(UserRepositoryTest, SearchPaginatesMatches) {
  for (int i = 0; i < 5; ++i) {
    model::User user = bare("match" + std::to_string(i), 1000 + i);
    ASSERT_OK(insert(user));
  }
  ASSERT_OK(insert(bare("other", 5000)));

  EXPECT_EQ(search("match", {2, 2}), (std::vector<std::string>{"match2", "match1"}));
  EXPECT_EQ(count("match"), 5);
}

TEST_P(UserRepositoryTest, RemoveDeletesTheUserWithSessionsGrantsAndTokens) {
  insert_user_and_app();
  insert_grant("grant1");
  insert_artifacts("grant1");
  ASSERT_OK(in_write([](Tx& tx) { return tx.sessions().insert(sample_session("s1", "user1")); }));

  ASSERT_OK(in_write([](Tx& tx) { return tx.users().remove("user1"); }));

  EXPECT_EQ(found_id([](Tx& tx) { return tx.users().find("user1"); }), "");
  auto session = in_read([](Tx& tx) { return tx.sessions().find("s1"); });
  auto grant = in_read([](Tx& tx) { return tx.grants().find("grant1"); });
  ASSERT_OK(session);
  ASSERT_OK(grant);
  EXPECT_FALSE(session->has_value());
  EXPECT_FALSE(grant->has_value());
  Artifacts left = artifacts_of("grant1");
  EXPECT_FALSE(left.code || left.refresh_token || left.access_token);
}

TEST_P(UserRepositoryTest, RemoveOfUnknownIdIsNotFound) {
  auto removed = in_write([](Tx& tx) { return tx.users().remove("nope"); });
  EXPECT_EQ(errc_of(removed), Errc::NotFound);
}

TEST_P(UserRepositoryTest, FindsUserBySocialIdentity) {
  model::User user = bare("u1");
  user.identities_json = R"({"github":{"userId":"1001","details":{"name":"Octo"}}})";
  ASSERT_OK(insert(user));

  EXPECT_EQ(found_id([](Tx& tx) { return tx.users().find_by_identity("github", "1001"); }), "u1");
  EXPECT_EQ(found_id([](Tx& tx) { return tx.users().find_by_identity("github", "1002"); }), "");
  EXPECT_EQ(found_id([](Tx& tx) { return tx.users().find_by_identity("google", "1001"); }), "");
}

TEST_P(UserRepositoryTest, UpdateKeepsTheIdentityIndexInStep) {
  model::User user = bare("u1");
  user.identities_json = R"({"github":{"userId":"1001"}})";
  ASSERT_OK(insert(user));
  user.identities_json = R"({"google":{"userId":"g-7"},"github":{"userId":"1001"}})";
  ASSERT_OK(update(user));
  EXPECT_EQ(found_id([](Tx& tx) { return tx.users().find_by_identity("google", "g-7"); }), "u1");

  user.identities_json = R"({"google":{"userId":"g-7"}})";  // GitHub unlinked
  ASSERT_OK(update(user));
  EXPECT_EQ(found_id([](Tx& tx) { return tx.users().find_by_identity("github", "1001"); }), "");
  EXPECT_EQ(found_id([](Tx& tx) { return tx.users().find_by_identity("google", "g-7"); }), "u1");
}

TEST_P(UserRepositoryTest, AnIdentityBelongsToOneUser) {
  model::User first = bare("u1");
  first.identities_json = R"({"github":{"userId":"1001"}})";
  ASSERT_OK(insert(first));
  model::User second = bare("u2");
  second.identities_json = R"({"github":{"userId":"1001"}})";

  auto clash = insert(second);
  EXPECT_EQ(errc_of(clash), Errc::Conflict);
  EXPECT_NE(clash.error().description.find("identity"), std::string::npos);
  EXPECT_EQ(found_id([](Tx& tx) { return tx.users().find("u2"); }), "");  // nothing half-written
  EXPECT_EQ(found_id([](Tx& tx) { return tx.users().find_by_identity("github", "1001"); }), "u1");
}

TEST_P(UserRepositoryTest, RemovingAUserFreesItsIdentities) {
  model::User user = bare("u1");
  user.identities_json = R"({"github":{"userId":"1001"}})";
  ASSERT_OK(insert(user));
  ASSERT_OK(in_write([](Tx& tx) { return tx.users().remove("u1"); }));

  model::User again = bare("u2");
  again.identities_json = R"({"github":{"userId":"1001"}})";
  ASSERT_OK(insert(again));
  EXPECT_EQ(found_id([](Tx& tx) { return tx.users().find_by_identity("github", "1001"); }), "u2");
}

TEST_P(UserRepositoryTest, OperatorsAreGrantedRevokedAndGoWithTheirUser) {
  ASSERT_OK(insert(bare("u1")));
  ASSERT_OK(insert(bare("u2")));
  auto admin = [&](const char* id) {
    auto r = in_read([&](Tx& tx) { return tx.users().is_admin(id); });
    return r && *r;
  };
  EXPECT_FALSE(admin("u1"));
  ASSERT_OK(in_write([](Tx& tx) { return tx.users().set_admin("u2", true, 20); }));
  ASSERT_OK(in_write([](Tx& tx) { return tx.users().set_admin("u1", true, 10); }));
  ASSERT_OK(in_write([](Tx& tx) { return tx.users().set_admin("u1", true, 30); }));  // again
  EXPECT_TRUE(admin("u1"));
  auto ids = in_read([](Tx& tx) { return tx.users().admin_ids(); });
  ASSERT_OK(ids);
  EXPECT_EQ(*ids, (std::vector<std::string>{"u1", "u2"}));

  ASSERT_OK(in_write([](Tx& tx) { return tx.users().set_admin("u1", false, 40); }));
  EXPECT_FALSE(admin("u1"));
  ASSERT_OK(in_write([](Tx& tx) { return tx.users().remove("u2"); }));
  EXPECT_FALSE(admin("u2"));
  auto ghost = in_write([](Tx& tx) { return tx.users().set_admin("ghost", true, 50); });
  EXPECT_EQ(errc_of(ghost), Errc::NotFound);
}

LATCH_STORAGE_SUITE(UserRepositoryTest);

}  // namespace
}  // namespace latch::storage::test
