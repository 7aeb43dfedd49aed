// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
#include "filter_box.h"

#include <nlohmann/json.hpp>

namespace trackscope::wasm {
namespace {

using Json = nlohmann::ordered_json;

Json Evidence(const filter::Engine& engine, const filter::FilterRef& ref) {
  if (!ref.valid()) return nullptr;
  filter::FilterEvidence e = engine.Describe(ref);
  return Json{{"list", e.list}, {"line", e.line}, {"text", e.text}};
}

}  // namespace

void FilterEngineBox::AddList(std::string name, std::string text) { lists_.emplace_back(std::move(name), std::move(text)); }

std::string FilterEngineBox::Build() {
  std::vector<filter::ListSource> sources;
  for (const auto& [name, text] : lists_) sources.push_back({name, text});
  filter::BuildOutput out = filter::Engine::Build(sources);
  Json lists = Json::array(), diagnostics = Json::array();
  for (size_t i = 0; i < out.stats.size(); ++i) {
    const filter::ListStats& s = out.stats[i];
    lists.push_back(Json{{"name", lists_[i].first}, {"lines", s.lines}, {"network", s.network}, {"cosmetic", s.cosmetic},
                         {"comments", s.comments}, {"unsupported", s.unsupported}, {"badfiltered", s.badfiltered},
                         {"modifiers", s.modifiers}, {"preprocessedOut", s.preprocessed_out}});
  }
  for (const filter::ListDiagnostic& d : out.diagnostics) {
    diagnostics.push_back(Json{{"list", lists_[d.list].first}, {"line", d.line}, {"reason", d.reason}});
  }
  engine_ = std::move(out.engine);
  lists_.clear();
  lists_.shrink_to_fit();
  Json j{{"ok", true}, {"filters", engine_->filter_count()}, {"lists", lists}, {"diagnostics", diagnostics}};
  return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

uint8_t* FilterEngineBox::PrepareLoad(size_t size) {
  engine_.reset();
  load_buffer_.assign((size + 7) / 8, 0);
  load_size_ = size;
  return reinterpret_cast<uint8_t*>(load_buffer_.data());
}

std::string FilterEngineBox::FinishLoad() {
  Result<filter::Engine> loaded = filter::Engine::Load(std::move(load_buffer_), load_size_);
  load_buffer_ = {};
  load_size_ = 0;
  if (!loaded.ok()) return loaded.error().message;
  engine_ = std::move(loaded).value();
  return "";
}

char* FilterEngineBox::UrlScratch(size_t size) {
  if (url_scratch_.size() < size) url_scratch_.resize(size);
  return url_scratch_.data();
}

char* FilterEngineBox::FrameScratch(size_t size) {
  if (frame_scratch_.size() < size) frame_scratch_.resize(size);
  return frame_scratch_.data();
}

int FilterEngineBox::MatchScratch(size_t url_length, size_t frame_length, int type) {
  if (url_length > url_scratch_.size() || frame_length > frame_scratch_.size()) return -1;
  return Match({url_scratch_.data(), url_length}, {frame_scratch_.data(), frame_length}, type);
}

int FilterEngineBox::Match(std::string_view url, std::string_view frame_url, int type) {
  if (!engine_) return -1;
  if (type < 0 || type > static_cast<int>(filter::RequestType::kPopup)) type = static_cast<int>(filter::RequestType::kOther);
  last_ = engine_->Match({url, frame_url, static_cast<filter::RequestType>(type)});
  if (last_.decision == filter::Decision::kNoMatch) return 0;
  // The result's host views point into `url`: keep a copy for LastMatchJson.
  last_url_.assign(url);
  if (!last_.filter.host.empty()) last_.filter.host = std::string_view(last_url_).substr(last_.filter.host.data() - url.data(), last_.filter.host.size());
  if (!last_.exception.host.empty()) last_.exception.host = std::string_view(last_url_).substr(last_.exception.host.data() - url.data(), last_.exception.host.size());
  return last_.decision == filter::Decision::kBlock ? 1 : 2;
}

std::string FilterEngineBox::LastMatchJson() const {
  if (!engine_) return "null";
  static constexpr const char* kNames[] = {"none", "block", "exception"};
  Json j{{"decision", kNames[static_cast<int>(last_.decision)]},
         {"important", last_.important},
         {"redirect", std::string(last_.redirect)},
         {"filter", Evidence(*engine_, last_.filter)},
         {"exception", Evidence(*engine_, last_.exception)}};
  return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

const uint8_t* FilterEngineBox::SerializedData() const { return engine_ ? engine_->bytes().data() : nullptr; }
size_t FilterEngineBox::SerializedSize() const { return engine_ ? engine_->bytes().size() : 0; }

}  // namespace trackscope::wasm
