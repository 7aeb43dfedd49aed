// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
// URLs and hosts: parse, canonicalise, look up public suffixes, sites and vendors.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "trackscope/url/host.h"
#include "trackscope/url/registry.h"
#include "trackscope/url/url.h"
#include "trackscope/vendor/vendor.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  auto url = trackscope::Url::Parse(input);
  if (url.ok()) {
    std::string_view host = url.value().host();
    std::string_view suffix = trackscope::PublicSuffix(host);
    std::string_view domain = trackscope::RegistrableDomain(host);
    // Invariants: both are suffixes of the host; the domain is one label longer than the suffix.
    if (host.substr(host.size() - suffix.size()) != suffix) std::abort();
    if (!domain.empty() && (domain.size() <= suffix.size() || host.substr(host.size() - domain.size()) != domain)) std::abort();
    (void)trackscope::LookupVendor(host);
    // Canonical output parses to itself.
    auto again = trackscope::Url::Parse(url.value().spec());
    if (!again.ok() || again.value().spec() != url.value().spec()) std::abort();
  }
  auto host = trackscope::CanonicalizeHost(input);
  if (host.ok()) {
    auto again = trackscope::CanonicalizeHost(host.value().text);
    if (!again.ok() || again.value().text != host.value().text) std::abort();
    (void)trackscope::SiteOf(host.value().text);
  }
  return 0;
}
