#!/usr/bin/env python3
"""The exported workbook against real spreadsheet programs, and workbooks they write imported back.

* gnumeric's ssconvert recalculates every formula on load (--recalc): each sheet, converted to CSV, has
  the same figures as --export-tsv of its form, so the formulas compute what the model computes;
* openpyxl reads the workbook's structure: merged header ranges, number formats, print titles and page
  setup, opaque borders, and that derived cells are formulas (including the cross-sheet lines of T1);
* workbooks written by openpyxl (no cached formula values at all) and by gnumeric are imported: renamed
  and reordered sheets, forms stacked in one sheet with a page break, 元, numbers stored as text, a
  合计 that does not add up, a leaf that is a formula, and a workbook without any form.

Usage: xlsx-spreadsheets.py (BUDGET_EXE names the executable). Exit 77 (skipped) without openpyxl or
ssconvert, which tools/install-deps installs.
"""
import csv
import glob
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile

try:
    import openpyxl
    from openpyxl.worksheet.pagebreak import Break
except ImportError:
    print("openpyxl is missing (python3-openpyxl)")
    sys.exit(77)
if shutil.which("ssconvert") is None:
    print("ssconvert is missing (gnumeric)")
    sys.exit(77)

EXE = os.environ["BUDGET_EXE"]
failures = []


def check(condition, message):
    print(("ok: " if condition else "FAIL: ") + message)
    if not condition:
        failures.append(message)


def run(*args):
    return subprocess.run([EXE, *args], capture_output=True, text=True, timeout=120)


def tsv(form, project="sample"):
    result = run("--export-tsv", form, project)
    if result.returncode != 0:
        return None
    return list(csv.reader(io.StringIO(result.stdout), delimiter="\t"))


def same_cell(want, have):
    """A TSV figure against ssconvert's value: equal to the cent; blank and 0 are the same."""
    number = re.compile(r"^-?[\d,]*\.?\d+$")
    if number.match(want or "0") and number.match(have or "0"):
        return round(float((want or "0").replace(",", "")), 2) == round(float((have or "0").replace(",", "")), 2)
    return want.strip() == have.strip()


def same_rows(want, have):
    if len(have) < len(want):
        return False
    for w, h in zip(want, have):
        h = h + [""] * (len(w) - len(h))
        if not all(same_cell(a, b) for a, b in zip(w, h)):
            return False
        if any(x.strip() for x in h[len(w):]):
            return False
    return True


def form_ids():
    ids = ["T1", "T2", "T3", "T4", "T5", "T6", "T7", "T8", "T9", "ORG", "GP", "FA", "NF"]
    n = 1
    while tsv(f"PF{n}") is not None:
        ids.append(f"PF{n}")
        n += 1
    return ids


def check_recalculated(workbook, tmp):
    out = os.path.join(tmp, "csv")
    os.mkdir(out)
    result = subprocess.run(["ssconvert", "--recalc", "-S", workbook, os.path.join(out, "sheet_%n.csv")],
                            capture_output=True, text=True, timeout=300)
    check(result.returncode == 0, "ssconvert --recalc converts the workbook: " + result.stderr.strip()[:200])
    sheets = []
    for path in sorted(glob.glob(os.path.join(out, "sheet_*.csv")),
                       key=lambda p: int(re.search(r"_(\d+)\.csv$", p).group(1))):
        with open(path, encoding="utf-8") as f:
            sheets.append(list(csv.reader(f)))
    for form in form_ids():
        want = tsv(form)
        found = any(same_rows(want, rows[2:]) for rows in sheets)
        check(found, f"{form}: every figure recalculated by gnumeric equals --export-tsv")


def check_structure(workbook):
    book = openpyxl.load_workbook(workbook)
    check(book.sheetnames[:9] == ["收支总表", "收入总表", "支出总表", "财政拨款收支总表", "一般公共预算支出表",
                                  "基本支出表", "政府性基金支出表", "国有资本经营支出表", "三公经费表"],
          "one sheet per table form, named by its short title, in document order")
    t5 = book["一般公共预算支出表"]
    merged = {str(r) for r in t5.merged_cells.ranges}
    check({"A1:F1", "A3:A4", "B3:C3", "D3:D4"} <= merged, f"T5 title and header tree are merged ({sorted(merged)})")
    check(t5["A5"].value == "栏次" and t5["B5"].value == 1, "T5 has the 栏次 row")
    check(str(t5["D6"].value).startswith("=SUM("), "T5 合计 is a formula adding up the 类 rows")
    check(str(t5["D9"].value) == "=E9+F9", f"T5 row total is a formula ({t5['D9'].value})")
    check(isinstance(t5["E9"].value, (int, float)), "T5 leaf is a number")
    check("#,##0.00" in t5["E9"].number_format, f"amount format #,##0.00 ({t5['E9'].number_format})")
    check(t5["E9"].number_format.endswith(";"), "zero shown blank (empty third section)")
    check(t5["E9"].border.left.style == "thin" and t5["E9"].border.left.color.rgb == "FF000000",
          "thin borders in an opaque colour")
    check(t5.print_title_rows in ("$3:$5", "3:5"), f"print titles repeat the header rows ({t5.print_title_rows})")
    check(t5.page_setup.paperSize == 9 and t5.page_setup.orientation == "portrait", "A4 portrait")
    check(t5.sheet_properties.pageSetUpPr.fitToPage and t5.page_setup.fitToHeight == 0,
          "fit to one page wide")
    check(t5.print_options.horizontalCentered, "centred horizontally")
    t1 = book["收支总表"]
    cross = [c.value for row in t1.iter_rows(min_row=6) for c in row if isinstance(c.value, str) and "!" in c.value]
    check(len(cross) >= 10, f"T1 lines are formulas on the other sheets ({len(cross)})")
    gp = book["政府采购"]
    check(gp.page_setup.orientation == "landscape", "GP is landscape as the form says")


def write_officer_workbook(path, total, leaf_formula=False):
    """T7 on a sheet called 数据2 first, then T5 in 元 with T6 stacked below it after a page break."""
    book = openpyxl.Workbook()
    other = book.active
    other.title = "数据2"
    other.append(["部门预算政府基金预算财政拨款支出表"])
    other.append(["", "", "", "", "单位：万元"])
    other.append(["科目编码", "科目名称", "合计", "基本支出", "项目支出"])
    other.append(["2290401", "其他政府性基金安排的支出", "=D4+E4", None, 12.5])
    sheet = book.create_sheet("汇总")
    sheet.append(["表五 部门预算一般公共预算财政拨款支出表"])
    sheet.append(["单位：元"])
    sheet.append(["功能分类科目", None, "合计", "基本\n支出", "项目     支出"])
    sheet.append(["科目编码", "科目名称"])
    sheet.merge_cells("A3:B3")
    sheet.append([None, "合计", total, "=SUM(D7:D8)", "=SUM(E7:E8)"])
    sheet.append(["206", "科学技术支出", "=SUM(C7:C8)"])
    sheet.append(["2060101", "行政运行", "=D7+E7", "1,234,567.90", 1000000])
    sheet.append(["2060102", "一般行政管理事务", "=D8+E8", "=1+1" if leaf_formula else None, "２００"])
    sheet.append(["注：本表按功能分类科目列示。"])
    sheet.row_breaks.append(Break(id=9))
    sheet.append(["部门预算一般公共预算财政拨款基本支出表"])
    sheet.append(["单位：元"])
    sheet.append(["经济分类科目", None, "合计", "人员经费", "公用经费"])
    sheet.append(["科目编码", "科目名称"])
    sheet.append(["30101", "基本工资", None, 1234567.9, None])
    book.save(path)


def check_imports(tmp):
    out = os.path.join(tmp, "imported.budget")
    sample_xlsx = os.path.join(tmp, "sample.xlsx")

    result = run("--import-xlsx", sample_xlsx, out)
    check(result.returncode == 0, f"the export imports with exit status 0 ({result.returncode}: {result.stderr})")
    for form in ("T1", "T4", "T5", "T9", "FA"):
        check(tsv(form, out)[1:] == tsv(form)[1:], f"{form} of the imported project equals the sample's")

    # gnumeric writes the workbook again in its own way: shared strings, its own styles and formulas.
    again = os.path.join(tmp, "gnumeric.xlsx")
    subprocess.run(["ssconvert", sample_xlsx, again], capture_output=True, timeout=300)
    result = run("--import-xlsx", again, out)
    check(result.returncode == 0, f"gnumeric's copy imports with exit status 0 ({result.returncode}): "
          + result.stdout[-300:])
    check(tsv("T5", out)[1:] == tsv("T5")[1:], "T5 read from gnumeric's copy equals the sample's")

    officer = os.path.join(tmp, "officer.xlsx")
    write_officer_workbook(officer, 2234767.90)
    result = run("--import-xlsx", officer, out)
    check(result.returncode == 0, f"an officer's workbook imports, totals agree ({result.returncode}):\n{result.stdout}")
    check("(sheet “汇总”, 元)" in result.stdout, "the unit 元 is read from the unit line")
    t5 = tsv("T5", out)
    row = next((r for r in t5 if len(r) > 1 and r[1] == "2060101"), None)
    check(row is not None and row[4:6] == ["123.46", "100.00"],
          f"元 figures and text numbers converted exactly ({row})")
    row = next((r for r in t5 if len(r) > 1 and r[1] == "2060102"), None)
    check(row is not None and row[5] == "0.02", f"full-width digits read ({row})")
    t6 = tsv("T6", out)
    check(any(len(r) > 4 and r[1] == "30101" and r[4] == "123.46" for r in t6),
          "T6 stacked after a page break is read")
    t7 = tsv("T7", out)
    check(any(len(r) > 5 and r[1] == "2290401" and r[5] == "12.50" for r in t7), "T7 on a renamed sheet is read")

    write_officer_workbook(officer, 2234767.99)
    result = run("--import-xlsx", officer, out)
    check(result.returncode == 1, f"a 合计 that does not add up: exit status 1 ({result.returncode})")
    check("汇总!C5: workbook: the total 合计 = 2234767.99, items give 2234767.90" in result.stdout,
          "the difference names the cell and both figures:\n" + result.stdout)

    write_officer_workbook(officer, 2234767.90, leaf_formula=True)
    result = run("--import-xlsx", officer, out)
    check(result.returncode == 1 and "汇总!D8: a formula without a computed value" in result.stdout,
          f"a leaf formula without a cached value is reported, not guessed ({result.returncode}):\n{result.stdout}")

    empty = os.path.join(tmp, "empty.xlsx")
    book = openpyxl.Workbook()
    book.active.append(["职工花名册"])
    book.save(empty)
    result = run("--import-xlsx", empty, out)
    check(result.returncode == 2, f"a workbook without any form: exit status 2 ({result.returncode})")


def main():
    with tempfile.TemporaryDirectory(prefix="budget-xlsx-") as tmp:
        workbook = os.path.join(tmp, "sample.xlsx")
        result = run("--export-xlsx", workbook, "sample")
        check(result.returncode == 0, "--export-xlsx writes the sample: " + result.stderr)
        check_structure(workbook)
        check_recalculated(workbook, tmp)
        check_imports(tmp)
    if failures:
        print(f"{len(failures)} checks failed")
        sys.exit(1)


main()
