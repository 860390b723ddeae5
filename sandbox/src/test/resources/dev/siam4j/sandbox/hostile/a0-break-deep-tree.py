# hostile: builds a folder tree 1500 levels deep, deeper than any recursive cleanup can follow
# covers: a program cannot break its worker (deep trees)
# expect: OK
# answer: 1500
import os

MARKER = "{{MARKER}}"
for i in range(1500):
    os.mkdir("d")
    os.chdir("d")
with open(MARKER, "w") as f:
    f.write(MARKER)
print(1500)
