// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
// Cookiebot's cc.js: the script its loader (uc.js) fetches holds the site's cookie declaration as
// JavaScript array literals, one per category:
//
//   CookieConsentDialog.cookieTableStatistics = [["_ga","shop.example","Registers a unique ID …",
//       "2 years","HTTP","1","","www.shop.example"], …];
//
//   row[0] name ('#' = a run of digits or characters)   row[4] type in words ("HTTP", "HTML", "Pixel")
//   row[1] the domain(s) it lives on, "<br/>"-separated row[5] type id: 1 HTTP cookie, 2 HTML storage, 5 pixel
//   row[2] purpose in words                             row[6] a regular expression for the name, or ""
//   row[3] expiry in words ("Session", "1 year")        row[7] host(s) of the provider (its privacy-policy link)
#include "policy/cmp/readers.h"

#include "base/strings.h"
#include "policy/cmp/js_literal.h"
#include "trackscope/policy/declaration.h"

namespace trackscope::cmp {
namespace {

std::vector<std::string> SplitBreaks(std::string_view text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find("<br/>", start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view part = Trim(text.substr(start, end - start));
    if (!part.empty()) out.emplace_back(part);
    start = end + 5;
  }
  return out;
}

struct Table {
  std::string_view name;
  Purpose purpose;
};
constexpr Table kTables[] = {{"cookieTableNecessary", Purpose::kNecessary},
                             {"cookieTablePreference", Purpose::kFunctional},
                             {"cookieTableStatistics", Purpose::kAnalytics},
                             {"cookieTableAdvertising", Purpose::kAdvertising},
                             {"cookieTableUnclassified", Purpose::kUnclassified}};

}  // namespace

std::optional<Error> ReadCookiebot(std::string_view body, std::vector<Entry>& out) {
  std::vector<Entry> found;
  int tables = 0;
  for (const Table& t : kTables) {
    const std::optional<nlohmann::json> table = FindJsLiteral(body, t.name, nlohmann::json::value_t::array);
    if (!table) continue;
    ++tables;
    for (size_t i = 0; i < table->size(); ++i) {
      const nlohmann::json& row = (*table)[i];
      auto field = [&](size_t k) -> std::string_view {
        return row.is_array() && k < row.size() && row[k].is_string() ? std::string_view(row[k].get_ref<const std::string&>()) : "";
      };
      if (field(0).empty()) continue;
      Entry e;
      e.name = std::string(field(0));
      e.pattern = std::string(field(6));
      e.purpose = t.purpose;
      e.lifetime_days = ParseLifetime(field(3));
      const std::string_view type = field(5);
      e.type = type == "1" ? EntryType::kCookie : type == "5" ? EntryType::kPixel : type.empty() && field(4) == "HTTP" ? EntryType::kCookie : EntryType::kStorage;
      e.domains = SplitBreaks(field(1));
      if (e.domains.empty()) e.domains = SplitBreaks(field(7));
      e.where = std::string(t.name) + "[" + std::to_string(i) + "]";
      found.push_back(std::move(e));
    }
  }
  if (tables == 0) return Error{"", "no Cookiebot cookie table (cookieTableNecessary, …) in the document"};
  out.insert(out.end(), std::make_move_iterator(found.begin()), std::make_move_iterator(found.end()));
  return std::nullopt;
}

}  // namespace trackscope::cmp
