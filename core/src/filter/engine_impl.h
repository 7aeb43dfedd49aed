// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
// Engine::Impl: views into the serialised buffer, set up and matched against in engine.cc. The
// builder (engine_builder.h) writes that buffer and adopts it through Engine::Load.
#ifndef TRACKSCOPE_FILTER_ENGINE_IMPL_H_
#define TRACKSCOPE_FILTER_ENGINE_IMPL_H_

#include <optional>
#include <span>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "filter/engine_format.h"
#include "filter/regex.h"
#include "trackscope/filter/engine.h"

namespace trackscope::filter {

struct FilterSet {
  std::span<const uint64_t> host_keys;
  std::span<const uint32_t> host_values;
  std::span<const uint32_t> host_radix;
  std::span<const format::TokenSlot> token_slots;
  std::span<const uint32_t> token_ids;
  std::span<const uint32_t> fallback;
};

struct Engine::Impl {
  std::vector<uint64_t> storage;  // the serialised engine, 8-byte aligned
  size_t size = 0;                // bytes used in storage
  std::string_view strings;
  std::span<const format::ListEntry> lists;
  std::span<const format::FilterRecord> filters;
  std::span<const format::FilterExtras> extras;
  std::span<const uint64_t> domains;
  FilterSet sets[format::kSetCount];
  std::unordered_map<uint32_t, Regex> regexes;  // compiled at load, by filter id

  std::span<const uint8_t> bytes() const { return {reinterpret_cast<const uint8_t*>(storage.data()), size}; }
  std::string_view String(uint32_t offset, uint32_t length) const { return strings.substr(offset, length); }
  // Precondition: filters[id] has kFlagExtras.
  const format::FilterExtras& Extras(uint32_t id) const;
};

// Verifies `impl->storage` and sets up the views. Used by Load() and by Build().
std::optional<Error> AdoptStorage(Engine::Impl& impl);

}  // namespace trackscope::filter

#endif  // TRACKSCOPE_FILTER_ENGINE_IMPL_H_
