/* test-grid.c: the drawn grid: the official header's geometry, what cells show and say (display,
 * tooltips with formulas, accessible names), redrawing only for changes on screen, frozen code columns,
 * the clipboard, and a form of 10 000 rows that scrolls and edits without drawing what is off screen. */

#include <string.h>
#include <gtk/gtk.h>

#include "budget-core.h"
#include "budget-cell-editor.h"
#include "budget-grid.h"
#include "budget-table-editor.h"
#include "budget-window.h"
#include "budget-test-gtk.h"

#define WANYUAN(x) ((gint64) ((x) * 100) * 10000)

typedef BudgetTestWindow Fixture;

#define fixture_test(path, func) \
  g_test_add (path, Fixture, NULL, budget_test_window_setup, func, budget_test_window_teardown)

static BudgetForm *
form (Fixture    *fixture,
      const char *id)
{
  return budget_document_lookup_form (fixture->document, id);
}

static void
test_geometry (Fixture       *fixture,
               gconstpointer  data)
{
  BudgetForm *t2 = form (fixture, "T2");
  BudgetGrid *grid = budget_test_show_grid (fixture->window, "T2");
  graphene_rect_t code, name, total, next, below;
  guint row = budget_test_row_of (t2, "2060101");

  /* Columns sit side by side in definition order; rows stack below the header. */
  g_assert_true (budget_grid_get_cell_area (grid, row, budget_test_col_of (t2, "code"), &code));
  g_assert_true (budget_grid_get_cell_area (grid, row, budget_test_col_of (t2, "name"), &name));
  g_assert_true (budget_grid_get_cell_area (grid, row, budget_test_col_of (t2, "c3"), &total));
  g_assert_true (budget_grid_get_cell_area (grid, row, budget_test_col_of (t2, "c4"), &next));
  g_assert_true (budget_grid_get_cell_area (grid, row + 1, budget_test_col_of (t2, "c3"), &below));
  g_assert_cmpfloat (code.origin.x + code.size.width, ==, name.origin.x);
  g_assert_cmpfloat (name.origin.x + name.size.width, ==, total.origin.x);
  g_assert_cmpfloat (total.origin.x + total.size.width, ==, next.origin.x);
  g_assert_cmpfloat (below.origin.y, ==, total.origin.y + total.size.height);
  g_assert_cmpfloat (below.origin.x, ==, total.origin.x);
  /* The caption, the two header rows and the 栏次 row are above the first row. */
  {
    graphene_rect_t first;

    g_assert_true (budget_grid_get_cell_area (grid, 0, budget_test_col_of (t2, "c3"), &first));
    g_assert_cmpfloat (first.origin.y, >=, 3 * first.size.height);
  }
  /* Only the rows on screen are drawn. */
  g_assert_cmpuint (budget_grid_get_n_visible_rows (grid), <=, budget_form_get_n_rows (t2));
  g_assert_cmpuint (budget_grid_get_n_visible_rows (grid), >, 5);
}

/* The caption line and the headings are the table layout's, as the PDF prints them, and follow the
 * document's year. */
static void
test_header_follows_document (Fixture       *fixture,
                              gconstpointer  data)
{
  BudgetGrid *grid = budget_test_show_grid (fixture->window, "GP");
  BudgetTableLayout *layout = budget_grid_get_table_layout (grid);
  g_autoptr(GError) error = NULL;
  gboolean found = FALSE;

  g_assert_nonnull (layout);
  g_assert_true (budget_table_layout_get_form (layout) == form (fixture, "GP"));
  g_assert_cmpstr (budget_table_layout_get_caption (layout, BUDGET_CAPTION_END), ==, "单位：万元");

  g_assert_true (budget_document_set_meta (fixture->document, "year", "2031", &error));
  g_assert_no_error (error);
  budget_test_flush (GTK_WIDGET (fixture->window));
  layout = budget_grid_get_table_layout (grid);
  for (guint i = 0; i < budget_table_layout_get_n_cells (layout); i++)
    found |= g_str_equal (budget_table_layout_get_cell (layout, i)->text, "2031年预留中小微企业份额");
  g_assert_true (found);

  grid = budget_test_show_grid (fixture->window, "T1");
  g_assert_cmpstr (budget_table_layout_get_caption (budget_grid_get_table_layout (grid), BUDGET_CAPTION_CENTER), ==,
                   "预算年度：2031");
}

/* The cell editor on its own: an editable that reaches its text, a list of values narrowed by what is
 * typed, Up and Down over the values still on offer. */
static void
test_cell_editor (Fixture       *fixture,
                  gconstpointer  data)
{
  BudgetGrid *grid = budget_test_show_grid (fixture->window, "PF1");
  BudgetCellEditor *editor = BUDGET_CELL_EDITOR (budget_grid_get_editor (grid));
  char **values = g_strsplit ("数量指标 质量指标 时效指标 成本指标", " ", -1);

  g_assert_true (GTK_IS_EDITABLE (editor));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (editor)));
  budget_grid_set_cursor (grid, 1, 1);
  g_assert_true (budget_grid_start_editing (grid, NULL));
  budget_test_flush (GTK_WIDGET (fixture->window));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor)));
  g_assert_true (budget_cell_editor_has_focus (editor));
  g_assert_false (budget_cell_editor_is_composing (editor));
  g_assert_true (budget_cell_editor_get_choices_visible (editor));

  /* The editor's own list: the cell's value is selected, Up and Down stop at the ends; typing
   * narrows the list down. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (editor)), ==, "质量指标");
  budget_cell_editor_show_choices (editor, values, FALSE);
  g_assert_cmpstr (budget_cell_editor_get_selected_choice (editor), ==, "质量指标");
  budget_cell_editor_move_choice (editor, 1);
  budget_cell_editor_move_choice (editor, 1);
  g_assert_cmpstr (budget_cell_editor_get_selected_choice (editor), ==, "成本指标");
  budget_cell_editor_move_choice (editor, 1);
  g_assert_cmpstr (budget_cell_editor_get_selected_choice (editor), ==, "成本指标");
  gtk_editable_set_text (GTK_EDITABLE (editor), "量");
  g_assert_cmpstr (budget_cell_editor_get_selected_choice (editor), ==, "数量指标");
  budget_cell_editor_move_choice (editor, 1);
  g_assert_cmpstr (budget_cell_editor_get_selected_choice (editor), ==, "质量指标");
  budget_cell_editor_move_choice (editor, 1);
  g_assert_cmpstr (budget_cell_editor_get_selected_choice (editor), ==, "质量指标");
  g_assert_cmpuint (g_strv_length ((char **) budget_cell_editor_get_choices (editor)), ==, 4);
  g_assert_cmpstr (budget_cell_editor_get_choices (editor)[3], ==, "成本指标");

  budget_cell_editor_hide_choices (editor);
  g_assert_null (budget_cell_editor_get_selected_choice (editor));
  budget_grid_cancel_edit (grid);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (editor)));
  g_assert_false (budget_cell_editor_get_choices_visible (editor));
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (grid)));
}

/* A project typed in 元: the grid shows and takes 元 (2 decimals, exact), says so in its unit line, and
 * published forms stay in 万元. In 万元 entry a figure with more decimals than shown is marked and its
 * tooltip gives the exact figure. */
static void
test_entry_units (Fixture       *fixture,
                  gconstpointer  data)
{
  BudgetForm *t5 = form (fixture, "T5");
  guint row = budget_test_row_of (t5, "2060101");
  guint col = budget_test_col_of (t5, "c4");
  BudgetGrid *grid = budget_test_show_grid (fixture->window, "T5");
  BudgetTableLayout *layout;
  g_autofree char *shown = NULL;
  g_autofree char *published = NULL;
  g_autofree char *tooltip = NULL;
  g_autoptr(GError) error = NULL;

  /* The sample's 124.717 (its 元 figure 1,247,170) shows as 124.72. */
  g_assert_true (budget_grid_cell_is_finer_than_shown (grid, row, col));
  g_assert_true (budget_document_set_cell (fixture->document, t5, row, col, "124.72", &error));
  g_assert_false (budget_grid_cell_is_finer_than_shown (grid, row, col));
  g_assert_true (budget_document_set_cell (fixture->document, t5, row, col, "12.345", &error));
  g_assert_no_error (error);
  g_assert_true (budget_grid_cell_is_finer_than_shown (grid, row, col));
  tooltip = budget_grid_dup_cell_tooltip (grid, row, col);
  g_assert_nonnull (strstr (tooltip, "12.345 万元"));
  shown = budget_form_dup_entry_display (t5, row, col);
  g_assert_cmpstr (shown, ==, "12.35");

  g_assert_true (budget_document_set_meta (fixture->document, "entry-unit", "元", &error));
  g_assert_no_error (error);
  budget_test_flush (GTK_WIDGET (fixture->window));
  layout = budget_grid_get_table_layout (grid);
  g_assert_cmpstr (budget_table_layout_get_caption (layout, BUDGET_CAPTION_END), ==, "单位：元");
  g_clear_pointer (&shown, g_free);
  shown = budget_form_dup_entry_display (t5, row, col);
  g_assert_cmpstr (shown, ==, "123450.00");
  /* Nothing is finer than 分 in 元. */
  g_assert_false (budget_grid_cell_is_finer_than_shown (grid, row, col));
  g_assert_true (budget_document_set_cell (fixture->document, t5, row, col, "1,247,200.01", &error));
  g_assert_no_error (error);
  g_assert_cmpint (budget_form_get_value (t5, row, col), ==, 124720001);
  published = budget_form_dup_display (t5, row, col);
  g_assert_cmpstr (published, ==, "124.72");
  g_assert_false (budget_document_set_cell (fixture->document, t5, row, col, "1.001", &error));
  g_assert_nonnull (strstr (error->message, "元"));
}

static void
test_cells_describe_themselves (Fixture       *fixture,
                                gconstpointer  data)
{
  BudgetForm *t3 = form (fixture, "T3");
  BudgetForm *t5 = form (fixture, "T5");
  BudgetForm *t1 = form (fixture, "T1");
  BudgetGrid *grid = budget_test_show_grid (fixture->window, "T3");
  g_autofree char *name = budget_grid_dup_cell_name (grid, 3, budget_test_col_of (t3, "c4"));
  g_autofree char *formula = budget_grid_dup_cell_tooltip (grid, budget_test_row_of (t3, "2060101"), budget_test_col_of (t3, "c4"));
  g_autofree char *parent = budget_grid_dup_cell_tooltip (grid, budget_test_row_of (t3, "206"), budget_test_col_of (t3, "c3"));
  g_autofree char *label = NULL;
  g_autofree char *typed = NULL;
  g_autofree char *fixed = NULL;
  g_autofree char *shown = NULL;

  /* "支出总表 第4行 基本支出" in Chinese; the tests run in the C locale. */
  g_assert_cmpstr (name, ==, "支出总表 row 4 基本支出");
  g_assert_nonnull (strstr (formula, "Computed: T5.c4+T7.c4+T8.c4+NF.c4"));
  g_assert_nonnull (strstr (formula, "一般公共预算支出表 2060101 基本支出"));
  g_assert_nonnull (strstr (parent, "Σ children"));
  label = budget_grid_dup_cell_tooltip (grid, budget_test_row_of (t3, "2060101"), budget_test_col_of (t3, "name"));
  g_assert_cmpstr (label, ==, "行政运行");

  grid = budget_test_show_grid (fixture->window, "T5");
  typed = budget_grid_dup_cell_tooltip (grid, budget_test_row_of (t5, "2060101"), budget_test_col_of (t5, "c4"));
  g_assert_nonnull (strstr (typed, "Typed cell"));
  shown = budget_form_dup_display (t5, budget_test_row_of (t5, "2060101"), budget_test_col_of (t5, "c4"));
  g_assert_cmpstr (shown, ==, "124.72");

  grid = budget_test_show_grid (fixture->window, "T1");
  fixed = budget_grid_dup_cell_tooltip (grid, budget_test_row_of (t1, "r6"), budget_test_col_of (t1, "c4"));
  g_assert_nonnull (strstr (fixed, "T3[206].c3"));
  g_assert_nonnull (strstr (fixed, "支出总表 206 合计"));
}

static void
test_redraws_only_for_visible_changes (Fixture       *fixture,
                                       gconstpointer  data)
{
  BudgetForm *t9 = form (fixture, "T9");
  BudgetForm *t5 = form (fixture, "T5");
  BudgetGrid *grid = budget_test_show_grid (fixture->window, "T2");
  guint64 before;

  budget_test_flush (GTK_WIDGET (fixture->window));
  before = budget_grid_get_redraw_count (grid);
  /* T9 does not feed T2: the grid does not draw again. */
  g_assert_true (budget_document_set_cell (fixture->document, t9, budget_test_row_of (t9, "r5"), budget_test_col_of (t9, "c3"), "3", NULL));
  budget_test_flush (GTK_WIDGET (fixture->window));
  g_assert_cmpuint (budget_grid_get_redraw_count (grid), ==, before);
  /* T5 2060101 feeds T2's 财政拨款收入 on a row on screen. */
  g_assert_true (budget_document_set_cell (fixture->document, t5, budget_test_row_of (t5, "2060101"), budget_test_col_of (t5, "c4"), "3", NULL));
  budget_test_flush (GTK_WIDGET (fixture->window));
  g_assert_cmpuint (budget_grid_get_redraw_count (grid), >, before);
}

static void
test_frozen_code_columns (Fixture       *fixture,
                          gconstpointer  data)
{
  BudgetForm *t2 = form (fixture, "T2");
  BudgetGrid *grid;
  graphene_rect_t code_before, code_after, amount_before, amount_after;
  guint row;

  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 900, 700);
  grid = budget_test_show_grid (fixture->window, "T2");
  budget_test_flush (GTK_WIDGET (fixture->window));
  row = budget_test_row_of (t2, "2060101");
  g_assert_true (budget_grid_get_cell_area (grid, row, budget_test_col_of (t2, "code"), &code_before));
  budget_grid_get_cell_area (grid, row, budget_test_col_of (t2, "c5"), &amount_before);

  /* Going to the last column scrolls the amounts sideways; 序号, codes and names stay. */
  budget_grid_set_cursor (grid, row, budget_test_col_of (t2, "c12"));
  budget_test_flush (GTK_WIDGET (fixture->window));
  g_assert_true (budget_grid_get_cell_area (grid, row, budget_test_col_of (t2, "code"), &code_after));
  budget_grid_get_cell_area (grid, row, budget_test_col_of (t2, "c5"), &amount_after);
  g_assert_cmpfloat (code_after.origin.x, ==, code_before.origin.x);
  g_assert_cmpfloat (amount_after.origin.x, <, amount_before.origin.x);
  {
    graphene_rect_t last;

    g_assert_true (budget_grid_get_cell_area (grid, row, budget_test_col_of (t2, "c12"), &last));
    g_assert_cmpfloat (last.origin.x + last.size.width, <=, gtk_widget_get_width (GTK_WIDGET (grid)));
  }
}

static void
clipboard_text_ready (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  char **out = user_data;

  *out = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, NULL);
}

static void
paste_done (BudgetDocument *document,
            BudgetCommand  *command,
            gboolean        forward,
            gboolean       *done)
{
  *done = TRUE;
}

static void
test_clipboard (Fixture       *fixture,
                gconstpointer  data)
{
  BudgetForm *t5 = form (fixture, "T5");
  BudgetGrid *grid = budget_test_show_grid (fixture->window, "T5");
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (grid));
  char *text = NULL;
  gboolean done = FALSE;
  guint row = budget_test_row_of (t5, "2060101");

  budget_grid_select (grid, row, budget_test_col_of (t5, "c3"), row + 1, budget_test_col_of (t5, "c5"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (grid), "grid.copy", NULL));
  gdk_clipboard_read_text_async (clipboard, NULL, clipboard_text_ready, &text);
  while (text == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (text, ==, "188.68\t124.717\t63.96\n24.30\t\t24.30\n");
  g_free (text);

  /* Paste reads the clipboard as a spreadsheet left it. */
  gdk_clipboard_set_text (clipboard, "7\t8\n");
  budget_grid_set_cursor (grid, row, budget_test_col_of (t5, "c4"));
  g_signal_connect (fixture->document, "command-applied", G_CALLBACK (paste_done), &done);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (grid), "grid.paste", NULL));
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handlers_disconnect_by_func (fixture->document, paste_done, &done);
  g_assert_cmpint (budget_form_get_value (t5, row, budget_test_col_of (t5, "c4")), ==, WANYUAN (7));
  g_assert_cmpint (budget_form_get_value (t5, row, budget_test_col_of (t5, "c3")), ==, WANYUAN (15));
}

/* A big department: @n_rows 项 rows in T5, with names of their own (codes outside the catalog). */
static BudgetDocument *
large_document (guint n_rows)
{
  GString *xml = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<budget-project format-version=\"1\">\n"
                               "  <meta>\n    <item key=\"department-name\">测试部门</item>\n"
                               "    <item key=\"year\">2023</item>\n  </meta>\n  <form id=\"T5\">\n");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  BudgetDocument *document;
  guint made = 0;

  for (guint cls = 201; cls <= 299 && made < n_rows; cls++)
    for (guint kuan = 1; kuan <= 99 && made < n_rows; kuan++)
      for (guint xiang = 1; xiang <= 99 && made < n_rows; xiang++, made++)
        g_string_append_printf (xml, "    <row code=\"%03u%02u%02u\" name=\"项目%u\"><v c=\"c4\">%u.%02u</v></row>\n",
                                cls, kuan, xiang, made, made % 1000, made % 100);
  g_string_append (xml, "  </form>\n</budget-project>\n");
  bytes = g_string_free_to_bytes (xml);
  document = budget_project_load_bytes (bytes, "large.budget", &error);
  g_assert_no_error (error);
  return document;
}

static void
test_ten_thousand_rows (void)
{
  Fixture fixture;
  BudgetForm *t5;
  BudgetForm *t3;
  BudgetGrid *grid;
  guint n_rows;
  guint c4;
  gint64 start;
  double seconds;

  budget_test_window_open (&fixture, large_document (10000));
  t5 = budget_document_lookup_form (fixture.document, "T5");
  t3 = budget_document_lookup_form (fixture.document, "T3");
  n_rows = budget_form_get_n_rows (t5);
  g_assert_cmpuint (n_rows, >, 10000);
  c4 = budget_test_col_of (t5, "c4");
  grid = budget_test_show_grid (fixture.window, "T5");

  /* Only a screenful is drawn, wherever the view is. */
  g_assert_cmpuint (budget_grid_get_n_visible_rows (grid), <, 60);

  /* Page Down through a thousand rows, drawing every step. */
  budget_grid_set_cursor (grid, 0, c4);
  start = g_get_monotonic_time ();
  for (guint i = 0; i < 40; i++)
    {
      budget_grid_move (grid, 25, 0, FALSE);
      budget_test_flush (GTK_WIDGET (fixture.window));
    }
  seconds = (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC;
  g_test_message ("40 redraws of a 10 000-row form: %.3f s", seconds);
  g_assert_cmpfloat (seconds, <, 20.0);
  g_assert_cmpuint (budget_grid_get_first_visible_row (grid), >, 900);

  /* The last rows are reachable and editable; the totals follow. */
  budget_grid_set_cursor (grid, n_rows - 1, c4);
  budget_test_flush (GTK_WIDGET (fixture.window));
  g_assert_cmpuint (budget_grid_get_first_visible_row (grid) + budget_grid_get_n_visible_rows (grid), >=, n_rows - 1);
  {
    gint64 total = budget_form_lookup_value (t3, "total", "c4");
    gint64 old = budget_form_get_value (t5, n_rows - 1, c4);

    g_assert_true (budget_grid_start_editing (grid, "1000"));
    start = g_get_monotonic_time ();
    g_assert_true (budget_grid_commit_edit (grid, NULL));
    budget_test_flush (GTK_WIDGET (fixture.window));
    g_test_message ("commit and redraw at the end of a 10 000-row form: %.3f s",
                    (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC);
    g_assert_cmpint (budget_form_lookup_value (t3, "total", "c4") - total, ==, WANYUAN (1000) - old);
  }
  budget_test_window_teardown (&fixture, NULL);
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  budget_core_init ();

  fixture_test ("/grid/geometry", test_geometry);
  fixture_test ("/grid/header-follows-document", test_header_follows_document);
  fixture_test ("/grid/cell-editor", test_cell_editor);
  fixture_test ("/grid/cells-describe-themselves", test_cells_describe_themselves);
  fixture_test ("/grid/redraws-only-for-visible-changes", test_redraws_only_for_visible_changes);
  fixture_test ("/grid/frozen-code-columns", test_frozen_code_columns);
  fixture_test ("/grid/clipboard", test_clipboard);
  fixture_test ("/grid/entry-units", test_entry_units);
  g_test_add_func ("/grid/ten-thousand-rows", test_ten_thousand_rows);

  return g_test_run ();
}
