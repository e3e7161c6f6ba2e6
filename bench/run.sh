#!/usr/bin/env bash
# Whole-process benchmark of chain, side by side with the floor (the toml
# crate alone parsing the same file into a toml::Table) and the Python
# reference (tomllib + networkx computing the same all-people map).
#
#   bash bench/run.sh            # everything: 10k, 100k, 1M and the adversarial shapes
#   QUICK=1 bash bench/run.sh    # without the 1M-person file
#
# Inputs are generated once and cached in target/bench/. Each figure is the
# best wall time of REPEAT runs (default 5; the machine is shared, so the
# best is the least disturbed; the Python reference PY_REPEAT runs, default
# 2), timed to the microsecond with bash's EPOCHREALTIME (/usr/bin/time
# rounds to 10 ms, a quarter of a 10k run), and the peak resident memory
# from /usr/bin/time. Commands chain does not have yet show as n/a. PYTHON_MAX
# (default 100000) is the most people the Python reference is run on.
# GROWTH_REPEAT (default 21) is how many pairs of runs, a smaller file then
# a larger, the growth is measured from; each growth prints the median of
# the pairs' ratios with its 95% interval (bench/growth.awk), and the pairs
# are kept in target/bench/pairs/ to pool with other runs.
# Prints a markdown table, also saved to target/bench/results.md.
set -euo pipefail
cd "$(dirname "$0")/.."

REPEAT=${REPEAT:-5}
PY_REPEAT=${PY_REPEAT:-2}
PYTHON_MAX=${PYTHON_MAX:-100000}
DIR=target/bench
STARTED=$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$DIR"

echo "building release binaries..." >&2
cargo build --release --quiet --bin chain --example gen_org --example parse_floor
CHAIN=target/release/chain
GEN=target/release/examples/gen_org
FLOOR=target/release/examples/parse_floor

if ! python3 -c 'import networkx' 2>/dev/null; then
  echo "installing networkx for the Python reference..." >&2
  python3 -m pip install --quiet networkx >&2
fi

# name shape people: the inputs.
INPUTS=(
  "realistic-10k realistic 10000"
  "realistic-100k realistic 100000"
  "realistic-1m realistic 1000000"
  "line-100k line 100000"
  "two-roles-20k-each two-roles 40000"
  "fanout-50k-x20 fanout 50000"
)

# has COMMAND: whether chain has the subcommand (check and graph land later).
has() { "$CHAIN" help "$1" >/dev/null 2>&1; }

# measure ARGS...: "seconds megabytes" of the best of REPEAT runs, or "fail".
measure() {
  local best="" mem=0 secs kb times start end
  times=$(mktemp)
  for _ in $(seq "$REPEAT"); do
    local status=0
    start=$EPOCHREALTIME
    /usr/bin/time -o "$times" -f "%M" "$@" >/dev/null 2>&1 || status=$?
    end=$EPOCHREALTIME
    # Exit 1 is `chain check` reporting an error-level finding: a result.
    if ((status > 1)); then
      rm -f "$times"
      echo "fail"
      return
    fi
    secs=$(awk -v s="$start" -v e="$end" 'BEGIN{printf "%.4f", e - s}')
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
    fail | n/a | skipped) echo "$1" ;;
    *) awk '{printf "%.3f s, %d MB%s", $1, $2, ($3 == "" ? "" : " (" $3 ")")}' <<<"$1" ;;
  esac
}
# ratio A B: A's time over B's time, "1.23x".
ratio() {
  case "$1 $2" in
    *fail* | *n/a* | *skipped*) echo "-"; return ;;
  esac
  awk -v a="${1%% *}" -v b="${2%% *}" 'BEGIN{ if (b == 0) b = 0.01; printf "%.2fx", a / b }'
}

# seconds ARGS...: the wall time of one run.
seconds() {
  local start end
  start=$EPOCHREALTIME
  "$@" >/dev/null 2>&1 || true
  end=$EPOCHREALTIME
  awk -v s="$start" -v e="$end" 'BEGIN{printf "%.4f", e - s}'
}

# pairs SMALL LARGE ARGS...: GROWTH_REPEAT pairs of runs, the small file
# then at once the large one; one line "small large" per pair.
pairs() {
  local small=$1 large=$2
  shift 2
  for _ in $(seq "${GROWTH_REPEAT:-21}"); do
    echo "$(seconds "$@" "$small") $(seconds "$@" "$large")"
  done
}

# growth NAME SMALL LARGE ARGS...: the growth from GROWTH_REPEAT pairs of
# runs, as bench/growth.awk prints it; the pairs are kept in
# target/bench/pairs/, named by the time and NAME, to pool runs later
# (`awk -f bench/growth.awk target/bench/pairs/*-NAME.txt`).
#
# Each pair's two runs are seconds apart and see about the same load, so
# its ratio is little moved by the machine's speed changing over minutes;
# the median of the pairs is little moved by one disturbed run. The ratio
# of the best runs is not a fair measure of growth on a shared machine: a
# run of a fraction of a second can fall wholly into a quiet moment, one
# of seconds seldom can, so the small file's best run tends to be the
# luckier one (on 2026-12-03 the best runs' ratio was the higher in ten
# of twelve measurements; docs/PERFORMANCE.md).
growth() {
  local kept
  kept="$DIR/pairs/$STARTED-$1.txt"
  shift
  mkdir -p "$DIR/pairs"
  pairs "$@" >"$kept"
  awk -f bench/growth.awk "$kept"
}

declare -A MAPJSON MAP CHECK
table=$(mktemp)
{
  echo "| input | file | floor (toml::Table) | check | map | map --format json | map ID | graph | Python reference | json / floor | check / floor | Python / json | peak / file |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|"
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
  first=$(grep -m1 -o '^\[people\.[^]]*\]' "$file" | sed 's/^\[people\.//; s/\]$//; s/^"//; s/"$//')
  echo "measuring $name ($mb MB)..." >&2
  floor=$(measure "$FLOOR" "$file")
  check=n/a
  has check && check=$(measure "$CHAIN" check "$file")
  map=$(measure "$CHAIN" map "$file")
  json=$(measure "$CHAIN" map --format json "$file")
  one=$(measure "$CHAIN" map "$file" "$first")
  graph=n/a
  has graph && graph=$(measure "$CHAIN" graph "$file")
  # A picture past --max-edges is refused (exit 2): draw it by role instead.
  if [[ $graph == fail ]]; then
    graph=$(measure "$CHAIN" graph --collapse roles "$file")
    [[ $graph != fail ]] && graph="$graph by-role"
  fi
  python=skipped
  if ((people <= PYTHON_MAX)); then
    python=$(REPEAT=$PY_REPEAT measure python3 bench/reference.py "$file")
  fi
  MAPJSON[$name]=$json
  MAP[$name]=$map
  CHECK[$name]=$check
  peak=$(printf '%s\n' "$check" "$map" "$json" "$one" "$graph" | awk '$2 > m {m = $2} END {print m + 0}')
  per_file=$(awk -v p="$peak" -v f="$mb" 'BEGIN{printf "%.1fx", p / f}')
  echo "| $name | $mb MB | $(cell "$floor") | $(cell "$check") | $(cell "$map") | $(cell "$json") | $(cell "$one") | $(cell "$graph") | $(cell "$python") | $(ratio "$json" "$floor") | $(ratio "$check" "$floor") | $(ratio "$python" "$json") | $per_file |" >>"$table"
done

{
  cat "$table"
  echo
  echo "Growth in time per 10x people (target: at most 11x):"
  echo
  prev=""
  for name in realistic-10k realistic-100k realistic-1m; do
    [[ -z ${MAPJSON[$name]:-} ]] && continue
    if [[ -n $prev ]]; then
      echo "- $prev -> $name: map --format json $(ratio "${MAPJSON[$name]}" "${MAPJSON[$prev]}"), check $(ratio "${CHECK[$name]}" "${CHECK[$prev]}"), map $(ratio "${MAP[$name]}" "${MAP[$prev]}")"
    fi
    prev=$name
  done
  echo
  if [[ -z ${QUICK:-} ]]; then
    echo "The same from pairs of runs, the smaller file then at once the larger, so that both see the same load (the measure of the target; see growth() in bench/run.sh):"
    echo
    for pair in "realistic-10k realistic-100k" "realistic-100k realistic-1m"; do
      read -r small large <<<"$pair"
      a="$DIR/$small.toml" b="$DIR/$large.toml"
      tag="${small#realistic-}-${large#realistic-}"
      echo "- $small -> $large: map --format json $(growth "$tag-json" "$a" "$b" "$CHAIN" map --format json), check $(growth "$tag-check" "$a" "$b" "$CHAIN" check), map $(growth "$tag-map" "$a" "$b" "$CHAIN" map)"
    done
    echo
  fi
  echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/ {print $2}') GiB; load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)."
} | tee "$DIR/results.md"
rm -f "$table"
