// The sign-in experience document (src/experience/config/sign_in_experience*.cpp): the body of
// PATCH /api/sign-in-exp and the stored document. The bytes are JSON.
//   - apply_patch and from_stored_json return a configuration or an error naming a field, and
//     never throw;
//   - an accepted configuration, written with to_json, reads back (as a patch over the defaults
//     and as a stored document) to the same document;
//   - applying the same patch twice changes nothing the second time.

#include <boost/json/serialize.hpp>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/json.hpp"
#include "experience/config/sign_in_experience.hpp"
#include "support/fuzz_check.hpp"

namespace latch::fuzz {
namespace {

namespace json = boost::json;

void check_document(const experience::SignInExperience& config) {
  const json::object document = experience::to_json(config);
  const auto patched = experience::apply_patch(experience::SignInExperience{}, document);
  FUZZ_CHECK(patched && experience::to_json(*patched) == document);
  const auto stored = experience::from_stored_json(json::serialize(document));
  FUZZ_CHECK(stored && experience::to_json(*stored) == document);
}

void check_patch(const json::object& patch) {
  const auto config = experience::apply_patch(experience::SignInExperience{}, patch);
  if (!config) {
    FUZZ_CHECK(config.error().code == Errc::InvalidRequest && !config.error().description.empty());
    return;
  }
  check_document(*config);
  const auto twice = experience::apply_patch(*config, patch);
  FUZZ_CHECK(twice && experience::to_json(*twice) == experience::to_json(*config));
}

}  // namespace
}  // namespace latch::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = latch::fuzz::as_text(data, size);
  const auto stored = latch::experience::from_stored_json(text);
  if (stored) {
    latch::fuzz::check_document(*stored);
  }
  // As PATCH /api/sign-in-exp reads its body (experience/api/sign_in_exp_routes.cpp).
  const auto value = latch::parse_json(text);
  if (value && value->is_object()) {
    latch::fuzz::check_patch(value->get_object());
  }
  return 0;
}
