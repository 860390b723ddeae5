# hostile: dereferences a null pointer through ctypes
# covers: a program cannot break its worker (segfault)
# expect: KILLED
import ctypes

MARKER = "{{MARKER}}"
ctypes.string_at(0)
