#pragma once

#include "storage/postgres/connection.hpp"
#include "storage/repositories.hpp"

namespace latch::storage::postgres {

// Pending authorization requests handed to the sign-in UI.
class PostgresInteractionRepository final : public InteractionRepository {
 public:
  explicit PostgresInteractionRepository(Connection& conn) : conn_(conn) {}

  // NotFound when the client (or the user, when set) does not exist.
  Result<void> insert(const model::Interaction& i) override;
  // Replaces every field but uid and created_at. NotFound when absent.
  Result<void> update(const model::Interaction& i) override;
  Result<std::optional<model::Interaction>> find(std::string_view uid) override;
  Result<void> remove(std::string_view uid) override;  // succeeds when absent

 private:
  Connection& conn_;
};

}  // namespace latch::storage::postgres
