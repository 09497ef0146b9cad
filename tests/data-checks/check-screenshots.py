#!/usr/bin/env python3
"""Checks that every screenshot of the metainfo that points into the repository's data/screenshots/
exists there as a PNG of the size the metainfo states, and that there is a default screenshot.

Usage: check-screenshots.py METAINFO_FILE SCREENSHOTS_DIR
"""
import os
import struct
import sys
import xml.etree.ElementTree as ET

REPO_PATH = "/data/screenshots/"


def png_size(path):
    with open(path, "rb") as f:
        head = f.read(24)
    if head[:8] != b"\x89PNG\r\n\x1a\n" or head[12:16] != b"IHDR":
        return None
    return struct.unpack(">II", head[16:24])


def main():
    metainfo, folder = sys.argv[1:3]
    root = ET.parse(metainfo).getroot()
    failures = []
    shots = root.findall("screenshots/screenshot")
    if not shots:
        failures.append("the metainfo has no screenshot")
    if not any(s.get("type") == "default" for s in shots):
        failures.append("no screenshot has type=\"default\"")
    for shot in shots:
        for image in shot.findall("image"):
            url = (image.text or "").strip()
            if not url.startswith("https://"):
                failures.append(f"screenshot URL {url!r} is not https")
                continue
            if REPO_PATH not in url:
                print(f"not in the repository, not checked: {url}")
                continue
            name = url.split(REPO_PATH, 1)[1]
            path = os.path.join(folder, name)
            size = png_size(path) if os.path.isfile(path) else None
            if size is None:
                failures.append(f"{url}: data/screenshots/{name} is missing or not a PNG")
                continue
            stated = (int(image.get("width", 0)), int(image.get("height", 0)))
            if stated != size:
                failures.append(f"{name} is {size[0]}x{size[1]}, the metainfo says {stated[0]}x{stated[1]}")
            else:
                print(f"ok: {name} {size[0]}x{size[1]}")
        if shot.find("caption") is None:
            failures.append("a screenshot has no caption")
    for f in failures:
        print("FAIL: " + f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
