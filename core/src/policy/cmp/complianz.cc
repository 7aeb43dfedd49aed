// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
// Complianz (a WordPress plugin) publishes its declaration as the site's cookie policy, which its
// REST endpoint serves as HTML (GET <site>/wp-json/complianz/v1/documents/ ->
// [{"id": "cookie-statement", "title": …, "content": "<html>"}, …]). In the HTML, per service:
//
//   <details class="cmplz-dropdown cmplz-service-desc …"> <summary …><h3>Google Analytics</h3> …
//     <div class="cookies-per-purpose"><div class="purpose"><h4>Statistics</h4></div>
//       <div class="name"><a href="https://cookiedatabase.org/…">_ga</a></div>
//       <div class="retention">2 years</div> <div class="function">…</div>  (name, retention, function repeat)
//
// A cookie's category is its purpose heading (PurposeOfCmpCategory: Preferences, Statistics,
// Marketing/Tracking), "Functional" being Complianz's always-on category: necessary. The policy
// names no domain: the cookies are declared on any domain, with their service (the <h3>). A
// document that is the HTML itself (the cookie-policy page) is read the same way.
#include <nlohmann/json.hpp>

#include "base/strings.h"
#include "policy/cmp/readers.h"
#include "trackscope/policy/consent_manager.h"

namespace trackscope::cmp {
namespace {

// The text of the element whose opening tag starts at `open` (tags removed, entities &amp; &#8211;
// kept simple), up to its closing `</tag>`.
std::string ElementText(std::string_view html, size_t open, std::string_view tag) {
  const size_t start = html.find('>', open);
  if (start == std::string_view::npos) return {};
  const size_t end = html.find("</" + std::string(tag), start);
  std::string out;
  bool in_tag = false;
  for (size_t i = start + 1; i < std::min(end, html.size()); ++i) {
    const char c = html[i];
    if (c == '<') in_tag = true;
    if (!in_tag) out += c;
    if (c == '>') in_tag = false;
  }
  for (size_t at; (at = out.find("&amp;")) != std::string::npos;) out.replace(at, 5, "&");
  return std::string(Trim(out, " \t\r\n"));
}

// Where the next class attribute naming `cls` (as the first or a later class) names it, at or
// after `from` and before `limit`; npos when none. The element's text follows the next '>'.
size_t FindClass(std::string_view html, std::string_view cls, size_t from, size_t limit) {
  for (size_t at = html.find(cls, from); at != std::string_view::npos && at < limit; at = html.find(cls, at + 1)) {
    const size_t attr = html.rfind("class=\"", at);
    const size_t tag = html.rfind('<', at);
    if (attr == std::string_view::npos || tag == std::string_view::npos || attr < tag) continue;
    const char before = html[at - 1], after = at + cls.size() < html.size() ? html[at + cls.size()] : '"';
    if ((before == '"' || before == ' ') && (after == '"' || after == ' ')) return at;
  }
  return std::string_view::npos;
}

void ReadPolicyHtml(std::string_view html, std::vector<Entry>& out) {
  for (size_t purpose = FindClass(html, "purpose", 0, html.size()); purpose != std::string_view::npos;) {
    const size_t next = FindClass(html, "purpose", purpose + 1, html.size());
    const size_t limit = next == std::string_view::npos ? html.size() : next;
    const size_t heading = html.find("<h4", purpose);
    const std::string label = heading < limit ? ElementText(html, heading, "h4") : "";
    // The service: the heading of the service description this purpose belongs to.
    // ("cmplz-service-desc" the class, not the "cmplz-service-description" inside it).
    constexpr std::string_view kDesc = "cmplz-service-desc";
    size_t desc = html.rfind(kDesc, purpose);
    while (desc != std::string_view::npos && desc > 0 && desc + kDesc.size() < html.size() &&
           html[desc + kDesc.size()] != ' ' && html[desc + kDesc.size()] != '"') {
      desc = html.rfind(kDesc, desc - 1);
    }
    std::string service;
    if (desc != std::string_view::npos) {
      if (const size_t h3 = html.find("<h3", desc); h3 < purpose) service = ElementText(html, h3, "h3");
    }
    // Complianz's "Functional" is its always-on category: what the others call necessary.
    Purpose p = PurposeOfCmpCategory(label);
    if (p == Purpose::kFunctional && ToLowerAscii(label).find("functional") != std::string::npos) p = Purpose::kNecessary;
    for (size_t name = FindClass(html, "name", purpose, limit); name != std::string_view::npos;
         name = FindClass(html, "name", name + 1, limit)) {
      Entry e;
      e.name = ElementText(html, name, "div");
      if (e.name.empty() || e.name.find(' ') != std::string::npos) continue;
      const size_t following = FindClass(html, "name", name + 1, limit);
      const size_t retention = FindClass(html, "retention", name, following == std::string_view::npos ? limit : following);
      if (retention != std::string_view::npos) e.lifetime_days = ParseLifetime(ElementText(html, retention, "div"));
      e.purpose = p;
      e.any_domain = true;
      e.service = service;
      e.where = "cookie policy, " + e.name;
      out.push_back(std::move(e));
    }
    purpose = next;
  }
}

}  // namespace

std::optional<Error> ReadComplianz(std::string_view body, std::vector<Entry>& out) {
  const size_t before = out.size();
  const nlohmann::json docs = nlohmann::json::parse(body.begin(), body.end(), nullptr, false);
  if (docs.is_array()) {
    for (const nlohmann::json& d : docs) {
      if (!d.is_object() || !d.contains("id") || !d["id"].is_string() || !d.contains("content") || !d["content"].is_string()) continue;
      if (d["id"].get_ref<const std::string&>().rfind("cookie-statement", 0) != 0) continue;
      ReadPolicyHtml(d["content"].get_ref<const std::string&>(), out);
      if (out.size() > before) break;  // the first cookie policy that lists cookies (the EU one comes first)
    }
  } else if (body.find("cmplz-service-desc") != std::string_view::npos) {
    ReadPolicyHtml(body, out);
  }
  if (out.size() == before) return Error{"", "no Complianz cookie policy listing cookies (cookie-statement with cmplz-service-desc) in the document"};
  return std::nullopt;
}

}  // namespace trackscope::cmp
