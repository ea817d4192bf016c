#include "management_api/organization_kit.hpp"

namespace latch::management_api::organization_kit {

Result<std::optional<std::vector<std::string>>> ids_field(const boost::json::object& body,
                                                          std::string_view key, bool nonempty) {
  using Out = std::optional<std::vector<std::string>>;
  if (!body.contains(key)) return Out();
  auto ids = sole_ids(boost::json::object{{key, body.at(key)}}, key, nonempty);
  if (!ids) return ids.error();
  return Out(std::move(*ids));
}

}  // namespace latch::management_api::organization_kit
