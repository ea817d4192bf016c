#pragma once

#include "storage/repositories.hpp"
#include "storage/sql/connection.hpp"

namespace latch::storage::sql {

// Pending authorization requests handed to the sign-in UI.
class SqlInteractionRepository final : public InteractionRepository {
 public:
  explicit SqlInteractionRepository(Connection& conn) : conn_(conn) {}

  // NotFound when the client (or the user, when set) does not exist.
  Result<void> insert(const model::Interaction& i) override;
  // Replaces every field but uid and created_at. NotFound when absent.
  Result<void> update(const model::Interaction& i) override;
  Result<std::optional<model::Interaction>> find(std::string_view uid) override;
  Result<void> remove(std::string_view uid) override;  // succeeds when absent

 private:
  Connection& conn_;
};

}  // namespace latch::storage::sql
