// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
// Engine: Load (verify + adopt a serialised buffer), Match, Describe.
#include "trackscope/filter/engine.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <string>

#include "filter/engine_impl.h"
#include "filter/hashing.h"
#include "filter/pattern.h"
#include "trackscope/url/registry.h"

namespace trackscope::filter {
namespace {

using format::FilterRecord;

constexpr size_t kMaxLabels = 32;

constexpr std::array<FilterType, 14> kRequestToFilterType = {
    FilterType::kMainFrame, FilterType::kSubFrame, FilterType::kScript, FilterType::kImage,
    FilterType::kStylesheet, FilterType::kXhr, FilterType::kPing, FilterType::kMedia,
    FilterType::kFont, FilterType::kWebSocket, FilterType::kObject, FilterType::kCspReport,
    FilterType::kOther, FilterType::kPopup};

// Host span of an absolute URL (after "//" and any userinfo, before port/path/query/fragment).
void FindHost(std::string_view url, size_t& begin, size_t& end) {
  begin = end = 0;
  size_t colon = url.find(':');
  if (colon == std::string_view::npos || url.compare(colon + 1, 2, "//") != 0) return;
  size_t p = colon + 3, stop = p;
  while (stop < url.size() && url[stop] != '/' && url[stop] != '?' && url[stop] != '#' && url[stop] != '\\') ++stop;
  for (size_t i = stop; i > p; --i) {
    if (url[i - 1] == '@') {
      p = i;
      break;
    }
  }
  if (p < stop && url[p] == '[') {
    size_t close = url.find(']', p);
    end = close == std::string_view::npos || close > stop ? stop : close + 1;
  } else {
    end = p;
    while (end < stop && url[end] != ':') ++end;
  }
  begin = p;
  if (end > begin && url[end - 1] == '.') --end;  // "example.com." is example.com
}

std::string_view HostOf(std::string_view url) {
  size_t b, e;
  FindHost(url, b, e);
  return url.substr(b, e - b);
}

// Label-suffix hashes of a host (shortest first).
struct Suffixes {
  uint64_t hash[kMaxLabels];
  size_t count = 0;
  void Fill(std::string_view host) {
    count = 0;
    ForEachHostSuffix(host, [&](uint64_t h, size_t) {
      if (count < kMaxLabels) hash[count++] = h;
    });
  }
};

// Hashes of "example" and "www.example" for host www.example.co.uk (entity matching: "example.*").
void FillEntities(std::string_view host, Suffixes& out) {
  std::string_view suffix = PublicSuffix(host);
  if (suffix.empty() || suffix.size() >= host.size()) {
    out.count = 0;
    return;
  }
  out.Fill(host.substr(0, host.size() - suffix.size() - 1));
}

// Per-thread scratch space: grows to the longest URL seen, then never allocates again.
struct Scratch {
  std::string lower, frame;
  std::vector<uint32_t> tokens;
};
Scratch& ThreadScratch() {
  thread_local Scratch scratch;
  return scratch;
}

}  // namespace

struct MatchContext {
  std::string_view url, lower, host, frame_host;
  size_t host_begin = 0, host_end = 0;
  uint16_t type_bit = 0;
  uint8_t type_index = 0;  // FilterType
  uint8_t method_bit = 0;
  Suffixes host_suffixes;
  const std::vector<uint32_t>* tokens = nullptr;
  // Computed on first use.
  int8_t third_party = -1, strict_third_party = -1;
  bool frame_ready = false, frame_entities_ready = false, host_entities_ready = false;
  Suffixes frame_suffixes, frame_entities, host_entities;

  bool ThirdParty(bool strict) {
    if (strict) {
      if (strict_third_party < 0) strict_third_party = !frame_host.empty() && frame_host != host;
      return strict_third_party;
    }
    if (third_party < 0) third_party = !frame_host.empty() && SiteOf(frame_host) != SiteOf(host);
    return third_party;
  }
};

namespace {

// domain= semantics: a matching negated entry vetoes; with positive entries, one must match.
// `entries` is sorted, so each of the host's few label suffixes is a binary search.
bool ListMatches(std::span<const uint64_t> entries, bool has_positive, bool has_entity, const Suffixes& hosts,
                 MatchContext& ctx, bool frame) {
  bool positive_hit = false, vetoed = false;
  auto probe = [&](uint64_t h, bool entity) {
    auto it = std::lower_bound(entries.begin(), entries.end(), h);
    for (; it != entries.end() && (*it & ~3ull) == h; ++it) {
      if (((*it & 2) != 0) != entity) continue;
      if (*it & 1) vetoed = true;
      else positive_hit = true;
    }
  };
  for (size_t i = 0; i < hosts.count && !vetoed; ++i) probe(hosts.hash[i], false);
  if (has_entity && !vetoed) {
    Suffixes& ents = frame ? ctx.frame_entities : ctx.host_entities;
    bool& ready = frame ? ctx.frame_entities_ready : ctx.host_entities_ready;
    if (!ready) {
      FillEntities(frame ? ctx.frame_host : ctx.host, ents);
      ready = true;
    }
    for (size_t i = 0; i < ents.count && !vetoed; ++i) probe(ents.hash[i], true);
  }
  return !vetoed && (!has_positive || positive_hit);
}

}  // namespace

class Matcher {
 public:
  Matcher(const Engine::Impl& impl, MatchContext& ctx) : impl_(impl), ctx_(ctx) {}

  bool DomainsMatch(uint32_t index) {
    const std::span<const uint64_t> d = impl_.domains;
    const uint64_t counts = d[index];
    const size_t from = counts & 0xFFFF, to = (counts >> 16) & 0xFFFF, deny = (counts >> 32) & 0xFFFF;
    const auto entries = d.subspan(index + 1, from + to + deny);
    if (from) {
      if (ctx_.frame_host.empty()) {
        if (counts & format::kFromPositive) return false;  // a positive domain= needs a document
      } else {
        if (!ctx_.frame_ready) {
          ctx_.frame_suffixes.Fill(ctx_.frame_host);
          ctx_.frame_ready = true;
        }
        if (!ListMatches(entries.first(from), counts & format::kFromPositive, counts & format::kFromEntity,
                         ctx_.frame_suffixes, ctx_, true)) {
          return false;
        }
      }
    }
    if (to && !ListMatches(entries.subspan(from, to), counts & format::kToPositive, counts & format::kToEntity,
                           ctx_.host_suffixes, ctx_, false)) {
      return false;
    }
    if (deny) {
      const auto denied = entries.subspan(from + to, deny);
      for (size_t i = 0; i < ctx_.host_suffixes.count; ++i) {
        if (std::binary_search(denied.begin(), denied.end(), ctx_.host_suffixes.hash[i])) return false;
      }
    }
    return true;
  }

  bool Matches(uint32_t id) {
    const FilterRecord& r = impl_.filters[id];
    if (!(r.types & ctx_.type_bit)) return false;
    switch (static_cast<PartyConstraint>(r.party())) {
      case PartyConstraint::kAny: break;
      case PartyConstraint::kFirst: if (ctx_.ThirdParty(false)) return false; break;
      case PartyConstraint::kThird: if (!ctx_.ThirdParty(false)) return false; break;
      case PartyConstraint::kStrictFirst: if (ctx_.ThirdParty(true)) return false; break;
      case PartyConstraint::kStrictThird: if (!ctx_.ThirdParty(true)) return false; break;
    }
    if (r.flags & format::kFlagExtras) {
      const format::FilterExtras& x = impl_.Extras(id);
      if (x.methods != 0 && ((x.methods & ctx_.method_bit) != 0) == (x.methods_negated != 0)) return false;
    }
    if (r.domains != format::kNoDomains && !DomainsMatch(r.domains)) return false;
    if (r.flags & format::kFlagHostOnly) return true;  // the host index hit is the whole pattern
    if (r.flags & format::kFlagRegex) {
      auto it = impl_.regexes.find(id);
      return it != impl_.regexes.end() && it->second.Search(ctx_.url);
    }
    return MatchPattern(impl_.String(r.pattern_offset, r.pattern_length), static_cast<LeftAnchor>(r.left_anchor()),
                        r.flags & format::kFlagRightAnchor, (r.flags & format::kFlagMatchCase) ? ctx_.url : ctx_.lower,
                        ctx_.host_begin, ctx_.host_end);
  }

  // The first filter of `set` that applies, or an invalid ref.
  FilterRef Find(const FilterSet& set, bool exception_set) {
    if (!set.host_keys.empty()) {
      for (size_t i = 0; i < ctx_.host_suffixes.count; ++i) {
        const uint64_t h = ctx_.host_suffixes.hash[i];
        const uint32_t bucket = static_cast<uint32_t>(h >> (64 - format::kRadixBits));
        const uint64_t* first = set.host_keys.data() + set.host_radix[bucket];
        const uint64_t* last = set.host_keys.data() + set.host_radix[bucket + 1];
        for (const uint64_t* k = std::lower_bound(first, last, h); k != last && *k == h; ++k) {
          const uint32_t v = set.host_values[k - set.host_keys.data()];
          if (v & format::kPlainBit) {
            if (ctx_.type_bit & kDefaultTypes) {
              FilterRef ref;
              ref.id = FilterRef::kPlainHost;
              ref.source = v & ~format::kPlainBit;
              ref.exception = exception_set;
              // Suffix i is the host's i+1 last labels; point into the caller's URL, not our
              // lower-cased scratch copy.
              const std::string_view suffix = SuffixView(i);
              ref.host = ctx_.url.substr(static_cast<size_t>(suffix.data() - ctx_.lower.data()), suffix.size());
              return ref;
            }
          } else if (Matches(v)) {
            return Ref(v);
          }
        }
      }
    }
    if (!set.token_slots.empty()) {
      const size_t mask = set.token_slots.size() - 1;
      for (uint32_t t : *ctx_.tokens) {
        for (size_t slot = t & mask;; slot = (slot + 1) & mask) {
          const format::TokenSlot& s = set.token_slots[slot];
          if (s.hash == 0) break;
          if (s.hash != t) continue;
          for (uint32_t j = 0; j < s.count; ++j) {
            const uint32_t id = set.token_ids[s.begin + j];
            if (Matches(id)) return Ref(id);
          }
          break;
        }
      }
    }
    if (!set.fallback.empty()) {
      const uint32_t* offsets = set.fallback.data();
      for (uint32_t j = offsets[ctx_.type_index]; j < offsets[ctx_.type_index + 1]; ++j) {
        const uint32_t id = offsets[format::kTypeCount + 1 + j];
        if (Matches(id)) return Ref(id);
      }
    }
    return {};
  }

 private:
  FilterRef Ref(uint32_t id) const {
    FilterRef ref;
    ref.id = id;
    ref.source = impl_.filters[id].source;
    return ref;
  }
  std::string_view SuffixView(size_t i) const {
    std::string_view host = ctx_.host;
    size_t labels = 0, start = host.size();
    while (start > 0) {
      if (host[start - 1] == '.' && ++labels == i + 1) break;
      --start;
    }
    return host.substr(start);
  }

  const Engine::Impl& impl_;
  MatchContext& ctx_;
};

std::optional<Error> AdoptStorage(Engine::Impl& impl) {
  const auto* base = reinterpret_cast<const uint8_t*>(impl.storage.data());
  format::Header header;
  std::memcpy(&header, base, sizeof(header));
  auto section = [&](int id, size_t element, auto*& out, size_t& count) -> bool {
    const format::Section& s = header.sections[id];
    if (s.offset < sizeof(header) || s.offset % 8 != 0 || uint64_t{s.offset} + s.size > impl.size || s.size % element != 0) {
      return false;
    }
    out = reinterpret_cast<std::remove_reference_t<decltype(out)>>(base + s.offset);
    count = s.size / element;
    return true;
  };
  const Error bad_section{"", "filter engine has an inconsistent section table"};
  const char* strings;
  size_t strings_size, n;
  if (!section(format::kStrings, 1, strings, strings_size)) return bad_section;
  impl.strings = std::string_view(strings, strings_size);
  const format::ListEntry* lists;
  if (!section(format::kLists, sizeof(format::ListEntry), lists, n)) return bad_section;
  impl.lists = {lists, n};
  const FilterRecord* filters;
  if (!section(format::kFilters, sizeof(FilterRecord), filters, n)) return bad_section;
  impl.filters = {filters, n};
  const uint64_t* domains;
  if (!section(format::kDomains, 8, domains, n)) return bad_section;
  impl.domains = {domains, n};

  const Error bad_index{"", "filter engine index is inconsistent"};
  auto in_strings = [&](uint64_t offset, uint64_t length) { return offset + length <= impl.strings.size(); };
  for (const format::ListEntry& l : impl.lists) {
    if (!in_strings(l.name_offset, l.name_length)) return bad_index;
  }
  const format::FilterExtras* extras;
  if (!section(format::kExtras, sizeof(format::FilterExtras), extras, n)) return bad_section;
  impl.extras = {extras, n};
  for (size_t i = 0; i < impl.extras.size(); ++i) {
    const format::FilterExtras& x = impl.extras[i];
    if ((i > 0 && x.id <= impl.extras[i - 1].id) || x.id >= impl.filters.size() ||
        !in_strings(x.modifier_offset, x.modifier_length) || !(impl.filters[x.id].flags & format::kFlagExtras)) {
      return bad_index;
    }
  }
  size_t with_extras = 0;
  for (const FilterRecord& r : impl.filters) {
    with_extras += (r.flags & format::kFlagExtras) != 0;
    if (!in_strings(r.text_offset, r.text_length) || !in_strings(r.pattern_offset, r.pattern_length) ||
        (r.source >> 24) >= impl.lists.size() || r.left_anchor() > static_cast<uint8_t>(LeftAnchor::kHostname) ||
        r.party() > static_cast<uint8_t>(PartyConstraint::kStrictThird) ||
        r.modifier() > static_cast<uint8_t>(Modifier::kRewrite)) {
      return bad_index;
    }
    if (r.domains != format::kNoDomains) {
      if (r.domains >= impl.domains.size()) return bad_index;
      const uint64_t c = impl.domains[r.domains];
      if ((c >> 52) != 0 || r.domains + 1 + (c & 0xFFFF) + ((c >> 16) & 0xFFFF) + ((c >> 32) & 0xFFFF) > impl.domains.size()) {
        return bad_index;
      }
    }
  }
  if (with_extras != impl.extras.size()) return bad_index;
  for (int s = 0; s < format::kSetCount; ++s) {
    FilterSet& set = impl.sets[s];
    const uint64_t* keys;
    const uint32_t *values, *radix, *ids, *fallback;
    const format::TokenSlot* slots;
    size_t nk, nv, nr, ns, ni, nf;
    if (!section(format::SetSectionId(s, format::kHostKeys), 8, keys, nk) ||
        !section(format::SetSectionId(s, format::kHostValues), 4, values, nv) ||
        !section(format::SetSectionId(s, format::kHostRadix), 4, radix, nr) ||
        !section(format::SetSectionId(s, format::kTokenSlots), sizeof(format::TokenSlot), slots, ns) ||
        !section(format::SetSectionId(s, format::kTokenIds), 4, ids, ni) ||
        !section(format::SetSectionId(s, format::kFallback), 4, fallback, nf)) {
      return bad_section;
    }
    if (nk != nv || nr != format::kRadixSize + 1 || (ns & (ns - 1)) != 0) return bad_index;
    set = {{keys, nk}, {values, nv}, {radix, nr}, {slots, ns}, {ids, ni}, {fallback, nf}};
    for (size_t i = 0; i < nr; ++i) {
      if (radix[i] > nk || (i > 0 && radix[i] < radix[i - 1])) return bad_index;
    }
    if (radix[nr - 1] != nk) return bad_index;
    for (size_t i = 0; i < nk; ++i) {
      if (i > 0 && keys[i] < keys[i - 1]) return bad_index;
      if ((keys[i] >> (64 - format::kRadixBits)) + 1 >= nr || radix[keys[i] >> (64 - format::kRadixBits)] > i ||
          radix[(keys[i] >> (64 - format::kRadixBits)) + 1] <= i) {
        return bad_index;
      }
      const uint32_t v = values[i];
      if (v & format::kPlainBit ? ((v & ~format::kPlainBit) >> 24) >= impl.lists.size() : v >= impl.filters.size()) {
        return bad_index;
      }
    }
    size_t used = 0;
    for (size_t i = 0; i < ns; ++i) {
      if (slots[i].hash == 0) continue;
      ++used;
      if (uint64_t{slots[i].begin} + slots[i].count > ni) return bad_index;
    }
    if (ns > 0 && used == ns) return bad_index;  // a full table would make lookups loop forever
    for (size_t i = 0; i < ni; ++i) {
      if (ids[i] >= impl.filters.size()) return bad_index;
    }
    if (nf < format::kTypeCount + 1 || fallback[0] != 0 || fallback[format::kTypeCount] != nf - format::kTypeCount - 1) {
      return bad_index;
    }
    for (size_t i = 0; i < format::kTypeCount; ++i) {
      if (fallback[i + 1] < fallback[i]) return bad_index;
    }
    for (size_t i = format::kTypeCount + 1; i < nf; ++i) {
      if (fallback[i] >= impl.filters.size()) return bad_index;
    }
  }
  impl.regexes.clear();
  for (uint32_t id = 0; id < impl.filters.size(); ++id) {
    const FilterRecord& r = impl.filters[id];
    if (!(r.flags & format::kFlagRegex)) continue;
    Result<Regex> re = Regex::Compile(impl.String(r.pattern_offset, r.pattern_length), !(r.flags & format::kFlagMatchCase));
    if (re.ok()) impl.regexes.emplace(id, std::move(re).value());
  }
  return std::nullopt;
}

namespace {

std::optional<Error> CheckHeader(const uint8_t* data, size_t size) {
  if (size < sizeof(format::Header)) {
    return Error{"", "filter engine data too small (" + std::to_string(size) + " bytes)"};
  }
  format::Header header;
  std::memcpy(&header, data, sizeof(header));
  if (std::memcmp(header.magic, format::kMagic, sizeof(header.magic)) != 0) {
    return Error{"", "not a trackscope filter engine (bad magic)"};
  }
  if (header.format_version != format::kFormatVersion) {
    return Error{"", "filter engine format version " + std::to_string(header.format_version) + ", this build reads version " +
                         std::to_string(format::kFormatVersion) + "; rebuild it from the lists"};
  }
  if (header.total_size != size) {
    return Error{"", "filter engine data truncated or padded: header says " + std::to_string(header.total_size) +
                         " bytes, got " + std::to_string(size)};
  }
  if (header.section_count != format::kSectionCount) return Error{"", "filter engine has an unexpected section count"};
  if (Checksum(data + sizeof(header), size - sizeof(header)) != header.checksum) {
    return Error{"", "filter engine checksum mismatch: the data is corrupted"};
  }
  return std::nullopt;
}

}  // namespace

Result<Engine> Engine::Load(std::span<const uint8_t> bytes) {
  if (std::optional<Error> e = CheckHeader(bytes.data(), bytes.size())) return *e;
  std::vector<uint64_t> storage((bytes.size() + 7) / 8);
  std::memcpy(storage.data(), bytes.data(), bytes.size());
  return Load(std::move(storage), bytes.size());
}

Result<Engine> Engine::Load(std::vector<uint64_t>&& storage, size_t size) {
  if (size > storage.size() * 8) return Error{"", "filter engine storage smaller than its size"};
  if (std::optional<Error> e = CheckHeader(reinterpret_cast<const uint8_t*>(storage.data()), size)) return *e;
  auto impl = std::make_unique<Impl>();
  impl->storage = std::move(storage);
  impl->size = size;
  if (std::optional<Error> e = AdoptStorage(*impl)) return *e;
  return Engine(std::move(impl));
}

MatchResult Engine::Match(const Request& request) const {
  MatchResult result;
  MatchContext ctx;
  ctx.url = request.url;
  Scratch& scratch = ThreadScratch();
  scratch.lower.assign(request.url);
  for (char& c : scratch.lower) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c | 0x20 : c);
  ctx.lower = scratch.lower;
  FindHost(ctx.lower, ctx.host_begin, ctx.host_end);
  ctx.host = ctx.lower.substr(ctx.host_begin, ctx.host_end - ctx.host_begin);
  // The source document's host; lower-case hosts are what browsers report, and what we compare.
  scratch.frame.assign(HostOf(request.source_url));
  for (char& c : scratch.frame) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c | 0x20 : c);
  ctx.frame_host = scratch.frame;
  const FilterType filter_type = kRequestToFilterType[static_cast<size_t>(request.type) % kRequestToFilterType.size()];
  ctx.type_bit = TypeBit(filter_type);
  ctx.type_index = static_cast<uint8_t>(filter_type);
  static constexpr std::string_view kMethods[] = {"GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "CONNECT"};
  ctx.method_bit = 1;
  for (size_t i = 0; i < 8; ++i) {
    if (request.method.size() == kMethods[i].size() &&
        std::equal(request.method.begin(), request.method.end(), kMethods[i].begin(),
                   [](char a, char b) { return (a & ~0x20) == b; })) {
      ctx.method_bit = static_cast<uint8_t>(1u << i);
    }
  }
  ctx.host_suffixes.Fill(ctx.host);
  scratch.tokens.clear();
  for (size_t i = 0; i < ctx.lower.size();) {
    if (!IsTokenChar(static_cast<unsigned char>(ctx.lower[i]))) {
      ++i;
      continue;
    }
    size_t s = i;
    uint32_t h = 2166136261u;
    while (i < ctx.lower.size() && IsTokenChar(static_cast<unsigned char>(ctx.lower[i]))) {
      h = (h ^ static_cast<unsigned char>(ctx.lower[i])) * 16777619u;
      ++i;
    }
    if (i - s >= 2) scratch.tokens.push_back(h == 0 ? 1 : h);
  }
  ctx.tokens = &scratch.tokens;

  Matcher m(*impl_, ctx);
  FilterRef important = m.Find(impl_->sets[format::kImportantSet], false);
  FilterRef block = important.valid() ? important : m.Find(impl_->sets[format::kBlockSet], false);
  if (!block.valid()) return result;
  result.filter = block;
  result.important = important.valid();
  if (block.id != FilterRef::kPlainHost && (impl_->filters[block.id].flags & format::kFlagExtras)) {
    const auto modifier = static_cast<Modifier>(impl_->filters[block.id].modifier());
    if (modifier == Modifier::kRedirect || modifier == Modifier::kRewrite) {
      const format::FilterExtras& x = impl_->Extras(block.id);
      result.redirect = impl_->String(x.modifier_offset, x.modifier_length);
    }
  }
  if (!result.important) {
    result.exception = m.Find(impl_->sets[format::kExceptionSet], true);
    if (result.exception.valid()) {
      result.decision = Decision::kException;
      return result;
    }
  }
  result.decision = Decision::kBlock;
  return result;
}

FilterEvidence Engine::Describe(const FilterRef& ref) const {
  FilterEvidence ev;
  if (!ref.valid()) return ev;
  const uint32_t list = ref.source >> 24;
  if (list < impl_->lists.size()) ev.list = std::string(impl_->String(impl_->lists[list].name_offset, impl_->lists[list].name_length));
  ev.line = ref.source & 0xFFFFFF;
  if (ref.id == FilterRef::kPlainHost) {
    ev.text = (ref.exception ? "@@||" : "||") + std::string(ref.host) + "^";
  } else if (ref.id < impl_->filters.size()) {
    const FilterRecord& r = impl_->filters[ref.id];
    ev.text = std::string(impl_->String(r.text_offset, r.text_length));
  }
  return ev;
}

const format::FilterExtras& Engine::Impl::Extras(uint32_t id) const {
  return *std::lower_bound(extras.begin(), extras.end(), id,
                           [](const format::FilterExtras& x, uint32_t key) { return x.id < key; });
}

std::span<const uint8_t> Engine::bytes() const { return impl_->bytes(); }

uint32_t Engine::filter_count() const {
  size_t plain = 0;
  for (const FilterSet& s : impl_->sets) {
    for (uint32_t v : s.host_values) plain += (v & format::kPlainBit) != 0;
  }
  return static_cast<uint32_t>(impl_->filters.size() + plain);
}

std::vector<std::string> Engine::list_names() const {
  std::vector<std::string> names;
  for (const format::ListEntry& l : impl_->lists) names.emplace_back(impl_->String(l.name_offset, l.name_length));
  return names;
}

Engine::Engine(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Engine::Engine(Engine&&) noexcept = default;
Engine& Engine::operator=(Engine&&) noexcept = default;
Engine::~Engine() = default;

RequestType RequestTypeFromName(std::string_view name) {
  static constexpr std::string_view kNames[] = {"main_frame", "sub_frame", "script", "image", "stylesheet",
                                                "xmlhttprequest", "ping", "media", "font", "websocket",
                                                "object", "csp_report", "other", "popup"};
  for (size_t i = 0; i < std::size(kNames); ++i) {
    if (kNames[i] == name) return static_cast<RequestType>(i);
  }
  return RequestType::kOther;
}

}  // namespace trackscope::filter
