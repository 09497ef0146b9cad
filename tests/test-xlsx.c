/* test-xlsx.c: spreadsheet interchange: the export read back exactly, one undoable import, officers'
 * layouts (元, text numbers, stacked forms, a 合计 that does not add up) and bad input refused with the
 * sheet and cell */

#include <string.h>
#include <glib/gstdio.h>
#include <gsf/gsf-output-stdio.h>
#include <gsf/gsf-outfile.h>
#include <gsf/gsf-outfile-zip.h>
#include <gsf/gsf-outfile-msole.h>
#include <xlsxwriter.h>

#include "budget-core.h"
#include "budget-import-command.h"

static char *
tmp_path (const char *name)
{
  static char *dir;

  if (dir == NULL)
    dir = g_dir_make_tmp ("budget-xlsx-XXXXXX", NULL);
  return g_build_filename (dir, name, NULL);
}

static char *
export_sample (void)
{
  g_autoptr(BudgetDocument) doc = budget_project_load_sample ();
  g_autoptr(GError) error = NULL;
  char *path = tmp_path ("sample.xlsx");

  g_assert_true (budget_xlsx_export (doc, path, &error));
  g_assert_no_error (error);
  return path;
}

static BudgetXlsxImport *
plan (BudgetDocument *doc,
      const char     *path)
{
  g_autoptr(GError) error = NULL;
  BudgetXlsxImport *import = budget_xlsx_import_new (doc, path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (import);
  return import;
}

static gboolean
report_contains (BudgetXlsxImport *import,
                 const char       *text)
{
  g_autofree char *report = budget_xlsx_import_dup_report (import);

  if (strstr (report, text) == NULL)
    g_printerr ("report lacks “%s”:\n%s", text, report);
  return strstr (report, text) != NULL;
}

/* Export → import into a new document gives every table back, figure for figure. */
static void
test_round_trip_new_document (void)
{
  g_autoptr(BudgetDocument) sample = budget_project_load_sample ();
  g_autofree char *path = export_sample ();
  g_autoptr(BudgetDocument) doc = budget_document_new ();
  g_autoptr(BudgetXlsxImport) import = plan (doc, path);
  g_autoptr(BudgetCommand) command = NULL;
  guint compared = 0;

  g_assert_true (budget_xlsx_import_can_apply (import));
  g_assert_cmpuint (budget_xlsx_import_get_n_differences (import), ==, 0);
  g_assert_cmpint (budget_xlsx_import_get_year (import), ==, budget_document_get_year (sample));
  command = budget_import_command_new (doc, import);
  g_assert_true (budget_document_execute (doc, command));

  for (guint i = 0; i < budget_document_get_n_forms (sample); i++)
    {
      BudgetForm *form = budget_document_get_form (sample, i);
      BudgetForm *other = budget_document_lookup_form (doc, budget_form_get_id (form));
      g_autofree char *want = NULL;
      g_autofree char *have = NULL;

      if (!budget_xlsx_exports_form (form) || BUDGET_IS_PERFORMANCE_TABLE (form))
        continue;
      g_assert_nonnull (other);
      want = budget_form_to_tsv (form);
      have = budget_form_to_tsv (other);
      /* The unit line is the document's own; the tables below it must agree. */
      g_assert_cmpstr (strchr (have, '\n'), ==, strchr (want, '\n'));
      compared++;
    }
  g_assert_cmpuint (compared, >=, 13);
}

/* Export → import into the same project changes nothing: no step planned, the same bytes on save. */
static void
test_round_trip_same_document (void)
{
  g_autoptr(BudgetDocument) doc = budget_project_load_sample ();
  g_autofree char *path = export_sample ();
  g_autoptr(GBytes) before = budget_project_serialize (doc);
  g_autoptr(BudgetXlsxImport) import = plan (doc, path);
  g_autoptr(BudgetCommand) command = NULL;
  g_autoptr(GBytes) after = NULL;

  g_assert_true (budget_xlsx_import_can_apply (import));
  g_assert_cmpuint (budget_xlsx_import_get_ops (import)->len, ==, 0);
  g_assert_cmpuint (budget_xlsx_import_get_n_differences (import), ==, 0);
  g_assert_cmpuint (budget_xlsx_import_get_findings (import)->len, ==, 0);
  command = budget_import_command_new (doc, import);
  budget_document_execute (doc, command);
  after = budget_project_serialize (doc);
  g_assert_true (g_bytes_equal (before, after));
}

/* A project imported from its own export exports and imports to the same bytes again. */
static void
test_round_trip_fixpoint (void)
{
  g_autofree char *path = export_sample ();
  g_autofree char *second = tmp_path ("second.xlsx");
  g_autoptr(BudgetDocument) a = budget_document_new ();
  g_autoptr(BudgetDocument) b = budget_document_new ();
  g_autoptr(BudgetXlsxImport) first_import = plan (a, path);
  g_autoptr(BudgetXlsxImport) second_import = NULL;
  g_autoptr(BudgetCommand) c1 = budget_import_command_new (a, first_import);
  g_autoptr(BudgetCommand) c2 = NULL;
  g_autoptr(GBytes) x = NULL;
  g_autoptr(GBytes) y = NULL;
  g_autoptr(GError) error = NULL;

  budget_document_execute (a, c1);
  g_assert_true (budget_xlsx_export (a, second, &error));
  second_import = plan (b, second);
  c2 = budget_import_command_new (b, second_import);
  budget_document_execute (b, c2);
  x = budget_project_serialize (a);
  y = budget_project_serialize (b);
  g_assert_true (g_bytes_equal (x, y));
}

/* The import is one step: undo gives back the document before it, redo the one after. */
static void
test_import_is_one_undoable_step (void)
{
  g_autofree char *path = export_sample ();
  g_autoptr(BudgetDocument) doc = budget_document_new ();
  g_autoptr(GBytes) before = budget_project_serialize (doc);
  g_autoptr(BudgetXlsxImport) import = plan (doc, path);
  g_autoptr(BudgetCommand) command = budget_import_command_new (doc, import);
  BudgetUndoStack *stack = budget_document_get_undo_stack (doc);
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GBytes) undone = NULL;
  g_autoptr(GBytes) redone = NULL;

  g_assert_true (budget_document_execute (doc, command));
  after = budget_project_serialize (doc);
  g_assert_false (g_bytes_equal (before, after));
  g_assert_true (budget_undo_stack_undo (stack));
  undone = budget_project_serialize (doc);
  g_assert_true (g_bytes_equal (before, undone));
  g_assert_false (budget_undo_stack_can_undo (stack));
  g_assert_true (budget_undo_stack_redo (stack));
  redone = budget_project_serialize (doc);
  g_assert_true (g_bytes_equal (after, redone));
}

/* An officer's workbook: T5 in 元 with a spaced header, text numbers, a 合计 that does not add up, and T7
 * stacked below it on the same sheet, which has another name. */
static char *
write_officer_workbook (const char *leaf_c4,
                        const char *leaf_c5,
                        const char *second_code)
{
  char *path = tmp_path ("officer.xlsx");
  lxw_workbook *book = workbook_new (path);
  lxw_worksheet *sheet = workbook_add_worksheet (book, "Sheet1");

  worksheet_write_string (sheet, 0, 0, "2023年 部门预算一般公共预算财政拨款支出表", NULL);
  worksheet_write_string (sheet, 1, 0, "单位：元", NULL);
  worksheet_write_string (sheet, 2, 0, "科目编码", NULL);
  worksheet_write_string (sheet, 2, 1, "科目名称", NULL);
  worksheet_write_string (sheet, 2, 2, "合计", NULL);
  worksheet_write_string (sheet, 2, 3, "基本\n支出", NULL);
  worksheet_write_string (sheet, 2, 4, "项目 支出", NULL);
  worksheet_write_string (sheet, 3, 1, "合计", NULL);
  worksheet_write_number (sheet, 3, 2, 2000000.01, NULL);   /* items give 2,000,000.00 */
  worksheet_write_string (sheet, 4, 0, "206", NULL);
  worksheet_write_number (sheet, 4, 2, 2000000, NULL);
  worksheet_write_string (sheet, 5, 0, "20601", NULL);
  worksheet_write_number (sheet, 5, 2, 2000000, NULL);
  worksheet_write_string (sheet, 6, 0, "2060101", NULL);
  worksheet_write_string (sheet, 6, 1, "行政运行", NULL);
  worksheet_write_string (sheet, 6, 3, leaf_c4, NULL);
  worksheet_write_string (sheet, 6, 4, leaf_c5, NULL);
  worksheet_write_string (sheet, 7, 0, second_code, NULL);
  worksheet_write_string (sheet, 7, 3, "765,432.10", NULL);

  worksheet_write_string (sheet, 10, 0, "部门预算政府基金预算财政拨款支出表", NULL);
  worksheet_write_string (sheet, 11, 0, "单位：万元", NULL);
  worksheet_write_string (sheet, 12, 0, "科目编码", NULL);
  worksheet_write_string (sheet, 12, 1, "科目名称", NULL);
  worksheet_write_string (sheet, 12, 2, "合计", NULL);
  worksheet_write_string (sheet, 12, 3, "基本支出", NULL);
  worksheet_write_string (sheet, 12, 4, "项目支出", NULL);
  worksheet_write_string (sheet, 13, 0, "2290401", NULL);
  worksheet_write_number (sheet, 13, 4, 12.5, NULL);
  g_assert_cmpint (workbook_close (book), ==, LXW_NO_ERROR);
  return path;
}

static void
test_officer_layout (void)
{
  g_autofree char *path = write_officer_workbook ("1,234,567.90", "", "2060102");
  g_autoptr(BudgetDocument) doc = budget_document_new ();
  g_autoptr(BudgetXlsxImport) import = plan (doc, path);
  g_autoptr(BudgetCommand) command = NULL;
  BudgetForm *t5 = budget_document_lookup_form (doc, "T5");
  BudgetForm *t7 = budget_document_lookup_form (doc, "T7");
  int row;

  g_assert_true (budget_xlsx_import_can_apply (import));
  g_assert_true (report_contains (import, "(sheet “Sheet1”, 元)"));
  g_assert_true (report_contains (import, "(sheet “Sheet1”, 万元)"));
  /* The 合计 is checked, not trusted: 2,000,000.01 元 against 1,234,567.90 + 765,432.10. */
  g_assert_cmpuint (budget_xlsx_import_get_n_differences (import), ==, 1);
  g_assert_true (report_contains (import, "Sheet1!C4: workbook: the total 合计 = 2000000.01, items give 2000000.00"));
  command = budget_import_command_new (doc, import);
  budget_document_execute (doc, command);
  row = budget_form_find_row (t5, "2060101");
  g_assert_cmpint (row, >=, 0);
  g_assert_cmpint (budget_form_get_value (t5, (guint) row, budget_form_def_find_column (budget_form_get_def (t5), "c4")),
                   ==, 123456790);
  row = budget_form_find_row (t5, "2060102");
  g_assert_cmpint (budget_form_get_value (t5, (guint) row, budget_form_def_find_column (budget_form_get_def (t5), "c4")),
                   ==, 76543210);
  row = budget_form_find_row (t7, "2290401");
  g_assert_cmpint (row, >=, 0);
  g_assert_cmpint (budget_form_get_value (t7, (guint) row, budget_form_def_find_column (budget_form_get_def (t7), "c5")),
                   ==, 12500000);
}

/* Bad leaves stop the whole import and name the sheet and cell. */
static void
test_bad_leaves (void)
{
  g_autofree char *path = write_officer_workbook ("一百", "-5", "2060101");
  g_autoptr(BudgetDocument) doc = budget_document_new ();
  g_autoptr(GBytes) before = budget_project_serialize (doc);
  g_autoptr(BudgetXlsxImport) import = plan (doc, path);
  g_autoptr(GBytes) after = NULL;

  g_assert_false (budget_xlsx_import_can_apply (import));
  g_assert_true (report_contains (import, "Sheet1!D7: “一百” is not an amount"));
  g_assert_true (report_contains (import, "Sheet1!E7: -5 is negative"));
  g_assert_true (report_contains (import, "Sheet1!A8: code 2060101 appears twice"));
  g_assert_true (report_contains (import, "Nothing was imported"));
  after = budget_project_serialize (doc);
  g_assert_true (g_bytes_equal (before, after));
}

static void
write_zip (const char         *path,
           const char * const *names,
           const char * const *contents,
           gsize               padding)
{
  g_autoptr(GError) error = NULL;
  GsfOutput *sink = gsf_output_stdio_new (path, &error);
  GsfOutfile *zip;

  g_assert_no_error (error);
  zip = gsf_outfile_zip_new (sink, &error);
  g_assert_no_error (error);
  for (guint i = 0; names[i] != NULL; i++)
    {
      GsfOutput *child = gsf_outfile_new_child (zip, names[i], FALSE);

      gsf_output_puts (child, contents[i]);
      /* A zip bomb: megabytes of spaces that deflate to almost nothing. */
      if (padding > 0 && i == 0)
        {
          g_autofree char *block = g_malloc (1 << 20);

          memset (block, ' ', 1 << 20);
          for (gsize m = 0; m < padding; m++)
            gsf_output_write (child, 1 << 20, (const guint8 *) block);
        }
      gsf_output_close (child);
      g_object_unref (child);
    }
  gsf_output_close (GSF_OUTPUT (zip));
  g_object_unref (zip);
  g_object_unref (sink);
}

static const char *workbook_xml =
  "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
  "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
  "<sheets><sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
static const char *rels_xml =
  "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
  "<Relationship Id=\"rId1\" Type=\"worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>";

static GQuark
error_of (const char *path,
          int        *code,
          char      **message)
{
  g_autoptr(BudgetDocument) doc = budget_document_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(BudgetXlsxImport) import = budget_xlsx_import_new (doc, path, &error);

  g_assert_null (import);
  g_assert_nonnull (error);
  *code = error->code;
  *message = g_strdup (error->message);
  return error->domain;
}

static void
test_refusals (void)
{
  g_autofree char *text = tmp_path ("notes.xlsx");
  g_autofree char *xls = tmp_path ("old.xls");
  g_autofree char *encrypted = tmp_path ("secret.xlsx");
  g_autofree char *bomb = tmp_path ("bomb.xlsx");
  g_autofree char *tall = tmp_path ("tall.xlsx");
  g_autofree char *message = NULL;
  static const guint8 ole_header[8] = { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 };
  g_autoptr(GString) fake_xls = g_string_new_len ((const char *) ole_header, 8);
  int code;

  g_assert_true (g_file_set_contents (text, "项目,金额\n", -1, NULL));
  g_assert_true (error_of (text, &code, &message) == BUDGET_XLSX_ERROR);
  g_assert_cmpint (code, ==, BUDGET_XLSX_ERROR_NOT_WORKBOOK);
  g_clear_pointer (&message, g_free);

  /* A legacy .xls: an OLE container without an EncryptionInfo stream. */
  g_string_append_len (fake_xls, "\0\0\0\0\0\0\0\0", 8);
  for (guint i = 0; i < 600; i++)
    g_string_append_c (fake_xls, '\0');
  g_assert_true (g_file_set_contents (xls, fake_xls->str, (gssize) fake_xls->len, NULL));
  g_assert_true (error_of (xls, &code, &message) == BUDGET_XLSX_ERROR);
  g_assert_cmpint (code, ==, BUDGET_XLSX_ERROR_LEGACY);
  g_assert_nonnull (strstr (message, ".xlsx"));
  g_clear_pointer (&message, g_free);

  /* A password-protected workbook is an OLE container with EncryptionInfo and EncryptedPackage. */
  {
    g_autoptr(GError) error = NULL;
    GsfOutput *sink = gsf_output_stdio_new (encrypted, &error);
    GsfOutfile *ole = gsf_outfile_msole_new (sink);
    GsfOutput *info = gsf_outfile_new_child (ole, "EncryptionInfo", FALSE);
    GsfOutput *package = gsf_outfile_new_child (ole, "EncryptedPackage", FALSE);

    gsf_output_puts (info, "\x04\x00\x04\x00");
    gsf_output_puts (package, "encrypted");
    gsf_output_close (info);
    gsf_output_close (package);
    gsf_output_close (GSF_OUTPUT (ole));
    g_object_unref (info);
    g_object_unref (package);
    g_object_unref (ole);
    g_object_unref (sink);
  }
  g_assert_true (error_of (encrypted, &code, &message) == BUDGET_XLSX_ERROR);
  g_assert_cmpint (code, ==, BUDGET_XLSX_ERROR_ENCRYPTED);
  g_assert_nonnull (strstr (message, "password"));
  g_clear_pointer (&message, g_free);

  {
    const char *names[] = { "xl/sharedStrings.xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", NULL };
    const char *contents[] = { "<sst/>", workbook_xml, rels_xml, NULL };

    write_zip (bomb, names, contents, 80);
  }
  g_assert_true (error_of (bomb, &code, &message) == BUDGET_XLSX_ERROR);
  g_assert_cmpint (code, ==, BUDGET_XLSX_ERROR_TOO_LARGE);
  g_clear_pointer (&message, g_free);

  {
    const char *names[] = { "xl/worksheets/sheet1.xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", NULL };
    const char *contents[] = {
      "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
      "<row r=\"1000000\"><c r=\"A1000000\" t=\"inlineStr\"><is><t>x</t></is></c></row></sheetData></worksheet>",
      workbook_xml, rels_xml, NULL };

    write_zip (tall, names, contents, 0);
  }
  g_assert_true (error_of (tall, &code, &message) == BUDGET_XLSX_ERROR);
  g_assert_cmpint (code, ==, BUDGET_XLSX_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (message, "rows"));
}

/* A workbook without any of the forms imports nothing and says so. */
static void
test_no_forms (void)
{
  g_autofree char *path = tmp_path ("other.xlsx");
  lxw_workbook *book = workbook_new (path);
  lxw_worksheet *sheet = workbook_add_worksheet (book, "名单");
  g_autoptr(BudgetDocument) doc = budget_document_new ();
  g_autoptr(BudgetXlsxImport) import = NULL;

  worksheet_write_string (sheet, 0, 0, "职工花名册", NULL);
  worksheet_write_number (sheet, 1, 0, 12, NULL);
  g_assert_cmpint (workbook_close (book), ==, LXW_NO_ERROR);
  import = plan (doc, path);
  g_assert_false (budget_xlsx_import_can_apply (import));
  g_assert_true (report_contains (import, "none of the project's tables"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  budget_core_init ();

  g_test_add_func ("/xlsx/round-trip/new-document", test_round_trip_new_document);
  g_test_add_func ("/xlsx/round-trip/same-document", test_round_trip_same_document);
  g_test_add_func ("/xlsx/round-trip/fixpoint", test_round_trip_fixpoint);
  g_test_add_func ("/xlsx/import/undo", test_import_is_one_undoable_step);
  g_test_add_func ("/xlsx/import/officer-layout", test_officer_layout);
  g_test_add_func ("/xlsx/import/bad-leaves", test_bad_leaves);
  g_test_add_func ("/xlsx/import/refusals", test_refusals);
  g_test_add_func ("/xlsx/import/no-forms", test_no_forms);
  return g_test_run ();
}
