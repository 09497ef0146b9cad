#!/usr/bin/env python3
"""Validates every GtkBuilder file (.ui) under a folder.

Usage: validate-ui.py GTK4_BUILDER_TOOL UI_DIR [VALIDATE_UI]

Each file goes through `gtk4-builder-tool validate`. GTK 4.8's tool cannot validate a template that
connects signal handlers or uses the application's own widgets; a file it rejects is validated again by
VALIDATE_UI (validate-ui.c: the tool's later behaviour, with the application's widgets linked in), and
is valid when that passes. Both need a display (tools/run-tests runs the suites under Xvfb); without
one the test is skipped.
"""
import glob
import os
import subprocess
import sys


def run(command, env):
    result = subprocess.run(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    return result.returncode, result.stdout.strip()


def main():
    tool, ui_dir = sys.argv[1:3]
    validator = sys.argv[3] if len(sys.argv) > 3 else None
    files = sorted(glob.glob(os.path.join(ui_dir, "**", "*.ui"), recursive=True))
    if not files:
        print(f"SKIP: no .ui files in {ui_dir}")
        return 77
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        print("SKIP: validating .ui files needs a display (run under xvfb-run)")
        return 77
    env = dict(os.environ)
    env.setdefault("GTK_A11Y", "none")
    failed = 0
    for path in files:
        name = os.path.relpath(path, ui_dir)
        status, output = run([tool, "validate", path], env)
        if status == 0:
            print(f"ok: {name} (gtk4-builder-tool)")
            continue
        if validator:
            status2, output2 = run([validator, path], env)
            if status2 == 0:
                print(f"ok: {name} (validate-ui; gtk4-builder-tool 4.8: {output.splitlines()[-1] if output else status})")
                continue
            output += "\nvalidate-ui: " + (output2 or f"exit status {status2}")
        failed += 1
        print(f"FAIL: {name}\n{output}")
    print(f"{len(files) - failed} of {len(files)} .ui files valid")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
