# hostile: a tree of files under folders made chmod 000, plus an unlinkable-looking read-only file and a fifo
# covers: a program cannot break its worker (chmod 000 folders)
# expect: OK
import os

MARKER = "{{MARKER}}"
for a in range(5):
    for b in range(5):
        os.makedirs("a%d/b%d" % (a, b))
        for c in range(5):
            with open("a%d/b%d/%s-%d" % (a, b, MARKER, c), "w") as f:
                f.write(MARKER)
        os.chmod("a%d/b%d" % (a, b), 0)
    os.chmod("a%d" % a, 0)
os.mkfifo("fifo")
with open("ro", "w") as f:
    f.write(MARKER)
os.chmod("ro", 0)
os.chmod(".", 0o500)
print("locked")
