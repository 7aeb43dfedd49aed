# Build-time generation of the core's data tables from registry-installed sources (see
# core/data/README.md). Generators are Node scripts in tools/gen; they fail loudly on bad input.
find_program(NODE_EXECUTABLE node REQUIRED)

set(TRACKSCOPE_PSL_FILE "/usr/share/publicsuffix/public_suffix_list.dat"
    CACHE FILEPATH "Public Suffix List (Debian package publicsuffix)")

set(TRACKSCOPE_VENDORS_FILE "${PROJECT_SOURCE_DIR}/node_modules/third-party-web/dist/entities-nostats.json"
    CACHE FILEPATH "third-party-web entities (npm package third-party-web)")

set(TRACKSCOPE_OCD_FILE "${PROJECT_SOURCE_DIR}/node_modules/@slashgear/gdpr-cookie-scanner/dist/data/open-cookie-database.json"
    CACHE FILEPATH "Open Cookie Database (npm package @slashgear/gdpr-cookie-scanner)")
set(TRACKSCOPE_CURATED_COOKIES "${PROJECT_SOURCE_DIR}/core/data/cookies/curated.json"
    CACHE FILEPATH "trackscope's curated cookie catalog")

set(TRACKSCOPE_DNT_POLICIES_FILE "/usr/share/webext/privacy-badger/data/dnt-policies.json"
    CACHE FILEPATH "EFF DNT policy hashes (Debian package webext-privacy-badger)")

set(_easylist_dir "/usr/share/chromium/extensions/ublock-origin/assets/thirdparties/easylist")
set(TRACKSCOPE_FILTER_LISTS "${_easylist_dir}/easylist.txt;${_easylist_dir}/easyprivacy.txt"
    CACHE STRING "Filter lists compiled into the shipped engine (Debian webext-ublock-origin-chromium)")

set(TRACKSCOPE_GENERATED_DIR "${CMAKE_BINARY_DIR}/generated")
file(MAKE_DIRECTORY "${TRACKSCOPE_GENERATED_DIR}")

# trackscope_generate(OUTPUT <file> SCRIPT <tools/gen/x.mjs> INPUTS <files...> [EXTRA_DEPENDS <files...>])
# runs `node SCRIPT INPUTS... OUTPUT` whenever the script, an input or an extra dependency changes.
function(trackscope_generate)
  cmake_parse_arguments(GEN "" "OUTPUT;SCRIPT" "INPUTS;EXTRA_DEPENDS" ${ARGN})
  add_custom_command(
    OUTPUT "${GEN_OUTPUT}"
    COMMAND "${NODE_EXECUTABLE}" "${PROJECT_SOURCE_DIR}/${GEN_SCRIPT}" ${GEN_INPUTS} "${GEN_OUTPUT}"
    DEPENDS "${PROJECT_SOURCE_DIR}/${GEN_SCRIPT}" "${PROJECT_SOURCE_DIR}/tools/gen/common.mjs" ${GEN_INPUTS} ${GEN_EXTRA_DEPENDS}
    COMMENT "Generating ${GEN_OUTPUT}"
    VERBATIM)
endfunction()
