// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
// A serialised engine from an untrusted source. Half of the inputs get a valid checksum written
// into their header first, so the fuzzer reaches the structural validation behind it.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

#include "filter/engine_format.h"
#include "filter/hashing.h"
#include "fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const bool fix_checksum = data[0] & 1;
  std::vector<uint8_t> bytes(data + 1, data + size);
  using trackscope::filter::format::Header;
  if (fix_checksum && bytes.size() >= sizeof(Header)) {
    Header header;
    std::memcpy(&header, bytes.data(), sizeof(header));
    std::memcpy(header.magic, trackscope::filter::format::kMagic, sizeof(header.magic));
    header.format_version = trackscope::filter::format::kFormatVersion;
    header.section_count = trackscope::filter::format::kSectionCount;
    header.total_size = bytes.size();
    header.checksum = trackscope::filter::Checksum(bytes.data() + sizeof(header), bytes.size() - sizeof(header));
    std::memcpy(bytes.data(), &header, sizeof(header));
  }
  auto loaded = trackscope::filter::Engine::Load(bytes);
  if (loaded.ok()) trackscope::fuzz::MatchSomeRequests(loaded.value());
  return 0;
}
