#!/bin/sh
# e2e-keyboard.sh: drives the real editor window by keyboard through the X server (xdotool/XTest):
# opens a copy of the sample project, goes to 一般公共预算支出表 (T5) with Ctrl+Page Down, moves to a
# cell with the arrow keys, types an amount, saves with Ctrl+S, and checks the saved file with the
# program's own --export-tsv. Run by meson (suite ui) under the Xvfb server of tools/run-tests.
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

dir=$(mktemp -d "${TMPDIR:-/tmp}/budget-e2e-XXXXXX") || exit 1
project="$dir/e2e.budget"
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

# No session bus here: the application runs on its own (non-unique) instead of looking for one.
DBUS_SESSION_BUS_ADDRESS="unix:path=$dir/no-bus" "$exe" "$project" >"$dir/app.log" 2>&1 &
pid=$!

# The window title carries the file name.
window=
for i in $(seq 1 100); do
  window=$(xdotool search --onlyvisible --name "e2e.budget" 2>/dev/null | head -n 1)
  [ -n "$window" ] && break
  kill -0 "$pid" 2>/dev/null || finish 1 "FAIL: the editor exited: $(cat "$dir/app.log")"
  sleep 0.1
done
[ -n "$window" ] || finish 1 "FAIL: no window titled e2e.budget appeared"
echo "window $window: $(xdotool getwindowname "$window")"

# Without a window manager the window gets the keyboard focus explicitly.
xdotool windowfocus --sync "$window" 2>/dev/null || xdotool windowfocus "$window"
sleep 0.5

key() {
  xdotool key --clearmodifiers --delay 60 "$@"
  sleep 0.2
}

# T1 → T2 → T3 → T4 → T5: the cursor starts on 2060101 基本支出; Down goes to 2060102.
key ctrl+Next ctrl+Next ctrl+Next ctrl+Next
sleep 0.5
key Down
xdotool type --delay 60 "456.78"
sleep 0.2
key ctrl+s

# Saving is atomic: wait for the new file, then read it back with the program's own command line.
value=
for i in $(seq 1 50); do
  value=$("$exe" --export-tsv T5 "$project" 2>/dev/null | awk -F '\t' '$2 == "2060102" { print $5 }')
  [ "$value" = "456.78" ] && break
  sleep 0.2
done
title=$(xdotool getwindowname "$window")
echo "title after saving: $title"
[ "$value" = "456.78" ] || finish 1 "FAIL: T5 2060102 基本支出 in the saved file is '$value', expected 456.78"
case "$title" in
  \**) finish 1 "FAIL: the title still shows unsaved changes: $title" ;;
esac

# The totals were saved as derived figures, not typed: T3 follows from T5 on reading the file back.
t3=$("$exe" --export-tsv T3 "$project" | awk -F '\t' '$2 == "2060102" { print $5 }')
[ "$t3" = "456.78" ] || finish 1 "FAIL: T3 2060102 基本支出 is '$t3' after reopening, expected 456.78"

# Ctrl+Q quits without asking: everything is saved.
key ctrl+q
for i in $(seq 1 50); do
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.1
done
kill -0 "$pid" 2>/dev/null && finish 1 "FAIL: Ctrl+Q did not quit a saved project"
pid=
echo "PASS: typed 456.78 into T5 by keyboard, saved with Ctrl+S, read it back"
finish 0
