// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
//
// JsonStream: reads one JSON document pushed in chunks of any size, validates all of it (RFC 8259
// grammar, nesting depth) and hands over, as complete texts, only the values that a route picks —
// so that a 100 MB HAR is read one entry at a time, never as a whole-document DOM.
//
//   document                         route(path, first byte)     what happens
//   {"log": {                        ["log"], '{'          -> kDescend   scanned, not kept
//     "pages": [...],                ["log","pages"], '['  -> kDeliver   sink(["log","pages"], "[...]")
//     "entries": [                   ["log","entries"],'[' -> kDescend
//       {...}, {...}                 ["log","entries",0]   -> kDeliver   sink(..., "{...}") per entry
//   ]}}
//
// A value routed kDescend that turns out to be a scalar is delivered instead (the consumer says
// what it expected). Values routed kSkip are validated and dropped.
//
// Text is repaired, never rejected, where JSON text from the web is commonly broken: inside
// strings, a byte that is not part of well-formed UTF-8 is kept as the visible text `\xE9`, and a
// `\uD800`-style escape of a lone surrogate as the text `\uD800` (lossless: two different broken
// names never become one). Each repaired string is reported once with its JSON path (repairs()).
//
// Limits (errors name them): nesting deeper than kMaxDepth; a delivered value longer than
// kMaxPiece bytes. Strings inside delivered values longer than string_limit(path) bytes are cut
// there (at a character boundary), silently: the consumer chooses what it needs whole.
//
// Example:
//   JsonStream s(route, sink);
//   while (read(chunk)) if (!s.Feed(chunk)) break;
//   if (!s.error()) s.Finish();
//   if (s.error()) report(s.error()->path, s.error()->message);   // "$.log.entries[3]", "line 9, column 4: ..."
#ifndef TRACKSCOPE_BASE_JSON_STREAM_H_
#define TRACKSCOPE_BASE_JSON_STREAM_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "trackscope/base/result.h"

namespace trackscope {

// One step of a JSON path: an object member (key) or an array element (index).
struct JsonPathStep {
  std::string key;      // decoded member name; empty for array elements
  size_t index = 0;     // array index (is_index)
  bool is_index = false;
};

// "$.log.entries[3].request.headers[0].value"; keys that are not identifiers are quoted: $["a b"].
std::string FormatJsonPath(std::span<const JsonPathStep> path);

class JsonStream {
 public:
  static constexpr size_t kMaxDepth = 256;
  static constexpr size_t kMaxPiece = size_t{256} << 20;  // 256 MiB

  enum class Route : uint8_t { kDescend, kDeliver, kSkip };
  // Called as each value starts, with its path and its first byte ('{', '[', '"', '-', digit, 't',
  // 'f', 'n'). Not called for values inside a delivered or skipped value.
  using Router = std::function<Route(std::span<const JsonPathStep> path, char first)>;
  // Receives each delivered value, whole and repaired; `line` (1-based) is where it starts.
  using Sink = std::function<void(std::span<const JsonPathStep> path, std::string_view text, size_t line)>;
  // For a string inside a delivered value that grows past 4 KiB: how many bytes of it to keep.
  using StringLimit = std::function<size_t(std::span<const JsonPathStep> path)>;

  JsonStream(Router route, Sink sink, StringLimit string_limit = nullptr);

  // Reads the next bytes. Returns false once the document is known to be malformed (error()).
  bool Feed(std::string_view bytes);
  // The end of the input: fails when the document is incomplete.
  bool Finish();

  // The first error: path of the value being read, and "line L, column C: what is wrong".
  const std::optional<Error>& error() const { return error_; }
  // Strings that were repaired (see above): path and what was done, in document order. At most
  // kMaxRepairs are listed; repair_count() counts all.
  static constexpr size_t kMaxRepairs = 100;
  const std::vector<Error>& repairs() const { return repairs_; }
  size_t repair_count() const { return repair_count_; }
  uint64_t bytes_read() const { return offset_; }

 private:
  enum class State : uint8_t {
    kValue,           // a value may start (after '[', ':', ',' in an array, or at the top)
    kKeyOrEnd,        // after '{'
    kKey,             // after ',' in an object
    kColon,           // after a member name
    kCommaOrEnd,      // after a value inside a container
    kString,          // inside a string (key or value)
    kNumber,
    kLiteral,         // true / false / null
    kDone,            // after the top-level value
  };
  struct Frame {
    bool array = false;
    size_t count = 0;  // elements started so far (arrays)
  };

  bool Step(const char* p, const char* end);
  bool StartValue(const char* p);
  void EndValue();
  bool Fail(std::string message);
  void Flush(const char* upto);
  void StartString(bool key);
  // Appends `json_text` to the piece (when copying) and `visible` to the member name being read,
  // and reports the string as repaired (once per string).
  void Repair(std::string_view json_text, std::string_view visible, std::string what);
  // The escaped lone surrogate `cu`, copied at pending_high_pos_ / the piece's last 6 bytes,
  // becomes visible text.
  void RepairSurrogate(uint32_t cu, size_t pos);
  bool Capturing() const { return capture_depth_ != kNotCapturing; }
  bool Copying() const { return Capturing() && !string_cutting_; }

  Router route_;
  Sink sink_;
  StringLimit string_limit_;

  State state_ = State::kValue;
  std::vector<Frame> frames_;
  std::vector<JsonPathStep> path_;
  // String state.
  bool string_is_key_ = false;
  std::string key_;            // the member name being read (decoded)
  int escape_ = 0;             // 0 none, 1 after '\', 2..5 hex digits of \u read so far (+2)
  uint32_t hex_ = 0;
  uint32_t pending_high_ = 0;  // a high surrogate escape waiting for its low half
  size_t pending_high_pos_ = 0;  // where its escape starts in piece_ (when copying)
  int utf8_need_ = 0;          // continuation bytes still expected
  unsigned char utf8_lead_ = 0;
  int utf8_seen_ = 0;
  std::string utf8_bytes_;     // the bytes of the sequence being checked
  bool string_repaired_ = false;
  std::string key_repair_;     // what was repaired in the member name being read
  size_t string_bytes_ = 0;    // content bytes of the current string (captured ones)
  size_t string_cut_ = SIZE_MAX;
  bool limit_asked_ = false;
  bool string_cutting_ = false;
  // Number / literal state.
  int number_state_ = 0;
  std::string_view literal_;
  size_t literal_pos_ = 0;
  // Capture of a delivered value.
  static constexpr size_t kNotCapturing = SIZE_MAX;
  size_t capture_depth_ = kNotCapturing;  // frames_.size() when the delivered value started
  bool skipping_ = false;                 // inside a kSkip value (validated, not kept)
  size_t skip_depth_ = 0;
  std::string piece_;
  size_t piece_line_ = 0;
  const char* copy_from_ = nullptr;  // start of the not yet copied part of the current chunk
  // Position.
  uint64_t offset_ = 0;
  size_t line_ = 1;
  uint64_t line_start_ = 0;
  std::optional<Error> error_;
  std::vector<Error> repairs_;
  size_t repair_count_ = 0;
};

}  // namespace trackscope

#endif  // TRACKSCOPE_BASE_JSON_STREAM_H_
