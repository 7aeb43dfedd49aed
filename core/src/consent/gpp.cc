// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
// IAB Global Privacy Platform strings (__gpp, OTGPPConsent): the header's section ids, the US
// National and state sections, and the embedded US Privacy and TCF sections.
#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "consent/bits.h"
#include "consent/decoders.h"
#include "consent/strings.h"

namespace trackscope {
namespace {

std::string_view GppSectionName(int id) {
  // IAB GPP section ids (Section Information, GPP v1).
  static constexpr std::string_view kNames[] = {
      "", "tcfeuv1", "tcfeuv2", "gpp header", "", "tcfcav1", "uspv1", "usnat", "usca", "usva", "usco", "usut", "usct", "usfl",
      "usmt", "usor", "ustx", "usde", "usia", "usne", "usnh", "usnj", "ustn", "usmn", "usmd", "usin", "usky", "usri"};
  return id >= 0 && id < static_cast<int>(std::size(kNames)) ? kNames[id] : std::string_view();
}

// The US sections of GPP (US National and the state sections). Each starts with a 6-bit version
// and then 2-bit fields (0 = not applicable, 1 = yes / opted out, 2 = no / did not opt out); the
// opt-outs all come before the first variable-length list, so the decoder reads only that far.
// Sections marked `gpc` may carry a second, '.'-separated segment: 2-bit subsection type (1) and
// the 1-bit Gpc flag (the CMP saw the browser's GPC signal). Layouts per the IAB GPP US National
// and state section specifications (checked against IAB's reference encoder, wasm/test).
//
//   "DBABLA~CEQRAAAAAABA.YA"   header (section 7), then usnat: core segment "CEQRAAAAAABA"
//                               = version 2 (000010), sharingNotice 00, saleOptOutNotice 01,
//                               sharingOptOutNotice 00, targetedAdvertisingOptOutNotice 01, ...,
//                               saleOptOut 01, sharingOptOut 00, targetedAdvertisingOptOut 01;
//                               GPC segment "YA" = type 01, Gpc 1
struct UsSectionLayout {
  int id;
  std::array<std::string_view, 9> fields;  // the 2-bit fields after the version, in order; "" ends
  bool gpc;
};

constexpr std::string_view kSharingN = "sharingNotice", kSaleN = "saleOptOutNotice", kSharingOptN = "sharingOptOutNotice",
                           kAdsN = "targetedAdvertisingOptOutNotice", kSensitiveN = "sensitiveDataProcessingOptOutNotice",
                           kLimitN = "sensitiveDataLimitUseNotice", kProcessingN = "processingNotice",
                           kSensitiveOptN = "sensitiveDataOptOutNotice", kSale = "saleOptOut", kSharing = "sharingOptOut",
                           kAds = "targetedAdvertisingOptOut", kMspa = "mspaCoveredTransaction", kMspaMode = "mspaMode";

constexpr UsSectionLayout kUsSections[] = {
    {7, {kSharingN, kSaleN, kSharingOptN, kAdsN, kSensitiveN, kLimitN, kSale, kSharing, kAds}, true},
    {8, {kSaleN, kSharingOptN, kLimitN, kSale, kSharing}, true},
    {9, {kSharingN, kSaleN, kAdsN, kSale, kAds}, false},
    {10, {kSharingN, kSaleN, kAdsN, kSale, kAds}, true},
    {11, {kSharingN, kSaleN, kAdsN, kSensitiveN, kSale, kAds}, false},
    {12, {kSharingN, kSaleN, kAdsN, kSale, kAds}, true},
    {13, {kProcessingN, kSaleN, kAdsN, kSale, kAds}, false},
    {14, {kSharingN, kSaleN, kAdsN, kSale, kAds}, true},
    {15, {kProcessingN, kSaleN, kAdsN, kSale, kAds}, true},
    {16, {kProcessingN, kSaleN, kAdsN, kSale, kAds}, true},
    {17, {kProcessingN, kSaleN, kAdsN, kSale, kAds}, true},
    {18, {kProcessingN, kSaleN, kAdsN, kSensitiveOptN, kSale, kAds}, true},
    {19, {kProcessingN, kSaleN, kAdsN, kSale, kAds}, true},
    {20, {kProcessingN, kSaleN, kAdsN, kSale, kAds}, true},
    {21, {kProcessingN, kSaleN, kAdsN, kSale, kAds}, true},
    {22, {kProcessingN, kSaleN, kAdsN, kSale, kAds}, true},
    {23, {kProcessingN, kSaleN, kAdsN, kSale, kAds}, true},
    {24, {kMspa, kMspaMode, kProcessingN, kSaleN, kAdsN, kSale, kAds}, true},
    {25, {kMspa, kMspaMode, kProcessingN, kSaleN, kAdsN, kSale, kAds}, false},
    {26, {kMspa, kMspaMode, kProcessingN, kSaleN, kAdsN, kSale, kAds}, false},
    {27, {kMspa, kMspaMode, kProcessingN, kSaleN, kAdsN, kSale, kAds}, false},
};
bool IsOptOut(std::string_view field) { return field.ends_with("OptOut"); }

// What the opt-outs of one or more consent records say, gathered across sections.
struct OptOuts {
  std::vector<std::string> opted, not_opted;
  void Add(std::string_view field, uint64_t value) {
    std::string what = field == kSale ? "sale" : field == kSharing ? "sharing" : "targeted advertising";
    if (value == 1) opted.push_back(std::move(what));
    if (value == 2) not_opted.push_back(std::move(what));
  }
  std::optional<bool> OptedOut() const {
    if (!not_opted.empty()) return false;
    if (!opted.empty()) return true;
    return std::nullopt;
  }
};

std::string Join(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& s : items) out += (out.empty() ? "" : ", ") + s;
  return out;
}

// Decodes one US section; on success appends "<name>.<field>" fields and returns its summary.
Result<std::string> DecodeUsSection(const UsSectionLayout& layout, std::string_view name, std::string_view text,
                                    ConsentString& out, OptOuts& all) {
  const size_t dot = text.find('.');
  Result<std::vector<bool>> bits = Base64UrlBits(text.substr(0, dot), "section");
  if (!bits.ok()) return bits.error();
  std::vector<std::string_view> fields;
  for (std::string_view f : layout.fields) {
    if (!f.empty()) fields.push_back(f);
  }
  const size_t needed = 6 + 2 * fields.size();
  if (bits.value().size() < needed) {
    return Error{"", "truncated: " + std::to_string(bits.value().size()) + " bits, the fields need " + std::to_string(needed)};
  }
  BitReader r(std::move(bits).value());
  const uint64_t version = *r.Int(6);
  if (version == 0) return Error{"", "version 0"};
  std::string prefix = std::string(name) + ".";
  out.fields.emplace_back(prefix + "version", std::to_string(version));
  OptOuts here;
  for (std::string_view f : fields) {
    const uint64_t v = *r.Int(2);
    if (v == 3) return Error{"", "field " + std::string(f) + " has the reserved value 3"};
    const bool opt_out = IsOptOut(f);
    std::string_view text_value = v == 0 ? "not-applicable" : v == 1 ? (opt_out ? "opted-out" : "yes") : (opt_out ? "did-not-opt-out" : "no");
    out.fields.emplace_back(prefix + std::string(f), std::string(text_value));
    if (opt_out) {
      here.Add(f, v);
      all.Add(f, v);
    }
  }
  std::string summary = std::string(name) + ": ";
  if (!here.opted.empty()) summary += "opted out of " + Join(here.opted);
  if (!here.not_opted.empty()) summary += std::string(here.opted.empty() ? "" : "; ") + "did not opt out of " + Join(here.not_opted);
  if (here.opted.empty() && here.not_opted.empty()) summary += "no opt-out applies";
  if (layout.gpc && dot != std::string_view::npos) {
    // GPC segment: 2-bit subsection type 1, then the Gpc bit.
    Result<std::vector<bool>> gpc_bits = Base64UrlBits(text.substr(dot + 1), "GPC segment");
    if (!gpc_bits.ok()) return gpc_bits.error();
    BitReader g(std::move(gpc_bits).value());
    std::optional<uint64_t> type = g.Int(2), gpc = g.Int(1);
    if (!type || !gpc || *type != 1) return Error{"", "GPC segment is not subsection type 1 with a Gpc bit"};
    out.fields.emplace_back(prefix + "gpc", *gpc ? "true" : "false");
    out.gpc = out.gpc.value_or(false) || *gpc;
    summary += std::string("; GPC flag ") + (*gpc ? "set" : "not set");
  }
  return summary;
}

}  // namespace

void DecodeGpp(std::string_view v, ConsentString& out) {
  Result<std::vector<int>> ids = GppSectionIds(v);
  if (!ids.ok()) {
    out.summary = "not a GPP string: " + ids.error().message;
    return;
  }
  std::vector<std::string_view> sections;  // the '~'-separated parts after the header
  for (size_t start = v.find('~'); start != std::string_view::npos;) {
    const size_t end = v.find('~', start + 1);
    sections.push_back(v.substr(start + 1, end == std::string_view::npos ? std::string_view::npos : end - start - 1));
    start = end;
  }
  if (sections.size() != ids.value().size()) {
    out.summary = "not a GPP string: the header lists " + std::to_string(ids.value().size()) + " section(s), the string has " +
                  std::to_string(sections.size());
    return;
  }
  std::string id_list, names;
  for (int id : ids.value()) {
    id_list += (id_list.empty() ? "" : ",") + std::to_string(id);
    std::string_view name = GppSectionName(id);
    names += (names.empty() ? "" : ", ") + (name.empty() ? "section " + std::to_string(id) : std::string(name));
  }
  out.fields = {{"sectionIds", id_list}, {"sections", names}};
  std::string summary = ids.value().empty() ? "no sections" : "sections: " + names;
  OptOuts all;
  for (size_t i = 0; i < sections.size(); ++i) {
    const int id = ids.value()[i];
    const std::string_view name = GppSectionName(id);
    Result<std::string> decoded = std::string();
    if (id == 2) {  // TCF EU v2: a TC string, as in the euconsent-v2 cookie
      Result<std::string> tc = DecodeTcString(sections[i], "tcfeuv2.", out);
      decoded = tc.ok() ? Result<std::string>("tcfeuv2: " + tc.value()) : Result<std::string>(tc.error());
    } else if (id == 6) {  // US Privacy, as in the usprivacy cookie
      ConsentString usp;
      DecodeUsPrivacy(sections[i], usp);
      if (!usp.valid) {
        decoded = Error{"", usp.summary};
      } else {
        for (const auto& [k, value] : usp.fields) out.fields.emplace_back("uspv1." + k, value);
        if (usp.opted_out) all.Add(kSale, *usp.opted_out ? 1 : 2);
        decoded = "uspv1: " + usp.summary;
      }
    } else if (auto it = std::find_if(std::begin(kUsSections), std::end(kUsSections), [&](const UsSectionLayout& l) { return l.id == id; });
               it != std::end(kUsSections)) {
      decoded = DecodeUsSection(*it, name, sections[i], out, all);
    }
    if (!decoded.ok()) {
      out.summary = "not a GPP string: section " + (name.empty() ? std::to_string(id) : std::string(name)) + ": " +
                    decoded.error().message;
      return;
    }
    if (!decoded.value().empty()) summary += "; " + decoded.value();
  }
  out.valid = true;
  out.opted_out = all.OptedOut();
  out.summary = std::move(summary);
}

Result<std::vector<int>> GppSectionIds(std::string_view gpp) {
  const std::string_view header = gpp.substr(0, gpp.find('~'));
  if (header.empty()) return Error{"", "empty header"};
  Result<std::vector<bool>> bits = Base64UrlBits(header, "header");
  if (!bits.ok()) return bits.error();
  BitReader r(std::move(bits).value());
  std::optional<uint64_t> type = r.Int(6), version = r.Int(6), count = r.Int(12);
  if (!type || *type != 3) return Error{"", "header type is not 3"};
  if (!version || !count) return Error{"", "header is truncated"};
  std::vector<int> ids;
  uint32_t last = 0;
  for (uint32_t i = 0; i < *count; ++i) {
    std::optional<uint64_t> is_range = r.Int(1);
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

}  // namespace trackscope
