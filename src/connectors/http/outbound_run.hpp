#pragma once

#include <boost/asio/io_context.hpp>

// Every blocking exchange with a provider (HTTP to a social provider or SMS gateway, SMTP) runs
// its private io_context through run_outbound, so that a shutdown can end them all at once
// instead of waiting out their timeouts.
namespace latch::connectors {

// Runs `io` on the calling thread until it runs out of work or stop_outbound() is called. When
// stopped, the exchange's coroutine never finishes: the caller keeps the error it started with.
// Thread-safe.
void run_outbound(boost::asio::io_context& io);

// Stops every exchange inside run_outbound now, and makes every later one stop before it
// starts. For the end of a shutdown: irreversible. Thread-safe.
void stop_outbound();

}  // namespace latch::connectors
