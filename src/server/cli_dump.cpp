// latch db export / latch db import: a deployment's data as JSON lines, to move it between
// SQLite and PostgreSQL (or to another server) without loss.
//
// The file: a header {"format":"latch-export","formatVersion":1,"schemaVersion":N,...}; for each
// table a line {"table":NAME,"columns":[...]} followed by one JSON array per row (integers,
// strings, nulls); and a last line {"end":true,"tables":T,"rows":R}, without which the file is
// taken to be cut short. Secrets in it are sealed with the master key, which must travel with it;
// password hashes and sealed keys make the file itself sensitive (it is created mode 0600).
#include <fcntl.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>

#include "model/application.hpp"
#include "server/cli_commands.hpp"
#include "storage/migrations/migration.hpp"

namespace latch::server {
namespace {

constexpr std::string_view kFormat = "latch-export";
constexpr std::int64_t kFormatVersion = 1;

boost::json::value to_json(const storage::CellValue& cell) {
  if (const auto* number = std::get_if<std::int64_t>(&cell)) return *number;
  if (const auto* text = std::get_if<std::string>(&cell)) return boost::json::string(*text);
  return nullptr;
}

// Writes each table and row as one line to `out`.
class JsonLinesWriter final : public storage::DumpVisitor {
 public:
  explicit JsonLinesWriter(std::FILE* out) : out_(out) {}

  Result<void> table(std::string_view name, const std::vector<std::string>& columns) override {
    boost::json::array names;
    for (const auto& column : columns) names.emplace_back(column);
    ++tables_;
    return line(boost::json::object{{"table", name}, {"columns", std::move(names)}});
  }

  Result<void> row(const std::vector<storage::CellValue>& cells) override {
    boost::json::array values;
    values.reserve(cells.size());
    for (const auto& cell : cells) values.push_back(to_json(cell));
    ++rows_;
    return line(values);
  }

  Result<void> line(const boost::json::value& value) {
    std::string text = boost::json::serialize(value);
    text += '\n';
    if (std::fwrite(text.data(), 1, text.size(), out_) != text.size()) {
      return make_error(Errc::Unavailable, "cannot write the export file");
    }
    return ok();
  }

  std::int64_t tables() const { return tables_; }
  std::int64_t rows() const { return rows_; }

 private:
  std::FILE* out_;
  std::int64_t tables_ = 0;
  std::int64_t rows_ = 0;
};

Result<boost::json::value> parse_line(const std::string& text, std::int64_t number) {
  boost::system::error_code ec;
  boost::json::value value = boost::json::parse(text, ec);
  if (ec) {
    return make_error(Errc::InvalidRequest,
                      "line " + std::to_string(number) + " is not JSON: " + ec.message());
  }
  return value;
}

Result<storage::CellValue> cell_of(const boost::json::value& value) {
  if (value.is_null()) return storage::CellValue(nullptr);
  if (value.is_int64()) return storage::CellValue(value.get_int64());
  if (value.is_string()) return storage::CellValue(std::string(value.get_string()));
  return make_error(Errc::InvalidRequest, "a cell is neither an integer, a string nor null");
}

int export_database(Runtime& rt, const std::string& path) {
  std::FILE* out = stdout;
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(nullptr, &std::fclose);
  if (path != "-") {
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) return fail(make_error(Errc::Unavailable, "cannot create " + path));
    file.reset(::fdopen(fd, "w"));
    if (!file) {
      ::close(fd);
      return fail(make_error(Errc::Unavailable, "cannot create " + path));
    }
    out = file.get();
  }
  auto version = rt.store->schema_version();
  if (!version) return fail(version.error());
  JsonLinesWriter writer(out);
  auto header = writer.line(boost::json::object{{"format", kFormat},
                                                {"formatVersion", kFormatVersion},
                                                {"schemaVersion", *version},
                                                {"exportedAt", rt.clock.now_millis()}});
  if (!header) return fail(header.error());
  // One read transaction: a consistent snapshot even while nodes keep serving.
  auto done = rt.store->read([&](storage::Tx& tx) { return tx.dump().read_all(writer); });
  if (!done) return fail(done.error());
  auto end = writer.line(
      boost::json::object{{"end", true}, {"tables", writer.tables()}, {"rows", writer.rows()}});
  if (!end) return fail(end.error());
  if (std::fflush(out) != 0 || (file && ::fsync(::fileno(out)) != 0)) {
    return fail(make_error(Errc::Unavailable, "cannot write " + path));
  }
  if (path != "-") {
    std::fprintf(stderr, "exported %lld rows of %lld tables to %s\n",
                 static_cast<long long>(writer.rows()), static_cast<long long>(writer.tables()),
                 path.c_str());
  }
  return 0;
}

// Reads the file into the open transaction `tx`. Returns the number of rows.
Result<std::int64_t> import_lines(std::istream& in, storage::Tx& tx, int schema_version) {
  std::string text;
  std::int64_t number = 0;
  auto next = [&]() -> Result<std::optional<boost::json::value>> {
    if (!std::getline(in, text)) return std::optional<boost::json::value>();
    ++number;
    auto value = parse_line(text, number);
    if (!value) return value.error();
    return std::optional<boost::json::value>(std::move(*value));
  };
  auto header = next();
  if (!header) return header.error();
  const boost::json::object* head = *header ? (*header)->if_object() : nullptr;
  auto field = [&](std::string_view name) -> const boost::json::value* {
    return head != nullptr ? head->if_contains(name) : nullptr;
  };
  const auto* format = field("format");
  if (format == nullptr || !format->is_string() || format->get_string() != kFormat) {
    return make_error(Errc::InvalidRequest, "not a file made by latch db export");
  }
  const auto* format_version = field("formatVersion");
  if (format_version == nullptr || !format_version->is_int64() ||
      format_version->get_int64() != kFormatVersion) {
    return make_error(Errc::InvalidRequest, "the file's format version is not 1");
  }
  const auto* file_schema = field("schemaVersion");
  if (file_schema == nullptr || !file_schema->is_int64() ||
      file_schema->get_int64() != schema_version) {
    return make_error(Errc::InvalidRequest,
                      "the file was exported at another schema version than this Latch's (" +
                          std::to_string(schema_version) +
                          "): import it with the Latch that exported it, then upgrade");
  }
  std::string table;
  std::vector<std::string> columns;
  std::vector<storage::CellValue> cells;
  std::int64_t rows = 0;
  for (;;) {
    auto line = next();
    if (!line) return line.error();
    if (!*line) return make_error(Errc::InvalidRequest, "the file is cut short (no end line)");
    const boost::json::value& value = **line;
    if (value.is_array()) {
      if (table.empty()) {
        return make_error(Errc::InvalidRequest,
                          "line " + std::to_string(number) + ": a row before any table");
      }
      cells.clear();
      for (const auto& cell : value.get_array()) {
        auto parsed = cell_of(cell);
        if (!parsed) return parsed.error();
        cells.push_back(std::move(*parsed));
      }
      auto inserted = tx.dump().insert_row(table, columns, cells);
      if (!inserted) {
        Error error = inserted.error();
        error.description =
            "line " + std::to_string(number) + " (" + table + "): " + error.description;
        return error;
      }
      ++rows;
      continue;
    }
    const boost::json::object* object = value.if_object();
    if (object != nullptr && object->contains("end")) {
      const auto* expected = object->if_contains("rows");
      if (expected == nullptr || !expected->is_int64() || expected->get_int64() != rows) {
        return make_error(Errc::InvalidRequest, "the file's row count does not match its rows");
      }
      if (std::getline(in, text)) {
        return make_error(Errc::InvalidRequest, "text after the end line");
      }
      return rows;
    }
    const auto* name = object != nullptr ? object->if_contains("table") : nullptr;
    const auto* names = object != nullptr ? object->if_contains("columns") : nullptr;
    if (name == nullptr || !name->is_string() || names == nullptr || !names->is_array()) {
      return make_error(Errc::InvalidRequest, "line " + std::to_string(number) +
                                                  " is neither a table, a row nor the end");
    }
    table = std::string(name->get_string());
    columns.clear();
    for (const auto& column : names->get_array()) {
      if (!column.is_string()) return make_error(Errc::InvalidRequest, "a column name is not text");
      columns.emplace_back(column.get_string());
    }
  }
}

// The rules every other write path applies to applications (model::check_redirect_uri): a file
// may have been edited, or written by another tool.
Result<void> check_imported_apps(storage::Tx& tx) {
  auto apps = tx.applications().list_all();
  if (!apps) return apps.error();
  for (const auto& app : *apps) {
    for (const auto* uris : {&app.redirect_uris, &app.post_logout_redirect_uris}) {
      for (const auto& uri : *uris) {
        auto checked = model::check_redirect_uri(app.type, uri, "redirect URI");
        if (!checked) {
          return make_error(Errc::InvalidRequest,
                            "application " + app.id + ": " + checked.error().description);
        }
      }
    }
    for (const auto& origin : app.cors_allowed_origins) {
      if (auto checked = model::check_cors_origin(origin); !checked) {
        return make_error(Errc::InvalidRequest,
                          "application " + app.id + ": " + checked.error().description);
      }
    }
  }
  return ok();
}

int import_database(Runtime& rt, const std::string& path, bool replace) {
  std::ifstream file;
  std::istream* in = &std::cin;
  if (path != "-") {
    file.open(path, std::ios::binary);
    if (!file) return fail(make_error(Errc::NotFound, "cannot read " + path));
    in = &file;
  }
  auto version = rt.store->schema_version();
  if (!version) return fail(version.error());
  std::int64_t rows = 0;
  // One transaction: the database holds all of the file or none of it.
  auto done = rt.store->transact([&](storage::Tx& tx) -> Result<void> {
    auto used = tx.dump().in_use();
    if (!used) return used.error();
    if (*used && !replace) {
      return make_error(Errc::Conflict,
                        "the database already holds users or applications; import into an "
                        "empty one, or pass --replace to delete them first");
    }
    if (auto cleared = tx.dump().clear_all(); !cleared) return cleared;
    auto imported = import_lines(*in, tx, *version);
    if (!imported) return imported.error();
    rows = *imported;
    if (auto checked = check_imported_apps(tx); !checked) return checked;
    // Running nodes reload what they cache.
    for (std::string_view cache :
         {"applications", "resources", "roles", "jwt_customizers", "keys", "sign_in_experience"}) {
      if (auto bumped = tx.bump_epoch(cache); !bumped) return bumped;
    }
    return ok();
  });
  if (!done) return fail(done.error());
  std::printf("imported %lld rows into %s\n", static_cast<long long>(rows),
              rt.config.database.c_str());
  return 0;
}

}  // namespace

void add_dump_commands(CLI::App& db, Action& action) {
  auto path = std::make_shared<std::string>("-");
  auto replace = std::make_shared<bool>(false);
  auto* exporter = db.add_subcommand(
      "export", "Write every table to a file (JSON lines; - for stdout), for latch db import");
  exporter->add_option("file", *path, "where to write (created mode 0600)");
  exporter->callback(
      [&action, path] { action = [path](Runtime& rt) { return export_database(rt, *path); }; });
  auto* importer = db.add_subcommand(
      "import", "Load a file from latch db export into this database, all or nothing");
  importer->add_option("file", *path, "what to read (- for stdin)")->required();
  importer->add_flag("--replace", *replace,
                     "delete the users, applications and everything else this database holds");
  importer->callback([&action, path, replace] {
    action = [path, replace](Runtime& rt) { return import_database(rt, *path, *replace); };
  });
  exporter->fallthrough();
  importer->fallthrough();
}

}  // namespace latch::server
