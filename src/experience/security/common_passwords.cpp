#include <array>
#include <string>
#include <string_view>
#include <unordered_set>

#include "experience/security/password_policy.hpp"

// Latch's list of common passwords: the classics that top every leaked-password ranking, and
// the patterns people build from them (a word plus digits, years or "!", digit runs, keyboard
// walks). Built once, a few thousand entries, compared in lower case.
namespace latch::experience {
namespace {

constexpr std::array<std::string_view, 235> kClassics = {
    "123456",     "password",  "12345678",   "qwerty",    "123456789",     "12345",    "1234",
    "111111",     "1234567",   "dragon",     "123123",    "baseball",      "abc123",   "football",
    "monkey",     "letmein",   "696969",     "shadow",    "master",        "666666",   "qwertyuiop",
    "123321",     "mustang",   "1234567890", "michael",   "654321",        "superman", "1qaz2wsx",
    "7777777",    "121212",    "000000",     "qazwsx",    "123qwe",        "killer",   "trustno1",
    "jordan",     "jennifer",  "zxcvbnm",    "asdfgh",    "hunter",        "buster",   "soccer",
    "harley",     "batman",    "andrew",     "tigger",    "sunshine",      "iloveyou", "2000",
    "charlie",    "robert",    "thomas",     "hockey",    "ranger",        "daniel",   "starwars",
    "klaster",    "112233",    "george",     "computer",  "michelle",      "jessica",  "pepper",
    "1111",       "zxcvbn",    "555555",     "11111111",  "131313",        "freedom",  "777777",
    "pass",       "maggie",    "159753",     "aaaaaa",    "ginger",        "princess", "joshua",
    "cheese",     "amanda",    "summer",     "love",      "ashley",        "nicole",   "chelsea",
    "biteme",     "matthew",   "access",     "yankees",   "987654321",     "dallas",   "austin",
    "thunder",    "taylor",    "matrix",     "william",   "corvette",      "hello",    "martin",
    "heather",    "secret",    "merlin",     "diamond",   "1234qwer",      "gfhjkm",   "hammer",
    "silver",     "222222",    "88888888",   "anthony",   "justin",        "test",     "bailey",
    "q1w2e3r4t5", "patrick",   "internet",   "scooter",   "orange",        "11111",    "golfer",
    "cookie",     "richard",   "samantha",   "bigdog",    "guitar",        "jackson",  "whatever",
    "mickey",     "chicken",   "sparky",     "snoopy",    "maverick",      "phoenix",  "camaro",
    "peanut",     "morgan",    "welcome",    "falcon",    "cowboy",        "ferrari",  "samsung",
    "andrea",     "smokey",    "steelers",   "joseph",    "mercedes",      "dakota",   "arsenal",
    "eagles",     "melissa",   "boomer",     "booboo",    "spider",        "nascar",   "monster",
    "tigers",     "yellow",    "xxxxxx",     "123123123", "gateway",       "marina",   "diablo",
    "bulldog",    "qwer1234",  "compaq",     "purple",    "hardcore",      "banana",   "junior",
    "hannah",     "123654",    "porsche",    "lakers",    "iceman",        "money",    "cowboys",
    "987654",     "london",    "tennis",     "999999",    "ncc1701",       "coffee",   "scooby",
    "0000",       "miller",    "boston",     "q1w2e3r4",  "fuckoff",       "brandon",  "yamaha",
    "chester",    "mother",    "forever",    "johnny",    "edward",        "333333",   "oliver",
    "redsox",     "player",    "nikita",     "knight",    "fender",        "barney",   "midnight",
    "please",     "brandy",    "chicago",    "badboy",    "admin",         "passw0rd", "p@ssw0rd",
    "p@ssword",   "qwerty123", "letmein1",   "welcome1",  "administrator", "root",     "changeme",
    "default",    "guest",     "login",      "abcdef",    "abcd1234",      "aa123456", "password1",
    "iloveyou1",  "sakura",    "doraemon",   "pokemon",   "naruto",        "tokyo",    "nippon",
    "yokohama",   "osaka",     "latch",      "logto"};

constexpr std::array<std::string_view, 16> kWalks = {
    "qwertyui",     "asdfghjk",   "zxcvbnm,",  "1q2w3e4r", "1q2w3e4r5t", "qazwsxedc",
    "1qaz2wsx3edc", "zaq12wsx",   "!qaz2wsx",  "asdf1234", "qwerasdf",   "poiuytrewq",
    "mnbvcxz",      "0987654321", "qweasdzxc", "asdfasdf"};

constexpr std::array<std::string_view, 24> kSuffixes = {
    "1",  "12",   "123",  "1234", "12345", "123456", "!",    "1!",   "123!", "01", "007", "69",
    "99", "2000", "2020", "2021", "2022",  "2023",   "2024", "2025", "@123", "#1", "11",  "00"};

void add_digit_runs(std::unordered_set<std::string>& set) {
  for (char d = '0'; d <= '9'; ++d) {
    for (std::size_t n = 4; n <= 12; ++n) set.insert(std::string(n, d));
  }
  std::string up = "12345678901234567890", down = "98765432109876543210";
  for (std::size_t n = 4; n <= 12; ++n) {
    for (std::size_t start = 0; start < 10; ++start) {
      set.insert(up.substr(start, n));
      set.insert(down.substr(start, n));
    }
  }
  for (int year = 1950; year <= 2030; ++year) {
    set.insert(std::to_string(year) + std::to_string(year));
  }
}

std::unordered_set<std::string> build() {
  std::unordered_set<std::string> set;
  for (auto word : kClassics) {
    set.emplace(word);
    for (auto suffix : kSuffixes) set.insert(std::string(word) + std::string(suffix));
  }
  for (auto walk : kWalks) {
    set.emplace(walk);
    for (auto suffix : kSuffixes) set.insert(std::string(walk) + std::string(suffix));
  }
  add_digit_runs(set);
  return set;
}

}  // namespace

bool is_common_password(std::string_view password) {
  static const std::unordered_set<std::string> kSet = build();
  std::string lower(password);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
  return kSet.contains(lower);
}

}  // namespace latch::experience
