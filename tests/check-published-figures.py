#!/usr/bin/env python3
"""The bundled sample reproduces every figure printed in T1–T9 of the published disclosure: the figures of
budget-editor --export-tsv FORM sample, in reading order, equal tests/reference/published-figures.tsv."""
import re
import subprocess
import sys

exe, fixture = sys.argv[1], sys.argv[2]
number = re.compile(r'^-?\d[\d,]*\.\d\d$')
expected = {}
with open(fixture, encoding='utf-8') as f:
    for line in f:
        if line.startswith('#') or line.startswith('form\t') or not line.strip():
            continue
        form, index, value = line.rstrip('\n').split('\t')
        expected.setdefault(form, []).append(value)

failures = 0
total = 0
for form in ['T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'T8', 'T9']:
    tsv = subprocess.run([exe, '--export-tsv', form, 'sample'], capture_output=True, text=True, check=True).stdout
    printed = [cell.strip() for row in tsv.split('\n') for cell in row.split('\t') if number.match(cell.strip())]
    want = expected.get(form, [])
    total += len(want)
    if len(printed) != len(want):
        print(f'FAIL: {form}: {len(printed)} figures printed, the published table has {len(want)}')
        failures += 1
    for i, (got, pub) in enumerate(zip(printed, want)):
        if got != pub:
            print(f'FAIL: {form} figure {i + 1}: {got}, published {pub}')
            failures += 1
print(f'{total} published figures compared, {failures} differences')
sys.exit(1 if failures else 0)
