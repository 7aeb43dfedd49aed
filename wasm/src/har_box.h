// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
//
// A HAR import as the WASM boundary exposes it (trackscope/capture/har.h): bytes pushed in chunks
// through a scratch buffer, JSON envelopes out, nothing thrown. Separate from the
// EMSCRIPTEN_BINDINGS so it builds and is tested natively too.
//
//   HarImportBox box;
//   uint8_t* p = box.Scratch(n); write n bytes of the file to p; box.Feed(n);   // repeat
//   box.Finish()      -> {"ok":true,"creator","entries","pages":[{"id","title","url","entries","requests","cookies"}],
//                         "warnings":[{"path","message"}]}  |  {"ok":false,"error":{"path","message"}}
//   box.Analyze(i, options_json, filters, write)  -> "" and the report JSON in pieces through
//                        write(piece), or the error envelope (as AnalyzeEnvelope's)
//   box.CaptureJson(i) -> {"ok":true,"capture":{...},"warnings":[...]}: page i as a Capture
//   box.Release(i)     frees page i (its capture is no longer needed)
//
// Memory: the scratch buffer holds one chunk; the import keeps each entry in compact form; a
// page's report exists only while Analyze() writes it.
#ifndef TRACKSCOPE_WASM_HAR_BOX_H_
#define TRACKSCOPE_WASM_HAR_BOX_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "trackscope/capture/har.h"
#include "trackscope/filter/engine.h"

namespace trackscope::wasm {

class HarImportBox {
 public:
  uint8_t* Scratch(size_t size);
  // Reads the first `size` bytes of the scratch buffer. False once the file is known to be bad.
  bool Feed(size_t size);
  std::string Finish();
  // The report of page `page`, handed to `write` in pieces of about 1 MiB (its whole text is never
  // held in the module). Returns "" when it was written, else the error envelope.
  std::string Analyze(size_t page, const std::string& options_json, const filter::Engine* filters,
                      const std::function<void(std::string_view)>& write);
  std::string CaptureJson(size_t page);
  void Release(size_t page);

 private:
  std::vector<uint8_t> scratch_;
  HarReader reader_;
  std::optional<HarImport> import_;
};

}  // namespace trackscope::wasm

#endif  // TRACKSCOPE_WASM_HAR_BOX_H_
