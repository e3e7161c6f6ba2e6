#!/usr/bin/env bash
# The steps of chain's GitHub Action (action.yml at the repository root),
# one subcommand each, so they can be run and tested without GitHub:
#
#   action.sh install   put chain on PATH: the one already there, else
#                       cargo binstall, else cargo install from the action's
#                       own checkout ($GITHUB_ACTION_PATH, at the ref used)
#   action.sh check     chain check: the report (annotations by default), a
#                       line in the job summary, and the failure level
#   action.sh diff      chain diff of the base branch's team file against
#                       this one, into the job summary (pull requests only)
#
# The inputs come as environment variables (INPUT_FILE, INPUT_FORMAT, ...),
# set by action.yml; they are never pasted into a script, so nothing in them
# runs as shell. Exit codes are chain's: 1 findings at the failure level (or
# a diff condition met), 2 a file or input chain cannot use.
set -euo pipefail

summary() {
  if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
    printf '%s\n' "$@" >>"$GITHUB_STEP_SUMMARY"
  fi
}

output() {
  if [ -n "${GITHUB_OUTPUT:-}" ]; then
    printf '%s\n' "$1" >>"$GITHUB_OUTPUT"
  fi
}

install() {
  if command -v chain >/dev/null 2>&1; then
    echo "using $(chain --version) at $(command -v chain)"
    return
  fi
  local source="${GITHUB_ACTION_PATH:?GITHUB_ACTION_PATH is not set}"
  if cargo binstall --help >/dev/null 2>&1 &&
    cargo binstall --no-confirm --manifest-path "$source/Cargo.toml" chain; then
    return
  fi
  cargo install --locked --path "$source"
}

check() {
  local file="${INPUT_FILE:-team.toml}" format="${INPUT_FORMAT:-github}"
  local args=(check "$file")
  case "${INPUT_FAIL_LEVEL:-error}" in
    error | none) ;;
    warning) args+=(--deny warnings) ;;
    *)
      echo "::error title=chain::fail-level must be error, warning or none"
      return 2
      ;;
  esac
  if [ -n "${INPUT_ROSTER:-}" ]; then args+=(--roster "$INPUT_ROSTER"); fi
  if [ -n "${INPUT_BASELINE:-}" ]; then args+=(--baseline "$INPUT_BASELINE"); fi
  local status=0
  if [ -n "${INPUT_OUTPUT:-}" ]; then
    chain "${args[@]}" --format "$format" >"$INPUT_OUTPUT" || status=$?
  else
    chain "${args[@]}" --format "$format" || status=$?
  fi
  # The text report's last line is its summary (or, on exit 2, the error).
  local line
  line=$(chain "${args[@]}" --format text --color never 2>&1 | tail -n 1) || true
  summary "### chain check" "" "~~~text" "$line" "~~~" ""
  output "exit-code=$status"
  if [ "$status" = 1 ] && [ "${INPUT_FAIL_LEVEL:-error}" = none ]; then
    return 0
  fi
  return "$status"
}

diff() {
  local base="${GITHUB_BASE_REF:-}" file="${INPUT_FILE:-team.toml}"
  if [ -z "$base" ]; then
    echo "not a pull request: no base branch to compare with"
    return 0
  fi
  file="${file#./}"
  if ! git rev-parse --verify -q "refs/remotes/origin/$base" >/dev/null; then
    git fetch --no-tags --depth=1 origin "+refs/heads/$base:refs/remotes/origin/$base"
  fi
  local old
  old=$(mktemp)
  if ! git show "refs/remotes/origin/$base:./$file" >"$old" 2>/dev/null; then
    rm -f "$old"
    summary "### chain diff" "" "The team file is new in this pull request: there is nothing to compare." ""
    return 0
  fi
  local args=(diff - "$file" --format markdown)
  local condition conditions="${INPUT_DIFF_FAIL_ON:-}"
  for condition in ${conditions//,/ }; do
    args+=(--fail-on "$condition")
  done
  local status=0
  chain "${args[@]}" <"$old" >>"${GITHUB_STEP_SUMMARY:-/dev/stdout}" || status=$?
  rm -f "$old"
  return "$status"
}

case "${1:-}" in
  install) install ;;
  check) check ;;
  diff) diff ;;
  *)
    echo "usage: action.sh install|check|diff" >&2
    exit 2
    ;;
esac
