#!/usr/bin/env python3
"""Checks, from meson's install plan, that `meson install` puts every desktop integration file where a
desktop looks for it (XDG base directories under the prefix).

Usage: check-install.py BUILD_ROOT PREFIX DATADIR APP_ID EXECUTABLE SOURCE_ROOT
"""
import json
import os
import sys


def main():
    build, prefix, datadir, app_id, exe, source = sys.argv[1:7]
    with open(os.path.join(build, "meson-info", "intro-installed.json"), encoding="utf-8") as f:
        installed = set(json.load(f).values())
    share = os.path.join(prefix, datadir)
    expected = {
        "the executable": os.path.join(prefix, "bin", exe),
        "the desktop entry": os.path.join(share, "applications", app_id + ".desktop"),
        "the AppStream metainfo": os.path.join(share, "metainfo", app_id + ".metainfo.xml"),
        "the application icon": os.path.join(share, "icons", "hicolor", "scalable", "apps", app_id + ".svg"),
        "the symbolic icon": os.path.join(share, "icons", "hicolor", "symbolic", "apps", app_id + "-symbolic.svg"),
        "the MIME type": os.path.join(share, "mime", "packages", app_id + ".xml"),
    }
    if os.path.exists(os.path.join(source, "data", app_id + ".gschema.xml")):
        expected["the GSettings schema"] = os.path.join(share, "glib-2.0", "schemas", app_id + ".gschema.xml")
    with open(os.path.join(source, "po", "LINGUAS"), encoding="utf-8") as f:
        for lang in f.read().split():
            expected[f"the {lang} translation"] = os.path.join(share, "locale", lang, "LC_MESSAGES", exe + ".mo")
    failed = 0
    for what, path in expected.items():
        if path in installed:
            print(f"ok: {what}: {path}")
        else:
            failed += 1
            print(f"FAIL: {what} is not installed as {path}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
