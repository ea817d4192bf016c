#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <cstdint>
#include <string_view>

#include "core/periodic.hpp"
#include "core/result.hpp"
#include "management/webhook_payload.hpp"
#include "storage/store.hpp"

// Raising webhook events: a service that makes a change queues its event in the change's own
// transaction (the outbox, storage::HookDeliveryRepository), so the event goes out if and only
// if the change commits, and a slow receiver never slows the change. The delivery worker sends
// it later (management/webhook_dispatcher.hpp).
namespace latch::management {

// Rung when a transaction that queued webhook deliveries commits; the delivery worker of this
// process listens (server/webhook_worker.hpp), so an event goes out at once, not at the next
// round.
Doorbell& webhook_doorbell();

// Queues `payload` (without hookId) as event `event` for every enabled hook that wants it, under
// a new event id, and rings webhook_doorbell() once the transaction commits. Errors are the
// database's: they fail the change, as any write of it would.
[[nodiscard]] Result<void> queue_hook_event(storage::Tx& tx, std::string_view event,
                                            const boost::json::object& payload,
                                            std::int64_t now_millis);

// queue_hook_event of Logto's data hook payload (data_hook_payload), with the members of `about`
// added beside `data` (Logto's roleId of a Role.Scopes.Updated a role's creation raises). A null
// `data` is left out.
[[nodiscard]] Result<void> queue_data_hook(storage::Tx& tx, std::string_view event,
                                           const HookOrigin* origin, boost::json::value data,
                                           std::int64_t now_millis,
                                           const boost::json::object& about = {});

}  // namespace latch::management
