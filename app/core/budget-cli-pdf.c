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

#include "budget-cli.h"
#include "budget-cli-pdf.h"
#include "budget-renderer.h"

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
  guint               n_pages;
  double              seconds;
  GError             *error;
} BatchJob;

typedef struct
{
  GAsyncQueue *done;
} BatchShared;

static void
batch_work (gpointer data,
            gpointer user_data)
{
  BatchJob *job = data;
  BatchShared *shared = user_data;
  gint64 begin = g_get_monotonic_time ();

  export_one (job->output, job->project, job->form_ids, &job->n_pages, &job->error);
  job->seconds = (g_get_monotonic_time () - begin) / 1e6;
  g_async_queue_push (shared->done, job);
}

/**
 * budget_cli_export_pdf_batch:
 * @directory: the folder for the PDFs (created when missing)
 * @projects: (array zero-terminated=1): project files ("sample" for the sample project)
 * @form_ids: (nullable): the forms to export, %NULL for all
 *
 * Exports one PDF per project, named after the project, printing a progress line per file as it is
 * done. The projects are exported on as many threads as there are processors; one that fails does
 * not stop the others.
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
  BatchShared shared = { g_async_queue_new () };
  GThreadPool *pool;
  guint failed = 0;
  gint64 start = g_get_monotonic_time ();

  if (g_mkdir_with_parents (directory, 0755) != 0)
    {
      int saved = errno;

      g_printerr ("budget-editor: %s: %s\n", directory, g_strerror (saved));
      g_async_queue_unref (shared.done);
      return 1;
    }

  /* Each thread has its own Pango font map (pango_cairo_font_map_get_default() is per thread), and
   * the document model keeps no unlocked global state, so departments are exported side by side. */
  pool = g_thread_pool_new (batch_work, &shared, (int) MAX (1, MIN (g_get_num_processors (), total)), TRUE, NULL);
  for (guint i = 0; i < total; i++)
    {
      jobs[i].project = projects[i];
      jobs[i].output = output_name (directory, projects[i], used);
      jobs[i].form_ids = form_ids;
      g_thread_pool_push (pool, &jobs[i], NULL);
    }
  for (guint done = 1; done <= total; done++)
    {
      BatchJob *job = g_async_queue_pop (shared.done);

      if (job->error == NULL)
        printf ("[%u/%u] %s → %s (%u pages, %.2f s)\n", done, total, job->project, job->output, job->n_pages,
                job->seconds);
      else
        {
          failed++;
          fflush (stdout);
          g_printerr ("[%u/%u] %s: %s\n", done, total, job->project, job->error->message);
        }
      fflush (stdout);
    }
  g_thread_pool_free (pool, FALSE, TRUE);
  g_async_queue_unref (shared.done);
  for (guint i = 0; i < total; i++)
    {
      g_free (jobs[i].output);
      g_clear_error (&jobs[i].error);
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
