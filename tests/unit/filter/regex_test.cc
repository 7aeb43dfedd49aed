// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
#include "filter/regex.h"

#include <catch2/catch_test_macros.hpp>
#include <string>
#include <string_view>

namespace trackscope::filter {
namespace {

TEST_CASE("Regex: JavaScript subset used by filter lists", "[filter][regex]") {
  struct Case {
    std::string_view re, text;
    bool icase, match;
  };
  const Case kCases[] = {
      {"abc", "xxabcxx", false, true},
      {"^abc", "xxabc", false, false},
      {"abc$", "xxabc", false, true},
      {"a.c", "abc", false, true},
      {"a\\.c", "abc", false, false},
      {"a\\.c", "a.c", false, true},
      {"[0-9a-f]{4}", "x12ab", false, true},
      {"[0-9a-f]{4}", "x12g", false, false},
      {"[^a-z]+$", "abc123", false, true},
      {"\\d{3}-\\d{2}", "tel 123-45", false, true},
      {"\\w+@\\w+", "me@host", false, true},
      {"\\s", "nospace", false, false},
      {"(ab|cd)+e", "xcdabe", false, true},
      {"(?:ab|cd){2}e", "abe", false, false},
      {"colou?r", "color", false, true},
      {"a{2,}", "caab", false, true},
      {"a{2,3}b", "ab", false, false},
      {"x*", "", false, true},
      {"\\/ads\\/", "https://a/ads/", false, true},
      {"ABC", "abc", true, true},
      {"ABC", "abc", false, false},
      {"[A-Z]{3}", "abc", true, true},
      {"\\bads\\b", "my ads here", false, true},
      {"\\bads\\b", "myads", false, false},
      {"a{b", "a{b", false, true},
      {"\\x41", "A", false, true},
      {"(https?:\\/\\/)104\\.154\\..{10,}", "https://104.154.1.2/0123456789", false, true},
      {"(https?:\\/\\/)104\\.154\\..{10,}", "https://104.154.1/", false, false},
  };
  for (const Case& c : kCases) {
    CAPTURE(c.re, c.text, c.icase);
    Result<Regex> re = Regex::Compile(c.re, c.icase);
    REQUIRE(re.ok());
    CHECK(re.value().Search(c.text) == c.match);
  }
}

TEST_CASE("Regex: unsupported syntax is rejected with a reason", "[filter][regex]") {
  struct Case {
    std::string_view re, message_part;
  };
  const Case kCases[] = {
      {"(?=x)", "lookaround"},   {"(?!x)", "lookaround"},   {"(?<n>x)", "named groups"},
      {"(a)\\1", "backreferences"}, {"[abc", "unterminated"}, {"(ab", "missing ')'"},
      {"ab)", "unbalanced"},     {"*a", "nothing to repeat"}, {"a{3,1}", "m < n"},
      {"[z-a]", "out of order"}, {"a\\", "trailing backslash"}, {"a{5000}", "above 1000"},
      {"((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((a))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))", "nested"},
  };
  for (const Case& c : kCases) {
    CAPTURE(c.re);
    Result<Regex> re = Regex::Compile(c.re, false);
    REQUIRE_FALSE(re.ok());
    CHECK(re.error().message.find(c.message_part) != std::string::npos);
  }
}

TEST_CASE("Regex: linear time on adversarial input", "[filter][regex]") {
  // (a*)*b on a long run of 'a' takes exponential time in backtracking engines.
  Result<Regex> re = Regex::Compile("(a*)*b", false);
  REQUIRE(re.ok());
  CHECK_FALSE(re.value().Search(std::string(20000, 'a')));
  CHECK(Regex::Compile("(x{1000}){1000}", false).ok() == false);  // program size bound
}

}  // namespace
}  // namespace trackscope::filter

namespace trackscope::filter {
namespace {

TEST_CASE("Regex: searches share per-thread buffers without leaking state", "[filter][regex]") {
  // A long search with a large program, then short ones: stale marks must not hide threads.
  Result<Regex> big = Regex::Compile("(a|b){20,40}c", false);
  Result<Regex> empty_ok = Regex::Compile("x*", false);
  Result<Regex> literal = Regex::Compile("^ab", false);
  REQUIRE(big.ok());
  REQUIRE(empty_ok.ok());
  REQUIRE(literal.ok());
  CHECK_FALSE(big.value().Search(std::string(5000, 'a')));
  CHECK(empty_ok.value().Search(""));
  CHECK(literal.value().Search("abz"));
  CHECK_FALSE(literal.value().Search("zab"));  // anchored: the first-byte prefilter
  CHECK(big.value().Search(std::string(30, 'b') + "c"));
}

}  // namespace
}  // namespace trackscope::filter
