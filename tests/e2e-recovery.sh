#!/bin/sh
# e2e-recovery.sh: crash recovery with the real editor: opens a copy of the sample project, types an
# amount by keyboard (xdotool/XTest), waits for the recovery copy (at most 5 s after the edit),
# kills the editor with SIGKILL, starts it again, restores the offered copy with Enter, saves with
# Ctrl+S and checks the file; the crashed editor's lock is taken over and everything is cleaned up on
# quitting. Run by meson (suite ui) under the Xvfb server of tools/run-tests.
set -u

exe=${BUDGET_EXE:?BUDGET_EXE names the budget-editor executable}
root=${BUDGET_SOURCE_ROOT:?BUDGET_SOURCE_ROOT names the source tree}

if ! command -v xdotool >/dev/null 2>&1; then
  echo "SKIP: xdotool is not installed"
  exit 77
fi
if [ -z "${DISPLAY:-}" ]; then
  echo "SKIP: no X display (run under xvfb-run, as tools/run-tests does)"
  exit 77
fi

dir=$(mktemp -d "${TMPDIR:-/tmp}/budget-e2e-recovery-XXXXXX") || exit 1
project="$dir/e2e-recovery.budget"
lock="$dir/.~lock.e2e-recovery.budget#"
recovery="$dir/state/budget-editor/recovery"
cp "$root/data/sample/sample-2023.budget" "$project" || exit 1
pid=

finish() {
  status=$1
  shift
  [ $# -gt 0 ] && echo "$*"
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
  fi
  rm -rf "$dir"
  exit "$status"
}

# The editor's state (recovery copies) and recent files go to the scratch folder; no session bus: the
# application runs on its own (non-unique).
start() {
  # An X server that resets when its last client goes (a killed editor) refuses connections for a moment:
  # try again rather than fail (tools/run-tests also starts Xvfb with -noreset).
  for attempt in 1 2 3 4 5; do
    XDG_STATE_HOME="$dir/state" XDG_DATA_HOME="$dir/data" DBUS_SESSION_BUS_ADDRESS="unix:path=$dir/no-bus" \
      "$exe" "$@" >>"$dir/app.log" 2>&1 &
    pid=$!
    sleep 0.5
    kill -0 "$pid" 2>/dev/null && return 0
    grep -q "cannot open display" "$dir/app.log" || return 0
    sleep 1
  done
}

wait_window() {
  window=
  for i in $(seq 1 100); do
    window=$(xdotool search --onlyvisible --name "$1" 2>/dev/null | head -n 1)
    [ -n "$window" ] && return 0
    kill -0 "$pid" 2>/dev/null || finish 1 "FAIL: the editor exited: $(cat "$dir/app.log")"
    sleep 0.1
  done
  finish 1 "FAIL: no window titled $1 appeared"
}

key() {
  xdotool key --clearmodifiers --delay 60 "$@"
  sleep 0.2
}

t5_value() {
  "$exe" --export-tsv T5 "$1" 2>/dev/null | awk -F '\t' '$2 == "2060102" { print $5 }'
}

start "$project"
wait_window "e2e-recovery.budget"
xdotool windowfocus --sync "$window" 2>/dev/null || xdotool windowfocus "$window"
sleep 0.5
[ -f "$lock" ] || finish 1 "FAIL: no lock file beside the open project"
echo "lock: $(cat "$lock")"

# T5, 2060102 基本支出: type an amount and commit it with Enter (no save).
key ctrl+Next ctrl+Next ctrl+Next ctrl+Next
sleep 0.5
key Down
xdotool type --delay 60 "456.78"
xdotool key Return
edited=$(date +%s.%N)

copy=
for i in $(seq 1 100); do
  for f in "$recovery"/*.budget; do
    [ -f "$f" ] && [ "$(t5_value "$f")" = "456.78" ] && copy=$f
  done
  [ -n "$copy" ] && break
  sleep 0.1
done
written=$(date +%s.%N)
[ -n "$copy" ] || finish 1 "FAIL: no recovery copy with the typed amount in $recovery"
delay=$(awk -v a="$edited" -v b="$written" 'BEGIN { printf "%.1f", b - a }')
echo "recovery copy $(basename "$copy") holds 456.78, written ${delay}s after the edit"
awk -v d="$delay" 'BEGIN { exit !(d <= 5) }' || finish 1 "FAIL: the recovery copy took ${delay}s (at most 5 s)"
[ "$(t5_value "$project")" != "456.78" ] || finish 1 "FAIL: the project itself was saved"

kill -9 "$pid"
wait "$pid" 2>/dev/null
pid=
[ -f "$lock" ] || finish 1 "FAIL: the killed editor's lock is gone (expected a stale lock)"
[ -f "$copy" ] || finish 1 "FAIL: the recovery copy did not survive the crash"

# The next start offers the copy over the sample window; Enter restores it (the default answer).
start
for i in $(seq 1 100); do
  [ "$(xdotool search --onlyvisible --pid "$pid" 2>/dev/null | wc -l)" -ge 2 ] && break
  sleep 0.1
done
dialog=$(xdotool search --onlyvisible --pid "$pid" 2>/dev/null | tail -n 1)
[ -n "$dialog" ] || finish 1 "FAIL: no window after restarting: $(cat "$dir/app.log")"
xdotool windowfocus --sync "$dialog" 2>/dev/null || xdotool windowfocus "$dialog"
sleep 0.5
key Return
wait_window "e2e-recovery.budget"
title=$(xdotool getwindowname "$window")
echo "restored: $title"
case "$title" in
  \*e2e-recovery.budget*) ;;
  *) finish 1 "FAIL: the restored window is titled '$title', expected *e2e-recovery.budget" ;;
esac
xdotool windowfocus --sync "$window" 2>/dev/null || xdotool windowfocus "$window"
sleep 0.3
key ctrl+s
value=
for i in $(seq 1 50); do
  value=$(t5_value "$project")
  [ "$value" = "456.78" ] && break
  sleep 0.2
done
[ "$value" = "456.78" ] || finish 1 "FAIL: T5 2060102 in the saved file is '$value' after restoring, expected 456.78"
grep -q "#pid=$pid;" "$lock" || finish 1 "FAIL: the stale lock was not taken over: $(cat "$lock")"

key ctrl+q
for i in $(seq 1 50); do
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.1
done
kill -0 "$pid" 2>/dev/null && finish 1 "FAIL: Ctrl+Q did not quit a saved project"
pid=
[ -f "$lock" ] && finish 1 "FAIL: the lock is still there after quitting"
left=$(ls "$recovery" 2>/dev/null | wc -l)
[ "$left" -eq 0 ] || finish 1 "FAIL: $left files left in the recovery folder after saving and quitting"
echo "PASS: typed 456.78, copy after ${delay}s, killed with SIGKILL, restored on restart, saved, lock taken over, cleaned up"
finish 0
