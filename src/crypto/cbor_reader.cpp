#include "crypto/cbor_reader.hpp"

#include <limits>
#include <vector>

namespace latch::crypto::detail {
namespace {

constexpr std::uint64_t kIndefinite = std::numeric_limits<std::uint64_t>::max();

Error malformed(std::string detail) {
  return make_error(Errc::InvalidRequest, "malformed CBOR", std::move(detail));
}

// What the one header cbor_stream_decode just read opens: members to come (a definite array or
// map; a tag's one item), an indefinite container or string that a break closes, or nothing.
struct Header {
  enum class Kind { Leaf, Definite, Indefinite, Break } kind = Kind::Leaf;
  std::uint64_t members = 0;
  bool overflow = false;  // a map whose 2 * size does not fit
};

Header& header_of(void* context) { return *static_cast<Header*>(context); }

const cbor_callbacks& scan_callbacks() {
  static const cbor_callbacks callbacks = [] {
    cbor_callbacks made = cbor_empty_callbacks;
    made.array_start = [](void* context, std::size_t size) {
      header_of(context) = {Header::Kind::Definite, size};
    };
    made.map_start = [](void* context, std::size_t size) {
      const bool overflow = size > std::numeric_limits<std::uint64_t>::max() / 2;
      header_of(context) = {Header::Kind::Definite, std::uint64_t{size} * 2, overflow};
    };
    made.tag = [](void* context, std::uint64_t) {
      header_of(context) = {Header::Kind::Definite, 1};
    };
    const auto indefinite = [](void* context) { header_of(context) = {Header::Kind::Indefinite}; };
    made.indef_array_start = indefinite;
    made.indef_map_start = indefinite;
    made.byte_string_start = indefinite;
    made.string_start = indefinite;
    made.indef_break = [](void* context) { header_of(context) = {Header::Kind::Break}; };
    return made;
  }();
  return callbacks;
}

// Counts members still owed by each open container, innermost last.
class Nesting {
 public:
  // Applies one header read with `left` bytes after it; false when the structure is invalid.
  bool apply(const Header& header, std::size_t left) {
    if (header.kind == Header::Kind::Break) {
      if (open_.empty() || open_.back() != kIndefinite) {
        return false;
      }
      open_.pop_back();
    } else {
      if (!open_.empty() && open_.back() != kIndefinite) {
        --open_.back();  // this item fills one member of its container
      }
      if (header.kind == Header::Kind::Definite && !push(header, left)) {
        return false;
      }
      if (header.kind == Header::Kind::Indefinite) {
        open_.push_back(kIndefinite);
      }
    }
    while (!open_.empty() && open_.back() == 0) {
      open_.pop_back();
    }
    return open_.size() <= kMaxCborDepth;
  }
  bool complete() const { return open_.empty(); }

 private:
  // Every member takes at least one byte, so a count beyond the bytes left is a lie.
  bool push(const Header& header, std::size_t left) {
    if (header.overflow || header.members > left) {
      return false;
    }
    open_.push_back(header.members);
    return true;
  }
  std::vector<std::uint64_t> open_;
};

// The size of the first item of `bytes` after checking its structure header by header.
Result<std::size_t> scan(std::string_view bytes) {
  const auto* data = reinterpret_cast<cbor_data>(bytes.data());
  Nesting nesting;
  std::size_t offset = 0;
  do {
    Header header;
    const cbor_decoder_result read =
        cbor_stream_decode(data + offset, bytes.size() - offset, &scan_callbacks(), &header);
    if (read.status != CBOR_DECODER_FINISHED || read.read == 0) {
      return malformed(read.status == CBOR_DECODER_NEDATA ? "truncated" : "invalid header");
    }
    offset += read.read;
    if (!nesting.apply(header, bytes.size() - offset)) {
      return malformed("invalid nesting or member count at byte " + std::to_string(offset));
    }
  } while (!nesting.complete() && offset < bytes.size());
  if (!nesting.complete()) {
    return malformed("truncated");
  }
  return offset;
}

bool key_is(const cbor_item_t* key, std::int64_t wanted) { return cbor_int(key) == wanted; }
bool key_is(const cbor_item_t* key, std::string_view wanted) { return cbor_text(key) == wanted; }

template <class Key>
Result<const cbor_item_t*> map_get(const cbor_item_t* map, Key key) {
  if (map == nullptr || !cbor_isa_map(map)) {
    return nullptr;
  }
  const cbor_pair* pairs = cbor_map_handle(map);
  const cbor_item_t* found = nullptr;
  for (std::size_t i = 0; i < cbor_map_size(map); ++i) {
    if (!key_is(pairs[i].key, key)) {
      continue;
    }
    if (found != nullptr) {
      return malformed("duplicate map key");
    }
    found = pairs[i].value;
  }
  return found;
}

}  // namespace

Result<CborLoaded> load_cbor(std::string_view bytes) {
  const auto size = scan(bytes);
  if (!size) {
    return size.error();
  }
  cbor_load_result result{};
  CborItemPtr item(cbor_load(reinterpret_cast<cbor_data>(bytes.data()), *size, &result));
  if (!item || result.error.code != CBOR_ERR_NONE || result.read != *size) {
    return malformed("libcbor refused the item");
  }
  return CborLoaded{std::move(item), *size};
}

Result<const cbor_item_t*> cbor_map_get(const cbor_item_t* map, std::int64_t key) {
  return map_get(map, key);
}

Result<const cbor_item_t*> cbor_map_get(const cbor_item_t* map, std::string_view key) {
  return map_get(map, key);
}

std::optional<std::int64_t> cbor_int(const cbor_item_t* item) {
  if (item == nullptr || (!cbor_isa_uint(item) && !cbor_isa_negint(item))) {
    return std::nullopt;
  }
  const std::uint64_t raw = cbor_get_int(item);
  if (raw > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
    return std::nullopt;
  }
  const auto value = static_cast<std::int64_t>(raw);
  return cbor_isa_uint(item) ? value : -1 - value;  // RFC 8949 §3.1 major type 1: -1 - n
}

std::optional<std::string_view> cbor_bytes(const cbor_item_t* item) {
  if (item == nullptr || !cbor_isa_bytestring(item) || !cbor_bytestring_is_definite(item)) {
    return std::nullopt;
  }
  return std::string_view(reinterpret_cast<const char*>(cbor_bytestring_handle(item)),
                          cbor_bytestring_length(item));
}

std::optional<std::string_view> cbor_text(const cbor_item_t* item) {
  if (item == nullptr || !cbor_isa_string(item) || !cbor_string_is_definite(item)) {
    return std::nullopt;
  }
  return std::string_view(reinterpret_cast<const char*>(cbor_string_handle(item)),
                          cbor_string_length(item));
}

}  // namespace latch::crypto::detail
