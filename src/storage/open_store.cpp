#include <algorithm>
#include <cctype>
#include <filesystem>
#include <string_view>
#include <system_error>

#include "storage/postgres/postgres_store.hpp"
#include "storage/sqlite/sqlite_store.hpp"
#include "storage/store.hpp"

namespace latch::storage {
namespace {

bool starts_with_ignoring_case(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() &&
         std::equal(prefix.begin(), prefix.end(), text.begin(), [](char a, char b) {
           return std::tolower(static_cast<unsigned char>(a)) ==
                  std::tolower(static_cast<unsigned char>(b));
         });
}

// "sqlite:///var/lib/latch.db", "sqlite:data/latch.db" or a plain path -> the file path.
std::string_view sqlite_path(std::string_view url) {
  for (std::string_view scheme : {"sqlite://", "sqlite:"}) {
    if (starts_with_ignoring_case(url, scheme)) {
      return url.substr(scheme.size());
    }
  }
  return url;
}

Result<void> create_parent_directory(const std::filesystem::path& file) {
  std::filesystem::path parent = file.parent_path();
  if (parent.empty()) {
    return ok();
  }
  std::error_code ec;
  std::filesystem::create_directories(parent, ec);
  if (ec) {
    return make_error(Errc::Internal, "cannot create the database directory",
                      parent.string() + ": " + ec.message());
  }
  return ok();
}

Result<std::unique_ptr<Store>> open_sqlite(std::string_view path) {
  if (path.empty() || path == ":memory:" || starts_with_ignoring_case(path, "file:")) {
    return make_error(Errc::InvalidRequest,
                      "the SQLite database must be a file path (sqlite:///path/to/latch.db)");
  }
  if (auto created = create_parent_directory(std::filesystem::path(path)); !created) {
    return created.error();
  }
  auto store = sqlite::SqliteStore::open(sqlite::SqliteStoreOptions{.path = std::string(path)});
  if (!store) {
    return store.error();
  }
  return std::unique_ptr<Store>(std::move(*store));
}

}  // namespace

Result<std::unique_ptr<Store>> open_store(const std::string& url, const StoreOptions& options) {
  if (starts_with_ignoring_case(url, "postgres://") ||
      starts_with_ignoring_case(url, "postgresql://")) {
    // libpq knows the schemes in lower case only.
    std::string conninfo = url;
    auto scheme_end = conninfo.find("://");
    std::transform(conninfo.begin(), conninfo.begin() + static_cast<std::ptrdiff_t>(scheme_end),
                   conninfo.begin(), [](char c) {
                     return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
                   });
    auto store = postgres::PostgresStore::open(postgres::PostgresStoreOptions{
        .url = conninfo,
        .connections = std::max<std::size_t>(options.pool_size, 1),
        .acquire_timeout = options.pool_timeout,
    });
    if (!store) {
      return store.error();
    }
    return std::unique_ptr<Store>(std::move(*store));
  }
  return open_sqlite(sqlite_path(url));
}

}  // namespace latch::storage
