#include "experience/flow/flow_state.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace latch::experience {
namespace {

namespace json = boost::json;

std::string str(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

bool flag(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v && v->is_bool() && v->as_bool();
}

json::object parse_object(const std::string& text) {
  boost::system::error_code ec;
  auto v = json::parse(text, ec);
  return !ec && v.is_object() ? v.as_object() : json::object{};
}

}  // namespace

VerificationRecord* FlowState::find(const std::string& id) {
  for (auto& v : verifications) {
    if (v.id == id) return &v;
  }
  return nullptr;
}

const VerificationRecord* FlowState::latest_verified() const {
  for (auto it = verifications.rbegin(); it != verifications.rend(); ++it) {
    if (it->verified) return &*it;
  }
  return nullptr;
}

FlowState read_flow_state(const std::string& state_json) {
  FlowState s;
  auto root = parse_object(state_json);
  const auto* exp = root.if_contains("experience");
  if (!exp || !exp->is_object()) return s;
  const auto& o = exp->as_object();
  s.event = str(o, "event");
  s.user_id = str(o, "userId");
  s.username = str(o, "username");
  s.email = str(o, "email");
  s.phone = str(o, "phone");
  s.password_hash = str(o, "passwordHash");
  s.password_reset = flag(o, "passwordReset");
  if (const auto* list = o.if_contains("verifications"); list && list->is_array()) {
    for (const auto& item : list->as_array()) {
      if (!item.is_object()) continue;
      const auto& v = item.as_object();
      s.verifications.push_back({str(v, "id"), str(v, "type"), str(v, "identifierType"),
                                 str(v, "identifier"), str(v, "codeId"), flag(v, "verified"),
                                 str(v, "userId"), str(v, "passwordHash")});
    }
  }
  return s;
}

std::string write_flow_state(const std::string& state_json, const FlowState& s) {
  auto root = parse_object(state_json);
  json::array list;
  for (const auto& v : s.verifications) {
    list.push_back(json::object{{"id", v.id},
                                {"type", v.type},
                                {"identifierType", v.identifier_type},
                                {"identifier", v.identifier},
                                {"codeId", v.code_id},
                                {"verified", v.verified},
                                {"userId", v.user_id},
                                {"passwordHash", v.password_hash}});
  }
  root["experience"] = json::object{{"event", s.event},
                                    {"userId", s.user_id},
                                    {"username", s.username},
                                    {"email", s.email},
                                    {"phone", s.phone},
                                    {"passwordHash", s.password_hash},
                                    {"passwordReset", s.password_reset},
                                    {"verifications", std::move(list)}};
  return json::serialize(root);
}

}  // namespace latch::experience
