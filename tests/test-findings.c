/* test-findings.c: the consistency checks in the editor window on the sample project: the findings
 * panel and its counts, jumping to a finding's cell, marks in the sidebar and the grid, edits that fix
 * a finding, acknowledging a warning (saved, undoable), the confirmation before exporting with
 * errors, and the live numbers of the explanatory text. */

#include <string.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "checks/budget-checker.h"
#include "budget-core.h"
#include "budget-findings-panel.h"
#include "budget-grid.h"
#include "budget-properties-dialog.h"
#include "budget-section-editor.h"
#include "budget-table-editor.h"
#include "text/budget-text-generator.h"
#include "budget-window.h"
#include "budget-test-gtk.h"

typedef BudgetTestWindow Fixture;

#define fixture_test(path, func) \
  g_test_add (path, Fixture, NULL, budget_test_window_setup, func, budget_test_window_teardown)

static BudgetFindingsPanel *
panel (Fixture *fixture)
{
  return BUDGET_FINDINGS_PANEL (budget_window_get_findings_panel (fixture->window));
}

static BudgetForm *
form (Fixture    *fixture,
      const char *id)
{
  return budget_document_lookup_form (fixture->document, id);
}

/* The position of the finding with @key in the panel's list, or -1. */
static int
find_shown (Fixture    *fixture,
            const char *key)
{
  GListModel *model = budget_findings_panel_get_model (panel (fixture));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(BudgetFinding) finding = g_list_model_get_item (model, i);

      if (g_str_equal (budget_finding_get_key (finding), key))
        return (int) i;
    }
  return -1;
}

static BudgetFinding *
shown (Fixture *fixture,
       int      position)
{
  g_assert_cmpint (position, >=, 0);
  return g_list_model_get_item (budget_findings_panel_get_model (panel (fixture)), (guint) position);
}

static BudgetGrid *
grid_of (Fixture    *fixture,
         const char *id)
{
  return budget_table_editor_get_grid (BUDGET_TABLE_EDITOR (budget_window_get_form_view (fixture->window, form (fixture, id))));
}

static GtkWidget *
find_widget (GtkWidget *widget,
             GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_panel_lists_findings (Fixture       *fixture,
                           gconstpointer  data)
{
  BudgetChecker *checker = budget_window_get_checker (fixture->window);
  GListModel *all = budget_checker_get_findings (checker);
  GListModel *model = budget_findings_panel_get_model (panel (fixture));
  g_autofree char *summary = budget_window_dup_findings_summary (fixture->window);
  g_autoptr(GHashTable) keys = g_hash_table_new (g_str_hash, g_str_equal);
  BudgetSidebar *sidebar = budget_window_get_sidebar (fixture->window);
  BudgetSeverity severity;
  gboolean rounding;

  /* The sample's figures agree to the 元; T6 30302 typed as printed (60.54 for 60.5365) leaves T6 0.0035
   * above T5's basic expenditure: a rounding difference. */
  g_assert_true (budget_document_set_cell (fixture->document, form (fixture, "T6"),
                                           (guint) budget_form_find_row (form (fixture, "T6"), "30302"),
                                           (guint) budget_form_def_find_column (budget_form_get_def (form (fixture, "T6")), "c4"),
                                           "60.54", NULL));
  g_assert_cmpuint (budget_checker_get_n_errors (checker), ==, 2);
  g_assert_cmpuint (budget_checker_get_n_warnings (checker), ==, 16);
  g_assert_cmpuint (budget_checker_get_n_rounding (checker), ==, 1);
  g_assert_cmpstr (summary, ==, "2 errors · 16 warnings");

  /* The panel opens from the header bar (F8) and shows errors first, then the warnings. */
  g_assert_false (budget_window_get_findings_visible (fixture->window));
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.toggle-findings", NULL);
  budget_test_flush (GTK_WIDGET (fixture->window));
  g_assert_true (budget_window_get_findings_visible (fixture->window));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (panel (fixture))));

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 18);
  for (guint i = 0; i < 18; i++)
    {
      g_autoptr(BudgetFinding) finding = g_list_model_get_item (model, i);

      g_assert_cmpint (budget_finding_get_severity (finding), ==, i < 2 ? BUDGET_SEVERITY_ERROR : BUDGET_SEVERITY_WARNING);
      g_assert_false (budget_finding_get_rounding (finding));
      g_hash_table_add (keys, (gpointer) budget_finding_get_key (finding));
    }
  /* Rounding differences are apart, with the remarks on the published tables' 尾差. */
  budget_findings_panel_set_show_rounding (panel (fixture), TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1 + 16);
  for (guint i = 0; i < 1 + 16; i++)
    {
      g_autoptr(BudgetFinding) finding = g_list_model_get_item (model, i);

      g_assert_true (budget_finding_get_rounding (finding) || g_str_equal (budget_finding_get_rule_id (finding), "R-01"));
      g_hash_table_add (keys, (gpointer) budget_finding_get_key (finding));
    }
  /* Together, exactly the checker's findings. */
  g_assert_cmpuint (g_hash_table_size (keys), ==, g_list_model_get_n_items (all));
  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(BudgetFinding) finding = g_list_model_get_item (all, i);

      g_assert_true (g_hash_table_contains (keys, budget_finding_get_key (finding)));
    }
  budget_findings_panel_set_show_rounding (panel (fixture), FALSE);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 18);

  /* The list shows every row. */
  {
    GtkWidget *list = find_widget (GTK_WIDGET (panel (fixture)), GTK_TYPE_LIST_BOX);

    g_assert_nonnull (list);
    g_assert_nonnull (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 17));
    g_assert_null (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 18));
  }

  /* Marks: the sidebar, and the cells with their messages in the tooltip. */
  g_assert_cmpstr (budget_sidebar_get_form_mark (sidebar, form (fixture, "T6")), ==, "error");
  g_assert_cmpstr (budget_sidebar_get_form_mark (sidebar, form (fixture, "FA")), ==, "warning");
  g_assert_cmpstr (budget_sidebar_get_form_mark (sidebar, form (fixture, "S3")), ==, "error");
  /* T2 has remarks only (the 尾差 of its 208): the quiet mark of rounding. */
  g_assert_cmpstr (budget_sidebar_get_form_mark (sidebar, form (fixture, "T2")), ==, "rounding");
  {
    BudgetGrid *grid = grid_of (fixture, "FA");
    guint row = (guint) budget_form_find_row (form (fixture, "FA"), "house");
    int qty = budget_form_def_find_column (budget_form_get_def (form (fixture, "FA")), "qty");
    g_autofree char *tooltip = NULL;

    g_assert_true (budget_grid_get_cell_mark (grid, row, qty, &severity, &rounding));
    g_assert_cmpint (severity, ==, BUDGET_SEVERITY_WARNING);
    g_assert_false (rounding);
    tooltip = budget_grid_dup_cell_tooltip (grid, row, (guint) qty);
    g_assert_nonnull (strstr (tooltip, "FA-04"));
    g_assert_nonnull (strstr (tooltip, "less than 20 m²"));
    g_assert_false (budget_grid_get_cell_mark (grid, 0, 0, NULL, NULL));
  }
  {
    BudgetGrid *grid = grid_of (fixture, "T6");
    guint row = (guint) budget_form_find_row (form (fixture, "T6"), "total");
    int c3 = budget_form_def_find_column (budget_form_get_def (form (fixture, "T6")), "c3");

    /* X-10's rounding difference, on T6 合计 合计. */
    g_assert_true (budget_grid_get_cell_mark (grid, row, c3, &severity, &rounding));
    g_assert_true (rounding);
  }
}

static void
test_activate_finding (Fixture       *fixture,
                       gconstpointer  data)
{
  GtkWidget *list;
  int position;
  guint row, col;

  budget_window_set_findings_visible (fixture->window, TRUE);
  budget_test_flush (GTK_WIDGET (fixture->window));
  list = find_widget (GTK_WIDGET (panel (fixture)), GTK_TYPE_LIST_BOX);

  /* Activating a row (a click, Enter) goes to the form and the cell. */
  position = find_shown (fixture, "FA-04:FA:house:qty");
  g_assert_cmpint (position, >=, 2);
  g_signal_emit_by_name (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), position), "activate");
  budget_test_flush (GTK_WIDGET (fixture->window));
  g_assert_true (budget_window_get_current_form (fixture->window) == form (fixture, "FA"));
  g_assert_true (budget_sidebar_get_selected_form (budget_window_get_sidebar (fixture->window)) == form (fixture, "FA"));
  budget_grid_get_cursor (grid_of (fixture, "FA"), &row, &col);
  g_assert_cmpuint (row, ==, (guint) budget_form_find_row (form (fixture, "FA"), "house"));
  g_assert_cmpint (col, ==, budget_form_def_find_column (budget_form_get_def (form (fixture, "FA")), "qty"));

  /* A performance table's cell. */
  position = find_shown (fixture, "PF-04:PF1:n5:value");
  budget_findings_panel_activate (panel (fixture), (guint) position);
  g_assert_true (budget_window_get_current_form (fixture->window) == form (fixture, "PF1"));

  /* A text finding selects the words it quotes. */
  position = find_shown (fixture, "TX-07:S3:30213:");
  g_assert_cmpint (position, <, 2);
  budget_findings_panel_activate (panel (fixture), (guint) position);
  budget_test_flush (GTK_WIDGET (fixture->window));
  g_assert_true (budget_window_get_current_form (fixture->window) == form (fixture, "S3"));
  {
    GtkWidget *view = budget_window_get_form_view (fixture->window, form (fixture, "S3"));
    GtkTextBuffer *buffer = gtk_text_view_get_buffer (budget_text_field_get_view (budget_section_editor_get_field (BUDGET_SECTION_EDITOR (view))));
    GtkTextIter start, end;
    g_autofree char *selected = NULL;

    g_assert_true (gtk_text_buffer_get_selection_bounds (buffer, &start, &end));
    selected = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    g_assert_cmpstr (selected, ==, "日常维修（护）费0.62万元");
  }
}

static void
test_edit_fixes_finding (Fixture       *fixture,
                         gconstpointer  data)
{
  BudgetChecker *checker = budget_window_get_checker (fixture->window);
  BudgetForm *fa = form (fixture, "FA");
  guint row = (guint) budget_form_find_row (fa, "house");
  int qty = budget_form_def_find_column (budget_form_get_def (fa), "qty");
  BudgetGrid *grid;
  g_autofree char *summary = NULL;

  budget_window_set_findings_visible (fixture->window, TRUE);
  budget_window_show_form (fixture->window, fa);
  grid = grid_of (fixture, "FA");
  g_assert_cmpint (find_shown (fixture, "FA-04:FA:house:qty"), >=, 0);
  g_assert_true (budget_grid_get_cell_mark (grid, row, qty, NULL, NULL));

  /* Typing the area in m² fixes FA-04 at once, in the panel, the counts and the cell's mark. */
  budget_grid_set_cursor (grid, row, (guint) qty);
  g_assert_true (budget_grid_start_editing (grid, "2400"));
  g_assert_true (budget_grid_commit_edit (grid, NULL));
  g_assert_cmpint (find_shown (fixture, "FA-04:FA:house:qty"), ==, -1);
  g_assert_cmpuint (budget_checker_get_n_warnings (checker), ==, 15);
  g_assert_cmpuint (g_list_model_get_n_items (budget_findings_panel_get_model (panel (fixture))), ==, 17);
  /* The cell keeps its mark only as the other side of FA-04 on 办公用房. */
  {
    g_autofree char *tooltip = budget_grid_dup_cell_tooltip (grid, row, (guint) qty);

    g_assert_null (strstr (tooltip, "less than 20 m²"));
    g_assert_nonnull (strstr (tooltip, "办公用房"));
  }
  summary = budget_window_dup_findings_summary (fixture->window);
  g_assert_cmpstr (summary, ==, "2 errors · 15 warnings");

  /* Undo brings it back. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL);
  g_assert_cmpint (find_shown (fixture, "FA-04:FA:house:qty"), >=, 0);
  g_assert_cmpuint (budget_checker_get_n_warnings (checker), ==, 16);
}

static void
test_acknowledge (Fixture       *fixture,
                  gconstpointer  data)
{
  BudgetChecker *checker = budget_window_get_checker (fixture->window);
  g_autofree char *path = g_build_filename (fixture->dir, "ack.budget", NULL);
  g_autoptr(BudgetFinding) finding = NULL;
  g_autoptr(BudgetFinding) acknowledged = NULL;
  g_autoptr(BudgetDocument) reopened = NULL;
  g_autoptr(BudgetChecker) reopened_checker = NULL;
  g_autoptr(GError) error = NULL;
  GtkWindow *dialog;
  GtkEditable *entry;
  int position;
  guint n;

  budget_window_set_findings_visible (fixture->window, TRUE);
  position = find_shown (fixture, "FA-03:FA:vehicle:value");
  finding = shown (fixture, position);

  /* Errors cannot be acknowledged: no dialog. */
  {
    g_autoptr(BudgetFinding) error_finding = shown (fixture, 0);

    budget_findings_panel_acknowledge (panel (fixture), error_finding);
    g_assert_null (budget_findings_panel_get_acknowledge_dialog (panel (fixture)));
  }

  /* The dialog asks for a reason; a blank one is not accepted. */
  budget_findings_panel_acknowledge (panel (fixture), finding);
  dialog = budget_findings_panel_get_acknowledge_dialog (panel (fixture));
  g_assert_nonnull (dialog);
  entry = budget_findings_panel_get_reason_entry (panel (fixture));
  gtk_editable_set_text (entry, "   ");
  g_assert_false (gtk_widget_get_sensitive (gtk_dialog_get_widget_for_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT)));
  gtk_editable_set_text (entry, "车辆价值按元填报，已与财务核对");
  g_assert_true (gtk_widget_get_sensitive (gtk_dialog_get_widget_for_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT)));
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  g_assert_null (budget_findings_panel_get_acknowledge_dialog (panel (fixture)));

  /* Counted apart, shown last, greyed, with the reason. */
  g_assert_cmpuint (budget_checker_get_n_warnings (checker), ==, 15);
  g_assert_cmpuint (budget_checker_get_n_acknowledged (checker), ==, 1);
  n = g_list_model_get_n_items (budget_findings_panel_get_model (panel (fixture)));
  g_assert_cmpint (find_shown (fixture, "FA-03:FA:vehicle:value"), ==, (int) n - 1);
  acknowledged = shown (fixture, (int) n - 1);
  g_assert_true (budget_finding_get_acknowledged (acknowledged));
  g_assert_cmpstr (budget_finding_get_ack_reason (acknowledged), ==, "车辆价值按元填报，已与财务核对");
  g_assert_true (budget_document_get_modified (fixture->document));

  /* Saved with the project. */
  g_assert_true (budget_window_save_to (fixture->window, path, &error));
  g_assert_no_error (error);
  reopened = budget_project_load_file (path, &error);
  g_assert_no_error (error);
  reopened_checker = budget_checker_new (reopened);
  g_assert_cmpuint (budget_checker_get_n_acknowledged (reopened_checker), ==, 1);
  g_assert_cmpuint (budget_checker_get_n_warnings (reopened_checker), ==, 15);

  /* Undo takes the acknowledgement back; withdrawing does the same as an edit. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL);
  g_assert_cmpuint (budget_checker_get_n_acknowledged (checker), ==, 0);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.redo", NULL);
  g_assert_cmpuint (budget_checker_get_n_acknowledged (checker), ==, 1);
  g_clear_object (&acknowledged);
  acknowledged = shown (fixture, find_shown (fixture, "FA-03:FA:vehicle:value"));
  g_assert_true (budget_findings_panel_unacknowledge (panel (fixture), acknowledged));
  g_assert_cmpuint (budget_checker_get_n_acknowledged (checker), ==, 0);
  g_assert_cmpuint (budget_checker_get_n_warnings (checker), ==, 16);
}

static void
test_export_confirmation (Fixture       *fixture,
                          gconstpointer  data)
{
  GtkWindow *dialog;
  g_autofree char *text = NULL;

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.export-pdf", NULL);
  dialog = budget_window_get_confirm_dialog (fixture->window);
  g_assert_nonnull (dialog);
  g_object_get (dialog, "text", &text, NULL);
  g_assert_cmpstr (text, ==, "2 errors remain. Export anyway?");
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  g_assert_null (budget_window_get_confirm_dialog (fixture->window));
  g_clear_pointer (&text, g_free);

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.print", NULL);
  dialog = budget_window_get_confirm_dialog (fixture->window);
  g_assert_nonnull (dialog);
  g_object_get (dialog, "text", &text, NULL);
  g_assert_cmpstr (text, ==, "2 errors remain. Print anyway?");

  /* "Show the errors" opens the panel on the first error's cell. */
  gtk_dialog_response (GTK_DIALOG (dialog), 1);
  g_assert_null (budget_window_get_confirm_dialog (fixture->window));
  g_assert_true (budget_window_get_findings_visible (fixture->window));
  g_assert_true (budget_window_get_current_form (fixture->window) == form (fixture, "S3"));
}

static void
test_live_text (Fixture       *fixture,
                gconstpointer  data)
{
  BudgetForm *s2 = form (fixture, "S2");
  BudgetUndoStack *stack = budget_document_get_undo_stack (fixture->document);
  BudgetSectionEditor *editor;
  GtkTextBuffer *buffer;
  GtkTextIter end;
  g_autofree char *sentence = NULL;
  g_autofree char *before = NULL;
  g_autofree char *changed = NULL;
  BudgetGrid *grid;
  BudgetForm *t5 = form (fixture, "T5");

  budget_window_show_form (fixture->window, s2);
  editor = BUDGET_SECTION_EDITOR (budget_window_get_form_view (fixture->window, s2));
  budget_test_flush (GTK_WIDGET (fixture->window));
  /* The sample's text has no live sentence yet: no preview. */
  g_assert_cmpstr (budget_section_editor_get_preview (editor), ==, "");

  /* Insert the expenditure sentence at the end: one undo step, and the preview prints it. */
  buffer = gtk_text_view_get_buffer (budget_text_field_get_view (budget_section_editor_get_field (editor)));
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_place_cursor (buffer, &end);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "section.insert-sentence", "s", "expenditure"));
  g_assert_true (g_str_has_suffix (budget_form_get_text (s2), "{{expenditure}}"));
  g_assert_cmpstr (budget_undo_stack_get_undo_label (stack), !=, NULL);
  sentence = budget_text_generate (fixture->document, "expenditure");
  g_assert_true (g_str_has_suffix (budget_section_editor_get_preview (editor), sentence));
  before = g_strdup (budget_section_editor_get_preview (editor));

  /* An edit of T5 changes the preview at once. */
  grid = grid_of (fixture, "T5");
  budget_grid_set_cursor (grid, (guint) budget_form_find_row (t5, "2060101"),
                          (guint) budget_form_def_find_column (budget_form_get_def (t5), "c4"));
  g_assert_true (budget_grid_start_editing (grid, "321.5"));
  g_assert_true (budget_grid_commit_edit (grid, NULL));
  g_assert_cmpstr (budget_section_editor_get_preview (editor), !=, before);
  g_clear_pointer (&sentence, g_free);
  sentence = budget_text_generate (fixture->document, "expenditure");
  g_assert_true (g_str_has_suffix (budget_section_editor_get_preview (editor), sentence));
  g_assert_null (strstr (budget_section_editor_get_preview (editor), "{{"));

  /* Undo the edit and the insertion. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL);
  g_assert_cmpstr (budget_section_editor_get_preview (editor), ==, before);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL);
  g_assert_null (strstr (budget_form_get_text (s2), "{{"));
  g_assert_cmpstr (budget_section_editor_get_preview (editor), ==, "");

  /* "Use live numbers" turns the typed sentences into tokens, in one step. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "section.use-live-numbers", NULL));
  g_assert_nonnull (strstr (budget_form_get_text (s2), "{{income}}"));
  g_assert_nonnull (strstr (budget_form_get_text (s2), "{{change}}"));
  changed = g_strdup (budget_section_editor_get_preview (editor));
  g_assert_nonnull (strstr (changed, "主要是人员经费237.74万元"));
  /* The typed 237.74 is the table's, live now: nothing to report. */
  g_assert_cmpint (find_shown (fixture, "TX-04:S2:personnel:"), ==, -1);
  budget_findings_panel_set_show_rounding (panel (fixture), TRUE);
  g_assert_cmpint (find_shown (fixture, "TX-04:S2:personnel:"), ==, -1);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL);
  g_assert_null (strstr (budget_form_get_text (s2), "{{"));
}

static void
test_change_reasons (Fixture       *fixture,
                     gconstpointer  data)
{
  GtkWidget *dialog = budget_properties_dialog_new (GTK_WINDOW (fixture->window), fixture->document);
  BudgetPropertiesDialog *properties = BUDGET_PROPERTIES_DIALOG (dialog);
  g_autoptr(GError) error = NULL;
  g_autofree char *sentence = NULL;

  /* The reasons sit next to the prior-year figures and go into the generated sentences. */
  g_assert_nonnull (budget_properties_dialog_get_field (properties, "reason-sangong-car-purchase"));
  g_assert_null (budget_properties_dialog_get_field (properties, "reason-total"));
  gtk_editable_set_text (budget_properties_dialog_get_field (properties, "reason-basic"), "人员增加及工资调标");
  g_assert_true (budget_properties_dialog_apply (properties, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (budget_document_get_meta (fixture->document, "reason-basic"), ==, "人员增加及工资调标");
  sentence = budget_text_generate (fixture->document, "change");
  g_assert_nonnull (strstr (sentence, "人员增加及工资调标"));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  fixture_test ("/findings/panel", test_panel_lists_findings);
  fixture_test ("/findings/activate", test_activate_finding);
  fixture_test ("/findings/edit-fixes", test_edit_fixes_finding);
  fixture_test ("/findings/acknowledge", test_acknowledge);
  fixture_test ("/findings/export-confirmation", test_export_confirmation);
  fixture_test ("/findings/live-text", test_live_text);
  fixture_test ("/findings/change-reasons", test_change_reasons);

  return g_test_run ();
}
