// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
// What third parties were sent: beacon payloads explained, and the key-logging,
// personal-data-to-third-party and sensitive-data-to-third-party findings.
#include <catch2/catch_test_macros.hpp>
#include <nlohmann/json.hpp>
#include <string>

#include "base/digest.h"
#include "trackscope/analyze/analyze.h"

namespace trackscope {
namespace {

constexpr std::string_view kHealthPage = "https://healthshop.example/products/in-home-hiv-test-kit";

CapturedRequest& Add(Capture& c, std::string url, ResourceType type = ResourceType::kImage) {
  CapturedRequest& r = c.requests.emplace_back();
  r.url = std::move(url);
  r.type = type;
  r.status = 200;
  return r;
}

std::vector<const Finding*> FindingsOf(const Report& r, FindingKind kind) {
  std::vector<const Finding*> out;
  for (const Finding& f : r.findings) {
    if (f.kind == kind) out.push_back(&f);
  }
  return out;
}

const PayloadItem* Item(const ReportBeacon& b, std::string_view param) {
  for (const PayloadItem& p : b.payload) {
    if (p.param == param) return &p;
  }
  return nullptr;
}

Report Run(const Capture& c, const AnalyzeOptions& options) {
  Result<Report> r = Analyze(c, options);
  REQUIRE(r.ok());
  return std::move(r).value();
}

Capture HealthShop() {
  Capture c;
  c.page_url = std::string(kHealthPage);
  c.title = "In-home HIV test kit";
  const std::string em = Sha256Hex("jane@example.org"), fn = Sha256Hex("jane");
  Add(c, "https://www.facebook.com/tr?id=1234567890&ev=ViewContent&dl=" + std::string(kHealthPage) +
             "&cd[content_name]=In-home%20HIV%20test&cd[value]=49&udff[em]=" + em + "&udff[fn]=" + fn);
  return c;
}

TEST_CASE("Health shop: sensitive data and hashed personal data in a Meta Pixel hit", "[analyze][data]") {
  const Report r = Run(HealthShop(), {});
  REQUIRE(r.beacons.size() == 1);
  const ReportBeacon& b = r.beacons[0];
  REQUIRE(b.payload.size() == 7);
  const PayloadItem* dl = Item(b, "dl");
  REQUIRE(dl);
  CHECK(dl->kind == FieldKind::kPageUrl);
  CHECK(dl->value == kHealthPage);
  REQUIRE(dl->sensitive);
  CHECK(dl->sensitive->category == SensitiveCategory::kHealth);
  const PayloadItem* em = Item(b, "udff[em]");
  REQUIRE(em);
  CHECK(em->kind == FieldKind::kPersonalData);
  CHECK(em->value == "•••• (64 chars)");  // redacted by default
  CHECK_FALSE(em->sensitive);
  CHECK(Item(b, "ev")->kind == FieldKind::kEvent);
  // The identifier list says what the hashed values are, not "random-looking value".
  for (const BeaconIdentifier& id : b.identifiers) {
    if (id.param == "udff[em]") CHECK(id.meaning == "hashed e-mail address");
    if (id.param == "udff[fn]") CHECK(id.meaning == "hashed first name");
  }
  CHECK_FALSE(Item(b, "ev")->sensitive);

  const auto sensitive = FindingsOf(r, FindingKind::kSensitiveData);
  REQUIRE(sensitive.size() == 1);  // one per endpoint and category, though dl and cd[content_name] both say it
  const Finding& s = *sensitive[0];
  CHECK(s.severity == Severity::kError);
  CHECK(s.item_id == b.id);
  REQUIRE(s.data);
  CHECK(s.data->kind == "health");
  CHECK(s.data->field == "dl");
  CHECK(s.data->matched == "hiv");
  CHECK(s.data->vendor == "Facebook");
  CHECK(s.message.find("health data in `dl` (page URL)") != std::string::npos);

  const auto personal = FindingsOf(r, FindingKind::kPersonalData);
  REQUIRE(personal.size() == 1);
  CHECK(personal[0]->severity == Severity::kWarning);  // hashed
  REQUIRE(personal[0]->data);
  CHECK(personal[0]->data->kind == "email, first-name");
  CHECK(personal[0]->data->matched == "sha256");
  CHECK(personal[0]->message.find("hashed e-mail address") != std::string::npos);
  CHECK(FindingsOf(r, FindingKind::kKeyLogging).empty());

  AnalyzeOptions with_values;
  with_values.include_values = true;
  const Report full = Run(HealthShop(), with_values);
  CHECK(Item(full.beacons[0], "udff[em]")->value == Sha256Hex("jane@example.org"));
}

TEST_CASE("Ordinary pages: no sensitive data, plain personal data is an error", "[analyze][data]") {
  Capture c;
  c.page_url = "https://shop.example/shoes/running?colour=blue";
  Add(c, "https://www.google-analytics.com/g/collect?v=2&tid=G-1&cid=123.456&en=page_view&dl=https%3A%2F%2Fshop.example"
         "%2Fshoes%2Frunning&dt=Running%20shoes%20%E2%80%93%20Shop&ep.search_term=trail%20shoes&ep.email=jane%40example.org",
      ResourceType::kXhr);
  // First-party: not "to a third party".
  Add(c, "https://shop.example/px.gif?email=jane%40example.org&dl=https%3A%2F%2Fshop.example%2Fhiv-test");
  const Report r = Run(c, {});
  CHECK(FindingsOf(r, FindingKind::kSensitiveData).empty());
  const auto personal = FindingsOf(r, FindingKind::kPersonalData);
  REQUIRE(personal.size() == 1);
  CHECK(personal[0]->severity == Severity::kError);
  CHECK(personal[0]->site == "google-analytics.com");
  CHECK(personal[0]->data->value == "•••• (16 chars)");
}

TEST_CASE("Key-logging: typed values found in third-party requests, in every encoding", "[analyze][data]") {
  const std::string email = "Marisol.Quennevault.k7@example.com";
  const std::string norm = "marisol.quennevault.k7@example.com";
  auto capture = [&](std::string url, std::string body = "") {
    Capture c;
    c.page_url = "https://signup.example/register";
    VisitorSimulation& v = c.visit.emplace();
    v.typed.push_back({"input[type=email]", "email", email, 1200});
    v.typed.push_back({"input[name=\"phone\"]", "phone", "+1 202 555 0147", 1500});
    CapturedRequest& r = Add(c, std::move(url), ResourceType::kXhr);
    r.method = body.empty() ? "GET" : "POST";
    r.request_body = std::move(body);
    r.initiator = "https://cdn.keys.example/kl.js";
    return c;
  };
  struct Case {
    std::string url, body, encoding, field;
  };
  const Case kCases[] = {
      {"https://keys.example/k?v=" + Sha256Hex(norm), "", "sha256", "query parameter `v`"},
      {"https://keys.example/k?v=" + Md5Hex(norm), "", "md5", "query parameter `v`"},
      {"https://keys.example/k?h=" + Sha1Hex(norm), "", "sha1", "query parameter `h`"},
      {"https://keys.example/k?e=Marisol.Quennevault.k7%40example.com", "", "plain", "query parameter `e`"},
      {"https://keys.example/k", R"({"fields":{"em":"TWFyaXNvbC5RdWVubmV2YXVsdC5rN0BleGFtcGxlLmNvbQ"}})", "base64",
       "body parameter `fields.em`"},
      {"https://keys.example/k?ph=" + Sha256Hex("12025550147"), "", "sha256", "query parameter `ph`"},
  };
  for (const Case& k : kCases) {
    CAPTURE(k.url, k.body);
    const Report r = Run(capture(k.url, k.body), {});
    const auto logs = FindingsOf(r, FindingKind::kKeyLogging);
    REQUIRE(logs.size() == 1);
    REQUIRE(logs[0]->data);
    CHECK(logs[0]->severity == Severity::kError);
    CHECK(logs[0]->item == "keys.example");
    CHECK(logs[0]->data->matched.find(k.encoding) != std::string::npos);
    CHECK(logs[0]->data->field == k.field);
    CHECK(logs[0]->data->script == "https://cdn.keys.example/kl.js");
    CHECK(logs[0]->data->destination == "https://keys.example/k");
    CHECK(logs[0]->message.find("before any submit") != std::string::npos);
  }
  // The site's own requests carry what it is typed into its forms: no finding.
  CHECK(FindingsOf(Run(capture("https://signup.example/validate?e=" + norm), {}), FindingKind::kKeyLogging).empty());
  // Unrelated values: nothing.
  CHECK(FindingsOf(Run(capture("https://keys.example/k?v=" + Sha256Hex("someone@else.example")), {}),
                   FindingKind::kKeyLogging)
            .empty());
  // Sent after the form was submitted: what was submitted, not key-logging.
  Capture after = capture("https://keys.example/k?v=" + Sha256Hex(norm));
  after.requests.back().time_ms = 5000;
  after.visit->submitted_ms = 4000;
  CHECK(FindingsOf(Run(after, {}), FindingKind::kKeyLogging).empty());
  after.visit->submitted_ms = 6000;  // submitted later: it left while being typed
  CHECK(FindingsOf(Run(after, {}), FindingKind::kKeyLogging).size() == 1);
  // Nothing typed: nothing to find, even with the same request.
  Capture none = capture("https://keys.example/k?v=" + Sha256Hex(norm));
  none.visit->typed.clear();
  CHECK(FindingsOf(Run(none, {}), FindingKind::kKeyLogging).empty());
}

TEST_CASE("Findings about data: JSON", "[analyze][data]") {
  const nlohmann::json j = nlohmann::json::parse(ReportToJson(Run(HealthShop(), {})));
  bool sensitive = false;
  for (const auto& f : j["findings"]) {
    if (f["kind"] != "sensitive-data-to-third-party") continue;
    sensitive = true;
    CHECK(f["data"]["kind"] == "health");
    CHECK(f["data"]["matched"] == "hiv");
  }
  CHECK(sensitive);
  const auto& payload = j["beacons"][0]["payload"];
  REQUIRE(payload.is_array());
  CHECK(payload[2]["param"] == "dl");
  CHECK(payload[2]["kind"] == "page-url");
  CHECK(payload[2]["sensitive"]["category"] == "health");
  CHECK(payload[5]["personal"]["kind"] == "email");
  CHECK(payload[5]["personal"]["hash"] == "sha256");
}

}  // namespace
}  // namespace trackscope
