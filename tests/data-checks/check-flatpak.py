#!/usr/bin/env python3
"""Checks the Flatpak manifest offline, and that it agrees with the desktop entry and the metainfo.

Usage: check-flatpak.py MANIFEST.json DESKTOP_FILE METAINFO_FILE EXECUTABLE_NAME

What can be checked without flatpak-builder and without the network: the JSON parses; the app id is
the desktop file's name, the metainfo's <id> and the desktop entry's Icon; the command is the
executable the desktop entry runs; the runtime is a pinned GNOME release (not master); the permissions
are the minimal set (no host or home filesystem: files go through the file-chooser portal, printing
through the print portal); the app is built by one meson module from this repository; every
downloaded source is pinned by sha256; CJK fonts for the PDF export are installed under /app/share/fonts.
"""
import configparser
import json
import os
import re
import sys
import xml.etree.ElementTree as ET

REQUIRED_FINISH_ARGS = {"--share=ipc", "--socket=wayland", "--socket=fallback-x11", "--device=dri"}
FORBIDDEN_PREFIXES = ("--filesystem=host", "--filesystem=home", "--filesystem=/", "--socket=x11",
                      "--share=network", "--talk-name=org.freedesktop.Flatpak", "--device=all")
ANCHOR_CLEANUP = {"/include", "/lib/pkgconfig", "/man", "/share/doc", "/share/gtk-doc", "/share/man",
                  "/share/pkgconfig", "*.la", "*.a"}

failures = []


def check(condition, message):
    print(("ok: " if condition else "FAIL: ") + message)
    if not condition:
        failures.append(message)


def main():
    manifest_path, desktop_path, metainfo_path, exe_name = sys.argv[1:5]
    with open(manifest_path, encoding="utf-8") as f:
        manifest = json.load(f)
    print(f"{os.path.basename(manifest_path)} parses as JSON")

    app_id = manifest.get("app-id") or manifest.get("id")
    desktop_id = os.path.basename(desktop_path)
    check(os.path.basename(manifest_path) == f"{app_id}.json",
          f"manifest file name is the app id ({app_id}.json)")
    check(desktop_id == f"{app_id}.desktop", f"desktop file {desktop_id} is named after the app id {app_id}")

    entry = configparser.ConfigParser(interpolation=None, strict=False)
    entry.optionxform = str
    with open(desktop_path, encoding="utf-8") as f:
        entry.read_file(f)
    section = entry["Desktop Entry"]
    check(section.get("Icon") == app_id, f"desktop entry Icon is {app_id}")
    exec_line = section.get("Exec", "").split()
    check(bool(exec_line) and exec_line[0] == exe_name, f"desktop entry Exec runs {exe_name}")
    check(manifest.get("command") == exe_name, f"manifest command is the executable {exe_name}")

    root = ET.parse(metainfo_path).getroot()
    check(root.findtext("id") == app_id, f"metainfo <id> is {app_id}")
    launchable = root.find("launchable")
    check(launchable is not None and launchable.text == desktop_id, f"metainfo launchable is {desktop_id}")

    check(manifest.get("runtime") == "org.gnome.Platform", "runtime is org.gnome.Platform")
    check(manifest.get("sdk") == "org.gnome.Sdk", "sdk is org.gnome.Sdk")
    version = str(manifest.get("runtime-version", ""))
    check(re.fullmatch(r"\d+(\.\d+)?", version) is not None,
          f"runtime-version is a pinned stable release ({version or 'missing'}), not master")

    args = manifest.get("finish-args", [])
    missing = REQUIRED_FINISH_ARGS - set(args)
    check(not missing, "finish-args include " + ", ".join(sorted(REQUIRED_FINISH_ARGS)))
    extra = [a for a in args if a.startswith(FORBIDDEN_PREFIXES)]
    check(not extra, "no host filesystem, network or other broad permission in finish-args"
          + (f" (found {', '.join(extra)})" if extra else ""))
    check(not any(a.startswith("--filesystem=") for a in args),
          "no --filesystem at all: files go through the file-chooser portal")

    cleanup = set(manifest.get("cleanup", []))
    check(ANCHOR_CLEANUP <= cleanup, "cleanup has the anchors' list " + " ".join(sorted(ANCHOR_CLEANUP)))

    modules = manifest.get("modules", [])
    check(bool(modules), "manifest has modules")
    app_module = modules[-1] if modules else {}
    check(app_module.get("buildsystem") == "meson", "the last module (the app) builds with meson")
    check(app_module.get("builddir") is True, "the app module builds in a separate builddir")
    sources = app_module.get("sources", [])
    here = os.path.dirname(os.path.abspath(manifest_path))
    dir_sources = [s for s in sources if s.get("type") == "dir"]
    check(len(dir_sources) == 1 and
          os.path.isfile(os.path.join(here, dir_sources[0].get("path", ""), "meson.build")),
          "the app module's source is this repository (a dir source whose path has meson.build)")
    check(app_module.get("name") == exe_name, f"the app module is named {exe_name}")

    fonts_installed = False
    for module in modules:
        if isinstance(module, str):
            continue
        for source in module.get("sources", []):
            if source.get("type") in ("archive", "file"):
                url = source.get("url", "")
                check(url.startswith("https://"), f"{module.get('name')}: source {url} is https")
                check(re.fullmatch(r"[0-9a-f]{64}", source.get("sha256", "")) is not None,
                      f"{module.get('name')}: source {os.path.basename(url)} is pinned by sha256")
            if source.get("type") == "git":
                check(bool(source.get("commit") or source.get("tag")),
                      f"{module.get('name')}: git source is pinned")
        commands = " ".join(module.get("build-commands", []))
        if "/app/share/fonts" in commands and "CJK" in commands:
            fonts_installed = True
    check(fonts_installed, "a module installs the Noto CJK fonts under /app/share/fonts for the PDF export")

    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
