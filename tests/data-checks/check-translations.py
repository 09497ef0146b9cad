#!/usr/bin/env python3
"""Checks that the translations are complete against the sources as they are now.

1. Every file listed in po/POTFILES.in exists, and every source file with translatable strings
   (_(), N_(), C_() ... in app/, translatable="yes" in ui/, the desktop entry, the metainfo and the
   GSettings schema in data/) is listed there.
2. The strings are extracted afresh with xgettext (the arguments of meson's 'glib' preset), merged into
   every language of po/LINGUAS, and no message may be untranslated or fuzzy.

Usage: check-translations.py SOURCE_ROOT
Fix a failure with `meson compile -C _build budget-editor-pot budget-editor-update-po` and translate
the listed messages in po/<lang>.po.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

GETTEXT_PACKAGE = "budget-editor"

# meson's i18n.gettext(preset: 'glib') arguments for xgettext.
XGETTEXT_ARGS = [
    "--from-code=UTF-8",
    "--add-comments",
    "--keyword=_",
    "--keyword=N_",
    "--keyword=C_:1c,2",
    "--keyword=NC_:1c,2",
    "--keyword=g_dcgettext:2",
    "--keyword=g_dngettext:2,3",
    "--keyword=g_dpgettext2:2c,3",
    "--flag=N_:1:pass-c-format",
    "--flag=C_:2:pass-c-format",
    "--flag=NC_:2:pass-c-format",
    "--flag=g_dngettext:2:pass-c-format",
    "--flag=g_strdup_printf:1:c-format",
    "--flag=g_string_printf:2:c-format",
    "--flag=g_string_append_printf:2:c-format",
    "--flag=g_error_new:3:c-format",
    "--flag=g_set_error:4:c-format",
    "--flag=g_markup_printf_escaped:1:c-format",
    "--flag=g_log:3:c-format",
    "--flag=g_print:1:c-format",
    "--flag=g_printerr:1:c-format",
    "--flag=g_printf:1:c-format",
    "--flag=g_fprintf:2:c-format",
    "--flag=g_sprintf:2:c-format",
    "--flag=g_snprintf:3:c-format",
]

C_MARK = re.compile(r'(?<![A-Za-z0-9_])(?:_|N_|C_|NC_|ngettext|g_dngettext|g_dpgettext2)\s*\(')
UI_MARK = re.compile(r'translatable\s*=\s*"(?:yes|true|1)"')


def read_list(path):
    with open(path, encoding="utf-8") as f:
        return [line.strip() for line in f
                if line.strip() and not line.lstrip().startswith("#")]


def files_with_strings(root):
    found = set()
    for folder, pattern in (("app", C_MARK), ("ui", UI_MARK)):
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, folder)):
            dirnames.sort()
            for name in sorted(filenames):
                if not name.endswith((".c", ".h", ".ui")):
                    continue
                path = os.path.join(dirpath, name)
                with open(path, encoding="utf-8", errors="replace") as f:
                    text = f.read()
                if name.endswith(".ui"):
                    hit = UI_MARK.search(text)
                else:
                    # Ignore comments, and the definitions of the macros themselves.
                    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
                    text = re.sub(r"//[^\n]*", "", text)
                    text = re.sub(r"#\s*define[^\n]*", "", text)
                    hit = C_MARK.search(text)
                if hit:
                    found.add(os.path.relpath(path, root))
    data = os.path.join(root, "data")
    for name in sorted(os.listdir(data)):
        if name.endswith((".desktop.in", ".metainfo.xml.in", ".gschema.xml")):
            found.add(os.path.join("data", name))
    return found


def entries(po_text):
    """Yields (flags, msgctxt, msgid, msgstrs) for the non-obsolete entries of a .po file."""
    blocks = re.split(r"\n\s*\n", po_text)
    for block in blocks:
        lines = [l for l in block.splitlines() if l.strip() and not l.startswith("#~")]
        if not lines:
            continue
        flags = set()
        fields = {}
        current = None
        for line in lines:
            if line.startswith("#,"):
                flags.update(f.strip() for f in line[2:].split(","))
            elif line.startswith("#"):
                continue
            elif line.startswith('"'):
                if current is not None:
                    fields[current] += unquote(line)
            else:
                key, _, rest = line.partition(" ")
                current = key
                fields[current] = unquote(rest)
        if "msgid" not in fields:
            continue
        msgstrs = [v for k, v in fields.items() if k.startswith("msgstr")]
        yield flags, fields.get("msgctxt"), fields["msgid"], msgstrs


def unquote(s):
    s = s.strip()
    if s.startswith('"') and s.endswith('"'):
        s = s[1:-1]
    return s.encode("utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8")


def main():
    root = os.path.abspath(sys.argv[1])
    podir = os.path.join(root, "po")
    failures = []

    for tool in ("xgettext", "msgmerge"):
        if shutil.which(tool) is None:
            print(f"SKIP: {tool} not found")
            return 77

    potfiles = read_list(os.path.join(podir, "POTFILES.in"))
    for name in potfiles:
        if not os.path.isfile(os.path.join(root, name)):
            failures.append(f"po/POTFILES.in lists {name}, which does not exist")
    listed = set(potfiles)
    for name in sorted(files_with_strings(root) - listed):
        failures.append(f"{name} has translatable strings but is not listed in po/POTFILES.in")

    languages = read_list(os.path.join(podir, "LINGUAS"))
    if not languages:
        failures.append("po/LINGUAS lists no language")

    with tempfile.TemporaryDirectory() as tmp:
        pot = os.path.join(tmp, GETTEXT_PACKAGE + ".pot")
        existing = [n for n in potfiles if os.path.isfile(os.path.join(root, n))]
        listfile = os.path.join(tmp, "POTFILES")
        with open(listfile, "w", encoding="utf-8") as f:
            f.write("\n".join(existing) + "\n")
        subprocess.run(["xgettext", "--package-name=" + GETTEXT_PACKAGE, "-D", root,
                        "-f", listfile, "-o", pot, *XGETTEXT_ARGS], check=True)
        if not os.path.exists(pot):
            print("xgettext found no translatable string")
            open(pot, "w").close()
        with open(pot, encoding="utf-8") as f:
            total = sum(1 for e in entries(f.read()) if e[2] != "")
        print(f"{total} translatable messages in the sources")

        for lang in languages:
            po = os.path.join(podir, lang + ".po")
            if not os.path.isfile(po):
                failures.append(f"po/{lang}.po is missing")
                continue
            merged = os.path.join(tmp, lang + ".po")
            subprocess.run(["msgmerge", "--quiet", "--no-fuzzy-matching", "--no-wrap",
                            "-o", merged, po, pot], check=True)
            with open(merged, encoding="utf-8") as f:
                text = f.read()
            untranslated = fuzzy = 0
            for flags, ctxt, msgid, msgstrs in entries(text):
                if msgid == "":
                    continue
                where = f"[{ctxt}] " if ctxt else ""
                if "fuzzy" in flags:
                    fuzzy += 1
                    failures.append(f"{lang}: fuzzy: {where}{msgid!r}")
                elif not msgstrs or any(s == "" for s in msgstrs):
                    untranslated += 1
                    failures.append(f"{lang}: untranslated: {where}{msgid!r}")
            print(f"{lang}: {total - untranslated - fuzzy} of {total} translated, "
                  f"{untranslated} untranslated, {fuzzy} fuzzy")

    for line in failures:
        print("FAIL: " + line)
    if failures:
        print("Run `meson compile -C _build budget-editor-pot budget-editor-update-po` and translate "
              "the messages above in po/<lang>.po.")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
