/* budget-cli.c: the command line. It runs without a display: the GUI is only started when none of
 * these options is given. */

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <locale.h>
#include <glib/gi18n-lib.h>

#include "budget-core.h"
#include "budget-cli-pdf.h"
#include "budget-cli-check.h"

static const char *headless_options[] = {
  "--export-tsv", "--convert", "--version", "--help", "-h", "--help-all",
  "--export-pdf", "--export-pdf-batch",
  "--check", "--json",
  NULL
};

/**
 * budget_cli_wants:
 * @argc: argument count
 * @argv: arguments
 *
 * Returns: whether the arguments ask for a headless command rather than the editor window
 */
gboolean
budget_cli_wants (int    argc,
                  char **argv)
{
  for (int i = 1; i < argc; i++)
    if (g_strv_contains (headless_options, argv[i]))
      return TRUE;
  return FALSE;
}

/**
 * budget_cli_open:
 * @path: a project file, or "sample" for the bundled sample project
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the document
 */
BudgetDocument *
budget_cli_open (const char  *path,
                 GError     **error)
{
  if (g_str_equal (path, "sample"))
    return budget_document_new_sample ();
  return budget_document_new_from_file (path, error);
}

static void
append_cell (GString    *out,
             const char *text,
             gboolean    first)
{
  if (!first)
    g_string_append_c (out, '\t');
  /* A tab or newline inside a cell would break the grid: spreadsheets quote such cells. */
  if (strpbrk (text, "\t\n\"") != NULL)
    {
      g_autoptr(GString) quoted = g_string_new (text);

      g_string_replace (quoted, "\"", "\"\"", 0);
      g_string_append_printf (out, "\"%s\"", quoted->str);
    }
  else
    g_string_append (out, text);
}

/**
 * budget_form_to_tsv:
 * @form: a form of a document
 *
 * Returns: (transfer full): the form as a spreadsheet would paste it: the header rows (a merged cell's
 * text in its top-left cell), the 栏次 row, then every row with its derived values
 */
char *
budget_form_to_tsv (BudgetForm *form)
{
  BudgetFormDef *def = budget_form_get_def (form);
  GString *out = g_string_new (NULL);
  gboolean serial = budget_form_def_has_serial (def);
  guint n_cols = budget_form_get_n_columns (form);
  guint grid_cols = n_cols + (serial ? 1 : 0);
  guint n_header_rows = budget_form_def_get_n_header_rows (def);
  g_autofree char *title = budget_form_dup_title (form);

  if (budget_form_get_kind (form) == BUDGET_FORM_KIND_TEXT)
    {
      g_string_append_printf (out, "%s\n%s\n", title, budget_form_get_rendered_text (form));
      return g_string_free (out, FALSE);
    }
  if (budget_form_get_kind (form) == BUDGET_FORM_KIND_PERFORMANCE)
    {
      append_cell (out, budget_form_def_get_goal_label (def) != NULL ? budget_form_def_get_goal_label (def) : "", TRUE);
      append_cell (out, budget_form_get_goal (form), FALSE);
      g_string_append_c (out, '\n');
    }

  for (guint r = 0; r < n_header_rows; r++)
    {
      g_autoptr(GPtrArray) line = g_ptr_array_new_with_free_func (g_free);

      for (guint c = 0; c < grid_cols; c++)
        g_ptr_array_add (line, g_strdup (""));
      for (guint h = 0; h < budget_form_def_get_n_header_cells (def); h++)
        {
          const BudgetHeaderCell *cell = budget_form_def_get_header_cell (def, h);

          if (cell->row == r && cell->col < grid_cols)
            {
              g_free (line->pdata[cell->col]);
              line->pdata[cell->col] = budget_document_expand (budget_form_get_document (form), cell->text);
            }
        }
      for (guint c = 0; c < grid_cols; c++)
        append_cell (out, g_ptr_array_index (line, c), c == 0);
      g_string_append_c (out, '\n');
    }

  if (budget_form_def_has_column_numbers (def))
    {
      if (serial)
        append_cell (out, "栏次", TRUE);
      for (guint c = 0; c < n_cols; c++)
        {
          g_autofree char *number = g_strdup_printf ("%u", c + 1);

          append_cell (out, number, !serial && c == 0);
        }
      g_string_append_c (out, '\n');
    }

  for (guint r = 0; r < budget_form_get_n_rows (form); r++)
    {
      if (serial)
        {
          g_autofree char *number = g_strdup_printf ("%u", r + 1);

          append_cell (out, number, TRUE);
        }
      for (guint c = 0; c < n_cols; c++)
        {
          g_autofree char *text = budget_form_dup_display (form, r, c);

          append_cell (out, text, !serial && c == 0);
        }
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

static void
print_help (FILE *stream)
{
  fprintf (stream, "%s",
           _("Usage:\n"
             "  budget-editor [FILE]                  open the editor (the sample project when no file is given)\n"
             "  budget-editor --export-tsv FORM FILE  print a form of a project as tab-separated values\n"
             "  budget-editor --convert FILE OUT      load a project and save it in the current format\n"
             "  budget-editor --export-pdf OUT FILE   export the disclosure as a PDF in the official layout\n"
             "  budget-editor --export-pdf-batch DIR FILE…\n"
             "                                        export one PDF per project into DIR\n"
             "      --forms T1,T2,…                   with the two above: export only these forms\n"
             "  budget-editor --check FILE…           check the consistency of projects; exit status 0: no\n"
             "                                        error, 1: errors remain, 2: a file cannot be loaded\n"
             "      --json                            with --check: print the findings as JSON\n"
             "  budget-editor --version               print the version\n"
             "  budget-editor --help                  print this help\n"
             "\n"
             "FILE may be \"sample\" for the bundled sample project. FORM is a form id: T1 … T9, NF, ORG, GP,\n"
             "FA, PF1 …, S0 … S9, PE, SF.\n"));
}

static int
fail (const char *message)
{
  g_printerr ("budget-editor: %s\n", message);
  return 1;
}

/**
 * budget_cli_run:
 * @argc: argument count
 * @argv: arguments
 *
 * Returns: the exit status: 0 on success, 1 on an error (reported on stderr), 2 on bad usage
 */
int
budget_cli_run (int    argc,
                char **argv)
{
  budget_core_init ();

  for (int i = 1; i < argc; i++)
    {
      const char *arg = argv[i];

      if (g_str_equal (arg, "--help") || g_str_equal (arg, "-h") || g_str_equal (arg, "--help-all"))
        {
          print_help (stdout);
          return 0;
        }
      if (g_str_equal (arg, "--version"))
        {
          printf ("budget-editor %s\n", PACKAGE_VERSION);
          return 0;
        }
      if (g_str_equal (arg, "--export-tsv"))
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(BudgetDocument) doc = NULL;
          g_autofree char *tsv = NULL;
          BudgetForm *form;

          if (i + 2 >= argc)
            {
              print_help (stderr);
              return 2;
            }
          doc = budget_cli_open (argv[i + 2], &error);
          if (doc == NULL)
            return fail (error->message);
          form = budget_document_lookup_form (doc, argv[i + 1]);
          if (form == NULL)
            {
              g_autofree char *message = g_strdup_printf (_("The project has no form “%s”"), argv[i + 1]);
              return fail (message);
            }
          tsv = budget_form_to_tsv (form);
          fputs (tsv, stdout);
          return fflush (stdout) == 0 ? 0 : 1;
        }
      if (g_str_equal (arg, "--check"))
        return budget_cli_check (argc, argv, i + 1, g_strv_contains ((const char * const *) argv, "--json"));
      if (g_str_equal (arg, "--export-pdf") || g_str_equal (arg, "--export-pdf-batch"))
        return budget_cli_pdf_run (argc, argv, i);
      if (g_str_equal (arg, "--convert"))
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(BudgetDocument) doc = NULL;

          if (i + 2 >= argc)
            {
              print_help (stderr);
              return 2;
            }
          doc = budget_cli_open (argv[i + 1], &error);
          if (doc == NULL)
            return fail (error->message);
          if (!budget_document_save (doc, argv[i + 2], &error))
            return fail (error->message);
          return 0;
        }
    }
  print_help (stderr);
  return 2;
}
