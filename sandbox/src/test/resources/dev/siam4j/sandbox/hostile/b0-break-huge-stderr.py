# hostile: writes to stderr without end, without newlines
# covers: a program cannot break its worker (huge output on stderr)
# expect: OUTPUT_LIMIT
import os

MARKER = "{{MARKER}}"
while True:
    os.write(2, b"\xff" * 65536)
