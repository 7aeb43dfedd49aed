// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
// Engine::Build: lists -> parsed filters -> indexes -> one serialised buffer (engine_format.h),
// in the four steps of engine_builder.h.
#include <utility>
#include <vector>

#include "filter/engine_builder.h"

namespace trackscope::filter {

BuildOutput Engine::Build(std::span<const ListSource> lists, size_t max_diagnostics) {
  builder::ParsedLists parsed = builder::ParseLists(lists, max_diagnostics);
  builder::DropBadfiltered(parsed);
  builder::Index index = builder::BuildIndex(parsed);
  const std::vector<uint8_t> blob = builder::Serialise(std::move(index), lists, parsed.list_count);

  Result<Engine> engine = Engine::Load(blob);
  // Load of a buffer we just wrote can only fail on a bug; fail loudly rather than run without filters.
  if (!engine.ok()) __builtin_trap();
  return BuildOutput{std::move(engine).value(), std::move(parsed.stats), std::move(parsed.diagnostics)};
}

}  // namespace trackscope::filter
