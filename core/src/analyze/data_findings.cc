// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
// FindDataTaken: what third parties were sent of the visitor — findings about data, not about
// declarations (REPORT.md, "Findings"). Runs after AnalyzeBeacons.
//
//   finding                         when                                                  severity
//   key-logging                     a value typed into a form field (Capture visit.typed)  error
//                                   shows up in a request to a third party sent before
//                                   any submit (visit.submittedMs): plain, URL-encoded, base64, or its
//                                   MD5 / SHA-1 / SHA-256 after the normalisation ad
//                                   platforms ask for (trimmed, lower case; phone digits).
//                                   One per destination host and sending script.
//   personal-data-to-third-party    a third-party beacon's payload carries personal data  error if plain,
//                                   (classify/payload.h), on a host without key-logging   warning if hashed
//                                   finding. One per beacon endpoint.
//   sensitive-data-to-third-party   a third-party beacon's payload carries a special      error
//                                   category (classify/sensitive.h). One per beacon
//                                   endpoint and category.
#include <algorithm>
#include <cstdint>

#include "analyze/stages.h"
#include "base/base64.h"
#include "base/digest.h"
#include "base/strings.h"
#include "trackscope/classify/beacon.h"
#include "trackscope/classify/payload.h"
#include "trackscope/url/url.h"
#include "trackscope/vendor/vendor.h"

namespace trackscope {
namespace {

std::string CategoryId(const Report& report, size_t category) {
  return category < report.policy_categories.size() ? report.policy_categories[category].category.id : "";
}

Finding& AddBeaconFinding(Report& report, FindingKind kind, Severity severity, const ReportBeacon& b, std::string message) {
  Finding& f = report.findings.emplace_back();
  f.kind = kind;
  f.severity = severity;
  f.item_kind = "beacon";
  f.item = b.endpoint;
  f.item_id = b.id;
  f.site = b.site;
  f.observed_category = CategoryId(report, b.category);
  f.message = std::move(message);
  return f;
}

std::string Who(const ReportBeacon& b) {
  std::string who = b.pixel.empty() ? std::string("a hit") : "a " + b.pixel + " hit";
  return who + " to " + b.endpoint;
}

std::string FieldName(const PayloadItem& p) {
  std::string out = p.param.empty() ? std::string("the body") : "`" + p.param + "`";
  if (!p.meaning.empty()) out += " (" + p.meaning + ")";
  return out;
}

void PersonalData(const std::vector<std::string>& keylogged_hosts, Report& report) {
  std::vector<std::string> done;
  for (const ReportBeacon& b : report.beacons) {
    if (b.party != Party::kThird || std::find(done.begin(), done.end(), b.id) != done.end()) continue;
    if (std::find(keylogged_hosts.begin(), keylogged_hosts.end(), b.host) != keylogged_hosts.end()) continue;
    std::string fields, kinds, hashes;
    const PayloadItem* first = nullptr;
    bool plain = false;
    for (const PayloadItem& p : b.payload) {
      if (p.personal == PersonalKind::kNone) continue;
      if (!first) first = &p;
      plain |= p.hash == HashKind::kNone;
      fields += (fields.empty() ? "" : ", ") + FieldName(p);
      const std::string kind(PersonalKindName(p.personal));
      if (kinds.find(kind) == std::string::npos) kinds += (kinds.empty() ? "" : ", ") + kind;
      const std::string hash(HashKindName(p.hash));
      if (hashes.find(hash) == std::string::npos) hashes += (hashes.empty() ? "" : ", ") + hash;
    }
    if (!first) continue;
    done.push_back(b.id);
    Finding& f = AddBeaconFinding(report, FindingKind::kPersonalData, plain ? Severity::kError : Severity::kWarning, b,
                                  Who(b) + " carries the visitor's personal data" + (plain ? "" : ", hashed") + ": " + fields);
    f.data = FindingData{first->param, first->value, kinds, hashes, b.vendor, b.endpoint, b.script_url};
  }
}

void SensitiveData(Report& report) {
  std::vector<std::pair<std::string, SensitiveCategory>> done;
  for (const ReportBeacon& b : report.beacons) {
    if (b.party != Party::kThird) continue;
    for (const PayloadItem& p : b.payload) {
      if (!p.sensitive) continue;
      const std::pair<std::string, SensitiveCategory> key{b.id, p.sensitive->category};
      if (std::find(done.begin(), done.end(), key) != done.end()) continue;
      done.push_back(key);
      const std::string value = ClipUtf8(p.value, 80);
      Finding& f = AddBeaconFinding(
          report, FindingKind::kSensitiveData, Severity::kError, b,
          Who(b) + " sends " + std::string(SensitiveCategoryLabel(p.sensitive->category)) + " data in " + FieldName(p) +
              ": \"" + value + "\" (matched \"" + p.sensitive->term + "\")");
      f.data = FindingData{p.param, value, std::string(SensitiveCategoryName(p.sensitive->category)), p.sensitive->term,
                           b.vendor, b.endpoint, b.script_url};
    }
  }
}

// ---- Key-logging ------------------------------------------------------------------------------

// "e-mail address" for "email"; the kind itself when it is not a PersonalKind name.
std::string_view PersonalKindLabelOf(std::string_view kind) {
  for (int k = 1; k <= static_cast<int>(PersonalKind::kExternalId); ++k) {
    if (PersonalKindName(static_cast<PersonalKind>(k)) == kind) return PersonalKindLabel(static_cast<PersonalKind>(k));
  }
  return kind;
}

struct Needle {
  std::string text;           // lower case unless case_sensitive
  bool case_sensitive = false;
  std::string_view encoding;  // "plain", "URL-encoded", "base64", "md5", "sha1", "sha256"
  size_t typed = 0;           // index into visit.typed
};

// A typed value as ad platforms normalise it before hashing: trimmed and lower case; phone
// numbers as digits only.
std::string Normalised(const TypedValue& t) {
  std::string v = ToLowerAscii(Trim(t.value, " \t\r\n"));
  if (t.kind == "phone") std::erase_if(v, [](char c) { return c < '0' || c > '9'; });
  return v;
}

std::string PercentEncode(std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if ((u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || c == '-' || c == '_' || c == '.' || c == '~') {
      out += c;
    } else {
      out += '%';
      out += kHex[u >> 4];
      out += kHex[u & 15];
    }
  }
  return out;
}

constexpr size_t kMinPlain = 5;

std::vector<Needle> NeedlesOf(const std::vector<TypedValue>& typed) {
  std::vector<Needle> out;
  for (size_t i = 0; i < typed.size(); ++i) {
    const TypedValue& t = typed[i];
    const std::string norm = Normalised(t);
    if (norm.size() < 3) continue;
    auto add = [&](std::string text, bool case_sensitive, std::string_view encoding) {
      for (const Needle& n : out) {
        if (n.typed == i && n.text == text) return;
      }
      out.push_back({std::move(text), case_sensitive, encoding, i});
    };
    if (norm.size() >= kMinPlain) {
      add(ToLowerAscii(t.value), false, "plain");
      add(norm, false, "plain");
      add(ToLowerAscii(PercentEncode(t.value)), false, "URL-encoded");
      add(Base64Encode(t.value), true, "base64");
      add(Base64Encode(norm), true, "base64");
    }
    for (const std::string& v : {norm, std::string(t.value)}) {
      add(Md5Hex(v), false, "md5");
      add(Sha1Hex(v), false, "sha1");
      add(Sha256Hex(v), false, "sha256");
    }
  }
  return out;
}

// One request (or beacon event) as searchable text.
struct Outgoing {
  std::string url, body;
  const HeaderList* headers = nullptr;
  std::string script;
  double time_ms = -1;
};

// Base64 may wrap any parameter, or be the whole body; no bound on its size (a recorder's batch).
constexpr size_t kAnyBase64Size = SIZE_MAX;

// Where in `o` (its URL parsed, its parameters `params`) the needle is: "query parameter `em`",
// "body parameter `ud.em`", "header `referer`", "URL", "body"; empty when not there.
std::string Locate(const Outgoing& o, const Url& url, const std::vector<Param>& params, const Needle& n) {
  auto has = [&](std::string_view hay) {
    if (n.case_sensitive) return hay.find(n.text) != std::string_view::npos;
    return ToLowerAscii(hay).find(n.text) != std::string::npos;
  };
  for (const Param& p : params) {
    auto wrapped = [&](const std::string& text) { return LooksBase64(text, kAnyBase64Size) && has(Base64Decode(text)); };
    if (has(p.value) || has(p.name) || wrapped(p.value) || wrapped(p.name)) {
      // A body that is no form (one parameter: all name, or no name) is the body.
      if (p.name.empty() || (p.source == ParamSource::kBody && p.value.empty())) return "body";
      return std::string(ParamSourceName(p.source)) + " parameter `" + p.name + "`";
    }
  }
  if (has(PercentDecode(url.spec(), false)) || has(url.spec())) return "URL";
  if (has(o.body) || has(PercentDecode(o.body, true))) return "body";
  if (o.headers) {
    for (const auto& [name, value] : *o.headers) {
      if (has(value)) return "header `" + name + "`";
    }
  }
  return {};
}

struct KeyLog {
  std::string host, endpoint, field, value;
  std::vector<std::string> scripts, kinds, encodings, fields;
  int requests = 0;
};

void AddUnique(std::vector<std::string>& v, std::string s) {
  if (std::find(v.begin(), v.end(), s) == v.end()) v.push_back(std::move(s));
}

std::vector<std::string> KeyLogging(const Capture& capture, Report& report) {
  std::vector<std::string> hosts;
  if (!capture.visit || capture.visit->typed.empty()) return hosts;
  const std::vector<TypedValue>& typed = capture.visit->typed;
  const std::vector<Needle> needles = NeedlesOf(typed);
  std::vector<Outgoing> outgoing;
  for (const CapturedRequest& r : capture.requests) {
    if (r.type == ResourceType::kMainFrame) continue;
    outgoing.push_back({r.url, r.request_body, &r.request_headers, r.initiator, r.time_ms});
  }
  for (const ScriptEvent& e : capture.events) {
    if (e.kind == EventKind::kBeacon) outgoing.push_back({e.url, e.value, nullptr, e.script_url, e.time_ms});
  }
  std::vector<KeyLog> logs;
  const double submitted = capture.visit->submitted_ms;
  for (const Outgoing& o : outgoing) {
    // Sent once a form was submitted: what was submitted, not key-logging.
    if (submitted >= 0 && o.time_ms >= submitted) continue;
    const Result<Url> url = Url::Parse(o.url);
    if (!url.ok() || !url.value().IsNetwork()) continue;
    const std::string_view host = url.value().host();
    if (SiteOf(host) == report.page_site) continue;
    const std::string everything = ToLowerAscii(o.url + "\n" + PercentDecode(o.url, false) + "\n" + o.body + "\n" +
                                                PercentDecode(o.body, true));
    std::string raw = o.url + "\n" + o.body;
    std::string header_text;
    if (o.headers) {
      for (const auto& [name, value] : *o.headers) header_text += value + "\n";
    }
    const std::string header_lower = ToLowerAscii(header_text);
    // Base64 the request may wrap values in: the body, and long query or body values.
    const std::vector<Param> params = ParseParams(url.value().path(), url.value().query(), o.body);
    std::string decoded;
    for (const Param& p : params) {
      for (const std::string& text : {p.value, p.name}) {
        if (LooksBase64(text, kAnyBase64Size)) decoded += ToLowerAscii(Base64Decode(text)) + "\n";
      }
    }
    KeyLog* log = nullptr;
    for (const Needle& n : needles) {
      std::string_view encoding = n.encoding;
      bool found = n.case_sensitive ? (raw.find(n.text) != std::string::npos || header_text.find(n.text) != std::string::npos)
                                    : (everything.find(n.text) != std::string::npos ||
                                       header_lower.find(n.text) != std::string::npos);
      if (!found && !n.case_sensitive && decoded.find(n.text) != std::string::npos) {
        found = true;
        encoding = "base64";
      }
      if (!found) continue;
      if (!log) {
        auto it = std::find_if(logs.begin(), logs.end(), [&](const KeyLog& k) { return k.host == host; });
        if (it == logs.end()) {
          it = logs.emplace(logs.end());
          it->host = std::string(host);
          it->endpoint = url.value().spec().substr(0, url.value().spec().find_first_of("?#"));
        }
        log = &*it;
        ++log->requests;
        if (!o.script.empty()) AddUnique(log->scripts, o.script);
      }
      const TypedValue& t = typed[n.typed];
      std::string where = Locate(o, url.value(), params, n);
      if (log->field.empty()) log->field = where, log->value = t.value;
      AddUnique(log->kinds, t.kind);
      AddUnique(log->encodings, std::string(encoding));
      if (!where.empty()) AddUnique(log->fields, std::string(PersonalKindLabelOf(t.kind)) + " in " + where);
    }
  }
  for (const KeyLog& k : logs) {
    AddUnique(hosts, k.host);
    std::string kinds, encodings, fields, scripts;
    for (const std::string& s : k.scripts) scripts += (scripts.empty() ? "" : ", ") + s;
    for (const std::string& s : k.kinds) kinds += (kinds.empty() ? "" : ", ") + s;
    for (const std::string& s : k.encodings) encodings += (encodings.empty() ? "" : ", ") + s;
    for (const std::string& s : k.fields) fields += (fields.empty() ? "" : "; ") + s;
    const std::optional<Vendor> vendor = LookupVendor(k.host);
    Finding& f = report.findings.emplace_back();
    f.kind = FindingKind::kKeyLogging;
    f.severity = Severity::kError;
    f.item_kind = "tracker";
    f.item = k.host;
    f.site = std::string(SiteOf(k.host));
    for (const ReportTracker& t : report.trackers) {
      if (t.site == f.site) f.item_id = t.id;
    }
    f.message = "key-logging: what was typed into the page's form was sent to " + k.host + " before any submit (" +
                encodings + "): " + fields + (scripts.empty() ? "" : ", by " + scripts) + " — " +
                std::to_string(k.requests) + " request(s)";
    f.data = FindingData{k.field, k.value, kinds, encodings, vendor ? std::string(vendor->name) : "", k.endpoint,
                         k.scripts.empty() ? "" : k.scripts.front()};
  }
  return hosts;
}

}  // namespace

void FindDataTaken(const Capture& capture, Report& report) {
  const std::vector<std::string> keylogged = KeyLogging(capture, report);
  PersonalData(keylogged, report);
  SensitiveData(report);
}

}  // namespace trackscope
