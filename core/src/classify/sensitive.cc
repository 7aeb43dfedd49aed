// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
// The sensitive-category classifier (classify/sensitive.h): lexicon index and matcher, coordinates.
#include "trackscope/classify/sensitive.h"

#include <array>
#include <cstdlib>
#include <unordered_map>
#include <vector>

#include "classify/sensitive_lexicon.h"
#include "trackscope/classify/beacon.h"

namespace trackscope {
namespace {

constexpr size_t kMaxText = 4096;
constexpr size_t kMinStem = 4;

// ASCII folds of U+00C0..U+00FF (lower case; "" for ×, ÷).
constexpr std::array<std::string_view, 64> kLatin1 = {
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",   // C0-CF
    "d", "n", "o", "o", "o", "o", "o", "",  "o", "u", "u", "u", "u", "y", "th", "ss",  // D0-DF
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",   // E0-EF
    "d", "n", "o", "o", "o", "o", "o", "",  "o", "u", "u", "u", "u", "y", "th", "y",   // F0-FF
};
// U+0100..U+017F come in upper/lower pairs mostly; their base letters.
constexpr std::string_view kExtendedA =
    "aaaaaa" "cccccccc" "dddd" "eeeeeeeeee" "gggggggg" "hhhh" "iiiiiiiiii" "ii" "jj" "kkk" "llllllllll"
    "nnnnnnnnn" "oooooo" "oo" "rrrrrr" "ssssssss" "tttttt" "uuuuuuuuuuuu" "ww" "yyy" "zzzzzz" "s";
static_assert(kExtendedA.size() == 0x80);

void AppendFolded(uint32_t cp, std::string& out) {
  if (cp < 0x80) {
    const char c = static_cast<char>(cp);
    if (c >= 'A' && c <= 'Z') out += static_cast<char>(c | 0x20);
    else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out += c;
    else out += ' ';
    return;
  }
  if (cp >= 0xC0 && cp <= 0xFF) {
    const std::string_view f = kLatin1[cp - 0xC0];
    out += f.empty() ? " " : f;
    return;
  }
  if (cp == 0x152 || cp == 0x153) {  // Œ œ
    out += "oe";
    return;
  }
  if (cp >= 0x100 && cp < 0x100 + kExtendedA.size()) {
    out += kExtendedA[cp - 0x100];
    return;
  }
  out += ' ';
}

struct Lexicon {
  struct Entry {
    std::vector<std::string_view> words;  // the last may end with '*'
    const sensitive_lexicon::Term* term;
  };
  std::vector<Entry> entries;
  std::unordered_map<std::string_view, std::vector<uint32_t>> by_first;  // first word (exact)
  std::unordered_map<std::string_view, std::vector<uint32_t>> by_stem;   // one-word prefix terms, without '*'

  Lexicon() {
    for (const sensitive_lexicon::Term& t : sensitive_lexicon::kTerms) {
      Entry e{{}, &t};
      std::string_view rest = t.text;
      while (!rest.empty()) {
        const size_t sp = rest.find(' ');
        e.words.push_back(rest.substr(0, sp));
        rest = sp == std::string_view::npos ? std::string_view() : rest.substr(sp + 1);
      }
      if (e.words.empty()) continue;
      const auto index = static_cast<uint32_t>(entries.size());
      std::string_view first = e.words.front();
      if (e.words.size() == 1 && first.ends_with('*')) {
        by_stem[first.substr(0, first.size() - 1)].push_back(index);
      } else {
        by_first[first].push_back(index);
      }
      entries.push_back(std::move(e));
    }
  }
};

const Lexicon& TheLexicon() {
  static const Lexicon lexicon;
  return lexicon;
}

bool WordMatches(std::string_view word, std::string_view pattern) {
  if (pattern.ends_with('*')) return word.size() >= pattern.size() - 1 && word.starts_with(pattern.substr(0, pattern.size() - 1));
  return word == pattern;
}

std::vector<std::string_view> Words(std::string_view text) {
  std::vector<std::string_view> words;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && text[i] == ' ') ++i;
    const size_t begin = i;
    while (i < text.size() && text[i] != ' ') ++i;
    if (i > begin) words.push_back(text.substr(begin, i - begin));
  }
  return words;
}

// The matched words of `e` at `at`, or 0.
size_t MatchAt(const Lexicon::Entry& e, const std::vector<std::string_view>& words, size_t at) {
  if (at + e.words.size() > words.size()) return 0;
  for (size_t k = 0; k < e.words.size(); ++k) {
    if (!WordMatches(words[at + k], e.words[k])) return 0;
  }
  return e.words.size();
}

std::optional<SensitiveMatch> LexiconMatch(const std::string& normalised) {
  const Lexicon& lex = TheLexicon();
  const std::vector<std::string_view> words = Words(normalised);
  for (size_t i = 0; i < words.size(); ++i) {
    const Lexicon::Entry* best = nullptr;
    size_t best_len = 0;
    auto consider = [&](const std::vector<uint32_t>& candidates) {
      for (uint32_t c : candidates) {
        const size_t len = MatchAt(lex.entries[c], words, i);
        if (len > best_len) best = &lex.entries[c], best_len = len;
      }
    };
    if (auto it = lex.by_first.find(words[i]); it != lex.by_first.end()) consider(it->second);
    for (size_t len = kMinStem; len <= words[i].size() && len <= 24; ++len) {
      if (auto it = lex.by_stem.find(words[i].substr(0, len)); it != lex.by_stem.end()) consider(it->second);
    }
    if (!best) continue;
    std::string matched;
    for (size_t k = 0; k < best_len; ++k) matched += (k ? " " : "") + std::string(words[i + k]);
    return SensitiveMatch{best->term->category, std::move(matched), best->term->lang};
  }
  return std::nullopt;
}

// A decimal number with ≥ 3 decimals starting at text[i] (optional '-'); its end, or npos.
size_t Coordinate(std::string_view text, size_t i, double& value) {
  size_t j = i;
  if (j < text.size() && text[j] == '-') ++j;
  const size_t int_begin = j;
  while (j < text.size() && j - int_begin < 4 && text[j] >= '0' && text[j] <= '9') ++j;
  if (j == int_begin || j >= text.size() || text[j] != '.') return std::string_view::npos;
  const size_t frac_begin = ++j;
  while (j < text.size() && text[j] >= '0' && text[j] <= '9') ++j;
  if (j - frac_begin < 3 || j - frac_begin > 12) return std::string_view::npos;
  if (j < text.size() && (text[j] == '.' || (text[j] >= '0' && text[j] <= '9'))) return std::string_view::npos;
  value = std::strtod(std::string(text.substr(i, j - i)).c_str(), nullptr);
  return j;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool NameSaysLatitude(std::string_view before) {
  for (std::string_view n : {"lat=", "latitude=", "lat\":", "latitude\":", "lat:"}) {
    if (before.ends_with(n)) return true;
  }
  return false;
}

// "52.52437,13.41053" (also "; " or ", "), or "lat=52.52437&lng=13.41053" / "latitude=..&longitude=..".
std::optional<SensitiveMatch> CoordinateMatch(std::string_view text) {
  for (size_t i = 0; i < text.size(); ++i) {
    if (i > 0 && (IsDigit(text[i - 1]) || text[i - 1] == '.' || text[i - 1] == '-')) continue;
    if (!IsDigit(text[i]) && text[i] != '-') continue;
    double lat = 0;
    const size_t end = Coordinate(text, i, lat);
    if (end == std::string_view::npos || lat < -90 || lat > 90) continue;
    const bool named = NameSaysLatitude(text.substr(0, i));
    size_t k = end;
    if (named) {
      const size_t amp = text.find('&', end);
      if (amp == std::string_view::npos || amp != end) continue;
      const size_t eq = text.find('=', amp);
      if (eq == std::string_view::npos || eq - amp > 11) continue;
      const std::string_view name = text.substr(amp + 1, eq - amp - 1);
      if (name != "lng" && name != "lon" && name != "long" && name != "longitude") continue;
      k = eq + 1;
    } else {
      if (i > 0 && (text[i - 1] == ',' || text[i - 1] == ';')) continue;  // inside a longer list of numbers
      if (k >= text.size() || (text[k] != ',' && text[k] != ';')) continue;
      ++k;
      if (k < text.size() && text[k] == ' ') ++k;
    }
    double lng = 0;
    const size_t end2 = Coordinate(text, k, lng);
    if (end2 == std::string_view::npos || lng < -180 || lng > 180) continue;
    if (!named && end2 < text.size() && (text[end2] == ',' || text[end2] == ';')) continue;  // a longer list of numbers
    return SensitiveMatch{SensitiveCategory::kPreciseLocation, std::string(text.substr(i, end2 - i)), "*"};
  }
  return std::nullopt;
}

}  // namespace

std::string_view SensitiveCategoryName(SensitiveCategory category) {
  constexpr std::array<std::string_view, 9> kNames = {
      "health", "reproductive-sexual-health", "sexual-orientation", "religion", "political-opinion",
      "ethnicity", "finances", "children", "precise-location"};
  return kNames[static_cast<size_t>(category)];
}

std::string_view SensitiveCategoryLabel(SensitiveCategory category) {
  constexpr std::array<std::string_view, 9> kLabels = {
      "health", "reproductive or sexual health", "sexual orientation", "religion", "political opinion",
      "ethnic origin", "financial situation", "children", "precise location"};
  return kLabels[static_cast<size_t>(category)];
}

std::string NormaliseForLexicon(std::string_view text) {
  const std::string decoded = PercentDecode(text.substr(0, kMaxText), true);
  std::string out;
  out.reserve(decoded.size());
  auto continuation = [&](size_t at) { return at < decoded.size() && (static_cast<unsigned char>(decoded[at]) & 0xC0) == 0x80; };
  for (size_t i = 0; i < decoded.size();) {
    const auto c = static_cast<unsigned char>(decoded[i]);
    uint32_t cp = 0xFFFD;  // invalid or beyond Latin Extended-A: a separator
    size_t len = 1;
    if (c < 0x80) {
      cp = c;
    } else if (c >= 0xC2 && c < 0xE0 && continuation(i + 1)) {
      cp = ((c & 0x1Fu) << 6) | (static_cast<unsigned char>(decoded[i + 1]) & 0x3Fu), len = 2;
    } else if (c >= 0xE0 && c < 0xF0 && continuation(i + 1) && continuation(i + 2)) {
      len = 3;
    } else if (c >= 0xF0 && c < 0xF5 && continuation(i + 1) && continuation(i + 2) && continuation(i + 3)) {
      len = 4;
    }
    AppendFolded(cp, out);
    i += len;
  }
  // One space between words.
  std::string squeezed;
  squeezed.reserve(out.size());
  for (char ch : out) {
    if (ch == ' ' && (squeezed.empty() || squeezed.back() == ' ')) continue;
    squeezed += ch;
  }
  if (!squeezed.empty() && squeezed.back() == ' ') squeezed.pop_back();
  return squeezed;
}

std::optional<SensitiveMatch> FindSensitive(std::string_view text) {
  text = text.substr(0, kMaxText);
  if (std::optional<SensitiveMatch> m = LexiconMatch(NormaliseForLexicon(text))) return m;
  return CoordinateMatch(PercentDecode(text, true));
}

}  // namespace trackscope
