// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
// Network filter line parser. Option names follow uBlock Origin's documentation of static
// filter syntax and Adblock Plus' "How to write filters".
#include <algorithm>
#include <array>
#include <string>

#include "base/strings.h"
#include "trackscope/filter/filter.h"

namespace trackscope::filter {
namespace {

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c | 0x20) : c; }

std::string LowerCopy(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = Lower(c);
  return out;
}

// Element hiding "##", its exception "#@#", extended/CSS/scriptlet variants ("#?#", "#$#", "#%#"
// and their "@" exceptions) and uBO's HTML filters "$$" / "$@$".
bool IsCosmetic(std::string_view line) {
  for (size_t i = line.find('#'); i != std::string_view::npos; i = line.find('#', i + 1)) {
    std::string_view rest = line.substr(i + 1);
    if (rest.starts_with('@')) rest.remove_prefix(1);
    if (rest.starts_with('#') || rest.starts_with("?#") || rest.starts_with("$#") || rest.starts_with("%#") ||
        rest.starts_with("$?#")) {
      return true;
    }
  }
  return line.find("$$") != std::string_view::npos || line.find("$@$") != std::string_view::npos;
}

bool IsHostChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';
}

// "[::1]": an IPv6 literal as browsers write hosts.
bool IsIpv6Literal(std::string_view s) {
  if (s.size() < 3 || s.front() != '[' || s.back() != ']') return false;
  for (char c : s.substr(1, s.size() - 2)) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || c == ':' || c == '.')) return false;
  }
  return true;
}

struct TypeName {
  std::string_view name;
  uint16_t bits;
};
constexpr std::array<TypeName, 22> kTypeNames = {{
    {"script", TypeBit(FilterType::kScript)},
    {"image", TypeBit(FilterType::kImage)},
    {"stylesheet", TypeBit(FilterType::kStylesheet)},
    {"css", TypeBit(FilterType::kStylesheet)},
    {"xmlhttprequest", TypeBit(FilterType::kXhr)},
    {"xhr", TypeBit(FilterType::kXhr)},
    {"subdocument", TypeBit(FilterType::kSubFrame)},
    {"frame", TypeBit(FilterType::kSubFrame)},
    {"ping", TypeBit(FilterType::kPing)},
    {"beacon", TypeBit(FilterType::kPing)},
    {"media", TypeBit(FilterType::kMedia)},
    {"font", TypeBit(FilterType::kFont)},
    {"websocket", TypeBit(FilterType::kWebSocket)},
    {"object", TypeBit(FilterType::kObject)},
    {"object-subrequest", TypeBit(FilterType::kObject)},
    {"other", TypeBit(FilterType::kOther)},
    {"popup", TypeBit(FilterType::kPopup)},
    {"popunder", TypeBit(FilterType::kPopup)},
    {"document", TypeBit(FilterType::kMainFrame)},
    {"doc", TypeBit(FilterType::kMainFrame)},
    {"csp_report", TypeBit(FilterType::kCspReport)},
    {"all", kAllTypes},
}};

// Options that only steer cosmetic filtering: an exception carrying only these is not a network filter.
constexpr std::array<std::string_view, 8> kCosmeticOptions = {
    "elemhide", "ehide", "generichide", "ghide", "specifichide", "shide", "genericblock", "content"};

// Options we recognise but cannot evaluate on a request (responses, page context, other tools).
constexpr std::array<std::string_view, 10> kUnsupportedOptions = {
    "header", "permissions", "urltransform", "uritransform", "replace", "urlskip", "ipaddress",
    "sitekey", "webrtc", "jsonprune"};

constexpr std::array<std::string_view, 8> kMethodNames = {"get", "post", "put", "delete", "patch", "head", "options", "connect"};

// Parses "a.example|~b.example|c.*" into entries; false (with `error`) on an invalid entry.
bool ParseDomainList(std::string_view list, bool allow_negation, std::vector<DomainEntry>& out, std::string& error) {
  if (list.empty()) {
    error = "empty domain list";
    return false;
  }
  for (std::string_view item : SplitView(list, '|')) {
    DomainEntry entry;
    if (item.starts_with('~')) {
      if (!allow_negation) {
        error = "negated entry \"" + std::string(item) + "\" not allowed here";
        return false;
      }
      entry.negated = true;
      item.remove_prefix(1);
    }
    if (item.ends_with(".*")) {
      entry.entity = true;
      item.remove_suffix(2);
    }
    if (item.starts_with('/')) {
      error = "regular-expression domain entries are not supported";
      return false;
    }
    std::string name = LowerCopy(item);
    if (!entry.entity && IsIpv6Literal(name)) {
      entry.name = std::move(name);
      out.push_back(std::move(entry));
      continue;
    }
    if (name.empty() || name.front() == '.' || name.back() == '.' || name.find("..") != std::string::npos ||
        !std::all_of(name.begin(), name.end(), IsHostChar)) {
      error = "invalid domain \"" + std::string(item) + "\"";
      return false;
    }
    entry.name = std::move(name);
    out.push_back(std::move(entry));
  }
  return true;
}

// Splits options on commas, except inside a /regex/ value (removeparam=/a,b/).
std::vector<std::string_view> SplitOptions(std::string_view text) {
  std::vector<std::string_view> out;
  size_t start = 0, i = 0;
  bool in_regex = false;
  for (; i < text.size(); ++i) {
    char c = text[i];
    if (in_regex) {
      if (c == '\\') ++i;
      else if (c == '/') in_regex = false;
    } else if (c == '/' && i > 0 && text[i - 1] == '=') {
      in_regex = true;
    } else if (c == ',') {
      out.push_back(text.substr(start, i - start));
      start = i + 1;
    }
  }
  out.push_back(text.substr(start));
  return out;
}

ParsedLine Unsupported(std::string reason) {
  ParsedLine p;
  p.kind = LineKind::kUnsupported;
  p.reason = std::move(reason);
  return p;
}

// Where the options start: the last '$' followed by an option name character. A '$' inside a
// regex pattern ("/ads$/") is followed by '/' or the end and so is not taken.
size_t OptionsDollar(std::string_view line) {
  size_t d = line.rfind('$');
  while (d != std::string_view::npos) {
    if (d + 1 < line.size()) {
      char c = Lower(line[d + 1]);
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '~' || c == '_' || c == '-') return d;
    }
    if (d == 0) break;
    d = line.rfind('$', d - 1);
  }
  return std::string_view::npos;
}

}  // namespace

bool NetworkFilter::IsPlainHostFilter() const {
  if (left != LeftAnchor::kHostname || regex || right_anchor || important || match_case || badfilter) return false;
  if (types != kDefaultTypes || party != PartyConstraint::kAny || !from.empty() || !to.empty() ||
      !denyallow.empty() || methods != 0 || modifier != Modifier::kNone) {
    return false;
  }
  if (pattern.size() < 2 || pattern.back() != '^') return false;
  return std::all_of(pattern.begin(), pattern.end() - 1, IsHostChar);
}

ParsedLine ParseFilterLine(std::string_view raw) {
  std::string_view line = Trim(raw, " \t\r");
  ParsedLine out;
  if (line.empty()) return out;
  if (line.front() == '!' || (line.front() == '[' && line.back() == ']')) {
    out.kind = LineKind::kComment;
    return out;
  }
  if (IsCosmetic(line)) {
    out.kind = LineKind::kCosmetic;
    return out;
  }

  NetworkFilter& f = out.filter;
  std::string_view body = line;
  if (body.starts_with("@@")) {
    f.exception = true;
    body.remove_prefix(2);
  }
  std::string_view pattern = body, options_text;
  if (size_t d = OptionsDollar(body); d != std::string_view::npos) {
    pattern = body.substr(0, d);
    options_text = body.substr(d + 1);
  }
  const std::string raw_pattern(pattern);

  // Options.
  std::vector<std::string> kept_options;  // for the badfilter key
  uint16_t positive_types = 0, negative_types = 0;
  bool cosmetic_only = false;
  if (!options_text.empty()) {
    for (std::string_view option : SplitOptions(options_text)) {
      option = Trim(option, " \t\r");
      if (option.empty()) return Unsupported("empty option");
      std::string name_value = LowerCopy(option);
      bool negated = false;
      std::string_view opt = option;
      if (opt.starts_with('~')) {
        negated = true;
        opt.remove_prefix(1);
      }
      size_t eq = opt.find('=');
      std::string name = LowerCopy(opt.substr(0, eq));
      std::string_view value = eq == std::string_view::npos ? std::string_view() : opt.substr(eq + 1);
      const bool has_value = eq != std::string_view::npos;
      if (name != "badfilter") kept_options.push_back(name_value);

      auto no_value_no_negation = [&]() -> bool { return !has_value && !negated; };
      if (name == "third-party" || name == "3p") {
        if (has_value) return Unsupported("option " + name + " takes no value");
        f.party = negated ? PartyConstraint::kFirst : PartyConstraint::kThird;
        continue;
      }
      if (name == "first-party" || name == "1p") {
        if (has_value) return Unsupported("option " + name + " takes no value");
        f.party = negated ? PartyConstraint::kThird : PartyConstraint::kFirst;
        continue;
      }
      if (name == "strict1p" || name == "strict3p") {
        if (!no_value_no_negation()) return Unsupported("option " + name + " takes no value and no '~'");
        f.party = name == "strict1p" ? PartyConstraint::kStrictFirst : PartyConstraint::kStrictThird;
        continue;
      }
      if (auto it = std::find_if(kTypeNames.begin(), kTypeNames.end(), [&](const TypeName& t) { return t.name == name; });
          it != kTypeNames.end()) {
        if (has_value) return Unsupported("type option " + name + " takes no value");
        (negated ? negative_types : positive_types) |= it->bits;
        continue;
      }
      if (std::find(kCosmeticOptions.begin(), kCosmeticOptions.end(), name) != kCosmeticOptions.end()) {
        cosmetic_only = true;
        continue;
      }
      if (name == "domain" || name == "from" || name == "to" || name == "denyallow") {
        if (!has_value || negated) return Unsupported("option " + name + "= needs a list of domains");
        std::string error;
        auto& target = name == "to" ? f.to : name == "denyallow" ? f.denyallow : f.from;
        if (!ParseDomainList(value, name != "denyallow", target, error)) return Unsupported("option " + name + "=: " + error);
        continue;
      }
      if (name == "match-case") {
        if (!no_value_no_negation()) return Unsupported("option match-case takes no value");
        f.match_case = true;
        continue;
      }
      if (name == "important") {
        if (!no_value_no_negation()) return Unsupported("option important takes no value");
        f.important = true;
        continue;
      }
      if (name == "badfilter") {
        f.badfilter = true;
        continue;
      }
      if (name == "redirect" || name == "redirect-rule" || name == "rewrite") {
        if (!has_value || value.empty() || negated) return Unsupported("option " + name + "= needs a resource name");
        f.modifier = name == "redirect-rule" ? Modifier::kRedirectRule : name == "rewrite" ? Modifier::kRewrite : Modifier::kRedirect;
        f.modifier_value = std::string(value);
        continue;
      }
      if (name == "empty" || name == "mp4") {  // legacy redirect shorthands
        f.modifier = Modifier::kRedirect;
        f.modifier_value = name == "empty" ? "empty" : "noopmp4-1s";
        continue;
      }
      if (name == "removeparam" || name == "queryprune") {
        f.modifier = Modifier::kRemoveParam;
        f.modifier_value = std::string(value);
        continue;
      }
      if (name == "csp" || name == "inline-script" || name == "inline-font") {
        f.modifier = Modifier::kCsp;
        f.modifier_value = name == "csp" ? std::string(value) : name == "inline-script" ? "script-src 'unsafe-eval' * blob: data:" : "font-src *";
        continue;
      }
      if (name == "method") {
        if (!has_value || negated) return Unsupported("option method= needs a list of methods");
        for (std::string_view m : SplitView(value, '|')) {
          bool m_negated = m.starts_with('~');
          if (m_negated) m.remove_prefix(1);
          std::string lower = LowerCopy(m);
          auto it = std::find(kMethodNames.begin(), kMethodNames.end(), lower);
          if (it == kMethodNames.end()) return Unsupported("unknown method \"" + std::string(m) + "\"");
          if (f.methods != 0 && m_negated != f.methods_negated) return Unsupported("method= mixes negated and plain methods");
          f.methods_negated = m_negated;
          f.methods |= static_cast<uint8_t>(1u << (it - kMethodNames.begin()));
        }
        continue;
      }
      if (name == "cname" || name == "reason" || name.starts_with('_')) continue;  // no effect on matching
      if (std::find(kUnsupportedOptions.begin(), kUnsupportedOptions.end(), name) != kUnsupportedOptions.end()) {
        return Unsupported("option " + name + " cannot be evaluated on a request");
      }
      return Unsupported("unknown option \"" + std::string(option) + "\"");
    }
  }
  // $generichide, $elemhide, ... switch cosmetic filtering off; with domain= or types they still
  // never except a request (uBlock Origin and Ghostery agree).
  if (cosmetic_only) {
    if (!f.exception) return Unsupported("cosmetic options on a blocking filter");
    out.kind = LineKind::kCosmetic;
    return out;
  }
  if (positive_types != 0) f.types = positive_types;
  f.types = static_cast<uint16_t>(f.types & ~negative_types);
  if (f.types == 0) return Unsupported("the type options exclude every request type");

  // Pattern.
  if (pattern.size() > 2 && pattern.front() == '/' && pattern.back() == '/') {
    f.regex = true;
    f.pattern = std::string(pattern.substr(1, pattern.size() - 2));
  } else {
    if (pattern.starts_with("||")) {
      f.left = LeftAnchor::kHostname;
      pattern.remove_prefix(2);
    } else if (pattern.starts_with('|')) {
      f.left = LeftAnchor::kStart;
      pattern.remove_prefix(1);
    }
    if (pattern.ends_with('|')) {
      f.right_anchor = true;
      pattern.remove_suffix(1);
    }
    // Leading and trailing wildcards add nothing; a leading one also voids the left anchor.
    if (pattern.starts_with('*')) f.left = LeftAnchor::kNone;
    while (pattern.starts_with('*')) pattern.remove_prefix(1);
    if (pattern.ends_with('*')) f.right_anchor = false;
    while (pattern.ends_with('*')) pattern.remove_suffix(1);
    std::string collapsed;
    collapsed.reserve(pattern.size());
    for (char c : pattern) {
      if (c == '*' && !collapsed.empty() && collapsed.back() == '*') continue;
      collapsed += f.match_case ? c : Lower(c);
    }
    if (f.left == LeftAnchor::kHostname) {
      // Hosts are case-insensitive even under match-case.
      for (size_t i = 0; i < collapsed.size() && IsHostChar(Lower(collapsed[i])); ++i) collapsed[i] = Lower(collapsed[i]);
    }
    f.pattern = std::move(collapsed);
    if (f.left == LeftAnchor::kHostname && f.pattern.empty()) return Unsupported("\"||\" without a host");
  }
  if (f.modifier == Modifier::kRedirect && f.exception && f.modifier_value.empty()) f.modifier_value = "*";

  // Badfilter key: everything but the badfilter option, options in a canonical order.
  std::sort(kept_options.begin(), kept_options.end());
  out.badfilter_key = f.exception ? "@@" : "";
  out.badfilter_key += raw_pattern;
  for (size_t i = 0; i < kept_options.size(); ++i) out.badfilter_key += (i == 0 ? "$" : ",") + kept_options[i];
  out.kind = LineKind::kNetwork;
  return out;
}

}  // namespace trackscope::filter
