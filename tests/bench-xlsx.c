/* bench-xlsx.c: a benchmark, not a test: the sample exported as a workbook, that workbook imported into a
 * new project, and a generated workbook of 10 000 code rows imported (goals 0.2 s, 0.2 s, 1 s), as the
 * median CPU time of the process.
 *
 *   meson test -C _build --benchmark bench-xlsx     (or run the executable directly)
 */

#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <glib/gstdio.h>

#include "budget-core.h"
#include "budget-import-command.h"

/* The same generated department as bench-document: @n_rows 项 rows in T5. */
static BudgetDocument *
generate_project (guint n_rows)
{
  GString *xml = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<budget-project format-version=\"1\">\n"
                               "  <meta>\n    <item key=\"department-code\">999</item>\n"
                               "    <item key=\"department-name\">基准测试部门</item>\n"
                               "    <item key=\"year\">2023</item>\n  </meta>\n  <form id=\"T5\">\n");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  BudgetDocument *doc;
  guint made = 0;

  for (guint cls = 201; cls <= 299 && made < n_rows; cls++)
    for (guint kuan = 1; kuan <= 99 && made < n_rows; kuan++)
      for (guint xiang = 1; xiang <= 99 && made < n_rows; xiang++, made++)
        g_string_append_printf (xml, "    <row code=\"%03u%02u%02u\" name=\"项目%u\"><v c=\"c4\">%u.%02u</v><v c=\"c5\">%u.25</v></row>\n",
                                cls, kuan, xiang, made, made % 1000, made % 100, made % 77);
  g_string_append (xml, "  </form>\n</budget-project>\n");
  bytes = g_string_free_to_bytes (xml);
  doc = budget_project_load_bytes (bytes, "big.budget", &error);
  if (doc == NULL)
    g_error ("%s", error->message);
  return doc;
}

static double
median (GArray *samples)
{
  double *v = (double *) samples->data;

  for (guint i = 1; i < samples->len; i++)
    for (guint j = i; j > 0 && v[j - 1] > v[j]; j--)
      {
        double t = v[j];
        v[j] = v[j - 1];
        v[j - 1] = t;
      }
  return samples->len % 2 ? v[samples->len / 2] : (v[samples->len / 2 - 1] + v[samples->len / 2]) / 2;
}

/* CPU time of the process: on a machine shared with other builds, wall time says more about them. */
static double
cpu_seconds (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (double) ts.tv_sec + (double) ts.tv_nsec / 1e9;
}

static double
time_export (BudgetDocument *doc,
             const char     *path,
             guint           repeats)
{
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint r = 0; r < repeats; r++)
    {
      g_autoptr(GError) error = NULL;
      double start = cpu_seconds ();
      double t;

      if (!budget_xlsx_export (doc, path, &error))
        g_error ("%s", error->message);
      t = cpu_seconds () - start;
      g_array_append_val (samples, t);
    }
  return median (samples);
}

/* Reading, planning, checking the totals and running the command on a new project. */
static double
time_import (const char *path,
             guint       repeats,
             guint      *n_ops)
{
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint r = 0; r < repeats; r++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(BudgetDocument) doc = budget_document_new ();
      double start = cpu_seconds ();
      g_autoptr(BudgetXlsxImport) import = budget_xlsx_import_new (doc, path, &error);
      g_autoptr(BudgetCommand) command = NULL;
      double t;

      if (import == NULL || !budget_xlsx_import_can_apply (import))
        g_error ("the import failed");
      command = budget_import_command_new (doc, import);
      budget_document_execute (doc, command);
      t = cpu_seconds () - start;
      g_array_append_val (samples, t);
      *n_ops = budget_xlsx_import_get_ops (import)->len;
    }
  return median (samples);
}

int
main (int argc, char **argv)
{
  g_autofree char *dir = g_dir_make_tmp ("budget-bench-XXXXXX", NULL);
  g_autofree char *sample_path = g_build_filename (dir, "sample.xlsx", NULL);
  g_autofree char *big_path = g_build_filename (dir, "big.xlsx", NULL);
  g_autoptr(BudgetDocument) sample = NULL;
  g_autoptr(BudgetDocument) big = NULL;
  double t;
  guint n_ops = 0;

  budget_core_init ();
  setvbuf (stdout, NULL, _IOLBF, 0);
  sample = budget_project_load_sample ();
  t = time_export (sample, sample_path, 7);
  printf ("export of the sample:            %.3f s (goal 0.2 s)\n", t);
  t = time_import (sample_path, 7, &n_ops);
  printf ("import of the sample's workbook: %.3f s (goal 0.2 s), %u changes\n", t, n_ops);
  big = generate_project (argc > 1 ? (guint) atoi (argv[1]) : 10000);
  t = time_export (big, big_path, 3);
  printf ("export of 10 000 code rows:      %.3f s\n", t);
  t = time_import (big_path, 3, &n_ops);
  printf ("import of 10 000 code rows:      %.3f s (goal 1 s), %u changes\n", t, n_ops);
  fflush (stdout);
  g_unlink (sample_path);
  g_unlink (big_path);
  g_rmdir (dir);
  return 0;
}
