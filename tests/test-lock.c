/* test-lock.c: the lock beside an open project in LibreOffice's format: the line as LibreOffice
 * writes and reads it, someone else's lock refused, a stale lock taken over, release. */

#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "budget-core.h"
#include "io/budget-lock-file.h"

typedef struct
{
  char *dir;
  char *project;
  char *lock;
} Fixture;

static void
setup (Fixture       *fixture,
       gconstpointer  data)
{
  fixture->dir = g_dir_make_tmp ("budget-lock-XXXXXX", NULL);
  g_assert_nonnull (fixture->dir);
  fixture->project = g_build_filename (fixture->dir, "部门预算 2024.budget", NULL);
  fixture->lock = budget_lock_file_path_for (fixture->project);
}

static void
teardown (Fixture       *fixture,
          gconstpointer  data)
{
  g_unlink (fixture->lock);
  g_assert_cmpint (g_rmdir (fixture->dir), ==, 0);
  g_free (fixture->dir);
  g_free (fixture->project);
  g_free (fixture->lock);
}

static char *
read_lock (Fixture *fixture)
{
  char *contents = NULL;

  g_assert_true (g_file_get_contents (fixture->lock, &contents, NULL, NULL));
  return contents;
}

/* The path and the line are LibreOffice's: ".~lock.NAME#", five fields, backslash escapes. */
static void
test_format (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *base = g_path_get_basename (fixture->lock);
  g_autoptr(GDateTime) time = g_date_time_new_local (2026, 12, 8, 9, 5, 0);
  g_autofree char *line = budget_lock_file_format_line ("Wang, Li", "wangli", "finance-pc", time,
                                                        "file:///home/wangli/.config/libreoffice/4");

  g_assert_cmpstr (base, ==, ".~lock.部门预算 2024.budget#");
  g_assert_cmpstr (line, ==, "Wang\\, Li,wangli,finance-pc,08.12.2026 09:05,file:///home/wangli/.config/libreoffice/4;");
}

/* A lock LibreOffice wrote is read with its owner and time, and refuses the project. */
static void
test_libreoffice_lock (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BudgetLockFile) lock = NULL;
  g_autoptr(BudgetLockFile) taken = NULL;
  g_autofree char *contents = NULL;

  g_assert_true (g_file_set_contents (fixture->lock, ",zhangsan,office-7,08.12.2026 09:05,file:///home/zhangsan/.config/libreoffice/4;", -1, NULL));
  lock = budget_lock_file_read (fixture->project, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (budget_lock_file_get_user (lock), ==, "zhangsan");
  g_assert_cmpstr (budget_lock_file_get_host (lock), ==, "office-7");
  g_assert_cmpstr (budget_lock_file_get_time (lock), ==, "08.12.2026 09:05");
  g_assert_cmpint (budget_lock_file_get_pid (lock), ==, 0);
  {
    g_autoptr(GDateTime) since = budget_lock_file_dup_date_time (lock);

    g_assert_nonnull (since);
    g_assert_cmpint (g_date_time_get_day_of_month (since), ==, 8);
    g_assert_cmpint (g_date_time_get_month (since), ==, 12);
    g_assert_cmpint (g_date_time_get_hour (since), ==, 9);
    g_assert_cmpint (g_date_time_get_minute (since), ==, 5);
  }
  g_assert_false (budget_lock_file_is_stale (lock));
  g_assert_false (budget_lock_file_is_ours (lock));

  g_assert_null (budget_lock_file_acquire (fixture->project, FALSE, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  contents = read_lock (fixture);
  g_assert_true (g_str_has_prefix (contents, ",zhangsan,"));

  /* Open anyway: the lock is ours now; releasing it leaves nothing behind. */
  taken = budget_lock_file_acquire (fixture->project, TRUE, NULL);
  g_assert_nonnull (taken);
  g_clear_pointer (&contents, g_free);
  contents = read_lock (fixture);
  g_assert_nonnull (strstr (contents, g_get_user_name ()));
  budget_lock_file_release (taken);
  g_assert_false (g_file_test (fixture->lock, G_FILE_TEST_EXISTS));
}

/* Our own lock: five fields LibreOffice can read, the pid in the last one, removed on release. */
static void
test_acquire_release (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BudgetLockFile) lock = NULL;
  g_autoptr(BudgetLockFile) read = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *pid = g_strdup_printf ("#pid=%d;", (int) getpid ());
  g_auto(GStrv) fields = NULL;

  g_assert_null (budget_lock_file_read (fixture->project, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_clear_error (&error);

  lock = budget_lock_file_acquire (fixture->project, FALSE, &error);
  g_assert_no_error (error);
  contents = read_lock (fixture);
  g_assert_true (g_str_has_suffix (contents, pid));
  g_assert_null (strchr (contents, '\n'));
  fields = g_strsplit (contents, ",", -1);
  g_assert_cmpuint (g_strv_length (fields), ==, 5);
  g_assert_cmpstr (fields[1], ==, g_get_user_name ());
  g_assert_cmpstr (fields[2], ==, g_get_host_name ());

  read = budget_lock_file_read (fixture->project, &error);
  g_assert_no_error (error);
  g_assert_true (budget_lock_file_is_ours (read));
  g_assert_false (budget_lock_file_is_stale (read));
  g_assert_cmpint (budget_lock_file_get_pid (read), ==, getpid ());

  /* Freeing a lock that was only read removes nothing. */
  g_clear_object (&read);
  g_assert_true (g_file_test (fixture->lock, G_FILE_TEST_EXISTS));
  g_clear_object (&lock);
  g_assert_false (g_file_test (fixture->lock, G_FILE_TEST_EXISTS));
}

/* An editor of this host that is gone (it crashed) leaves a stale lock: taken over without asking.
 * One still running is asked about. */
static void
test_stale (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BudgetLockFile) lock = NULL;
  g_autoptr(BudgetLockFile) read = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  const char *argv[] = { "true", NULL };
  g_autofree char *profile = NULL;
  g_autofree char *line = NULL;
  GPid gone = 0;
  int status;

  g_assert_true (g_spawn_async (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD,
                                NULL, NULL, &gone, &error));
  g_assert_no_error (error);
  g_assert_cmpint (waitpid (gone, &status, 0), ==, gone);
  profile = g_strdup_printf ("file:///home/x/.local/state/budget-editor#pid=%d", (int) gone);
  line = budget_lock_file_format_line ("", "colleague", g_get_host_name (), now, profile);
  g_assert_true (g_file_set_contents (fixture->lock, line, -1, NULL));
  read = budget_lock_file_read (fixture->project, NULL);
  g_assert_true (budget_lock_file_is_stale (read));
  lock = budget_lock_file_acquire (fixture->project, FALSE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (lock);
  g_clear_object (&lock);
  g_clear_object (&read);

  /* The same lock on another host cannot be checked: it holds. So does a running process here. */
  g_clear_pointer (&line, g_free);
  line = budget_lock_file_format_line ("", "colleague", "another-host", now, profile);
  g_assert_true (g_file_set_contents (fixture->lock, line, -1, NULL));
  g_assert_null (budget_lock_file_acquire (fixture->project, FALSE, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);
  g_clear_pointer (&profile, g_free);
  g_clear_pointer (&line, g_free);
  profile = g_strdup_printf ("file:///home/x/.local/state/budget-editor#pid=%d", (int) getppid ());
  line = budget_lock_file_format_line ("", "colleague", g_get_host_name (), now, profile);
  g_assert_true (g_file_set_contents (fixture->lock, line, -1, NULL));
  g_assert_null (budget_lock_file_acquire (fixture->project, FALSE, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
}

/* Someone who opened anyway owns the file now: our release leaves their lock alone. */
static void
test_release_keeps_theirs (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(BudgetLockFile) lock = budget_lock_file_acquire (fixture->project, FALSE, NULL);
  g_autofree char *contents = NULL;

  g_assert_nonnull (lock);
  g_assert_true (g_file_set_contents (fixture->lock, ",lisi,office-9,08.12.2026 10:00,file:///home/lisi/.config/libreoffice/4;", -1, NULL));
  budget_lock_file_release (lock);
  contents = read_lock (fixture);
  g_assert_true (g_str_has_prefix (contents, ",lisi,"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/lock/format", Fixture, NULL, setup, test_format, teardown);
  g_test_add ("/lock/libreoffice-lock", Fixture, NULL, setup, test_libreoffice_lock, teardown);
  g_test_add ("/lock/acquire-release", Fixture, NULL, setup, test_acquire_release, teardown);
  g_test_add ("/lock/stale", Fixture, NULL, setup, test_stale, teardown);
  g_test_add ("/lock/release-keeps-theirs", Fixture, NULL, setup, test_release_keeps_theirs, teardown);
  return g_test_run ();
}
