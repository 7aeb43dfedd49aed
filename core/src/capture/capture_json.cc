// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
// ParseCapture: Capture JSON (CAPTURE.md) -> Capture. nlohmann::json is used without exceptions:
// parse with allow_exceptions = false, check every type before reading a value.
#include <cmath>
#include <nlohmann/json.hpp>

#include "base/json_util.h"
#include <string>

#include "base/time_util.h"
#include "trackscope/capture/capture.h"

namespace trackscope {
namespace {

using Json = nlohmann::json;



// Reads fields of one JSON object, recording the first error with its JSON path.
class ObjectReader {
 public:
  ObjectReader(const Json& object, std::string path, std::optional<Error>& error)
      : object_(object), path_(std::move(path)), error_(error) {}

  std::string PathOf(std::string_view key) const { return path_ + "." + std::string(key); }

  // Returns nullptr when absent (or null). Records an error when `required` and absent.
  const Json* Find(std::string_view key, bool required) {
    auto it = object_.find(key);
    if (it == object_.end() || it->is_null()) {
      if (required) Fail(PathOf(key), "required field is missing");
      return nullptr;
    }
    return &*it;
  }

  void String(std::string_view key, std::string& out, bool required = false) {
    if (const Json* j = Find(key, required)) {
      if (!j->is_string()) return Fail(PathOf(key), std::string("expected a string, got ") + JsonTypeName(*j));
      out = j->get_ref<const std::string&>();
    }
  }
  void Bool(std::string_view key, bool& out) {
    if (const Json* j = Find(key, false)) {
      if (!j->is_boolean()) return Fail(PathOf(key), std::string("expected true or false, got ") + JsonTypeName(*j));
      out = j->get<bool>();
    }
  }
  // Finite number; integers when `integer`.
  std::optional<double> Number(std::string_view key, bool integer = false, bool required = false) {
    const Json* j = Find(key, required);
    if (!j) return std::nullopt;
    if (!j->is_number()) {
      Fail(PathOf(key), std::string("expected a number, got ") + JsonTypeName(*j));
      return std::nullopt;
    }
    double v = j->get<double>();
    if (!std::isfinite(v) || (integer && std::floor(v) != v)) {
      Fail(PathOf(key), integer ? "expected an integer" : "expected a finite number");
      return std::nullopt;
    }
    return v;
  }
  template <typename Int>
  void Integer(std::string_view key, Int& out, double min, double max) {
    if (std::optional<double> v = Number(key, true)) {
      if (*v < min || *v > max) return Fail(PathOf(key), "out of range");
      out = static_cast<Int>(*v);
    }
  }
  // Headers: {"name": "value" | ["v1", "v2"]} or [{"name": ..., "value": ...}] (HAR).
  void Headers(std::string_view key, HeaderList& out) {
    const Json* j = Find(key, false);
    if (!j) return;
    const std::string path = PathOf(key);
    auto add = [&out](const std::string& name, const std::string& value) {
      std::string lower = name;
      for (char& c : lower) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c | 0x20 : c);
      out.emplace_back(std::move(lower), value);
    };
    if (j->is_object()) {
      for (auto it = j->begin(); it != j->end(); ++it) {
        const std::string item = path + "." + it.key();
        if (it->is_string()) {
          add(it.key(), it->get_ref<const std::string&>());
        } else if (it->is_array()) {
          for (size_t i = 0; i < it->size(); ++i) {
            if (!(*it)[i].is_string()) return Fail(item + "[" + std::to_string(i) + "]", "expected a string");
            add(it.key(), (*it)[i].get_ref<const std::string&>());
          }
        } else {
          return Fail(item, "expected a string or an array of strings");
        }
      }
    } else if (j->is_array()) {
      for (size_t i = 0; i < j->size(); ++i) {
        const Json& h = (*j)[i];
        const std::string item = path + "[" + std::to_string(i) + "]";
        if (!h.is_object()) return Fail(item, "expected an object with name and value");
        ObjectReader r(h, item, error_);
        std::string name, value;
        r.String("name", name, true);
        r.String("value", value, true);
        if (error_) return;
        add(name, value);
      }
    } else {
      Fail(path, std::string("expected an object or an array, got ") + JsonTypeName(*j));
    }
  }

  void Fail(std::string path, std::string message) {
    if (!error_) error_ = Error{std::move(path), std::move(message)};
  }

 private:
  const Json& object_;
  std::string path_;
  std::optional<Error>& error_;
};

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c | 0x20 : c);
  return s;
}

void ReadRequest(const Json& j, const std::string& path, CapturedRequest& r, Capture& capture,
                 std::optional<Error>& error) {
  ObjectReader in(j, path, error);
  in.String("url", r.url, true);
  std::string type;
  in.String("type", type);
  if (!type.empty()) {
    if (std::optional<ResourceType> t = ParseResourceType(type)) {
      r.type = *t;
    } else {
      capture.warnings.push_back({in.PathOf("type"), "unknown resource type \"" + type + "\"; treated as other"});
    }
  }
  in.String("method", r.method);
  in.String("frameUrl", r.frame_url);
  in.String("initiator", r.initiator);
  in.Integer("status", r.status, 0, 999);
  in.Headers("requestHeaders", r.request_headers);
  in.Headers("responseHeaders", r.response_headers);
  in.Integer("bodySize", r.body_size, -1, 9e15);
  if (const Json* image = in.Find("image", false)) {
    if (!image->is_object()) return in.Fail(in.PathOf("image"), "expected an object with width and height");
    ObjectReader ir(*image, in.PathOf("image"), error);
    ir.Integer("width", r.image_width, 0, 1e9);
    ir.Integer("height", r.image_height, 0, 1e9);
  }
  if (std::optional<double> t = in.Number("timeMs")) r.time_ms = *t;
  in.String("requestBody", r.request_body);
}

void ReadCookie(const Json& j, const std::string& path, CapturedCookie& c, Capture& capture,
                std::optional<Error>& error) {
  ObjectReader in(j, path, error);
  in.String("name", c.name, true);
  in.String("value", c.value);
  in.String("domain", c.domain, true);
  in.String("path", c.path);
  if (std::optional<double> e = in.Number("expires")) {
    if (*e >= 0) c.expires = *e;  // -1 (Playwright, CDP) means session
  }
  if (in.Find("hostOnly", false)) {
    bool host_only = false;
    in.Bool("hostOnly", host_only);
    c.host_only = host_only;
  }
  in.Bool("httpOnly", c.http_only);
  in.Bool("secure", c.secure);
  std::string same_site;
  in.String("sameSite", same_site);
  same_site = Lower(same_site);
  if (same_site == "none" || same_site == "no_restriction") {
    c.same_site = SameSite::kNone;
  } else if (same_site == "lax") {
    c.same_site = SameSite::kLax;
  } else if (same_site == "strict") {
    c.same_site = SameSite::kStrict;
  } else if (!same_site.empty() && same_site != "unspecified") {
    capture.warnings.push_back({in.PathOf("sameSite"), "unknown SameSite value \"" + same_site + "\""});
  }
  in.String("partitionKey", c.partition_key);
  std::string observed;
  in.String("observed", observed);
  if (observed == "sent") {
    c.observed = CookieSource::kSent;
  } else if (!observed.empty() && observed != "stored") {
    return in.Fail(in.PathOf("observed"), "expected \"stored\" or \"sent\", got \"" + observed + "\"");
  }
  if (const Json* set_by = in.Find("setBy", false)) {
    const std::string sp = in.PathOf("setBy");
    if (!set_by->is_object()) return in.Fail(sp, "expected an object with kind and url");
    ObjectReader sr(*set_by, sp, error);
    std::string kind;
    sr.String("kind", kind, true);
    sr.String("url", c.set_by_url);
    if (kind == "http") {
      c.set_by = SetterKind::kHttp;
    } else if (kind == "script") {
      c.set_by = SetterKind::kScript;
    } else if (!error && kind != "unknown") {
      sr.Fail(sr.PathOf("kind"), "expected \"http\", \"script\" or \"unknown\", got \"" + kind + "\"");
    }
  }
}

// Returns false (with a warning) for an event kind this version does not know: newer front ends
// may record more than this core analyses.
bool ReadEvent(const Json& j, const std::string& path, ScriptEvent& e, Capture& capture,
               std::optional<Error>& error) {
  ObjectReader in(j, path, error);
  std::string kind;
  in.String("kind", kind, true);
  if (error) return false;
  bool known = false;
  for (int k = 0; k <= static_cast<int>(EventKind::kListener); ++k) {
    if (EventKindName(static_cast<EventKind>(k)) == kind) {
      e.kind = static_cast<EventKind>(k);
      known = true;
    }
  }
  if (!known) {
    capture.warnings.push_back({in.PathOf("kind"), "unknown event kind \"" + kind + "\"; ignored"});
    return false;
  }
  in.String("scriptUrl", e.script_url);
  in.String("frameUrl", e.frame_url);
  if (std::optional<double> t = in.Number("timeMs")) e.time_ms = *t;
  in.String("api", e.api);
  in.String("url", e.url);
  in.String("key", e.key);
  in.String("value", e.value);
  in.Integer("count", e.count, 1, 1e9);
  if (const Json* canvas = in.Find("canvas", false)) {
    if (!canvas->is_object()) {
      in.Fail(in.PathOf("canvas"), "expected an object");
      return false;
    }
    ObjectReader cr(*canvas, in.PathOf("canvas"), error);
    CanvasDrawing& d = e.canvas.emplace();
    cr.Integer("width", d.width, 0, 1e9);
    cr.Integer("height", d.height, 0, 1e9);
    cr.Integer("textLength", d.text_length, 0, 1e9);
    cr.Integer("colors", d.colors, 0, 1e9);
    cr.Integer("shapes", d.shapes, 0, 1e9);
    cr.Bool("interactive", d.interactive);
  }
  return !error;
}

// Calls `read(element, path)` for each element of the array field `key`, when present.
template <typename ReadFn>
void ForEach(ObjectReader& in, std::string_view key, std::optional<Error>& error, ReadFn read) {
  const Json* arr = in.Find(key, false);
  if (!arr) return;
  if (!arr->is_array()) return in.Fail(in.PathOf(key), std::string("expected an array, got ") + JsonTypeName(*arr));
  for (size_t i = 0; i < arr->size() && !error; ++i) {
    const std::string path = in.PathOf(key) + "[" + std::to_string(i) + "]";
    const Json& item = (*arr)[i];
    if (!item.is_object()) return in.Fail(path, std::string("expected an object, got ") + JsonTypeName(item));
    read(item, path);
  }
}

}  // namespace

Result<Capture> ParseCapture(std::string_view json_text) {
  Json doc = Json::parse(json_text.begin(), json_text.end(), nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) {
    return Error{"$", "malformed JSON: " + JsonSyntaxError(json_text)};
  }
  if (!doc.is_object()) return Error{"$", std::string("expected a capture object, got ") + JsonTypeName(doc)};

  Capture capture;
  std::optional<Error> error;
  ObjectReader root(doc, "$", error);
  std::optional<double> version = root.Number("version", /*integer=*/true, /*required=*/true);
  if (error) return *error;
  if (*version != kCaptureVersion) {
    // Beyond 2^53 the value is no exact integer any more (and may not fit a long long).
    const std::string shown = std::fabs(*version) < 9e15 ? std::to_string(static_cast<long long>(*version)) : "out of range";
    return Error{"$.version", "unsupported capture version " + shown + " (this core reads version " +
                                  std::to_string(kCaptureVersion) + ")"};
  }

  const Json* page = root.Find("page", true);
  if (error) return *error;
  if (!page->is_object()) return Error{"$.page", std::string("expected an object, got ") + JsonTypeName(*page)};
  ObjectReader page_in(*page, "$.page", error);
  page_in.String("url", capture.page_url, true);
  page_in.String("title", capture.title);
  std::string captured_at;
  page_in.String("capturedAt", captured_at);
  if (!captured_at.empty()) {
    capture.captured_at = ParseIso8601(captured_at);
    if (!capture.captured_at) page_in.Fail("$.page.capturedAt", "expected an ISO 8601 time like 2026-11-29T05:00:00Z");
  }
  if (error) return *error;

  if (const Json* signals = root.Find("signals", false)) {
    if (!signals->is_object()) return Error{"$.signals", std::string("expected an object, got ") + JsonTypeName(*signals)};
    ObjectReader s(*signals, "$.signals", error);
    s.Bool("dnt", capture.dnt_sent);
    s.Bool("gpc", capture.gpc_sent);
  }
  if (const Json* well_known = root.Find("wellKnown", false)) {
    if (!well_known->is_object()) return Error{"$.wellKnown", std::string("expected an object, got ") + JsonTypeName(*well_known)};
    ObjectReader w(*well_known, "$.wellKnown", error);
    for (auto [key, target] : {std::pair{"gpcJson", &capture.gpc_json}, std::pair{"dntPolicy", &capture.dnt_policy}}) {
      const Json* res = w.Find(key, false);
      if (!res) continue;
      if (!res->is_object()) return Error{w.PathOf(key), std::string("expected an object with status and body, got ") + JsonTypeName(*res)};
      ObjectReader r(*res, w.PathOf(key), error);
      WellKnownResource& out = target->emplace();
      r.Integer("status", out.status, 0, 999);
      if (!r.Find("status", false)) r.Fail(r.PathOf("status"), "required field is missing");
      r.String("body", out.body);
    }
    if (const Json* cmp = w.Find("cmp", false)) {
      if (!cmp->is_array()) return Error{w.PathOf("cmp"), std::string("expected an array, got ") + JsonTypeName(*cmp)};
      for (size_t i = 0; i < cmp->size() && !error; ++i) {
        const std::string path = w.PathOf("cmp") + "[" + std::to_string(i) + "]";
        if (!(*cmp)[i].is_object()) return Error{path, std::string("expected an object with url and body, got ") + JsonTypeName((*cmp)[i])};
        ObjectReader r((*cmp)[i], path, error);
        CmpResource& out = capture.cmp.emplace_back();
        r.String("url", out.url, true);
        r.String("body", out.body, true);
      }
    }
    if (error) return *error;
  }
  if (const Json* visit = root.Find("visit", false)) {
    if (!visit->is_object()) return Error{"$.visit", std::string("expected an object, got ") + JsonTypeName(*visit)};
    ObjectReader v(*visit, "$.visit", error);
    VisitorSimulation& out = capture.visit.emplace();
    v.Integer("pointerMoves", out.pointer_moves, 0, 1e9);
    v.Integer("scrolls", out.scrolls, 0, 1e9);
    v.Integer("dwellMs", out.dwell_ms, 0, 1e9);
    v.Bool("automationHidden", out.automation_hidden);
    v.String("userAgent", out.user_agent);
    ForEach(v, "typed", error, [&](const Json& item, const std::string& path) {
      ObjectReader t(item, path, error);
      TypedValue& typed = out.typed.emplace_back();
      t.String("field", typed.field);
      t.String("kind", typed.kind, true);
      t.String("value", typed.value, true);
      if (std::optional<double> ms = t.Number("timeMs")) typed.time_ms = *ms;
    });
    if (std::optional<double> ms = v.Number("submittedMs"); ms && *ms >= 0) out.submitted_ms = *ms;
    if (const Json* setup = v.Find("setup", false)) {
      if (!setup->is_object()) return Error{"$.visit.setup", std::string("expected an object of strings, got ") + JsonTypeName(*setup)};
      for (auto it = setup->begin(); it != setup->end(); ++it) {
        if (!it->is_string()) return Error{"$.visit.setup." + it.key(), "expected a string"};
        out.setup.emplace_back(it.key(), it->get<std::string>());
      }
    }
    if (error) return *error;
  }
  std::string consent;
  root.String("consent", consent);
  if (!consent.empty()) {
    bool known = false;
    for (int k = 0; k <= static_cast<int>(ConsentState::kRejected); ++k) {
      if (ConsentStateName(static_cast<ConsentState>(k)) == consent) {
        capture.consent = static_cast<ConsentState>(k);
        known = true;
      }
    }
    if (!known) return Error{"$.consent", "expected \"unknown\", \"none\", \"accepted\" or \"rejected\", got \"" + consent + "\""};
  }
  ForEach(root, "requests", error, [&](const Json& j, const std::string& path) {
    ReadRequest(j, path, capture.requests.emplace_back(), capture, error);
  });
  ForEach(root, "cookies", error, [&](const Json& j, const std::string& path) {
    ReadCookie(j, path, capture.cookies.emplace_back(), capture, error);
  });
  ForEach(root, "events", error, [&](const Json& j, const std::string& path) {
    ScriptEvent e;
    if (ReadEvent(j, path, e, capture, error)) capture.events.push_back(std::move(e));
  });
  if (error) return *error;
  return capture;
}

}  // namespace trackscope
