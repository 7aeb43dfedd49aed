// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
// The sensitive-category lexicon's table is well formed (the matcher itself is tested elsewhere).
#include "classify/sensitive_lexicon.h"

#include <catch2/catch_test_macros.hpp>
#include <cstddef>
#include <set>
#include <string>
#include <string_view>

namespace trackscope {
namespace {

using sensitive_lexicon::kTerms;
using sensitive_lexicon::Term;

constexpr std::string_view kLangs[] = {"*", "de", "en", "es", "fr", "it", "nl"};  // in table order

bool IsWordChar(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

// The index of `lang` in kLangs, or -1.
int LangIndex(std::string_view lang) {
  for (size_t i = 0; i < std::size(kLangs); ++i) {
    if (kLangs[i] == lang) return static_cast<int>(i);
  }
  return -1;
}

TEST_CASE("Sensitive lexicon: every term is folded words with an optional trailing '*'",
          "[classify][sensitive]") {
  for (const Term& t : kTerms) {
    INFO("term \"" << std::string(t.text) << "\"");
    REQUIRE_FALSE(t.text.empty());
    const bool prefix = t.text.back() == '*';
    const std::string_view words = prefix ? t.text.substr(0, t.text.size() - 1) : t.text;
    REQUIRE_FALSE(words.empty());
    CHECK(words.front() != ' ');
    CHECK(words.back() != ' ');
    CHECK(words.find("  ") == std::string_view::npos);
    for (char c : words) CHECK((IsWordChar(c) || c == ' '));
    if (prefix) {
      const size_t last_space = words.rfind(' ');
      const std::string_view stem =
          last_space == std::string_view::npos ? words : words.substr(last_space + 1);
      CHECK(stem.size() >= 4);
      // The matcher looks one-word prefixes up by their first 4..24 characters.
      if (last_space == std::string_view::npos) CHECK(stem.size() <= 24);
    }
  }
}

TEST_CASE("Sensitive lexicon: languages, no duplicates, table order", "[classify][sensitive]") {
  std::set<std::string_view> seen;
  const Term* previous = nullptr;
  for (const Term& t : kTerms) {
    INFO("term \"" << std::string(t.text) << "\" lang \"" << std::string(t.lang) << "\"");
    CHECK(LangIndex(t.lang) >= 0);
    CHECK(seen.insert(t.text).second);
    CHECK(t.category != SensitiveCategory::kPreciseLocation);  // found by shape, not by terms
    if (previous != nullptr) {  // sorted by category, then language ("*" first)
      CHECK(previous->category <= t.category);
      if (previous->category == t.category) CHECK(LangIndex(previous->lang) <= LangIndex(t.lang));
    }
    previous = &t;
  }
}

TEST_CASE("Sensitive lexicon: each language has health and reproductive-health terms",
          "[classify][sensitive]") {
  for (std::string_view lang : {"en", "de", "fr", "es", "it", "nl"}) {
    for (SensitiveCategory category :
         {SensitiveCategory::kHealth, SensitiveCategory::kReproductiveSexualHealth}) {
      INFO("lang " << std::string(lang) << ", category " << static_cast<int>(category));
      size_t count = 0;
      for (const Term& t : kTerms) {
        if (t.lang == lang && t.category == category) ++count;
      }
      CHECK(count > 0);
    }
  }
}

}  // namespace
}  // namespace trackscope
