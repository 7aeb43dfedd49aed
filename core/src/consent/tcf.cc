// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
// IAB TCF v2 TC strings (euconsent-v2, eupubconsent-v2, GPP's tcfeuv2 section).
#include <optional>
#include <string>
#include <vector>

#include "consent/bits.h"
#include "consent/decoders.h"
#include "base/time_util.h"

namespace trackscope {
namespace {

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

}  // namespace

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
    out.summary = "not a TCF v2 TC string: " + summary.error().message;
    return;
  }
  out.valid = true;
  out.summary = std::move(summary).value();
}

}  // namespace trackscope
