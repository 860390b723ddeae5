# A program that runs while a hostile one runs on another worker: it keeps a file and a buffer with
# its marker and sleeps; it must end normally, untouched.
import time

MARKER = "{{MARKER}}"
held = (MARKER + " ") * 1000
with open("/tmp/" + MARKER + "-victim", "w") as f:
    f.write(MARKER)
with open(MARKER + "-victim", "w") as f:
    f.write(MARKER)
time.sleep(2.5)
print("survived")
