# TRACKSCOPE_SANITIZE=ON: every target in the tree is built with ASan + UBSan, and any UBSan
# finding aborts (so ctest reports it as a failure rather than a log line).
if(TRACKSCOPE_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()
