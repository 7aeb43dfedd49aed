// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
// JsonStream: an incremental RFC 8259 validator that copies out routed values (json_stream.h).
//
// One byte at a time through a small state machine; plain string bytes go through a tight loop.
// Bytes of a delivered value are copied in ranges (copy_from_ .. the current byte) rather than one
// by one; a repair flushes the range, rewrites the few bytes it concerns and starts a new range.
#include "base/json_stream.h"

#include <algorithm>
#include <cstdio>

#include "base/strings.h"

namespace trackscope {
namespace {

constexpr size_t kStringCheckBytes = 4096;  // a string this long asks string_limit()

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string Hex2(unsigned v) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02X", v & 0xFF);
  return buf;
}

std::string Hex4(unsigned v) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%04X", v & 0xFFFF);
  return buf;
}

bool IsIdentifier(std::string_view key) {
  if (key.empty() || IsDigit(key[0])) return false;
  for (char c : key) {
    if (!(c == '_' || c == '$' || IsDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) return false;
  }
  return true;
}

}  // namespace

std::string FormatJsonPath(std::span<const JsonPathStep> path) {
  std::string out = "$";
  for (const JsonPathStep& s : path) {
    if (s.is_index) {
      out += "[" + std::to_string(s.index) + "]";
    } else if (IsIdentifier(s.key)) {
      out += "." + s.key;
    } else {
      out += "[\"";
      for (char c : s.key) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
      }
      out += "\"]";
    }
  }
  return out;
}

JsonStream::JsonStream(Router route, Sink sink, StringLimit string_limit)
    : route_(std::move(route)), sink_(std::move(sink)), string_limit_(std::move(string_limit)) {}

bool JsonStream::Fail(std::string message) {
  if (!error_) {
    error_ = Error{FormatJsonPath(path_), "line " + std::to_string(line_) + ", column " +
                                              std::to_string(offset_ - line_start_ + 1) + ": " + std::move(message)};
  }
  return false;
}

void JsonStream::Flush(const char* upto) {
  if (Copying() && upto > copy_from_) piece_.append(copy_from_, static_cast<size_t>(upto - copy_from_));
  copy_from_ = upto;
}

void JsonStream::StartString(bool key) {
  state_ = State::kString;
  string_is_key_ = key;
  string_repaired_ = false;
  string_bytes_ = 0;
  string_cut_ = SIZE_MAX;
  limit_asked_ = false;
  string_cutting_ = false;
  escape_ = 0;
  pending_high_ = 0;
  utf8_need_ = 0;
  if (key) key_.clear();
}

void JsonStream::Repair(std::string_view json_text, std::string_view visible, std::string what) {
  if (Copying()) piece_.append(json_text);
  if (string_is_key_) key_.append(visible);
  if (string_repaired_) return;
  string_repaired_ = true;
  ++repair_count_;
  if (string_is_key_) {
    key_repair_ = std::move(what);  // reported when the whole name is known
  } else if (repairs_.size() < kMaxRepairs) {
    repairs_.push_back({FormatJsonPath(path_), std::move(what)});
  }
}

void JsonStream::RepairSurrogate(uint32_t cu, size_t pos) {
  // "\uD83D" -> "\\uD83D": the escape becomes the six characters it was written with.
  if (Copying() && pos < piece_.size()) piece_.insert(pos, 1, '\\');
  const std::string text = "\\u" + Hex4(cu);
  Repair("", text, "lone UTF-16 surrogate " + text + " kept as that text");
}

bool JsonStream::StartValue(const char* p) {
  const char c = *p;
  if (!frames_.empty() && frames_.back().array) {
    path_.push_back({std::string(), frames_.back().count, true});
    ++frames_.back().count;
  }
  if (!Capturing() && !skipping_) {
    const Route r = route_(path_, c);
    if (r == Route::kDeliver || (r == Route::kDescend && c != '{' && c != '[')) {
      capture_depth_ = frames_.size();
      piece_.clear();
      piece_line_ = line_;
      copy_from_ = p;
    } else if (r == Route::kSkip) {
      skipping_ = true;
      skip_depth_ = frames_.size();
    }
  }
  switch (c) {
    case '{':
    case '[':
      if (frames_.size() >= kMaxDepth) return Fail("nesting deeper than " + std::to_string(kMaxDepth) + " levels");
      frames_.push_back({c == '[', 0});
      state_ = c == '[' ? State::kValue : State::kKeyOrEnd;
      return true;
    case '"':
      StartString(false);
      return true;
    case '-':
      number_state_ = 1;
      state_ = State::kNumber;
      return true;
    case 't':
      literal_ = "true";
      break;
    case 'f':
      literal_ = "false";
      break;
    case 'n':
      literal_ = "null";
      break;
    default: {
      if (IsDigit(c)) {
        number_state_ = c == '0' ? 3 : 2;
        state_ = State::kNumber;
        return true;
      }
      const auto u = static_cast<unsigned char>(c);
      const std::string shown = u < 0x20 || u >= 0x7F ? "byte 0x" + Hex2(u) : std::string("'") + c + "'";
      return Fail("unexpected " + shown + " where a value should start");
    }
  }
  literal_pos_ = 1;
  state_ = State::kLiteral;
  return true;
}

void JsonStream::EndValue() {
  // Callers have flushed the value's bytes.
  if (Capturing() && frames_.size() == capture_depth_) {
    sink_(path_, piece_, piece_line_);
    capture_depth_ = kNotCapturing;
    piece_.clear();
  }
  if (skipping_ && frames_.size() == skip_depth_) skipping_ = false;
  if (!frames_.empty()) path_.pop_back();
  state_ = frames_.empty() ? State::kDone : State::kCommaOrEnd;
}

bool JsonStream::Feed(std::string_view bytes) {
  if (error_) return false;
  const char* p = bytes.data();
  const char* end = p + bytes.size();
  copy_from_ = p;
  if (!Step(p, end)) return false;
  Flush(end);
  if (piece_.size() > kMaxPiece) {
    return Fail("a single value is larger than " + std::to_string(kMaxPiece >> 20) + " MiB, the limit of one value");
  }
  return true;
}

bool JsonStream::Step(const char* p, const char* end) {
  const uint64_t base = offset_;
  const char* const begin = p;
  while (p < end) {
    const char c = *p;
    offset_ = base + static_cast<uint64_t>(p - begin);
    switch (state_) {
      case State::kString: {
        const auto u = static_cast<unsigned char>(c);
        if (string_cutting_ && c != '"') copy_from_ = p + 1;  // past the cut: nothing is kept
        if (escape_ == 0 && utf8_need_ == 0 && pending_high_ == 0 && u >= 0x20 && u < 0x80 && c != '"' && c != '\\') {
          // A run of plain bytes at once, up to the next special byte or the size that matters.
          const bool measured = Capturing() && !string_is_key_;
          size_t stop = SIZE_MAX;
          if (measured && !limit_asked_) stop = kStringCheckBytes;
          if (measured && !string_cutting_ && string_cut_ < stop) stop = string_cut_;
          const char* q = p;
          while (q < end && string_bytes_ + static_cast<size_t>(q - p) < stop) {
            const auto b = static_cast<unsigned char>(*q);
            if (b < 0x20 || b >= 0x80 || b == '"' || b == '\\') break;
            ++q;
          }
          if (q == p) ++q;  // the stop point itself: take this byte
          if (string_is_key_) key_.append(p, static_cast<size_t>(q - p));
          string_bytes_ += static_cast<size_t>(q - p);
          p = q;
          if (string_cutting_) copy_from_ = p;
          if (measured && !limit_asked_ && string_bytes_ >= kStringCheckBytes) {
            limit_asked_ = true;
            string_cut_ = string_limit_ ? std::max(string_limit_(path_), kStringCheckBytes) : SIZE_MAX;
          }
          if (measured && !string_cutting_ && string_bytes_ >= string_cut_) {
            Flush(p);
            string_cutting_ = true;
          }
          continue;
        }
        if (pending_high_ && escape_ == 0 && c != '\\') {
          Flush(p);
          RepairSurrogate(pending_high_, pending_high_pos_);  // followed by a plain character
          pending_high_ = 0;
          continue;  // the same byte, now outside the escape
        }
        ++string_bytes_;
        if (escape_ == 1) {
          escape_ = 0;
          if (c == 'u') {
            escape_ = 2;
            hex_ = 0;
            break;
          }
          if (pending_high_) {
            Flush(p);
            RepairSurrogate(pending_high_, pending_high_pos_);
            pending_high_ = 0;
          }
          char decoded = 0;
          switch (c) {
            case '"': decoded = '"'; break;
            case '\\': decoded = '\\'; break;
            case '/': decoded = '/'; break;
            case 'b': decoded = '\b'; break;
            case 'f': decoded = '\f'; break;
            case 'n': decoded = '\n'; break;
            case 'r': decoded = '\r'; break;
            case 't': decoded = '\t'; break;
            default: return Fail(std::string("invalid escape \\") + (u >= 0x20 && u < 0x7F ? std::string(1, c) : "x" + Hex2(u)) + " in a string");
          }
          if (string_is_key_) key_ += decoded;
          break;
        }
        if (escape_ >= 2) {
          const int v = HexValue(c);
          if (v < 0) return Fail("invalid \\u escape in a string (expected 4 hex digits)");
          hex_ = hex_ * 16 + static_cast<uint32_t>(v);
          if (++escape_ < 6) break;
          escape_ = 0;
          const uint32_t cu = hex_;
          const bool high = cu >= 0xD800 && cu <= 0xDBFF, low = cu >= 0xDC00 && cu <= 0xDFFF;
          Flush(p + 1);
          if (pending_high_ && low) {
            if (string_is_key_) AppendUtf8(key_, 0x10000 + ((pending_high_ - 0xD800) << 10) + (cu - 0xDC00));
            pending_high_ = 0;
            break;
          }
          if (pending_high_) {
            RepairSurrogate(pending_high_, pending_high_pos_);  // followed by another escape
            pending_high_ = 0;
          }
          if (high) {
            pending_high_ = cu;
            pending_high_pos_ = Copying() ? piece_.size() - 6 : SIZE_MAX;
          } else if (low) {
            RepairSurrogate(cu, Copying() ? piece_.size() - 6 : SIZE_MAX);
          } else if (string_is_key_) {
            AppendUtf8(key_, cu);
          }
          break;
        }
        if (utf8_need_ > 0) {
          bool ok = u >= 0x80 && u <= 0xBF;
          if (ok && utf8_seen_ == 0) {
            if (utf8_lead_ == 0xE0) ok = u >= 0xA0;
            if (utf8_lead_ == 0xED) ok = u <= 0x9F;  // UTF-8-encoded surrogates are ill-formed
            if (utf8_lead_ == 0xF0) ok = u >= 0x90;
            if (utf8_lead_ == 0xF4) ok = u <= 0x8F;
          }
          if (ok) {
            utf8_bytes_ += c;
            ++utf8_seen_;
            if (--utf8_need_ == 0 && string_is_key_) key_ += utf8_bytes_;
            break;
          }
          // A broken sequence: its bytes become visible text, and this byte is read afresh.
          Flush(p);
          if (Copying()) piece_.resize(piece_.size() - utf8_bytes_.size());
          std::string json_text, visible;
          for (unsigned char b : utf8_bytes_) {
            json_text += "\\\\x" + Hex2(b);
            visible += "\\x" + Hex2(b);
          }
          Repair(json_text, visible, "invalid UTF-8 " + visible + " kept as that text");
          utf8_need_ = 0;
          --string_bytes_;
          continue;
        }
        if (c == '"') {
          if (string_cutting_) {
            string_cutting_ = false;
            copy_from_ = p;
          }
          if (string_is_key_) {
            path_.push_back({key_, 0, false});
            if (string_repaired_ && repairs_.size() < kMaxRepairs) repairs_.push_back({FormatJsonPath(path_), key_repair_});
            state_ = State::kColon;
          } else {
            Flush(p + 1);
            EndValue();
          }
          break;
        }
        if (c == '\\') {
          escape_ = 1;
          break;
        }
        if (u < 0x20) {
          // A raw control character, which JSON wants escaped: escaped.
          Flush(p);
          Repair("\\u00" + Hex2(u), std::string(1, c), "raw control character U+00" + Hex2(u) + " escaped");
          copy_from_ = p + 1;
          break;
        }
        // Non-ASCII: a UTF-8 lead byte, or a stray byte.
        const int need = u >= 0xC2 && u <= 0xDF ? 1 : u >= 0xE0 && u <= 0xEF ? 2 : u >= 0xF0 && u <= 0xF4 ? 3 : 0;
        if (need == 0) {
          Flush(p);
          Repair("\\\\x" + Hex2(u), "\\x" + Hex2(u), "invalid UTF-8 \\x" + Hex2(u) + " kept as that text");
          copy_from_ = p + 1;
          break;
        }
        utf8_need_ = need;
        utf8_lead_ = u;
        utf8_seen_ = 0;
        utf8_bytes_.assign(1, c);
        break;
      }
      case State::kNumber: {
        int next = -1;  // -1 the number ended before c, -2 malformed, -3 leading zero
        switch (number_state_) {
          case 1: next = c == '0' ? 3 : IsDigit(c) ? 2 : -2; break;
          case 2: next = IsDigit(c) ? 2 : c == '.' ? 4 : (c == 'e' || c == 'E') ? 6 : -1; break;
          case 3: next = IsDigit(c) ? -3 : c == '.' ? 4 : (c == 'e' || c == 'E') ? 6 : -1; break;
          case 4: next = IsDigit(c) ? 5 : -2; break;
          case 5: next = IsDigit(c) ? 5 : (c == 'e' || c == 'E') ? 6 : -1; break;
          case 6: next = (c == '+' || c == '-') ? 7 : IsDigit(c) ? 8 : -2; break;
          case 7: next = IsDigit(c) ? 8 : -2; break;
          case 8: next = IsDigit(c) ? 8 : -1; break;
        }
        if (next == -2) return Fail("malformed number");
        if (next == -3) return Fail("a number may not have leading zeros");
        if (next >= 0) {
          number_state_ = next;
          break;
        }
        Flush(p);
        EndValue();
        continue;  // the byte after the number, read in the new state
      }
      case State::kLiteral:
        if (c != literal_[literal_pos_]) return Fail("invalid literal (expected " + std::string(literal_) + ")");
        if (++literal_pos_ == literal_.size()) {
          Flush(p + 1);
          EndValue();
        }
        break;
      case State::kValue:
        if (IsSpace(c)) break;
        if (c == ']' && !frames_.empty() && frames_.back().array && frames_.back().count == 0) {
          frames_.pop_back();
          Flush(p + 1);
          EndValue();
          break;
        }
        if (!StartValue(p)) return false;
        break;
      case State::kKeyOrEnd:
      case State::kKey:
        if (IsSpace(c)) break;
        if (c == '}' && state_ == State::kKeyOrEnd) {
          frames_.pop_back();
          Flush(p + 1);
          EndValue();
          break;
        }
        if (c != '"') return Fail(state_ == State::kKey ? "expected a member name in double quotes after ','"
                                                        : "expected a member name in double quotes or '}'");
        StartString(true);
        break;
      case State::kColon:
        if (IsSpace(c)) break;
        if (c != ':') return Fail("expected ':' after the member name");
        state_ = State::kValue;
        break;
      case State::kCommaOrEnd: {
        if (IsSpace(c)) break;
        const bool array = frames_.back().array;
        if (c == ',') {
          state_ = array ? State::kValue : State::kKey;
          break;
        }
        if (c == (array ? ']' : '}')) {
          frames_.pop_back();
          Flush(p + 1);
          EndValue();
          break;
        }
        return Fail(array ? "expected ',' or ']' in an array" : "expected ',' or '}' in an object");
      }
      case State::kDone:
        if (IsSpace(c)) break;
        return Fail("unexpected data after the end of the document");
    }
    if (c == '\n') {
      ++line_;
      line_start_ = base + static_cast<uint64_t>(p - begin) + 1;
    }
    ++p;
  }
  offset_ = base + static_cast<uint64_t>(end - begin);
  return true;
}

bool JsonStream::Finish() {
  if (error_) return false;
  if (state_ == State::kNumber && (number_state_ == 2 || number_state_ == 3 || number_state_ == 5 || number_state_ == 8)) {
    EndValue();
  }
  if (state_ == State::kDone) return true;
  if (frames_.empty() && state_ == State::kValue) return Fail("empty document");
  return Fail(state_ == State::kString ? "the document ends inside a string" : "the document ends before its last value is complete");
}

}  // namespace trackscope
