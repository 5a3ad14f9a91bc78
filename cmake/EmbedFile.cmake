# embed_file(TARGET SYMBOL FILE): links FILE's bytes into TARGET as
#   extern "C" const char SYMBOL[]; extern "C" const char SYMBOL_end[];
# Data files stay readable text under version control; the binary needs no
# data directory at run time.
function(embed_file target symbol file)
  set(src "${CMAKE_CURRENT_BINARY_DIR}/embed_${symbol}.S")
  file(WRITE "${src}"
    ".section .rodata\n"
    ".global ${symbol}\n.global ${symbol}_end\n"
    ".balign 16\n${symbol}:\n.incbin \"${file}\"\n${symbol}_end:\n.byte 0\n"
    ".section .note.GNU-stack,\"\",@progbits\n")
  set_source_files_properties("${src}" PROPERTIES OBJECT_DEPENDS "${file}" LANGUAGE ASM)
  target_sources(${target} PRIVATE "${src}")
endfunction()
