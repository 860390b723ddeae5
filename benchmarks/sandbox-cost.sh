#!/usr/bin/env bash
# The sandbox's cost in one command, against a baseline build, on the same machine in one run:
#  1. the isolated per-program cost (SandboxCostBenchmark: arithmetic and sympy programs, two in
#     flight on two workers) of the baseline commit and of this tree, alternating ROUNDS times;
#  2. `siam4j exec --jsonl --workers CORES` on 400 distinct sympy programs, ROUNDS times each for
#     this tree (isolated and reuse mode) and the baseline (isolated), against a fresh interpreter
#     per program three ways: `python3` as the PATH gives it (a wrapper such as a pyenv shim
#     included) one at a time, the interpreter itself one at a time, and the interpreter itself with
#     as many programs at once as cores (each timed on the first FRESH programs, scaled to 400).
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
# one exec run: TREE (base or new), extra flags; prints "exec TREE MODE SECONDS OK"
run_exec() {
  local tree="$1" mode="$2"; shift 2
  local dir="$root"; [ "$tree" = base ] && dir="$work/base"
  local jar; jar="$(ls "$dir"/examples/target/siam4j-examples-*.jar | grep -v -e sources -e javadoc | head -1)"
  local s e; s=$(date +%s.%N)
  java -cp "$jar:$dir/examples/target/lib/*" dev.siam4j.examples.cli.Siam4jCli exec \
      --jsonl "$work/programs.jsonl" --workers "$(nproc)" --output "$work/executions.jsonl" "$@"
  e=$(date +%s.%N)
  echo "exec $tree $mode $(echo "$e - $s" | bc) $(grep -c '"outcome":"OK"' "$work/executions.jsonl" || true)"
}
for round in $(seq 1 "$rounds"); do
  run_exec new isolated
  run_exec base isolated
  run_exec new reuse --mode reuse
done | tee "$work/exec.txt"
# fresh interpreters on the first FRESH programs, scaled to 400: "fresh HOW SECONDS_PER_PROGRAM"
interpreter="$(python3 -c 'import os, sys; print(os.path.realpath(sys.executable))')"
path_python="$(command -v python3)"
fresh() {
  local how="$1" command="$2" parallel="$3" s e
  s=$(date +%s.%N)
  head -n "$fresh_n" "$work/programs.jsonl" | python3 -c '
import concurrent.futures, json, subprocess, sys
codes = [json.loads(line)["code"] for line in sys.stdin]
run = lambda c: subprocess.run([sys.argv[1], "-c", c], capture_output=True, check=True)
with concurrent.futures.ThreadPoolExecutor(int(sys.argv[2])) as pool:
    list(pool.map(run, codes))
' "$command" "$parallel"
  e=$(date +%s.%N)
  echo "fresh $how $(echo "($e - $s) / $fresh_n" | bc -l)"
}
{
  fresh path-one-at-a-time "$path_python" 1
  fresh interpreter-one-at-a-time "$interpreter" 1
  fresh interpreter-all-cores "$interpreter" "$(nproc)"
} | tee "$work/fresh.txt"
python3 - "$work/exec.txt" "$work/fresh.txt" "$path_python" "$interpreter" <<'PY'
import statistics, sys
runs = [l.split() for l in open(sys.argv[1]) if l.startswith("exec ")]
fresh = {l.split()[1]: float(l.split()[2]) for l in open(sys.argv[2]) if l.startswith("fresh ")}
print("fresh python3 per program (400 = 400 x one program's time):")
names = {"path-one-at-a-time": "`python3` as on the PATH (%s), one at a time" % sys.argv[3],
         "interpreter-one-at-a-time": "the interpreter itself (%s), one at a time" % sys.argv[4],
         "interpreter-all-cores": "the interpreter itself, as many at once as cores"}
for how, per in fresh.items():
    print("  %-70s %.3f s a program = %.1f s for 400" % (names[how], per, per * 400))
for tree, mode in (("new", "isolated"), ("base", "isolated"), ("new", "reuse")):
    secs = [float(r[3]) for r in runs if r[1] == tree and r[2] == mode]
    oks = {int(r[4]) for r in runs if r[1] == tree and r[2] == mode}
    med = statistics.median(secs)
    ratios = ", ".join("%.1fx vs %s" % (per * 400 / med, how) for how, per in fresh.items())
    print("siam4j exec --jsonl, %s tree, %s: median %.2f s of %s (OK %s); %s"
          % ("this" if tree == "new" else "baseline", mode, med,
             " ".join("%.2f" % x for x in secs), "/".join(map(str, sorted(oks))), ratios))
PY
