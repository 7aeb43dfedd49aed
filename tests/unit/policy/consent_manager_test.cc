// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
#include "trackscope/policy/consent_manager.h"

#include <catch2/catch_approx.hpp>
#include <catch2/catch_test_macros.hpp>
#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>
#include "trackscope/analyze/analyze.h"
#include "trackscope/capture/capture.h"
#include "policy/cmp/js_literal.h"

namespace trackscope {
namespace {

std::string ReadFile(const std::string& relative) {
  std::ifstream in(std::string(TRACKSCOPE_SOURCE_DIR) + "/" + relative, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

const Policy& Consent() { return *FindBundledPolicy("consent-manager"); }

std::string CategoryId(const Policy& p, size_t i) { return p.categories()[i].id; }

const DeclaredCookie* Cookie(const Declaration& d, std::string_view name, std::string_view domain) {
  for (const DeclaredCookie& c : d.cookies) {
    if (c.name == name && c.domain == domain) return &c;
  }
  return nullptr;
}

bool HasVendor(const Declaration& d, std::string_view domain) {
  for (const DeclaredVendor& v : d.vendors) {
    for (const std::string& x : v.domains) {
      if (x == domain) return true;
    }
  }
  return false;
}

TEST_CASE("Declared lifetimes: the words of cookie declarations in six languages", "[policy][cmp]") {
  struct Case {
    std::string_view text;
    std::optional<double> days;
  };
  const Case kCases[] = {
      {"Session", 0.0}, {"sitzung", 0.0}, {"Persistent", kPersistentLifetime}, {"1 year", 365.25},
      {"2 years", 730.5}, {"219 days", 219.0}, {"13 months", 13 * 30.44}, {"30 minutes", 30.0 / 1440},
      {"1 day", 1.0}, {"2 Jahre", 730.5}, {"90 jours", 90.0}, {"1 an", 365.25}, {"6 années", 6 * 365.25},
      {"2 días", 2.0}, {"3 mesi", 3 * 30.44}, {"1 jaar", 365.25}, {"1,5 hours", 1.5 / 24}, {"  12 hours ", 0.5},
      {"400", std::nullopt}, {"Pending", std::nullopt}, {"", std::nullopt}, {"days", std::nullopt},
      {"1 fortnight", std::nullopt}, {"1.2.3 days", std::nullopt}, {"95752 months", 95752 * 30.44},
      {"288888888888888888888 years", kPersistentLifetime},
  };
  for (const Case& c : kCases) {
    CAPTURE(c.text);
    const std::optional<double> got = ParseLifetime(c.text);
    REQUIRE(got.has_value() == c.days.has_value());
    if (c.days && *c.days != kPersistentLifetime) CHECK(*got == Catch::Approx(*c.days));
    if (c.days && *c.days == kPersistentLifetime) CHECK(*got == kPersistentLifetime);
  }
}

TEST_CASE("A cookie outlives its declaration beyond the declaration's rounding", "[policy][cmp]") {
  struct Case {
    std::optional<double> observed;
    double declared;
    bool outlives;
  };
  const Case kCases[] = {
      {std::nullopt, 0, false},          // session, declared session
      {std::nullopt, 365.25, false},     // session, declared a year
      {1.0, 0, true},                    // persistent, declared session
      {400, 365.25, false},              // Chrome's 400-day cap for "1 year": within 10 % + 1 day
      {730, 365.25, true},               // two years, declared one
      {90, 30.44, true},
      {1.9, 1, false},                   // "1 day" covers up to two
      {3, 1, true},
      {5000, kPersistentLifetime, false},
  };
  for (const Case& c : kCases) {
    CAPTURE(c.observed.value_or(-1), c.declared);
    CHECK(OutlivesDeclared(c.observed, c.declared) == c.outlives);
  }
}

TEST_CASE("CMP documents are recognised by their URLs", "[policy][cmp]") {
  struct Case {
    std::string_view url;
    std::optional<Cmp> cmp;
  };
  const Case kCases[] = {
      {"https://consent.cookiebot.com/57947215-bf68-4a54-a017-454edced5413/cc.js?renew=false&referer=www.purplemath.com", Cmp::kCookiebot},
      {"https://consent.cookiebot.eu/57947215-bf68-4a54-a017-454edced5413/cc.js", Cmp::kCookiebot},
      {"https://consent.cookiebot.com/uc.js", std::nullopt},
      {"https://consent.cookiebot.com/57947215-bf68-4a54-a017-454edced5413/cd.js", std::nullopt},
      {"https://cdn.cookielaw.org/consent/c35c6f7d-193e-4894-98df-457010b6e404/eb848949-a6d2-47e9-910d-302932250873/en.json", Cmp::kOneTrust},
      {"https://cdn-ukwest.onetrust.com/consent/c35c6f7d/eb848949/de.json", Cmp::kOneTrust},
      {"https://cdn.cookielaw.org/consent/c35c6f7d-193e-4894-98df-457010b6e404/c35c6f7d-193e-4894-98df-457010b6e404.json", std::nullopt},
      {"https://cdn.cookielaw.org/scripttemplates/otSDKStub.js", std::nullopt},
      {"https://api.usercentrics.eu/settings/wfj7w1jmNugSsu/latest/en.json", Cmp::kUsercentrics},
      {"https://api.usercentrics.eu/settings/wfj7w1jmNugSsu/latest/languages.json", std::nullopt},
      {"https://aggregator.service.usercentrics.eu/aggregate/en?templates=HkocEodjb7@1.0.0", Cmp::kUsercentrics},
      {"https://cdn-cookieyes.com/client_data/0a1b2c3d4e5f60718293a4b5/script.js", Cmp::kCookieYes},
      {"https://cdn-cookieyes.com/client_data/0a1b2c3d4e5f60718293a4b5/audit-table/D1cVpW-z.json", Cmp::kCookieYes},
      {"https://cdn-cookieyes.com/client_data/0a1b2c3d4e5f60718293a4b5/banner.js", std::nullopt},
      {"https://www.shop.example/wp-json/complianz/v1/documents/", Cmp::kComplianz},
      {"https://www.shop.example/wp-json/complianz/v1/banner/", std::nullopt},
      {"https://consent.cookiebot.com.evil.example/x/cc.js", std::nullopt},
      {"not a url", std::nullopt},
  };
  for (const Case& c : kCases) {
    CAPTURE(c.url);
    CHECK(CmpDocumentOf(c.url) == c.cmp);
  }
}

TEST_CASE("Complianz's banner script names the REST document to fetch", "[policy][cmp]") {
  struct Case {
    std::string_view loaded;
    std::optional<std::string> fetch;
  };
  const Case kCases[] = {
      {"https://www.shop.example/wp-content/plugins/complianz-gdpr/cookiebanner/js/complianz.min.js?ver=1700000000",
       "https://www.shop.example/wp-json/complianz/v1/documents/"},
      {"https://WWW.Shop.Example:8443/blog/wp-content/plugins/complianz-gdpr-premium/cookiebanner/js/complianz.js",
       "https://www.shop.example:8443/blog/wp-json/complianz/v1/documents/"},
      {"http://shop.example/wp-content/plugins/complianz-gdpr/cookiebanner/css/defaults/banner.css",
       "http://shop.example/wp-json/complianz/v1/documents/"},
      {"https://www.shop.example/wp-content/plugins/complianz-gdpr/assets/icons.svg", std::nullopt},
      {"https://www.shop.example/wp-content/plugins/cookie-law-info/js/cookie-law-info-public.js", std::nullopt},
      {"https://www.shop.example/wp-json/complianz/v1/documents/", std::nullopt},
      {"ftp://shop.example/wp-content/plugins/complianz-gdpr/cookiebanner/js/complianz.js", std::nullopt},
      {"not a url", std::nullopt},
  };
  for (const Case& c : kCases) {
    CAPTURE(c.loaded);
    const std::optional<std::string> fetch = CmpDocumentToFetch(c.loaded);
    CHECK(fetch == c.fetch);
    if (fetch) CHECK(CmpDocumentOf(*fetch) == Cmp::kComplianz);
  }
}

TEST_CASE("CMP category names become purposes", "[policy][cmp]") {
  struct Case {
    std::string_view name;
    Purpose purpose;
  };
  const Case kCases[] = {
      {"Strictly Necessary Cookies", Purpose::kNecessary}, {"C0001", Purpose::kNecessary}, {"essential", Purpose::kNecessary},
      {"Notwendige Cookies", Purpose::kNecessary}, {"Cookies nécessaires", Purpose::kNecessary},
      {"Performance Cookies", Purpose::kAnalytics}, {"C0002", Purpose::kAnalytics}, {"Statistiken", Purpose::kAnalytics},
      {"Functional Cookies", Purpose::kFunctional}, {"Präferenzen", Purpose::kFunctional}, {"C0003", Purpose::kFunctional},
      {"Targeting Cookies", Purpose::kAdvertising}, {"marketing", Purpose::kAdvertising}, {"advertisement", Purpose::kAdvertising},
      {"Social Media Cookies", Purpose::kSocial}, {"C0005", Purpose::kSocial},
      {"Uncategorised cookies", Purpose::kUnclassified}, {"Sale of Personal Data", Purpose::kUnclassified}, {"", Purpose::kUnclassified},
  };
  for (const Case& c : kCases) {
    CAPTURE(c.name);
    CHECK(PurposeOfCmpCategory(c.name) == c.purpose);
  }
}

constexpr std::string_view kCookiebot = R"JS(
CookieConsentDialog.cookieTableNecessary = [["shop_session","shop.example","Keeps the cart.","Session","HTTP","1","","www.shop.example"],["SESS#","shop.example","Session.","1 day","HTTP","1","^SESS.+","www.shop.example"]];
CookieConsentDialog.cookieTablePreference = [];
CookieConsentDialog.cookieTableStatistics = [["_ga","shop.example","Registers a unique ID.","2 years","HTTP","1","","www.shop.example"],["_gat","shop.example","Throttles.","1 day","HTTP","1","^_gat(_.+)*$","www.shop.example"],["collect","google-analytics.com","Sends data.","Session","Pixel","5","^[r\/]*collect$","www.google-analytics.com"]];
CookieConsentDialog.cookieTableAdvertising = [["uid","adnet.example<br/>adnet-cdn.example","Tracks visitors across sites.","3 months","HTTP","1","","adnet.example"],["it\'s","adnet.example","Quoted.","Persistent","HTTP","1","",""]];
CookieConsentDialog.cookieTableUnclassified = [["lastVisit","shop.example","Pending","Persistent","HTML","2","","www.shop.example"]];
)JS";

TEST_CASE("Cookiebot's cc.js becomes a declaration in the policy's categories", "[policy][cmp]") {
  const CmpDocument docs[] = {{"https://consent.cookiebot.com/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0/cc.js", std::string(kCookiebot)}};
  Result<CmpDeclaration> r = ReadCmpDeclaration(docs, "https://www.shop.example/", Consent());
  REQUIRE(r.ok());
  const CmpDeclaration& c = r.value();
  const Declaration& d = c.declaration;
  CHECK(c.cmp == Cmp::kCookiebot);
  CHECK(c.entries == 8);
  CHECK(d.source == "Cookiebot declaration https://consent.cookiebot.com/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0/cc.js");
  // Names: '#' and a pattern's tail become '*'; escapes are undone.
  REQUIRE(Cookie(d, "shop_session", "shop.example"));
  CHECK(*Cookie(d, "shop_session", "shop.example")->lifetime_days == 0);
  REQUIRE(Cookie(d, "SESS*", "shop.example"));
  REQUIRE(Cookie(d, "_gat*", "shop.example"));
  REQUIRE(Cookie(d, "it's", "adnet.example"));
  CHECK(*Cookie(d, "it's", "adnet.example")->lifetime_days == kPersistentLifetime);
  // Categories: the consent-manager policy's, for the purpose, party and lifetime.
  CHECK(CategoryId(Consent(), Cookie(d, "shop_session", "shop.example")->category) == "necessary");
  CHECK(CategoryId(Consent(), Cookie(d, "_ga", "shop.example")->category) == "statistics");
  CHECK(Cookie(d, "_ga", "shop.example")->lifetime_days == Catch::Approx(730.5));
  // A cookie on two domains is declared on each; third parties become vendors.
  REQUIRE(Cookie(d, "uid", "adnet.example"));
  REQUIRE(Cookie(d, "uid", "adnet-cdn.example"));
  CHECK(CategoryId(Consent(), Cookie(d, "uid", "adnet.example")->category) == "marketing");
  CHECK(HasVendor(d, "adnet.example"));
  CHECK(HasVendor(d, "adnet-cdn.example"));
  CHECK(HasVendor(d, "google-analytics.com"));
  CHECK_FALSE(HasVendor(d, "shop.example"));
  // The pixel is a beacon on its host; the HTML (storage) entry is only counted.
  REQUIRE(d.beacons.size() == 1);
  CHECK(d.beacons[0].host == "google-analytics.com");
  CHECK(d.beacons[0].path_prefix.empty());
  REQUIRE(c.notes.size() == 1);
  CHECK(c.notes[0].message.find("1 local-storage entry not checked") == 0);
  CHECK(d.cookies.size() == 7);

  // Under the default policy first-party analytics is Functional, third-party advertising Marketing.
  Result<CmpDeclaration> def = ReadCmpDeclaration(docs, "https://www.shop.example/", DefaultPolicy());
  REQUIRE(def.ok());
  CHECK(CategoryId(DefaultPolicy(), Cookie(def.value().declaration, "_ga", "shop.example")->category) == "functional");
  CHECK(CategoryId(DefaultPolicy(), Cookie(def.value().declaration, "uid", "adnet.example")->category) == "marketing");
}

TEST_CASE("A declaration converted from a CMP is written as a policy file and read back", "[policy][cmp]") {
  const CmpDocument docs[] = {{"https://consent.cookiebot.com/0f1e/cc.js", std::string(kCookiebot)}};
  Result<CmpDeclaration> r = ReadCmpDeclaration(docs, "https://www.shop.example/", Consent());
  REQUIRE(r.ok());
  const std::string json = Consent().DeclarationDocument(r.value().declaration);
  Result<Policy> back = Consent().WithDeclaration(json);
  REQUIRE(back.ok());
  const Declaration& d = *back.value().declaration();
  CHECK(d.source == r.value().declaration.source);
  REQUIRE(d.cookies.size() == r.value().declaration.cookies.size());
  for (const DeclaredCookie& c : r.value().declaration.cookies) {
    CAPTURE(c.name, c.domain);
    const DeclaredCookie* again = Cookie(d, c.name, c.domain);
    REQUIRE(again);
    CHECK(again->category == c.category);
    REQUIRE(again->lifetime_days.has_value() == c.lifetime_days.has_value());
    // Written in words ("2 years"), so equal up to the rounding of words.
    if (c.lifetime_days && *c.lifetime_days != kPersistentLifetime) CHECK(*again->lifetime_days == Catch::Approx(*c.lifetime_days).epsilon(0.05));
  }
  CHECK(d.vendors.size() == r.value().declaration.vendors.size());
  CHECK(d.beacons.size() == r.value().declaration.beacons.size());
  // A lifetime that is no lifetime is an error naming where.
  Result<Policy> bad = Consent().WithDeclaration(R"({"categories": {"necessary": {"cookies": [{"name": "a", "lifetime": "forever"}]}}})");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().path == "$.categories.necessary.cookies[0].lifetime");
}

TEST_CASE("Every declared lifetime is written in words that read back", "[policy][cmp]") {
  // Found by the cmp_declaration fuzzer: a Usercentrics cookie of a few seconds was written as
  // "less than a minute", which the declaration reader refuses.
  struct Case {
    double days;
    std::string_view words;
    double read_back;
  };
  const Case kCases[] = {
      {30.0 / 86400, "30 seconds", 30.0 / 86400},
      {0.2 / 86400, "1 second", 1.0 / 86400},
      {59.4 / 86400, "59 seconds", 59.0 / 86400},
      {14.0 / 1440, "14 minutes", 14.0 / 1440},
      {730.5, "2 years", 730.5},
      {0, "session", 0},
      {-1, "session", 0},  // a CMP's "-1": no lifetime a browser keeps
      {kPersistentLifetime, "persistent", kPersistentLifetime},
  };
  for (const Case& c : kCases) {
    CAPTURE(c.days);
    Declaration d;
    DeclaredCookie& cookie = d.cookies.emplace_back();
    cookie.name = "uid";
    cookie.domain = "shop.example";
    cookie.lifetime_days = c.days;
    const std::string json = Consent().DeclarationDocument(d, -1);
    CHECK(json.find("\"lifetime\":\"" + std::string(c.words) + "\"") != std::string::npos);
    Result<Policy> back = Consent().WithDeclaration(json);
    REQUIRE(back.ok());
    REQUIRE(back.value().declaration()->cookies.size() == 1);
    CHECK(*back.value().declaration()->cookies[0].lifetime_days == Catch::Approx(c.read_back));
  }
}

TEST_CASE("OneTrust's cookie list becomes a declaration", "[policy][cmp]") {
  const std::string body = R"({"DomainData": {"Groups": [
    {"CustomGroupId": "C0001", "GroupName": "Strictly Necessary Cookies", "Parent": "",
     "FirstPartyCookies": [{"Name": "OptanonConsent", "Host": "shop.example", "IsSession": false, "Length": "365"}], "Hosts": []},
    {"CustomGroupId": "C0002", "GroupName": "Performance Cookies", "Parent": "",
     "FirstPartyCookies": [{"Name": "_ga", "Host": "www.shop.example", "IsSession": "0", "Length": "730"},
                           {"Name": "_gid", "Host": "shop.example", "IsSession": "1", "Length": "0"}], "Hosts": []},
    {"CustomGroupId": "C0004", "GroupName": "Targeting Cookies", "Parent": "",
     "FirstPartyCookies": [], "Hosts": [{"HostName": "adnet.example", "Cookies": [{"Name": "uid", "Host": "adnet.example", "IsSession": false, "Length": "90"}]}]},
    {"CustomGroupId": "V2STACK42", "GroupName": "Precise geolocation", "Parent": "C0004",
     "FirstPartyCookies": [], "Hosts": [{"HostName": "geo.example", "Cookies": [{"Name": "loc", "IsSession": true}]}]}
  ]}})";
  const CmpDocument docs[] = {{"https://cdn.cookielaw.org/consent/abc/def/en.json", body}, {"https://cdn.cookielaw.org/consent/abc/ghi/en.json", "[1,2]"}};
  Result<CmpDeclaration> r = ReadCmpDeclaration(docs, "https://www.shop.example/", Consent());
  REQUIRE(r.ok());
  const Declaration& d = r.value().declaration;
  CHECK(r.value().cmp == Cmp::kOneTrust);
  CHECK(r.value().entries == 5);
  REQUIRE(Cookie(d, "OptanonConsent", "shop.example"));
  CHECK(CategoryId(Consent(), Cookie(d, "OptanonConsent", "shop.example")->category) == "necessary");
  CHECK(Cookie(d, "OptanonConsent", "shop.example")->lifetime_days == Catch::Approx(365));
  REQUIRE(Cookie(d, "_ga", "shop.example"));  // www.shop.example: declared for the site
  CHECK(CategoryId(Consent(), Cookie(d, "_ga", "shop.example")->category) == "statistics");
  CHECK(*Cookie(d, "_gid", "shop.example")->lifetime_days == 0);
  CHECK(CategoryId(Consent(), Cookie(d, "uid", "adnet.example")->category) == "marketing");
  // A sub-group takes its parent's category; its host's cookies live on the host.
  REQUIRE(Cookie(d, "loc", "geo.example"));
  CHECK(CategoryId(Consent(), Cookie(d, "loc", "geo.example")->category) == "marketing");
  CHECK(HasVendor(d, "adnet.example"));
  // The second document is not a cookie list: a note names it; the first is still read.
  REQUIRE(r.value().notes.size() == 1);
  CHECK(r.value().notes[0].path == "https://cdn.cookielaw.org/consent/abc/ghi/en.json");
  CHECK(r.value().urls == std::vector<std::string>{"https://cdn.cookielaw.org/consent/abc/def/en.json"});
}

TEST_CASE("Usercentrics: service categories from the settings, cookies from the service details", "[policy][cmp]") {
  const std::string settings = R"({"settingsId": "Xy12", "categories": [
      {"categorySlug": "essential", "label": "Essential", "isEssential": true},
      {"categorySlug": "customstats", "label": "Statistics", "isEssential": false},
      {"categorySlug": "marketing", "label": "Marketing", "isEssential": false}],
    "consentTemplates": [{"templateId": "T1", "version": "1.0.0", "categorySlug": "customstats"},
                         {"templateId": "T2", "version": "2.0.0", "categorySlug": "marketing"},
                         {"templateId": "T3", "version": "1.0.0", "categorySlug": "essential"}]})";
  const std::string details = R"({"templates": [
    {"templateId": "T1", "dataProcessor": "Metrics", "deviceStorage": {"disclosures": [
       {"identifier": "_mt", "type": "cookie", "maxAgeSeconds": 31536000, "domain": ".shop.example"},
       {"identifier": "mt_cache", "type": "web", "maxAgeSeconds": null, "domain": "*"}]}},
    {"templateId": "T2", "dataProcessor": "Adnet", "deviceStorage": {"disclosures": [
       {"identifier": "uid", "type": 0, "maxAgeSeconds": 7776000, "domain": "adnet.example"}]}},
    {"templateId": "T3", "deviceStorage": {"disclosures": [{"identifier": "uc_settings", "type": "cookie", "maxAgeSeconds": 0, "domain": "*"}]}},
    {"templateId": "T9", "deviceStorage": null}]})";
  const CmpDocument docs[] = {{"https://aggregator.service.usercentrics.eu/aggregate/en?templates=T1@1.0.0,T2@2.0.0,T3@1.0.0", details},
                              {"https://api.usercentrics.eu/settings/Xy12/latest/en.json", settings}};
  Result<CmpDeclaration> r = ReadCmpDeclaration(docs, "https://shop.example/", Consent());
  REQUIRE(r.ok());
  const Declaration& d = r.value().declaration;
  CHECK(r.value().entries == 4);
  REQUIRE(Cookie(d, "_mt", "shop.example"));
  CHECK(CategoryId(Consent(), Cookie(d, "_mt", "shop.example")->category) == "statistics");
  CHECK(Cookie(d, "_mt", "shop.example")->lifetime_days == Catch::Approx(365));
  REQUIRE(Cookie(d, "uid", "adnet.example"));
  CHECK(CategoryId(Consent(), Cookie(d, "uid", "adnet.example")->category) == "marketing");
  REQUIRE(Cookie(d, "uc_settings", "shop.example"));  // domain "*": the site's own
  CHECK(*Cookie(d, "uc_settings", "shop.example")->lifetime_days == 0);
  CHECK(CategoryId(Consent(), Cookie(d, "uc_settings", "shop.example")->category) == "necessary");
  CHECK(d.cookies.size() == 3);  // mt_cache is storage
}

TEST_CASE("Documents that are no declaration fail with their URL and reason", "[policy][cmp]") {
  const CmpDocument docs[] = {{"https://consent.cookiebot.com/0f1e/cc.js", "var x = 1;"},
                              {"https://cdn.cookielaw.org/consent/a/b/en.json", "{not json"},
                              {"https://shop.example/cookies.json", "{}"}};
  Result<CmpDeclaration> r = ReadCmpDeclaration(docs, "https://shop.example/", Consent());
  REQUIRE_FALSE(r.ok());
  const std::string& m = r.error().message;
  CHECK(m.find("https://consent.cookiebot.com/0f1e/cc.js: no Cookiebot cookie table") != std::string::npos);
  CHECK(m.find("https://cdn.cookielaw.org/consent/a/b/en.json: not a JSON object") != std::string::npos);
  CHECK(m.find("https://shop.example/cookies.json: not a consent manager's declaration") != std::string::npos);
  // An unterminated table is an error, not a crash or a partial read.
  const CmpDocument cut[] = {{"https://consent.cookiebot.com/0f1e/cc.js", R"(cookieTableNecessary = [["a","shop.example","x","Session")"}};
  REQUIRE_FALSE(ReadCmpDeclaration(cut, "https://shop.example/", Consent()).ok());
}

TEST_CASE("JavaScript literals in CMP scripts read as JSON", "[policy][cmp]") {
  struct Case {
    std::string_view text;
    std::string_view json;  // "" = not a literal
  };
  const Case kCases[] = {
      {R"([["_ga", 'shop.example', "it\'s"],])", R"([["_ga","shop.example","it's"]])"},
      {R"({slug:"analytics",isNecessary:!1,defaultConsent:{gdpr:!0,ccpa:false},cookies:[],})",
       R"({"cookies":[],"defaultConsent":{"ccpa":false,"gdpr":true},"isNecessary":false,"slug":"analytics"})"},
      {R"({"a": -1.5e2, 'b': null, c: "\u00e9\/"} trailing code)", R"({"a":-150.0,"b":null,"c":"\u00e9/"})"},
      {"[1, 2", ""}, {"[f(1)]", ""}, {"{a b}", ""}, {R"("unterminated)", ""}, {"", ""}, {R"(["\u12"])", ""},
  };
  for (const Case& c : kCases) {
    CAPTURE(c.text);
    const std::optional<nlohmann::json> got = cmp::ParseJsLiteral(c.text);
    REQUIRE(got.has_value() == !c.json.empty());
    if (got) CHECK(*got == nlohmann::json::parse(c.json));
  }
  // A key is found where it is assigned a literal of the asked type, as a whole name.
  const std::string_view script = R"(this.t="";x.tCount=2;if(a.t==b){};x.t = [["a"]];)";
  const std::optional<nlohmann::json> t = cmp::FindJsLiteral(script, "t", nlohmann::json::value_t::array);
  REQUIRE(t);
  CHECK(*t == nlohmann::json::parse(R"([["a"]])"));
  CHECK_FALSE(cmp::FindJsLiteral(script, "t", nlohmann::json::value_t::object));
}

TEST_CASE("CookieYes: the script's categories, the audit table's lifetimes", "[policy][cmp]") {
  // As the CDN serves it, minified.
  const std::string script = R"JS(!function(){var ref=window.cookieyes={};ref._ckyStore={_backupNodes:[],_categories:[{slug:"necessary",isNecessary:!0,defaultConsent:{gdpr:!0,ccpa:!0},cookies:[{cookieID:"cookieyes-consent",domain:"shop.example"}]},{slug:"analytics",isNecessary:!1,defaultConsent:{gdpr:!1,ccpa:!1},cookies:[{cookieID:"_ga",domain:".shop.example"},{cookieID:"_ga_*",domain:".shop.example"}]},{slug:"advertisement",isNecessary:!1,defaultConsent:{gdpr:!1,ccpa:!1},cookies:[{cookieID:"uid",domain:"adnet.example"},{cookieID:"_gcl_au",domain:"gtm"}]},{slug:"other",isNecessary:!1,defaultConsent:{gdpr:!1,ccpa:!1},cookies:[]}],_providersToBlock:[],_rootDomain:"shop.example"};ref._ckyStore._categories.some(function(c){return c})}();)JS";
  const std::string audit = R"({"cky_audit_table_header_id":"Cookie","cookies":{"cookieyes-consent":{"duration":"1 year","description":"x"},
    "_ga":{"duration":"1 year 1 month 4 days"},"uid":{"duration":"session"},"_gcl_au":{"duration":"3 months"}}})";
  const CmpDocument docs[] = {{"https://cdn-cookieyes.com/client_data/0a1b/script.js", script},
                              {"https://cdn-cookieyes.com/client_data/0a1b/audit-table/D1cVpW-z.json", audit}};
  Result<CmpDeclaration> r = ReadCmpDeclaration(docs, "https://www.shop.example/", Consent());
  REQUIRE(r.ok());
  const Declaration& d = r.value().declaration;
  CHECK(r.value().cmp == Cmp::kCookieYes);
  CHECK(r.value().entries == 5);
  CHECK(CategoryId(Consent(), Cookie(d, "cookieyes-consent", "shop.example")->category) == "necessary");
  CHECK(Cookie(d, "cookieyes-consent", "shop.example")->lifetime_days == Catch::Approx(365.25));
  REQUIRE(Cookie(d, "_ga", "shop.example"));
  CHECK(Cookie(d, "_ga", "shop.example")->lifetime_days == Catch::Approx(365.25 + 30.44 + 4));
  CHECK_FALSE(Cookie(d, "_ga_*", "shop.example")->lifetime_days);
  CHECK(CategoryId(Consent(), Cookie(d, "uid", "adnet.example")->category) == "marketing");
  CHECK(*Cookie(d, "uid", "adnet.example")->lifetime_days == 0);
  // "gtm" names no site: the page's own.
  REQUIRE(Cookie(d, "_gcl_au", "shop.example"));
  CHECK(HasVendor(d, "adnet.example"));
}

// Real cc.js files of two sites (tests/realworld/cmp/SOURCES.md).
TEST_CASE("Real Cookiebot declarations: purplemath.com and gamefly.com", "[policy][cmp][realworld]") {
  const CmpDocument purple[] = {{"https://consent.cookiebot.com/57947215-bf68-4a54-a017-454edced5413/cc.js",
                                 ReadFile("tests/realworld/cmp/cookiebot-purplemath-cc.js")}};
  REQUIRE(purple[0].body.size() > 100000);
  Result<CmpDeclaration> r = ReadCmpDeclaration(purple, "https://www.purplemath.com/", Consent());
  REQUIRE(r.ok());
  const Declaration& d = r.value().declaration;
  // The file's tables: 6 necessary, 3 preference, 7 statistics rows, and more.
  CHECK(r.value().entries >= 16);
  REQUIRE(Cookie(d, "PHPSESSID*", "purplemath.com"));
  CHECK(CategoryId(Consent(), Cookie(d, "PHPSESSID*", "purplemath.com")->category) == "necessary");
  CHECK(*Cookie(d, "PHPSESSID*", "purplemath.com")->lifetime_days == 0);
  REQUIRE(Cookie(d, "SESS*", "purplemath.com"));
  REQUIRE(Cookie(d, "_ga", "purplemath.com"));
  REQUIRE(Cookie(d, "_ga", "mathway.com"));
  CHECK(CategoryId(Consent(), Cookie(d, "_ga", "purplemath.com")->category) == "statistics");
  CHECK(Cookie(d, "_ga", "purplemath.com")->lifetime_days == Catch::Approx(730.5));
  REQUIRE(Cookie(d, "Mathway.Culture", "mathway.com"));
  CHECK(CategoryId(Consent(), Cookie(d, "Mathway.Culture", "mathway.com")->category) == "preferences");
  REQUIRE(Cookie(d, "IDE", "doubleclick.net"));
  CHECK(CategoryId(Consent(), Cookie(d, "IDE", "doubleclick.net")->category) == "marketing");
  CHECK(HasVendor(d, "doubleclick.net"));
  CHECK(HasVendor(d, "mathway.com"));
  bool ga_pixel = false;
  for (const DeclaredBeacon& b : d.beacons) ga_pixel = ga_pixel || b.host == "google-analytics.com";
  CHECK(ga_pixel);

  const CmpDocument gamefly[] = {{"https://consent.cookiebot.com/38e1da47-6b78-4193-8031-61d6f2fa024e/cc.js",
                                  ReadFile("tests/realworld/cmp/cookiebot-gamefly-cc.js")}};
  Result<CmpDeclaration> g = ReadCmpDeclaration(gamefly, "https://www.gamefly.com/", Consent());
  REQUIRE(g.ok());
  REQUIRE(Cookie(g.value().declaration, "_fbp", "gamefly.com"));
  CHECK(CategoryId(Consent(), Cookie(g.value().declaration, "_fbp", "gamefly.com")->category) == "marketing");
  REQUIRE(Cookie(g.value().declaration, "_gat*", "gamefly.com"));  // a real _gat_UA-29434552-8 matches it
  CHECK(g.value().declaration.FindCookie("_gat_UA-29434552-8", "www.gamefly.com"));
  CHECK(HasVendor(g.value().declaration, "tapad.com"));
}

TEST_CASE("Complianz: the cookie policy the site's REST API serves", "[policy][cmp]") {
  const nlohmann::json docs = nlohmann::json::array({
      {{"id", "privacy-statement"}, {"content", "<p>nothing</p>"}},
      {{"id", "cookie-statement"}, {"title", "Cookie Policy (EU)"}, {"content", R"(<details class="cmplz-dropdown cmplz-service-desc">
        <summary class="cmplz-service-header"><div><h3>Google Analytics</h3><input type="checkbox" data-category="statistics"></div></summary>
        <div class="cookies-per-purpose"><div class="purpose"><h4>Statistics</h4></div>
          <div class="name-header"><h5>Name</h5></div><div class="name"><a href="https://cookiedatabase.org/cookie/google-analytics/ga/">_ga</a></div>
          <div class="retention-header"><h5>Expiration</h5></div><div class="retention">2 years</div><div class="function">Store and count pageviews</div>
          <div class="name"><a href="#">_gat_gtag_UA_*</a></div><div class="retention">1 minute</div></div></details>
        <details class="cmplz-dropdown cmplz-service-desc"><div class="cookies-per-purpose"><div class="purpose"><h4>Marketing/Tracking</h4></div>
          <div class="name">_fbp</div><div class="retention">3 months</div><div class="name">fr</div><div class="retention">expires immediately</div></div></details>)"}}});
  const CmpDocument in[] = {{"https://www.shop.example/wp-json/complianz/v1/documents/", docs.dump()}};
  Result<CmpDeclaration> r = ReadCmpDeclaration(in, "https://www.shop.example/", Consent());
  REQUIRE(r.ok());
  const Declaration& d = r.value().declaration;
  CHECK(r.value().cmp == Cmp::kComplianz);
  CHECK(d.cookies.size() == 4);
  REQUIRE(Cookie(d, "_ga", ""));  // no domain: declared on any
  CHECK(CategoryId(Consent(), Cookie(d, "_ga", "")->category) == "statistics");
  CHECK(Cookie(d, "_ga", "")->lifetime_days == Catch::Approx(730.5));
  CHECK(Cookie(d, "_gat_gtag_UA_*", "")->lifetime_days == Catch::Approx(1.0 / 1440));
  CHECK(CategoryId(Consent(), Cookie(d, "_fbp", "")->category) == "marketing");
  CHECK_FALSE(Cookie(d, "fr", "")->lifetime_days);
  // The service the vendor data knows is a vendor by name (the second service is unnamed).
  REQUIRE(d.vendors.size() == 1);
  CHECK(d.vendors[0].name == "Google Analytics");
  CHECK(d.vendors[0].domains.empty());
  CHECK(CategoryId(Consent(), d.vendors[0].category) == "statistics");
  const CmpDocument none[] = {{"https://www.shop.example/wp-json/complianz/v1/documents/", R"([{"id":"cookie-statement","content":"<p>no list</p>"}])"}};
  REQUIRE_FALSE(ReadCmpDeclaration(none, "https://www.shop.example/", Consent()).ok());
}

// A real Complianz cookie policy (tests/realworld/cmp/SOURCES.md), as the page that shows it.
TEST_CASE("A real Complianz cookie policy: 8 services", "[policy][cmp][realworld]") {
  const nlohmann::json docs = nlohmann::json::array({{{"id", "cookie-statement"}, {"content", ReadFile("tests/realworld/cmp/complianz-popcet-cookie-policy.html")}}});
  const CmpDocument in[] = {{"https://popcet.example/wp-json/complianz/v1/documents/", docs.dump()}};
  Result<CmpDeclaration> r = ReadCmpDeclaration(in, "https://popcet.example/", Consent());
  REQUIRE(r.ok());
  const Declaration& d = r.value().declaration;
  CHECK(d.cookies.size() >= 90);
  REQUIRE(Cookie(d, "google_experiment_mod*", ""));
  CHECK(CategoryId(Consent(), Cookie(d, "google_experiment_mod*", "")->category) == "marketing");
  CHECK(Cookie(d, "google_experiment_mod*", "")->lifetime_days == Catch::Approx(3 * 30.44));
  REQUIRE(Cookie(d, "_ga", ""));
  CHECK(CategoryId(Consent(), Cookie(d, "_ga", "")->category) == "statistics");
  REQUIRE(Cookie(d, "_grecaptcha", ""));
  CHECK(CategoryId(Consent(), Cookie(d, "_grecaptcha", "")->category) == "necessary");  // "Functional" (Complianz's necessary)
  CHECK(d.FindCookie("_ga_ABC123", "popcet.example"));
  // "Purpose pending investigation": unclassified.
  REQUIRE(Cookie(d, "ci_session", ""));
  CHECK(CategoryId(Consent(), Cookie(d, "ci_session", "")->category) == "unclassified");
  // Its services that the vendor data names are declared vendors by name; "Google Ads
  // Optimization", "Google various services" and "Miscellaneous" name none, and "Google Fonts"
  // lists no cookie (its one entry, "Google Fonts API", is no cookie name).
  std::vector<std::string> vendors;
  for (const DeclaredVendor& v : d.vendors) vendors.push_back(v.name);
  std::sort(vendors.begin(), vendors.end());
  CHECK(vendors == std::vector<std::string>{"Facebook", "Google Analytics", "Google reCAPTCHA", "Hubspot"});
  CHECK(d.FindVendor("", "Facebook"));
}

TEST_CASE("A real OneTrust cookie list: metabomb.net", "[policy][cmp][realworld]") {
  const CmpDocument docs[] = {{"https://cdn.cookielaw.org/consent/32083dcf-5370-4a31-b304-4d087dae7d42/eb848949-a6d2-47e9-910d-302932250873/en.json",
                               ReadFile("tests/realworld/cmp/onetrust-metabomb-en.json")}};
  Result<CmpDeclaration> r = ReadCmpDeclaration(docs, "https://www.metabomb.net/", Consent());
  REQUIRE(r.ok());
  const Declaration& d = r.value().declaration;
  REQUIRE(Cookie(d, "OptanonConsent", "metabomb.net"));
  CHECK(CategoryId(Consent(), Cookie(d, "OptanonConsent", "metabomb.net")->category) == "necessary");
  CHECK(Cookie(d, "OptanonConsent", "metabomb.net")->lifetime_days == Catch::Approx(365));
  REQUIRE(Cookie(d, "__cfduid", "onetrust.com"));
  CHECK(Cookie(d, "__cfduid", "onetrust.com")->lifetime_days == Catch::Approx(30));
  // Group 4 "Targeting Cookies" names 27 hosts.
  size_t marketing_vendors = 0;
  for (const DeclaredVendor& v : d.vendors) marketing_vendors += CategoryId(Consent(), v.category) == "marketing";
  CHECK(marketing_vendors >= 20);
}

// The whole path: a capture with the CMP's document, analysed with no declaration of the policy's.
TEST_CASE("Analyze checks a page against its consent manager's declaration", "[policy][cmp][analyze]") {
  const std::string cc = R"(CookieConsentDialog.cookieTableNecessary = [["shop_session","shop.example","x","Session","HTTP","1","",""]];
CookieConsentDialog.cookieTableStatistics = [["_ga","shop.example","x","1 day","HTTP","1","",""]];
CookieConsentDialog.cookieTableAdvertising = [["adnet_uid","adnet.example","x","3 months","HTTP","1","",""]];)";
  nlohmann::json capture = {
      {"version", 1},
      {"page", {{"url", "https://shop.example/"}, {"capturedAt", "2026-12-03T10:00:00Z"}}},
      {"requests", nlohmann::json::array({{{"url", "https://pixel.adnet.example/px.gif"}, {"type", "image"}},
                                          {{"url", "https://cdn.other-ads.example/t.js"}, {"type", "script"}}})},
      {"cookies", nlohmann::json::array({
          {{"name", "shop_session"}, {"value", "a1"}, {"domain", "shop.example"}, {"path", "/"}},
          {{"name", "_ga"}, {"value", "GA1.1.123456789.1764756000"}, {"domain", ".shop.example"}, {"path", "/"}, {"expires", 1764756000.0 + 400 * 86400}},
          {{"name", "adnet_uid"}, {"value", "f3a9c2e1b7d5"}, {"domain", ".adnet.example"}, {"path", "/"}, {"expires", 1764756000.0 + 80 * 86400}},
          {{"name", "_fbp"}, {"value", "fb.1.1764756000.12345"}, {"domain", ".shop.example"}, {"path", "/"}, {"expires", 1764756000.0 + 90 * 86400}},
      })},
      {"wellKnown", {{"cmp", nlohmann::json::array({{{"url", "https://consent.cookiebot.com/0f1e/cc.js"}, {"body", cc}}})}}}};
  Result<Capture> parsed = ParseCapture(capture.dump());
  REQUIRE(parsed.ok());
  REQUIRE(parsed.value().cmp.size() == 1);
  const AnalyzeOptions options{nullptr, &Consent(), false};
  Result<Report> report = Analyze(parsed.value(), options);
  REQUIRE(report.ok());
  const Report& rep = report.value();
  REQUIRE(rep.declaration);
  CHECK(rep.declaration->origin == "consent-manager");
  CHECK(rep.declaration->cmp == "Cookiebot");
  CHECK(rep.declaration->cookies == 3);
  auto find = [&](FindingKind kind, std::string_view item) {
    for (const Finding& f : rep.findings) {
      if (f.kind == kind && f.item == item) return &f;
    }
    return static_cast<const Finding*>(nullptr);
  };
  // _ga lives 400 days, declared "1 day".
  const Finding* longer = find(FindingKind::kLifetimeExceeded, "_ga");
  REQUIRE(longer);
  CHECK(longer->message.find("is declared to live 1 day") != std::string::npos);
  CHECK_FALSE(find(FindingKind::kLifetimeExceeded, "adnet_uid"));  // 80 days within "3 months"
  CHECK_FALSE(find(FindingKind::kLifetimeExceeded, "shop_session"));
  // _fbp is not declared.
  CHECK(find(FindingKind::kUndeclaredCookie, "_fbp"));
  CHECK_FALSE(find(FindingKind::kUndeclaredCookie, "_ga"));
  // Without the CMP document there is no declaration and none of these findings.
  Capture without = parsed.value();
  without.cmp.clear();
  Result<Report> plain = Analyze(without, options);
  REQUIRE(plain.ok());
  CHECK_FALSE(plain.value().declaration);
  for (const Finding& f : plain.value().findings) CHECK(f.kind != FindingKind::kUndeclaredCookie);
  // The round trip keeps the documents.
  Result<Capture> again = ParseCapture(CaptureToJson(parsed.value()));
  REQUIRE(again.ok());
  REQUIRE(again.value().cmp.size() == 1);
  CHECK(again.value().cmp[0].body == cc);
}

// Complianz names services, not domains: a third party is declared by its vendor's name or by a
// cookie of its own that the policy lists; a third party with neither is undeclared.
TEST_CASE("Analyze: third parties against a Complianz policy that names no domains", "[policy][cmp][analyze]") {
  const nlohmann::json docs = nlohmann::json::array({{{"id", "cookie-statement"}, {"content", R"(
      <details class="cmplz-dropdown cmplz-service-desc"><summary><h3>Google Analytics</h3></summary>
        <div class="cookies-per-purpose"><div class="purpose"><h4>Statistics</h4></div><div class="name">_ga</div><div class="retention">2 years</div></div></details>
      <details class="cmplz-dropdown cmplz-service-desc"><summary><h3>Adnet</h3></summary>
        <div class="cookies-per-purpose"><div class="purpose"><h4>Marketing</h4></div><div class="name">adnet_uid</div><div class="retention">3 months</div></div></details>)"}}});
  nlohmann::json capture = {
      {"version", 1},
      {"page", {{"url", "https://shop.example/"}, {"capturedAt", "2026-12-03T10:00:00Z"}}},
      {"requests", nlohmann::json::array({
          {{"url", "https://region1.google-analytics.com/g/collect?v=2&tid=G-ABC123&cid=123.456&en=page_view"}, {"type", "ping"}},
          {{"url", "https://pixel.adnet.example/px.gif?site=shop.example"}, {"type", "image"}},
          {{"url", "https://collect.metrics.example/collect?v=1&tid=MX-1&cid=987654321&t=pageview"}, {"type", "ping"}}})},
      {"cookies", nlohmann::json::array({
          {{"name", "_ga"}, {"value", "GA1.1.123456789.1764756000"}, {"domain", ".shop.example"}, {"path", "/"}, {"expires", 1764756000.0 + 700 * 86400}},
          {{"name", "adnet_uid"}, {"value", "f3a9c2e1b7d5"}, {"domain", ".adnet.example"}, {"path", "/"}, {"expires", 1764756000.0 + 80 * 86400}},
      })},
      {"wellKnown", {{"cmp", nlohmann::json::array({{{"url", "https://shop.example/wp-json/complianz/v1/documents/"}, {"body", docs.dump()}}})}}}};
  Result<Capture> parsed = ParseCapture(capture.dump());
  REQUIRE(parsed.ok());
  Result<Report> report = Analyze(parsed.value(), AnalyzeOptions{nullptr, &Consent(), false});
  REQUIRE(report.ok());
  REQUIRE(report.value().declaration);
  CHECK(report.value().declaration->cmp == "Complianz");
  std::vector<std::string> undeclared, not_seen;
  for (const Finding& f : report.value().findings) {
    if (f.kind == FindingKind::kUndeclaredTracker) undeclared.push_back(f.site);
    if (f.kind == FindingKind::kDeclaredNotSeen) not_seen.push_back(f.item);
  }
  CHECK(undeclared == std::vector<std::string>{"metrics.example"});
  CHECK(not_seen.empty());  // the vendor Google Analytics was seen, by name
}

}  // namespace
}  // namespace trackscope
