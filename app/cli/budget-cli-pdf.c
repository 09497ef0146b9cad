/* budget-cli-pdf.c: PDF export from the command line, for one project or a batch of them.
 *
 *   budget-editor --export-pdf OUT FILE [--forms T1,T2,…]
 *   budget-editor --export-pdf-batch DIR FILE… [--forms T1,T2,…]
 */

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#ifdef G_OS_UNIX
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>
#endif

#include "budget-cli.h"
#include "budget-cli-pdf.h"
#include "render/budget-renderer.h"

/**
 * budget_cli_pdf_parse_forms:
 * @argc: argument count
 * @argv: arguments
 * @error: return location for an error (a `--forms` without its list)
 *
 * Returns: (transfer full) (nullable): the form ids of `--forms T1,T2,…`, or %NULL when the option is
 * absent (every published form)
 */
GStrv
budget_cli_pdf_parse_forms (int      argc,
                            char   **argv,
                            GError **error)
{
  g_autoptr(GStrvBuilder) builder = NULL;

  for (int i = 1; i < argc; i++)
    {
      g_auto(GStrv) ids = NULL;

      if (!g_str_equal (argv[i], "--forms"))
        continue;
      if (i + 1 >= argc || argv[i + 1][0] == '\0' || g_str_has_prefix (argv[i + 1], "--"))
        {
          g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                               _("--forms needs a comma-separated list of form ids, e.g. --forms T1,T2"));
          return NULL;
        }
      if (builder == NULL)
        builder = g_strv_builder_new ();
      ids = g_strsplit (argv[i + 1], ",", -1);
      for (guint k = 0; ids[k] != NULL; k++)
        {
          g_strstrip (ids[k]);
          if (ids[k][0] != '\0')
            g_strv_builder_add (builder, ids[k]);
        }
      i++;
    }
  return builder != NULL ? g_strv_builder_end (builder) : NULL;
}

/**
 * budget_cli_pdf_operands:
 * @argc: argument count
 * @argv: arguments
 * @start: the index of the first operand
 *
 * Returns: (transfer container) (element-type utf8): the operands from @start on, without the
 * `--forms LIST` pairs, %NULL-terminated
 */
GPtrArray *
budget_cli_pdf_operands (int    argc,
                         char **argv,
                         int    start)
{
  GPtrArray *operands = g_ptr_array_new ();

  for (int i = start; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--forms"))
        {
          i++;
          continue;
        }
      g_ptr_array_add (operands, argv[i]);
    }
  g_ptr_array_add (operands, NULL);
  return operands;
}

static gboolean
export_one (const char          *output,
            const char          *project,
            const char * const  *form_ids,
            guint               *n_pages,
            GError             **error)
{
  g_autoptr(BudgetDocument) document = budget_cli_open (project, error);
  g_autoptr(BudgetRenderer) renderer = NULL;

  if (document == NULL)
    return FALSE;
  /* Unknown ids and input forms are errors here, not silently left out. */
  if (form_ids != NULL)
    for (guint i = 0; form_ids[i] != NULL; i++)
      {
        BudgetForm *form = budget_document_lookup_form (document, form_ids[i]);

        if (form == NULL)
          {
            g_set_error (error, BUDGET_RENDERER_ERROR, BUDGET_RENDERER_ERROR_UNKNOWN_FORM,
                         _("The project has no form “%s”"), form_ids[i]);
            return FALSE;
          }
        if (!budget_form_def_is_published (budget_form_get_def (form)))
          {
            g_set_error (error, BUDGET_RENDERER_ERROR, BUDGET_RENDERER_ERROR_NOT_PUBLISHED,
                         _("The form “%s” is an input form and is not published"), form_ids[i]);
            return FALSE;
          }
      }
  renderer = budget_renderer_new (document, form_ids);
  *n_pages = budget_renderer_paginate (renderer, NULL);
  return budget_renderer_write_pdf (renderer, output, error);
}

/**
 * budget_cli_export_pdf:
 * @output: the PDF to write
 * @project: a project file, or "sample"
 * @form_ids: (nullable): the forms to export, %NULL for all
 *
 * Returns: the exit status (0, or 1 with the reason on stderr)
 */
int
budget_cli_export_pdf (const char         *output,
                       const char         *project,
                       const char * const *form_ids)
{
  g_autoptr(GError) error = NULL;
  guint n_pages = 0;

  if (!export_one (output, project, form_ids, &n_pages, &error))
    {
      g_printerr ("budget-editor: %s: %s\n", project, error->message);
      return 1;
    }
  return 0;
}

static char *
output_name (const char *directory,
             const char *project,
             GHashTable *used)
{
  g_autofree char *base = g_path_get_basename (project);
  g_autofree char *stem = g_str_has_suffix (base, ".budget") ? g_strndup (base, strlen (base) - 7)
                                                              : g_strdup (base);

  /* Two projects with the same name from different folders must not overwrite each other. */
  for (guint n = 1;; n++)
    {
      g_autofree char *name = n == 1 ? g_strdup_printf ("%s.pdf", stem) : g_strdup_printf ("%s-%u.pdf", stem, n);

      if (!g_hash_table_contains (used, name))
        {
          g_hash_table_add (used, g_strdup (name));
          return g_build_filename (directory, name, NULL);
        }
    }
}

typedef struct
{
  const char         *project;
  char               *output;
  const char * const *form_ids;
  gboolean            done;
  guint               n_pages;
  double              seconds;
  char               *message;   /* the error, or NULL */
} BatchJob;

static void
run_job (BatchJob *job)
{
  g_autoptr(GError) error = NULL;
  gint64 begin = g_get_monotonic_time ();

  if (!export_one (job->output, job->project, job->form_ids, &job->n_pages, &error))
    job->message = g_strdup (error->message);
  job->seconds = (g_get_monotonic_time () - begin) / 1e6;
  job->done = TRUE;
}

static void
report_job (const BatchJob *job,
            guint           done,
            guint           total)
{
  if (job->message == NULL)
    printf ("[%u/%u] %s → %s (%u pages, %.2f s)\n", done, total, job->project, job->output, job->n_pages,
            job->seconds);
  else
    {
      fflush (stdout);
      g_printerr ("[%u/%u] %s: %s\n", done, total, job->project, job->message);
    }
  fflush (stdout);
}

#ifdef G_OS_UNIX
/* A worker process exports every n-th job and writes one line per job to its pipe:
 * "INDEX<TAB>PAGES<TAB>SECONDS<TAB>MESSAGE", the message empty on success. */
G_GNUC_NORETURN static void
worker_main (BatchJob *jobs,
             guint     total,
             guint     worker,
             guint     n_workers,
             int       fd)
{
  for (guint i = worker; i < total; i += n_workers)
    {
      g_autoptr(GString) line = g_string_new (NULL);
      gsize written = 0;

      run_job (&jobs[i]);
      g_string_printf (line, "%u\t%u\t%.3f\t", i, jobs[i].n_pages, jobs[i].seconds);
      if (jobs[i].message != NULL)
        {
          g_autofree char *flat = g_strdelimit (g_strdup (jobs[i].message), "\t\n\r", ' ');

          g_string_append (line, flat);
        }
      g_string_append_c (line, '\n');
      while (written < line->len)
        {
          gssize n = write (fd, line->str + written, line->len - written);

          if (n < 0 && errno == EINTR)
            continue;
          if (n <= 0)
            _exit (1);
          written += n;
        }
    }
  _exit (0);
}

static void
string_free (gpointer string)
{
  g_string_free (string, TRUE);
}

static void
parse_result (BatchJob   *jobs,
              guint       total,
              const char *line)
{
  g_auto(GStrv) fields = g_strsplit (line, "\t", 4);
  guint64 index;

  if (g_strv_length (fields) != 4 || !g_ascii_string_to_unsigned (fields[0], 10, 0, total - 1, &index, NULL))
    return;
  jobs[index].done = TRUE;
  jobs[index].n_pages = (guint) g_ascii_strtoull (fields[1], NULL, 10);
  jobs[index].seconds = g_ascii_strtod (fields[2], NULL);
  jobs[index].message = fields[3][0] != '\0' ? g_strdup (fields[3]) : NULL;
}

/* Exports the jobs in worker processes, reporting each as it is done. Processes, not threads: threads
 * would share cairo's font faces, whose FreeType lock cairo holds while it reads a font's tables for
 * each PDF's subset, and the font caches of a process only grow; a worker shares no lock and gives
 * all its memory back when it exits, so memory stays flat however long the batch. */
static gboolean
run_in_workers (BatchJob *jobs,
                guint     total,
                guint     n_workers)
{
  g_autofree GPid *pids = g_new0 (GPid, n_workers);
  g_autofree int *fds = g_new0 (int, n_workers);
  g_autofree GPollFD *polls = g_new0 (GPollFD, n_workers);
  g_autoptr(GPtrArray) buffers = g_ptr_array_new_with_free_func (string_free);
  guint open_fds = 0;
  guint reported = 0;

  fflush (stdout);
  fflush (stderr);
  for (guint w = 0; w < n_workers; w++)
    {
      int pipe_fds[2];
      pid_t pid;

      if (pipe (pipe_fds) != 0)
        break;
      pid = fork ();
      if (pid < 0)
        {
          close (pipe_fds[0]);
          close (pipe_fds[1]);
          break;
        }
      if (pid == 0)
        {
          for (guint other = 0; other < w; other++)
            close (fds[other]);
          close (pipe_fds[0]);
          worker_main (jobs, total, w, n_workers, pipe_fds[1]);
        }
      close (pipe_fds[1]);
      pids[w] = pid;
      fds[w] = pipe_fds[0];
      polls[w].fd = pipe_fds[0];
      polls[w].events = G_IO_IN | G_IO_HUP | G_IO_ERR;
      g_ptr_array_add (buffers, g_string_new (NULL));
      open_fds++;
    }
  if (open_fds < n_workers)
    {
      /* Could not start them all: let those started finish, and do nothing twice. */
      for (guint w = 0; w < open_fds; w++)
        {
          close (fds[w]);
          waitpid (pids[w], NULL, 0);
        }
      return FALSE;
    }

  while (open_fds > 0)
    {
      if (g_poll (polls, n_workers, -1) < 0)
        {
          if (errno == EINTR)
            continue;
          break;
        }
      for (guint w = 0; w < n_workers; w++)
        {
          char chunk[4096];
          gssize n;
          GString *buffer = g_ptr_array_index (buffers, w);
          char *newline;

          if (polls[w].fd < 0 || polls[w].revents == 0)
            continue;
          n = read (polls[w].fd, chunk, sizeof chunk);
          if (n < 0 && errno == EINTR)
            continue;
          if (n <= 0)
            {
              close (polls[w].fd);
              polls[w].fd = -1;
              open_fds--;
              continue;
            }
          g_string_append_len (buffer, chunk, n);
          while ((newline = strchr (buffer->str, '\n')) != NULL)
            {
              g_autofree char *line = g_strndup (buffer->str, newline - buffer->str);
              guint64 index = g_ascii_strtoull (line, NULL, 10);

              g_string_erase (buffer, 0, newline - buffer->str + 1);
              parse_result (jobs, total, line);
              if (index < total && jobs[index].done)
                report_job (&jobs[index], ++reported, total);
            }
        }
    }
  for (guint w = 0; w < n_workers; w++)
    waitpid (pids[w], NULL, 0);

  /* A worker that crashed leaves its remaining jobs unreported. */
  for (guint i = 0; i < total; i++)
    if (!jobs[i].done)
      {
        jobs[i].done = TRUE;
        jobs[i].message = g_strdup (_("The export process stopped unexpectedly"));
        report_job (&jobs[i], ++reported, total);
      }
  return TRUE;
}
#endif

/**
 * budget_cli_export_pdf_batch:
 * @directory: the folder for the PDFs (created when missing)
 * @projects: (array zero-terminated=1): project files ("sample" for the sample project)
 * @form_ids: (nullable): the forms to export, %NULL for all
 *
 * Exports one PDF per project, named after the project, printing a progress line per file as it is
 * done. The projects are shared out among as many worker processes as there are processors; one that
 * fails does not stop the others. The workers are forked: call this from a process that has not
 * started threads or laid out text yet (the command line), as a forked child only has its own thread.
 *
 * Returns: the exit status: 0 when every project was exported, 1 otherwise
 */
int
budget_cli_export_pdf_batch (const char         *directory,
                             const char * const *projects,
                             const char * const *form_ids)
{
  g_autoptr(GHashTable) used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint total = g_strv_length ((char **) projects);
  g_autofree BatchJob *jobs = g_new0 (BatchJob, MAX (total, 1));
  guint n_workers = MAX (1, MIN (g_get_num_processors (), total));
  gboolean parallel = FALSE;
  guint failed = 0;
  gint64 start = g_get_monotonic_time ();

  if (g_mkdir_with_parents (directory, 0755) != 0)
    {
      int saved = errno;

      g_printerr ("budget-editor: %s: %s\n", directory, g_strerror (saved));
      return 1;
    }
  for (guint i = 0; i < total; i++)
    {
      jobs[i].project = projects[i];
      jobs[i].output = output_name (directory, projects[i], used);
      jobs[i].form_ids = form_ids;
    }

#ifdef G_OS_UNIX
  if (n_workers > 1)
    parallel = run_in_workers (jobs, total, n_workers);
#endif
  if (!parallel)
    for (guint i = 0; i < total; i++)
      {
        run_job (&jobs[i]);
        report_job (&jobs[i], i + 1, total);
      }

  for (guint i = 0; i < total; i++)
    {
      failed += jobs[i].message != NULL;
      g_free (jobs[i].output);
      g_free (jobs[i].message);
    }
  printf ("%u of %u projects exported to %s in %.2f s\n", total - failed, total, directory,
          (g_get_monotonic_time () - start) / 1e6);
  return failed == 0 && fflush (stdout) == 0 ? 0 : 1;
}

/**
 * budget_cli_pdf_run:
 * @argc: argument count
 * @argv: arguments
 * @index: the index of `--export-pdf` or `--export-pdf-batch` in @argv
 *
 * Returns: the exit status: 0 on success, 1 on an error, 2 on bad usage
 */
int
budget_cli_pdf_run (int    argc,
                    char **argv,
                    int    index)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) form_ids = budget_cli_pdf_parse_forms (argc, argv, &error);
  g_autoptr(GPtrArray) operands = budget_cli_pdf_operands (argc, argv, index + 1);
  guint n = operands->len - 1;

  if (error != NULL)
    {
      g_printerr ("budget-editor: %s\n", error->message);
      return 2;
    }
  if (g_str_equal (argv[index], "--export-pdf"))
    {
      if (n != 2)
        {
          g_printerr (_("Usage: budget-editor --export-pdf OUT FILE [--forms T1,T2,…]\n"));
          return 2;
        }
      return budget_cli_export_pdf (g_ptr_array_index (operands, 0), g_ptr_array_index (operands, 1),
                                    (const char * const *) form_ids);
    }
  if (n < 2)
    {
      g_printerr (_("Usage: budget-editor --export-pdf-batch DIR FILE… [--forms T1,T2,…]\n"));
      return 2;
    }
  return budget_cli_export_pdf_batch (g_ptr_array_index (operands, 0),
                                      (const char * const *) operands->pdata + 1,
                                      (const char * const *) form_ids);
}
