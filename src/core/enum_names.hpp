#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <utility>

// An enum's wire names as one table read both ways, so a name and its parse cannot drift apart:
//   constexpr NameTable<Color, 2> kColors{{{Color::Red, "red"}, {Color::Blue, "blue"}}};
//   name_in(kColors, Color::Red) == "red"; parse_in(kColors, "blue") == Color::Blue.
namespace latch {

template <class E, std::size_t N>
using NameTable = std::pair<E, std::string_view>[N];

// The name of `value`; "" for a value the table lacks.
template <class E, std::size_t N>
constexpr std::string_view name_in(const NameTable<E, N>& table, E value) {
  for (const auto& [e, name] : table) {
    if (e == value) return name;
  }
  return {};
}

// The value named exactly `text` (case matters); nullopt for any other text.
template <class E, std::size_t N>
constexpr std::optional<E> parse_in(const NameTable<E, N>& table, std::string_view text) {
  for (const auto& [e, name] : table) {
    if (name == text) return e;
  }
  return std::nullopt;
}

}  // namespace latch
