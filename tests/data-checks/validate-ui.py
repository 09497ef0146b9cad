#!/usr/bin/env python3
"""Runs `gtk4-builder-tool validate` on every .ui file of a folder.

Usage: validate-ui.py GTK4_BUILDER_TOOL UI_DIR [TYPES_MODULE]

gtk4-builder-tool only knows GTK's own types. The application's widgets (BudgetGrid, ...) are made
known by preloading TYPES_MODULE, a shared module built from the application's static library:
GtkBuilder resolves an unknown type name by looking up its get_type function (budget_grid_get_type)
among the symbols of the process, which include those of preloaded objects.
The tool needs a display (tools/run-tests runs the suites under Xvfb); without one the test is skipped.
"""
import glob
import os
import subprocess
import sys


def main():
    tool, ui_dir = sys.argv[1:3]
    module = sys.argv[3] if len(sys.argv) > 3 else None
    files = sorted(glob.glob(os.path.join(ui_dir, "*.ui")))
    if not files:
        print(f"SKIP: no .ui files in {ui_dir}")
        return 77
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        print("SKIP: gtk4-builder-tool needs a display (run under xvfb-run)")
        return 77
    env = dict(os.environ)
    env.setdefault("GTK_A11Y", "none")
    if module:
        env["LD_PRELOAD"] = " ".join(p for p in (module, env.get("LD_PRELOAD", "")) if p)
    failed = 0
    for path in files:
        result = subprocess.run([tool, "validate", path], env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        name = os.path.basename(path)
        if result.returncode == 0:
            print(f"ok: {name}")
        else:
            failed += 1
            print(f"FAIL: {name} (exit status {result.returncode})")
            print(result.stdout.rstrip())
    print(f"{len(files) - failed} of {len(files)} .ui files valid")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
