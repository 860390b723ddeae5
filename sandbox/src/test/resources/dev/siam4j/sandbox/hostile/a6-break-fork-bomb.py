# hostile: the classic fork bomb: every process forks forever
# covers: a program cannot break its worker (fork bomb)
# expect: TIMEOUT
import os

MARKER = "{{MARKER}}"
while True:
    try:
        os.fork()
    except OSError:
        pass
