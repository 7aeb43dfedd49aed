// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
// Engine::Build, step 3 (engine_builder.h): parsed filters -> the filter records and, per set, the
// host, token and fallback indexes that Match() looks filters up in.
#include <algorithm>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "base/strings.h"
#include "filter/engine_builder.h"
#include "filter/hashing.h"

namespace trackscope::filter::builder {
namespace {

using format::FilterRecord;

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
        for (std::string_view alt : SplitView(inner, '|')) {
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

// The set a filter goes to, or -1 when it acts only through a modifier trackscope reports but
// does not apply (not indexed).
int SetOf(const NetworkFilter& f) {
  const bool modifier_only = f.modifier == Modifier::kRedirectRule || f.modifier == Modifier::kRemoveParam ||
                             f.modifier == Modifier::kCsp || (f.exception && f.modifier != Modifier::kNone);
  if (modifier_only) return -1;
  return f.exception ? format::kExceptionSet : f.important ? format::kImportantSet : format::kBlockSet;
}

// How many filters of one set each token hash could index (counted over all their choices).
using TokenFrequency = std::unordered_map<uint32_t, uint32_t>;

// Writes f's record (and extras) into `index`; `host` is IndexableHost(f). Returns its id.
uint32_t AddRecord(const ParsedFilter& p, std::string_view host, Index& index) {
  const NetworkFilter& f = p.filter;
  const uint32_t id = static_cast<uint32_t>(index.filters.size());
  FilterRecord r{};
  r.source = p.source;
  std::string_view text = p.text.substr(0, 0xFFFF);
  while (!text.empty() && (text.back() == '\r' || text.back() == ' ')) text.remove_suffix(1);
  r.text_offset = index.AddString(text);
  r.text_length = static_cast<uint16_t>(text.size());
  const bool host_only = !host.empty() && f.pattern.size() == host.size() + 1 && f.pattern.back() == '^';
  if (!host_only) {
    // Most patterns are the line minus anchors and options: point into the line's text.
    size_t in_text = text.find(f.pattern);
    r.pattern_offset = in_text != std::string_view::npos ? r.text_offset + static_cast<uint32_t>(in_text)
                                                         : index.AddString(f.pattern);
    r.pattern_length = static_cast<uint16_t>(std::min<size_t>(f.pattern.size(), 0xFFFF));
  }
  r.domains = index.AddDomains(f);
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
      x.modifier_offset = index.AddString(f.modifier_value);
      x.modifier_length = static_cast<uint32_t>(f.modifier_value.size());
    }
    index.extras.push_back(x);
  }
  index.filters.push_back(r);
  return id;
}

// The cheapest choice: fewest filters sharing its tokens; common URL tokens as a last resort.
// Null when there is no choice.
const TokenChoice* CheapestChoice(const std::vector<TokenChoice>& choices, const TokenFrequency& frequency,
                                  const std::unordered_set<uint32_t>& common) {
  const TokenChoice* best = nullptr;
  uint64_t best_cost = UINT64_MAX;
  for (const TokenChoice& choice : choices) {
    uint64_t cost = 0;
    for (std::string_view t : choice) {
      const uint32_t h = TokenHash(t);
      const auto it = frequency.find(h);
      cost += (it != frequency.end() ? it->second : 0) + (common.count(h) ? 1'000'000 : 0);
    }
    if (cost < best_cost) {
      best_cost = cost;
      best = &choice;
    }
  }
  return best;
}

}  // namespace

uint32_t Index::AddString(std::string_view s) {
  uint32_t offset = static_cast<uint32_t>(strings.size());
  strings.append(s);
  return offset;
}

uint32_t Index::AddDomains(const NetworkFilter& f) {
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

void SetIndex::Finish() {
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

Index BuildIndex(ParsedLists& parsed) {
  Index index;
  for (const PlainHost& h : parsed.plain_hosts) {
    index.sets[format::kBlockSet].hosts.emplace_back(h.hash, format::kPlainBit | h.source);
  }

  // First pass: each filter's set, and how often each token could index a filter of that set.
  std::vector<int> set_of(parsed.filters.size(), -1);
  TokenFrequency token_frequency[format::kSetCount];
  std::string lowered;
  std::vector<TokenChoice> choices;
  for (size_t i = 0; i < parsed.filters.size(); ++i) {
    const ParsedFilter& p = parsed.filters[i];
    const NetworkFilter& f = p.filter;
    set_of[i] = SetOf(f);
    if (set_of[i] < 0) {
      ++parsed.stats[p.list].modifiers;
      continue;
    }
    if (!IndexableHost(f).empty()) continue;
    PatternTokens(f, lowered, choices);
    for (const TokenChoice& choice : choices) {
      for (std::string_view t : choice) ++token_frequency[set_of[i]][TokenHash(t)];
    }
  }
  std::unordered_set<uint32_t> common;
  for (std::string_view t : kCommonTokens) common.insert(TokenHash(t));

  // Second pass: each filter under its host, its cheapest tokens, or the fallback of its types.
  for (size_t i = 0; i < parsed.filters.size(); ++i) {
    if (set_of[i] < 0) continue;
    const ParsedFilter& p = parsed.filters[i];
    const NetworkFilter& f = p.filter;
    SetIndex& set = index.sets[set_of[i]];
    std::string_view host = IndexableHost(f);
    if (f.IsPlainHostFilter()) {
      set.hosts.emplace_back(HostHash(host), format::kPlainBit | p.source);
      continue;
    }
    const uint32_t id = AddRecord(p, host, index);
    if (!host.empty()) {
      set.hosts.emplace_back(HostHash(host), id);
      continue;
    }
    PatternTokens(f, lowered, choices);
    if (const TokenChoice* best = CheapestChoice(choices, token_frequency[set_of[i]], common)) {
      for (std::string_view t : *best) set.tokens.emplace_back(TokenHash(t), id);
    } else {
      for (uint32_t t = 0; t < format::kTypeCount; ++t) {
        if (f.types & (1u << t)) set.fallback_by_type[t].push_back(id);
      }
    }
  }

  for (SetIndex& set : index.sets) set.Finish();
  return index;
}

}  // namespace trackscope::filter::builder
