# hostile: reaches host files through symlinks and hard links made in its working folder, and appends to them
# covers: writes outside the working folder (links)
# expect: OK
# stdout-lacks: WROTE
# stdout-has: DONE
import os

MARKER = "{{MARKER}}"
os.symlink("{{HOST_WRITE_DIR}}/" + MARKER + "-via-symlink", "link")
try:
    with open("link", "w") as f:
        f.write(MARKER)
    print("WROTE through a symlink")
except OSError as e:
    print("symlink refused", e.strerror)
try:
    os.link("{{HOST_SECRET_FILE}}", "hard")
    with open("hard", "a") as f:
        f.write(MARKER)
    print("WROTE through a hard link")
except OSError as e:
    print("hard link refused", e.strerror)
try:
    with open("{{HOST_SECRET_FILE}}", "a") as f:
        f.write(MARKER)
    print("WROTE the secret file")
except OSError as e:
    print("append refused", e.strerror)
print("DONE")
