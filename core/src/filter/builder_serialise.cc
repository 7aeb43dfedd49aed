// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
// Engine::Build, step 4 (engine_builder.h): the index -> the one buffer of engine_format.h.
#include <cstdint>
#include <cstring>
#include <vector>

#include "filter/engine_builder.h"
#include "filter/hashing.h"

namespace trackscope::filter::builder {
namespace {

// Appends `count` Ts at the next 8-byte boundary of `blob` and records them as section `id`.
template <typename T>
void AppendSection(std::vector<uint8_t>& blob, format::Header& header, int id, const T* data, size_t count) {
  while (blob.size() % 8 != 0) blob.push_back(0);
  header.sections[id] = {static_cast<uint32_t>(blob.size()), static_cast<uint32_t>(count * sizeof(T))};
  const auto* bytes = reinterpret_cast<const uint8_t*>(data);
  blob.insert(blob.end(), bytes, bytes + count * sizeof(T));
}

}  // namespace

std::vector<uint8_t> Serialise(Index index, std::span<const ListSource> lists, uint32_t list_count) {
  std::vector<uint8_t> blob(sizeof(format::Header), 0);
  format::Header header{};
  std::memcpy(header.magic, format::kMagic, sizeof(header.magic));
  header.format_version = format::kFormatVersion;
  header.section_count = format::kSectionCount;
  std::vector<format::ListEntry> list_entries;
  for (uint32_t li = 0; li < list_count; ++li) {
    list_entries.push_back({index.AddString(lists[li].name), static_cast<uint32_t>(lists[li].name.size())});
  }
  AppendSection(blob, header, format::kStrings, index.strings.data(), index.strings.size());
  AppendSection(blob, header, format::kLists, list_entries.data(), list_entries.size());
  AppendSection(blob, header, format::kFilters, index.filters.data(), index.filters.size());
  AppendSection(blob, header, format::kExtras, index.extras.data(), index.extras.size());
  AppendSection(blob, header, format::kDomains, index.domains.data(), index.domains.size());
  for (int s = 0; s < format::kSetCount; ++s) {
    const SetIndex& set = index.sets[s];
    AppendSection(blob, header, format::SetSectionId(s, format::kHostKeys), set.host_keys.data(), set.host_keys.size());
    AppendSection(blob, header, format::SetSectionId(s, format::kHostValues), set.host_values.data(), set.host_values.size());
    AppendSection(blob, header, format::SetSectionId(s, format::kHostRadix), set.host_radix.data(), set.host_radix.size());
    AppendSection(blob, header, format::SetSectionId(s, format::kTokenSlots), set.token_slots.data(), set.token_slots.size());
    AppendSection(blob, header, format::SetSectionId(s, format::kTokenIds), set.token_ids.data(), set.token_ids.size());
    AppendSection(blob, header, format::SetSectionId(s, format::kFallback), set.fallback.data(), set.fallback.size());
  }
  while (blob.size() % 8 != 0) blob.push_back(0);
  header.total_size = blob.size();
  header.checksum = Checksum(blob.data() + sizeof(header), blob.size() - sizeof(header));
  std::memcpy(blob.data(), &header, sizeof(header));
  return blob;
}

}  // namespace trackscope::filter::builder
