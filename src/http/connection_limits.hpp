#pragma once

#include <cstddef>
#include <mutex>
#include <string>
#include <unordered_map>

// How many connections the server holds: a cap in all, below the descriptor limit, and a cap per
// client address, so that one host cannot take every descriptor.
namespace latch::http {

struct ConnectionCaps {
  std::size_t total = 1000;       // every open connection
  std::size_t per_address = 256;  // per address_key() of the socket's peer; 0 = no cap
};

// The connections open now, by address. Shared by every I/O thread; thread-safe.
class ConnectionTable {
 public:
  // Holds one admitted connection; releases it when destroyed. Move-only.
  class Ticket {
   public:
    Ticket() = default;
    Ticket(Ticket&& other) noexcept;
    Ticket& operator=(Ticket&& other) noexcept;
    ~Ticket();
    explicit operator bool() const { return table_ != nullptr; }

   private:
    friend class ConnectionTable;
    Ticket(ConnectionTable* table, std::string key, bool counted)
        : table_(table), key_(std::move(key)), counted_(counted) {}
    ConnectionTable* table_ = nullptr;
    std::string key_;
    bool counted_ = false;  // counted against its address
  };

  enum class Refusal { None, Total, PerAddress };

  explicit ConnectionTable(ConnectionCaps caps) : caps_(caps) {}

  // Admits a connection from address `key` unless a cap is reached (`refusal` says which; the
  // ticket is then empty). `exempt` connections (trusted proxies, which carry many clients)
  // count only against the total.
  Ticket admit(const std::string& key, bool exempt, Refusal* refusal = nullptr);

  std::size_t open() const;
  std::size_t open_from(const std::string& key) const;
  // True from when open connections pass half the total cap until they fall to a quarter of it:
  // idle connections and slow headers then get short timeouts. (Two thresholds, so that closing
  // a few connections does not end the pressure that made them close.)
  bool under_pressure() const;
  const ConnectionCaps& caps() const { return caps_; }

 private:
  void release(const std::string& key, bool counted);

  ConnectionCaps caps_;
  mutable std::mutex mutex_;
  std::size_t open_ = 0;
  bool pressure_ = false;
  std::unordered_map<std::string, std::size_t> by_address_;
};

// Raises this process's soft RLIMIT_NOFILE to its hard limit (start-up, before listening).
// Returns the soft limit in force afterwards, 0 when it cannot be read.
std::size_t raise_descriptor_limit();

// The total connection cap for a process that may open `descriptors` files: `configured` when
// set (non-zero); otherwise the limit minus a reserve for the database, files and outbound calls
// (an eighth of it, at least 64 and at most 4096), and at least 16.
std::size_t connection_cap(std::size_t descriptors, std::size_t configured);

}  // namespace latch::http
