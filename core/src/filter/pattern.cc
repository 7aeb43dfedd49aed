// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
#include "filter/pattern.h"

namespace trackscope::filter {
namespace {

// Matches `seg` (no '*') at url[pos]; returns the end position or npos.
size_t MatchSegmentAt(std::string_view seg, std::string_view url, size_t pos) {
  for (char pc : seg) {
    if (pc == '^') {
      if (pos == url.size()) continue;  // '^' also matches the end of the URL
      if (!IsSeparator(static_cast<unsigned char>(url[pos]))) return std::string_view::npos;
      ++pos;
    } else {
      if (pos >= url.size() || url[pos] != pc) return std::string_view::npos;
      ++pos;
    }
  }
  return pos;
}

// First position >= from where `seg` matches; returns its end, or npos.
size_t FindSegment(std::string_view seg, std::string_view url, size_t from, size_t* start_out) {
  if (seg.empty()) {
    *start_out = from;
    return from;
  }
  const char first = seg[0];
  for (size_t p = from; p <= url.size(); ++p) {
    if (first != '^') {
      size_t hit = url.find(first, p);
      if (hit == std::string_view::npos) return std::string_view::npos;
      p = hit;
    }
    size_t end = MatchSegmentAt(seg, url, p);
    if (end != std::string_view::npos) {
      *start_out = p;
      return end;
    }
  }
  return std::string_view::npos;
}

// Matches the segments after the first ('*'-separated), from `pos`.
bool MatchRest(std::string_view rest, bool right_anchor, std::string_view url, size_t pos) {
  while (true) {
    if (rest.empty()) return !right_anchor || pos == url.size();
    size_t star = rest.find('*');
    std::string_view seg = rest.substr(0, star);
    if (star == std::string_view::npos) {
      // Last segment.
      if (!right_anchor) {
        size_t start;
        return FindSegment(seg, url, pos, &start) != std::string_view::npos;
      }
      // Must end at the URL's end: try each start from the latest possible backwards.
      for (size_t p = url.size() + 1; p-- > pos;) {
        size_t end = MatchSegmentAt(seg, url, p);
        if (end == url.size()) return true;
        if (p == 0) break;
      }
      return false;
    }
    size_t start;
    size_t end = FindSegment(seg, url, pos, &start);
    if (end == std::string_view::npos) return false;
    pos = end;
    rest.remove_prefix(star + 1);
  }
}

}  // namespace

bool MatchPattern(std::string_view pattern, LeftAnchor left, bool right_anchor, std::string_view url,
                  size_t host_begin, size_t host_end) {
  size_t star = pattern.find('*');
  std::string_view first = pattern.substr(0, star);
  std::string_view rest = star == std::string_view::npos ? std::string_view() : pattern.substr(star + 1);
  const bool single = star == std::string_view::npos;

  auto try_at = [&](size_t p) {
    size_t end = MatchSegmentAt(first, url, p);
    if (end == std::string_view::npos) return false;
    if (single) return !right_anchor || end == url.size();
    return MatchRest(rest, right_anchor, url, end);
  };

  switch (left) {
    case LeftAnchor::kStart:
      return try_at(0);
    case LeftAnchor::kHostname:
      for (size_t p = host_begin; p < host_end; ++p) {
        if ((p == host_begin || url[p - 1] == '.') && try_at(p)) return true;
      }
      return false;
    case LeftAnchor::kNone:
      break;
  }
  if (single && !right_anchor) {
    size_t start;
    return FindSegment(first, url, 0, &start) != std::string_view::npos;
  }
  if (first.empty()) return MatchRest(rest, right_anchor, url, 0);
  for (size_t p = 0; p <= url.size();) {
    size_t start;
    size_t end = FindSegment(first, url, p, &start);
    if (end == std::string_view::npos) return false;
    if (single ? end == url.size() : MatchRest(rest, right_anchor, url, end)) return true;
    p = start + 1;
  }
  return false;
}

}  // namespace trackscope::filter
