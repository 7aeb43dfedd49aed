// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
//
// The filter engine as the WASM boundary exposes it: strings and integers in, JSON out, nothing
// thrown. Separate from the EMSCRIPTEN_BINDINGS so it builds and is tested natively too.
//
//   FilterEngineBox box;
//   box.AddList("easylist.txt", text);            // any number of lists, then
//   std::string stats = box.Build();              // {"ok":true,"filters":N,"lists":[...],"diagnostics":[...]}
//   int d = box.Match(url, frame_url, type_code); // 0 none, 1 block, 2 exception; type_code: RequestType
//   std::string why = box.LastMatchJson();        // evidence of the last Match
//
// Loading without copies: uint8_t* p = box.PrepareLoad(n); write n bytes to p; box.FinishLoad().
#ifndef TRACKSCOPE_WASM_FILTER_BOX_H_
#define TRACKSCOPE_WASM_FILTER_BOX_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "trackscope/filter/engine.h"

namespace trackscope::wasm {

class FilterEngineBox {
 public:
  void AddList(std::string name, std::string text);
  // Builds from the lists added so far (and forgets them). Returns a JSON summary.
  std::string Build();

  // A buffer of `size` bytes owned by the box, for the caller to fill with a serialised engine.
  uint8_t* PrepareLoad(size_t size);
  // Verifies and adopts the buffer. Returns "" on success, else the reason.
  std::string FinishLoad();

  bool ready() const { return engine_.has_value(); }
  const filter::Engine* engine() const { return engine_ ? &*engine_ : nullptr; }
  // 0 no match, 1 block, 2 exception; -1 when no engine is loaded.
  int Match(std::string_view url, std::string_view frame_url, int type);

  // Scratch buffers for the zero-copy call path: JS encodes the URL and the frame URL straight
  // into them (TextEncoder.encodeInto) and calls trackscope_filter_match with the lengths.
  char* UrlScratch(size_t size);
  char* FrameScratch(size_t size);
  int MatchScratch(size_t url_length, size_t frame_length, int type);
  // {"decision","important","redirect","filter":{list,line,text}|null,"exception":...|null}
  std::string LastMatchJson() const;

  const uint8_t* SerializedData() const;
  size_t SerializedSize() const;

 private:
  std::vector<std::pair<std::string, std::string>> lists_;
  std::optional<filter::Engine> engine_;
  std::vector<uint64_t> load_buffer_;
  size_t load_size_ = 0;
  std::vector<char> url_scratch_, frame_scratch_;
  filter::MatchResult last_;
  std::string last_url_;  // keeps the views of last_ valid
};

}  // namespace trackscope::wasm

#endif  // TRACKSCOPE_WASM_FILTER_BOX_H_
