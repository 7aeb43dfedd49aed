// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
#include "base/time_util.h"

#include <algorithm>
#include <cmath>

namespace trackscope {
namespace {

bool ReadDigits(std::string_view s, size_t& p, int count, int& out) {
  out = 0;
  for (int i = 0; i < count; ++i, ++p) {
    if (p >= s.size() || s[p] < '0' || s[p] > '9') return false;
    out = out * 10 + (s[p] - '0');
  }
  return true;
}

bool Expect(std::string_view s, size_t& p, char c) {
  if (p < s.size() && (s[p] == c || (c == 'T' && (s[p] == 't' || s[p] == ' ')))) {
    ++p;
    return true;
  }
  return false;
}

}  // namespace

std::optional<double> ParseIso8601(std::string_view s) {
  size_t p = 0;
  int year, month, day, hour, minute, second;
  if (!ReadDigits(s, p, 4, year) || !Expect(s, p, '-') || !ReadDigits(s, p, 2, month) ||
      !Expect(s, p, '-') || !ReadDigits(s, p, 2, day) || !Expect(s, p, 'T') ||
      !ReadDigits(s, p, 2, hour) || !Expect(s, p, ':') || !ReadDigits(s, p, 2, minute) ||
      !Expect(s, p, ':') || !ReadDigits(s, p, 2, second)) {
    return std::nullopt;
  }
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) {
    return std::nullopt;
  }
  double fraction = 0;
  if (p < s.size() && s[p] == '.') {
    ++p;
    double scale = 0.1;
    size_t start = p;
    while (p < s.size() && s[p] >= '0' && s[p] <= '9') {
      fraction += (s[p] - '0') * scale;
      scale /= 10;
      ++p;
    }
    if (p == start) return std::nullopt;
  }
  int offset_minutes = 0;
  if (p < s.size() && (s[p] == 'Z' || s[p] == 'z')) {
    ++p;
  } else if (p < s.size() && (s[p] == '+' || s[p] == '-')) {
    const int sign = s[p] == '-' ? -1 : 1;
    ++p;
    int oh, om;
    if (!ReadDigits(s, p, 2, oh) || !Expect(s, p, ':') || !ReadDigits(s, p, 2, om)) return std::nullopt;
    offset_minutes = sign * (oh * 60 + om);
  } else {
    return std::nullopt;
  }
  if (p != s.size()) return std::nullopt;
  const int64_t days = DaysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
  const int64_t seconds = days * 86400 + hour * 3600 + minute * 60 + second - offset_minutes * 60;
  return static_cast<double>(seconds) + fraction;
}

std::string LifetimeWords(double days) {
  auto count = [](long n, const char* unit) { return std::to_string(n) + " " + unit + (n == 1 ? "" : "s"); };
  if (!(days >= 0)) return "expired";
  const double minutes = days * 1440;
  if (minutes < 1) return "less than a minute";
  if (std::lround(minutes) < 60) return count(std::lround(minutes), "minute");
  if (std::lround(days * 24) < 24) return count(std::lround(days * 24), "hour");
  if (std::lround(days) < 60) return count(std::max(1L, std::lround(days)), "day");
  const double years = days / 365.25;
  const long whole_years = std::lround(years);
  if (whole_years >= 1 && std::fabs(years - static_cast<double>(whole_years)) <= 0.03 * static_cast<double>(whole_years)) {
    return count(whole_years, "year");
  }
  if (days < 730) return count(std::lround(days / 30.44), "month");
  return count(whole_years, "year");
}

// H. Hinnant's civil_from_days.
std::string FormatIso8601(double unix_seconds) {
  // Years 0000-9999, the range ISO 8601 writes with four digits (also keeps the arithmetic below
  // far from int64 overflow whatever a page wrote).
  constexpr double kMin = -62167219200.0, kMax = 253402300799.999;
  if (!(unix_seconds >= kMin)) unix_seconds = kMin;  // also NaN
  if (unix_seconds > kMax) unix_seconds = kMax;
  int64_t ms = std::llround(unix_seconds * 1000);
  int64_t days = (ms >= 0 ? ms : ms - 86399999) / 86400000;
  int64_t rest = ms - days * 86400000;
  days += 719468;
  const int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const int64_t doe = days - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int64_t day = doy - (153 * mp + 2) / 5 + 1, month = mp < 10 ? mp + 3 : mp - 9;
  const int64_t year = yoe + era * 400 + (month <= 2);
  auto two = [](int64_t v) { return std::string(v < 10 ? "0" : "") + std::to_string(v); };
  std::string y = std::to_string(year);
  y.insert(0, y.size() < 4 ? 4 - y.size() : 0, '0');
  std::string out = y + "-" + two(month) + "-" + two(day) + "T" + two(rest / 3600000) + ":" +
                    two(rest / 60000 % 60) + ":" + two(rest / 1000 % 60);
  if (rest % 1000) out += "." + std::string(rest % 1000 < 100 ? "0" : "") + two(rest % 1000);
  return out + "Z";
}

}  // namespace trackscope
