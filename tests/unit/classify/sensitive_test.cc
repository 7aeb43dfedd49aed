// Copyright trackscope authors. SPDX-License-Identifier: MPL-2.0
#include "trackscope/classify/sensitive.h"

#include <catch2/catch_test_macros.hpp>
#include <string>

namespace trackscope {
namespace {

TEST_CASE("NormaliseForLexicon: decoded, lower case, accents folded, one space between words", "[classify][sensitive]") {
  CHECK(NormaliseForLexicon("Women%27s Health \u2013 Test") == "women s health test");
  CHECK(NormaliseForLexicon("Schwangerschaftstest+f%C3%BCr+Zuhause") == "schwangerschaftstest fur zuhause");
  CHECK(NormaliseForLexicon("Test VIH \u00e0 domicile \u2014 Pharmacie") == "test vih a domicile pharmacie");
  CHECK(NormaliseForLexicon("Stra\u00dfe \u0141\u00f3d\u017a \u0152uvre") == "strasse lodz oeuvre");
  CHECK(NormaliseForLexicon("/in-home_hiv.test/") == "in home hiv test");
  CHECK(NormaliseForLexicon("") == "");
  CHECK(NormaliseForLexicon("\xff\xfe%ZZ") == "zz");  // invalid UTF-8 and escapes: separators and letters
}

TEST_CASE("FindSensitive: special categories in URLs, titles and searches, six languages", "[classify][sensitive]") {
  struct Case {
    std::string_view category, text;
  };
  const Case kCases[] = {
      {"health", "https://shop.example/products/in-home-hiv-test-kit"},
      {"reproductive-sexual-health", "Women's Health – Pregnancy test"},
      {"reproductive-sexual-health", "https://www.apotheke.example/suche?q=schwangerschaftstest"},
      {"reproductive-sexual-health", "Fertility Test"},
      {"reproductive-sexual-health", "ev=ViewContent&cd[content_category]=Women%27s%20Health"},
      {"health", "https://www.example.org/depression-help/"},
      {"health", "Test VIH à domicile – Pharmacie du Centre"},
      {"reproductive-sexual-health", "Prueba de embarazo digital | Farmacia"},
      {"reproductive-sexual-health", "Test di gravidanza precoce | Farmacia Online"},
      {"reproductive-sexual-health", "Zwangerschapstest kopen – Drogist"},
      {"finances", "Find a bankruptcy lawyer near you"},
      {"finances", "https://loans.example/payday-loans-same-day"},
      {"sexual-orientation", "Best gay dating apps 2026"},
      {"religion", "Mosque prayer times London"},
      {"health", "What to expect during chemotherapy"},
      {"health", "Metformin 500mg tablets – Online Doctor"},
      {"health", "https://www.clinic.example/conditions/type-2-diabetes/"},
      {"health", "Diabetes Typ 2: Symptome und Behandlung"},
      {"health", "Brustkrebs-Früherkennung | Ratgeber"},
      {"health", "Hilfe bei Depressionen – Online-Therapie"},
      {"health", "Dépression nerveuse : symptômes et traitement"},
      {"health", "Trastorno bipolar: causas y tratamiento"},
      {"health", "Attacchi di panico: cosa fare"},
      {"health", "Hulp bij angststoornissen | GGZ"},
      {"health", "ev=ViewContent&cd[content_name]=Sertraline%2050mg"},
      {"health", "https://www.pharmacy.example/search?search_term=adhd+medication"},
      {"health", "Alcohol rehab centers near me"},
      {"health", "Chimiothérapie : effets secondaires"},
      {"health", "Quimioterapia y caída del cabello"},
      {"health", "Sintomi dell'Alzheimer nelle fasi iniziali"},
      {"health", "Borstkanker: behandeling en nazorg"},
      {"health", "Suchtberatung in Berlin – Termine"},
      {"health", "Ozempic prescription online"},
      {"health", "Síntomas de la esquizofrenia"},
      {"health", "Centro di salute mentale – Prenota"},
      {"reproductive-sexual-health", "https://shop.example/products/morning-after-pill"},
      {"reproductive-sexual-health", "Pille danach rezeptfrei kaufen"},
      {"reproductive-sexual-health", "Pilule du lendemain sans ordonnance"},
      {"reproductive-sexual-health", "Interruption volontaire de grossesse (IVG)"},
      {"reproductive-sexual-health", "Fecundación in vitro: precios y clínicas"},
      {"reproductive-sexual-health", "Pillola del giorno dopo: come funziona"},
      {"reproductive-sexual-health", "Morning-afterpil bestellen"},
      {"reproductive-sexual-health", "Ovulation test strips, 50 pack"},
      {"reproductive-sexual-health", "Verhütungsmittel im Vergleich"},
      {"reproductive-sexual-health", "Viagra Connect 50mg"},
      {"reproductive-sexual-health", "Aborto: información y clínicas"},
      {"reproductive-sexual-health", "Abortuskliniek Amsterdam"},
      {"reproductive-sexual-health", "Femme enceinte : que manger ?"},
      {"sexual-orientation", "Lesbische Paare und Kinderwunsch"},
      {"sexual-orientation", "Rencontres gay à Paris"},
      {"sexual-orientation", "Asociación LGTBI de Madrid"},
      {"sexual-orientation", "Associazione per persone transgender"},
      {"sexual-orientation", "Homoseksuele jongeren – ontmoetingsavond"},
      {"sexual-orientation", "https://www.example.org/community/lgbtq-youth"},
      {"religion", "Gebetszeiten Moschee Köln"},
      {"religion", "Horaires de prière – Mosquée de Lyon"},
      {"religion", "Horarios de misa en la parroquia"},
      {"religion", "Orari delle messe – Parrocchia San Marco"},
      {"religion", "Kerkdienst online meekijken"},
      {"religion", "Christian dating for singles"},
      {"religion", "https://venue.example/events/bar-mitzvah-planning"},
      {"political-opinion", "Donate to the campaign – ActBlue"},
      {"political-opinion", "Jetzt Parteimitglied werden!"},
      {"political-opinion", "Afíliate al partido"},
      {"political-opinion", "Adhérer au parti"},
      {"political-opinion", "Iscriviti al partito"},
      {"political-opinion", "Lid worden van de partij"},
      {"ethnicity", "form_field=race_ethnicity&value=hispanic_or_latino"},
      {"ethnicity", "Angaben zur ethnischen Herkunft"},
      {"ethnicity", "Origine ethnique (facultatif)"},
      {"finances", "Schuldnerberatung kostenlos"},
      {"finances", "Dossier de surendettement Banque de France"},
      {"finances", "Préstamos rápidos sin ASNEF"},
      {"finances", "Prestiti per cattivi pagatori"},
      {"finances", "Schuldhulpverlening gemeente Utrecht"},
      {"finances", "Debt consolidation loans for bad credit"},
      {"children", "Child custody lawyer – free consultation"},
      {"children", "Kinderarzt Notdienst München"},
      {"children", "Trouver un pédiatre à Lyon"},
      {"children", "Custodia compartida: cómo solicitarla"},
      {"children", "Affido condiviso dei figli"},
      {"children", "Kindertelefoon: chat met ons"},
      {"children", "Great Ormond Street children's hospital"},
  };
  for (const Case& c : kCases) {
    CAPTURE(c.text);
    const std::optional<SensitiveMatch> m = FindSensitive(c.text);
    REQUIRE(m);
    CHECK(SensitiveCategoryName(m->category) == c.category);
    CHECK_FALSE(m->term.empty());
  }
}

TEST_CASE("FindSensitive: nothing on ordinary shop, news and blog pages", "[classify][sensitive]") {
  const std::string_view kOrdinary[] = {
      "https://shop.example/products/kids-shoes-velcro-blue",
      "Baby Blue Cotton T-Shirt – Kids' Clothing",
      "Gender-neutral clothing for toddlers",
      "Cancer horoscope for today",
      "Horoskop Krebs heute",
      "Oroscopo Cancro di oggi",
      "Horóscopo Cáncer hoy",
      "Horoscope Cancer du jour",
      "Horoscoop Kreeft vandaag",
      "Cancer (zodiac) birthstone necklace",
      "Election results 2026: live map",
      "https://news.example/politics/election-results-2026",
      "Bundestagswahl 2025: Ergebnisse und Analyse",
      "Élections municipales : les résultats",
      "Elecciones generales: resultados en directo",
      "Elezioni regionali, i risultati",
      "Verkiezingsuitslag Tweede Kamer",
      "Labour Party conference: what to expect",
      "Debt ceiling vote in Congress",
      "Birthday party supplies and balloons",
      "Party-Deko für den Kindergeburtstag",
      "Upvote this post",
      "River bank walks in Sussex",
      "Banking app login",
      "Photo credit: Reuters",
      "12 Church Street, Essex",
      "St Mary's Church wedding venue",
      "Bank transfer fees explained",
      "Public transport timetable",
      "Translation services – French to English",
      "https://api.example/v1/healthz",
      "Health check endpoint",
      "First aid kit for hiking",
      "Teaching aids for classrooms",
      "Microsoft MS Teams download",
      "Pill-shaped button CSS",
      "Tropical depression forms in the Gulf of Mexico",
      "The Great Depression explained",
      "Dépression atlantique : tempête sur la Bretagne",
      "Depresión aislada en niveles altos (DANA)",
      "Wetter: schwül-heiße Tage am Wochenende",
      "Autista con patente C cercasi",
      "Noleggio con autista a Roma",
      "Enceinte Bluetooth JBL Charge 5",
      "Condominium for sale in Miami",
      "No preservatives, no added sugar",
      "Aspergeroomsoep recept",
      "Aceite de rosa mosqueta puro",
      "Los tres mosqueteros",
      "Mosquito repellent spray",
      "Alkoholfreie und alkoholische Getränke",
      "Boissons alcoolisées et softs",
      "Alcoholische dranken bestellen",
      "Suicide Squad 4K Blu-ray",
      "Political suicide: the minister resigns",
      "New album coming out soon",
      "Pride and Prejudice paperback",
      "Homo sapiens: how we evolved",
      "Transformers toy set",
      "Women's running shoes",
      "Men's Health – fitness tips",
      "Doctor Who series 14",
      "Medicine ball 5kg",
      "Toys for toddlers",
      "Children's books bestsellers",
      "Kinderschuhe Größe 28",
      "Vêtements enfant – soldes",
      "Ropa de niños – rebajas",
      "Abbigliamento bambini",
      "Kinderkleding sale",
      "Halal fried chicken near me",
      "Kosher salt 1kg",
      "Bank of America mortgage rates",
      "Credit card comparison",
      "Kredit für den Autokauf",
      "Prestito personale online",
      "Crédito hipotecario",
      "Student loan interest rates",
      "Vote for your favourite photo",
      "Partido de fútbol Real Madrid",
      "Partita Juventus–Milan",
      "Champions League final tickets",
      "Weather forecast Essex",
      "Sex and the City box set",
      "Middlesex University",
      "Smart TV 55 pollici",
      "Skincare for sensitive skin",
      "Sunscreen SPF 50",
      "Stroke technique for swimmers",
      "Chapter 7: The Return",
      "Insulated water bottle",
      "Insulindeweg 12, Amsterdam",
      "Baptism of fire for the new coach",
      "Bipolar stepper motor NEMA 17",
      "Transistor bipolaire NPN",
      "Dementor costume – Harry Potter",
      "Insolvenz von Galeria: Filialen schließen",
      "Retailer files for bankruptcy protection",
      "Lesbos holidays 2026",
      "Krebs cycle explained – biology",
      "Kreeft recepten",
      "Grand Theft Auto VI trailer",
  };
  for (std::string_view text : kOrdinary) {
    CAPTURE(text);
    const std::optional<SensitiveMatch> m = FindSensitive(text);
    CHECK_FALSE(m);
    if (m) UNSCOPED_INFO("matched " << m->term);
  }
}

TEST_CASE("FindSensitive: the term as matched, prefixes, multi-word terms", "[classify][sensitive]") {
  const std::optional<SensitiveMatch> hiv = FindSensitive("https://shop.example/products/in-home-hiv-test-kit");
  REQUIRE(hiv);
  CHECK(hiv->category == SensitiveCategory::kHealth);
  CHECK(hiv->term == "hiv");
  const std::optional<SensitiveMatch> diabetes = FindSensitive("Living with Diabetes: recipes");
  REQUIRE(diabetes);
  CHECK(diabetes->term == "diabetes");  // the word matched by a prefix term
  CHECK_FALSE(FindSensitive("hivemind-collective"));  // whole words only ("hivemind")
}

TEST_CASE("FindSensitive: coordinates", "[classify][sensitive]") {
  const std::optional<SensitiveMatch> pair = FindSensitive("52.52437,13.41053");
  REQUIRE(pair);
  CHECK(pair->category == SensitiveCategory::kPreciseLocation);
  CHECK(pair->term == "52.52437,13.41053");
  CHECK(FindSensitive("lat=48.85837&lng=2.29448"));
  CHECK(FindSensitive("latitude=-33.868&longitude=151.209"));
  CHECK_FALSE(FindSensitive("ttfb=0.254&fcp=1.433"));          // timings, not a place
  CHECK_FALSE(FindSensitive("52.5,13.4"));                      // too coarse: a city
  CHECK_FALSE(FindSensitive("lat=95.12345&lng=13.41053"));      // no latitude
  CHECK_FALSE(FindSensitive("1.234,5.678,9.012"));              // a list of numbers
  CHECK_FALSE(FindSensitive("v=2.9.150,1.234"));                // a version
}

}  // namespace
}  // namespace trackscope
