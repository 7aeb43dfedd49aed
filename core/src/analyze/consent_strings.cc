// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
#include "analyze/consent_strings.h"

#include <cstdint>
#include <string>

#include "base/time_util.h"

namespace trackscope {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c | 0x20 : c);
  return out;
}

std::string PercentDecode(std::string_view s) {
  auto hex = [](char c) { return c >= '0' && c <= '9' ? c - '0' : (c | 0x20) >= 'a' && (c | 0x20) <= 'f' ? (c | 0x20) - 'a' + 10 : -1; };
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && hex(s[i + 1]) >= 0 && hex(s[i + 2]) >= 0) {
      out += static_cast<char>(hex(s[i + 1]) * 16 + hex(s[i + 2]));
      i += 2;
    } else {
      out += s[i] == '+' ? ' ' : s[i];
    }
  }
  return out;
}

// --- US Privacy string (IAB CCPA Compliance Framework, "US Privacy String" v1) ---
//   char 0 version "1"; then Y / N / - for: explicit notice given, opted out of sale, LSPA covered.
void DecodeUsPrivacy(std::string_view v, ConsentString& out) {
  auto flag = [](char c) -> std::string_view { return c == 'Y' || c == 'y' ? "yes" : c == 'N' || c == 'n' ? "no" : "not-applicable"; };
  auto ok = [](char c) { return c == 'Y' || c == 'N' || c == 'y' || c == 'n' || c == '-'; };
  if (v.size() != 4 || v[0] != '1' || !ok(v[1]) || !ok(v[2]) || !ok(v[3])) {
    out.summary = "not a US Privacy string (expected version 1 and three of Y, N or -, like \"1YNN\")";
    return;
  }
  out.valid = true;
  out.fields = {{"version", "1"}, {"notice", std::string(flag(v[1]))}, {"optOutSale", std::string(flag(v[2]))},
                {"lspa", std::string(flag(v[3]))}};
  if (v.substr(1) == "---") {
    out.summary = "CCPA does not apply";
    return;
  }
  out.summary = std::string("notice given: ") + std::string(flag(v[1])) + "; opted out of sale: " + std::string(flag(v[2])) +
                "; covered by the LSPA: " + std::string(flag(v[3]));
}

// --- IAB Global Privacy Platform ---
class BitReader {
 public:
  explicit BitReader(std::vector<bool> bits) : bits_(std::move(bits)) {}
  std::optional<uint32_t> Int(int width) {
    if (pos_ + width > bits_.size()) return std::nullopt;
    uint32_t v = 0;
    for (int i = 0; i < width; ++i) v = v << 1 | bits_[pos_++];
    return v;
  }
  // Fibonacci coding: bit i (from the first) stands for F(i+2) = 1, 2, 3, 5, ...; "11" ends it.
  std::optional<uint32_t> Fibonacci() {
    uint64_t value = 0, f = 1, g = 2;  // current and next Fibonacci number
    bool prev = false;
    for (int i = 0; pos_ < bits_.size() && i < 45; ++i) {
      const bool bit = bits_[pos_++];
      if (bit && prev) return static_cast<uint32_t>(value);
      if (bit) value += f;
      prev = bit;
      const uint64_t next = f + g;
      f = g, g = next;
    }
    return std::nullopt;
  }

 private:
  std::vector<bool> bits_;
  size_t pos_ = 0;
};

std::string_view GppSectionName(int id) {
  // IAB GPP section ids (Section Information, GPP v1).
  static constexpr std::string_view kNames[] = {"", "tcfeuv1", "tcfeuv2", "gpp header", "", "tcfcav1", "uspv1",
                                                "usnat", "usca", "usva", "usco", "usut", "usct", "usfl", "usmt",
                                                "usor", "ustx", "usde", "usia", "usne", "usnh", "usnj", "ustn", "usmn"};
  return id >= 0 && id < static_cast<int>(std::size(kNames)) ? kNames[id] : std::string_view();
}

void DecodeGpp(std::string_view v, ConsentString& out) {
  Result<std::vector<int>> ids = GppSectionIds(v);
  if (!ids.ok()) {
    out.summary = "not a GPP string: " + ids.error().message;
    return;
  }
  out.valid = true;
  std::string id_list, names;
  for (int id : ids.value()) {
    id_list += (id_list.empty() ? "" : ",") + std::to_string(id);
    std::string_view name = GppSectionName(id);
    names += (names.empty() ? "" : ", ") + (name.empty() ? "section " + std::to_string(id) : std::string(name));
  }
  out.fields = {{"sectionIds", id_list}, {"sections", names}};
  out.summary = ids.value().empty() ? "no sections" : "sections: " + names;
}

// --- OneTrust ---
std::string_view OneTrustGroupName(std::string_view id) {
  // OneTrust's default category ids.
  if (id == "C0001") return "strictly necessary";
  if (id == "C0002") return "performance";
  if (id == "C0003") return "functional";
  if (id == "C0004") return "targeting";
  if (id == "C0005") return "social media";
  return {};
}

void DecodeOptanonConsent(std::string_view v, ConsentString& out) {
  std::string groups;
  bool have_groups = false;
  for (size_t start = 0; start <= v.size();) {
    size_t end = v.find('&', start);
    if (end == std::string_view::npos) end = v.size();
    std::string_view pair = v.substr(start, end - start);
    const size_t eq = pair.find('=');
    const std::string key = PercentDecode(pair.substr(0, eq));
    const std::string value = eq == std::string_view::npos ? "" : PercentDecode(pair.substr(eq + 1));
    if (key == "groups") {
      groups = value;
      have_groups = true;
    } else if (key == "isGpcEnabled" || key == "interactionCount" || key == "datestamp") {
      out.fields.emplace_back(key, value);
    }
    start = end + 1;
  }
  if (!have_groups) {
    out.summary = "no \"groups\" field: not an OneTrust consent cookie";
    return;
  }
  std::string on, off;
  for (size_t start = 0; start < groups.size();) {
    size_t end = groups.find(',', start);
    if (end == std::string::npos) end = groups.size();
    const std::string item = groups.substr(start, end - start);
    const size_t colon = item.find(':');
    if (colon == std::string::npos || (item.substr(colon + 1) != "1" && item.substr(colon + 1) != "0")) {
      out.fields.clear();
      out.summary = "group \"" + item + "\" is not ID:1 or ID:0";
      return;
    }
    const std::string id = item.substr(0, colon);
    const bool enabled = item[colon + 1] == '1';
    out.fields.emplace_back(id, enabled ? "on" : "off");
    std::string_view name = OneTrustGroupName(id);
    std::string& list = enabled ? on : off;
    list += (list.empty() ? "" : ", ") + id + (name.empty() ? "" : " (" + std::string(name) + ")");
    start = end + 1;
  }
  out.valid = true;
  out.summary = "on: " + (on.empty() ? std::string("none") : on) + "; off: " + (off.empty() ? std::string("none") : off);
}

void DecodeOptanonAlertBoxClosed(std::string_view v, ConsentString& out) {
  const std::string text = PercentDecode(v);
  if (!ParseIso8601(text)) {
    out.summary = "not a time: the banner's closing time is unknown";
    return;
  }
  out.valid = true;
  out.fields = {{"closedAt", text}};
  out.summary = "consent banner closed at " + text;
}

}  // namespace

Result<std::vector<int>> GppSectionIds(std::string_view gpp) {
  const std::string_view header = gpp.substr(0, gpp.find('~'));
  if (header.empty()) return Error{"", "empty header"};
  std::vector<bool> bits;
  for (char c : header) {
    int v = c >= 'A' && c <= 'Z' ? c - 'A' : c >= 'a' && c <= 'z' ? c - 'a' + 26 : c >= '0' && c <= '9' ? c - '0' + 52
          : c == '-' ? 62 : c == '_' ? 63 : -1;
    if (v < 0) return Error{"", std::string("header character '") + c + "' is not base64url"};
    for (int b = 5; b >= 0; --b) bits.push_back((v >> b) & 1);
  }
  BitReader r(std::move(bits));
  std::optional<uint32_t> type = r.Int(6), version = r.Int(6), count = r.Int(12);
  if (!type || *type != 3) return Error{"", "header type is not 3"};
  if (!version || !count) return Error{"", "header is truncated"};
  std::vector<int> ids;
  uint32_t last = 0;
  for (uint32_t i = 0; i < *count; ++i) {
    std::optional<uint32_t> is_range = r.Int(1);
    std::optional<uint32_t> start = r.Fibonacci();
    if (!is_range || !start) return Error{"", "section id list is truncated"};
    uint32_t first = last + *start, end = first;
    if (*is_range) {
      std::optional<uint32_t> span = r.Fibonacci();
      if (!span) return Error{"", "section id range is truncated"};
      end = first + *span;
    }
    if (end > 1000) return Error{"", "section id out of range"};
    for (uint32_t id = first; id <= end; ++id) ids.push_back(static_cast<int>(id));
    last = end;
  }
  return ids;
}

std::optional<ConsentString> DecodeConsentCookie(std::string_view name, std::string_view value) {
  ConsentString out;
  out.cookie = std::string(name);
  out.value = std::string(value);
  const std::string lower = Lower(name);
  if (lower == "usprivacy" || lower == "us_privacy") {
    out.kind = ConsentStringKind::kUsPrivacy;
    DecodeUsPrivacy(value, out);
  } else if (lower == "__gpp") {
    out.kind = ConsentStringKind::kGpp;
    DecodeGpp(PercentDecode(value), out);
  } else if (name == "OptanonConsent") {
    out.kind = ConsentStringKind::kOneTrust;
    DecodeOptanonConsent(value, out);
  } else if (name == "OptanonAlertBoxClosed") {
    out.kind = ConsentStringKind::kOneTrustAlertClosed;
    DecodeOptanonAlertBoxClosed(value, out);
  } else {
    return std::nullopt;
  }
  return out;
}

}  // namespace trackscope
