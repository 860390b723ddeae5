# hostile: writes files with its marker in host folders: the build folder, the host's temp folders, the project, /
# covers: writes outside the working folder
# expect: OK
# stdout-lacks: WROTE
# stdout-has: DONE
import os

MARKER = "{{MARKER}}"
for d in ("{{HOST_WRITE_DIR}}", "{{HOST_TMP}}", "/var/tmp", "{{PROJECT_DIR}}", "/", "/root", "/run", "/dev/shm/..",
          "..", "../..", "/proc/self/root{{HOST_WRITE_DIR}}", "/proc/1/root{{HOST_WRITE_DIR}}",
          "/proc/1/cwd", "/proc/%d/cwd/.." % os.getppid()):
    path = os.path.join(d, MARKER + "-written")
    try:
        with open(path, "w") as f:
            f.write(MARKER)
        real = os.path.realpath(path)
        # only the host side can tell whether a path is the host's: it checks its folders after the run
        print("WROTE" if not real.startswith(os.getcwd()) and not real.startswith("/tmp/") else "wrote-private", real)
    except OSError as e:
        print("refused", d, e.strerror)
print("DONE")
