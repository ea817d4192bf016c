#pragma once

// Internal to the crypto module: reading untrusted CBOR (RFC 8949) with libcbor, bounded so that
// no input can make it allocate more than a small multiple of its own size, nest deeper than
// kMaxCborDepth, or read past its end.

#include <cbor.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>

#include "core/result.hpp"

namespace latch::crypto::detail {

inline constexpr std::size_t kMaxCborDepth = 16;

struct CborItemDeleter {
  void operator()(cbor_item_t* item) const { cbor_decref(&item); }
};
using CborItemPtr = std::unique_ptr<cbor_item_t, CborItemDeleter>;

struct CborLoaded {
  CborItemPtr item;
  std::size_t size = 0;  // bytes of `bytes` the item spans; what follows is not read
};

// The first CBOR data item of `bytes`. InvalidRequest when it is malformed or truncated, nests
// deeper than kMaxCborDepth, or declares an array or map with more members than the bytes left
// could hold (libcbor would allocate for the declared count before reading a member).
[[nodiscard]] Result<CborLoaded> load_cbor(std::string_view bytes);

// The value of the map entry whose key is the integer `key` (COSE labels) or the text `key`.
// nullptr when `map` is not a map or has no such key; InvalidRequest when the key occurs twice
// (RFC 8949 §5.6: a map with duplicate keys is not valid).
[[nodiscard]] Result<const cbor_item_t*> cbor_map_get(const cbor_item_t* map, std::int64_t key);
[[nodiscard]] Result<const cbor_item_t*> cbor_map_get(const cbor_item_t* map, std::string_view key);

// The integer (major type 0 or 1) `item` holds; nullopt for other types, null, and integers
// outside int64_t.
std::optional<std::int64_t> cbor_int(const cbor_item_t* item);
// The bytes of a definite-length byte string (text string); nullopt for null and other types.
// The view lives as long as `item`.
std::optional<std::string_view> cbor_bytes(const cbor_item_t* item);
std::optional<std::string_view> cbor_text(const cbor_item_t* item);

}  // namespace latch::crypto::detail
