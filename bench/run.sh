#!/usr/bin/env bash
# The speed guard of chain: times whole runs on generated organisations and
# checks the targets of docs/PERFORMANCE.md, printing pass or fail for each.
#
#   bash bench/run.sh            # every input, a million people included
#   QUICK=1 bash bench/run.sh    # without the million
#
# Inputs are generated once into target/bench/ by examples/gen_org. Each
# time is the best wall time of REPEAT runs (default 5: the machine may be
# shared, and the best run is the least disturbed), and memory the peak
# resident set of all runs (/usr/bin/time). The Python reference
# (bench/reference.py: tomllib and networkx computing the same map) runs
# PY_REPEAT times (default 2), on the 100,000-person file only.
# Prints a markdown table and the guard, also saved to target/bench/results.md,
# and exits 1 when a target is missed.
set -euo pipefail
cd "$(dirname "$0")/.."

REPEAT=${REPEAT:-5}
PY_REPEAT=${PY_REPEAT:-2}
DIR=target/bench
mkdir -p "$DIR"

echo "building release binaries..." >&2
cargo build --release --quiet --bin chain --example gen_org
CHAIN=target/release/chain
GEN=target/release/examples/gen_org

if ! python3 -c 'import networkx' 2>/dev/null; then
  echo "installing networkx for the Python reference..." >&2
  python3 -m pip install --quiet networkx >&2
fi

# name shape people: the inputs.
INPUTS=(
  "realistic-100k realistic 100000"
  "line-100k line 100000"
  "two-roles-20k-each two-roles 40000"
  "realistic-1m realistic 1000000"
)

# measure ARGS...: "seconds megabytes" of the best of REPEAT runs, or "fail".
measure() {
  local best="" mem=0 secs kb start end status
  local times
  times=$(mktemp)
  for _ in $(seq "$REPEAT"); do
    status=0
    start=$EPOCHREALTIME
    /usr/bin/time -o "$times" -f "%M" "$@" >/dev/null 2>&1 || status=$?
    end=$EPOCHREALTIME
    # Exit 1 is `chain check` reporting an error-level finding: a result.
    if ((status > 1)); then
      rm -f "$times"
      echo "fail"
      return
    fi
    secs=$(awk -v s="$start" -v e="$end" 'BEGIN{printf "%.3f", e - s}')
    # After a non-zero exit, time writes a line about it before the figure.
    kb=$(tail -n 1 "$times")
    if [[ -z $best ]] || awk "BEGIN{exit !($secs < $best)}"; then best=$secs; fi
    if ((kb > mem)); then mem=$kb; fi
  done
  rm -f "$times"
  echo "$best $((mem / 1024))"
}

# cell "seconds megabytes": "0.523 s, 48 MB".
cell() {
  case $1 in
    fail | -) echo "$1" ;;
    *) awk '{printf "%.3f s, %d MB", $1, $2}' <<<"$1" ;;
  esac
}

# ratio A B: A's time over B's time, "12.3".
ratio() {
  awk -v a="${1%% *}" -v b="${2%% *}" 'BEGIN{ if (b == 0) b = 0.001; printf "%.1f", a / b }'
}

# guard OK TEXT: records one target's line, "pass" or "FAIL" first.
failed=0
guards=()
guard() {
  if [[ $1 == 1 ]]; then
    guards+=("- pass: $2")
  else
    guards+=("- FAIL: $2")
    failed=1
  fi
}

# at_least A B, at_most A B, under A B: 1 if A >= B, A <= B, A < B (decimals).
at_least() { awk -v a="$1" -v b="$2" 'BEGIN{print (a >= b) ? 1 : 0}'; }
at_most() { awk -v a="$1" -v b="$2" 'BEGIN{print (a <= b) ? 1 : 0}'; }
under() { awk -v a="$1" -v b="$2" 'BEGIN{print (a < b) ? 1 : 0}'; }

# slowest "secs mb"...: the largest time, or "fail" if a run failed.
slowest() {
  local s
  for s in "$@"; do [[ $s == fail ]] && echo fail && return; done
  printf '%s\n' "$@" | awk '$1 > m {m = $1} END {printf "%.3f", m}'
}

table=$(mktemp)
{
  echo "| input | file | check | map | map --format json | Python reference | Python / json | Python / check | peak / file |"
  echo "|---|---|---|---|---|---|---|---|---|"
} >"$table"

for input in "${INPUTS[@]}"; do
  read -r name shape people <<<"$input"
  if [[ -n ${QUICK:-} && $people -ge 1000000 ]]; then continue; fi
  file="$DIR/$name.toml"
  if [[ ! -s $file ]]; then
    echo "generating $file..." >&2
    "$GEN" --shape "$shape" "$people" >"$file.tmp" && mv "$file.tmp" "$file"
  fi
  if ! "$CHAIN" map "$file" >/dev/null 2>"$DIR/$name.err"; then
    echo "error: $file does not load cleanly; see $DIR/$name.err" >&2
    exit 1
  fi
  mb=$(awk -v b="$(stat -c %s "$file")" 'BEGIN{printf "%.1f", b / 1048576}')
  echo "measuring $name ($mb MB)..." >&2
  check=$(measure "$CHAIN" check "$file")
  map=$(measure "$CHAIN" map "$file")
  json=$(measure "$CHAIN" map --format json "$file")
  python=- by_json=- by_check=-
  if [[ $name == realistic-100k ]]; then
    python=$(REPEAT=$PY_REPEAT measure python3 bench/reference.py "$file")
    by_json=$(ratio "$python" "$json")x
    by_check=$(ratio "$python" "$check")x
  fi
  peak=$(printf '%s\n' "$check" "$map" "$json" | awk '$2 > m {m = $2} END {print m + 0}')
  per_file=$(awk -v p="$peak" -v f="$mb" 'BEGIN{printf "%.1f", p / f}')
  echo "| $name | $mb MB | $(cell "$check") | $(cell "$map") | $(cell "$json") | $(cell "$python") | $by_json | $by_check | ${per_file}x |" >>"$table"

  worst=$(slowest "$check" "$map" "$json")
  case $name in
    realistic-100k)
      guard "$(at_least "${by_json%x}" 15)" "$name: \`map --format json\` $by_json faster than the Python reference (at least 15x)"
      guard "$(at_least "${by_check%x}" 15)" "$name: \`check\` $by_check faster than the Python reference (at least 15x)"
      guard "$(at_most "$per_file" 10)" "$name: peak memory ${per_file}x the file (at most 10x)"
      ;;
    realistic-1m)
      guard "$([[ $worst != fail ]] && under "$worst" 10 || echo 0)" "$name: the slowest command ${worst} s (under 10 s)"
      ;;
    *)
      guard "$([[ $worst != fail ]] && under "$worst" 0.5 || echo 0)" "$name: the slowest command ${worst} s (under 0.5 s)"
      ;;
  esac
done

{
  cat "$table"
  echo
  echo "The guard:"
  echo
  printf '%s\n' "${guards[@]}"
  echo
  echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/ {print $2}') GiB; load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)."
  if awk -v l="$(cut -d' ' -f1 /proc/loadavg)" -v n="$(nproc)" 'BEGIN{exit !(l > n)}'; then
    echo
    echo "The machine was busy (more runnable processes than cores): the times are longer than on an idle machine."
  fi
} | tee "$DIR/results.md"
rm -f "$table"
exit "$failed"
