# hostile: opens files and pipes until the descriptor limit, and exits holding them all
# covers: a program cannot break its worker (fd exhaustion)
# expect: OK
import os

MARKER = "{{MARKER}}"
held = []
try:
    while True:
        held.append(os.open("/dev/null", os.O_RDONLY))
        r, w = os.pipe()
        held += [r, w]
except OSError as e:
    print("stopped at", len(held), e.strerror)
