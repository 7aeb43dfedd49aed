// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
// Engine::Build: lists -> parsed filters -> indexes -> one serialised buffer (engine_format.h).
#include <algorithm>
#include <cstring>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "filter/engine_impl.h"
#include "filter/hashing.h"
#include "filter/preprocessor.h"

namespace trackscope::filter {
namespace {

using format::FilterRecord;

bool IsHostPatternChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';
}

// `||host^` lines are 80 % of EasyList + EasyPrivacy: recognised without the full parser.
// Returns the host, or empty when `line` is anything else.
std::string_view PlainHostLine(std::string_view line) {
  if (line.size() < 4 || line[0] != '|' || line[1] != '|' || line.back() != '^') return {};
  std::string_view host = line.substr(2, line.size() - 3);
  if (host.front() == '.' || host.back() == '.') return {};
  for (char c : host) {
    if (!IsHostPatternChar(c)) return {};
  }
  return host;
}

struct PlainHost {
  uint64_t hash;
  uint32_t source;
  uint32_t list;
  std::string_view line;
};

struct Pending {
  NetworkFilter filter;
  uint32_t source;
  std::string_view text;
  std::string badfilter_key;
  uint32_t list;
};

// Tokens that occur in nearly every URL: indexing a filter under one of them means testing it
// on nearly every request.
constexpr std::string_view kCommonTokens[] = {"http", "https", "www", "com", "net", "org", "js", "html", "php",
                                              "cdn", "static", "api", "img", "images", "assets", "css", "min", "co"};

// For `||host...` patterns whose host part is complete (followed by '^', '/', ':', '?', or the
// end with an end anchor): the host. Otherwise empty (the host could continue in the URL).
std::string_view IndexableHost(const NetworkFilter& f) {
  if (f.left != LeftAnchor::kHostname || f.regex) return {};
  std::string_view p = f.pattern;
  if (p.starts_with('[')) {  // IPv6 literal: "||[::1]^"
    size_t close = p.find(']');
    if (close == std::string_view::npos) return {};
    char next = close + 1 < p.size() ? p[close + 1] : '\0';
    return next == '^' || next == '/' || next == ':' ? p.substr(0, close + 1) : std::string_view();
  }
  size_t n = 0;
  while (n < p.size() && IsHostPatternChar(p[n])) ++n;
  if (n == 0 || p[0] == '.' || p[n - 1] == '.') return {};
  if (n == p.size()) return f.right_anchor ? p : std::string_view();
  char next = p[n];
  return (next == '^' || next == '/' || next == ':' || next == '?') ? p.substr(0, n) : std::string_view();
}

// Ways to index a filter: each choice is a set of tokens, one of which every matching URL contains
// as a complete token (see hashing.h). A plain pattern gives one-token choices; a regex group of
// literal alternatives "(club|xyz|top)" gives one choice of three (the filter is then indexed
// under all three).
using TokenChoice = std::vector<std::string_view>;

void PatternTokens(const NetworkFilter& f, std::string& lowered, std::vector<TokenChoice>& out) {
  out.clear();
  lowered = f.pattern;
  for (char& c : lowered) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c | 0x20 : c);
  const std::string_view p = lowered;
  if (!f.regex) {
    for (size_t i = 0; i < p.size();) {
      if (!IsTokenChar(static_cast<unsigned char>(p[i]))) { ++i; continue; }
      size_t s = i;
      while (i < p.size() && IsTokenChar(static_cast<unsigned char>(p[i]))) ++i;
      bool start_ok = s == 0 ? f.left != LeftAnchor::kNone : p[s - 1] != '*';
      bool end_ok = i == p.size() ? f.right_anchor : p[i] != '*';
      if (start_ok && end_ok && i - s >= 2) out.push_back({p.substr(s, i - s)});
    }
    return;
  }
  // Regex: conservative literal extraction at the top level; any top-level '|' defeats it.
  auto skip_class = [&](size_t i) {  // p[i] == '[': index after the closing ']'
    while (i < p.size() && p[i] != ']') i += p[i] == '\\' ? 2 : 1;
    return i + 1;
  };
  int depth = 0;
  for (size_t i = 0; i < p.size(); ++i) {
    if (p[i] == '\\') { ++i; continue; }
    if (p[i] == '[') { i = skip_class(i) - 1; continue; }
    if (p[i] == '(') ++depth;
    if (p[i] == ')') --depth;
    if (p[i] == '|' && depth == 0) return;
  }
  auto plain_punct = [](char ch) {
    return ch == '/' || ch == '-' || ch == '=' || ch == ',' || ch == '&' || ch == '_' || ch == ':' || ch == '@' ||
           ch == '!' || ch == '~' || ch == '\'' || ch == '"' || ch == '<' || ch == '>' || ch == '#' || ch == ';' || ch == '%';
  };
  auto optional_at = [&](size_t k) {
    return k < p.size() && (p[k] == '?' || p[k] == '*' || (p[k] == '{' && k + 1 < p.size() && p[k + 1] == '0'));
  };
  // A mandatory punctuation literal ends at p[s - 1] / starts at p[e]: the run between is a whole token.
  auto left_bounded = [&](size_t s) {
    if (s == 0) return false;
    return (s >= 2 && p[s - 2] == '\\') ? !IsTokenChar(static_cast<unsigned char>(p[s - 1])) : plain_punct(p[s - 1]);
  };
  auto right_bounded = [&](size_t e) {
    if (e >= p.size()) return false;
    if (p[e] == '\\') return e + 1 < p.size() && !IsTokenChar(static_cast<unsigned char>(p[e + 1])) && !optional_at(e + 2);
    return plain_punct(p[e]) && !optional_at(e + 1);
  };
  auto is_alnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
  for (size_t i = 0; i < p.size();) {
    const char c = p[i];
    if (c == '\\') { i += 2; continue; }
    if (c == '[') { i = skip_class(i); continue; }
    if (c == '(') {
      // A group of literal alternatives between punctuation literals: "\.(club|xyz)\/".
      size_t close = i + 1, d = 1;
      while (close < p.size() && d > 0) {
        if (p[close] == '\\') { close += 2; continue; }
        if (p[close] == '[') { close = skip_class(close); continue; }
        d += p[close] == '(' ? 1 : p[close] == ')' ? -1 : 0;
        if (d > 0) ++close;
      }
      if (close >= p.size()) return;
      std::string_view inner = p.substr(i + 1, close - i - 1);
      if (inner.starts_with("?:")) inner.remove_prefix(2);
      const bool literal = !inner.empty() && std::all_of(inner.begin(), inner.end(), [&](char ch) { return is_alnum(ch) || ch == '|'; });
      const bool quantified = close + 1 < p.size() && (p[close + 1] == '*' || p[close + 1] == '+' || p[close + 1] == '?' || p[close + 1] == '{');
      if (literal && !quantified && left_bounded(i) && right_bounded(close + 1)) {
        TokenChoice alternatives;
        size_t start = 0;
        while (start <= inner.size()) {
          size_t bar = inner.find('|', start);
          std::string_view alt = inner.substr(start, bar == std::string_view::npos ? std::string_view::npos : bar - start);
          start = bar == std::string_view::npos ? inner.size() + 1 : bar + 1;
          if (alt.size() < 2) { alternatives.clear(); break; }
          alternatives.push_back(alt);
        }
        if (!alternatives.empty()) out.push_back(std::move(alternatives));
      }
      i = close + 1;
      continue;
    }
    if (!is_alnum(c)) { ++i; continue; }
    size_t s = i;
    while (i < p.size() && is_alnum(p[i])) ++i;
    // A quantifier after the run applies to its last character: the run is not literal.
    const bool quantified = i < p.size() && (p[i] == '*' || p[i] == '+' || p[i] == '?' || p[i] == '{');
    if (left_bounded(s) && right_bounded(i) && !quantified && i - s >= 2) out.push_back({p.substr(s, i - s)});
  }
}

class Writer {
 public:
  uint32_t AddString(std::string_view s) {
    uint32_t offset = static_cast<uint32_t>(strings.size());
    strings.append(s);
    return offset;
  }
  uint32_t AddDomains(const NetworkFilter& f) {
    if (f.from.empty() && f.to.empty() && f.denyallow.empty()) return format::kNoDomains;
    uint32_t index = static_cast<uint32_t>(domains.size());
    uint64_t header = f.from.size() | (uint64_t{f.to.size()} << 16) | (uint64_t{f.denyallow.size()} << 32);
    for (const DomainEntry& e : f.from) header |= (e.negated ? 0 : format::kFromPositive) | (e.entity ? format::kFromEntity : 0);
    for (const DomainEntry& e : f.to) header |= (e.negated ? 0 : format::kToPositive) | (e.entity ? format::kToEntity : 0);
    domains.push_back(header);
    for (const auto* list : {&f.from, &f.to, &f.denyallow}) {
      const size_t start = domains.size();
      for (const DomainEntry& e : *list) domains.push_back(HostHash(e.name) | (e.negated ? 1 : 0) | (e.entity ? 2 : 0));
      std::sort(domains.begin() + static_cast<std::ptrdiff_t>(start), domains.end());
    }
    return index;
  }

  std::string strings;
  std::vector<uint64_t> domains;
  std::vector<FilterRecord> filters;
  std::vector<format::FilterExtras> extras;
};

struct SetBuild {
  std::vector<std::pair<uint64_t, uint32_t>> hosts;
  std::vector<std::pair<uint32_t, uint32_t>> tokens;  // token hash, filter id
  std::vector<uint32_t> fallback_by_type[format::kTypeCount];
  // Serialised arrays.
  std::vector<uint64_t> host_keys;
  std::vector<uint32_t> host_values, host_radix;
  std::vector<format::TokenSlot> token_slots;
  std::vector<uint32_t> token_ids;
  std::vector<uint32_t> fallback;

  void Finish() {
    fallback.assign(format::kTypeCount + 1, 0);
    for (uint32_t t = 0; t < format::kTypeCount; ++t) {
      fallback[t + 1] = fallback[t] + static_cast<uint32_t>(fallback_by_type[t].size());
    }
    for (const auto& ids : fallback_by_type) fallback.insert(fallback.end(), ids.begin(), ids.end());
    std::sort(hosts.begin(), hosts.end());
    hosts.erase(std::unique(hosts.begin(), hosts.end()), hosts.end());
    host_radix.assign(format::kRadixSize + 1, 0);
    for (const auto& [key, value] : hosts) {
      host_keys.push_back(key);
      host_values.push_back(value);
      ++host_radix[(key >> (64 - format::kRadixBits)) + 1];
    }
    for (uint32_t i = 1; i <= format::kRadixSize; ++i) host_radix[i] += host_radix[i - 1];

    std::sort(tokens.begin(), tokens.end());
    size_t unique = 0;
    for (size_t i = 0; i < tokens.size(); ++i) unique += i == 0 || tokens[i].first != tokens[i - 1].first;
    size_t capacity = 16;
    while (capacity < unique * 4 / 3 + 1) capacity *= 2;
    token_slots.assign(capacity, format::TokenSlot{0, 0, 0});
    for (size_t i = 0; i < tokens.size();) {
      size_t j = i;
      while (j < tokens.size() && tokens[j].first == tokens[i].first) token_ids.push_back(tokens[j++].second);
      uint32_t h = tokens[i].first;
      size_t slot = h & (capacity - 1);
      while (token_slots[slot].hash != 0) slot = (slot + 1) & (capacity - 1);
      token_slots[slot] = {h, static_cast<uint32_t>(token_ids.size() - (j - i)), static_cast<uint32_t>(j - i)};
      i = j;
    }
  }
};

template <typename T>
void AppendSection(std::vector<uint8_t>& blob, format::Header& header, int id, const T* data, size_t count) {
  while (blob.size() % 8 != 0) blob.push_back(0);
  header.sections[id] = {static_cast<uint32_t>(blob.size()), static_cast<uint32_t>(count * sizeof(T))};
  const auto* bytes = reinterpret_cast<const uint8_t*>(data);
  blob.insert(blob.end(), bytes, bytes + count * sizeof(T));
}

}  // namespace

BuildOutput Engine::Build(std::span<const ListSource> lists, size_t max_diagnostics) {
  std::vector<ListStats> stats(lists.size());
  std::vector<ListDiagnostic> diagnostics;
  auto diagnose = [&](uint32_t list, uint32_t line, std::string reason) {
    if (diagnostics.size() < max_diagnostics) diagnostics.push_back({list, line, std::move(reason)});
  };

  std::vector<Pending> pending;
  std::vector<PlainHost> plain;
  std::unordered_set<std::string> badfilter_keys;
  const uint32_t list_count = static_cast<uint32_t>(std::min<size_t>(lists.size(), 127));
  for (uint32_t li = 0; li < lists.size(); ++li) {
    if (li >= list_count) {
      diagnose(li, 0, "more than 127 lists; list ignored");
      continue;
    }
    ListStats& st = stats[li];
    Preprocessor pre;
    std::string_view text = lists[li].text;
    uint32_t line_no = 0;
    while (!text.empty()) {
      size_t nl = text.find('\n');
      std::string_view line = text.substr(0, nl);
      text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
      ++line_no;
      ++st.lines;
      if (line_no >= (1u << 24)) {
        diagnose(li, line_no, "list longer than 16,777,215 lines; rest ignored");
        break;
      }
      if (pre.Directive(line)) {
        ++st.comments;
        continue;
      }
      if (!pre.active()) {
        ++st.preprocessed_out;
        continue;
      }
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (std::string_view host = PlainHostLine(line); !host.empty()) {
        ++st.network;
        plain.push_back({HostHash(host), li << 24 | line_no, li, line});
        continue;
      }
      ParsedLine parsed = ParseFilterLine(line);
      switch (parsed.kind) {
        case LineKind::kEmpty: break;
        case LineKind::kComment: ++st.comments; break;
        case LineKind::kCosmetic: ++st.cosmetic; break;
        case LineKind::kUnsupported:
          ++st.unsupported;
          diagnose(li, line_no, std::move(parsed.reason));
          break;
        case LineKind::kNetwork:
          if (parsed.filter.regex) {
            Result<Regex> re = Regex::Compile(parsed.filter.pattern, !parsed.filter.match_case);
            if (!re.ok()) {
              ++st.unsupported;
              diagnose(li, line_no, "regular expression: " + re.error().message);
              break;
            }
          }
          ++st.network;
          if (parsed.filter.badfilter) {
            ++st.badfiltered;
            badfilter_keys.insert(std::move(parsed.badfilter_key));
          } else {
            pending.push_back({std::move(parsed.filter), li << 24 | line_no, line, std::move(parsed.badfilter_key), li});
          }
          break;
      }
    }
  }

  Writer w;
  SetBuild sets[format::kSetCount];
  std::unordered_map<uint32_t, uint32_t> token_frequency[format::kSetCount];
  std::vector<int> set_of(pending.size(), -1);
  for (const PlainHost& h : plain) {
    if (!badfilter_keys.empty() && badfilter_keys.count(std::string(h.line))) {
      ++stats[h.list].badfiltered;
      continue;
    }
    sets[format::kBlockSet].hosts.emplace_back(h.hash, format::kPlainBit | h.source);
  }
  std::string lowered;
  std::vector<TokenChoice> choices;
  for (size_t i = 0; i < pending.size(); ++i) {
    Pending& p = pending[i];
    if (!badfilter_keys.empty() && badfilter_keys.count(p.badfilter_key)) {
      ++stats[p.list].badfiltered;
      continue;
    }
    const NetworkFilter& f = p.filter;
    const bool modifier_only = f.modifier == Modifier::kRedirectRule || f.modifier == Modifier::kRemoveParam ||
                               f.modifier == Modifier::kCsp || (f.exception && f.modifier != Modifier::kNone);
    if (modifier_only) {
      ++stats[p.list].modifiers;
      continue;
    }
    int set = f.exception ? format::kExceptionSet : f.important ? format::kImportantSet : format::kBlockSet;
    set_of[i] = set;
    if (!IndexableHost(f).empty()) continue;
    PatternTokens(f, lowered, choices);
    for (const TokenChoice& choice : choices) {
      for (std::string_view t : choice) ++token_frequency[set][TokenHash(t)];
    }
  }
  std::unordered_set<uint32_t> common;
  for (std::string_view t : kCommonTokens) common.insert(TokenHash(t));

  for (size_t i = 0; i < pending.size(); ++i) {
    if (set_of[i] < 0) continue;
    const Pending& p = pending[i];
    const NetworkFilter& f = p.filter;
    SetBuild& sb = sets[set_of[i]];
    std::string_view host = IndexableHost(f);
    if (f.IsPlainHostFilter()) {
      sb.hosts.emplace_back(HostHash(host), format::kPlainBit | p.source);
      continue;
    }
    const uint32_t id = static_cast<uint32_t>(w.filters.size());
    FilterRecord r{};
    r.source = p.source;
    std::string_view text = p.text.substr(0, 0xFFFF);
    while (!text.empty() && (text.back() == '\r' || text.back() == ' ')) text.remove_suffix(1);
    r.text_offset = w.AddString(text);
    r.text_length = static_cast<uint16_t>(text.size());
    const bool host_only = !host.empty() && f.pattern.size() == host.size() + 1 && f.pattern.back() == '^';
    if (!host_only) {
      // Most patterns are the line minus anchors and options: point into the line's text.
      size_t in_text = text.find(f.pattern);
      r.pattern_offset = in_text != std::string_view::npos ? r.text_offset + static_cast<uint32_t>(in_text)
                                                           : w.AddString(f.pattern);
      r.pattern_length = static_cast<uint16_t>(std::min<size_t>(f.pattern.size(), 0xFFFF));
    }
    r.domains = w.AddDomains(f);
    r.types = f.types;
    r.flags = static_cast<uint8_t>((f.exception ? format::kFlagException : 0) | (f.important ? format::kFlagImportant : 0) |
                                   (f.match_case ? format::kFlagMatchCase : 0) | (f.regex ? format::kFlagRegex : 0) |
                                   (f.right_anchor ? format::kFlagRightAnchor : 0) | (host_only ? format::kFlagHostOnly : 0));
    r.options = static_cast<uint8_t>(static_cast<unsigned>(f.left) | static_cast<unsigned>(f.party) << 2 |
                                     static_cast<unsigned>(f.modifier) << 5);
    if (f.methods != 0 || !f.modifier_value.empty()) {
      r.flags |= format::kFlagExtras;
      format::FilterExtras x{};
      x.id = id;
      x.methods = f.methods;
      x.methods_negated = f.methods_negated;
      if (!f.modifier_value.empty()) {
        x.modifier_offset = w.AddString(f.modifier_value);
        x.modifier_length = static_cast<uint32_t>(f.modifier_value.size());
      }
      w.extras.push_back(x);
    }
    w.filters.push_back(r);
    if (!host.empty()) {
      sb.hosts.emplace_back(HostHash(host), id);
      continue;
    }
    // The cheapest choice: fewest filters sharing its tokens; common URL tokens as a last resort.
    PatternTokens(f, lowered, choices);
    const TokenChoice* best = nullptr;
    uint64_t best_cost = UINT64_MAX;
    for (const TokenChoice& choice : choices) {
      uint64_t cost = 0;
      for (std::string_view t : choice) {
        const uint32_t h = TokenHash(t);
        cost += token_frequency[set_of[i]][h] + (common.count(h) ? 1'000'000 : 0);
      }
      if (cost < best_cost) {
        best_cost = cost;
        best = &choice;
      }
    }
    if (best) {
      for (std::string_view t : *best) sb.tokens.emplace_back(TokenHash(t), id);
    } else {
      for (uint32_t t = 0; t < format::kTypeCount; ++t) {
        if (f.types & (1u << t)) sb.fallback_by_type[t].push_back(id);
      }
    }
  }

  // Serialise.
  std::vector<uint8_t> blob(sizeof(format::Header), 0);
  format::Header header{};
  std::memcpy(header.magic, format::kMagic, sizeof(header.magic));
  header.format_version = format::kFormatVersion;
  header.section_count = format::kSectionCount;
  std::vector<format::ListEntry> list_entries;
  for (uint32_t li = 0; li < list_count; ++li) {
    list_entries.push_back({w.AddString(lists[li].name), static_cast<uint32_t>(lists[li].name.size())});
  }
  AppendSection(blob, header, format::kStrings, w.strings.data(), w.strings.size());
  AppendSection(blob, header, format::kLists, list_entries.data(), list_entries.size());
  AppendSection(blob, header, format::kFilters, w.filters.data(), w.filters.size());
  AppendSection(blob, header, format::kExtras, w.extras.data(), w.extras.size());
  AppendSection(blob, header, format::kDomains, w.domains.data(), w.domains.size());
  for (int s = 0; s < format::kSetCount; ++s) {
    SetBuild& sb = sets[s];
    sb.Finish();
    AppendSection(blob, header, format::SetSectionId(s, format::kHostKeys), sb.host_keys.data(), sb.host_keys.size());
    AppendSection(blob, header, format::SetSectionId(s, format::kHostValues), sb.host_values.data(), sb.host_values.size());
    AppendSection(blob, header, format::SetSectionId(s, format::kHostRadix), sb.host_radix.data(), sb.host_radix.size());
    AppendSection(blob, header, format::SetSectionId(s, format::kTokenSlots), sb.token_slots.data(), sb.token_slots.size());
    AppendSection(blob, header, format::SetSectionId(s, format::kTokenIds), sb.token_ids.data(), sb.token_ids.size());
    AppendSection(blob, header, format::SetSectionId(s, format::kFallback), sb.fallback.data(), sb.fallback.size());
  }
  while (blob.size() % 8 != 0) blob.push_back(0);
  header.total_size = blob.size();
  header.checksum = Checksum(blob.data() + sizeof(header), blob.size() - sizeof(header));
  std::memcpy(blob.data(), &header, sizeof(header));

  Result<Engine> engine = Engine::Load(blob);
  // Load of a buffer we just wrote can only fail on a bug; fail loudly rather than run without filters.
  if (!engine.ok()) __builtin_trap();
  return BuildOutput{std::move(engine).value(), std::move(stats), std::move(diagnostics)};
}

}  // namespace trackscope::filter
