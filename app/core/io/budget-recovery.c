/* budget-recovery.c: recovery copies of unsaved documents, for restoring after a crash
 *
 * The folder (g_get_user_state_dir()/budget-editor/recovery by default) holds, per document with
 * unsaved changes, ID.budget (the document in the project format) and ID.info (a key file: the
 * project file, the name shown, the time of the last edit, the host and pid of the editor). The
 * window serializes on the main thread (the model is not thread-safe); one worker thread writes and
 * removes the files in the order asked, so a discard never overtakes the write before it, and the
 * main thread never waits for the disk. Each file is written atomically (a temporary file renamed
 * over the old one) so a crash mid-write leaves the previous copy.
 *
 * Copies whose editor is still running belong to that editor; after a crash its pid is gone and
 * budget_recovery_list() offers them.
 */

#include "config.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "io/budget-lock-file.h"
#include "io/budget-project-io.h"
#include "io/budget-recovery.h"

#define INFO_GROUP "Recovery"

typedef enum
{
  JOB_WRITE,
  JOB_DISCARD,
  JOB_QUIT,
} JobKind;

typedef struct
{
  JobKind  kind;
  char    *id;
  char    *path;
  char    *display_name;
  gint64   edited;
  GBytes  *bytes;
} Job;

struct _BudgetRecovery
{
  GObject   parent_instance;

  char     *folder;
  GThread  *worker;
  GMutex    mutex;
  GCond     cond;
  GQueue    jobs;
  gboolean  busy;
};

G_DEFINE_FINAL_TYPE (BudgetRecovery, budget_recovery, G_TYPE_OBJECT)

static void
job_free (Job *job)
{
  g_free (job->id);
  g_free (job->path);
  g_free (job->display_name);
  g_clear_pointer (&job->bytes, g_bytes_unref);
  g_free (job);
}

void
budget_recovery_entry_free (BudgetRecoveryEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->id);
  g_free (entry->path);
  g_free (entry->display_name);
  g_clear_pointer (&entry->edited, g_date_time_unref);
  g_free (entry->host);
  g_free (entry);
}

static char *
file_for (const char *folder,
          const char *id,
          const char *suffix)
{
  g_autofree char *name = g_strconcat (id, suffix, NULL);

  return g_build_filename (folder, name, NULL);
}

static void
run_write (const char *folder,
           Job        *job)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GKeyFile) info = g_key_file_new ();
  g_autofree char *project = file_for (folder, job->id, ".budget");
  g_autofree char *info_path = file_for (folder, job->id, ".info");
  g_autofree char *info_data = NULL;
  gsize length = 0;
  const char *data = g_bytes_get_data (job->bytes, &length);

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      g_debug ("Recovery folder %s: %s", folder, g_strerror (errno));
      return;
    }
  if (job->path != NULL)
    g_key_file_set_string (info, INFO_GROUP, "path", job->path);
  g_key_file_set_string (info, INFO_GROUP, "name", job->display_name != NULL ? job->display_name : "");
  g_key_file_set_int64 (info, INFO_GROUP, "edited", job->edited);
  g_key_file_set_string (info, INFO_GROUP, "host", g_get_host_name ());
  g_key_file_set_int64 (info, INFO_GROUP, "pid", getpid ());
  info_data = g_key_file_to_data (info, NULL, NULL);
  if (!g_file_set_contents_full (project, data, (gssize) length, G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error) ||
      !g_file_set_contents_full (info_path, info_data, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
    g_debug ("Recovery copy %s: %s", job->id, error->message);
}

static void
run_discard (const char *folder,
             Job        *job)
{
  g_autofree char *project = file_for (folder, job->id, ".budget");
  g_autofree char *info = file_for (folder, job->id, ".info");

  g_unlink (project);
  g_unlink (info);
}

static gpointer
worker_main (gpointer data)
{
  BudgetRecovery *self = data;

  for (;;)
    {
      Job *job;

      g_mutex_lock (&self->mutex);
      while ((job = g_queue_pop_head (&self->jobs)) == NULL)
        g_cond_wait (&self->cond, &self->mutex);
      self->busy = TRUE;
      g_mutex_unlock (&self->mutex);

      if (job->kind == JOB_WRITE)
        run_write (self->folder, job);
      else if (job->kind == JOB_DISCARD)
        run_discard (self->folder, job);

      g_mutex_lock (&self->mutex);
      self->busy = FALSE;
      g_cond_broadcast (&self->cond);
      g_mutex_unlock (&self->mutex);
      if (job->kind == JOB_QUIT)
        {
          job_free (job);
          return NULL;
        }
      job_free (job);
    }
}

static void
push (BudgetRecovery *self,
      Job            *job)
{
  g_mutex_lock (&self->mutex);
  /* A write still waiting is out of date once a newer write or a discard of the same copy comes. */
  for (GList *l = self->jobs.head; l != NULL;)
    {
      GList *next = l->next;
      Job *queued = l->data;

      if (queued->kind == JOB_WRITE && g_strcmp0 (queued->id, job->id) == 0)
        {
          g_queue_delete_link (&self->jobs, l);
          job_free (queued);
        }
      l = next;
    }
  g_queue_push_tail (&self->jobs, job);
  if (self->worker == NULL)
    self->worker = g_thread_new ("budget-recovery", worker_main, self);
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->mutex);
}

static void
budget_recovery_finalize (GObject *object)
{
  BudgetRecovery *self = BUDGET_RECOVERY (object);

  /* Pending writes and discards finish before the application ends. */
  if (self->worker != NULL)
    {
      Job *quit = g_new0 (Job, 1);

      quit->kind = JOB_QUIT;
      push (self, quit);
      g_thread_join (self->worker);
    }
  g_queue_clear_full (&self->jobs, (GDestroyNotify) job_free);
  g_mutex_clear (&self->mutex);
  g_cond_clear (&self->cond);
  g_free (self->folder);

  G_OBJECT_CLASS (budget_recovery_parent_class)->finalize (object);
}

static void
budget_recovery_class_init (BudgetRecoveryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = budget_recovery_finalize;
}

static void
budget_recovery_init (BudgetRecovery *self)
{
  g_mutex_init (&self->mutex);
  g_cond_init (&self->cond);
  g_queue_init (&self->jobs);
}

/**
 * budget_recovery_new:
 * @folder: (nullable): the recovery folder; %NULL for g_get_user_state_dir()/budget-editor/recovery
 *
 * Returns: (transfer full): the recovery folder's keeper
 */
BudgetRecovery *
budget_recovery_new (const char *folder)
{
  BudgetRecovery *self = g_object_new (BUDGET_TYPE_RECOVERY, NULL);

  self->folder = folder != NULL ? g_strdup (folder)
                                : g_build_filename (g_get_user_state_dir (), "budget-editor", "recovery", NULL);
  return self;
}

const char *
budget_recovery_get_folder (BudgetRecovery *self)
{
  g_return_val_if_fail (BUDGET_IS_RECOVERY (self), NULL);

  return self->folder;
}

/* Returns: (transfer full): a name for a new document's recovery copy */
char *
budget_recovery_new_id (void)
{
  return g_uuid_string_random ();
}

/**
 * budget_recovery_write:
 * @self: the recovery folder
 * @id: the document's copy (budget_recovery_new_id())
 * @path: (nullable): the document's project file
 * @display_name: the name the window shows
 * @edited: the time of the last edit, as g_get_real_time()
 * @bytes: the document, serialized on the main thread (budget_project_serialize())
 *
 * Writes the copy in the worker thread and returns at once; a newer write of the same copy replaces
 * one that has not started yet.
 */
void
budget_recovery_write (BudgetRecovery *self,
                       const char     *id,
                       const char     *path,
                       const char     *display_name,
                       gint64          edited,
                       GBytes         *bytes)
{
  Job *job;

  g_return_if_fail (BUDGET_IS_RECOVERY (self));
  g_return_if_fail (id != NULL);
  g_return_if_fail (bytes != NULL);

  job = g_new0 (Job, 1);
  job->kind = JOB_WRITE;
  job->id = g_strdup (id);
  job->path = g_strdup (path);
  job->display_name = g_strdup (display_name);
  job->edited = edited;
  job->bytes = g_bytes_ref (bytes);
  push (self, job);
}

/**
 * budget_recovery_discard:
 * @self: the recovery folder
 * @id: a copy
 *
 * Removes the copy (after any write of it asked for before), in the worker thread.
 */
void
budget_recovery_discard (BudgetRecovery *self,
                         const char     *id)
{
  Job *job;

  g_return_if_fail (BUDGET_IS_RECOVERY (self));
  g_return_if_fail (id != NULL);

  job = g_new0 (Job, 1);
  job->kind = JOB_DISCARD;
  job->id = g_strdup (id);
  push (self, job);
}

/* Waits until every write and discard asked for is done. */
void
budget_recovery_wait (BudgetRecovery *self)
{
  g_return_if_fail (BUDGET_IS_RECOVERY (self));

  g_mutex_lock (&self->mutex);
  while (self->busy || !g_queue_is_empty (&self->jobs))
    g_cond_wait (&self->cond, &self->mutex);
  g_mutex_unlock (&self->mutex);
}

static BudgetRecoveryEntry *
read_entry (const char *folder,
            const char *id)
{
  g_autoptr(GKeyFile) info = g_key_file_new ();
  g_autofree char *project = file_for (folder, id, ".budget");
  g_autofree char *info_path = file_for (folder, id, ".info");
  g_autofree char *path = NULL;
  BudgetRecoveryEntry *entry = g_new0 (BudgetRecoveryEntry, 1);
  gint64 edited = 0;

  entry->id = g_strdup (id);
  /* A copy whose info was never written (a crash in between) is still offered, named by its time. */
  if (g_key_file_load_from_file (info, info_path, G_KEY_FILE_NONE, NULL))
    {
      path = g_key_file_get_string (info, INFO_GROUP, "path", NULL);
      entry->path = path != NULL && path[0] != '\0' ? g_steal_pointer (&path) : NULL;
      entry->display_name = g_key_file_get_string (info, INFO_GROUP, "name", NULL);
      edited = g_key_file_get_int64 (info, INFO_GROUP, "edited", NULL);
      entry->host = g_key_file_get_string (info, INFO_GROUP, "host", NULL);
      entry->pid = (GPid) g_key_file_get_int64 (info, INFO_GROUP, "pid", NULL);
    }
  if (edited <= 0)
    {
      GStatBuf st;

      edited = g_stat (project, &st) == 0 ? (gint64) st.st_mtime * G_USEC_PER_SEC : g_get_real_time ();
    }
  entry->edited = g_date_time_new_from_unix_local (edited / G_USEC_PER_SEC);
  if (entry->display_name == NULL || entry->display_name[0] == '\0')
    {
      g_free (entry->display_name);
      entry->display_name = entry->path != NULL ? g_filename_display_basename (entry->path) : g_strdup (id);
    }
  return entry;
}

static int
compare_edited (gconstpointer a,
                gconstpointer b)
{
  const BudgetRecoveryEntry *x = *(BudgetRecoveryEntry * const *) a;
  const BudgetRecoveryEntry *y = *(BudgetRecoveryEntry * const *) b;

  return g_date_time_compare (x->edited, y->edited);
}

/**
 * budget_recovery_list:
 * @self: the recovery folder
 * @orphans_only: leave out the copies of editors still running on this host (this one included)
 *
 * Returns: (transfer full) (element-type BudgetRecoveryEntry): the copies, oldest edit first
 */
GPtrArray *
budget_recovery_list (BudgetRecovery *self,
                      gboolean        orphans_only)
{
  GPtrArray *entries = g_ptr_array_new_with_free_func ((GDestroyNotify) budget_recovery_entry_free);
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_return_val_if_fail (BUDGET_IS_RECOVERY (self), entries);

  dir = g_dir_open (self->folder, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *id = NULL;
      BudgetRecoveryEntry *entry;

      if (!g_str_has_suffix (name, ".budget"))
        continue;
      id = g_strndup (name, strlen (name) - strlen (".budget"));
      entry = read_entry (self->folder, id);
      if (orphans_only && entry->pid > 0 && budget_process_is_running (entry->host, entry->pid))
        {
          budget_recovery_entry_free (entry);
          continue;
        }
      g_ptr_array_add (entries, entry);
    }
  g_ptr_array_sort (entries, compare_edited);
  return entries;
}

/**
 * budget_recovery_load:
 * @self: the recovery folder
 * @entry: a copy
 * @error: return location for why the copy does not load
 *
 * Returns: (transfer full) (nullable): the document as it was at the last edit, standing for its
 * project file and modified (budget_document_mark_recovered())
 */
BudgetDocument *
budget_recovery_load (BudgetRecovery             *self,
                      const BudgetRecoveryEntry  *entry,
                      GError                    **error)
{
  g_autofree char *project = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GMappedFile) mapped = NULL;
  BudgetDocument *document;

  g_return_val_if_fail (BUDGET_IS_RECOVERY (self), NULL);
  g_return_val_if_fail (entry != NULL, NULL);

  project = file_for (self->folder, entry->id, ".budget");
  mapped = g_mapped_file_new (project, FALSE, error);
  if (mapped == NULL)
    return NULL;
  bytes = g_mapped_file_get_bytes (mapped);
  document = budget_project_load_bytes (bytes, entry->display_name, error);
  if (document != NULL)
    budget_document_mark_recovered (document, entry->path);
  return document;
}
