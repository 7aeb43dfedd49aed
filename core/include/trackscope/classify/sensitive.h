// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
//
// Special categories of data (GDPR Art. 9 and the like) in what a tracker receives: page URLs,
// titles, search terms, product names, events and custom data. A rule-and-lexicon classifier:
// the text is normalised (percent-decoded, lower-cased, Latin accents folded, every character
// that is not a letter or digit a word break) and matched word by word against a lexicon of
// specific terms — named conditions, treatments, tests, services — in English, German, French,
// Spanish, Italian and Dutch (classify/sensitive_lexicon.h). Generic words ("health", "bank",
// "election") are not in it: a news page about an election is not a political opinion.
// Precise location is found by shape: a latitude and a longitude with ≥ 3 decimals.
//
//   text                                                     match
//   https://shop.example/products/in-home-hiv-test-kit       health, "hiv"
//   Test de grossesse – Pharmacie                            reproductive-sexual-health, "test de grossesse"
//   ?q=schuldnerberatung                                     finances, "schuldnerberatung"
//   lat=52.52437&lng=13.41053                                precise-location, "52.52437,13.41053"
//   https://news.example/politics/election-results-2026      none
//   Cancer horoscope for today                               none ("cancer" alone is not a term)
#ifndef TRACKSCOPE_CLASSIFY_SENSITIVE_H_
#define TRACKSCOPE_CLASSIFY_SENSITIVE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace trackscope {

enum class SensitiveCategory : uint8_t {
  kHealth,
  kReproductiveSexualHealth,
  kSexualOrientation,
  kReligion,
  kPoliticalOpinion,
  kEthnicity,
  kFinances,
  kChildren,
  kPreciseLocation,
};
// "health", "reproductive-sexual-health", "sexual-orientation", "religion", "political-opinion",
// "ethnicity", "finances", "children", "precise-location"
std::string_view SensitiveCategoryName(SensitiveCategory category);
// "health", "reproductive or sexual health", "sexual orientation", ... (for sentences)
std::string_view SensitiveCategoryLabel(SensitiveCategory category);

struct SensitiveMatch {
  SensitiveCategory category = SensitiveCategory::kHealth;
  std::string term;   // the lexicon term as matched ("hiv", "diabet*" -> "diabetes"), or the coordinates
  std::string_view lang;  // "en", "de", ..., "*" (several languages)
};

// Words of `text` as the lexicon sees them: percent-decoded ('+' a space), lower-cased, Latin-1
// and Latin Extended-A letters folded to ASCII (é -> e, ß -> ss), every other character a single
// space. "Women%27s Health – Test" -> "women s health test".
std::string NormaliseForLexicon(std::string_view text);

// The first lexicon term (in text order) or coordinate pair found in `text`; nullopt when none.
// Texts longer than 4096 bytes are read up to there.
std::optional<SensitiveMatch> FindSensitive(std::string_view text);

}  // namespace trackscope

#endif  // TRACKSCOPE_CLASSIFY_SENSITIVE_H_
