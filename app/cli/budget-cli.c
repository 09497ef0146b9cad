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
#include "budget-cli-year.h"
#include "budget-import-command.h"

static const char *headless_options[] = {
  "--export-tsv", "--convert", "--version", "--help", "-h", "--help-all",
  "--export-pdf", "--export-pdf-batch",
  "--check", "--json",
  "--import-catalog", "--new-year", "--clear-amounts",
  "--export-xlsx", "--import-xlsx",
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
    return budget_project_load_sample ();
  return budget_project_load_file (path, error);
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
             "  budget-editor --export-xlsx OUT FILE  export every table of a project as an Excel workbook\n"
             "  budget-editor --import-xlsx WORKBOOK OUT\n"
             "                                        read the tables of a workbook into a new project OUT;\n"
             "                                        exit status 0: imported, totals agree, 1: imported with\n"
             "                                        differences, 2: nothing imported\n"
             "  budget-editor --check FILE…           check the consistency of projects; exit status 0: no\n"
             "                                        error, 1: errors remain, 2: a file cannot be loaded\n"
             "      --json                            with --check: print the findings as JSON\n"
             "  budget-editor --new-year FILE OUT [--clear-amounts]\n"
             "                                        start next year's project from this one\n"
             "  budget-editor --import-catalog function|economic YEAR FILE.tsv\n"
             "                                        keep a province's official catalogue\n"
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

static int
usage (void)
{
  print_help (stderr);
  return 2;
}

/* Opens @project and writes it to @output in the format @write knows (--convert, --export-xlsx). */
static int
write_project (const char  *project,
               const char  *output,
               gboolean   (*write) (BudgetDocument *doc, const char *path, GError **error))
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BudgetDocument) doc = budget_cli_open (project, &error);

  if (doc == NULL || !write (doc, output, &error))
    return fail (error->message);
  return 0;
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
      if (g_str_equal (arg, "--new-year"))
        return budget_cli_new_year (argc, argv, i);
      if (g_str_equal (arg, "--import-catalog"))
        return budget_cli_import_catalog (argc, argv, i);
      if (g_str_equal (arg, "--export-xlsx"))
        return i + 2 < argc ? write_project (argv[i + 2], argv[i + 1], budget_xlsx_export) : usage ();
      if (g_str_equal (arg, "--import-xlsx"))
        {
          if (i + 2 >= argc)
            {
              print_help (stderr);
              return 2;
            }
          return budget_cli_import_xlsx (argv[i + 1], argv[i + 2]);
        }
      if (g_str_equal (arg, "--check"))
        return budget_cli_check (argc, argv, i + 1, g_strv_contains ((const char * const *) argv, "--json"));
      if (g_str_equal (arg, "--export-pdf") || g_str_equal (arg, "--export-pdf-batch"))
        return budget_cli_pdf_run (argc, argv, i);
      if (g_str_equal (arg, "--convert"))
        return i + 2 < argc ? write_project (argv[i + 1], argv[i + 2], budget_project_save) : usage ();
    }
  print_help (stderr);
  return 2;
}
