/* test-editing.c: editing through the editors' own code paths: a cell commit that moves totals on other
 * forms, undo and redo through the window's actions, rejected input, pasting a block as one step,
 * copy, clear, row insertion and deletion, performance choices and text sections. */

#include <string.h>
#include <gtk/gtk.h>

#include "budget-core.h"
#include "budget-form-view.h"
#include "budget-grid.h"
#include "budget-insert-row-dialog.h"
#include "budget-performance-editor.h"
#include "budget-section-editor.h"
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
  BudgetForm *result = budget_document_lookup_form (fixture->document, id);

  g_assert_nonnull (result);
  return result;
}

static gint64
value (BudgetForm *f,
       const char *key,
       const char *column)
{
  return budget_form_get_value (f, budget_test_row_of (f, key), budget_test_col_of (f, column));
}

/* Shows @id in the window and returns its grid, as an officer finds it. */

/* Delivers a key press the way GTK does: capture-phase controllers first, then the others. */
static gboolean
press_key (GtkWidget       *widget,
           guint            keyval,
           GdkModifierType  state)
{
  for (guint pass = 0; pass < 2; pass++)
    {
      g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

      for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
        {
          g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);
          gboolean capture = gtk_event_controller_get_propagation_phase (controller) == GTK_PHASE_CAPTURE;
          gboolean handled = FALSE;

          if (!GTK_IS_EVENT_CONTROLLER_KEY (controller) || capture != (pass == 0))
            continue;
          g_signal_emit_by_name (controller, "key-pressed", keyval, 0, state, &handled);
          if (handled)
            return TRUE;
        }
    }
  return FALSE;
}

static GtkWidget *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        return window;
    }
  return NULL;
}

static void
type_into (BudgetGrid *grid,
           const char *text)
{
  /* Typing on a cell opens the editor with the first character; the rest goes into the editor. */
  g_assert_true (budget_grid_start_editing (grid, ""));
  gtk_editable_set_text (budget_grid_get_editor (grid), text);
}

static void
test_commit_updates_other_forms (Fixture       *fixture,
                                 gconstpointer  data)
{
  BudgetForm *t1 = form (fixture, "T1");
  BudgetForm *t3 = form (fixture, "T3");
  BudgetForm *t4 = form (fixture, "T4");
  BudgetForm *t5 = form (fixture, "T5");
  BudgetGrid *grid = budget_test_show_grid (fixture->window, "T5");
  gint64 old = value (t5, "2060101", "c4");
  gint64 t1_before = value (t1, "r6", "c4");
  gint64 t1_total = value (t1, "r34", "c2");
  gint64 t4_before = value (t4, "r6", "c5");
  g_autoptr(GError) error = NULL;
  g_autofree char *shown = NULL;
  guint row, col;

  budget_grid_set_cursor (grid, budget_test_row_of (t5, "2060101"), budget_test_col_of (t5, "c4"));
  budget_grid_get_cursor (grid, &row, &col);
  g_assert_cmpuint (row, ==, budget_test_row_of (t5, "2060101"));
  type_into (grid, "200");
  g_assert_true (budget_grid_is_editing (grid));
  g_assert_true (budget_grid_commit_edit (grid, &error));
  g_assert_no_error (error);
  g_assert_false (budget_grid_is_editing (grid));

  g_assert_cmpint (value (t5, "2060101", "c4"), ==, WANYUAN (200));
  g_assert_cmpint (value (t3, "2060101", "c4"), ==, WANYUAN (200));
  /* T1 row 6 (六、科学技术支出) = T3[206].c3, T4 row 6 c5 = T5[206].c3; T1's totals follow. */
  g_assert_cmpint (value (t1, "r6", "c4") - t1_before, ==, WANYUAN (200) - old);
  g_assert_cmpint (value (t4, "r6", "c5") - t4_before, ==, WANYUAN (200) - old);
  g_assert_cmpint (value (t1, "r34", "c2") - t1_total, ==, WANYUAN (200) - old);
  shown = budget_form_dup_display (t5, budget_test_row_of (t5, "2060101"), budget_test_col_of (t5, "c4"));
  g_assert_cmpstr (shown, ==, "200.00");
  g_assert_true (budget_document_get_modified (fixture->document));
}

static void
test_keys_commit_and_move (Fixture       *fixture,
                           gconstpointer  data)
{
  BudgetForm *t5 = form (fixture, "T5");
  BudgetGrid *grid = budget_test_show_grid (fixture->window, "T5");
  guint c4 = budget_test_col_of (t5, "c4");
  guint c5 = budget_test_col_of (t5, "c5");
  guint row, col;

  /* Enter commits and goes to the next typed cell below, over the 款 row 20604. */
  budget_grid_set_cursor (grid, budget_test_row_of (t5, "2060102"), c4);
  type_into (grid, "11");
  g_assert_true (press_key (GTK_WIDGET (grid), GDK_KEY_Return, 0));
  g_assert_false (budget_grid_is_editing (grid));
  g_assert_cmpint (value (t5, "2060102", "c4"), ==, WANYUAN (11));
  budget_grid_get_cursor (grid, &row, &col);
  g_assert_cmpuint (row, ==, budget_test_row_of (t5, "2060404"));
  g_assert_cmpuint (col, ==, c4);

  /* Tab commits and goes right. */
  type_into (grid, "12.5");
  g_assert_true (press_key (GTK_WIDGET (grid), GDK_KEY_Tab, 0));
  g_assert_cmpint (value (t5, "2060404", "c4"), ==, WANYUAN (12.5));
  budget_grid_get_cursor (grid, &row, &col);
  g_assert_cmpuint (row, ==, budget_test_row_of (t5, "2060404"));
  g_assert_cmpuint (col, ==, c5);

  /* Escape drops the edit. */
  type_into (grid, "999");
  g_assert_true (press_key (GTK_WIDGET (grid), GDK_KEY_Escape, 0));
  g_assert_false (budget_grid_is_editing (grid));
  g_assert_cmpint (value (t5, "2060404", "c5"), !=, WANYUAN (999));

  /* Arrows move without editing; F2 edits the value in place. */
  g_assert_true (press_key (GTK_WIDGET (grid), GDK_KEY_Up, 0));
  budget_grid_get_cursor (grid, &row, &col);
  g_assert_cmpuint (row, ==, budget_test_row_of (t5, "20604"));
  g_assert_true (press_key (GTK_WIDGET (grid), GDK_KEY_Down, 0));
  g_assert_true (press_key (GTK_WIDGET (grid), GDK_KEY_F2, 0));
  g_assert_true (budget_grid_is_editing (grid));
  g_assert_cmpstr (gtk_editable_get_text (budget_grid_get_editor (grid)), ==, "20.00");
  budget_grid_cancel_edit (grid);

  /* Shift+Down selects a range; Delete clears its typed cells as one step. */
  {
    BudgetUndoStack *stack = budget_document_get_undo_stack (fixture->document);
    guint before = budget_undo_stack_get_n_undo (stack);
    guint r1, r2, c1, c2;

    budget_grid_set_cursor (grid, budget_test_row_of (t5, "2060404"), c4);
    g_assert_true (press_key (GTK_WIDGET (grid), GDK_KEY_Down, GDK_SHIFT_MASK));
    g_assert_true (press_key (GTK_WIDGET (grid), GDK_KEY_Right, GDK_SHIFT_MASK));
    budget_grid_get_selection (grid, &r1, &c1, &r2, &c2);
    g_assert_cmpuint (r2 - r1, ==, 1);
    g_assert_cmpuint (c2 - c1, ==, 1);
    g_assert_true (press_key (GTK_WIDGET (grid), GDK_KEY_Delete, 0));
    g_assert_cmpint (value (t5, "2060404", "c4"), ==, 0);
    g_assert_cmpint (value (t5, "2060499", "c5"), ==, 0);
    g_assert_cmpuint (budget_undo_stack_get_n_undo (stack), ==, before + 1);
  }
}

static void
test_undo_redo_actions (Fixture       *fixture,
                        gconstpointer  data)
{
  BudgetForm *t1 = form (fixture, "T1");
  BudgetForm *t5 = form (fixture, "T5");
  BudgetGrid *grid = budget_test_show_grid (fixture->window, "T5");
  BudgetUndoStack *stack = budget_document_get_undo_stack (fixture->document);
  gint64 old = value (t5, "2080501", "c5");
  gint64 t1_before = value (t1, "r8", "c4");
  guint row, col;

  g_assert_false (budget_undo_stack_can_undo (stack));
  budget_grid_set_cursor (grid, budget_test_row_of (t5, "2080501"), budget_test_col_of (t5, "c5"));
  type_into (grid, "3.5");
  g_assert_true (budget_grid_commit_edit (grid, NULL));
  g_assert_cmpint (value (t5, "2080501", "c5"), ==, old + WANYUAN (3.5));
  g_assert_true (budget_undo_stack_can_undo (stack));
  g_assert_nonnull (strstr (budget_undo_stack_get_undo_label (stack), "2080501"));

  /* Undo from another form: the window goes back to T5 and puts the cursor on the cell. */
  budget_window_show_form (fixture->window, t1);
  budget_grid_set_cursor (grid, 0, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL));
  g_assert_cmpint (value (t5, "2080501", "c5"), ==, old);
  g_assert_cmpint (value (t1, "r8", "c4"), ==, t1_before);
  g_assert_false (budget_document_get_modified (fixture->document));
  g_assert_true (budget_window_get_current_form (fixture->window) == t5);
  budget_grid_get_cursor (grid, &row, &col);
  g_assert_cmpuint (row, ==, budget_test_row_of (t5, "2080501"));
  g_assert_cmpuint (col, ==, budget_test_col_of (t5, "c5"));
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (grid)));
  g_assert_true (budget_undo_stack_can_redo (stack));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.redo", NULL));
  g_assert_cmpint (value (t5, "2080501", "c5"), ==, old + WANYUAN (3.5));
  g_assert_cmpint (value (t1, "r8", "c4"), ==, t1_before + WANYUAN (3.5));
  g_assert_true (budget_document_get_modified (fixture->document));

  /* Ctrl+Z while typing drops the typing, not the last command. */
  type_into (grid, "77");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL));
  g_assert_false (budget_grid_is_editing (grid));
  g_assert_cmpint (value (t5, "2080501", "c5"), ==, old);
}

static void
test_invalid_input_kept_out (Fixture       *fixture,
                             gconstpointer  data)
{
  BudgetForm *t5 = form (fixture, "T5");
  BudgetForm *t3 = form (fixture, "T3");
  BudgetGrid *grid = budget_test_show_grid (fixture->window, "T5");
  BudgetUndoStack *stack = budget_document_get_undo_stack (fixture->document);
  gint64 old = value (t5, "2060101", "c4");
  g_autoptr(GError) error = NULL;

  budget_grid_set_cursor (grid, budget_test_row_of (t5, "2060101"), budget_test_col_of (t5, "c4"));
  type_into (grid, "12a");
  g_assert_false (budget_grid_commit_edit (grid, &error));
  g_assert_error (error, BUDGET_DOCUMENT_ERROR, BUDGET_DOCUMENT_ERROR_INVALID_VALUE);
  /* The old value stays, the message is next to the cell, the text can be corrected. */
  g_assert_cmpint (value (t5, "2060101", "c4"), ==, old);
  g_assert_cmpstr (budget_grid_get_message (grid), ==, error->message);
  g_assert_true (budget_grid_is_editing (grid));
  g_assert_false (budget_undo_stack_can_undo (stack));
  /* Enter does not move away from a rejected text. */
  g_assert_true (press_key (GTK_WIDGET (grid), GDK_KEY_Return, 0));
  g_assert_true (budget_grid_is_editing (grid));
  g_assert_true (press_key (GTK_WIDGET (grid), GDK_KEY_Escape, 0));
  g_assert_false (budget_grid_is_editing (grid));
  g_assert_null (budget_grid_get_message (grid));
  g_assert_cmpint (value (t5, "2060101", "c4"), ==, old);

  /* A negative amount is refused too. */
  type_into (grid, "-5");
  g_clear_error (&error);
  g_assert_false (budget_grid_commit_edit (grid, &error));
  g_assert_nonnull (error);
  budget_grid_cancel_edit (grid);

  /* Computed cells do not open an editor; the grid says why. */
  grid = budget_test_show_grid (fixture->window, "T3");
  budget_grid_set_cursor (grid, budget_test_row_of (t3, "2060101"), budget_test_col_of (t3, "c4"));
  g_assert_false (budget_grid_start_editing (grid, "5"));
  g_assert_false (budget_grid_is_editing (grid));
  g_assert_nonnull (budget_grid_get_message (grid));
  g_assert_nonnull (strstr (budget_grid_get_message (grid), "T5.c4"));
  g_assert_false (budget_undo_stack_can_undo (stack));
  g_assert_false (budget_document_get_modified (fixture->document));
}

static void
test_paste_block (Fixture       *fixture,
                  gconstpointer  data)
{
  BudgetForm *t5 = form (fixture, "T5");
  BudgetForm *t1 = form (fixture, "T1");
  BudgetGrid *grid = budget_test_show_grid (fixture->window, "T5");
  BudgetUndoStack *stack = budget_document_get_undo_stack (fixture->document);
  gint64 t1_total = value (t1, "r34", "c4");
  gint64 old_sum = value (t5, "2060101", "c4") + value (t5, "2060101", "c5") +
                   value (t5, "2060102", "c4") + value (t5, "2060102", "c5");
  g_autoptr(GError) error = NULL;
  g_autofree char *copied = NULL;
  guint last;

  /* A block copied from a spreadsheet: CRLF line ends and a final newline. */
  budget_grid_set_cursor (grid, budget_test_row_of (t5, "2060101"), budget_test_col_of (t5, "c4"));
  g_assert_true (budget_grid_paste_text (grid, "1.00\t2.00\r\n3\t4.5\r\n", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (budget_undo_stack_get_n_undo (stack), ==, 1);
  g_assert_cmpint (value (t5, "2060101", "c4"), ==, WANYUAN (1));
  g_assert_cmpint (value (t5, "2060101", "c5"), ==, WANYUAN (2));
  g_assert_cmpint (value (t5, "2060102", "c4"), ==, WANYUAN (3));
  g_assert_cmpint (value (t5, "2060102", "c5"), ==, WANYUAN (4.5));
  g_assert_cmpint (value (t1, "r34", "c4") - t1_total, ==, WANYUAN (10.5) - old_sum);

  /* Copy gives the same block back. */
  budget_grid_select (grid, budget_test_row_of (t5, "2060101"), budget_test_col_of (t5, "c4"), budget_test_row_of (t5, "2060102"), budget_test_col_of (t5, "c5"));
  copied = budget_grid_dup_selection_text (grid);
  g_assert_cmpstr (copied, ==, "1.00\t2.00\n3.00\t4.50\n");

  /* One undo takes the whole paste back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL));
  g_assert_cmpint (value (t1, "r34", "c4"), ==, t1_total);
  g_assert_false (budget_document_get_modified (fixture->document));

  /* A block that does not fit changes nothing and says why. */
  last = budget_form_get_n_rows (t5) - 1;
  budget_grid_set_cursor (grid, last, budget_test_col_of (t5, "c4"));
  g_assert_false (budget_grid_paste_text (grid, "1\n2\n3\n", &error));
  g_assert_error (error, BUDGET_DOCUMENT_ERROR, BUDGET_DOCUMENT_ERROR_PASTE);
  g_assert_nonnull (budget_grid_get_message (grid));
  g_clear_error (&error);
  budget_grid_set_cursor (grid, budget_test_row_of (t5, "2060101"), budget_test_col_of (t5, "c4"));
  g_assert_false (budget_grid_paste_text (grid, "1\tx\n", &error));
  g_assert_error (error, BUDGET_DOCUMENT_ERROR, BUDGET_DOCUMENT_ERROR_INVALID_VALUE);
  g_assert_cmpuint (budget_undo_stack_get_n_undo (stack), ==, 0);
  g_assert_cmpint (value (t1, "r34", "c4"), ==, t1_total);
}

static void
test_insert_and_delete_rows (Fixture       *fixture,
                             gconstpointer  data)
{
  BudgetForm *t5 = form (fixture, "T5");
  BudgetForm *t3 = form (fixture, "T3");
  GtkWidget *view;
  BudgetGrid *grid = budget_test_show_grid (fixture->window, "T5");
  GtkWidget *dialog;
  g_autoptr(GError) error = NULL;
  guint n_rows = budget_form_get_n_rows (t5);
  guint row, col;

  view = budget_window_get_form_view (fixture->window, t5);
  /* The editor's Insert Row… opens the code dialog over the window. */
  g_assert_true (gtk_widget_activate_action (view, "table.insert-row", NULL));
  dialog = find_toplevel (BUDGET_TYPE_INSERT_ROW_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (fixture->window));
  g_assert_false (budget_insert_row_dialog_insert (BUDGET_INSERT_ROW_DIALOG (dialog), "12", NULL, &error));
  g_assert_error (error, BUDGET_DOCUMENT_ERROR, BUDGET_DOCUMENT_ERROR_INVALID_CODE);
  g_clear_error (&error);
  g_assert_cmpuint (budget_form_get_n_rows (t5), ==, n_rows);
  g_assert_true (budget_insert_row_dialog_insert (BUDGET_INSERT_ROW_DIALOG (dialog), "2010301", NULL, &error));
  g_assert_no_error (error);
  g_assert_null (find_toplevel (BUDGET_TYPE_INSERT_ROW_DIALOG));
  budget_test_flush (GTK_WIDGET (fixture->window));

  /* The 类 and 款 rows appear, the name comes from the catalog, and T3 shows the code too. */
  g_assert_cmpuint (budget_form_get_n_rows (t5), ==, n_rows + 3);
  g_assert_cmpstr (budget_form_get_row_name (t5, budget_test_row_of (t5, "2010301")), ==, "行政运行");
  g_assert_cmpint (budget_form_find_row (t5, "201"), >=, 0);
  g_assert_cmpint (budget_form_find_row (t3, "2010301"), >=, 0);
  /* The cursor waits on the new row's first typed cell. */
  budget_grid_get_cursor (grid, &row, &col);
  g_assert_cmpuint (row, ==, budget_test_row_of (t5, "2010301"));
  g_assert_cmpuint (col, ==, budget_test_col_of (t5, "c4"));

  type_into (grid, "5");
  g_assert_true (budget_grid_commit_edit (grid, NULL));
  g_assert_cmpint (value (t3, "201", "c3"), ==, WANYUAN (5));

  /* Delete the row through the editor's action; undo brings it back with its amount. */
  budget_grid_set_cursor (grid, budget_test_row_of (t5, "2010301"), budget_test_col_of (t5, "c4"));
  g_assert_true (gtk_widget_activate_action (view, "table.delete-rows", NULL));
  g_assert_cmpint (budget_form_find_row (t5, "2010301"), <, 0);
  g_assert_cmpint (budget_form_find_row (t5, "201"), <, 0);
  g_assert_cmpint (budget_form_find_row (t3, "201"), <, 0);
  g_assert_cmpuint (budget_form_get_n_rows (t5), ==, n_rows);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL));
  g_assert_cmpint (value (t5, "2010301", "c4"), ==, WANYUAN (5));
  g_assert_cmpint (value (t3, "201", "c3"), ==, WANYUAN (5));

  /* Rows that come from other forms cannot be deleted in T3. */
  grid = budget_test_show_grid (fixture->window, "T3");
  budget_grid_set_cursor (grid, budget_test_row_of (t3, "2060101"), 0);
  view = budget_window_get_form_view (fixture->window, t3);
  gtk_widget_activate_action (view, "table.delete-rows", NULL);
  g_assert_cmpint (budget_form_find_row (t3, "2060101"), >=, 0);
}

static void
test_list_rows (Fixture       *fixture,
                gconstpointer  data)
{
  BudgetForm *org = form (fixture, "ORG");
  BudgetGrid *grid = budget_test_show_grid (fixture->window, "ORG");
  GtkWidget *view = budget_window_get_form_view (fixture->window, org);
  guint n = budget_form_get_n_rows (org);
  guint row, col;

  budget_grid_set_cursor (grid, 0, 0);
  g_assert_true (gtk_widget_activate_action (view, "table.add-row", NULL));
  g_assert_cmpuint (budget_form_get_n_rows (org), ==, n + 1);
  budget_grid_get_cursor (grid, &row, &col);
  g_assert_cmpuint (row, ==, 1);
  type_into (grid, "科技服务中心");
  g_assert_true (press_key (GTK_WIDGET (grid), GDK_KEY_Tab, 0));
  g_assert_cmpstr (budget_form_get_cell_text (org, 1, 0), ==, "科技服务中心");
  budget_grid_get_cursor (grid, &row, &col);
  g_assert_cmpuint (col, ==, 1);
  g_assert_true (gtk_widget_activate_action (view, "table.delete-rows", NULL));
  g_assert_cmpuint (budget_form_get_n_rows (org), ==, n);
}

static void
test_performance_choices (Fixture       *fixture,
                          gconstpointer  data)
{
  BudgetForm *pf = form (fixture, "PF1");
  BudgetGrid *grid = budget_test_show_grid (fixture->window, "PF1");
  guint l1 = budget_test_col_of (pf, "l1");
  guint l2 = budget_test_col_of (pf, "l2");
  const char * const *choices;
  g_auto(GStrv) expected = budget_performance_level2 ("A", "产出指标");

  /* The 二级指标 offered are those under the row's 一级指标. */
  budget_grid_set_cursor (grid, 0, l2);
  g_assert_true (budget_grid_start_editing (grid, NULL));
  choices = budget_grid_get_choices (grid);
  g_assert_nonnull (choices);
  g_assert_cmpstrv (choices, expected);
  /* Down picks the next allowed value, Enter commits it. */
  gtk_editable_set_text (budget_grid_get_editor (grid), "");
  g_assert_true (press_key (GTK_WIDGET (grid), GDK_KEY_Down, 0));
  g_assert_true (press_key (GTK_WIDGET (grid), GDK_KEY_Return, 0));
  g_assert_false (budget_grid_is_editing (grid));
  g_assert_cmpstr (budget_form_get_cell_text (pf, 0, l2), ==, expected[1]);

  budget_grid_set_cursor (grid, 0, l1);
  g_assert_true (budget_grid_start_editing (grid, NULL));
  g_assert_cmpuint (g_strv_length ((char **) budget_grid_get_choices (grid)), ==, 3);
  budget_grid_cancel_edit (grid);

  /* Plain text columns offer nothing. */
  budget_grid_set_cursor (grid, 0, budget_test_col_of (pf, "desc"));
  g_assert_true (budget_grid_start_editing (grid, NULL));
  g_assert_null (budget_grid_get_choices (grid));
  budget_grid_cancel_edit (grid);
}

static void
test_performance_name_and_goal (Fixture       *fixture,
                                gconstpointer  data)
{
  BudgetForm *pf = form (fixture, "PF2");
  BudgetUndoStack *stack = budget_document_get_undo_stack (fixture->document);
  GtkWidget *view;
  GtkEditable *name;
  GtkTextBuffer *buffer;
  GtkTextIter end;
  g_autofree char *old_goal = g_strdup (budget_form_get_goal (pf));

  budget_window_show_form (fixture->window, pf);
  view = budget_window_get_form_view (fixture->window, pf);
  name = budget_performance_editor_get_name_entry (BUDGET_PERFORMANCE_EDITOR (view));
  gtk_editable_set_text (name, "新项目名称");
  g_signal_emit_by_name (name, "activate");
  g_assert_cmpstr (budget_form_get_name (pf), ==, "新项目名称");
  g_assert_cmpuint (budget_undo_stack_get_n_undo (stack), ==, 1);

  buffer = gtk_text_view_get_buffer (budget_text_field_get_view (budget_performance_editor_get_goal_field (BUDGET_PERFORMANCE_EDITOR (view))));
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_insert (buffer, &end, "追加", -1);
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_insert (buffer, &end, "内容", -1);
  g_assert_true (budget_text_field_has_pending (budget_performance_editor_get_goal_field (BUDGET_PERFORMANCE_EDITOR (view))));
  g_assert_true (budget_form_view_commit_pending (BUDGET_FORM_VIEW (view), NULL));
  g_assert_true (g_str_has_suffix (budget_form_get_goal (pf), "追加内容"));
  g_assert_cmpuint (budget_undo_stack_get_n_undo (stack), ==, 2);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL));
  g_assert_cmpstr (budget_form_get_goal (pf), ==, old_goal);
  {
    GtkTextIter start;
    g_autofree char *text = NULL;

    gtk_text_buffer_get_bounds (buffer, &start, &end);
    text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    g_assert_cmpstr (text, ==, old_goal);
  }
}

static gboolean
quit_loop (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

static void
test_text_section_bursts (Fixture       *fixture,
                          gconstpointer  data)
{
  BudgetForm *s8 = form (fixture, "S8");
  BudgetUndoStack *stack = budget_document_get_undo_stack (fixture->document);
  GtkWidget *view;
  BudgetTextField *field;
  GtkTextBuffer *buffer;
  GtkTextIter end;
  g_autofree char *old = g_strdup (budget_form_get_text (s8));
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);

  budget_window_show_form (fixture->window, s8);
  view = budget_window_get_form_view (fixture->window, s8);
  g_assert_true (BUDGET_IS_SECTION_EDITOR (view));
  field = budget_section_editor_get_field (BUDGET_SECTION_EDITOR (view));
  buffer = gtk_text_view_get_buffer (budget_text_field_get_view (field));

  /* Keystrokes of one burst become one command after the pause. */
  for (const char *p = "一二三四五"; *p != '\0'; p = g_utf8_next_char (p))
    {
      gtk_text_buffer_get_end_iter (buffer, &end);
      gtk_text_buffer_insert (buffer, &end, p, (int) (g_utf8_next_char (p) - p));
    }
  g_assert_cmpuint (budget_undo_stack_get_n_undo (stack), ==, 0);
  g_timeout_add (1500, quit_loop, loop);
  g_main_loop_run (loop);
  g_assert_cmpuint (budget_undo_stack_get_n_undo (stack), ==, 1);
  g_assert_true (g_str_has_suffix (budget_form_get_text (s8), "一二三四五"));

  /* A second burst, committed by saving or undoing, is a second step. */
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_insert (buffer, &end, "六", -1);
  g_assert_true (budget_window_commit_pending (fixture->window, NULL));
  g_assert_cmpuint (budget_undo_stack_get_n_undo (stack), ==, 2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL));
  g_assert_true (g_str_has_suffix (budget_form_get_text (s8), "五"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL));
  g_assert_cmpstr (budget_form_get_text (s8), ==, old);
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  budget_core_init ();

  fixture_test ("/editing/commit-updates-other-forms", test_commit_updates_other_forms);
  fixture_test ("/editing/keys-commit-and-move", test_keys_commit_and_move);
  fixture_test ("/editing/undo-redo-actions", test_undo_redo_actions);
  fixture_test ("/editing/invalid-input-kept-out", test_invalid_input_kept_out);
  fixture_test ("/editing/paste-block", test_paste_block);
  fixture_test ("/editing/insert-and-delete-rows", test_insert_and_delete_rows);
  fixture_test ("/editing/list-rows", test_list_rows);
  fixture_test ("/editing/performance-choices", test_performance_choices);
  fixture_test ("/editing/performance-name-and-goal", test_performance_name_and_goal);
  fixture_test ("/editing/text-section-bursts", test_text_section_bursts);

  return g_test_run ();
}
