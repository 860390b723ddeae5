#!/usr/bin/env bash
# Measures llama.cpp generation on a GPU machine: k=5 samples through parallel slots versus one at
# a time, and siam4j's generator versus the binding directly, on generated models (20M and 300M
# parameters, F16), with all layers offloaded.
#
# de.kherud:llama 4.2.0's cuda12-linux-x86-64 classifier jar on Maven Central holds classes only,
# no native library, so a CUDA build of libjllama.so (java-llama.cpp 4.2.0, llama.cpp b4916) must
# be provided: put it in a folder and pass that folder as SIAM4J_JLLAMA_CUDA_DIR.
#
# Prepare on a build machine (the GPU machine is offline):
#   mvn -B -q -pl benchmarks -am package -DskipTests
# then carry benchmarks/target and the CUDA libjllama folder, and run:
#   SIAM4J_JLLAMA_CUDA_DIR=/path/to/cuda-lib bash benchmarks/gpu/llama-generation.sh
# Results go to stdout and, when $OUT is set, to $OUT/llama-gpu.txt.
set -euo pipefail
cd "$(dirname "$0")/../.."

out="${OUT:-.}/llama-gpu.txt"
cp="benchmarks/target/classes:benchmarks/target/lib/*"
main=dev.siam4j.benchmarks.llama.LlamaGenerationBenchmark

if [[ ! -d benchmarks/target/lib ]]; then
  echo "build first: mvn -B -q -pl benchmarks -am package -DskipTests" >&2
  exit 2
fi
{
  echo "# $(date -u +%FT%TZ) $(hostname)"
  nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader || echo "no nvidia-smi"
  java -version 2>&1 | head -1
} | tee "$out"

lib="${SIAM4J_JLLAMA_CUDA_DIR:-}"
if [[ -z "$lib" || ! -f "$lib/libjllama.so" ]]; then
  echo "SIAM4J_JLLAMA_CUDA_DIR does not hold a CUDA libjllama.so: the cuda12 classifier jar ships" \
       "no natives. Measuring the CPU build on this machine instead (all cores)." | tee -a "$out"
  threads=$(( $(nproc) / 2 ))
  java -Xmx8g -cp "$cp" "$main" 3 "$threads" cpu Q8_0 20m 2>/dev/null | tee -a "$out"
  exit 3
fi

for size in 20m 300m; do
  echo "## $size F16, all layers on the GPU" | tee -a "$out"
  java -Xmx8g -Dde.kherud.llama.lib.path="$lib" -cp "$cp" "$main" 3 4 gpu F16 "$size" 2>/dev/null \
    | tee -a "$out"
done
