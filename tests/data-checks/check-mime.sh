#!/bin/sh
# Installs the MIME definition and the desktop entry into a scratch XDG data dir, as `meson install`
# does, and checks what a desktop then sees: a *.budget file, and an XML file whose root element is
# <budget-project>, are application/x-budget-project, and Budget Editor is their default application.
# Usage: check-mime.sh MIME_XML DESKTOP_FILE SAMPLE_PROJECT EXECUTABLE
set -eu
mime_xml=$1 desktop=$2 sample=$3 exe=$4
type=application/x-budget-project
app=io.github.budgeteditor.BudgetEditor

for tool in update-mime-database gio; do
  command -v "$tool" >/dev/null || { echo "SKIP: $tool not found"; exit 77; }
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/share/mime/packages" "$tmp/share/applications" "$tmp/home" "$tmp/config" "$tmp/bin"
cp "$mime_xml" "$tmp/share/mime/packages/$app.xml"
cp "$desktop" "$tmp/share/applications/$app.desktop"
update-mime-database "$tmp/share/mime"
command -v update-desktop-database >/dev/null && update-desktop-database "$tmp/share/applications"
# GIO only lists desktop entries whose Exec program is on PATH.
ln -s "$exe" "$tmp/bin/budget-editor"

export XDG_DATA_DIRS="$tmp/share:/usr/share" XDG_DATA_HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/config"
export XDG_CONFIG_DIRS="$tmp/config" PATH="$tmp/bin:$PATH" GIO_USE_VFS=local

fail=0
expect_type () {
  got=$(gio info -a standard::content-type "$1" | sed -n 's/^ *standard::content-type: //p')
  if [ "$got" = "$type" ]; then
    echo "ok: $2 is $got"
  else
    echo "FAIL: $2 is '$got', expected $type"
    fail=1
  fi
}
cp "$sample" "$tmp/project.budget"
expect_type "$tmp/project.budget" "a *.budget file"
cp "$sample" "$tmp/project-without-extension"
expect_type "$tmp/project-without-extension" "an XML file with root <budget-project>"

printf '<?xml version="1.0"?>\n<budget-projects format-version="1"/>\n' > "$tmp/other-xml"
got=$(gio info -a standard::content-type "$tmp/other-xml" | sed -n 's/^ *standard::content-type: //p')
if [ "$got" = "$type" ]; then
  echo "FAIL: another XML file is $type"
  fail=1
else
  echo "ok: another XML file is $got"
fi

desc=$(gio mime "$type" | tee /dev/stderr)
case "$desc" in
  *"Default application for “$type”: $app.desktop"*|*"Default application for \"$type\": $app.desktop"*)
    echo "ok: $app.desktop opens $type" ;;
  *) echo "FAIL: $app.desktop is not the default application for $type"; fail=1 ;;
esac

# The comment a file manager shows, in Chinese (the installed, merged definition of the type).
if grep -q '<comment xml:lang="zh_CN">预算公开项目</comment>' "$tmp/share/mime/$type.xml"; then
  echo "ok: the zh_CN comment is 预算公开项目"
else
  echo "FAIL: no zh_CN comment in $tmp/share/mime/$type.xml"
  fail=1
fi
exit $fail
