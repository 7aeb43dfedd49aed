// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
//
// Engine::Build (engine_builder.cc) in four steps, one file each; this header holds what passes
// from one step to the next.
//
//   lists ─ParseLists─▶ ParsedLists ─DropBadfiltered─▶ ParsedLists ─BuildIndex─▶ Index ─Serialise─▶ bytes
//           builder_parse.cc          builder_parse.cc               builder_index.cc    builder_serialise.cc
//
// Every step is deterministic: the same lists give the same bytes (engine_format.h). Bump
// format::kFormatVersion when a step changes what it writes.
//
// Lifetimes: the string_views in ParsedLists point into the ListSource texts; keep those alive
// until Serialise has returned (Index owns copies of everything it keeps).
#ifndef TRACKSCOPE_FILTER_ENGINE_BUILDER_H_
#define TRACKSCOPE_FILTER_ENGINE_BUILDER_H_

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include "filter/engine_format.h"
#include "trackscope/filter/engine.h"
#include "trackscope/filter/filter.h"

namespace trackscope::filter::builder {

// The characters of a host that a `||host` pattern is indexed by (upper case is not among them).
inline bool IsHostPatternChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';
}

// A `||host^` line without options (80 % of EasyList + EasyPrivacy), recognised without the full
// parser: kept as the hash of its host.
struct PlainHost {
  uint64_t hash;          // HostHash(host)
  uint32_t source;        // list << 24 | line
  uint32_t list;          // index into the lists
  std::string_view line;  // the line itself: its $badfilter key
};

// Any other network filter, parsed.
struct ParsedFilter {
  NetworkFilter filter;
  uint32_t source;            // list << 24 | line
  std::string_view text;      // the line, kept as evidence
  std::string badfilter_key;  // what a `$badfilter` line must name to cancel it
  uint32_t list;              // index into the lists
};

struct ParsedLists {
  std::vector<PlainHost> plain_hosts;
  std::vector<ParsedFilter> filters;
  std::unordered_set<std::string> badfilter_keys;  // named by the `$badfilter` lines of all lists
  std::vector<ListStats> stats;                    // one per list given, read or not
  std::vector<ListDiagnostic> diagnostics;         // at most max_diagnostics
  uint32_t list_count = 0;                         // lists read: the first 127 (7 bits in a source)
};

// The index of one filter set (important, block or exception).
struct SetIndex {
  // Filled by BuildIndex (hosts and tokens in any order, each fallback list by ascending id):
  std::vector<std::pair<uint64_t, uint32_t>> hosts;            // host hash, kPlainBit | source or a filter id
  std::vector<std::pair<uint32_t, uint32_t>> tokens;           // token hash, filter id
  std::vector<uint32_t> fallback_by_type[format::kTypeCount];  // filter ids with neither
  // Laid out by Finish() as the set's sections (engine_format.h):
  std::vector<uint64_t> host_keys;
  std::vector<uint32_t> host_values, host_radix;
  std::vector<format::TokenSlot> token_slots;
  std::vector<uint32_t> token_ids;
  std::vector<uint32_t> fallback;

  // Sorts and de-duplicates hosts into host_keys / host_values / host_radix, hashes tokens into
  // token_slots / token_ids, and flattens fallback_by_type into fallback.
  void Finish();
};

// Every section of the engine but the list names, ready to be laid out.
struct Index {
  std::string strings;  // filter lines, patterns not found in their line, modifier values
  std::vector<uint64_t> domains;
  std::vector<format::FilterRecord> filters;  // a filter's id is its index here
  std::vector<format::FilterExtras> extras;   // sorted by id
  SetIndex sets[format::kSetCount];           // by format::SetId

  // Appends `s` to strings; returns its offset.
  uint32_t AddString(std::string_view s);
  // Appends f's domain=, to= and denyallow= lists (layout in engine_format.h); returns the word
  // index of their header, or format::kNoDomains when f has none.
  uint32_t AddDomains(const NetworkFilter& f);
};

// 1. Parse (builder_parse.cc). Reads every line of the first 127 lists (the others get a
// diagnostic "more than 127 lists"), through the !#if preprocessor: `||host^` lines become
// plain_hosts, other network filters `filters`, and `$badfilter` lines keys in badfilter_keys.
// Counts every line in its list's stats. A line it skips (unsupported option, invalid regular
// expression, more than 2^24 lines) is counted and, up to max_diagnostics, gets a diagnostic.
// Never fails.
ParsedLists ParseLists(std::span<const ListSource> lists, size_t max_diagnostics);

// 2. $badfilter (builder_parse.cc). Removes every plain host and filter that a `$badfilter` line
// of any list names, counting each in its list's stats.badfiltered; the others keep their order.
void DropBadfiltered(ParsedLists& parsed);

// 3. Index (builder_index.cc). Puts each filter in its set (important, block or exception) under
// the hash of its host, its rarest token, or else in the fallback of each request type it applies
// to, and writes a FilterRecord for each filter that is not a plain `||host^`. Filters that act only
// through a modifier trackscope reports but does not apply ($redirect-rule, $removeparam, $csp, an
// exception with a modifier) are counted in parsed.stats[].modifiers and not indexed. Returns the
// index with its sets finished.
Index BuildIndex(ParsedLists& parsed);

// 4. Serialise (builder_serialise.cc). Lays out the header, index's sections and the names of the
// first list_count lists as the one 8-byte aligned buffer of engine_format.h, checksum included.
std::vector<uint8_t> Serialise(Index index, std::span<const ListSource> lists, uint32_t list_count);

}  // namespace trackscope::filter::builder

#endif  // TRACKSCOPE_FILTER_ENGINE_BUILDER_H_
