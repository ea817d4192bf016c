#pragma once

#include <string>
#include <vector>

#include "core/result.hpp"

// The experience engine's progress, stored on the interaction (state_json["experience"]), so a
// step survives across nodes and a step of one interaction cannot touch another.
namespace latch::experience {

struct VerificationRecord {
  std::string id;
  std::string type;             // Password, VerificationCode, NewPasswordIdentity
  std::string identifier_type;  // username, email, phone
  std::string identifier;
  std::string code_id;  // VerificationCode: the stored code
  bool verified = false;
  std::string user_id;        // Password: the user it proved
  std::string password_hash;  // NewPasswordIdentity
};

struct FlowState {
  std::string event;  // SignIn, Register, ForgotPassword; "" before PUT /api/experience
  std::vector<VerificationRecord> verifications;
  std::string user_id;  // identified user (SignIn, ForgotPassword)
  // Profile collected for a new user or a missing identifier.
  std::string username, email, phone, password_hash;
  bool password_reset = false;

  VerificationRecord* find(const std::string& id);
  const VerificationRecord* latest_verified() const;
};

// Reads and writes the "experience" member of an interaction's state JSON, keeping the rest.
FlowState read_flow_state(const std::string& state_json);
std::string write_flow_state(const std::string& state_json, const FlowState& state);

}  // namespace latch::experience
