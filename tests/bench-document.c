/* bench-document.c: a benchmark, not a test: large generated projects (10 000 and 100 000 code rows)
 * timed for load, save, full recomputation and single-edit recomputation, with peak memory, and the
 * same edits with the checker attached (every rule loaded): its first full evaluation and one edit.
 *
 *   meson test -C _build --benchmark bench-document     (or run the executable directly)
 *   bench-document --findings N    prints the findings of the generated N-row project (to compare
 *                                  the checker's results before and after a change)
 */

#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <sys/resource.h>
#include <glib/gstdio.h>

#include "budget-core.h"
#include "checks/budget-checker.h"

/* A project with @n_rows 项 rows in T5 (codes spread over 类/款 like a big department's) and as many
 * economic rows in T6 as the catalog allows. Codes outside the catalog carry their own names. */
static GBytes *
generate_project (guint n_rows)
{
  GString *xml = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<budget-project format-version=\"1\">\n"
                               "  <meta>\n    <item key=\"department-code\">999</item>\n"
                               "    <item key=\"department-name\">基准测试部门</item>\n"
                               "    <item key=\"year\">2023</item>\n  </meta>\n  <form id=\"T5\">\n");
  guint made = 0;

  for (guint cls = 201; cls <= 299 && made < n_rows; cls++)
    for (guint kuan = 1; kuan <= 99 && made < n_rows; kuan++)
      for (guint xiang = 1; xiang <= 99 && made < n_rows; xiang++, made++)
        g_string_append_printf (xml, "    <row code=\"%03u%02u%02u\" name=\"项目%u\"><v c=\"c4\">%u.%02u</v><v c=\"c5\">%u.25</v></row>\n",
                                cls, kuan, xiang, made, made % 1000, made % 100, made % 77);
  g_string_append (xml, "  </form>\n  <form id=\"T9\">\n    <cell row=\"r5\" c=\"c3\">1.00</cell>\n  </form>\n</budget-project>\n");
  return g_string_free_to_bytes (xml);
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

/* This thread's CPU time (µs): the machine may be busy with other work. */
static gint64
thread_cpu_time (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static double
seconds_since (gint64 start)
{
  return (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC;
}

/* @n_edits edits of 基本支出 on leaves of the second half of T5, each checked by @checker if it is not
 * NULL; returns the median time of one edit (s). Each call types other figures than the last. */
static double
time_edits (BudgetDocument *doc,
            BudgetChecker  *checker,
            guint           n_edits,
            guint64        *cells_per_edit)
{
  g_autoptr(GArray) edit = g_array_new (FALSE, FALSE, sizeof (double));
  BudgetForm *t5 = budget_document_lookup_form (doc, "T5");
  guint n = budget_form_get_n_rows (t5);
  guint64 edit_cells = 0;

  for (guint i = 0; i < n_edits; i++)
    {
      guint row = n - 1 - (i * 7919u) % (n / 2);
      g_autofree char *text = g_strdup_printf ("%u.%02u", i, checker != NULL ? 75 : 50);
      guint64 before = budget_document_get_recompute_count (doc);
      gint64 start;
      double t;

      while (budget_form_get_row_kind (t5, row) != BUDGET_ROW_LEAF)
        row--;
      start = g_get_monotonic_time ();
      if (!budget_document_set_cell (doc, t5, row, 3, text, NULL))
        g_error ("edit failed");
      /* The checker catches up when the edit is complete, or when asked, as the window does. */
      if (checker != NULL)
        budget_checker_get_n_errors (checker);
      t = seconds_since (start);
      g_array_append_val (edit, t);
      edit_cells += budget_document_get_recompute_count (doc) - before;
    }
  if (cells_per_edit != NULL)
    *cells_per_edit = edit_cells / edit->len;
  return median (edit);
}

static void
bench (guint n_rows,
       guint repeats)
{
  g_autoptr(GBytes) bytes = generate_project (n_rows);
  g_autofree char *dir = g_dir_make_tmp ("budget-bench-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "big.budget", NULL);
  g_autofree char *backup = g_strconcat (path, "~", NULL);
  g_autoptr(GArray) load = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) save = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) full = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(BudgetDocument) doc = NULL;
  g_autoptr(BudgetChecker) checker = NULL;
  guint64 edit_cells = 0;
  double one_edit, first_check, first_check_cpu, edit_checked;
  struct rusage usage;

  for (guint r = 0; r < repeats; r++)
    {
      g_autoptr(GError) error = NULL;
      gint64 start = g_get_monotonic_time ();
      double t;

      g_clear_object (&doc);
      doc = budget_project_load_bytes (bytes, "big.budget", &error);
      if (doc == NULL)
        g_error ("%s", error->message);
      t = seconds_since (start);
      g_array_append_val (load, t);

      start = g_get_monotonic_time ();
      if (!budget_project_save (doc, path, &error))
        g_error ("%s", error->message);
      t = seconds_since (start);
      g_array_append_val (save, t);

      start = g_get_monotonic_time ();
      budget_document_recompute_all (doc);
      t = seconds_since (start);
      g_array_append_val (full, t);
    }

  one_edit = time_edits (doc, NULL, 200, &edit_cells);
  {
    gint64 start = g_get_monotonic_time ();
    gint64 cpu = thread_cpu_time ();

    checker = budget_checker_new (doc);
    first_check = seconds_since (start);
    first_check_cpu = (double) (thread_cpu_time () - cpu) / G_USEC_PER_SEC;
    edit_checked = time_edits (doc, checker, 20, NULL);
  }

  getrusage (RUSAGE_SELF, &usage);
  printf ("%7u code rows: load %.3f s, save %.3f s, full recompute %.3f s, one edit %.3f ms "
          "(%" G_GUINT64_FORMAT " cells recomputed per edit), peak memory %ld MB\n",
          n_rows, median (load), median (save), median (full), one_edit * 1000,
          edit_cells, usage.ru_maxrss / 1024);
  printf ("%7u code rows: checker first evaluation %.3f s (CPU %.3f s), one edit with checks %.3f ms (%u findings)\n",
          n_rows, first_check, first_check_cpu, edit_checked * 1000,
          g_list_model_get_n_items (budget_checker_get_findings (checker)));
  fflush (stdout);

  g_unlink (path);
  g_unlink (backup);
  g_rmdir (dir);
}

/* Every finding of the generated project, one a line, in the checker's order. */
static void
print_findings (guint n_rows)
{
  g_autoptr(GBytes) bytes = generate_project (n_rows);
  g_autoptr(GError) error = NULL;
  g_autoptr(BudgetDocument) doc = budget_project_load_bytes (bytes, "big.budget", &error);
  g_autoptr(BudgetChecker) checker = NULL;
  GListModel *findings;

  if (doc == NULL)
    g_error ("%s", error->message);
  checker = budget_checker_new (doc);
  findings = budget_checker_get_findings (checker);
  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(BudgetFinding) f = g_list_model_get_item (findings, i);

      printf ("%s\t%s\t%d\t%s\t%s\t%d\t%s\n", budget_finding_get_rule_id (f),
              budget_severity_to_string (budget_finding_get_severity (f)), budget_finding_get_rounding (f),
              budget_finding_get_key (f), budget_finding_get_form_id (f) ? budget_finding_get_form_id (f) : "",
              budget_finding_get_column (f), budget_finding_get_message (f));
    }
}

int
main (int argc, char **argv)
{
  budget_core_init ();
  if (argc == 3 && g_str_equal (argv[1], "--findings"))
    {
      print_findings ((guint) atoi (argv[2]));
      return 0;
    }
  bench (10000, 5);
  bench (100000, 3);
  return 0;
}
