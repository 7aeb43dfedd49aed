// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
#include "trackscope/classify/payload.h"

#include <catch2/catch_test_macros.hpp>
#include <string>

namespace trackscope {
namespace {

// The explanation of parameter `name` of the request host+path?query (body may be empty).
PayloadField Explain(std::string_view host, std::string_view path, std::string_view query, std::string_view name,
                     std::string_view body = "") {
  const std::vector<Param> params = ParseParams(path, query, body);
  const std::optional<PixelDecode> decode = DecodePixel(host, path, params);
  const std::vector<PayloadField> fields = ExplainPayload(params, decode ? &*decode : nullptr);
  REQUIRE(fields.size() == params.size());
  for (size_t i = 0; i < params.size(); ++i) {
    CHECK(fields[i].index == i);
    if (params[i].name == name) return fields[i];
  }
  FAIL("no parameter " << name);
  return {};
}

constexpr std::string_view kSha256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

TEST_CASE("ExplainPayload: Meta Pixel fields", "[classify][payload]") {
  const std::string q = "id=123456789&ev=ViewContent&dl=https%3A%2F%2Fshop.example%2Fhiv-test&rl=https%3A%2F%2Fsearch.example%2F"
                        "&cd[content_name]=In-home%20HIV%20test&cd[content_category]=Women%27s%20Health&cd[value]=49"
                        "&udff[em]=" + std::string(kSha256) + "&ud[ph]=15551234567&udff[fn]=" + std::string(kSha256) +
                        "&fbp=fb.1.1795928400.987654321&sw=1920";
  const std::string_view host = "www.facebook.com", path = "/tr";
  CHECK(Explain(host, path, q, "id").kind == FieldKind::kAccount);
  CHECK(Explain(host, path, q, "ev").kind == FieldKind::kEvent);
  CHECK(Explain(host, path, q, "dl").kind == FieldKind::kPageUrl);
  CHECK(Explain(host, path, q, "rl").kind == FieldKind::kReferrer);
  CHECK(Explain(host, path, q, "cd[content_name]").kind == FieldKind::kProduct);
  CHECK(Explain(host, path, q, "cd[content_category]").kind == FieldKind::kProduct);
  CHECK(Explain(host, path, q, "cd[value]").kind == FieldKind::kCustomData);
  const PayloadField em = Explain(host, path, q, "udff[em]");
  CHECK(em.kind == FieldKind::kPersonalData);
  CHECK(em.personal == PersonalKind::kEmail);
  CHECK(em.hash == HashKind::kSha256);
  CHECK(em.meaning == "hashed e-mail address");
  const PayloadField ph = Explain(host, path, q, "ud[ph]");
  CHECK(ph.personal == PersonalKind::kPhone);
  CHECK(ph.hash == HashKind::kNone);
  CHECK(Explain(host, path, q, "udff[fn]").personal == PersonalKind::kFirstName);
  CHECK(Explain(host, path, q, "fbp").kind == FieldKind::kIdentifier);
  CHECK(Explain(host, path, q, "sw").kind == FieldKind::kTechnical);
}

TEST_CASE("ExplainPayload: GA4, Google Ads, TikTok, Pinterest, Snap", "[classify][payload]") {
  const std::string ga = "v=2&tid=G-ABC123&cid=123.456&en=view_item&dl=https%3A%2F%2Fshop.example%2Fp&dt=Fertility%20Test"
                         "&ep.search_term=pregnancy&pr1=idSKU1~nmFertility%20Test~caHealth&ep.plan=gold&up.tier=2&gcs=G111";
  CHECK(Explain("www.google-analytics.com", "/g/collect", ga, "dt").kind == FieldKind::kTitle);
  CHECK(Explain("www.google-analytics.com", "/g/collect", ga, "ep.search_term").kind == FieldKind::kSearchTerm);
  CHECK(Explain("www.google-analytics.com", "/g/collect", ga, "pr1").kind == FieldKind::kProduct);
  CHECK(Explain("www.google-analytics.com", "/g/collect", ga, "ep.plan").kind == FieldKind::kCustomData);
  CHECK(Explain("www.google-analytics.com", "/g/collect", ga, "up.tier").kind == FieldKind::kCustomData);
  CHECK(Explain("www.google-analytics.com", "/g/collect", ga, "gcs").kind == FieldKind::kConsent);
  CHECK(Explain("www.google-analytics.com", "/g/collect", ga, "cid").kind == FieldKind::kIdentifier);
  // Google Ads enhanced conversions: em=tv.1~em.<sha256>
  const std::string ads = "label=abc&em=tv.1~em." + std::string(kSha256) + "&url=https%3A%2F%2Fshop.example%2F";
  const PayloadField ads_em = Explain("www.googleadservices.com", "/pagead/conversion/123/", ads, "em");
  CHECK(ads_em.kind == FieldKind::kPersonalData);
  CHECK(ads_em.personal == PersonalKind::kEmail);
  CHECK(ads_em.hash == HashKind::kSha256);
  CHECK(Explain("collector.example", "/c", "em=short", "em").kind == FieldKind::kOther);  // short key outside a container
  CHECK(HashShapeOf("tv.1~em." + std::string(kSha256)) == HashKind::kSha256);
  // TikTok JSON body: context.user.email hashed, context.page.url.
  const std::string tiktok = R"({"event":"ViewContent","context":{"pixel":{"code":"C1"},"page":{"url":"https://shop.example/x"},)"
                             R"("user":{"email":")" + std::string(kSha256) + R"(","phone_number":"abc"}},"properties":{"query":"hiv test"}})";
  const PayloadField tt = Explain("analytics.tiktok.com", "/api/v2/pixel", "", "context.user.email", tiktok);
  CHECK(tt.personal == PersonalKind::kEmail);
  CHECK(tt.hash == HashKind::kSha256);
  CHECK(Explain("analytics.tiktok.com", "/api/v2/pixel", "", "context.page.url", tiktok).kind == FieldKind::kPageUrl);
  CHECK(Explain("analytics.tiktok.com", "/api/v2/pixel", "", "properties.query", tiktok).kind == FieldKind::kSearchTerm);
  // Pinterest pd[em], Snap u_hem: hashed e-mail by name on hosts without a decoder.
  CHECK(Explain("ct.pinterest.com", "/v3/", "tid=1&pd[em]=" + std::string(kSha256), "pd[em]").personal == PersonalKind::kEmail);
  const PayloadField pd = Explain("ct.pinterest.com", "/user/", "tid=2612345&pd=%7B%22em%22%3A%22" + std::string(kSha256) + "%22%7D", "pd");
  CHECK(pd.personal == PersonalKind::kEmail);
  CHECK(pd.hash == HashKind::kSha256);
  CHECK(Explain("tr.snapchat.com", "/p", "u_hem=" + std::string(kSha256), "u_hem").personal == PersonalKind::kEmail);
}

TEST_CASE("ExplainPayload: names and shapes on unknown endpoints", "[classify][payload]") {
  const std::string q = "email=jane%40example.org&contact=jane%40example.org&note=hello&first_name=Jane&st=CA&ct=Paris&q=shoes";
  CHECK(Explain("collector.example", "/c", q, "email").personal == PersonalKind::kEmail);
  const PayloadField contact = Explain("collector.example", "/c", q, "contact");
  CHECK(contact.personal == PersonalKind::kEmail);  // by the value's shape
  CHECK(contact.meaning == "e-mail address (by its shape)");
  CHECK(Explain("collector.example", "/c", q, "note").kind == FieldKind::kOther);
  CHECK(Explain("collector.example", "/c", q, "first_name").personal == PersonalKind::kFirstName);
  // Short keys outside a personal-data container are not personal data: "st" and "ct" are too common.
  CHECK(Explain("collector.example", "/c", q, "st").kind == FieldKind::kOther);
  CHECK(Explain("collector.example", "/c", q, "ct").kind == FieldKind::kOther);
  CHECK(Explain("collector.example", "/c", q, "q").kind == FieldKind::kSearchTerm);
}

TEST_CASE("HashShapeOf and LooksLikeEmail", "[classify][payload]") {
  CHECK(HashShapeOf(kSha256) == HashKind::kSha256);
  CHECK(HashShapeOf("D41D8CD98F00B204E9800998ECF8427E") == HashKind::kMd5);
  CHECK(HashShapeOf("a9993e364706816aba3e25717850c26c9cd0d89d") == HashKind::kSha1);
  CHECK(HashShapeOf("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a0g") == HashKind::kNone);
  CHECK(HashShapeOf("") == HashKind::kNone);
  CHECK(HashShapeOf("FFF" + std::string(kSha256)) == HashKind::kSha256);  // Snap's u_hem
  CHECK(HashShapeOf("12345") == HashKind::kNone);
  CHECK(LooksLikeEmail("jane.doe+x@mail.example.org"));
  CHECK_FALSE(LooksLikeEmail("@example.org"));
  CHECK_FALSE(LooksLikeEmail("jane@localhost"));
  CHECK_FALSE(LooksLikeEmail("a@b@c.org"));
  CHECK_FALSE(LooksLikeEmail("jane doe@example.org"));
  CHECK_FALSE(LooksLikeEmail("logo@2x.png"));
}

}  // namespace
}  // namespace trackscope

namespace trackscope {
namespace {

TEST_CASE("DecodePixel: Pinterest Tag and Snap Pixel", "[classify][payload]") {
  const std::vector<Param> pin = ParseParams("/v3/", "tid=2612345678901&event=checkout&ed=%7B%22value%22%3A1%7D&pd=%7B%22em%22%3A%22x%22%7D", "");
  const std::optional<PixelDecode> p = DecodePixel("ct.pinterest.com", "/v3/", pin);
  REQUIRE(p);
  CHECK(p->pixel == "Pinterest Tag");
  CHECK(p->account == "2612345678901");
  CHECK(p->event == "checkout");
  const std::vector<Param> snap = ParseParams("/p", "pid=aaaa-bbbb&ev=PURCHASE&u_hem=abc&e_ss=pregnancy%20test&pl=https%3A%2F%2Fx.example%2F", "");
  const std::optional<PixelDecode> s = DecodePixel("tr.snapchat.com", "/p", snap);
  REQUIRE(s);
  CHECK(s->pixel == "Snap Pixel");
  CHECK(s->account == "aaaa-bbbb");
  CHECK(s->event == "PURCHASE");
  const std::vector<PayloadField> fields = ExplainPayload(snap, &*s);
  CHECK(fields[3].kind == FieldKind::kSearchTerm);
  CHECK(fields[4].kind == FieldKind::kPageUrl);
  CHECK_FALSE(DecodePixel("tr.snapchat.com.evil.example", "/p", ParseParams("/p", "x=1", "")));
}

}  // namespace
}  // namespace trackscope
