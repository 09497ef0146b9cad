/* budget-lock-file.c: the lock beside an open project, in LibreOffice's format
 *
 * Officers share project folders, often next to LibreOffice documents, so the lock follows
 * LibreOffice's convention: a file ".~lock.NAME#" beside NAME holding one CSV line
 *
 *   FORMAL NAME,USER,HOST,DD.MM.YYYY HH:MM,PROFILE URL;
 *
 * with ',', ';' and '\' escaped by a backslash (svl/source/misc/lockfilecommon.cxx). LibreOffice
 * reads exactly these five fields and rejects anything after the ';', so the process id that the
 * stale-lock check needs cannot go into a field of its own. It goes into the last field, which
 * LibreOffice only compares with its own profile URL to tell "locked by yourself": ours is the
 * editor's state folder with "#pid=N" appended ("file:///home/u/.local/state/budget-editor#pid=42"),
 * never equal to a LibreOffice profile, so LibreOffice shows our lock as held by USER on HOST, and
 * we read its locks (no pid) as held by someone whose process we cannot check.
 *
 * A lock is stale when it names this host and a pid of ours whose process is gone (the editor
 * crashed): it is taken over without asking.
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <glib/gstdio.h>
#ifdef G_OS_UNIX
#include <signal.h>
#include <unistd.h>
#endif

#include "io/budget-lock-file.h"

#define PID_MARKER "/budget-editor#pid="

struct _BudgetLockFile
{
  GObject   parent_instance;

  char     *lock_path;
  char     *formal_name;
  char     *user;
  char     *host;
  char     *time;
  char     *profile;
  GPid      pid;
  gboolean  held;   /* this process wrote it and removes it on release */
};

G_DEFINE_FINAL_TYPE (BudgetLockFile, budget_lock_file, G_TYPE_OBJECT)

static void
budget_lock_file_finalize (GObject *object)
{
  BudgetLockFile *self = BUDGET_LOCK_FILE (object);

  budget_lock_file_release (self);
  g_free (self->lock_path);
  g_free (self->formal_name);
  g_free (self->user);
  g_free (self->host);
  g_free (self->time);
  g_free (self->profile);

  G_OBJECT_CLASS (budget_lock_file_parent_class)->finalize (object);
}

static void
budget_lock_file_class_init (BudgetLockFileClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = budget_lock_file_finalize;
}

static void
budget_lock_file_init (BudgetLockFile *self)
{
}

/**
 * budget_lock_file_path_for:
 * @project_path: a project file
 *
 * Returns: (transfer full): the lock file's path: ".~lock.NAME#" in the project's folder
 */
char *
budget_lock_file_path_for (const char *project_path)
{
  g_autofree char *dir = g_path_get_dirname (project_path);
  g_autofree char *base = g_path_get_basename (project_path);
  g_autofree char *name = g_strconcat (".~lock.", base, "#", NULL);

  return g_build_filename (dir, name, NULL);
}

static void
append_escaped (GString    *line,
                const char *field)
{
  for (const char *p = field != NULL ? field : ""; *p != '\0'; p++)
    {
      if (*p == ',' || *p == ';' || *p == '\\')
        g_string_append_c (line, '\\');
      g_string_append_c (line, *p);
    }
}

/**
 * budget_lock_file_format_line:
 * @formal_name: (nullable): the officer's full name, if known
 * @user: the login name
 * @host: the host name
 * @time: when the project was opened
 * @profile: the profile URL (ours carries the pid)
 *
 * Returns: (transfer full): the lock file's content, as LibreOffice writes it
 */
char *
budget_lock_file_format_line (const char *formal_name,
                              const char *user,
                              const char *host,
                              GDateTime  *time,
                              const char *profile)
{
  GString *line = g_string_new (NULL);
  g_autofree char *stamp = g_date_time_format (time, "%d.%m.%Y %H:%M");

  append_escaped (line, formal_name);
  g_string_append_c (line, ',');
  append_escaped (line, user);
  g_string_append_c (line, ',');
  append_escaped (line, host);
  g_string_append_c (line, ',');
  append_escaped (line, stamp);
  g_string_append_c (line, ',');
  append_escaped (line, profile);
  g_string_append_c (line, ';');
  return g_string_free (line, FALSE);
}

/* Reads the five fields of the first entry; FALSE when the line is not a lock entry. */
static gboolean
parse_line (const char  *contents,
            gsize        length,
            char       **fields)
{
  gsize pos = 0;

  for (guint i = 0; i < 5; i++)
    {
      GString *field = g_string_new (NULL);
      char end = '\0';

      while (pos < length)
        {
          char c = contents[pos++];

          if (c == '\\' && pos < length)
            g_string_append_c (field, contents[pos++]);
          else if (c == ',' || c == ';')
            {
              end = c;
              break;
            }
          else
            g_string_append_c (field, c);
        }
      fields[i] = g_string_free (field, FALSE);
      if (end != (i < 4 ? ',' : ';'))
        return FALSE;
    }
  return TRUE;
}

static GPid
pid_of_profile (const char *profile)
{
  const char *marker = strstr (profile, PID_MARKER);
  guint64 pid = 0;

  if (marker == NULL || !g_ascii_string_to_unsigned (marker + strlen (PID_MARKER), 10, 1, G_MAXINT, &pid, NULL))
    return 0;
  return (GPid) pid;
}

/**
 * budget_lock_file_read:
 * @project_path: a project file
 * @error: return location for %G_IO_ERROR_NOT_FOUND when the project is not locked, or why the lock
 *   cannot be read
 *
 * Reads the lock beside @project_path. A lock that is not in LibreOffice's format still locks: its
 * owner's fields are empty.
 *
 * Returns: (transfer full) (nullable): the lock, not held by this process
 */
BudgetLockFile *
budget_lock_file_read (const char  *project_path,
                       GError     **error)
{
  g_autoptr(BudgetLockFile) self = NULL;
  g_autofree char *contents = NULL;
  char *fields[5] = { NULL };
  gsize length = 0;

  g_return_val_if_fail (project_path != NULL, NULL);

  self = g_object_new (BUDGET_TYPE_LOCK_FILE, NULL);
  self->lock_path = budget_lock_file_path_for (project_path);
  if (!g_file_get_contents (self->lock_path, &contents, &length, error))
    return NULL;
  if (parse_line (contents, length, fields))
    {
      self->formal_name = g_steal_pointer (&fields[0]);
      self->user = g_steal_pointer (&fields[1]);
      self->host = g_steal_pointer (&fields[2]);
      self->time = g_steal_pointer (&fields[3]);
      self->profile = g_steal_pointer (&fields[4]);
      self->pid = pid_of_profile (self->profile);
    }
  for (guint i = 0; i < 5; i++)
    g_free (fields[i]);
  return g_steal_pointer (&self);
}

static char *
own_profile (void)
{
  g_autofree char *folder = g_build_filename (g_get_user_state_dir (), "budget-editor", NULL);
  g_autofree char *uri = g_filename_to_uri (folder, NULL, NULL);

  return g_strdup_printf ("%s#pid=%d", uri != NULL ? uri : "file:///budget-editor", (int) getpid ());
}

static void
fill_own (BudgetLockFile *self)
{
  const char *real_name = g_get_real_name ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  /* GLib says "Unknown" when the account has no full name; LibreOffice leaves the field empty. */
  self->formal_name = g_strdup (g_strcmp0 (real_name, "Unknown") != 0 ? real_name : "");
  self->user = g_strdup (g_get_user_name ());
  self->host = g_strdup (g_get_host_name ());
  self->time = g_date_time_format (now, "%d.%m.%Y %H:%M");
  self->profile = own_profile ();
  self->pid = getpid ();
}

/**
 * budget_lock_file_acquire:
 * @project_path: a project file
 * @take_over: replace a lock held by someone else (the officer chose to open anyway)
 * @error: return location for %G_IO_ERROR_EXISTS when someone else holds the project (read who with
 *   budget_lock_file_read()), or why the lock cannot be written
 *
 * Locks @project_path for this process. A stale lock (its editor gone on this host) and a lock of
 * this process are taken over without @take_over.
 *
 * Returns: (transfer full) (nullable): the lock, removed by budget_lock_file_release() or when freed
 */
BudgetLockFile *
budget_lock_file_acquire (const char  *project_path,
                          gboolean     take_over,
                          GError     **error)
{
  g_autoptr(BudgetLockFile) self = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *line = NULL;
  int fd;

  g_return_val_if_fail (project_path != NULL, NULL);

  self = g_object_new (BUDGET_TYPE_LOCK_FILE, NULL);
  self->lock_path = budget_lock_file_path_for (project_path);
  fill_own (self);
  line = budget_lock_file_format_line (self->formal_name, self->user, self->host, now, self->profile);

  /* Creating the file exclusively settles a race between two officers opening at once. */
  fd = g_open (self->lock_path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd >= 0)
    {
      gboolean written = write (fd, line, strlen (line)) == (gssize) strlen (line);
      int saved_errno = errno;

      g_close (fd, NULL);
      if (!written)
        {
          g_unlink (self->lock_path);
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), "%s: %s", self->lock_path,
                       g_strerror (saved_errno));
          return NULL;
        }
      self->held = TRUE;
      return g_steal_pointer (&self);
    }
  if (errno != EEXIST)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), "%s: %s", self->lock_path,
                   g_strerror (saved_errno));
      return NULL;
    }
  if (!take_over)
    {
      g_autoptr(BudgetLockFile) existing = budget_lock_file_read (project_path, NULL);

      if (existing == NULL || !(budget_lock_file_is_stale (existing) || budget_lock_file_is_ours (existing)))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS, "%s", self->lock_path);
          return NULL;
        }
    }
  if (!g_file_set_contents (self->lock_path, line, -1, error))
    return NULL;
  self->held = TRUE;
  return g_steal_pointer (&self);
}

/**
 * budget_lock_file_release:
 * @self: a lock
 *
 * Removes the lock file when this process holds it and it still names this process (someone who
 * opened the project anyway keeps theirs).
 */
void
budget_lock_file_release (BudgetLockFile *self)
{
  g_autofree char *contents = NULL;
  char *fields[5] = { NULL };
  gsize length = 0;

  g_return_if_fail (BUDGET_IS_LOCK_FILE (self));

  if (!self->held)
    return;
  self->held = FALSE;
  if (!g_file_get_contents (self->lock_path, &contents, &length, NULL))
    return;
  if (parse_line (contents, length, fields) && g_strcmp0 (fields[2], self->host) == 0 &&
      g_strcmp0 (fields[4], self->profile) == 0)
    g_unlink (self->lock_path);
  for (guint i = 0; i < 5; i++)
    g_free (fields[i]);
}

/**
 * budget_lock_file_get_user:
 * @self: a lock
 *
 * Returns: who holds the lock, as LibreOffice names them: the full name, else the login name
 */
const char *
budget_lock_file_get_user (BudgetLockFile *self)
{
  g_return_val_if_fail (BUDGET_IS_LOCK_FILE (self), NULL);

  if (self->formal_name != NULL && self->formal_name[0] != '\0')
    return self->formal_name;
  return self->user != NULL ? self->user : "";
}

const char *
budget_lock_file_get_host (BudgetLockFile *self)
{
  g_return_val_if_fail (BUDGET_IS_LOCK_FILE (self), NULL);

  return self->host != NULL ? self->host : "";
}

/* Returns: when the lock was taken, as written ("DD.MM.YYYY HH:MM", the holder's local time) */
const char *
budget_lock_file_get_time (BudgetLockFile *self)
{
  g_return_val_if_fail (BUDGET_IS_LOCK_FILE (self), NULL);

  return self->time != NULL ? self->time : "";
}

/**
 * budget_lock_file_dup_date_time:
 * @self: a lock
 *
 * Returns: (transfer full) (nullable): when the lock was taken (local time), or %NULL when the time
 * is not in LibreOffice's "DD.MM.YYYY HH:MM"
 */
GDateTime *
budget_lock_file_dup_date_time (BudgetLockFile *self)
{
  int day, month, year, hour, minute;
  char end;

  g_return_val_if_fail (BUDGET_IS_LOCK_FILE (self), NULL);

  if (self->time == NULL ||
      sscanf (self->time, "%2d.%2d.%4d %2d:%2d%c", &day, &month, &year, &hour, &minute, &end) != 5)
    return NULL;
  return g_date_time_new_local (year, month, day, hour, minute, 0);
}

/* Returns: the holding editor's process id, or 0 for a lock of LibreOffice or an unknown writer */
GPid
budget_lock_file_get_pid (BudgetLockFile *self)
{
  g_return_val_if_fail (BUDGET_IS_LOCK_FILE (self), 0);

  return self->pid;
}

/* Returns: whether this very process wrote the lock */
gboolean
budget_lock_file_is_ours (BudgetLockFile *self)
{
  g_return_val_if_fail (BUDGET_IS_LOCK_FILE (self), FALSE);

  return self->pid == getpid () && g_strcmp0 (self->host, g_get_host_name ()) == 0;
}

/* Returns: whether the lock was left by an editor of this host that is no longer running */
gboolean
budget_lock_file_is_stale (BudgetLockFile *self)
{
  g_return_val_if_fail (BUDGET_IS_LOCK_FILE (self), FALSE);

  if (self->pid <= 0 || g_strcmp0 (self->host, g_get_host_name ()) != 0)
    return FALSE;
  return !budget_process_is_running (self->host, self->pid);
}

/**
 * budget_process_is_running:
 * @host: the host a process ran on
 * @pid: its process id
 *
 * Returns: whether the process may still be running: %TRUE for another host (it cannot be checked)
 */
gboolean
budget_process_is_running (const char *host,
                           GPid        pid)
{
  if (pid <= 0 || g_strcmp0 (host, g_get_host_name ()) != 0)
    return TRUE;
#ifdef G_OS_UNIX
  return kill (pid, 0) == 0 || errno != ESRCH;
#else
  return TRUE;
#endif
}
