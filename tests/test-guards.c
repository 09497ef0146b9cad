/* test-guards.c: what keeps the officer's work: the recovery copy written after an edit and removed
 * on save and a clean close, a restored copy taken over, the lock beside a project (read-only, open
 * anyway, a stale lock taken over), and a file someone else changed (reload, keep editing, Save asks). */

#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "budget-core.h"
#include "budget-grid.h"
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
           const char   *text)
{
  BudgetForm *form = budget_document_lookup_form (budget_window_get_document (window), id);
  BudgetGrid *grid = budget_test_show_grid (window, id);

  budget_grid_set_cursor (grid, budget_test_row_of (form, key), budget_test_col_of (form, column));
  g_assert_true (budget_grid_start_editing (grid, text));
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

/* Runs the main loop until the recovery folder holds @n copies; returns how long that took (µs). */
static gint64
wait_for_copies (BudgetRecovery *recovery,
                 guint           n)
{
  gint64 start = g_get_monotonic_time ();

  for (;;)
    {
      g_autoptr(GPtrArray) entries = NULL;

      budget_test_iterate ();
      budget_recovery_wait (recovery);
      entries = budget_recovery_list (recovery, FALSE);
      if (entries->len == n)
        return g_get_monotonic_time () - start;

      g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);
      g_usleep (20000);
    }
}

static BudgetRecovery *
scratch_recovery (Fixture *fixture)
{
  g_autofree char *folder = g_build_filename (fixture->dir, "recovery", NULL);

  return budget_recovery_new (folder);
}

static void
remove_recovery (BudgetRecovery *recovery)
{
  budget_recovery_wait (recovery);
  g_rmdir (budget_recovery_get_folder (recovery));
}

/* An edit is in the recovery folder within 5 seconds; saving removes the copy, so does closing with
 * Discard. */
static void
test_recovery_copy (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(BudgetRecovery) recovery = scratch_recovery (fixture);
  g_autofree char *path = g_build_filename (fixture->dir, "财政局-2024.budget", NULL);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(BudgetDocument) copy = NULL;
  g_autoptr(GError) error = NULL;
  BudgetRecoveryEntry *entry;

  budget_window_set_recovery (fixture->window, recovery);
  g_assert_true (budget_window_save_to (fixture->window, path, &error));
  g_assert_no_error (error);
  edit_cell (fixture->window, "T5", "2060101", "c4", "321.5");
  g_assert_cmpint (wait_for_copies (recovery, 1), <=, 5 * G_USEC_PER_SEC);

  entries = budget_recovery_list (recovery, FALSE);
  entry = g_ptr_array_index (entries, 0);
  g_assert_cmpstr (entry->id, ==, budget_window_get_recovery_id (fixture->window));
  g_assert_cmpstr (entry->path, ==, path);
  g_assert_cmpstr (entry->display_name, ==, "财政局-2024.budget");
  copy = budget_recovery_load (recovery, entry, &error);
  g_assert_no_error (error);
  g_assert_cmpint (value (copy, "T5", "2060101", "c4"), ==, WANYUAN (321.5));

  /* Saved: nothing to recover. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.save", NULL));
  g_assert_false (budget_document_get_modified (fixture->document));
  wait_for_copies (recovery, 0);
  g_assert_null (budget_window_get_recovery_id (fixture->window));

  /* Undoing back to the saved state removes it too. */
  edit_cell (fixture->window, "T5", "2060101", "c4", "1");
  wait_for_copies (recovery, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL));
  g_assert_false (budget_document_get_modified (fixture->document));
  wait_for_copies (recovery, 0);

  /* Closing with Discard is a clean close: the copy goes with the window. */
  edit_cell (fixture->window, "T5", "2060101", "c4", "2");
  wait_for_copies (recovery, 1);
  gtk_window_close (GTK_WINDOW (fixture->window));
  g_assert_nonnull (budget_window_get_close_dialog (fixture->window));
  gtk_dialog_response (GTK_DIALOG (budget_window_get_close_dialog (fixture->window)), BUDGET_CLOSE_RESPONSE_DISCARD);
  budget_test_iterate ();
  wait_for_copies (recovery, 0);
  remove_recovery (recovery);
}

/* A restored copy stands for its file, modified; the window takes the copy over as its own. */
static void
test_restore (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(BudgetRecovery) recovery = scratch_recovery (fixture);
  g_autofree char *path = g_build_filename (fixture->dir, "restored.budget", NULL);
  g_autoptr(BudgetDocument) crashed = budget_project_load_sample ();
  g_autoptr(BudgetDocument) restored = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  BudgetForm *t9 = budget_document_lookup_form (crashed, "T9");
  BudgetRecoveryEntry *entry;

  g_assert_true (budget_project_save (crashed, path, NULL));
  g_assert_true (budget_document_set_cell (crashed, t9, budget_test_row_of (t9, "r5"), budget_test_col_of (t9, "c3"),
                                           "7", NULL));
  bytes = budget_project_serialize (crashed);
  budget_recovery_write (recovery, "left-behind", path, "restored.budget", g_get_real_time (), bytes);
  budget_recovery_wait (recovery);
  entries = budget_recovery_list (recovery, FALSE);
  entry = g_ptr_array_index (entries, 0);
  restored = budget_recovery_load (recovery, entry, &error);
  g_assert_no_error (error);

  budget_window_set_recovery (fixture->window, recovery);
  budget_window_restore_recovered (fixture->window, restored, entry->id);
  g_assert_true (budget_window_get_document (fixture->window) == restored);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (fixture->window)), ==, "*restored.budget — Budget Editor");
  g_assert_cmpstr (budget_window_get_recovery_id (fixture->window), ==, "left-behind");
  g_assert_cmpint (value (restored, "T9", "r5", "c3"), ==, WANYUAN (7));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.save", NULL));
  wait_for_copies (recovery, 0);
  g_clear_object (&crashed);
  crashed = budget_project_load_file (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (value (crashed, "T9", "r5", "c3"), ==, WANYUAN (7));
  remove_recovery (recovery);
}

static char *
read_text (const char *path)
{
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  return contents;
}

static char *
save_sample (Fixture    *fixture,
             const char *name)
{
  g_autoptr(BudgetDocument) document = budget_project_load_sample ();
  char *path = g_build_filename (fixture->dir, name, NULL);

  g_assert_true (budget_project_save (document, path, NULL));
  return path;
}

/* A project someone else has open: who since when, then read-only or open anyway; the lock of an
 * editor that crashed is taken over without a question. */
static void
test_lock (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *held = save_sample (fixture, "held.budget");
  g_autofree char *held_lock = budget_lock_file_path_for (held);
  g_autofree char *taken = save_sample (fixture, "taken.budget");
  g_autofree char *taken_lock = budget_lock_file_path_for (taken);
  g_autofree char *stale = save_sample (fixture, "stale.budget");
  g_autofree char *stale_lock = budget_lock_file_path_for (stale);
  g_autofree char *contents = NULL;
  g_autofree char *secondary = NULL;
  g_autofree char *own_pid = g_strdup_printf ("#pid=%d;", (int) getpid ());
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "true", NULL };
  GPid gone = 0;
  int status;
  GtkWindow *dialog;
  BudgetWindow *window;
  const char *lo = ",zhangsan,office-7,08.12.2026 09:05,file:///home/zhangsan/.config/libreoffice/4;";

  g_assert_true (g_file_set_contents (held_lock, lo, -1, NULL));
  g_assert_true (budget_window_open_path (fixture->window, held, &error));
  g_assert_no_error (error);
  dialog = budget_window_get_lock_dialog (fixture->window);
  g_assert_nonnull (dialog);
  g_object_get (dialog, "secondary-text", &secondary, NULL);
  g_assert_nonnull (strstr (secondary, "zhangsan"));
  g_assert_nonnull (strstr (secondary, "office-7"));
  g_assert_nonnull (strstr (secondary, "09:05"));
  /* Nothing is shown before the answer. */
  g_assert_true (budget_window_get_document (fixture->window) == fixture->document);

  gtk_dialog_response (GTK_DIALOG (dialog), BUDGET_LOCK_RESPONSE_READ_ONLY);
  budget_test_iterate ();
  g_assert_null (budget_window_get_lock_dialog (fixture->window));
  window = budget_window_find_for_path (held);
  g_assert_true (window == fixture->window);
  g_assert_true (budget_window_get_read_only (window));
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (window)), "(read-only)"));
  contents = read_text (held_lock);
  g_assert_cmpstr (contents, ==, lo);

  /* Open anyway: the lock is ours until the window closes. */
  g_assert_true (g_file_set_contents (taken_lock, lo, -1, NULL));
  g_assert_true (budget_window_open_path (fixture->window, taken, &error));
  dialog = budget_window_get_lock_dialog (fixture->window);
  g_assert_nonnull (dialog);
  gtk_dialog_response (GTK_DIALOG (dialog), BUDGET_LOCK_RESPONSE_OPEN_ANYWAY);
  budget_test_iterate ();
  window = budget_window_find_for_path (taken);
  g_assert_nonnull (window);
  g_assert_false (budget_window_get_read_only (window));
  g_clear_pointer (&contents, g_free);
  contents = read_text (taken_lock);
  g_assert_true (g_str_has_suffix (contents, own_pid));
  gtk_window_destroy (GTK_WINDOW (window));
  budget_test_iterate ();
  g_assert_false (g_file_test (taken_lock, G_FILE_TEST_EXISTS));

  /* Cancel: nothing opens. */
  g_assert_true (g_file_set_contents (taken_lock, lo, -1, NULL));
  g_assert_true (budget_window_open_path (fixture->window, taken, &error));
  gtk_dialog_response (GTK_DIALOG (budget_window_get_lock_dialog (fixture->window)), BUDGET_LOCK_RESPONSE_CANCEL);
  budget_test_iterate ();
  g_assert_null (budget_window_find_for_path (taken));

  /* A crashed editor's lock on this host: taken over, no question. */
  g_assert_true (g_spawn_async (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD,
                                NULL, NULL, &gone, &error));
  g_assert_cmpint (waitpid (gone, &status, 0), ==, gone);
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autofree char *profile = g_strdup_printf ("file:///x/budget-editor#pid=%d", (int) gone);
    g_autofree char *line = budget_lock_file_format_line ("", "me", g_get_host_name (), now, profile);

    g_assert_true (g_file_set_contents (stale_lock, line, -1, NULL));
  }
  g_assert_true (budget_window_open_path (fixture->window, stale, &error));
  g_assert_null (budget_window_get_lock_dialog (fixture->window));
  window = budget_window_find_for_path (stale);
  g_assert_nonnull (window);
  g_clear_pointer (&contents, g_free);
  contents = read_text (stale_lock);
  g_assert_true (g_str_has_suffix (contents, own_pid));
  budget_test_destroy_all_windows ();
  g_assert_false (g_file_test (stale_lock, G_FILE_TEST_EXISTS));
}

/* Runs the main loop until the window asks about the file on disk. */
static GtkWindow *
wait_for_disk_dialog (BudgetWindow *window)
{
  gint64 start = g_get_monotonic_time ();

  while (budget_window_get_disk_dialog (window) == NULL)
    {
      g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10000);
    }
  return budget_window_get_disk_dialog (window);
}

/* Someone else saves the file: the window offers to reload or keep editing, and Save asks before it
 * replaces their version. */
static void
test_changed_on_disk (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "shared.budget", NULL);
  g_autoptr(BudgetDocument) theirs = budget_project_load_sample ();
  g_autoptr(BudgetDocument) saved = NULL;
  BudgetForm *t9 = budget_document_lookup_form (theirs, "T9");
  GtkWindow *dialog;

  g_assert_true (budget_window_save_to (fixture->window, path, NULL));
  /* Our own save is not someone else's change. */
  for (guint i = 0; i < 30; i++)
    {
      budget_test_iterate ();
      g_usleep (20000);
    }
  g_assert_null (budget_window_get_disk_dialog (fixture->window));

  edit_cell (fixture->window, "T9", "r5", "c3", "11");
  g_assert_true (budget_document_set_cell (theirs, t9, budget_test_row_of (t9, "r5"), budget_test_col_of (t9, "c3"),
                                           "2", NULL));
  g_assert_true (budget_project_save (theirs, path, NULL));
  dialog = wait_for_disk_dialog (fixture->window);
  gtk_dialog_response (GTK_DIALOG (dialog), BUDGET_DISK_RESPONSE_KEEP);
  budget_test_iterate ();
  g_assert_null (budget_window_get_disk_dialog (fixture->window));

  /* Save asks; Cancel keeps their file. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.save", NULL));
  dialog = budget_window_get_disk_dialog (fixture->window);
  g_assert_nonnull (dialog);
  gtk_dialog_response (GTK_DIALOG (dialog), BUDGET_DISK_RESPONSE_KEEP);
  g_assert_true (budget_document_get_modified (fixture->document));
  saved = budget_project_load_file (path, NULL);
  g_assert_cmpint (value (saved, "T9", "r5", "c3"), ==, WANYUAN (2));
  g_clear_object (&saved);

  /* Replace: ours is saved over theirs. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.save", NULL));
  gtk_dialog_response (GTK_DIALOG (budget_window_get_disk_dialog (fixture->window)), BUDGET_DISK_RESPONSE_REPLACE);
  budget_test_iterate ();
  g_assert_false (budget_document_get_modified (fixture->document));
  saved = budget_project_load_file (path, NULL);
  g_assert_cmpint (value (saved, "T9", "r5", "c3"), ==, WANYUAN (11));

  /* They save again; Reload shows their version. */
  g_assert_true (budget_document_set_cell (theirs, t9, budget_test_row_of (t9, "r5"), budget_test_col_of (t9, "c3"),
                                           "3", NULL));
  g_assert_true (budget_project_save (theirs, path, NULL));
  dialog = wait_for_disk_dialog (fixture->window);
  gtk_dialog_response (GTK_DIALOG (dialog), BUDGET_DISK_RESPONSE_RELOAD);
  budget_test_iterate ();
  g_assert_true (budget_window_get_document (fixture->window) != fixture->document);
  g_assert_cmpint (value (budget_window_get_document (fixture->window), "T9", "r5", "c3"), ==, WANYUAN (3));
  g_assert_false (budget_document_get_modified (budget_window_get_document (fixture->window)));
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *home = g_dir_make_tmp ("budget-guards-home-XXXXXX", NULL);
  int status;

  g_setenv ("XDG_DATA_HOME", home, TRUE);
  g_setenv ("XDG_STATE_HOME", home, TRUE);
  gtk_test_init (&argc, &argv, NULL);
  budget_core_init ();

  fixture_test ("/guards/recovery-copy", test_recovery_copy);
  fixture_test ("/guards/restore", test_restore);
  fixture_test ("/guards/lock", test_lock);
  fixture_test ("/guards/changed-on-disk", test_changed_on_disk);

  status = g_test_run ();
  budget_test_remove_dir (home);
  return status;
}
