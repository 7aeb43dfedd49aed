// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
//
// The serialised engine: one flat, 8-byte aligned buffer used in place after Load().
//
//   ┌──────────────── Header ────────────────┐
//   │ magic "TSFILTER"  format_version       │  bump kFormatVersion on ANY layout change
//   │ total_size        checksum             │  checksum of every byte after the header
//   │ sections[kSectionCount] {offset, size} │
//   ├────────────────────────────────────────┤
//   │ strings   filter lines (evidence), patterns, list names
//   │ lists     ListEntry[]                  name of each source list
//   │ filters   FilterRecord[]               every filter that is not a plain `||host^`
//   │ extras    FilterExtras[] by id         method= and modifier values (rare)
//   │ domains   uint64[]                     domain= / to= / denyallow= lists (below)
//   │ 3 filter sets (important, block, exception), each:
//   │   host_keys   uint64[] sorted          hash of a `||host` filter's host
//   │   host_values uint32[]                 kPlainBit | list<<24 | line, or a filter id
//   │   host_radix  uint32[kRadixSize + 1]   start of each top-12-bit bucket in host_keys
//   │   token_slots TokenSlot[2^k]           open addressing: token hash -> ids range
//   │   token_ids   uint32[]                 filter ids, grouped by token
//   │   fallback    uint32[kTypeCount + 1] offsets, then filter ids: for each request type, the
//   │               filters of that type with neither host nor token (tested on every request)
//   └────────────────────────────────────────┘
//
// A domain list at domains[i]: word i = from_count | to_count << 16 | deny_count << 32 | flags << 48
// (kFromPositive, kFromEntity, kToPositive, kToEntity), then the three lists, each sorted, their
// entries HostHash(name) with bit 0 = negated and bit 1 = entity ("name.*").
#ifndef TRACKSCOPE_FILTER_ENGINE_FORMAT_H_
#define TRACKSCOPE_FILTER_ENGINE_FORMAT_H_

#include <cstdint>

namespace trackscope::filter::format {

inline constexpr char kMagic[8] = {'T', 'S', 'F', 'I', 'L', 'T', 'E', 'R'};
inline constexpr uint32_t kFormatVersion = 1;

inline constexpr int kSetCount = 3;  // kImportant, kBlock, kException
enum SetId : int { kImportantSet = 0, kBlockSet = 1, kExceptionSet = 2 };

enum SectionId : int {
  kStrings, kLists, kFilters, kExtras, kDomains,
  kFirstSetSection,  // then kPerSet sections for each set
};
enum SetSection : int { kHostKeys, kHostValues, kHostRadix, kTokenSlots, kTokenIds, kFallback, kPerSet };
inline constexpr int kSectionCount = kFirstSetSection + kSetCount * kPerSet;
inline constexpr int SetSectionId(int set, SetSection s) { return kFirstSetSection + set * kPerSet + s; }

inline constexpr uint64_t kFromPositive = 1ull << 48, kFromEntity = 1ull << 49, kToPositive = 1ull << 50,
                          kToEntity = 1ull << 51;
inline constexpr uint32_t kTypeCount = 14;  // FilterType values

inline constexpr int kRadixBits = 12;
inline constexpr uint32_t kRadixSize = 1u << kRadixBits;
inline constexpr uint32_t kPlainBit = 0x80000000u;  // host_values: a plain `||host^` filter

struct Section {
  uint32_t offset;
  uint32_t size;
};

struct Header {
  char magic[8];
  uint32_t format_version;
  uint32_t section_count;
  uint64_t total_size;
  uint64_t checksum;
  Section sections[kSectionCount];
};

struct ListEntry {
  uint32_t name_offset;
  uint32_t name_length;
};

// FilterRecord::flags
inline constexpr uint8_t kFlagException = 0x01, kFlagImportant = 0x02, kFlagMatchCase = 0x04,
                         kFlagRegex = 0x08, kFlagRightAnchor = 0x10, kFlagHostOnly = 0x20,
                         kFlagExtras = 0x40;

// 24 bytes. The pattern usually lies inside the filter's own text (pattern_offset points there).
struct FilterRecord {
  uint32_t source;          // list << 24 | line
  uint32_t text_offset;     // the list line, for evidence
  uint32_t pattern_offset;  // the pattern to match (lower case unless match-case)
  uint32_t domains;         // word index in the domains section, or kNoDomains
  uint16_t text_length;
  uint16_t pattern_length;
  uint16_t types;           // FilterType bits
  uint8_t flags;            // kFlag*
  uint8_t options;          // bits 0-1 LeftAnchor, 2-4 PartyConstraint, 5-7 Modifier

  uint8_t left_anchor() const { return options & 3; }
  uint8_t party() const { return (options >> 2) & 7; }
  uint8_t modifier() const { return options >> 5; }
};
static_assert(sizeof(FilterRecord) == 24);

// Present for filters with kFlagExtras, sorted by id.
struct FilterExtras {
  uint32_t id;
  uint8_t methods;  // Method bits; 0 = any
  uint8_t methods_negated;
  uint16_t reserved;
  uint32_t modifier_offset;  // redirect resource etc. in strings
  uint32_t modifier_length;
};
static_assert(sizeof(FilterExtras) == 16);
inline constexpr uint32_t kNoDomains = 0xFFFFFFFFu;

struct TokenSlot {
  uint32_t hash;  // 0 = empty
  uint32_t begin;
  uint32_t count;
};

}  // namespace trackscope::filter::format

#endif  // TRACKSCOPE_FILTER_ENGINE_FORMAT_H_
