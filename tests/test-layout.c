/* test-layout.c: the table layout the grid and the renderer share: caption lines per meta style,
 * the header's cells with their spans and filled-in texts, the 栏次 row, the columns and the key
 * columns that stay on screen, for the bundled forms. */

#include "config.h"

#include <string.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "budget-core.h"
#include "render/budget-renderer.h"

static BudgetTableLayout *
layout_of (BudgetDocument *document,
           const char     *id)
{
  BudgetForm *form = budget_document_lookup_form (document, id);

  g_assert_nonnull (form);
  return budget_table_layout_new (form);
}

/* Finds the heading at (@row, @col), or NULL. */
static const BudgetLayoutCell *
heading_at (BudgetTableLayout *layout,
            guint              row,
            guint              col)
{
  for (guint i = 0; i < budget_table_layout_get_n_cells (layout); i++)
    {
      const BudgetLayoutCell *cell = budget_table_layout_get_cell (layout, i);

      if (cell->row == row && cell->col == col)
        return cell;
    }
  return NULL;
}

static void
test_header (void)
{
  g_autoptr(BudgetDocument) document = budget_project_load_sample ();
  g_autoptr(BudgetTableLayout) layout = layout_of (document, "T2");
  BudgetForm *form = budget_document_lookup_form (document, "T2");
  const BudgetLayoutCell *cell;
  guint n_cols;

  /* 序号, then the form's twelve columns. */
  g_assert_true (budget_table_layout_has_serial (layout));
  n_cols = budget_table_layout_get_n_columns (layout);
  g_assert_cmpuint (n_cols, ==, budget_form_get_n_columns (form) + 1);
  g_assert_cmpint (budget_table_layout_get_form_column (layout, 0), ==, -1);
  g_assert_cmpint (budget_table_layout_get_form_column (layout, 1), ==, 0);
  g_assert_cmpuint (budget_table_layout_get_column (layout, 0), ==, 1);
  g_assert_cmpint (budget_table_layout_get_column_type (layout, 1), ==, BUDGET_COLUMN_CODE);
  g_assert_cmpint (budget_table_layout_get_column_type (layout, 2), ==, BUDGET_COLUMN_NAME);
  g_assert_cmpint (budget_table_layout_get_column_type (layout, 3), ==, BUDGET_COLUMN_AMOUNT);
  g_assert_cmpuint (budget_table_layout_get_column_width (layout, 2), ==, 22);
  g_assert_true (budget_table_layout_column_wraps (layout, 2));
  g_assert_false (budget_table_layout_column_wraps (layout, 3));

  /* Two heading rows and the 栏次 row. */
  g_assert_cmpuint (budget_table_layout_get_n_heading_rows (layout), ==, 2);
  g_assert_cmpuint (budget_table_layout_get_n_header_rows (layout), ==, 3);
  cell = heading_at (layout, 0, 0);
  g_assert_nonnull (cell);
  g_assert_cmpstr (cell->text, ==, "序号");
  g_assert_cmpuint (cell->row_span, ==, 2);
  cell = heading_at (layout, 0, 4);
  g_assert_cmpstr (cell->text, ==, "本年收入");
  g_assert_cmpuint (cell->col_span, ==, 8);
  g_assert_cmpuint (cell->row_span, ==, 1);
  g_assert_cmpint (cell->kind, ==, BUDGET_LAYOUT_HEADING);
  cell = heading_at (layout, 2, 0);
  g_assert_cmpint (cell->kind, ==, BUDGET_LAYOUT_NUMBER);
  g_assert_cmpstr (cell->text, ==, "栏次");
  cell = heading_at (layout, 2, 3);
  g_assert_cmpstr (cell->text, ==, "3");
  cell = heading_at (layout, 2, n_cols - 1);
  g_assert_cmpstr (cell->text, ==, "12");

  /* 功能分类科目 spans code and name, which stay on screen with 序号; 本年收入 straddles c5. */
  g_assert_cmpuint (budget_table_layout_get_n_key_columns (layout), ==, 3);
  g_assert_true (budget_table_layout_straddles (layout, 2));
  g_assert_false (budget_table_layout_straddles (layout, 3));
  g_assert_true (budget_table_layout_straddles (layout, 5));
}

static void
test_caption (void)
{
  g_autoptr(BudgetDocument) document = budget_project_load_sample ();
  g_autoptr(BudgetTableLayout) t1 = layout_of (document, "T1");
  g_autoptr(BudgetTableLayout) gp = layout_of (document, "GP");
  g_autoptr(BudgetTableLayout) fa = layout_of (document, "FA");
  g_autoptr(BudgetTableLayout) org = layout_of (document, "ORG");
  g_autofree char *department = g_strconcat (budget_document_get_meta (document, "department-code"),
                                             budget_document_get_meta (document, "department-name"), NULL);
  int year = budget_document_get_year (document);
  g_autofree char *year_line = g_strdup_printf ("预算年度：%d", year);
  g_autofree char *cutoff_line = g_strdup_printf ("截止时间：%d-12-31", year - 1);
  g_autofree char *title = budget_form_dup_title (budget_document_lookup_form (document, "T1"));

  g_assert_cmpint (year, >, 2000);
  g_assert_cmpstr (budget_table_layout_get_title (t1), ==, title);
  g_assert_cmpstr (budget_table_layout_get_caption (t1, BUDGET_CAPTION_START), ==, department);
  g_assert_cmpstr (budget_table_layout_get_caption (t1, BUDGET_CAPTION_CENTER), ==, year_line);
  g_assert_cmpstr (budget_table_layout_get_caption (t1, BUDGET_CAPTION_END), ==, "单位：万元");
  g_assert_true (budget_table_layout_has_caption (t1));

  /* 政府采购 has no year in its line; the fixed assets state the end of the year before. */
  g_assert_cmpstr (budget_table_layout_get_caption (gp, BUDGET_CAPTION_START), ==, department);
  g_assert_null (budget_table_layout_get_caption (gp, BUDGET_CAPTION_CENTER));
  g_assert_cmpstr (budget_table_layout_get_caption (gp, BUDGET_CAPTION_END), ==, "单位：万元");
  g_assert_null (budget_table_layout_get_caption (fa, BUDGET_CAPTION_CENTER));
  g_assert_cmpstr (budget_table_layout_get_caption (fa, BUDGET_CAPTION_END), ==, cutoff_line);

  /* 机构设置 prints no such line. */
  for (guint i = 0; i < BUDGET_N_CAPTION_PARTS; i++)
    g_assert_null (budget_table_layout_get_caption (org, i));
  g_assert_false (budget_table_layout_has_caption (org));
}

/* Headings name the year ({year}年预留中小微企业份额); a new layout follows the document's year. */
static void
test_placeholders (void)
{
  g_autoptr(BudgetDocument) document = budget_project_load_sample ();
  g_autoptr(GError) error = NULL;
  BudgetTableLayout *layout = layout_of (document, "GP");
  gboolean found = FALSE;

  for (guint i = 0; i < budget_table_layout_get_n_cells (layout); i++)
    {
      const char *text = budget_table_layout_get_cell (layout, i)->text;

      g_assert_null (g_strstr_len (text, -1, "{"));
      found |= g_str_has_suffix (text, "年预留中小微企业份额");
    }
  g_assert_true (found);
  g_object_unref (layout);

  g_assert_true (budget_document_set_meta (document, "year", "2031", &error));
  g_assert_no_error (error);
  layout = layout_of (document, "GP");
  found = FALSE;
  for (guint i = 0; i < budget_table_layout_get_n_cells (layout); i++)
    found |= g_str_equal (budget_table_layout_get_cell (layout, i)->text, "2031年预留中小微企业份额");
  g_assert_true (found);
  g_object_unref (layout);

  layout = layout_of (document, "T5");
  g_assert_cmpstr (budget_table_layout_get_caption (layout, BUDGET_CAPTION_CENTER), ==, "预算年度：2031");
  g_assert_finalize_object (layout);
}

/* A project whose year is not known yet shows no year rather than "预算年度：0" or
 * "截止时间：-1-12-31" (the PDF used to print them). */
static void
test_no_year (void)
{
  g_autoptr(BudgetDocument) document = budget_document_new ();
  g_autoptr(BudgetTableLayout) t1 = NULL;
  g_autoptr(BudgetTableLayout) fa = NULL;

  g_assert_cmpint (budget_document_get_year (document), ==, 0);
  t1 = layout_of (document, "T1");
  fa = layout_of (document, "FA");
  g_assert_cmpstr (budget_table_layout_get_caption (t1, BUDGET_CAPTION_CENTER), ==, "");
  g_assert_cmpstr (budget_table_layout_get_caption (fa, BUDGET_CAPTION_END), ==, "");
  g_assert_true (budget_table_layout_has_caption (t1));
}

/* The PDF prints the layout's caption: no "预算年度：0" for a project without a year. */
static void
test_no_year_pdf (void)
{
  g_autoptr(BudgetDocument) document = budget_document_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *text = NULL;
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  const char * const forms[] = { "T1", "FA", NULL };
  const char *argv[] = { "pdftotext", "-raw", NULL, "-", NULL };
  int status = -1;

  if (pdftotext == NULL)
    {
      g_test_skip ("pdftotext (poppler-utils) is not installed");
      return;
    }
  dir = g_dir_make_tmp ("budget-layout-XXXXXX", &error);
  g_assert_no_error (error);
  pdf = g_build_filename (dir, "no-year.pdf", NULL);
  g_assert_true (budget_renderer_export_pdf (document, pdf, forms, &error));
  g_assert_no_error (error);
  argv[2] = pdf;
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &text, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (text, "单位：万元"));
  g_assert_null (strstr (text, "预算年度：0"));
  g_assert_null (strstr (text, "-1-12-31"));
  g_remove (pdf);
  g_rmdir (dir);
}

/* Every table form: the headings lie inside the header and never overlap, the 栏次 row numbers each
 * column once, and the key columns are codes and names that no heading straddles. */
static void
test_all_forms (void)
{
  g_autoptr(BudgetDocument) document = budget_project_load_sample ();
  guint tables = 0;

  for (guint f = 0; f < budget_document_get_n_forms (document); f++)
    {
      BudgetForm *form = budget_document_get_form (document, f);
      g_autoptr(BudgetTableLayout) layout = NULL;
      g_autofree guint8 *covered = NULL;
      guint n_cols, n_rows, n_heading, numbers = 0, keys;

      if (BUDGET_IS_TEXT_SECTION (form))
        continue;
      tables++;
      layout = budget_table_layout_new (form);
      g_assert_true (budget_table_layout_get_form (layout) == form);
      n_cols = budget_table_layout_get_n_columns (layout);
      n_rows = budget_table_layout_get_n_header_rows (layout);
      n_heading = budget_table_layout_get_n_heading_rows (layout);
      g_assert_cmpuint (n_cols, >, 0);
      covered = g_new0 (guint8, n_cols * MAX (n_rows, 1));
      for (guint i = 0; i < budget_table_layout_get_n_cells (layout); i++)
        {
          const BudgetLayoutCell *cell = budget_table_layout_get_cell (layout, i);

          g_assert_nonnull (cell->text);
          g_assert_cmpuint (cell->row_span, >=, 1);
          g_assert_cmpuint (cell->col_span, >=, 1);
          g_assert_cmpuint (cell->col + cell->col_span, <=, n_cols);
          if (cell->kind == BUDGET_LAYOUT_NUMBER)
            {
              g_assert_cmpuint (cell->row, ==, n_heading);
              numbers++;
            }
          else
            g_assert_cmpuint (cell->row + cell->row_span, <=, n_heading);
          for (guint r = cell->row; r < cell->row + cell->row_span; r++)
            for (guint c = cell->col; c < cell->col + cell->col_span; c++)
              {
                g_assert_cmpuint (covered[r * n_cols + c], ==, 0);
                covered[r * n_cols + c] = 1;
              }
        }
      g_assert_cmpuint (numbers, ==, n_rows > n_heading ? n_cols : 0);
      keys = budget_table_layout_get_n_key_columns (layout);
      g_assert_cmpuint (keys, <, n_cols);
      g_assert_false (budget_table_layout_straddles (layout, keys));
      for (guint c = 0; c < keys; c++)
        {
          int form_col = budget_table_layout_get_form_column (layout, c);
          BudgetColumnType type = budget_table_layout_get_column_type (layout, c);

          g_assert_true (form_col < 0 || type == BUDGET_COLUMN_CODE || type == BUDGET_COLUMN_NAME);
        }
    }
  g_assert_cmpuint (tables, >, 10);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  budget_core_init ();

  g_test_add_func ("/layout/header", test_header);
  g_test_add_func ("/layout/caption", test_caption);
  g_test_add_func ("/layout/placeholders", test_placeholders);
  g_test_add_func ("/layout/no-year", test_no_year);
  g_test_add_func ("/layout/no-year-pdf", test_no_year_pdf);
  g_test_add_func ("/layout/all-forms", test_all_forms);

  return g_test_run ();
}
