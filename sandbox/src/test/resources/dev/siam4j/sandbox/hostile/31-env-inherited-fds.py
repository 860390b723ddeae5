# hostile: looks for descriptors it did not open (a status channel, the worker's pipes) and reads what they hold
# covers: env secrets and status channel (nothing inherited beyond stdin, stdout and stderr)
# expect: OK
# stdout-lacks: INHERITED
# stdout-has: DONE
import os

MARKER = "{{MARKER}}"
names = os.listdir("/proc/self/fd")
for name in names:
    fd = int(name)
    if fd <= 2:
        continue
    try:
        target = os.readlink("/proc/self/fd/%d" % fd)
    except OSError:
        continue  # the descriptor os.listdir used, closed by now
    print("INHERITED fd", fd, "->", target)
    try:
        os.set_blocking(fd, False)
        print("  holds", os.read(fd, 200))
    except OSError as e:
        print("  unreadable", e.strerror)
for fd, target in ((0, "stdin"),):
    try:
        print("stdin gives", os.read(fd, 100))
    except OSError as e:
        print("stdin unreadable", e.strerror)
print("DONE")
