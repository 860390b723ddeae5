# Runs many reference programs in one interpreter: reads a JSON list of programs on stdin and
# prints a JSON list of what each printed (or "ERROR: ..." when it raised).
import contextlib
import io
import json
import sys

results = []
for program in json.load(sys.stdin):
    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out):
            exec(program, {"__name__": "__main__"})
        results.append(out.getvalue())
    except Exception as e:  # noqa: BLE001 - reported per program
        results.append("ERROR: %r" % (e,))
json.dump(results, sys.stdout)
