/* test-window.c: the editor window on the sample project: the forms and their editors, the title, Undo
 * and Redo following the stack, performance tables, the form order, remembered size, the shortcuts
 * window and the application's own start-up. */

#include <string.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "budget-application.h"
#include "budget-core.h"
#include "budget-grid.h"
#include "budget-performance-editor.h"
#include "budget-section-editor.h"
#include "budget-settings.h"
#include "budget-table-editor.h"
#include "budget-window.h"
#include "budget-test-gtk.h"

typedef BudgetTestWindow Fixture;

#define fixture_test(path, func) \
  g_test_add (path, Fixture, NULL, budget_test_window_setup, func, budget_test_window_teardown)

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

static BudgetForm *
form (Fixture    *fixture,
      const char *id)
{
  return budget_document_lookup_form (fixture->document, id);
}

static void
test_open_sample (Fixture       *fixture,
                  gconstpointer  data)
{
  BudgetSidebar *sidebar = budget_window_get_sidebar (fixture->window);
  guint n_forms = budget_document_get_n_forms (fixture->document);

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (fixture->window)), ==, "Untitled — Budget Editor");
  g_assert_cmpuint (budget_sidebar_get_n_rows (sidebar), ==, n_forms);
  g_assert_true (budget_window_get_current_form (fixture->window) == form (fixture, "T1"));
  g_assert_true (budget_sidebar_get_selected_form (sidebar) == form (fixture, "T1"));

  /* Every form opens in the editor that fits it. */
  for (guint i = 0; i < n_forms; i++)
    {
      BudgetForm *f = budget_document_get_form (fixture->document, i);
      GtkWidget *view;

      budget_sidebar_select_form (sidebar, f);
      g_assert_true (budget_window_get_current_form (fixture->window) == f);
      view = budget_window_get_form_view (fixture->window, f);
      g_assert_true (gtk_widget_get_parent (view) != NULL);
      switch (budget_form_get_kind (f))
        {
        case BUDGET_FORM_KIND_TEXT:
          g_assert_true (BUDGET_IS_SECTION_EDITOR (view));
          break;
        case BUDGET_FORM_KIND_PERFORMANCE:
          g_assert_true (BUDGET_IS_PERFORMANCE_EDITOR (view));
          break;
        case BUDGET_FORM_KIND_FIXED:
        case BUDGET_FORM_KIND_CODED:
        case BUDGET_FORM_KIND_LIST:
        default:
          g_assert_true (BUDGET_IS_TABLE_EDITOR (view));
          g_assert_true (budget_grid_get_form (budget_table_editor_get_grid (BUDGET_TABLE_EDITOR (view))) == f);
          break;
        }
      budget_test_flush (GTK_WIDGET (fixture->window));
      g_assert_true (gtk_widget_get_mapped (view));
    }
}

static void
test_sidebar_labels (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *t5 = budget_sidebar_dup_form_label (form (fixture, "T5"));
  g_autofree char *pf = budget_sidebar_dup_form_label (form (fixture, "PF1"));
  g_autofree char *s0 = budget_sidebar_dup_form_label (form (fixture, "S0"));

  g_assert_cmpstr (t5, ==, "一般公共预算支出表");
  g_assert_cmpstr (pf, ==, "1、车辆保险费");
  g_assert_cmpstr (s0, ==, "科技和工信部门2023年部门预算信息公开情况说明");
}

static void
test_form_order (Fixture       *fixture,
                 gconstpointer  data)
{
  /* Ctrl+Page Down walks the groups: the nine tables, the other tables, the performance targets (the
   * 部门整体绩效目标, the 专项资金绩效目标, the project tables), the text, the input form. */
  const char *expected[] = { "T1", "T2", "T3", "T4", "T5", "T6", "T7", "T8", "T9", "ORG", "GP", "FA", "PE", "SF", "PF1" };
  BudgetForm *current;

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_assert_cmpstr (budget_form_get_id (budget_window_get_current_form (fixture->window)), ==, expected[i]);
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.next-form", NULL));
    }
  budget_window_show_form (fixture->window, form (fixture, "S9"));
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.next-form", NULL);
  current = budget_window_get_current_form (fixture->window);
  g_assert_cmpstr (budget_form_get_id (current), ==, "NF");
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.previous-form", NULL);
  g_assert_cmpstr (budget_form_get_id (budget_window_get_current_form (fixture->window)), ==, "S9");
}

static void
test_title_and_undo_buttons (Fixture       *fixture,
                             gconstpointer  data)
{
  GtkWidget *titlebar = gtk_window_get_titlebar (GTK_WINDOW (fixture->window));
  GtkWidget *undo = find_actionable (titlebar, "win.undo");
  GtkWidget *redo = find_actionable (titlebar, "win.redo");
  BudgetForm *t9 = form (fixture, "T9");
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (undo);
  g_assert_nonnull (redo);
  g_assert_false (gtk_widget_get_sensitive (undo));
  g_assert_false (gtk_widget_get_sensitive (redo));

  g_assert_true (budget_document_set_cell (fixture->document, t9, (guint) budget_form_find_row (t9, "r5"),
                                           (guint) budget_form_def_find_column (budget_form_get_def (t9), "c3"),
                                           "2.5", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (fixture->window)), ==, "*Untitled — Budget Editor");
  g_assert_true (gtk_widget_get_sensitive (undo));
  g_assert_false (gtk_widget_get_sensitive (redo));
  /* The tooltip names the command. */
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (undo), "三公经费表"));

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (fixture->window)), ==, "Untitled — Budget Editor");
  g_assert_false (gtk_widget_get_sensitive (undo));
  g_assert_true (gtk_widget_get_sensitive (redo));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (redo), "三公经费表"));
  /* Undo brought T9 up. */
  g_assert_true (budget_window_get_current_form (fixture->window) == t9);
}

static void
test_performance_tables (Fixture       *fixture,
                         gconstpointer  data)
{
  BudgetDocument *document = fixture->document;
  BudgetForm *pf1 = form (fixture, "PF1");
  BudgetForm *added;
  guint n_forms = budget_document_get_n_forms (document);
  GtkWidget *view;
  GtkEditable *name;
  BudgetSidebar *sidebar = budget_window_get_sidebar (fixture->window);
  g_autofree char *label = NULL;
  g_autofree char *added_id = NULL;

  budget_window_show_form (fixture->window, pf1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.add-performance-table", NULL));
  g_assert_cmpuint (budget_document_get_n_forms (document), ==, n_forms + 1);
  g_assert_cmpuint (budget_sidebar_get_n_rows (sidebar), ==, n_forms + 1);
  added = budget_window_get_current_form (fixture->window);
  added_id = g_strdup (budget_form_get_id (added));
  g_assert_cmpint (budget_form_get_kind (added), ==, BUDGET_FORM_KIND_PERFORMANCE);
  /* It goes after the table that was shown, as the second project. */
  g_assert_cmpuint (budget_form_get_number (added), ==, 2);
  g_assert_cmpuint (budget_form_get_n_rows (added), >, 0);

  /* The officer names it in the editor. */
  view = budget_window_get_form_view (fixture->window, added);
  name = budget_performance_editor_get_name_entry (BUDGET_PERFORMANCE_EDITOR (view));
  gtk_editable_set_text (name, "新增项目");
  g_signal_emit_by_name (name, "activate");
  g_assert_cmpstr (budget_form_get_name (added), ==, "新增项目");
  label = budget_sidebar_dup_form_label (added);
  g_assert_cmpstr (label, ==, "2、新增项目");

  /* Move it up, then remove it: the neighbour is shown, and undo brings it back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.move-performance-up", NULL));
  g_assert_cmpuint (budget_form_get_number (added), ==, 1);
  g_assert_cmpuint (budget_form_get_number (pf1), ==, 2);
  g_assert_true (budget_window_get_current_form (fixture->window) == added);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.remove-performance-table", NULL));
  g_assert_null (budget_document_lookup_form (document, added_id));
  g_assert_cmpuint (budget_document_get_n_forms (document), ==, n_forms);
  g_assert_true (budget_window_get_current_form (fixture->window) == pf1);
  g_assert_cmpuint (budget_sidebar_get_n_rows (sidebar), ==, n_forms);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL));
  g_assert_cmpuint (budget_document_get_n_forms (document), ==, n_forms + 1);
  g_assert_nonnull (budget_document_lookup_form (document, added_id));
  g_assert_cmpstr (budget_form_get_name (budget_document_lookup_form (document, added_id)), ==, "新增项目");
}

static void
test_findings_area (Fixture       *fixture,
                    gconstpointer  data)
{
  GtkWidget *panel = gtk_label_new ("findings");

  budget_window_set_findings_panel (fixture->window, panel);
  budget_window_set_findings_visible (fixture->window, TRUE);
  budget_test_flush (GTK_WIDGET (fixture->window));
  g_assert_true (gtk_widget_get_mapped (panel));
  budget_window_set_findings_visible (fixture->window, FALSE);
  budget_test_flush (GTK_WIDGET (fixture->window));
  g_assert_false (gtk_widget_get_mapped (panel));
}

static void
test_size_remembered (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GSettings) settings = budget_settings_new ();
  g_autoptr(BudgetDocument) document = budget_document_new ();
  BudgetWindow *second;
  int width, height;

  g_assert_nonnull (settings);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 900, 640);
  gtk_window_close (GTK_WINDOW (fixture->window));
  budget_test_iterate ();
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 900);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 640);
  g_assert_cmpint (g_settings_get_int (settings, "sidebar-width"), >=, 120);

  second = budget_window_new (NULL, document);
  gtk_window_get_default_size (GTK_WINDOW (second), &width, &height);
  g_assert_cmpint (width, ==, 900);
  g_assert_cmpint (height, ==, 640);
  gtk_window_destroy (GTK_WINDOW (second));
}

static void
test_shortcuts_window (void)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource ("/io/github/budgeteditor/BudgetEditor/gtk/help-overlay.ui");
  GObject *overlay = gtk_builder_get_object (builder, "help_overlay");

  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (overlay));
  gtk_window_destroy (GTK_WINDOW (overlay));
}

static void
test_application (void)
{
  g_autoptr(BudgetApplication) app = budget_application_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("budget-app-XXXXXX", NULL);
  g_autofree char *broken = g_build_filename (dir, "broken.budget", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (broken);
  GtkWindow *window;
  BudgetWindow *budget_window;

  /* No session bus in the tests: run as a plain, non-unique application. */
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

  /* Started without a file, it shows the sample project. */
  g_application_activate (G_APPLICATION (app));
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_assert_true (BUDGET_IS_WINDOW (window));
  budget_window = BUDGET_WINDOW (window);
  g_assert_cmpstr (budget_document_get_meta (budget_window_get_document (budget_window), "department-name"), ==,
                   "科技和工信部门");
  g_assert_nonnull (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
  {
    g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.redo");

    g_assert_cmpstr (accels[0], ==, "<Shift><Control>z");
    g_assert_cmpstr (accels[1], ==, "<Control>y");
  }

  /* A file that does not load is reported over the window, which keeps the sample. */
  g_assert_true (g_file_set_contents (broken, "<budget-project format-version=\"99\"/>", -1, NULL));
  budget_application_open_file (app, file);
  g_assert_nonnull (budget_window_get_error_dialog (budget_window));
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), ==, 1);
  g_assert_cmpstr (budget_document_get_meta (budget_window_get_document (budget_window), "department-name"), ==,
                   "科技和工信部门");

  /* "sample" opens the bundled sample, like on the command line; an untouched window is reused,
   * a window with changes is not. */
  {
    g_autofree char *sample_path = g_build_filename (dir, "sample", NULL);
    g_autoptr(GFile) sample = g_file_new_for_path (sample_path);
    BudgetDocument *first = budget_window_get_document (budget_window);

    budget_application_open_file (app, sample);
    g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), ==, 1);
    g_assert_true (budget_window_get_document (budget_window) != first);
    first = budget_window_get_document (budget_window);
    g_assert_true (budget_document_set_meta (first, "prior-total", "1", NULL));
    budget_application_open_file (app, sample);
    g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), ==, 2);
    g_assert_true (budget_window_get_document (budget_window) == first);
    budget_undo_stack_undo (budget_document_get_undo_stack (first));
  }

  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  budget_test_iterate ();
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));
  g_assert_cmpint (g_unlink (broken), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  budget_core_init ();

  fixture_test ("/window/open-sample", test_open_sample);
  fixture_test ("/window/sidebar-labels", test_sidebar_labels);
  fixture_test ("/window/form-order", test_form_order);
  fixture_test ("/window/title-and-undo-buttons", test_title_and_undo_buttons);
  fixture_test ("/window/performance-tables", test_performance_tables);
  fixture_test ("/window/findings-area", test_findings_area);
  fixture_test ("/window/size-remembered", test_size_remembered);
  g_test_add_func ("/window/shortcuts-window", test_shortcuts_window);
  g_test_add_func ("/window/application", test_application);

  return g_test_run ();
}
