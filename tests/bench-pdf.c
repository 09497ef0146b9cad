/* bench-pdf.c: PDF export benchmark (meson test --benchmark): the whole sample to PDF, and 100 copies
 * of the sample in one batch call. Prints medians and the peak resident memory after each batch, so
 * that memory growth over batches shows. */

#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/resource.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "budget-core.h"
#include "budget-cli-pdf.h"
#include "render/budget-renderer.h"

#define SAMPLE_RUNS  21
#define BATCH_SIZE   100
#define BATCH_RUNS   5

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return x < y ? -1 : x > y ? 1 : 0;
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof (double), compare_double);
  return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

static long
peak_rss_kib (int who)
{
  struct rusage usage;

  getrusage (who, &usage);
  return usage.ru_maxrss;
}

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1e6;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bench-pdf-XXXXXX", &error);
  g_autofree char *project = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *out_dir = NULL;
  g_autoptr(GPtrArray) copies = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(BudgetDocument) sample = NULL;
  double load[SAMPLE_RUNS], paginate[SAMPLE_RUNS], write[SAMPLE_RUNS], whole[SAMPLE_RUNS];
  double batch[BATCH_RUNS];
  long rss[BATCH_RUNS], worker_rss[BATCH_RUNS];
  guint n_pages = 0;
  int saved_stdout;

  budget_core_init ();
  g_assert_no_error (error);
  project = g_build_filename (dir, "sample.budget", NULL);
  pdf = g_build_filename (dir, "sample.pdf", NULL);
  out_dir = g_build_filename (dir, "out", NULL);
  sample = budget_project_load_sample ();
  if (!budget_project_save (sample, project, &error))
    g_error ("%s", error->message);

  /* The batch first: it forks worker processes, which is only safe before this process has laid out
   * text (Pango starts threads of its own). */
  for (guint i = 0; i < BATCH_SIZE; i++)
    {
      g_autofree char *name = g_strdup_printf ("department-%03u.budget", i + 1);
      char *path = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;
      gsize length;

      if (!g_file_get_contents (project, &contents, &length, &error) ||
          !g_file_set_contents (path, contents, length, &error))
        g_error ("%s", error->message);
      g_ptr_array_add (copies, path);
    }
  g_ptr_array_add (copies, NULL);

  /* The batch prints a progress line per file: keep them out of the report. */
  fflush (stdout);
  saved_stdout = dup (STDOUT_FILENO);
  for (guint run = 0; run < BATCH_RUNS; run++)
    {
      gint64 start;
      int devnull = open ("/dev/null", O_WRONLY);
      int status;

      dup2 (devnull, STDOUT_FILENO);
      close (devnull);
      start = g_get_monotonic_time ();
      status = budget_cli_export_pdf_batch (out_dir, (const char * const *) copies->pdata, NULL);
      fflush (stdout);
      batch[run] = seconds_since (start);
      rss[run] = peak_rss_kib (RUSAGE_SELF);
      worker_rss[run] = peak_rss_kib (RUSAGE_CHILDREN);
      dup2 (saved_stdout, STDOUT_FILENO);
      if (status != 0)
        g_error ("the batch export failed");
      /* the batch runs in worker processes where fork() is available: their peak is the children's */
      g_print ("batch %u: %d departments in %.2f s, peak memory %.1f MiB (this process), %.1f MiB (largest "
               "worker)\n", run + 1, BATCH_SIZE, batch[run], rss[run] / 1024.0, worker_rss[run] / 1024.0);
    }
  close (saved_stdout);
  g_print ("batch of %d departments on %u processors, median of %d: %.2f s (%.1f ms each); peak memory %.1f MiB "
           "after the first batch, %.1f MiB after the last\n",
           BATCH_SIZE, g_get_num_processors (), BATCH_RUNS, median (batch, BATCH_RUNS),
           median (batch, BATCH_RUNS) * 1e3 / BATCH_SIZE, MAX (rss[0], worker_rss[0]) / 1024.0,
           MAX (rss[BATCH_RUNS - 1], worker_rss[BATCH_RUNS - 1]) / 1024.0);

  /* The whole sample, as the command line does it: load, lay out, write. */
  for (guint run = 0; run < SAMPLE_RUNS; run++)
    {
      gint64 start = g_get_monotonic_time ();
      gint64 step = start;
      g_autoptr(BudgetDocument) document = budget_project_load_file (project, &error);
      g_autoptr(BudgetRenderer) renderer = NULL;

      g_assert_no_error (error);
      load[run] = seconds_since (step);
      step = g_get_monotonic_time ();
      renderer = budget_renderer_new (document, NULL);
      n_pages = budget_renderer_paginate (renderer, NULL);
      paginate[run] = seconds_since (step);
      step = g_get_monotonic_time ();
      if (!budget_renderer_write_pdf (renderer, pdf, &error))
        g_error ("%s", error->message);
      write[run] = seconds_since (step);
      whole[run] = seconds_since (start);
    }
  g_print ("sample (%u pages), median of %d: %.1f ms (load %.1f ms, layout %.1f ms, PDF %.1f ms); first run %.1f ms\n",
           n_pages, SAMPLE_RUNS, median (whole, SAMPLE_RUNS) * 1e3,
           median (load, SAMPLE_RUNS) * 1e3, median (paginate, SAMPLE_RUNS) * 1e3,
           median (write, SAMPLE_RUNS) * 1e3, whole[0] * 1e3);

  for (guint i = 0; i + 1 < copies->len; i++)
    {
      g_autofree char *base = g_path_get_basename (g_ptr_array_index (copies, i));
      g_autofree char *pdf_name = g_strdup_printf ("%.*s.pdf", (int) strlen (base) - 7, base);
      g_autofree char *out = g_build_filename (out_dir, pdf_name, NULL);

      g_unlink (out);
      g_unlink (g_ptr_array_index (copies, i));
    }
  g_rmdir (out_dir);
  g_unlink (project);
  g_unlink (pdf);
  g_rmdir (dir);
  return 0;
}
