// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
#include "base/time_util.h"

#include <catch2/catch_test_macros.hpp>
#include <limits>
#include <optional>
#include <string_view>

namespace trackscope {
namespace {

TEST_CASE("ParseIso8601", "[base][time]") {
  struct Case {
    std::string_view text;
    std::optional<double> seconds;
  };
  const Case kCases[] = {
      {"1970-01-01T00:00:00Z", 0.0},
      {"2026-11-29T05:00:00Z", 1795928400.0},
      {"2026-11-29T05:00:00.250Z", 1795928400.25},
      {"2026-11-29T06:00:00+01:00", 1795928400.0},
      {"2000-02-29T00:00:00Z", 951782400.0},
      {"2026-11-29 05:00:00Z", 1795928400.0},
      {"2026-11-29T05:00:00", std::nullopt},
      {"2026-13-01T00:00:00Z", std::nullopt},
      {"26-11-29T05:00:00Z", std::nullopt},
      {"2026-11-29T05:00:00Zjunk", std::nullopt},
      {"", std::nullopt},
  };
  for (const Case& c : kCases) {
    CAPTURE(c.text);
    CHECK(ParseIso8601(c.text) == c.seconds);
  }
}

TEST_CASE("FormatIso8601", "[base][time]") {
  CHECK(FormatIso8601(0) == "1970-01-01T00:00:00Z");
  CHECK(FormatIso8601(1795928400) == "2026-11-29T05:00:00Z");
  CHECK(FormatIso8601(1795928400.25) == "2026-11-29T05:00:00.250Z");
  CHECK(FormatIso8601(1795928400.007) == "2026-11-29T05:00:00.007Z");
  CHECK(FormatIso8601(951782400) == "2000-02-29T00:00:00Z");
  CHECK(FormatIso8601(-1) == "1969-12-31T23:59:59Z");
  for (std::string_view s : {"2026-11-29T05:00:00Z", "2024-12-31T23:59:59.999Z", "2100-03-01T00:00:00Z"}) {
    CAPTURE(s);
    CHECK(FormatIso8601(*ParseIso8601(s)) == s);
  }
  // Out of the four-digit years (a page's cookie can say anything): clamped, never overflowing.
  CHECK(FormatIso8601(1.3333e22) == "9999-12-31T23:59:59.999Z");
  CHECK(FormatIso8601(-9.2e18) == "0000-01-01T00:00:00Z");
  CHECK(FormatIso8601(std::numeric_limits<double>::quiet_NaN()) == "0000-01-01T00:00:00Z");
  CHECK(FormatIso8601(std::numeric_limits<double>::infinity()) == "9999-12-31T23:59:59.999Z");
}

}  // namespace
}  // namespace trackscope
