// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
// Consent cookies (US Privacy, IAB GPP with its TCF and US sections, TCF TC strings, OneTrust,
// Cookiebot): the first byte picks the cookie name (the digits 0-6 pick kNames[0..6]; any byte
// picks one), the rest is the value.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "consent/strings.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  static constexpr std::string_view kNames[] = {
      "usprivacy",    "__gpp",        "OTGPPConsent", "OptanonConsent", "OptanonAlertBoxClosed",
      "euconsent-v2", "CookieConsent"};
  const std::string_view name = kNames[static_cast<uint8_t>(data[0] - '0') % std::size(kNames)];
  const std::string_view value(reinterpret_cast<const char*>(data) + 1, size - 1);
  std::optional<trackscope::ConsentString> s = trackscope::DecodeConsentCookie(name, value);
  if (!s) std::abort();  // every name above is a consent cookie
  // A record that does not decode says why and claims nothing.
  if (s->summary.empty()) std::abort();
  if (!s->valid && (!s->fields.empty() || s->opted_out || s->gpc || s->consent_given)) std::abort();
  return 0;
}
