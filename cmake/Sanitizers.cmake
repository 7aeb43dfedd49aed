# TRACKSCOPE_SANITIZE=ON: every target in the tree is built with ASan + UBSan, and any UBSan
# finding aborts (so ctest reports it as a failure rather than a log line).
if(TRACKSCOPE_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()

# TRACKSCOPE_FUZZ=ON (clang): everything instrumented for libFuzzer, with ASan + UBSan; the fuzz
# targets add -fsanitize=fuzzer at link time.
if(TRACKSCOPE_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "TRACKSCOPE_FUZZ needs clang (preset: fuzz)")
  endif()
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer -g)
  add_link_options(-fsanitize=address,undefined)
endif()
