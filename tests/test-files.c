/* test-files.c: the window's files: save and reopen, Ctrl+S with a cell still being typed, the
 * unsaved-changes prompt, a file that fails to load, the new-project and properties dialogs. */

#include <string.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "budget-core.h"
#include "budget-grid.h"
#include "budget-new-dialog.h"
#include "budget-properties-dialog.h"
#include "budget-table-editor.h"
#include "budget-window.h"
#include "budget-test-gtk.h"

#define WANYUAN(x) ((gint64) ((x) * 100) * 10000)

typedef BudgetTestWindow Fixture;

#define fixture_test(path, func) \
  g_test_add (path, Fixture, NULL, budget_test_window_setup, func, budget_test_window_teardown)

static void
edit_cell (BudgetWindow *window,
           const char   *id,
           const char   *key,
           const char   *column,
           const char   *text,
           gboolean      commit)
{
  BudgetForm *form = budget_document_lookup_form (budget_window_get_document (window), id);
  BudgetGrid *grid = budget_test_show_grid (window, id);

  budget_grid_set_cursor (grid, (guint) budget_form_find_row (form, key),
                          (guint) budget_form_def_find_column (budget_form_get_def (form), column));
  g_assert_true (budget_grid_start_editing (grid, text));
  if (commit)
    g_assert_true (budget_grid_commit_edit (grid, NULL));
}

static gint64
value (BudgetDocument *document,
       const char     *id,
       const char     *key,
       const char     *column)
{
  return budget_form_lookup_value (budget_document_lookup_form (document, id), key, column);
}

static char *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  return contents;
}

/* Checks that a saved project has @text in column @column of the code row @code. */
static void
assert_row_value (const char *contents,
                  const char *code,
                  const char *column,
                  const char *text)
{
  g_autofree char *row = g_strdup_printf ("<row code=\"%s\"", code);
  g_autofree char *cell = g_strdup_printf ("<v c=\"%s\">%s</v>", column, text);
  const char *start = strstr (contents, row);
  const char *end = start != NULL ? strstr (start, "</row>") : NULL;
  const char *found = start != NULL ? strstr (start, cell) : NULL;

  g_assert_nonnull (start);
  g_assert_nonnull (end);
  g_assert_nonnull (found);
  g_assert_true (found < end);
}

static void
test_save_and_reopen (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "project.budget", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BudgetDocument) reopened = NULL;
  g_autofree char *contents = NULL;
  BudgetWindow *second;

  g_assert_true (g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (fixture->window)), "Untitled"));
  edit_cell (fixture->window, "T5", "2060101", "c4", "321.5", TRUE);
  edit_cell (fixture->window, "T9", "r5", "c3", "2", TRUE);
  g_assert_true (g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (fixture->window)), "*Untitled"));

  g_assert_true (budget_window_save_to (fixture->window, path, &error));
  g_assert_no_error (error);
  g_assert_false (budget_document_get_modified (fixture->document));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (fixture->window)), ==, "project.budget — Budget Editor");
  contents = read_file (path);
  assert_row_value (contents, "2060101", "c4", "321.50");

  /* Reopened, the document holds exactly what was left, totals recomputed. */
  reopened = budget_project_load_file (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (value (reopened, "T5", "2060101", "c4"), ==, WANYUAN (321.5));
  g_assert_cmpint (value (reopened, "T9", "r5", "c3"), ==, WANYUAN (2));
  g_assert_cmpint (value (reopened, "T1", "r34", "c4"), ==, value (fixture->document, "T1", "r34", "c4"));
  g_assert_cmpint (value (reopened, "T9", "r1", "c2"), ==, value (fixture->document, "T9", "r1", "c2"));

  /* The same file again raises its window instead of a second version of it. */
  g_assert_true (budget_window_open_path (fixture->window, path, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_window_get_toplevels ()), ==, 1);
  g_assert_true (budget_window_find_for_path (path) == fixture->window);

  /* Opening another file from a window that holds work opens a second window. */
  {
    g_autofree char *copy = g_build_filename (fixture->dir, "copy.budget", NULL);
    g_autoptr(GFile) from = g_file_new_for_path (path);
    g_autoptr(GFile) to = g_file_new_for_path (copy);

    g_assert_true (g_file_copy (from, to, G_FILE_COPY_NONE, NULL, NULL, NULL, &error));
    g_assert_no_error (error);
    g_free (path);
    path = g_steal_pointer (&copy);
  }
  g_assert_true (budget_window_open_path (fixture->window, path, &error));
  g_assert_no_error (error);
  {
    GListModel *toplevels = gtk_window_get_toplevels ();

    g_assert_cmpuint (g_list_model_get_n_items (toplevels), ==, 2);
    second = NULL;
    for (guint i = 0; i < 2; i++)
      {
        g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

        if (window != GTK_WINDOW (fixture->window))
          second = BUDGET_WINDOW (window);
      }
  }
  g_assert_nonnull (second);
  g_assert_cmpstr (budget_document_get_path (budget_window_get_document (second)), ==, path);
  g_assert_cmpint (value (budget_window_get_document (second), "T5", "2060101", "c4"), ==, WANYUAN (321.5));
}

static void
test_save_commits_typing (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "typing.budget", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *backup = g_strconcat (path, "~", NULL);
  BudgetGrid *grid;

  g_assert_true (budget_window_save_to (fixture->window, path, NULL));
  /* Ctrl+S while the cell editor is still open saves what was typed. */
  edit_cell (fixture->window, "T5", "2080501", "c4", "70.25", FALSE);
  grid = budget_test_show_grid (fixture->window, "T5");
  g_assert_true (budget_grid_is_editing (grid));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.save", NULL));
  g_assert_false (budget_grid_is_editing (grid));
  g_assert_false (budget_document_get_modified (fixture->document));
  contents = read_file (path);
  assert_row_value (contents, "2080501", "c4", "70.25");
  /* The previous file is kept as FILE~. */
  g_assert_true (g_file_test (backup, G_FILE_TEST_EXISTS));

  /* A rejected cell stops the save: nothing is written that the officer did not see accepted. */
  edit_cell (fixture->window, "T5", "2080501", "c4", "7x", FALSE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.save", NULL));
  g_assert_true (budget_grid_is_editing (grid));
  g_assert_nonnull (budget_grid_get_message (grid));
  budget_grid_cancel_edit (grid);
}

static void
test_unsaved_changes_prompt (Fixture       *fixture,
                             gconstpointer  data)
{
  GtkWindow *dialog;
  BudgetWindow *window = fixture->window;
  g_autofree char *path = g_build_filename (fixture->dir, "prompt.budget", NULL);
  g_autofree char *contents = NULL;

  /* An unmodified window closes without asking. */
  g_assert_null (budget_window_get_close_dialog (window));

  edit_cell (window, "T5", "2060101", "c5", "9", TRUE);
  gtk_window_close (GTK_WINDOW (window));
  budget_test_iterate ();
  dialog = budget_window_get_close_dialog (window);
  g_assert_nonnull (dialog);
  g_assert_true (GTK_IS_MESSAGE_DIALOG (dialog));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));

  /* Cancel: the window and its changes stay. */
  gtk_dialog_response (GTK_DIALOG (dialog), BUDGET_CLOSE_RESPONSE_CANCEL);
  budget_test_iterate ();
  g_assert_null (budget_window_get_close_dialog (window));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_true (budget_document_get_modified (fixture->document));

  /* Save: with a file name the document is saved, then the window closes. */
  g_assert_true (budget_window_save_to (window, path, NULL));
  edit_cell (window, "T5", "2060101", "c5", "10", TRUE);
  gtk_window_close (GTK_WINDOW (window));
  dialog = budget_window_get_close_dialog (window);
  g_assert_nonnull (dialog);
  gtk_dialog_response (GTK_DIALOG (dialog), BUDGET_CLOSE_RESPONSE_SAVE);
  budget_test_iterate ();
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (window)));
  contents = read_file (path);
  assert_row_value (contents, "2060101", "c5", "10.00");
}

static void
test_discard_closes (Fixture       *fixture,
                     gconstpointer  data)
{
  GtkWindow *dialog;

  /* A cell still being typed counts as a change. */
  edit_cell (fixture->window, "T5", "2060101", "c5", "5", FALSE);
  gtk_window_close (GTK_WINDOW (fixture->window));
  dialog = budget_window_get_close_dialog (fixture->window);
  g_assert_nonnull (dialog);
  g_assert_true (budget_document_get_modified (fixture->document));
  gtk_dialog_response (GTK_DIALOG (dialog), BUDGET_CLOSE_RESPONSE_DISCARD);
  budget_test_iterate ();
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (fixture->window)));
}

/* Answering the prompt with Save or Discard frees the window, without a word from GLib (the prompt
 * used to outlive its parent and touch it when finalized). */
static void
close_through_prompt (int response)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("budget-close-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "close.budget", NULL);
  g_autoptr(BudgetDocument) document = budget_project_load_sample ();
  BudgetWindow *window = budget_window_new (NULL, document);

  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_present (GTK_WINDOW (window));
  budget_test_flush (GTK_WIDGET (window));
  g_assert_true (budget_window_save_to (window, path, &error));
  g_assert_no_error (error);
  edit_cell (window, "T5", "2060101", "c5", "9", TRUE);
  gtk_window_close (GTK_WINDOW (window));
  budget_test_iterate ();
  g_assert_nonnull (window);
  g_assert_nonnull (budget_window_get_close_dialog (window));
  gtk_dialog_response (GTK_DIALOG (budget_window_get_close_dialog (window)), response);
  budget_test_iterate ();
  g_assert_null (window);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_window_get_toplevels ()), ==, 0);
  budget_test_remove_dir (dir);
}

static void
test_prompt_frees_window (void)
{
  close_through_prompt (BUDGET_CLOSE_RESPONSE_DISCARD);
  close_through_prompt (BUDGET_CLOSE_RESPONSE_SAVE);
}

static void
test_load_error_reported (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "broken.budget", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  GtkWindow *dialog;
  const char *secondary = NULL;

  edit_cell (fixture->window, "T5", "2060101", "c4", "1", TRUE);
  g_assert_true (g_file_set_contents (path,
                                      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                      "<budget-project format-version=\"1\">\n"
                                      "  <form id=\"T5\">\n"
                                      "    <row code=\"2060101\"><v c=\"c4\">12x</v></row>\n"
                                      "  </form>\n"
                                      "</budget-project>\n", -1, NULL));
  g_assert_false (budget_window_open_path (fixture->window, path, &error));
  g_assert_nonnull (error);
  /* The message names the file and the line. */
  g_assert_nonnull (strstr (error->message, "broken.budget"));
  g_assert_nonnull (strstr (error->message, "4"));

  /* Through the window's own path: a dialog with the message, and the work is still there. */
  budget_window_open_file (fixture->window, file);
  dialog = budget_window_get_error_dialog (fixture->window);
  g_assert_nonnull (dialog);
  g_object_get (dialog, "secondary-text", &secondary, NULL);
  g_assert_cmpstr (secondary, ==, error->message);
  g_free ((char *) secondary);
  g_assert_true (budget_window_get_document (fixture->window) == fixture->document);
  g_assert_true (budget_document_get_modified (fixture->document));
  g_assert_cmpint (value (fixture->document, "T5", "2060101", "c4"), ==, WANYUAN (1));
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CLOSE);
  g_assert_null (budget_window_get_error_dialog (fixture->window));
}

static void
collect_entries (GtkWidget *widget,
                 GPtrArray *entries)
{
  if (GTK_IS_EDITABLE (widget) && !GTK_IS_TEXT (widget))
    {
      g_ptr_array_add (entries, widget);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    collect_entries (child, entries);
}

static void
new_created (BudgetNewDialog *dialog,
             BudgetDocument  *document,
             BudgetDocument **out)
{
  *out = g_object_ref (document);
}

static gboolean
has_button_for_action (GtkWidget  *widget,
                       const char *action)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0 &&
      gtk_widget_get_mapped (widget))
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (has_button_for_action (child, action))
      return TRUE;
  return FALSE;
}

static void
test_new_project (Fixture       *fixture,
                  gconstpointer  data)
{
  GtkWidget *dialog = budget_new_dialog_new (GTK_WINDOW (fixture->window));
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(BudgetDocument) created = NULL;

  g_object_ref_sink (dialog);
  g_signal_connect (dialog, "created", G_CALLBACK (new_created), &created);
  collect_entries (dialog, entries);
  /* Year (spin button), department code, department name, unit. */
  g_assert_cmpuint (entries->len, ==, 4);
  gtk_editable_set_text (entries->pdata[2], "");
  g_assert_null (budget_new_dialog_create (BUDGET_NEW_DIALOG (dialog), &error));
  g_assert_nonnull (error);
  g_assert_null (created);

  gtk_spin_button_set_value (entries->pdata[0], 2025);
  gtk_editable_set_text (entries->pdata[1], "401");
  gtk_editable_set_text (entries->pdata[2], "测试局");
  g_clear_error (&error);
  g_clear_object (&created);
  {
    g_autoptr(BudgetDocument) document = budget_new_dialog_create (BUDGET_NEW_DIALOG (dialog), &error);

    g_assert_no_error (error);
    g_assert_true (document == created);
  }
  g_assert_cmpint (budget_document_get_year (created), ==, 2025);
  g_assert_cmpstr (budget_document_get_meta (created, "department-code"), ==, "401");
  g_assert_cmpstr (budget_document_get_meta (created, "department-name"), ==, "测试局");
  g_assert_cmpstr (budget_document_get_meta (created, "unit"), ==, "万元");
  /* The project starts complete: the opening sentence names the department and the year. */
  g_assert_nonnull (strstr (budget_form_get_text (budget_document_lookup_form (created, "S0")), "测试局2025年部门预算公开"));
  g_assert_false (budget_document_get_modified (created));
  /* The answers are where the project starts, not edits to undo. */
  g_assert_false (budget_undo_stack_can_undo (budget_document_get_undo_stack (created)));
  g_object_unref (dialog);

  /* Shown in the window, the new project has the 绩效目标 group with its "+" (the group starts with the
   * 部门整体绩效目标, which every project has, so the button is there before the first project table). */
  budget_window_set_document (fixture->window, created);
  budget_test_flush (GTK_WIDGET (fixture->window));
  g_assert_true (has_button_for_action (GTK_WIDGET (budget_window_get_sidebar (fixture->window)),
                                        "win.add-performance-table"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.add-performance-table", NULL));
}

/* File → Start Next Year: one step that undo takes back, and a report the officer reads. */
static void
test_next_year (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) report = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.new-year", NULL));
  budget_test_flush (GTK_WIDGET (fixture->window));
  report = budget_window_start_next_year (fixture->window, TRUE);
  g_assert_nonnull (report);
  g_assert_cmpint (budget_document_get_year (fixture->document), ==, 2024);
  g_assert_cmpint (budget_form_lookup_value (budget_document_lookup_form (fixture->document, "T5"), "2060101", "c4"), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL));
  g_assert_cmpint (budget_document_get_year (fixture->document), ==, 2023);
  g_assert_cmpint (budget_form_lookup_value (budget_document_lookup_form (fixture->document, "T5"), "2060101", "c4"), >, 0);
}

static void
test_properties (Fixture       *fixture,
                 gconstpointer  data)
{
  GtkWidget *dialog = budget_properties_dialog_new (GTK_WINDOW (fixture->window), fixture->document);
  BudgetPropertiesDialog *properties = BUDGET_PROPERTIES_DIALOG (dialog);
  BudgetForm *t1 = budget_document_lookup_form (fixture->document, "T1");
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  g_object_ref_sink (dialog);
  g_assert_cmpstr (gtk_editable_get_text (budget_properties_dialog_get_field (properties, "prior-total")), ==, "773.96");
  g_assert_cmpstr (gtk_editable_get_text (budget_properties_dialog_get_field (properties, "year")), ==, "2023");

  /* A mistake anywhere changes nothing. */
  gtk_editable_set_text (budget_properties_dialog_get_field (properties, "department-name"), "新部门");
  gtk_editable_set_text (budget_properties_dialog_get_field (properties, "prior-basic"), "12,34");
  g_assert_false (budget_properties_dialog_apply (properties, &error));
  g_assert_nonnull (error);
  g_assert_cmpstr (budget_document_get_meta (fixture->document, "department-name"), ==, "科技和工信部门");

  gtk_editable_set_text (budget_properties_dialog_get_field (properties, "prior-basic"), "300");
  gtk_editable_set_text (budget_properties_dialog_get_field (properties, "year"), "2024");
  g_clear_error (&error);
  g_assert_true (budget_properties_dialog_apply (properties, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (budget_document_get_meta (fixture->document, "department-name"), ==, "新部门");
  g_assert_cmpstr (budget_document_get_meta (fixture->document, "prior-basic"), ==, "300.00");
  g_assert_cmpstr (budget_document_get_meta (fixture->document, "prior-total"), ==, "773.96");
  g_assert_cmpint (budget_document_get_year (fixture->document), ==, 2024);
  g_assert_true (budget_document_get_modified (fixture->document));
  title = budget_form_dup_title (budget_document_lookup_form (fixture->document, "S0"));
  g_assert_cmpstr (title, ==, "新部门2024年部门预算信息公开情况说明");
  g_assert_nonnull (t1);
  g_object_unref (dialog);
}

static GtkWidget *
find_actionable (GtkWidget  *widget,
                 const char *action)
{
  if (GTK_IS_ACTIONABLE (widget) && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_actionable (child, action);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_export_pdf (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "disclosure.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  GtkWidget *titlebar = gtk_window_get_titlebar (GTK_WINDOW (fixture->window));

  /* The header bar's Export PDF and Print are live. */
  g_assert_true (gtk_widget_get_sensitive (find_actionable (titlebar, "win.export-pdf")));
  g_assert_true (gtk_widget_get_sensitive (find_actionable (titlebar, "win.print")));
  /* A cell still being typed goes into the PDF. */
  edit_cell (fixture->window, "T9", "r5", "c3", "1.5", FALSE);
  g_assert_true (budget_window_export_pdf_to (fixture->window, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 1000);
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  g_assert_cmpint (value (fixture->document, "T9", "r5", "c3"), ==, WANYUAN (1.5));
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *home = g_dir_make_tmp ("budget-files-home-XXXXXX", NULL);
  int status;

  /* Recent projects go to a scratch data folder, not the tester's (gtk_test_init ignores
   * G_TEST_OPTION_ISOLATE_DIRS). */
  g_setenv ("XDG_DATA_HOME", home, TRUE);
  gtk_test_init (&argc, &argv, NULL);
  budget_core_init ();

  fixture_test ("/files/save-and-reopen", test_save_and_reopen);
  fixture_test ("/files/save-commits-typing", test_save_commits_typing);
  fixture_test ("/files/unsaved-changes-prompt", test_unsaved_changes_prompt);
  fixture_test ("/files/discard-closes", test_discard_closes);
  g_test_add_func ("/files/prompt-frees-window", test_prompt_frees_window);
  fixture_test ("/files/load-error-reported", test_load_error_reported);
  fixture_test ("/files/new-project", test_new_project);
  fixture_test ("/files/properties", test_properties);
  fixture_test ("/files/next-year", test_next_year);
  fixture_test ("/files/export-pdf", test_export_pdf);

  status = g_test_run ();
  budget_test_remove_dir (home);
  return status;
}
