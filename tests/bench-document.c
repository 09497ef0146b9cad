/* bench-document.c: a benchmark, not a test: large generated projects (10 000 and 100 000 code rows)
 * timed for load, save, full recomputation and single-edit recomputation, with peak memory.
 *
 *   meson test -C _build --benchmark bench-document     (or run the executable directly)
 */

#include <stdio.h>
#include <sys/resource.h>
#include <glib/gstdio.h>

#include "budget-core.h"

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

static double
seconds_since (gint64 start)
{
  return (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC;
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
  g_autoptr(GArray) edit = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(BudgetDocument) doc = NULL;
  guint64 edit_cells = 0;
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

  {
    BudgetForm *t5 = budget_document_lookup_form (doc, "T5");
    guint n = budget_form_get_n_rows (t5);

    for (guint i = 0; i < 200; i++)
      {
        guint row = n - 1 - (i * 7919u) % (n / 2);
        g_autofree char *text = g_strdup_printf ("%u.5", i);
        guint64 before = budget_document_get_recompute_count (doc);
        gint64 start;
        double t;

        while (budget_form_get_row_kind (t5, row) != BUDGET_ROW_LEAF)
          row--;
        start = g_get_monotonic_time ();
        if (!budget_document_set_cell (doc, t5, row, 3, text, NULL))
          g_error ("edit failed");
        t = seconds_since (start);
        g_array_append_val (edit, t);
        edit_cells += budget_document_get_recompute_count (doc) - before;
      }
  }

  getrusage (RUSAGE_SELF, &usage);
  printf ("%7u code rows: load %.3f s, save %.3f s, full recompute %.3f s, one edit %.3f ms "
          "(%" G_GUINT64_FORMAT " cells recomputed per edit), peak memory %ld MB\n",
          n_rows, median (load), median (save), median (full), median (edit) * 1000,
          edit_cells / edit->len, usage.ru_maxrss / 1024);
  fflush (stdout);

  g_unlink (path);
  g_unlink (backup);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  budget_core_init ();
  bench (10000, 5);
  bench (100000, 3);
  return 0;
}
