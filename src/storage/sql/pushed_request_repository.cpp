#include "storage/sql/pushed_request_repository.hpp"

#include <string>

#include "storage/sql/consume.hpp"

namespace latch::storage::sql {
namespace {

constexpr std::string_view kColumns =
    "request_uri_hash, client_id, params, created_at, expires_at, consumed_at";

const std::string kByHash =
    "SELECT " + std::string(kColumns) + " FROM pushed_requests WHERE request_uri_hash = ?1";

const ConsumeSql kConsume{
    "UPDATE pushed_requests SET consumed_at = ?1 WHERE request_uri_hash = ?2 AND consumed_at = 0",
    kByHash,
};

PushedRequest read_pushed_request(const Row& s) {
  PushedRequest r;
  r.request_uri_hash = s.text(0);
  r.client_id = s.text(1);
  r.params_json = s.text(2);
  r.created_at = s.int64(3);
  r.expires_at = s.int64(4);
  r.consumed_at = s.int64(5);
  return r;
}

}  // namespace

Result<void> SqlPushedRequestRepository::insert(const PushedRequest& r) {
  return run(
      conn_,
      "INSERT INTO pushed_requests (" + std::string(kColumns) + ") VALUES (?, ?, ?, ?, ?, ?)",
      {r.request_uri_hash, r.client_id, r.params_json, r.created_at, r.expires_at, r.consumed_at});
}

Result<model::Consumed<PushedRequest>> SqlPushedRequestRepository::consume(
    std::string_view request_uri_hash, std::int64_t now) {
  return consume_once<PushedRequest>(conn_, kConsume, request_uri_hash, now, read_pushed_request);
}

}  // namespace latch::storage::sql
