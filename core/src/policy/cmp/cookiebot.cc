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

#include <cctype>

#include "base/strings.h"
#include "trackscope/policy/declaration.h"

namespace trackscope::cmp {
namespace {

// A JavaScript literal of nested arrays of strings (numbers and names are kept as text).
struct Value {
  std::string text;
  std::vector<Value> items;
  bool array = false;
};

class LiteralReader {
 public:
  explicit LiteralReader(std::string_view s) : s_(s) {}
  size_t pos() const { return p_; }

  std::optional<Value> Read(int depth = 0) {
    SkipSpace();
    if (p_ >= s_.size() || depth > 8) return std::nullopt;
    const char c = s_[p_];
    if (c == '[') return Array(depth);
    if (c == '"' || c == '\'') return String(c);
    Value v;  // a number or a name, up to the next delimiter
    while (p_ < s_.size() && s_[p_] != ',' && s_[p_] != ']' && s_[p_] != ';' && s_[p_] != ' ') v.text += s_[p_++];
    if (v.text.empty()) return std::nullopt;
    return v;
  }

 private:
  void SkipSpace() {
    while (p_ < s_.size() && (s_[p_] == ' ' || s_[p_] == '\n' || s_[p_] == '\r' || s_[p_] == '\t')) ++p_;
  }

  std::optional<Value> Array(int depth) {
    Value v;
    v.array = true;
    ++p_;
    SkipSpace();
    if (p_ < s_.size() && s_[p_] == ']') return ++p_, v;
    while (true) {
      std::optional<Value> item = Read(depth + 1);
      if (!item) return std::nullopt;
      v.items.push_back(std::move(*item));
      SkipSpace();
      if (p_ >= s_.size()) return std::nullopt;
      if (s_[p_] == ']') return ++p_, v;
      if (s_[p_] != ',') return std::nullopt;
      ++p_;
    }
  }

  std::optional<Value> String(char quote) {
    Value v;
    ++p_;
    while (p_ < s_.size() && s_[p_] != quote) {
      char c = s_[p_++];
      if (c == '\\' && p_ < s_.size()) {
        c = s_[p_++];
        if (c == 'n') c = '\n';
        if (c == 't') c = '\t';
        if (c == 'u' && p_ + 4 <= s_.size()) {
          unsigned code = 0;
          for (char h : s_.substr(p_, 4)) code = code * 16 + static_cast<unsigned>(std::isxdigit(static_cast<unsigned char>(h)) ? (h <= '9' ? h - '0' : (h | 0x20) - 'a' + 10) : 0);
          p_ += 4;
          AppendUtf8(v.text, code);
          continue;
        }
      }
      v.text += c;
    }
    if (p_ >= s_.size()) return std::nullopt;
    ++p_;
    return v;
  }

  static void AppendUtf8(std::string& out, unsigned code) {
    if (code < 0x80) {
      out += static_cast<char>(code);
    } else if (code < 0x800) {
      out += static_cast<char>(0xC0 | (code >> 6));
      out += static_cast<char>(0x80 | (code & 0x3F));
    } else {
      out += static_cast<char>(0xE0 | (code >> 12));
      out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (code & 0x3F));
    }
  }

  std::string_view s_;
  size_t p_ = 0;
};

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
    const std::string key = std::string(t.name) + " =";
    size_t at = body.find(key);
    if (at == std::string_view::npos) at = body.find(std::string(t.name) + "=");
    if (at == std::string_view::npos) continue;
    LiteralReader reader(body.substr(body.find('=', at) + 1));
    std::optional<Value> table = reader.Read();
    if (!table || !table->array) return Error{std::string(t.name), "not an array literal"};
    ++tables;
    for (size_t i = 0; i < table->items.size(); ++i) {
      const Value& row = table->items[i];
      auto field = [&](size_t k) -> std::string_view { return k < row.items.size() ? std::string_view(row.items[k].text) : ""; };
      if (!row.array || field(0).empty()) continue;
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
