# hostile: reads the project's sources and a world-readable secret file of the host by their paths
# covers: host file system visibility (project folders, host files)
# expect: OK
# stdout-lacks: VISIBLE
# stdout-has: DONE
import os

MARKER = "{{MARKER}}"
for path in ("{{PROJECT_DIR}}", "{{PROJECT_DIR}}/pom.xml", "{{HOST_SECRET_FILE}}", "{{HOST_WRITE_DIR}}",
             "/proc/1/root{{PROJECT_DIR}}", "/proc/self/root{{HOST_SECRET_FILE}}"):
    try:
        if os.path.isdir(path):
            print("VISIBLE", path, sorted(os.listdir(path))[:10])
        else:
            with open(path) as f:
                print("VISIBLE", path, f.read(300))
    except OSError as e:
        print("hidden", path, e.strerror)
print("DONE")
