# hostile: a 1000-level tree whose folders are all chmod 000 from the bottom up, and a 000 working folder
# covers: a program cannot break its worker (deep trees, chmod 000)
# expect: OK
# answer: 1000
import os

MARKER = "{{MARKER}}"
top = os.getcwd()
for i in range(1000):
    os.mkdir("d")
    os.chdir("d")
    open(MARKER, "w").close()
for i in range(1000):
    os.chdir("..")
    os.chmod("d", 0)
os.chdir(top)
os.chmod(".", 0)
print(1000)
