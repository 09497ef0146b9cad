#!/usr/bin/env python3
"""Checks that app/core keeps the dependency directions of app/core/README.md: every include of a core
header from a core file goes to a folder it may depend on, and core files never include the umbrella
budget-core.h or anything of the GTK app or the command line."""
import os
import re
import sys

ALLOWED = {
    'model': set(),
    'edit': {'model'},
    'io': {'model'},
    'text': {'model'},
    'layout': {'model'},
    'render': {'model', 'text', 'layout'},
    'checks': {'model', 'text', 'edit'},
}

root = os.path.join(os.path.abspath(sys.argv[1]), 'app', 'core')
include = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)
failures = []
for folder in sorted(os.listdir(root)):
    path = os.path.join(root, folder)
    if not os.path.isdir(path):
        continue
    if folder not in ALLOWED:
        failures.append(f'app/core/{folder}/ is not a known layer: add it to app/core/README.md and this check')
        continue
    for name in sorted(os.listdir(path)):
        if not name.endswith(('.c', '.h')):
            continue
        with open(os.path.join(path, name), encoding='utf-8') as f:
            text = f.read()
        for target in include.findall(text):
            if target in ('config.h', f'{folder}/{name}') or target.endswith('-resources.h'):
                continue
            if '/' not in target:
                failures.append(f'app/core/{folder}/{name} includes "{target}": name its folder')
                continue
            layer = target.split('/')[0]
            if layer != folder and layer not in ALLOWED[folder]:
                failures.append(f'app/core/{folder}/{name} includes "{target}": {folder} may not depend on {layer}')
for failure in failures:
    print('FAIL:', failure)
print(f'{len(failures)} layering violations')
sys.exit(1 if failures else 0)
