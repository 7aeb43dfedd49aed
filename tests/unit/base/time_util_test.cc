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

TEST_CASE("LifetimeWords rounds as cookie declarations do", "[base][time]") {
  struct Case {
    double days;
    std::string_view words;
  };
  const Case kCases[] = {
      {14.0 / 1440, "14 minutes"}, {1.0 / 1440, "1 minute"},   {0.2 / 1440, "less than a minute"},
      {59.6 / 1440, "1 hour"},     {1.0 / 24, "1 hour"},       {0.5, "12 hours"},
      {0.999, "1 day"},            {1, "1 day"},               {1.5, "2 days"},
      {45, "45 days"},             {59.4, "59 days"},          {80, "3 months"},
      {180, "6 months"},           {364, "1 year"},            {365, "1 year"},
      {390, "13 months"},          {400, "13 months"},         {730, "2 years"},
      {3650, "10 years"},          {-1, "expired"},
  };
  for (const Case& c : kCases) {
    CAPTURE(c.days);
    CHECK(LifetimeWords(c.days) == c.words);
  }
}

}  // namespace
}  // namespace trackscope
