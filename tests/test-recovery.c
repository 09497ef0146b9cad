/* test-recovery.c: the recovery folder: a copy written by the worker thread, listed with its file
 * and time, loaded as the modified document it was, discarded in order; copies of a running editor
 * are not offered, those of a crashed one are. */

#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "budget-core.h"
#include "io/budget-recovery.h"

typedef struct
{
  char           *folder;
  BudgetRecovery *recovery;
} Fixture;

static void
setup (Fixture       *fixture,
       gconstpointer  data)
{
  g_autofree char *dir = g_dir_make_tmp ("budget-recovery-XXXXXX", NULL);

  /* The worker creates the folder itself. */
  fixture->folder = g_build_filename (dir, "state", "recovery", NULL);
  fixture->recovery = budget_recovery_new (fixture->folder);
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        remove_tree (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

static void
teardown (Fixture       *fixture,
          gconstpointer  data)
{
  g_autofree char *state = g_path_get_dirname (fixture->folder);
  g_autofree char *dir = g_path_get_dirname (state);

  g_assert_finalize_object (fixture->recovery);
  remove_tree (dir);
  g_free (fixture->folder);
}

static guint
count_files (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  guint n = 0;

  while (dir != NULL && g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

static void
test_write_list_load (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(BudgetDocument) document = budget_project_load_sample ();
  BudgetForm *t9 = budget_document_lookup_form (document, "T9");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) again = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) orphans = NULL;
  g_autoptr(BudgetDocument) restored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = budget_recovery_new_id ();
  g_autofree char *copy = NULL;
  BudgetRecoveryEntry *entry;
  gint64 edited = g_get_real_time ();
  GStatBuf st;

  g_assert_true (budget_document_set_cell (document, t9, (guint) budget_form_find_row (t9, "r6"),
                                           (guint) budget_form_def_find_column (budget_form_get_def (t9), "c3"),
                                           "12.34", NULL));
  bytes = budget_project_serialize (document);
  budget_recovery_write (fixture->recovery, id, "/srv/share/财政局-2024.budget", "财政局-2024.budget", edited, bytes);
  budget_recovery_wait (fixture->recovery);

  /* The copy, its info, nothing else (no temporary file), readable by the officer only. */
  g_assert_cmpuint (count_files (fixture->folder), ==, 2);
  copy = g_strdup_printf ("%s/%s.budget", fixture->folder, id);
  g_assert_cmpint (g_stat (copy, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  entries = budget_recovery_list (fixture->recovery, FALSE);
  g_assert_cmpuint (entries->len, ==, 1);
  entry = g_ptr_array_index (entries, 0);
  g_assert_cmpstr (entry->id, ==, id);
  g_assert_cmpstr (entry->path, ==, "/srv/share/财政局-2024.budget");
  g_assert_cmpstr (entry->display_name, ==, "财政局-2024.budget");
  g_assert_cmpint (g_date_time_to_unix (entry->edited), ==, edited / G_USEC_PER_SEC);
  g_assert_cmpint (entry->pid, ==, getpid ());

  /* This editor is running: its copies are not offered as left behind by a crash. */
  orphans = budget_recovery_list (fixture->recovery, TRUE);
  g_assert_cmpuint (orphans->len, ==, 0);

  restored = budget_recovery_load (fixture->recovery, entry, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (budget_document_get_path (restored), ==, "/srv/share/财政局-2024.budget");
  g_assert_true (budget_document_get_modified (restored));
  g_assert_cmpint (budget_form_lookup_value (budget_document_lookup_form (restored, "T9"), "r6", "c3"), ==, 12340000);
  again = budget_project_serialize (restored);
  g_assert_true (g_bytes_equal (bytes, again));

  budget_recovery_discard (fixture->recovery, id);
  budget_recovery_wait (fixture->recovery);
  g_assert_cmpuint (count_files (fixture->folder), ==, 0);
}

/* A discard asked for right after a write happens after it: nothing is left. Writes of the same
 * copy replace each other. */
static void
test_order (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(BudgetDocument) document = budget_project_load_sample ();
  g_autoptr(GBytes) bytes = budget_project_serialize (document);
  g_autoptr(GPtrArray) entries = NULL;

  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *id = budget_recovery_new_id ();

      budget_recovery_write (fixture->recovery, id, NULL, "Untitled", g_get_real_time (), bytes);
      budget_recovery_write (fixture->recovery, id, NULL, "Untitled", g_get_real_time (), bytes);
      budget_recovery_discard (fixture->recovery, id);
    }
  budget_recovery_write (fixture->recovery, "kept", NULL, "Untitled", g_get_real_time (), bytes);
  budget_recovery_write (fixture->recovery, "kept", NULL, "Untitled", g_get_real_time (), bytes);
  budget_recovery_wait (fixture->recovery);
  entries = budget_recovery_list (fixture->recovery, FALSE);
  g_assert_cmpuint (entries->len, ==, 1);
  g_assert_cmpstr (((BudgetRecoveryEntry *) g_ptr_array_index (entries, 0))->id, ==, "kept");
  g_assert_null (((BudgetRecoveryEntry *) g_ptr_array_index (entries, 0))->path);
  g_assert_cmpuint (count_files (fixture->folder), ==, 2);
}

/* The copy of an editor that is gone (kill -9) is offered; one without its info still is. */
static void
test_orphans (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(BudgetDocument) document = budget_project_load_sample ();
  g_autoptr(GBytes) bytes = budget_project_serialize (document);
  g_autoptr(GPtrArray) orphans = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *info = g_build_filename (fixture->folder, "crashed.info", NULL);
  g_autofree char *contents = NULL;
  const char *argv[] = { "true", NULL };
  GPid gone = 0;
  int status;

  g_assert_true (g_spawn_async (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD,
                                NULL, NULL, &gone, &error));
  g_assert_no_error (error);
  g_assert_cmpint (waitpid (gone, &status, 0), ==, gone);

  budget_recovery_write (fixture->recovery, "crashed", "/home/x/a.budget", "a.budget", g_get_real_time (), bytes);
  budget_recovery_wait (fixture->recovery);
  contents = g_strdup_printf ("[Recovery]\npath=/home/x/a.budget\nname=a.budget\nedited=%" G_GINT64_FORMAT "\nhost=%s\npid=%d\n",
                              g_get_real_time (), g_get_host_name (), (int) gone);
  g_assert_true (g_file_set_contents (info, contents, -1, NULL));
  {
    g_autofree char *bare = g_build_filename (fixture->folder, "noinfo.budget", NULL);

    g_assert_true (g_file_set_contents (bare, g_bytes_get_data (bytes, NULL), (gssize) g_bytes_get_size (bytes), NULL));
  }

  orphans = budget_recovery_list (fixture->recovery, TRUE);
  g_assert_cmpuint (orphans->len, ==, 2);
  for (guint i = 0; i < orphans->len; i++)
    {
      BudgetRecoveryEntry *entry = g_ptr_array_index (orphans, i);
      g_autoptr(BudgetDocument) restored = budget_recovery_load (fixture->recovery, entry, &error);

      g_assert_no_error (error);
      g_assert_true (budget_document_get_modified (restored));
      if (g_str_equal (entry->id, "crashed"))
        g_assert_cmpstr (entry->display_name, ==, "a.budget");
      else
        g_assert_null (entry->path);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  budget_core_init ();

  g_test_add ("/recovery/write-list-load", Fixture, NULL, setup, test_write_list_load, teardown);
  g_test_add ("/recovery/order", Fixture, NULL, setup, test_order, teardown);
  g_test_add ("/recovery/orphans", Fixture, NULL, setup, test_orphans, teardown);
  return g_test_run ();
}
