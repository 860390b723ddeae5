#!/usr/bin/env bash
# The sandbox's cost in one command, against a baseline build, on the same machine in one run:
#  1. the isolated per-program cost (SandboxCostBenchmark: arithmetic and sympy programs, two in
#     flight on two workers) of the baseline commit and of this tree, alternating ROUNDS times;
#  2. `siam4j exec --jsonl` on 400 distinct sympy programs against a fresh `python3` per program
#     (both with as many programs at once as cores; the fresh interpreters are timed on the first
#     FRESH programs and scaled to 400).
#   bash benchmarks/sandbox-cost.sh [BASELINE_REF (default 40fbb14, the sandbox before confinement)] [ROUNDS (default 3)] [FRESH (default 40)]
# Maven runs offline when OFFLINE=1; MAVEN_OPTS is passed through.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
base_ref="${1:-40fbb14}"
rounds="${2:-3}"
fresh_n="${3:-40}"
mvn_flags=(-B -q -ntp -DskipTests)
[ "${OFFLINE:-0}" = 1 ] && mvn_flags+=(-o)
work="$(mktemp -d /tmp/siam4j-cost-XXXXXX)"
cleanup() {
  git -C "$root" worktree remove --force "$work/base" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "== building the baseline ($base_ref) and this tree" >&2
git -C "$root" worktree add -q --detach "$work/base" "$base_ref"
(cd "$work/base" && mvn "${mvn_flags[@]}" -pl examples -am package) >&2
(cd "$root" && mvn "${mvn_flags[@]}" -pl examples -am package) >&2
harness="$root/benchmarks/src/main/java/dev/siam4j/benchmarks/sandbox/SandboxCostBenchmark.java"
for tree in base new; do
  dir="$root"; [ "$tree" = base ] && dir="$work/base"
  mkdir -p "$work/$tree-classes"
  javac -d "$work/$tree-classes" -cp "$dir/examples/target/lib/*" "$harness"
done

echo "== isolated per-program cost, $rounds rounds: machine $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq 1 "$rounds"); do
  for tree in base new; do
    dir="$root"; [ "$tree" = base ] && dir="$work/base"
    java -cp "$work/$tree-classes:$dir/examples/target/lib/*" \
        -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
        dev.siam4j.benchmarks.sandbox.SandboxCostBenchmark "$tree" | tee -a "$work/cost.txt"
  done
done
python3 - "$work/cost.txt" <<'PY'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1]) if l.startswith("cost ")]
for workload in sorted({r[2] for r in rows}):
    med = {t: (statistics.median(float(r[4]) for r in rows if r[1] == t and r[2] == workload),
               statistics.median(float(r[5]) for r in rows if r[1] == t and r[2] == workload))
           for t in ("base", "new")}
    print("%-16s execs/s base %.2f new %.2f | p50 ms base %.1f new %.1f | cost new/base %.2fx"
          % (workload, med["base"][0], med["new"][0], med["base"][1], med["new"][1],
             med["base"][0] / med["new"][0]))
PY

echo "== siam4j exec --jsonl, 400 distinct sympy programs, vs a fresh python3 per program"
python3 - "$work/programs.jsonl" <<'PY'
import json, sys
with open(sys.argv[1], "w") as f:
    for i in range(400):
        a, b = i % 19 + 2, i // 19 + 3
        code = ("import sympy\nx = sympy.symbols('x')\n"
                "print(sympy.solve(x**2 - %d*x + %d, x), sympy.factorint(%d))\n" % (a + b, a * b, 360 + i))
        f.write(json.dumps({"id": "p%d" % i, "code": code}) + "\n")
PY
lib="$root/examples/target/lib"
jar="$(ls "$root"/examples/target/siam4j-examples-*.jar | grep -v -e sources -e javadoc | head -1)"
start=$(date +%s.%N)
java -cp "$jar:$lib/*" dev.siam4j.examples.cli.Siam4jCli exec --jsonl "$work/programs.jsonl" \
    --workers "$(nproc)" --output "$work/executions.jsonl"
end=$(date +%s.%N)
ok=$(grep -c '"outcome":"OK"' "$work/executions.jsonl" || true)
fresh_start=$(date +%s.%N)
head -n "$fresh_n" "$work/programs.jsonl" | python3 -c '
import concurrent.futures, json, os, subprocess, sys
codes = [json.loads(line)["code"] for line in sys.stdin]
run = lambda c: subprocess.run([sys.argv[1], "-I", "-c", c], capture_output=True, check=True)
with concurrent.futures.ThreadPoolExecutor(os.cpu_count()) as pool:
    list(pool.map(run, codes))
' "$(python3 -c 'import os, sys; print(os.path.realpath(sys.executable))')"
fresh_end=$(date +%s.%N)
python3 - "$start" "$end" "$fresh_start" "$fresh_end" "$fresh_n" "$ok" <<'PY'
import sys
s, e, fs, fe, n, ok = map(float, sys.argv[1:])
exec_s = e - s
fresh_s = (fe - fs) / n * 400
print("siam4j exec --jsonl: 400 programs (%d OK) in %.1f s, JVM start included" % (ok, exec_s))
print("fresh python3 per program, as many at once as cores: %.2f s per program (%d timed) = %.1f s"
      " for 400" % ((fe - fs) / n, n, fresh_s))
print("speed-up: %.1fx" % (fresh_s / exec_s))
PY
