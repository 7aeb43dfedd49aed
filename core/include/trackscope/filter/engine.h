// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
//
// The network filter engine: built once from filter lists, immutable, matched many times.
//
//   BuildOutput out = Engine::Build({{"easylist.txt", easylist}, {"easyprivacy.txt", easyprivacy}});
//   for (const ListDiagnostic& d : out.diagnostics) Log(d);   // skipped lines, with reasons
//   const Engine& engine = out.engine;
//   MatchResult m = engine.Match({url, frame_url, RequestType::kImage});
//   if (m.decision == Decision::kBlock) Explain(engine.Describe(m.filter));
//
// The engine *is* a flat byte buffer (see engine_format.h): bytes() is its serialised form and
// Load() verifies magic, format version and checksum, then uses the bytes in place. A blob from
// another format version or a corrupted one is rejected with a reason; callers rebuild from text.
//
// Match() does not allocate (per-thread scratch buffers are reused) and touches few filters: each
// filter is indexed by the hash of its host (for `||host^...` filters) or by its rarest token.
#ifndef TRACKSCOPE_FILTER_ENGINE_H_
#define TRACKSCOPE_FILTER_ENGINE_H_

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "trackscope/base/result.h"
#include "trackscope/filter/filter.h"

namespace trackscope::filter {

struct ListSource {
  std::string_view name;  // e.g. "easyprivacy.txt", reported with evidence
  std::string_view text;
};

// A line that was skipped, and why.
struct ListDiagnostic {
  uint32_t list = 0;  // index into the lists given to Build
  uint32_t line = 0;  // 1-based
  std::string reason;
};

struct ListStats {
  uint32_t lines = 0;
  uint32_t comments = 0;
  uint32_t cosmetic = 0;     // element hiding, scriptlets, HTML filters: counted, not used
  uint32_t network = 0;      // network filters parsed
  uint32_t unsupported = 0;  // skipped with a diagnostic
  uint32_t badfiltered = 0;  // cancelled by a $badfilter line (the badfilter lines included)
  uint32_t modifiers = 0;    // redirect-rule / removeparam / csp filters: parsed and reported, not acted on
  uint32_t preprocessed_out = 0;  // lines inside a false !#if block
};

// A filter as evidence: where it comes from and its text.
struct FilterEvidence {
  std::string list;
  uint32_t line = 0;
  std::string text;
};

// Request types as the engine sees them (webRequest vocabulary).
enum class RequestType : uint8_t {
  kMainFrame, kSubFrame, kScript, kImage, kStylesheet, kXhr, kPing, kMedia, kFont, kWebSocket,
  kObject, kCspReport, kOther, kPopup,
};

struct Request {
  std::string_view url;         // absolute, as the browser reports it
  std::string_view source_url;  // the document that made the request (frame URL); empty = none
  RequestType type = RequestType::kOther;
  std::string_view method = "GET";
};

enum class Decision : uint8_t {
  kNoMatch,    // no blocking filter applies
  kBlock,      // a blocking filter applies and no exception overrides it
  kException,  // a blocking filter applies but an exception (@@) filter overrides it
};

// Identifies a matched filter for Engine::Describe(). For the compact `||host^` filters it holds
// the host suffix of the request that matched (a view into Request::url: keep the URL alive).
struct FilterRef {
  uint32_t id = 0xFFFFFFFF;  // filter record, or kPlainHost
  uint32_t source = 0;       // list << 24 | line
  std::string_view host;     // kPlainHost only
  bool exception = false;    // kPlainHost only: an `@@||host^` filter
  static constexpr uint32_t kPlainHost = 0xFFFFFFFE;
  bool valid() const { return id != 0xFFFFFFFF; }
};

struct MatchResult {
  Decision decision = Decision::kNoMatch;
  bool important = false;     // the blocking filter is $important (exceptions cannot override it)
  FilterRef filter;           // the blocking filter (kBlock, kException)
  FilterRef exception;        // the overriding exception (kException)
  std::string_view redirect;  // $redirect resource of the blocking filter (reported, not served)
};

struct BuildOutput;

class Engine {
 public:
  // Parses `lists` and builds the engine. Never fails: unsupported lines are skipped and listed
  // in the diagnostics (at most `max_diagnostics`; the stats count all of them).
  static BuildOutput Build(std::span<const ListSource> lists, size_t max_diagnostics = 1000);

  // Verifies and adopts a serialised engine. Errors: wrong magic, other format version, size or
  // checksum mismatch, or inconsistent section offsets.
  static Result<Engine> Load(std::span<const uint8_t> bytes);

  // The same, adopting `storage` (holding `size` bytes of a serialised engine) without a copy:
  // for hosts that write the bytes straight into engine-owned memory (WASM loads, where every
  // copy would grow the never-shrinking linear memory).
  static Result<Engine> Load(std::vector<uint64_t>&& storage, size_t size);

  std::span<const uint8_t> bytes() const;

  MatchResult Match(const Request& request) const;

  FilterEvidence Describe(const FilterRef& filter) const;

  // Filters indexed (after badfilter), for reports and benchmarks.
  uint32_t filter_count() const;
  // Names of the lists the engine was built from, in order.
  std::vector<std::string> list_names() const;

  Engine(Engine&&) noexcept;
  Engine& operator=(Engine&&) noexcept;
  ~Engine();

  struct Impl;  // opaque: the views into the serialised buffer (src/filter/engine_impl.h)

 private:
  explicit Engine(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

struct BuildOutput {
  Engine engine;
  std::vector<ListStats> stats;  // one per list
  std::vector<ListDiagnostic> diagnostics;
};

// Maps the Capture's resource type onto the engine's (same vocabulary, one-to-one).
RequestType RequestTypeFromName(std::string_view webrequest_type);

}  // namespace trackscope::filter

#endif  // TRACKSCOPE_FILTER_ENGINE_H_
