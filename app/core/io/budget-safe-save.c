/* budget-safe-save.c: replacing a file so that a failed or interrupted save never damages it
 *
 * The new content goes to a temporary file next to the target, is flushed to disk (fsync), and only
 * then renamed over the target, after which the folder is flushed too (as SQLite and GnuCash do). The
 * target is never truncated or written in place, whoever owns it and however many links it has: a
 * symbolic link is followed and its target replaced (the link stays), a second hard link keeps the
 * previous content. Before the rename, the previous file becomes backup generation 1 ("FILE~") and the
 * older generations move up ("FILE~2", "FILE~3"…); each step is a hard link followed by a rename, so
 * every name always holds a complete file, even when the save is killed. A failed save removes its
 * temporary files; a killed one leaves ".FILE.saving-PID-XXXXXX", which the next save in that folder
 * removes once the process PID is gone.
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <gio/gunixoutputstream.h>

#include "io/budget-safe-save.h"

struct _BudgetSafeSave
{
  GObject                   parent_instance;

  char                     *path;
  guint                     n_backups;
  BudgetSafeSaveStreamFunc  stream_func;
  gpointer                  stream_data;
  GDestroyNotify            stream_destroy;
};

G_DEFINE_FINAL_TYPE (BudgetSafeSave, budget_safe_save, G_TYPE_OBJECT)

#define MAX_SYMLINKS 40

static void
budget_safe_save_finalize (GObject *object)
{
  BudgetSafeSave *self = BUDGET_SAFE_SAVE (object);

  if (self->stream_destroy != NULL)
    self->stream_destroy (self->stream_data);
  g_free (self->path);
  G_OBJECT_CLASS (budget_safe_save_parent_class)->finalize (object);
}

static void
budget_safe_save_class_init (BudgetSafeSaveClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = budget_safe_save_finalize;
}

static void
budget_safe_save_init (BudgetSafeSave *self)
{
  self->n_backups = BUDGET_SAFE_SAVE_DEFAULT_BACKUPS;
}

/**
 * budget_safe_save_new:
 * @path: the file to replace (it need not exist)
 *
 * Returns: (transfer full): a writer for @path that keeps %BUDGET_SAFE_SAVE_DEFAULT_BACKUPS backups
 */
BudgetSafeSave *
budget_safe_save_new (const char *path)
{
  BudgetSafeSave *self;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (BUDGET_TYPE_SAFE_SAVE, NULL);
  self->path = g_strdup (path);
  return self;
}

const char *
budget_safe_save_get_path (BudgetSafeSave *self)
{
  g_return_val_if_fail (BUDGET_IS_SAFE_SAVE (self), NULL);

  return self->path;
}

guint
budget_safe_save_get_n_backups (BudgetSafeSave *self)
{
  g_return_val_if_fail (BUDGET_IS_SAFE_SAVE (self), 0);

  return self->n_backups;
}

/**
 * budget_safe_save_set_n_backups:
 * @self: a writer
 * @n_backups: how many previous versions to keep (0: none), at most %BUDGET_SAFE_SAVE_MAX_BACKUPS
 */
void
budget_safe_save_set_n_backups (BudgetSafeSave *self,
                                guint           n_backups)
{
  g_return_if_fail (BUDGET_IS_SAFE_SAVE (self));

  self->n_backups = MIN (n_backups, BUDGET_SAFE_SAVE_MAX_BACKUPS);
}

/**
 * budget_safe_save_set_stream_func:
 * @self: a writer
 * @func: (nullable): wraps the stream that writes the temporary file
 * @user_data: data for @func
 * @destroy: (nullable): frees @user_data
 */
void
budget_safe_save_set_stream_func (BudgetSafeSave           *self,
                                  BudgetSafeSaveStreamFunc  func,
                                  gpointer                  user_data,
                                  GDestroyNotify            destroy)
{
  g_return_if_fail (BUDGET_IS_SAFE_SAVE (self));

  if (self->stream_destroy != NULL)
    self->stream_destroy (self->stream_data);
  self->stream_func = func;
  self->stream_data = user_data;
  self->stream_destroy = destroy;
}

/**
 * budget_safe_save_backup_path:
 * @path: a file
 * @generation: 1 for the most recent backup
 *
 * Returns: (transfer full): "@path~" for generation 1, "@path~N" for generation N
 */
char *
budget_safe_save_backup_path (const char *path,
                              guint       generation)
{
  if (generation <= 1)
    return g_strconcat (path, "~", NULL);
  return g_strdup_printf ("%s~%u", path, generation);
}

/* Sets an error from @saved_errno; paths in the message may be in any encoding, so the message is
 * made valid UTF-8. */
static gboolean G_GNUC_PRINTF (3, 4)
set_errno_error (GError     **error,
                 int          saved_errno,
                 const char  *format,
                 ...)
{
  g_autofree char *what = NULL;
  g_autofree char *valid = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  valid = g_utf8_make_valid (what, -1);
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), "%s: %s", valid, g_strerror (saved_errno));
  return FALSE;
}

/* Follows symbolic links so that the link itself is kept and the file it points to is replaced. */
static char *
resolve_links (const char  *path,
               GError     **error)
{
  g_autofree char *current = g_strdup (path);

  for (guint i = 0; i < MAX_SYMLINKS; i++)
    {
      g_autofree char *target = NULL;
      struct stat st;

      if (g_lstat (current, &st) != 0 || !S_ISLNK (st.st_mode))
        return g_steal_pointer (&current);
      target = g_file_read_link (current, error);
      if (target == NULL)
        return NULL;
      if (!g_path_is_absolute (target))
        {
          g_autofree char *dir = g_path_get_dirname (current);

          g_free (current);
          current = g_build_filename (dir, target, NULL);
        }
      else
        {
          g_free (current);
          current = g_steal_pointer (&target);
        }
    }
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_TOO_MANY_LINKS,
               _("%s is a chain of too many symbolic links"), path);
  return NULL;
}

/* Removes the temporary files of saves to @base that were killed (their process is gone). */
static void
remove_stale_temporaries (const char *dir,
                          const char *base)
{
  g_autofree char *prefix = g_strdup_printf (".%s.saving-", base);
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  if (listing == NULL)
    return;
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      guint64 pid;
      const char *dash;
      g_autofree char *pid_text = NULL;

      if (!g_str_has_prefix (name, prefix))
        continue;
      dash = strchr (name + strlen (prefix), '-');
      if (dash == NULL)
        continue;
      pid_text = g_strndup (name + strlen (prefix), (gsize) (dash - name) - strlen (prefix));
      if (!g_ascii_string_to_unsigned (pid_text, 10, 1, G_MAXINT32, &pid, NULL))
        continue;
      if ((pid_t) pid != getpid () && kill ((pid_t) pid, 0) != 0 && errno == ESRCH)
        {
          g_autofree char *stale = g_build_filename (dir, name, NULL);

          g_unlink (stale);
        }
    }
}

/* Creates an empty temporary file next to the target; its name is returned in @temp_path. */
static int
create_temporary (const char  *dir,
                  const char  *base,
                  int          mode,
                  char       **temp_path,
                  GError     **error)
{
  g_autofree char *name = g_strdup_printf (".%s.saving-%d-XXXXXX", base, (int) getpid ());
  g_autofree char *path = g_build_filename (dir, name, NULL);
  int fd = g_mkstemp_full (path, O_WRONLY | O_CLOEXEC, mode);

  if (fd < 0)
    {
      int saved_errno = errno;

      return set_errno_error (error, saved_errno, _("Cannot create a file in the folder %s"), dir), -1;
    }
  *temp_path = g_steal_pointer (&path);
  return fd;
}

/* Writes @contents to @fd through the stream function and flushes it to the disk. */
static gboolean
write_and_sync (BudgetSafeSave  *self,
                int              fd,
                GBytes          *contents,
                GError         **error)
{
  g_autoptr(GOutputStream) file_stream = g_unix_output_stream_new (fd, FALSE);
  g_autoptr(GOutputStream) stream = NULL;
  gsize size;
  const void *data = g_bytes_get_data (contents, &size);

  stream = self->stream_func != NULL ? self->stream_func (file_stream, self->stream_data)
                                     : g_object_ref (file_stream);
  if (!g_output_stream_write_all (stream, data, size, NULL, NULL, error) ||
      !g_output_stream_close (stream, NULL, error))
    return FALSE;
  if (fsync (fd) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), "%s", g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

/* A complete copy of @source in @temp_fd, when the file system has no hard links. */
static gboolean
copy_into (BudgetSafeSave  *self,
           const char      *source,
           int              temp_fd,
           GError         **error)
{
  g_autofree char *data = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gsize size;

  if (!g_file_get_contents (source, &data, &size, error))
    return FALSE;
  bytes = g_bytes_new_take (g_steal_pointer (&data), size);
  return write_and_sync (self, temp_fd, bytes, error);
}

/* Makes @to a name of the file @from (which stays), replacing @to atomically: @to always holds a
 * complete file. */
static gboolean
replace_with_link (BudgetSafeSave  *self,
                   const char      *from,
                   const char      *to,
                   const char      *dir,
                   const char      *base,
                   GError         **error)
{
  g_autofree char *temp = NULL;
  int fd = create_temporary (dir, base, 0600, &temp, error);
  gboolean ok;

  if (fd < 0)
    return FALSE;
  /* mkstemp reserved a unique name; the link takes its place. */
  g_unlink (temp);
  if (link (from, temp) == 0)
    ok = TRUE;
  else if (errno == EPERM || errno == EXDEV || errno == EMLINK || errno == ENOTSUP || errno == EACCES)
    {
      struct stat st;

      /* No hard links here (or not for this file's owner): copy instead. */
      g_close (fd, NULL);
      fd = g_open (temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
      if (fd < 0)
        ok = set_errno_error (error, errno, _("Cannot create a file in the folder %s"), dir);
      else
        ok = copy_into (self, from, fd, error);
      if (ok && g_stat (from, &st) == 0)
        {
          if (fchown (fd, st.st_uid, st.st_gid) != 0)
            g_debug ("The backup of %s keeps the saver's owner: %s", from, g_strerror (errno));
          if (fchmod (fd, st.st_mode & 07777) != 0)
            g_debug ("The backup of %s keeps mode 0600: %s", from, g_strerror (errno));
        }
    }
  else
    ok = set_errno_error (error, errno, _("Cannot keep a backup of %s"), from);
  if (fd >= 0)
    g_close (fd, NULL);
  if (ok && g_rename (temp, to) != 0)
    ok = set_errno_error (error, errno, _("Cannot keep a backup of %s"), from);
  /* When @to already was a link to the same file (a save killed while shifting backups), rename()
   * succeeds without removing @temp. */
  g_unlink (temp);
  return ok;
}

/* Shifts the backups up one generation and makes the current file generation 1. */
static gboolean
rotate_backups (BudgetSafeSave  *self,
                const char      *target,
                const char      *dir,
                const char      *base,
                GError         **error)
{
  for (guint generation = self->n_backups - 1; generation >= 1; generation--)
    {
      g_autofree char *older = budget_safe_save_backup_path (target, generation + 1);
      g_autofree char *newer = budget_safe_save_backup_path (target, generation);

      if (g_file_test (newer, G_FILE_TEST_IS_REGULAR) &&
          !replace_with_link (self, newer, older, dir, base, error))
        return FALSE;
    }
  {
    g_autofree char *first = budget_safe_save_backup_path (target, 1);

    return replace_with_link (self, target, first, dir, base, error);
  }
}

static gboolean
sync_folder (const char  *dir,
             GError     **error)
{
  int fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
  int saved_errno;

  if (fd < 0)
    return TRUE;   /* nothing more can be done; the rename itself has happened */
  if (fsync (fd) == 0 || errno == EINVAL || errno == ENOTSUP)
    {
      g_close (fd, NULL);
      return TRUE;
    }
  saved_errno = errno;
  g_close (fd, NULL);
  return set_errno_error (error, saved_errno, _("The folder %s could not be written to the disk"), dir);
}

/**
 * budget_safe_save_write:
 * @self: a writer
 * @contents: the new content of the file
 * @error: return location for an error
 *
 * Replaces the file. On failure the file and its backups are as they were (a failure after the
 * backups were shifted leaves every previous version under one of the backup names) and no temporary
 * file remains.
 *
 * Returns: whether the file now holds @contents, on the disk
 */
gboolean
budget_safe_save_write (BudgetSafeSave  *self,
                        GBytes          *contents,
                        GError         **error)
{
  g_autofree char *target = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *temp = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean exists;
  struct stat st;
  int fd;

  g_return_val_if_fail (BUDGET_IS_SAFE_SAVE (self), FALSE);
  g_return_val_if_fail (contents != NULL, FALSE);

  target = resolve_links (self->path, error);
  if (target == NULL)
    return FALSE;
  dir = g_path_get_dirname (target);
  base = g_path_get_basename (target);

  exists = g_stat (target, &st) == 0;
  if (exists && !S_ISREG (st.st_mode))
    {
      g_autofree char *display = g_filename_display_name (target);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE, _("%s is not a regular file"), display);
      return FALSE;
    }
  remove_stale_temporaries (dir, base);

  /* A new file gets the usual permissions (0666 less the umask); an existing one keeps its own. */
  fd = create_temporary (dir, base, exists ? 0600 : 0666, &temp, error);
  if (fd < 0)
    return FALSE;
  if (exists)
    {
      if ((st.st_uid != geteuid () || st.st_gid != getegid ()) && fchown (fd, st.st_uid, st.st_gid) != 0)
        g_debug ("%s now belongs to the user saving it: %s", target, g_strerror (errno));
      if (fchmod (fd, st.st_mode & 07777) != 0)
        g_debug ("%s could not keep its permissions: %s", target, g_strerror (errno));
    }

  if (!write_and_sync (self, fd, contents, &local_error))
    {
      g_close (fd, NULL);
      g_unlink (temp);
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NO_SPACE))
        g_set_error (error, local_error->domain, local_error->code,
                     _("the disk is full (%s); the file on disk is unchanged. Free some space or save "
                       "the project elsewhere."), local_error->message);
      else
        g_set_error (error, local_error->domain, local_error->code,
                     _("the new version could not be written (%s); the file on disk is unchanged"),
                     local_error->message);
      return FALSE;
    }
  if (!g_close (fd, &local_error))
    {
      g_unlink (temp);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (exists && self->n_backups > 0 && !rotate_backups (self, target, dir, base, error))
    {
      g_unlink (temp);
      return FALSE;
    }
  if (g_rename (temp, target) != 0)
    {
      int saved_errno = errno;

      g_unlink (temp);
      return set_errno_error (error, saved_errno, _("Cannot replace %s"), target);
    }
  return sync_folder (dir, error);
}
