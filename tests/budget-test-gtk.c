/* budget-test-gtk.c: helpers of the widget tests (suite ui) */

#include <glib/gstdio.h>

#include "budget-core.h"
#include "budget-performance-editor.h"
#include "budget-table-editor.h"
#include "budget-test-gtk.h"

/* Runs the main loop until @widget is drawn and the X server has caught up (console's
 * kgx_test_flush_widget). */
void
budget_test_flush (GtkWidget *widget)
{
  gtk_test_widget_wait_for_draw (widget);
  gdk_display_sync (gtk_widget_get_display (widget));
  budget_test_iterate ();
}

void
budget_test_iterate (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

void
budget_test_remove_dir (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        budget_test_remove_dir (path);
      else
        g_assert_cmpint (g_unlink (path), ==, 0);
    }
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* Closes whatever a test left open (dialogs included), without asking, and lets it go. */
void
budget_test_destroy_all_windows (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  while (g_list_model_get_n_items (toplevels) > 0)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, 0);

      gtk_window_destroy (window);
    }
  budget_test_iterate ();
}

/* Shows a form in @window and returns its grid (a performance table's indicator grid). */
BudgetGrid *
budget_test_show_grid (BudgetWindow *window,
                       const char   *form_id)
{
  BudgetForm *form = budget_document_lookup_form (budget_window_get_document (window), form_id);
  GtkWidget *view;

  g_assert_nonnull (form);
  budget_window_show_form (window, form);
  view = budget_window_get_form_view (window, form);
  budget_test_flush (GTK_WIDGET (window));
  if (BUDGET_IS_PERFORMANCE_EDITOR (view))
    view = GTK_WIDGET (budget_performance_editor_get_table_editor (BUDGET_PERFORMANCE_EDITOR (view)));
  return budget_table_editor_get_grid (BUDGET_TABLE_EDITOR (view));
}

/**
 * budget_test_window_open:
 * @fixture: the fixture
 * @document: (transfer full): the document to show
 *
 * Opens and draws a window on @document, with a scratch folder for files the test writes.
 */
void
budget_test_window_open (BudgetTestWindow *fixture,
                         BudgetDocument   *document)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("budget-ui-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->document = document;
  fixture->window = g_object_ref (budget_window_new (NULL, fixture->document));
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1280, 820);
  gtk_window_present (GTK_WINDOW (fixture->window));
  budget_test_flush (GTK_WIDGET (fixture->window));
}

void
budget_test_window_setup (BudgetTestWindow *fixture,
                          gconstpointer     data)
{
  budget_test_window_open (fixture, budget_project_load_sample ());
}

/* Closes everything the test opened and checks that the window and the document are not leaked. */
void
budget_test_window_teardown (BudgetTestWindow *fixture,
                             gconstpointer     data)
{
  budget_test_destroy_all_windows ();
  g_assert_finalize_object (fixture->window);
  g_assert_finalize_object (fixture->document);
  budget_test_remove_dir (fixture->dir);
  g_free (fixture->dir);
}

guint
budget_test_row_of (BudgetForm *form,
                    const char *key)
{
  int row = budget_form_find_row (form, key);

  g_assert_cmpint (row, >=, 0);
  return (guint) row;
}

guint
budget_test_col_of (BudgetForm *form,
                    const char *column)
{
  int col = budget_form_def_find_column (budget_form_get_def (form), column);

  g_assert_cmpint (col, >=, 0);
  return (guint) col;
}
