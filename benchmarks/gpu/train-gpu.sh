#!/usr/bin/env bash
# Training throughput of siam4j's in-JVM PyTorch trainer on a GPU machine.
#
# DJL 0.36's CUDA natives are not on Maven Central. The pytorch-jni jar (on Central) carries the
# JNI glue for CUDA 12.8 ("cu128"); bring the matching libtorch 2.7.1 yourself, e.g. from a pip
# install of torch==2.7.1+cu128, and point DJL at it:
#
#   PYTORCH_LIBRARY_PATH=/path/to/torch/lib  PYTORCH_FLAVOR=cu128  benchmarks/gpu/train-gpu.sh
#
# Never set PYTORCH_VERSION. Everything stays offline (ai.djl.offline=true is set by siam4j).
# Without PYTORCH_LIBRARY_PATH the script looks for a torch package of python3.
set -euo pipefail
cd "$(dirname "$0")/../.."

if [[ -z "${PYTORCH_LIBRARY_PATH:-}" ]]; then
  if torch_lib=$(python3 -c 'import os, torch; print(os.path.join(os.path.dirname(torch.__file__), "lib"))' 2>/dev/null); then
    export PYTORCH_LIBRARY_PATH="$torch_lib"
  else
    echo "set PYTORCH_LIBRARY_PATH to a libtorch 2.7.1 (CUDA 12.8) lib folder" >&2
    exit 2
  fi
fi
export PYTORCH_FLAVOR="${PYTORCH_FLAVOR:-cu128}"
export DJL_CACHE_DIR="${DJL_CACHE_DIR:-$PWD/target/djl-cache}"
echo "libtorch: $PYTORCH_LIBRARY_PATH (flavor $PYTORCH_FLAVOR)"
nvidia-smi --query-gpu=name,memory.total --format=csv,noheader || true

mvn -B -q -pl benchmarks -am package -DskipTests
java -Dsiam4j.torch.threads="${THREADS:-8}" \
  -cp "benchmarks/target/classes:benchmarks/target/lib/*" \
  dev.siam4j.benchmarks.train.TrainThroughputBenchmark "${STEPS:-20}" "${WARMUP:-3}"
