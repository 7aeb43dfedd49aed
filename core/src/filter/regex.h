// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
//
// A small regular-expression engine for /regex/ network filters: the JavaScript syntax subset
// that filter lists use, run as a Pike VM (Thompson NFA simulation), so matching time is linear
// in the URL length whatever the pattern — no catastrophic backtracking, no recursion on input.
//
// Supported: literals and escapes (\/ \. \- \xHH \uHHHH ...), '.', classes [a-z0-9_] [^...] with
// \d \w \s \D \W \S, anchors ^ $ and \b \B, groups (...) and (?:...), alternation |, quantifiers
// * + ? {n} {n,} {n,m} (lazy forms accepted; laziness does not change whether a URL matches).
// Not supported (Compile fails with a reason): backreferences, lookaround, named groups.
//
//   Result<Regex> re = Regex::Compile("^https?:\\/\\/[a-z]{8,}\\.xyz\\/", /*ignore_case=*/true);
//   re.value().Search("https://abcdefgh.xyz/x")  -> true
#ifndef TRACKSCOPE_FILTER_REGEX_H_
#define TRACKSCOPE_FILTER_REGEX_H_

#include <bitset>
#include <cstdint>
#include <string_view>
#include <vector>

#include "trackscope/base/result.h"

namespace trackscope::filter {

class Regex {
 public:
  static Result<Regex> Compile(std::string_view source, bool ignore_case);

  // True if the pattern matches anywhere in `text` (JavaScript RegExp.prototype.test).
  bool Search(std::string_view text) const;

  size_t program_size() const { return program_.size(); }

 private:
  enum class Op : uint8_t { kChar, kAny, kClass, kSplit, kJump, kMatch, kBegin, kEnd, kWordBoundary, kNotWordBoundary };
  struct Inst {
    Op op;
    uint8_t c = 0;
    uint32_t x = 0;  // kClass: class index; kSplit/kJump: target
    uint32_t y = 0;  // kSplit: second target
  };
  friend class RegexCompiler;
  void ComputePrefilter();

  std::vector<Inst> program_;
  std::vector<std::bitset<256>> classes_;
  // Prefilter: the bytes a match can start with (when known), and whether it must start at 0.
  bool anchored_ = false;
  bool has_first_ = false;
  std::bitset<256> first_;
};

}  // namespace trackscope::filter

#endif  // TRACKSCOPE_FILTER_REGEX_H_
