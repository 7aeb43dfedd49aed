// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
// CaptureToJson: Capture -> Capture JSON (CAPTURE.md), the inverse of ParseCapture. Used where the
// core itself makes a capture (HAR import) and hands it to a front end.
#include <cmath>
#include <nlohmann/json.hpp>

#include "base/time_util.h"
#include "capture/visit_json.h"
#include "trackscope/capture/capture.h"

namespace trackscope {
namespace {

using Json = nlohmann::ordered_json;

Json Headers(const HeaderList& headers) {
  Json out = Json::array();
  for (const auto& [name, value] : headers) out.push_back(Json{{"name", name}, {"value", value}});
  return out;
}

Json Request(const CapturedRequest& r) {
  Json j{{"url", r.url}, {"type", ResourceTypeName(r.type)}, {"method", r.method}, {"status", r.status}};
  if (!r.frame_url.empty()) j["frameUrl"] = r.frame_url;
  if (!r.initiator.empty()) j["initiator"] = r.initiator;
  if (!r.request_headers.empty()) j["requestHeaders"] = Headers(r.request_headers);
  if (!r.response_headers.empty()) j["responseHeaders"] = Headers(r.response_headers);
  if (r.body_size >= 0) j["bodySize"] = r.body_size;
  if (r.image_width >= 0 && r.image_height >= 0) j["image"] = Json{{"width", r.image_width}, {"height", r.image_height}};
  if (r.time_ms >= 0) j["timeMs"] = r.time_ms;
  if (!r.request_body.empty()) j["requestBody"] = r.request_body;
  return j;
}

Json Cookie(const CapturedCookie& c) {
  Json j{{"name", c.name}, {"value", c.value}, {"domain", c.domain}, {"path", c.path}};
  j["expires"] = c.expires ? Json(*c.expires) : Json(nullptr);
  if (c.host_only) j["hostOnly"] = *c.host_only;
  j["httpOnly"] = c.http_only;
  j["secure"] = c.secure;
  j["sameSite"] = SameSiteName(c.same_site);
  if (!c.partition_key.empty()) j["partitionKey"] = c.partition_key;
  if (c.set_by != SetterKind::kUnknown) j["setBy"] = Json{{"kind", SetterKindName(c.set_by)}, {"url", c.set_by_url}};
  if (c.observed != CookieSource::kStored) j["observed"] = CookieSourceName(c.observed);
  return j;
}

Json Event(const ScriptEvent& e) {
  Json j{{"kind", EventKindName(e.kind)}};
  for (auto [key, value] : {std::pair{"api", &e.api}, std::pair{"scriptUrl", &e.script_url},
                            std::pair{"frameUrl", &e.frame_url}, std::pair{"url", &e.url},
                            std::pair{"key", &e.key}, std::pair{"value", &e.value}}) {
    if (!value->empty()) j[key] = *value;
  }
  if (e.time_ms >= 0) j["timeMs"] = e.time_ms;
  if (e.count != 1) j["count"] = e.count;
  if (e.canvas) {
    j["canvas"] = Json{{"width", e.canvas->width},   {"height", e.canvas->height}, {"textLength", e.canvas->text_length},
                       {"colors", e.canvas->colors}, {"shapes", e.canvas->shapes}, {"interactive", e.canvas->interactive}};
  }
  return j;
}

}  // namespace

Json VisitJson(const VisitorSimulation& visit) {
  Json typed = Json::array();
  for (const TypedValue& t : visit.typed) {
    Json j{{"field", t.field}, {"kind", t.kind}, {"value", t.value}};
    if (t.time_ms >= 0) j["timeMs"] = t.time_ms;
    typed.push_back(std::move(j));
  }
  Json out{{"pointerMoves", visit.pointer_moves}, {"scrolls", visit.scrolls}, {"dwellMs", visit.dwell_ms},
            {"automationHidden", visit.automation_hidden}, {"userAgent", visit.user_agent}, {"typed", std::move(typed)}};
  if (visit.submitted_ms >= 0) out["submittedMs"] = visit.submitted_ms;
  if (!visit.setup.empty()) {
    Json setup = Json::object();
    for (const auto& [k, v] : visit.setup) setup[k] = v;
    out["setup"] = std::move(setup);
  }
  return out;
}

std::string CaptureToJson(const Capture& capture, int indent) {
  Json page{{"url", capture.page_url}, {"title", capture.title}};
  if (capture.captured_at) page["capturedAt"] = FormatIso8601(*capture.captured_at);
  Json doc{{"version", capture.version},
           {"page", std::move(page)},
           {"signals", Json{{"dnt", capture.dnt_sent}, {"gpc", capture.gpc_sent}}},
           {"consent", ConsentStateName(capture.consent)}};
  Json well_known = Json::object();
  if (capture.gpc_json) well_known["gpcJson"] = Json{{"status", capture.gpc_json->status}, {"body", capture.gpc_json->body}};
  if (capture.dnt_policy) well_known["dntPolicy"] = Json{{"status", capture.dnt_policy->status}, {"body", capture.dnt_policy->body}};
  for (const CmpResource& c : capture.cmp) well_known["cmp"].push_back(Json{{"url", c.url}, {"body", c.body}});
  if (!well_known.empty()) doc["wellKnown"] = std::move(well_known);
  if (capture.visit) doc["visit"] = VisitJson(*capture.visit);
  Json requests = Json::array(), cookies = Json::array(), events = Json::array();
  for (const CapturedRequest& r : capture.requests) requests.push_back(Request(r));
  for (const CapturedCookie& c : capture.cookies) cookies.push_back(Cookie(c));
  for (const ScriptEvent& e : capture.events) events.push_back(Event(e));
  doc["requests"] = std::move(requests);
  doc["cookies"] = std::move(cookies);
  doc["events"] = std::move(events);
  return doc.dump(indent, ' ', false, Json::error_handler_t::replace);
}

}  // namespace trackscope
