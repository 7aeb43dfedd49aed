// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
// Engine::Build, steps 1 and 2 (engine_builder.h): the lists' lines -> parsed filters, and the
// filters that `$badfilter` lines cancel dropped.
#include <algorithm>
#include <string>
#include <utility>

#include "filter/engine_builder.h"
#include "filter/hashing.h"
#include "filter/preprocessor.h"
#include "filter/regex.h"

namespace trackscope::filter::builder {
namespace {

constexpr uint32_t kMaxLists = 127;

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

void Diagnose(ParsedLists& out, size_t max_diagnostics, uint32_t list, uint32_t line, std::string reason) {
  if (out.diagnostics.size() < max_diagnostics) out.diagnostics.push_back({list, line, std::move(reason)});
}

// Parses list number `li` into `out`.
void ParseList(uint32_t li, std::string_view text, size_t max_diagnostics, ParsedLists& out) {
  ListStats& st = out.stats[li];
  Preprocessor pre;
  uint32_t line_no = 0;
  while (!text.empty()) {
    size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    ++line_no;
    ++st.lines;
    if (line_no >= (1u << 24)) {
      Diagnose(out, max_diagnostics, li, line_no, "list longer than 16,777,215 lines; rest ignored");
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
      out.plain_hosts.push_back({HostHash(host), li << 24 | line_no, li, line});
      continue;
    }
    ParsedLine parsed = ParseFilterLine(line);
    switch (parsed.kind) {
      case LineKind::kEmpty: break;
      case LineKind::kComment: ++st.comments; break;
      case LineKind::kCosmetic: ++st.cosmetic; break;
      case LineKind::kUnsupported:
        ++st.unsupported;
        Diagnose(out, max_diagnostics, li, line_no, std::move(parsed.reason));
        break;
      case LineKind::kNetwork:
        if (parsed.filter.regex) {
          Result<Regex> re = Regex::Compile(parsed.filter.pattern, !parsed.filter.match_case);
          if (!re.ok()) {
            ++st.unsupported;
            Diagnose(out, max_diagnostics, li, line_no, "regular expression: " + re.error().message);
            break;
          }
        }
        ++st.network;
        if (parsed.filter.badfilter) {
          ++st.badfiltered;
          out.badfilter_keys.insert(std::move(parsed.badfilter_key));
        } else {
          out.filters.push_back({std::move(parsed.filter), li << 24 | line_no, line, std::move(parsed.badfilter_key), li});
        }
        break;
    }
  }
}

}  // namespace

ParsedLists ParseLists(std::span<const ListSource> lists, size_t max_diagnostics) {
  ParsedLists out;
  out.stats.resize(lists.size());
  out.list_count = static_cast<uint32_t>(std::min<size_t>(lists.size(), kMaxLists));
  for (uint32_t li = 0; li < lists.size(); ++li) {
    if (li >= out.list_count) {
      Diagnose(out, max_diagnostics, li, 0, "more than 127 lists; list ignored");
      continue;
    }
    ParseList(li, lists[li].text, max_diagnostics, out);
  }
  return out;
}

void DropBadfiltered(ParsedLists& parsed) {
  if (parsed.badfilter_keys.empty()) return;
  auto cancelled = [&](const std::string& key, uint32_t list) {
    if (!parsed.badfilter_keys.contains(key)) return false;
    ++parsed.stats[list].badfiltered;
    return true;
  };
  std::erase_if(parsed.plain_hosts, [&](const PlainHost& h) { return cancelled(std::string(h.line), h.list); });
  std::erase_if(parsed.filters, [&](const ParsedFilter& f) { return cancelled(f.badfilter_key, f.list); });
}

}  // namespace trackscope::filter::builder
