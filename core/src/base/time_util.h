// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
// Calendar arithmetic without the C library's time zone state (the core has no clock and no I/O).
#ifndef TRACKSCOPE_BASE_TIME_UTIL_H_
#define TRACKSCOPE_BASE_TIME_UTIL_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace trackscope {

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
constexpr int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

// Parses an RFC 3339 / ISO 8601 timestamp: "2026-11-29T05:00:00Z", with optional fractional
// seconds and a "+hh:mm" / "-hh:mm" offset. Returns Unix seconds.
std::optional<double> ParseIso8601(std::string_view text);

// Unix seconds -> "2026-11-29T05:00:00Z" (UTC), with milliseconds when there are any
// ("2026-11-29T05:00:00.250Z"). FormatIso8601(*ParseIso8601(s)) == s for such strings.
std::string FormatIso8601(double unix_seconds);

// A lifetime in words, rounded the way cookie declarations state them:
//   days              words              days              words
//   0.0097 (14 min)   "14 minutes"       80                "3 months"
//   0.5               "12 hours"         365               "1 year"
//   0.999             "1 day"            400 (Chrome cap)  "13 months"
//   45                "45 days"          730               "2 years"
// Below a minute: "less than a minute"; negative (already expired): "expired".
std::string LifetimeWords(double days);

}  // namespace trackscope

#endif  // TRACKSCOPE_BASE_TIME_UTIL_H_
