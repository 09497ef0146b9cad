/* test-import-dialog.c: the window's workbook import: the preview changes nothing, Import is one undoable
 * step into the open project or opens a new one, a file that is no workbook is refused */

#include <string.h>
#include <gtk/gtk.h>

#include "budget-core.h"
#include "budget-import-dialog.h"
#include "budget-window.h"
#include "budget-test-gtk.h"

typedef BudgetTestWindow Fixture;

static void
setup_empty (Fixture       *fixture,
             gconstpointer  data)
{
  budget_test_window_open (fixture, budget_document_new ());
}

#define fixture_test(path, func) \
  g_test_add (path, Fixture, NULL, setup_empty, func, budget_test_window_teardown)

static char *
export_sample (Fixture *fixture)
{
  g_autoptr(BudgetDocument) sample = budget_project_load_sample ();
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (fixture->dir, "sample.xlsx", NULL);

  g_assert_true (budget_xlsx_export (sample, path, &error));
  return path;
}

static guint
n_t5_rows (BudgetDocument *doc)
{
  return budget_form_get_n_rows (budget_document_lookup_form (doc, "T5"));
}

static void
test_preview_then_import (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *path = export_sample (fixture);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = budget_project_serialize (fixture->document);
  g_autoptr(GBytes) previewed = NULL;
  g_autoptr(GBytes) undone = NULL;
  GtkWidget *dialog = budget_import_dialog_new (fixture->window, path, &error);
  guint empty_rows = n_t5_rows (fixture->document);

  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (dialog));
  budget_test_flush (dialog);
  /* The preview changes nothing. */
  previewed = budget_project_serialize (fixture->document);
  g_assert_true (g_bytes_equal (before, previewed));

  g_assert_true (budget_import_dialog_import (BUDGET_IMPORT_DIALOG (dialog), FALSE));
  g_assert_cmpuint (n_t5_rows (fixture->document), >, empty_rows + 20);
  g_assert_true (budget_document_get_modified (fixture->document));

  g_assert_true (budget_undo_stack_undo (budget_document_get_undo_stack (fixture->document)));
  undone = budget_project_serialize (fixture->document);
  g_assert_true (g_bytes_equal (before, undone));
}

static void
test_import_into_new_project (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *path = export_sample (fixture);
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog = budget_import_dialog_new (fixture->window, path, &error);
  guint empty_rows = n_t5_rows (fixture->document);
  GList *windows;
  BudgetWindow *other = NULL;

  g_assert_no_error (error);
  g_assert_true (budget_import_dialog_import (BUDGET_IMPORT_DIALOG (dialog), TRUE));
  budget_test_iterate ();
  g_assert_cmpuint (n_t5_rows (fixture->document), ==, empty_rows);
  /* The test's window has no application; the new one is a toplevel of its own. */
  windows = gtk_window_list_toplevels ();
  for (GList *l = windows; l != NULL; l = l->next)
    if (BUDGET_IS_WINDOW (l->data) && l->data != fixture->window)
      other = l->data;
  g_list_free (windows);
  g_assert_nonnull (other);
  g_assert_cmpuint (n_t5_rows (budget_window_get_document (other)), >, empty_rows + 20);
  g_assert_cmpint (budget_document_get_year (budget_window_get_document (other)), ==, 2023);
}

static void
test_not_a_workbook (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "notes.xlsx", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, "not a workbook", -1, NULL));
  g_assert_null (budget_import_dialog_new (fixture->window, path, &error));
  g_assert_error (error, BUDGET_XLSX_ERROR, BUDGET_XLSX_ERROR_NOT_WORKBOOK);
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  budget_core_init ();

  fixture_test ("/import-dialog/preview-then-import", test_preview_then_import);
  fixture_test ("/import-dialog/into-new-project", test_import_into_new_project);
  fixture_test ("/import-dialog/not-a-workbook", test_not_a_workbook);
  return g_test_run ();
}
