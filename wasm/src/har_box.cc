// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
#include "har_box.h"

#include <exception>
#include <nlohmann/json.hpp>

#include "boundary.h"

namespace trackscope::wasm {
namespace {

constexpr auto kReplace = nlohmann::json::error_handler_t::replace;

nlohmann::json WarningsJson(const std::vector<Error>& warnings) {
  nlohmann::json list = nlohmann::json::array();
  for (const Error& w : warnings) list.push_back({{"path", w.path}, {"message", w.message}});
  return list;
}

}  // namespace

uint8_t* HarImportBox::Scratch(size_t size) {
  if (scratch_.size() < size) scratch_.resize(size);
  return scratch_.data();
}

bool HarImportBox::Feed(size_t size) {
  try {
    return reader_.Feed(std::string_view(reinterpret_cast<const char*>(scratch_.data()), std::min(size, scratch_.size())));
  } catch (...) {
    return false;  // Finish() says why (the reader keeps its state)
  }
}

std::string HarImportBox::Finish() {
  try {
    Result<HarImport> har = reader_.Finish();
    std::vector<uint8_t>().swap(scratch_);
    if (!har.ok()) return ErrorEnvelope(har.error());
    import_ = std::move(har).value();
    nlohmann::json pages = nlohmann::json::array();
    for (const HarPage& p : import_->pages) {
      pages.push_back({{"id", p.id}, {"title", p.title}, {"url", p.capture.page_url}, {"entries", p.entries},
                       {"requests", p.capture.requests.size()}, {"cookies", p.capture.cookies.size()}});
    }
    nlohmann::json out{{"ok", true}, {"creator", import_->creator}, {"entries", import_->entries}, {"pages", std::move(pages)},
                       {"warnings", WarningsJson(import_->warnings)}};
    return out.dump(-1, ' ', false, kReplace);
  } catch (const std::exception& e) {
    return ErrorEnvelope({"", std::string("internal error: ") + e.what()});
  } catch (...) {
    return ErrorEnvelope({"", "internal error"});
  }
}

std::string HarImportBox::Analyze(size_t page, const std::string& options_json, const filter::Engine* filters,
                                  const std::function<void(std::string_view)>& write) {
  if (!import_ || page >= import_->pages.size()) return ErrorEnvelope({"page", "no page " + std::to_string(page)});
  return AnalyzeCaptureTo(import_->pages[page].capture, filters, options_json, write);
}

std::string HarImportBox::CaptureJson(size_t page) {
  if (!import_ || page >= import_->pages.size()) return ErrorEnvelope({"page", "no page " + std::to_string(page)});
  try {
    const Capture& capture = import_->pages[page].capture;
    return "{\"ok\":true,\"capture\":" + CaptureToJson(capture) + ",\"warnings\":" +
           WarningsJson(capture.warnings).dump(-1, ' ', false, kReplace) + "}";
  } catch (const std::exception& e) {
    return ErrorEnvelope({"", std::string("internal error: ") + e.what()});
  }
}

void HarImportBox::Release(size_t page) {
  if (import_ && page < import_->pages.size()) import_->pages[page].capture = Capture();
}

}  // namespace trackscope::wasm
