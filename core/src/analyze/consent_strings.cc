// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
#include "analyze/consent_strings.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>

#include "base/strings.h"
#include "base/time_util.h"

namespace trackscope {
namespace {

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
  if (v[2] != '-') out.opted_out = v[2] == 'Y' || v[2] == 'y';
  out.summary = std::string("notice given: ") + std::string(flag(v[1])) + "; opted out of sale: " + std::string(flag(v[2])) +
                "; covered by the LSPA: " + std::string(flag(v[3]));
}

// --- IAB Global Privacy Platform ---
// GPP encodes the header and every section as base64url text of a bit string, 6 bits a character,
// most significant first (GPP v1, "Base64url encoding").
Result<std::vector<bool>> Base64UrlBits(std::string_view text, std::string_view what) {
  std::vector<bool> bits;
  bits.reserve(text.size() * 6);
  for (char c : text) {
    int v = c >= 'A' && c <= 'Z' ? c - 'A' : c >= 'a' && c <= 'z' ? c - 'a' + 26 : c >= '0' && c <= '9' ? c - '0' + 52
          : c == '-' ? 62 : c == '_' ? 63 : -1;
    if (v < 0) return Error{"", std::string(what) + " character '" + c + "' is not base64url"};
    for (int b = 5; b >= 0; --b) bits.push_back((v >> b) & 1);
  }
  return bits;
}

class BitReader {
 public:
  explicit BitReader(std::vector<bool> bits) : bits_(std::move(bits)) {}
  // The next `width` bits (at most 64) as an unsigned number, most significant first.
  std::optional<uint64_t> Int(int width) {
    if (pos_ + width > bits_.size()) return std::nullopt;
    uint64_t v = 0;
    for (int i = 0; i < width; ++i) v = v << 1 | bits_[pos_++];
    return v;
  }
  size_t remaining() const { return bits_.size() - pos_; }
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

// --- IAB TCF v2 TC string (Transparency and Consent String v2.x, core segment) ---
//   Version 6 | Created 36 | LastUpdated 36 (deciseconds) | CmpId 12 | CmpVersion 12 |
//   ConsentScreen 6 | ConsentLanguage 12 (two letters, A = 0) | VendorListVersion 12 |
//   TcfPolicyVersion 6 | IsServiceSpecific 1 | UseNonStandardTexts 1 | SpecialFeatureOptIns 12 |
//   PurposesConsent 24 | PurposesLITransparency 24 | PurposeOneTreatment 1 | PublisherCC 12 |
//   vendor consents, vendor legitimate interests: MaxVendorId 16, IsRangeEncoding 1, then a bit
//   field of MaxVendorId bits or NumEntries 12 × (IsARange 1, StartOrOnlyVendorId 16[, End 16])
// Later segments ('.'-separated: disclosed vendors, publisher TC) are not read.

std::string IdList(const std::vector<int>& ids, std::string_view separator = ",") {
  std::string out;
  for (int id : ids) out += (out.empty() ? "" : std::string(separator)) + std::to_string(id);
  return out;
}

// The ids (1-based) of the set bits among the next `width` bits.
std::optional<std::vector<int>> BitFieldIds(BitReader& r, int width) {
  std::vector<int> ids;
  for (int i = 1; i <= width; ++i) {
    std::optional<uint64_t> bit = r.Int(1);
    if (!bit) return std::nullopt;
    if (*bit) ids.push_back(i);
  }
  return ids;
}

// A vendor section: how many vendors it lists, or an error.
Result<int> VendorCount(BitReader& r, std::string_view what) {
  std::optional<uint64_t> max = r.Int(16), ranges = r.Int(1);
  if (!max || !ranges) return Error{"", std::string(what) + " truncated"};
  if (!*ranges) {
    std::optional<std::vector<int>> ids = BitFieldIds(r, static_cast<int>(*max));
    if (!ids) return Error{"", std::string(what) + " truncated"};
    return static_cast<int>(ids->size());
  }
  std::optional<uint64_t> entries = r.Int(12);
  if (!entries) return Error{"", std::string(what) + " truncated"};
  int count = 0;
  for (uint64_t i = 0; i < *entries; ++i) {
    std::optional<uint64_t> is_range = r.Int(1), start = r.Int(16);
    if (!is_range || !start) return Error{"", std::string(what) + " truncated"};
    uint64_t end = *start;
    if (*is_range) {
      std::optional<uint64_t> last = r.Int(16);
      if (!last) return Error{"", std::string(what) + " truncated"};
      end = *last;
    }
    if (*start == 0 || end < *start || end > *max) return Error{"", std::string(what) + " has a vendor range outside 1.." + std::to_string(*max)};
    count += static_cast<int>(end - *start + 1);
  }
  return count;
}

// Two letters in 12 bits (A = 0 ... Z = 25), or nullopt.
std::optional<std::string> Letters(uint64_t twelve_bits) {
  std::string out;
  for (int shift : {6, 0}) {
    const uint64_t letter = (twelve_bits >> shift) & 0x3f;
    if (letter > 25) return std::nullopt;
    out += static_cast<char>('A' + letter);
  }
  return out;
}

// Decodes a TC string's core segment; appends "<prefix><field>" fields and returns the summary.
Result<std::string> DecodeTcString(std::string_view text, std::string_view prefix, ConsentString& out) {
  Result<std::vector<bool>> bits = Base64UrlBits(text.substr(0, text.find('.')), "TC string");
  if (!bits.ok()) return bits.error();
  BitReader r(std::move(bits).value());
  constexpr size_t kFixedBits = 6 + 36 + 36 + 12 + 12 + 6 + 12 + 12 + 6 + 1 + 1 + 12 + 24 + 24 + 1 + 12;
  if (r.remaining() < kFixedBits) return Error{"", "truncated: " + std::to_string(r.remaining()) + " bits, the core segment needs " + std::to_string(kFixedBits) + " and more"};
  const uint64_t version = *r.Int(6);
  if (version != 2) return Error{"", "version " + std::to_string(version) + ", not 2"};
  const uint64_t created = *r.Int(36), updated = *r.Int(36), cmp = *r.Int(12), cmp_version = *r.Int(12);
  r.Int(6);  // ConsentScreen
  const std::optional<std::string> language = Letters(*r.Int(12));
  if (!language) return Error{"", "the consent language is not two letters A-Z"};
  const uint64_t vendor_list = *r.Int(12), policy = *r.Int(6), service_specific = *r.Int(1);
  r.Int(1);  // UseNonStandardTexts
  const std::vector<int> special = *BitFieldIds(r, 12), consents = *BitFieldIds(r, 24), interests = *BitFieldIds(r, 24);
  r.Int(1);  // PurposeOneTreatment
  const std::optional<std::string> country = Letters(*r.Int(12));
  if (!country) return Error{"", "the publisher country is not two letters A-Z"};
  Result<int> vendors = VendorCount(r, "vendor consents");
  if (!vendors.ok()) return vendors.error();
  Result<int> li_vendors = VendorCount(r, "vendor legitimate interests");
  if (!li_vendors.ok()) return li_vendors.error();

  const std::string p(prefix);
  const std::string updated_at = FormatIso8601(static_cast<double>(updated) / 10);
  out.fields.insert(out.fields.end(), {{p + "version", "2"},
                                       {p + "cmpId", std::to_string(cmp)},
                                       {p + "cmpVersion", std::to_string(cmp_version)},
                                       {p + "created", FormatIso8601(static_cast<double>(created) / 10)},
                                       {p + "lastUpdated", updated_at},
                                       {p + "consentLanguage", *language},
                                       {p + "vendorListVersion", std::to_string(vendor_list)},
                                       {p + "policyVersion", std::to_string(policy)},
                                       {p + "isServiceSpecific", service_specific ? "true" : "false"},
                                       {p + "publisherCountry", *country},
                                       {p + "specialFeatureOptIns", IdList(special)},
                                       {p + "purposeConsents", IdList(consents)},
                                       {p + "purposeLegitimateInterests", IdList(interests)},
                                       {p + "vendorConsents", std::to_string(vendors.value())},
                                       {p + "vendorLegitimateInterests", std::to_string(li_vendors.value())}});
  const bool given = !consents.empty() || vendors.value() > 0 || !special.empty();
  out.consent_given = out.consent_given.value_or(false) || given;
  std::string summary = "CMP " + std::to_string(cmp) + ", updated " + updated_at + "; ";
  if (!given) {
    summary += "no consent to any purpose or vendor";
  } else {
    summary += "consent to " + (consents.empty() ? std::string("no purpose") : "purposes " + IdList(consents, ", ")) + " and " +
               std::to_string(vendors.value()) + " vendor(s)";
    if (!special.empty()) summary += ", special features " + IdList(special, ", ");
  }
  if (!interests.empty()) summary += "; legitimate interest claimed for purposes " + IdList(interests, ", ");
  return summary;
}

void DecodeTcf(std::string_view v, ConsentString& out) {
  Result<std::string> summary = DecodeTcString(v, "", out);
  if (!summary.ok()) {
    out.fields.clear();
    out.consent_given.reset();
    out.summary = "not a TCF v2 TC string: " + summary.error().message;
    return;
  }
  out.valid = true;
  out.summary = std::move(summary).value();
}

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
      out.fields.clear();
      out.gpc.reset();
      out.consent_given.reset();
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
      if (key == "isGpcEnabled" && (value == "0" || value == "1")) out.gpc = value == "1";
    }
    start = end + 1;
  }
  if (!have_groups) {
    out.fields.clear();
    out.gpc.reset();
    out.summary = "no \"groups\" field: not an OneTrust consent cookie";
    return;
  }
  std::string on, off;
  bool any_beyond_necessary = false;  // a group other than C0001 (strictly necessary) on
  for (size_t start = 0; start < groups.size();) {
    size_t end = groups.find(',', start);
    if (end == std::string::npos) end = groups.size();
    const std::string item = groups.substr(start, end - start);
    const size_t colon = item.find(':');
    if (colon == std::string::npos || (item.substr(colon + 1) != "1" && item.substr(colon + 1) != "0")) {
      out.fields.clear();
      out.gpc.reset();
      out.summary = "group \"" + item + "\" is not ID:1 or ID:0";
      return;
    }
    const std::string id = item.substr(0, colon);
    const bool enabled = item[colon + 1] == '1';
    any_beyond_necessary = any_beyond_necessary || (enabled && id != "C0001");
    out.fields.emplace_back(id, enabled ? "on" : "off");
    std::string_view name = OneTrustGroupName(id);
    std::string& list = enabled ? on : off;
    list += (list.empty() ? "" : ", ") + id + (name.empty() ? "" : " (" + std::string(name) + ")");
    start = end + 1;
  }
  out.valid = true;
  out.consent_given = any_beyond_necessary;
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

// --- Cookiebot ---
// CookieConsent holds a JavaScript-like object, percent-encoded:
//   {stamp:'c2Vz…',necessary:true,preferences:false,statistics:false,marketing:false,
//    method:'explicit',ver:1,utc:1714557600000,region:'de'}
// or "-1" where no consent is asked for (the visitor's region needs none).
void DecodeCookiebot(std::string_view raw, ConsentString& out) {
  const std::string text = PercentDecode(raw);
  if (text == "-1") {
    out.valid = true;
    out.summary = "no consent asked: the visitor's region needs none (-1)";
    return;
  }
  std::string_view body = Trim(text);
  if (body.size() < 2 || body.front() != '{' || body.back() != '}') {
    out.summary = "not a Cookiebot consent record (expected {necessary:true,preferences:…,statistics:…,marketing:…})";
    return;
  }
  body = body.substr(1, body.size() - 2);
  std::vector<std::pair<std::string, std::string>> pairs;
  for (size_t start = 0; start < body.size();) {
    // Values are true/false, numbers or '…' strings (which may hold commas).
    const size_t colon = body.find(':', start);
    if (colon == std::string_view::npos) {
      out.summary = "not a Cookiebot consent record: \"" + std::string(body.substr(start, 40)) + "\" is not key:value";
      return;
    }
    const std::string key(Trim(body.substr(start, colon - start)));
    size_t end;
    std::string value;
    if (colon + 1 < body.size() && body[colon + 1] == '\'') {
      const size_t close = body.find('\'', colon + 2);
      if (close == std::string_view::npos) {
        out.summary = "not a Cookiebot consent record: the value of " + key + " has no closing quote";
        return;
      }
      value = std::string(body.substr(colon + 2, close - colon - 2));
      end = body.find(',', close);
    } else {
      end = body.find(',', colon);
      value = std::string(Trim(body.substr(colon + 1, end == std::string_view::npos ? std::string_view::npos : end - colon - 1)));
    }
    pairs.emplace_back(key, value);
    start = end == std::string_view::npos ? body.size() : end + 1;
  }
  auto find = [&](std::string_view key) -> const std::string* {
    for (const auto& [k, v] : pairs) {
      if (k == key) return &v;
    }
    return nullptr;
  };
  static constexpr std::string_view kCategories[] = {"necessary", "preferences", "statistics", "marketing"};
  std::string accepted, declined;
  bool any = false;
  for (std::string_view category : kCategories) {
    const std::string* v = find(category);
    if (!v || (*v != "true" && *v != "false")) {
      out.fields.clear();
      out.summary = "not a Cookiebot consent record: " + std::string(category) + " is not true or false";
      return;
    }
    out.fields.emplace_back(std::string(category), *v);
    std::string& list = *v == "true" ? accepted : declined;
    list += (list.empty() ? "" : ", ") + std::string(category);
    any = any || (*v == "true" && category != "necessary");
  }
  std::string details;
  if (const std::string* method = find("method")) {
    out.fields.emplace_back("method", *method);
    details = *method;
  }
  if (const std::string* utc = find("utc")) {
    char* end = nullptr;
    const double ms = std::strtod(utc->c_str(), &end);
    if (end && *end == '\0' && !utc->empty() && ms > 0) {
      const std::string at = FormatIso8601(ms / 1000);
      out.fields.emplace_back("given", at);
      details += (details.empty() ? "" : ", ") + at;
    }
  }
  if (const std::string* region = find("region")) {
    out.fields.emplace_back("region", *region);
    details += (details.empty() ? "" : ", ") + std::string("region ") + *region;
  }
  out.valid = true;
  out.consent_given = any;
  out.summary = "accepted: " + (accepted.empty() ? std::string("none") : accepted) + "; declined: " +
                (declined.empty() ? std::string("none") : declined) + (details.empty() ? "" : " (" + details + ")");
}

}  // namespace

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

std::optional<ConsentString> DecodeConsentCookie(std::string_view name, std::string_view value) {
  ConsentString out;
  out.cookie = std::string(name);
  out.value = std::string(value);
  const std::string lower = ToLowerAscii(name);
  if (lower == "usprivacy" || lower == "us_privacy") {
    out.kind = ConsentStringKind::kUsPrivacy;
    DecodeUsPrivacy(value, out);
  } else if (lower == "__gpp" || name == "OTGPPConsent") {
    out.kind = ConsentStringKind::kGpp;
    DecodeGpp(PercentDecode(value), out);
  } else if (name == "euconsent-v2" || name == "eupubconsent-v2") {
    out.kind = ConsentStringKind::kTcf;
    DecodeTcf(value, out);
  } else if (name == "CookieConsent") {
    out.kind = ConsentStringKind::kCookiebot;
    DecodeCookiebot(value, out);
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
