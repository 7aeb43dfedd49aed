// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
// Beacon request parsing: the input split into path, query, body and two cookie values goes
// through ParseParams (form, JSON and GA4-batch bodies, Floodlight path parameters), the pixel
// decoders and the identifier finder with a cookie-value index.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "fuzz_common.h"
#include "trackscope/classify/beacon.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace trackscope;
  std::string_view input(reinterpret_cast<const char*>(data), size);
  // Fields separated by '\x01': path, query, body, cookie value, cookie value.
  const auto fields = fuzz::SplitFields<5>(input);
  const std::vector<Param> params = ParseParams(fields[0], fields[1], fields[2], 64);
  if (params.size() > 64) std::abort();
  const PageCookie cookies[] = {{"a", "shop.example", fields[3], Party::kFirst}, {"b", "x.example", fields[4], Party::kThird}};
  const CookieValueIndex index(cookies);
  for (std::string_view host : {"www.facebook.com", "sgtm.shop.example", "ad.doubleclick.net"}) {
    std::optional<PixelDecode> d = DecodePixel(host, fields[0], params);
    if (d) {
      for (const DecodedParam& p : d->params) {
        if (p.index >= params.size()) std::abort();
      }
    }
    for (const CarriedIdentifier& id : FindIdentifiers(params, d ? &*d : nullptr, &index)) {
      if (id.value.empty()) std::abort();
      if (id.cookie && (id.cookie->cookie > 1 || id.cookie->shared < CookieValueIndex::kMinShared)) std::abort();
      (void)RedactValue(id.value);
    }
  }
  return 0;
}
