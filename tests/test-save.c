/* test-save.c: saves that cannot destroy the file: injected write failures at every write call, a
 * full and a read-only disk (tmpfs, as root), symbolic and hard links, other owners, backup
 * generations, and saves killed at random moments */

#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "budget-core.h"
#include "budget-failing-stream.h"

static GBytes *
read_bytes (const char *path)
{
  char *data = NULL;
  gsize size = 0;

  g_assert_true (g_file_get_contents (path, &data, &size, NULL));
  return g_bytes_new_take (data, size);
}

static void
assert_content (const char *path,
                GBytes     *expected)
{
  g_autoptr(GBytes) actual = read_bytes (path);

  g_assert_cmpmem (g_bytes_get_data (actual, NULL), g_bytes_get_size (actual),
                   g_bytes_get_data (expected, NULL), g_bytes_get_size (expected));
}

static GBytes *
text_bytes (const char *text)
{
  return g_bytes_new (text, strlen (text));
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

/* The names in @dir, sorted and joined with spaces. */
static char *
list_dir (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (listing);
  while ((name = g_dir_read_name (listing)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  if (listing == NULL)
    return;
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        remove_tree (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

static gboolean
write_file (const char  *path,
            GBytes      *bytes,
            guint        n_backups,
            GError     **error)
{
  g_autoptr(BudgetSafeSave) saver = budget_safe_save_new (path);

  budget_safe_save_set_n_backups (saver, n_backups);
  return budget_safe_save_write (saver, bytes, error);
}

/* The sample with @n_rows more rows of government procurement: a project larger than the sample. */
static BudgetDocument *
large_document (guint n_rows)
{
  BudgetDocument *doc = budget_project_load_sample ();
  BudgetForm *gp = budget_document_lookup_form (doc, "GP");

  for (guint i = 0; i < n_rows; i++)
    {
      g_autofree char *item = g_strdup_printf ("办公设备采购项目第%u批（含打印机、复印机）", i);

      g_assert_true (budget_document_insert_list_row (doc, gp, 0, NULL));
      g_assert_true (budget_document_set_cell (doc, gp, 0, 2, item, NULL));
      g_assert_true (budget_document_set_cell (doc, gp, 0, 5, "12.5", NULL));
    }
  return doc;
}

typedef struct
{
  guint fail_at_call;
  gsize partial;
  guint n_calls;
} Injection;

static GOutputStream *
wrap_failing (GOutputStream *stream,
              gpointer       user_data)
{
  Injection *injection = user_data;

  return budget_failing_stream_new (stream, 1000, injection->fail_at_call, injection->partial);
}

/* Every write call of a save fails in turn, after 0 bytes and after part of its buffer: each time the
 * file and both backups keep their exact bytes and no temporary file remains. */
static void
test_failure_at_every_write (void)
{
  g_autoptr(BudgetDocument) doc = budget_project_load_sample ();
  g_autoptr(GBytes) next = budget_project_serialize (doc);
  g_autoptr(GBytes) v1 = text_bytes ("version 1\n");
  g_autoptr(GBytes) v2 = text_bytes ("version 2\n");
  g_autoptr(GBytes) v3 = text_bytes ("version 3\n");
  g_autofree char *dir = g_dir_make_tmp ("budget-save-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "p.budget", NULL);
  g_autofree char *backup = budget_safe_save_backup_path (path, 1);
  g_autofree char *backup2 = budget_safe_save_backup_path (path, 2);
  g_autofree char *listing = NULL;
  guint n_calls = G_MAXUINT;
  guint failures = 0;

  g_assert_true (write_file (path, v1, 3, NULL));
  g_assert_true (write_file (path, v2, 3, NULL));
  g_assert_true (write_file (path, v3, 3, NULL));
  listing = list_dir (dir);
  g_assert_cmpstr (listing, ==, "p.budget p.budget~ p.budget~2");

  for (guint call = 0; call <= n_calls; call++)
    for (guint p = 0; p < 3; p++)
      {
        Injection injection = { call, p == 0 ? 0 : p == 1 ? 1 : 999, 0 };
        g_autoptr(BudgetSafeSave) saver = budget_safe_save_new (path);
        g_autoptr(GError) error = NULL;
        g_autofree char *after = NULL;

        budget_safe_save_set_stream_func (saver, wrap_failing, &injection, NULL);
        g_assert_false (budget_safe_save_write (saver, next, &error));
        g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
        g_assert_nonnull (strstr (error->message, "unchanged"));
        assert_content (path, v3);
        assert_content (backup, v2);
        assert_content (backup2, v1);
        after = list_dir (dir);
        g_assert_cmpstr (after, ==, listing);
        failures++;
        if (n_calls == G_MAXUINT)
          n_calls = (guint) (g_bytes_get_size (next) / 1000);
      }
  g_test_message ("%u injected failures over %u write calls of %zu bytes", failures, n_calls + 1,
                  g_bytes_get_size (next));
  g_assert_cmpuint (failures, >, 150);

  /* A first save to a new name is not written in place either: when it fails, no file appears. */
  {
    g_autofree char *fresh = g_build_filename (dir, "new.budget", NULL);
    g_autoptr(BudgetSafeSave) saver = budget_safe_save_new (fresh);
    Injection injection = { 3, 10, 0 };
    g_autofree char *after = NULL;

    budget_safe_save_set_stream_func (saver, wrap_failing, &injection, NULL);
    g_assert_false (budget_safe_save_write (saver, next, NULL));
    g_assert_false (g_file_test (fresh, G_FILE_TEST_EXISTS));
    after = list_dir (dir);
    g_assert_cmpstr (after, ==, listing);
  }

  /* Without the failure the same writer saves. */
  g_assert_true (write_file (path, next, 3, NULL));
  assert_content (path, next);
  assert_content (backup, v3);
  assert_content (backup2, v2);
  remove_tree (dir);
}

/* The document API reports a failed save in the officer's terms and stays modified. */
static void
test_document_save_failure (void)
{
  g_autoptr(BudgetDocument) doc = budget_project_load_sample ();
  g_autofree char *dir = g_dir_make_tmp ("budget-save-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "folder-as-file", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir (path, 0700), ==, 0);
  g_assert_false (budget_project_save (doc, path, &error));
  g_assert_error (error, BUDGET_DOCUMENT_ERROR, BUDGET_DOCUMENT_ERROR_SAVE);
  g_assert_nonnull (strstr (error->message, "not a regular file"));
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_DIR));
  remove_tree (dir);
}

static void
test_backup_generations (void)
{
  g_autofree char *dir = g_dir_make_tmp ("budget-save-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "p.budget", NULL);
  g_autofree char *other = g_build_filename (dir, "none.budget", NULL);
  g_autofree char *listing = NULL;

  for (guint i = 1; i <= 6; i++)
    {
      g_autofree char *text = g_strdup_printf ("version %u", i);
      g_autoptr(GBytes) bytes = text_bytes (text);

      g_assert_true (write_file (path, bytes, 3, NULL));
    }
  listing = list_dir (dir);
  g_assert_cmpstr (listing, ==, "p.budget p.budget~ p.budget~2 p.budget~3");
  for (guint generation = 0; generation <= 3; generation++)
    {
      g_autofree char *name = generation == 0 ? g_strdup (path) : budget_safe_save_backup_path (path, generation);
      g_autofree char *text = g_strdup_printf ("version %u", 6 - generation);
      g_autoptr(GBytes) expected = text_bytes (text);

      assert_content (name, expected);
    }

  /* No backup at all when the count is 0. */
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GBytes) bytes = text_bytes ("x");

      g_assert_true (write_file (other, bytes, 0, NULL));
    }
  g_clear_pointer (&listing, g_free);
  listing = list_dir (dir);
  g_assert_cmpstr (listing, ==, "none.budget p.budget p.budget~ p.budget~2 p.budget~3");

  /* The document API passes the count on and marks the document saved. */
  {
    g_autoptr(BudgetDocument) doc = budget_project_load_sample ();
    g_autofree char *one = g_build_filename (dir, "one.budget", NULL);
    g_autofree char *one_backup = budget_safe_save_backup_path (one, 1);
    g_autofree char *one_backup2 = budget_safe_save_backup_path (one, 2);

    for (guint i = 0; i < 3; i++)
      g_assert_true (budget_project_save_full (doc, one, 1, NULL));
    g_assert_false (budget_document_get_modified (doc));
    g_assert_true (g_file_test (one_backup, G_FILE_TEST_IS_REGULAR));
    g_assert_false (g_file_test (one_backup2, G_FILE_TEST_EXISTS));
  }
  remove_tree (dir);
}

/* A symbolic link stays a link (also a relative one, through a chain); its target is replaced and
 * backed up next to itself. A second hard link keeps the previous content: nothing is written in
 * place. Permissions and, as root, the owner are kept. */
static void
test_links_and_owners (void)
{
  g_autofree char *dir = g_dir_make_tmp ("budget-save-XXXXXX", NULL);
  g_autofree char *real_dir = g_build_filename (dir, "real", NULL);
  g_autofree char *real = g_build_filename (real_dir, "p.budget", NULL);
  g_autofree char *link1 = g_build_filename (dir, "link.budget", NULL);
  g_autofree char *link2 = g_build_filename (dir, "link2.budget", NULL);
  g_autofree char *hard = g_build_filename (dir, "hard.budget", NULL);
  g_autofree char *real_backup = budget_safe_save_backup_path (real, 1);
  g_autofree char *target = NULL;
  g_autoptr(GBytes) old = text_bytes ("old\n");
  g_autoptr(GBytes) new = text_bytes ("new\n");
  g_autoptr(GBytes) newer = text_bytes ("newer\n");
  g_autofree char *listing = NULL;
  struct stat st;

  g_assert_cmpint (g_mkdir (real_dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (real, "old\n", -1, NULL));
  g_assert_cmpint (g_chmod (real, 0640), ==, 0);
  g_assert_cmpint (symlink ("real/p.budget", link1), ==, 0);
  g_assert_cmpint (symlink (link1, link2), ==, 0);
  g_assert_cmpint (link (real, hard), ==, 0);

  g_assert_true (write_file (link2, new, 3, NULL));
  g_assert_true (g_file_test (link1, G_FILE_TEST_IS_SYMLINK));
  g_assert_true (g_file_test (link2, G_FILE_TEST_IS_SYMLINK));
  target = g_file_read_link (link1, NULL);
  g_assert_cmpstr (target, ==, "real/p.budget");
  assert_content (real, new);
  assert_content (real_backup, old);
  assert_content (hard, old);
  g_assert_cmpint (g_stat (real, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 0640);
  listing = list_dir (dir);
  g_assert_cmpstr (listing, ==, "hard.budget link.budget link2.budget real");

  if (getuid () == 0)
    {
      g_assert_cmpint (chown (real, 65534, 65534), ==, 0);
      g_assert_true (write_file (link1, newer, 3, NULL));
      g_assert_cmpint (g_stat (real, &st), ==, 0);
      g_assert_cmpuint (st.st_uid, ==, 65534);
      g_assert_cmpuint (st.st_gid, ==, 65534);
      g_assert_cmpint (st.st_mode & 07777, ==, 0640);
      assert_content (real, newer);
      assert_content (real_backup, new);
    }
  else
    g_test_message ("not root: the owner of someone else's file is not checked");
  remove_tree (dir);
}

/* A save killed by SIGKILL leaves a temporary file; the next save in that folder removes it. */
static void
test_stale_temporaries (void)
{
  g_autofree char *dir = g_dir_make_tmp ("budget-save-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "p.budget", NULL);
  g_autofree char *stale = NULL;
  g_autofree char *alive = NULL;
  g_autofree char *other = g_build_filename (dir, ".q.budget.saving-1-abcdef", NULL);
  g_autofree char *listing = NULL;
  g_autoptr(GBytes) bytes = text_bytes ("content");
  g_autoptr(GSubprocess) child = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, NULL, "true", NULL);
  const char *dead_pid;

  g_assert_nonnull (child);
  dead_pid = g_subprocess_get_identifier (child);
  g_assert_nonnull (dead_pid);
  stale = g_strdup_printf ("%s/.p.budget.saving-%s-abcdef", dir, dead_pid);
  g_assert_true (g_subprocess_wait (child, NULL, NULL));
  alive = g_strdup_printf ("%s/.p.budget.saving-%d-abcdef", dir, (int) getppid ());
  g_assert_true (g_file_set_contents (stale, "partial", -1, NULL));
  g_assert_true (g_file_set_contents (alive, "partial", -1, NULL));
  g_assert_true (g_file_set_contents (other, "partial", -1, NULL));

  g_assert_true (write_file (path, bytes, 3, NULL));
  g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));
  /* A save still running in another process, and other files' saves, are left alone. */
  g_assert_true (g_file_test (alive, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (other, G_FILE_TEST_EXISTS));
  g_unlink (alive);
  g_unlink (other);
  listing = list_dir (dir);
  g_assert_cmpstr (listing, ==, "p.budget");
  remove_tree (dir);
}

/* A child process saves two versions alternately and is killed at random moments: the file is
 * always one complete version, so are the backups, and the next save leaves no temporary file. */
static void
test_killed_saves (void)
{
  g_autoptr(BudgetDocument) doc = large_document (400);
  g_autoptr(GBytes) a = budget_project_serialize (doc);
  g_autoptr(GBytes) b = NULL;
  g_autofree char *dir = g_dir_make_tmp ("budget-save-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "p.budget", NULL);
  g_autofree char *listing = NULL;
  guint kills = 0;

  g_assert_true (budget_document_set_meta (doc, "department-name", "另一个部门", NULL));
  b = budget_project_serialize (doc);
  g_assert_true (write_file (path, a, 3, NULL));

  for (guint round = 0; round < 30; round++)
    {
      pid_t pid = fork ();
      int status;

      g_assert_cmpint (pid, >=, 0);
      if (pid == 0)
        {
          for (guint i = 0;; i++)
            if (!write_file (path, i % 2 ? a : b, 3, NULL))
              _exit (3);
        }
      g_usleep ((gulong) g_test_rand_int_range (200, 20000));
      g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_assert_true (WIFSIGNALED (status));
      kills++;

      for (guint generation = 0; generation <= 3; generation++)
        {
          g_autofree char *name = generation == 0 ? g_strdup (path) : budget_safe_save_backup_path (path, generation);
          g_autoptr(GBytes) content = NULL;

          if (generation > 0 && !g_file_test (name, G_FILE_TEST_EXISTS))
            continue;
          content = read_bytes (name);
          g_assert_true (g_bytes_equal (content, a) || g_bytes_equal (content, b));
        }
    }
  g_test_message ("%u saves killed", kills);

  g_assert_true (write_file (path, a, 3, NULL));
  listing = list_dir (dir);
  g_assert_cmpstr (listing, ==, "p.budget p.budget~ p.budget~2 p.budget~3");
  remove_tree (dir);
}

/* A small tmpfs mounted for the test (root only). */
static char *
mount_tmpfs (const char *size)
{
  g_autofree char *dir = g_dir_make_tmp ("budget-tmpfs-XXXXXX", NULL);
  g_autofree char *options = g_strdup_printf ("size=%s", size);

  if (mount ("tmpfs", dir, "tmpfs", 0, options) != 0)
    {
      g_test_message ("cannot mount a tmpfs: %s", g_strerror (errno));
      g_rmdir (dir);
      return NULL;
    }
  return g_steal_pointer (&dir);
}

static void
unmount_tmpfs (char *dir)
{
  g_assert_cmpint (umount (dir), ==, 0);
  g_rmdir (dir);
  g_free (dir);
}

/* A full disk: the reproduction (a 100 KB tmpfs holding the sample, a larger project
 * converted onto it by the command line) and, with a backup in place, two attempts through the API. */
static void
test_full_disk (void)
{
  g_autoptr(BudgetDocument) sample = budget_project_load_sample ();
  g_autoptr(BudgetDocument) large = large_document (800);
  g_autoptr(GBytes) small = budget_project_serialize (sample);
  g_autoptr(GBytes) smaller = text_bytes ("a previous version\n");
  g_autoptr(GBytes) big = budget_project_serialize (large);
  g_autofree char *work = g_dir_make_tmp ("budget-save-XXXXXX", NULL);
  g_autofree char *big_path = g_build_filename (work, "large.budget", NULL);
  char *dir;

  if (getuid () != 0)
    {
      g_test_skip ("mounting a small tmpfs needs root; the injected failures above cover every write");
      remove_tree (work);
      return;
    }
  dir = mount_tmpfs ("100k");
  if (dir == NULL)
    {
      g_test_skip ("this system cannot mount a tmpfs");
      remove_tree (work);
      return;
    }
  g_assert_cmpuint (g_bytes_get_size (big), >, 100 * 1024);
  g_assert_true (g_file_set_contents (big_path, g_bytes_get_data (big, NULL), (gssize) g_bytes_get_size (big), NULL));

  {
    g_autofree char *path = g_build_filename (dir, "p.budget", NULL);
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    g_autofree char *listing = NULL;
    const char *exe = g_getenv ("BUDGET_EXE");
    const char *argv[] = { exe != NULL ? exe : "budget-editor", "--convert", big_path, path, NULL };
    int status;

    g_assert_true (g_file_set_contents (path, g_bytes_get_data (small, NULL), (gssize) g_bytes_get_size (small), NULL));
    for (guint attempt = 0; attempt < 2; attempt++)
      {
        g_clear_pointer (&out, g_free);
        g_clear_pointer (&err, g_free);
        g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, NULL));
        g_test_message ("attempt %u: %s", attempt + 1, err);
        g_assert_false (g_spawn_check_wait_status (status, NULL));
        assert_content (path, small);
        g_assert_nonnull (strstr (err, "unchanged"));
      }
    listing = list_dir (dir);
    g_assert_cmpstr (listing, ==, "p.budget");
    g_unlink (path);
  }

  {
    g_autofree char *path = g_build_filename (dir, "q.budget", NULL);
    g_autofree char *backup = budget_safe_save_backup_path (path, 1);
    g_autofree char *listing = NULL;

    g_assert_true (budget_project_save_file_full (sample, path, 3, NULL));   /* nothing to back up yet */
    g_assert_true (g_file_set_contents (backup, "a previous version\n", -1, NULL));
    for (guint attempt = 0; attempt < 2; attempt++)
      {
        g_autoptr(GError) error = NULL;

        g_assert_false (budget_project_save_file_full (large, path, 3, &error));
        g_assert_error (error, BUDGET_DOCUMENT_ERROR, BUDGET_DOCUMENT_ERROR_SAVE);
        g_test_message ("%s", error->message);
        assert_content (path, small);
        assert_content (backup, smaller);
      }
    listing = list_dir (dir);
    g_assert_cmpstr (listing, ==, "q.budget q.budget~");
  }
  unmount_tmpfs (dir);
  remove_tree (work);
}

/* A read-only medium: the save fails with a message and the file and backup stay. */
static void
test_read_only_medium (void)
{
  g_autoptr(BudgetDocument) sample = budget_project_load_sample ();
  g_autoptr(GBytes) small = budget_project_serialize (sample);
  g_autoptr(GBytes) old = text_bytes ("old\n");
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *backup = NULL;
  char *dir;

  if (getuid () != 0)
    {
      g_test_skip ("remounting a tmpfs read-only needs root");
      return;
    }
  dir = mount_tmpfs ("1m");
  if (dir == NULL)
    {
      g_test_skip ("this system cannot mount a tmpfs");
      return;
    }
  path = g_build_filename (dir, "p.budget", NULL);
  backup = budget_safe_save_backup_path (path, 1);
  g_assert_true (write_file (path, old, 3, NULL));
  g_assert_true (write_file (path, small, 3, NULL));
  g_assert_cmpint (mount ("tmpfs", dir, "tmpfs", MS_REMOUNT | MS_RDONLY, NULL), ==, 0);

  g_assert_false (budget_project_save_file_full (sample, path, 3, &error));
  g_assert_error (error, BUDGET_DOCUMENT_ERROR, BUDGET_DOCUMENT_ERROR_SAVE);
  g_test_message ("%s", error->message);
  assert_content (path, small);
  assert_content (backup, old);
  unmount_tmpfs (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  budget_core_init ();
  /* As root, the test's tmpfs mounts live in a mount namespace of their own: they disappear with the
   * process, even when an assertion aborts it. */
  if (getuid () == 0 &&
      (unshare (CLONE_NEWNS) != 0 || mount (NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0))
    g_test_message ("no private mount namespace: %s", g_strerror (errno));

  g_test_add_func ("/save/failure-at-every-write", test_failure_at_every_write);
  g_test_add_func ("/save/document-save-failure", test_document_save_failure);
  g_test_add_func ("/save/backup-generations", test_backup_generations);
  g_test_add_func ("/save/links-and-owners", test_links_and_owners);
  g_test_add_func ("/save/stale-temporaries", test_stale_temporaries);
  g_test_add_func ("/save/killed-saves", test_killed_saves);
  g_test_add_func ("/save/full-disk", test_full_disk);
  g_test_add_func ("/save/read-only-medium", test_read_only_medium);
  return g_test_run ();
}
