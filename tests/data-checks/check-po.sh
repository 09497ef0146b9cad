#!/bin/sh
# msgfmt --check for every language in po/LINGUAS (each must have its .po file).
# Usage: check-po.sh MSGFMT PODIR
set -u
msgfmt=$1 podir=$2
status=0 count=0
for lang in $(sed -e 's/#.*//' "$podir/LINGUAS"); do
  count=$((count + 1))
  po="$podir/$lang.po"
  if [ ! -f "$po" ]; then
    echo "$lang is in LINGUAS but $po is missing" >&2
    status=1
    continue
  fi
  printf '%s: ' "$lang"
  "$msgfmt" --check --statistics -o /dev/null "$po" || status=1
done
if [ "$count" -eq 0 ]; then
  echo "po/LINGUAS lists no language" >&2
  exit 1
fi
exit $status
