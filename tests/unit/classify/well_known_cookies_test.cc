// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
//
// Conformance table: cookies that appear on many sites, with the purpose their vendors document
// (or that is common knowledge for framework and CDN cookies), checked through the whole
// classifier. Written by hand from vendors' cookie pages; nothing here comes from the labelled
// evaluation data. A cookie with a domain is third-party (set on that vendor's domain, seen on
// www.site.example); without one it is first-party. Every cookie carries a random-looking value
// and a 200-day lifetime, so that the catalog (not the value or lifetime heuristics) must decide.
#include <catch2/catch_test_macros.hpp>
#include <string_view>
#include <vector>

#include "trackscope/classify/cookie_classifier.h"

namespace trackscope {
namespace {

using enum Purpose;

struct Known {
  std::string_view name, domain;
};

struct Group {
  Purpose purpose;
  std::vector<Known> cookies;
};

TEST_CASE("Well-known cookies get the purpose their vendors document", "[classify][catalog][conformance]") {
  // clang-format off
  const Group kGroups[] = {
      {kAnalytics, {
        {"_ga", ""}, {"_gid", ""}, {"_gat", ""}, {"_ga_ABC123XYZ", ""}, {"_gat_UA-12345-1", ""},
        {"__utma", ""}, {"__utmz", ""}, {"__utmb", ""}, {"__utmc", ""}, {"__utmt", ""}, {"_gaexp", ""},
        {"_opt_expid", ""}, {"_hjSessionUser_123456", ""}, {"_hjSession_123456", ""},
        {"_hjid", ""}, {"_hjIncludedInSessionSample_1", ""}, {"_clck", ""}, {"_clsk", ""},
        {"CLID", "clarity.ms"}, {"_pk_id.1.1fff", ""}, {"_pk_ses.1.1fff", ""},
        {"ajs_anonymous_id", ""}, {"ajs_user_id", ""}, {"mp_abc123_mixpanel", ""},
        {"AMP_abc1234567", ""}, {"amplitude_id_abc", ""}, {"_hp2_id.123", ""},
        {"_hp2_ses_props.123", ""}, {"s_cc", ""}, {"s_sq", ""}, {"s_vi", ""}, {"s_fid", ""},
        {"s_ppv", ""}, {"s_ppvl", ""}, {"s_nr", ""}, {"s_tp", ""}, {"s_ecid", ""},
        {"AMCV_ABC%40AdobeOrg", ""}, {"AMCVS_ABC%40AdobeOrg", ""}, {"mbox", ""}, {"at_check", ""},
        {"utag_main", ""}, {"_ym_uid", ""}, {"_ym_d", ""}, {"_ym_isad", ""},
        {"Hm_lvt_0123456789abcdef", ""}, {"Hm_lpvt_0123456789abcdef", ""}, {"_cb", ""},
        {"_chartbeat2", ""}, {"_cb_svref", ""}, {"_parsely_visitor", ""}, {"_parsely_session", ""},
        {"_scor_uid", ""}, {"UID", "scorecardresearch.com"}, {"ioam2018", ""}, {"_vwo_uuid_v2", ""},
        {"_vis_opt_s", ""}, {"optimizelyEndUserId", ""}, {"_dy_ses_load_seq", ""}, {"_dyid", ""},
        {"ABTasty", ""}, {"ABTastySession", ""}, {"_conv_v", ""}, {"kameleoonVisitorCode", ""},
        {"fs_uid", ""}, {"fs_uid", "fullstory.com"}, {"_lo_uid", ""}, {"mf_user", ""}, {"_cs_id", ""},
        {"_cs_s", ""}, {"QSI_HistorySession", ""}, {"kampyleUserSession", ""}, {"RT", ""},
        {"dtCookie", ""}, {"rxVisitor", ""}, {"ai_user", ""}, {"ai_session", ""}, {"NREUM", ""},
        {"__hstc", ""}, {"hubspotutk", ""}, {"__hssc", ""}, {"__hssrc", ""}, {"_shopify_y", ""},
        {"_shopify_s", ""}, {"_y", ""}, {"_s", ""}, {"_orig_referrer", ""}, {"_landing_page", ""},
        {"vuid", "vimeo.com"},
        {"fedops.logger.sessionId", ""}, {"_wixAB3", ""}, {"bSession", ""}, {"ss_cvr", ""}, {"ss_cvt", ""},
        {"hs_ab_test", ""}, {"fornax_anonymousId", ""}, {"athena_short_visit_id", ""}, {"__cq_uuid", ""},
        {"_sp_id.abcd", ""}, {"_sp_ses.abcd", ""}, {"_pendo_visitorId.abc123", ""},
        {"_pendo_accountId.abc123", ""}, {"_dd_s", ""}, {"ADRUM", ""}, {"ADRUM_BTa", ""}, {"ADRUM_BT1", ""},
        {"QuantumMetricSessionID", ""}, {"QuantumMetricUserID", ""}, {"da_sid", ""}, {"da_lid", ""},
        {"_ceir", ""}, {"_CEFT", ""}, {"cebs", ""}, {"cebsp_", ""}, {"mf_user", ""},
        {"SL_C_23361dd035530_VID", ""}, {"__insp_wid", ""}, {"_jsuid", ""}, {"sc_is_visitor_unique", ""},
        {"IMRID", "imrworldwide.com"}, {"optimizelySegments", ""}, {"optimizelyBuckets", ""},
        {"optimizelyDomainTestCookie", ""}, {"mt.v", ""}, {"mt.sc", ""}, {"_br_uid_2", ""}, {"_ALGOLIA", ""},
        {"ssUserId", ""}, {"ORA_FPC", ""}, {"FPID", ""}, {"FPLC", ""}, {"_ga_abc", ""}, {"ajs_group_id", ""}
      }},
      {kAdvertising, {
        {"_gcl_au", ""}, {"_gcl_aw", ""}, {"_gcl_dc", ""}, {"_gac_UA-1234-1", ""},
        {"IDE", "doubleclick.net"}, {"DSID", "doubleclick.net"}, {"test_cookie", "doubleclick.net"},
        {"ar_debug", "doubleclick.net"}, {"NID", "google.com"}, {"__Secure-3PSID", "google.com"},
        {"__Secure-3PAPISID", "google.com"}, {"VISITOR_INFO1_LIVE", "youtube.com"}, {"__gads", ""},
        {"__gpi", ""}, {"_fbp", ""}, {"_fbc", ""}, {"fr", "facebook.com"}, {"_pin_unauth", ""},
        {"_pinterest_ct_ua", "pinterest.com"}, {"_derived_epik", ""}, {"_epik", ""}, {"_ttp", ""},
        {"ttwid", "tiktok.com"}, {"_scid", ""}, {"_sctr", ""}, {"sc_at", "snapchat.com"},
        {"_rdt_uuid", ""}, {"_rdt_cid", ""}, {"UserMatchHistory", "linkedin.com"},
        {"li_sugr", "linkedin.com"}, {"li_fat_id", ""}, {"_uetsid", ""}, {"_uetvid", ""},
        {"MR", "bing.com"}, {"muc_ads", "twitter.com"}, {"mc", "quantserve.com"}, {"_cc_id", ""},
        {"_cc_dc", "crwdcntrl.net"}, {"bku", "bluekai.com"}, {"bkdc", "bluekai.com"},
        {"cto_bundle", ""}, {"uid", "criteo.com"}, {"t_gid", ""}, {"taboola_session_id", ""},
        {"outbrain_cid_fetch", ""}, {"obuid", "outbrain.com"}, {"uuid2", "adnxs.com"},
        {"anj", "adnxs.com"}, {"tuuid", "bidswitch.net"}, {"khaos", "rubiconproject.com"},
        {"TDID", "adsrvr.org"}, {"TDCPM", "adsrvr.org"}, {"demdex", "demdex.net"},
        {"dpm", "dpm.demdex.net"}, {"A3", "yahoo.com"}, {"IDSYNC", "yahoo.com"},
        {"ad-id", "amazon-adsystem.com"}, {"ad-privacy", "amazon-adsystem.com"}, {"__kla_id", ""},
        {"_uetmsclkid", ""}, {"_mkto_trk", ""}, {"visitor_id12345", ""}, {"visitor_id12345-hash", ""},
        {"KADUSERCOOKIE", "pubmatic.com"}, {"i", "openx.net"}, {"CMID", "casalemedia.com"},
        {"pid", "smartadserver.com"}, {"tt_viewer", "teads.tv"}, {"rlas3", "rlcdn.com"},
        {"pxrc", "rlcdn.com"}, {"TapAd_DID", "tapad.com"}, {"icu", "adnxs.com"}, {"A1", "yahoo.com"},
        {"B", "yahoo.com"}, {"C", "adform.net"}, {"uid", "adform.net"}, {"d", "quantserve.com"},
        {"_mkto_trk", ""}, {"__adroll_fpc", ""}, {"__ar_v4", ""}, {"_gcl_gb", ""}, {"_gcl_gs", ""}
      }},
      {kNecessary, {
        {"AEC", "google.com"}, {"SOCS", "google.com"}, {"CONSENT", "google.com"},
        {"_GRECAPTCHA", "google.com"}, {"FCCDCF", ""}, {"FCNEC", ""}, {"li_gc", "linkedin.com"},
        {"mtm_consent", ""}, {"__hs_opt_out", ""}, {"pi_opt_in12345", ""}, {"PHPSESSID", ""},
        {"JSESSIONID", ""}, {"ASP.NET_SessionId", ""}, {"ASPSESSIONIDQQTARBSD", ""},
        {".AspNetCore.Antiforgery.abc", ""}, {"__RequestVerificationToken", ""}, {"csrftoken", ""},
        {"XSRF-TOKEN", ""}, {"laravel_session", ""}, {"_session_id", ""}, {"connect.sid", ""},
        {"sessionid", ""}, {"SESS0123456789abcdef0123456789abcdef", ""}, {"wordpress_logged_in_abc", ""},
        {"wordpress_test_cookie", ""}, {"wp_woocommerce_session_abc", ""},
        {"woocommerce_cart_hash", ""}, {"woocommerce_items_in_cart", ""}, {"__cf_bm", ""},
        {"cf_clearance", ""}, {"_cfuvid", ""}, {"__cflb", ""}, {"AWSALB", ""}, {"AWSALBCORS", ""},
        {"AWSELB", ""}, {"ARRAffinity", ""}, {"ARRAffinitySameSite", ""}, {"BIGipServerpool_web", ""},
        {"TS01a2b3c4", ""}, {"incap_ses_123_456", ""}, {"visid_incap_456", ""}, {"nlbi_456", ""},
        {"datadome", ""}, {"_px3", ""}, {"_pxvid", ""}, {"ak_bmsc", ""}, {"bm_sv", ""}, {"bm_sz", ""},
        {"_abck", ""}, {"aws-waf-token", ""}, {"KP_UIDz", ""}, {"__stripe_mid", ""},
        {"__stripe_sid", ""}, {"m", "stripe.com"}, {"OptanonConsent", ""},
        {"OptanonAlertBoxClosed", ""}, {"CookieConsent", ""}, {"euconsent-v2", ""},
        {"didomi_token", ""}, {"uc_settings", ""}, {"cmplz_marketing", ""}, {"cookieyes-consent", ""},
        {"borlabs-cookie", ""}, {"_iub_cs-12345", ""}, {"usprivacy", ""},
        {"cookielawinfo-checkbox-analytics", ""}, {"viewed_cookie_policy", ""},
        {"notice_preferences", ""}, {"notice_gdpr_prefs", ""}, {"cmapi_cookie_privacy", ""},
        {"_sp_v1_consent", ""}, {"consentUUID", ""}, {"addtl_consent", ""}, {"cart", ""},
        {"cart_sig", ""}, {"secure_customer_sig", ""}, {"_secure_session_id", ""},
        {"_tracking_consent", ""}, {"keep_alive", ""}, {"form_key", ""}, {"mage-cache-sessid", ""},
        {"PrestaShop-0123456789abcdef", ""}, {"frontend", ""}, {"SSESS0123456789abcdef0123456789abcdef", ""},
        {"has_js", ""}, {"joomla_user_state", ""}, {"crumb", ""}, {"__cf_bm", "vimeo.com"},
        {"__cfruid", ""}, {"__cfwaitingroom", ""}, {"cf_ob_info", ""}, {"cf_use_ob", ""},
        {"akavpau_default", ""}, {"QueueITAccepted-SDFrts345E-V3_event1", ""},
        {"sucuri_cloudproxy_uuid_abc123", ""}, {"_shopify_m", ""}, {"_storefront_u", ""}, {"_cmp_a", ""},
        {"_pay_session", ""}, {"_shopify_essential", ""}, {"svSession", ""}, {"ssr-caching", ""},
        {"__hs_do_not_track", ""}, {"__hs_initial_opt_in", ""}, {"__hsmem", ""}, {"hs-membership-csrf", ""},
        {"X-Magento-Vary", ""}, {"mage-messages", ""}, {"private_content_version", ""},
        {"persistent_shopping_cart", ""}, {"login_redirect", ""}, {"SHOP_SESSION_TOKEN", ""},
        {"SF-CSRF-TOKEN", ""}, {"dwsid", ""}, {"dwanonymous_0123456789abcdef", ""}, {"__cq_dnt", ""},
        {"dw_dnt", ""}, {"dwac_abc123", ""}, {"_zendesk_session", ""}, {"_zendesk_shared_session", ""},
        {"ts", "paypal.com"}, {"ts_c", "paypal.com"}, {"x-pp-s", "paypal.com"}, {"tsrce", "paypal.com"},
        {"enforce_policy", "paypal.com"}, {"l7_az", "paypal.com"}, {"nsid", "paypal.com"},
        {"CookieConsentBulkTicket", ""}, {"OTAdditionalConsentString", ""}, {"eupubconsent-v2", ""},
        {"TAconsentID", ""}, {"notice_behavior", ""}, {"osano_consentmanager", ""},
        {"osano_consentmanager_uuid", ""}, {"klaro", ""}, {"axeptio_cookies", ""},
        {"axeptio_authorized_vendors", ""}, {"CookieControl", ""}, {"TC_PRIVACY", ""},
        {"TC_PRIVACY_CENTER", ""}, {"cmplz_consented_services", ""}, {"ppms_privacy_abc123", ""},
        {"BrowserId", ""}, {"CookieConsentPolicy", ""}, {"LSKey-c$CookieConsentPolicy", ""},
        {"renderCtx", ""}, {"sfdc-stream", ""}, {"oinfo", ""}, {"bm_mi", ""}, {"bm_s", ""}, {"bm_so", ""},
        {"bm_lso", ""}, {"akacd_default", ""}, {"__Host-next-auth.csrf-token", ""},
        {"__Secure-next-auth.session-token", ""}, {"next-auth.callback-url", ""}, {"__session", ""},
        {"__client_uat", ""}, {"sb-access-token", ""}, {"supabase-auth-token", ""}, {"AWSALBTG", ""},
        {"AWSALBTGCORS", ""}, {"SERVERID", ""}, {"ROUTEID", ""}, {"NSC_abc123", ""}, {"citrix_ns_id", ""},
        {"GCLB", ""}, {"ApplicationGatewayAffinity", ""}, {"ApplicationGatewayAffinityCORS", ""}
      }},
      {kSocial, {
        {"datr", "facebook.com"}, {"sb", "facebook.com"}, {"_pinterest_sess", "pinterest.com"},
        {"bcookie", "linkedin.com"}, {"lidc", "linkedin.com"}, {"guest_id", "twitter.com"},
        {"_twitter_sess", "twitter.com"}
      }},
      {kFunctional, {
        {"lang", ""}, {"locale", ""}, {"NEXT_LOCALE", ""}, {"django_language", ""},
        {"pll_language", ""}, {"wp-wpml_current_language", ""}, {"currency", ""},
        {"woocommerce_currency", ""}, {"country", ""}, {"timezone", ""}, {"theme", ""},
        {"color_mode", ""}, {"wp-settings-1", ""}, {"wp-settings-time-1", ""},
        {"comment_author_abc", ""}, {"intercom-id-abc123", ""},
        {"intercom-session-abc123", ""}, {"__lc_cid", ""}, {"__lc_cst", ""},
        {"TawkConnectionTime", ""}, {"__tawkuuid", ""}, {"crisp-client/session/abc", ""},
        {"driftt_aid", ""}, {"__zlcmid", ""}, {"LPVID", ""}, {"player", "vimeo.com"},
        {"messagesUtk", ""}, {"wp_lang", ""}, {"_icl_current_language", ""}, {"__zlcmid", ""},
        {"tidio_state_abc", ""}, {"ssViewedProducts", ""}, {"liveagent_sid", ""}, {"liveagent_oref", ""},
        {"googtrans", ""}, {"pll_language", ""}, {"i18next", ""}, {"preferred_locale", ""},
        {"user_currency", ""}, {"dark_mode", ""}
      }},
  };
  // clang-format on
  for (const Group& g : kGroups) {
    for (const Known& k : g.cookies) {
      CookieFacts facts;
      facts.name = k.name;
      facts.domain = k.domain.empty() ? "www.site.example" : k.domain;
      facts.party = k.domain.empty() ? Party::kFirst : Party::kThird;
      facts.value = "x8f3k2j9d7s6a5q4w3e2r1t0";
      facts.session = false;
      facts.lifetime_days = 200;
      const CookieVerdict v = ClassifyCookie(facts);
      CAPTURE(k.name, k.domain, v.evidence.empty() ? std::string() : v.evidence[0].text);
      CHECK(PurposeName(v.purpose) == PurposeName(g.purpose));
      REQUIRE_FALSE(v.evidence.empty());
      CHECK(v.evidence[0].kind == EvidenceKind::kCatalog);
    }
  }
}

}  // namespace
}  // namespace trackscope
