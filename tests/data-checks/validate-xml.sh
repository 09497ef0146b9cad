#!/bin/sh
# Validates every XML file of a folder against a RELAX NG schema.
# Usage: validate-xml.sh XMLLINT SCHEMA.rng DIR
set -u
xmllint=$1 schema=$2 dir=$3
status=0 count=0
for f in "$dir"/*.xml; do
  [ -e "$f" ] || continue
  count=$((count + 1))
  "$xmllint" --noout --nonet --relaxng "$schema" "$f" || status=1
done
if [ "$count" -eq 0 ]; then
  echo "no XML files in $dir" >&2
  exit 1
fi
echo "$count files checked against $(basename "$schema")"
exit $status
