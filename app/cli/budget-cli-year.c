/* budget-cli-year.c: the year around a disclosure on the command line: budget-editor --new-year FILE OUT
 * [--clear-amounts], budget-editor --import-catalog function|economic YEAR FILE.tsv */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <glib/gi18n-lib.h>

#include "budget-core.h"
#include "budget-cli.h"
#include "budget-cli-year.h"

/**
 * budget_cli_import_catalog:
 * @argc: argument count
 * @argv: arguments
 * @index: the position of --import-catalog
 *
 * Keeps a province's official catalogue (a TSV of codes and names) for a budget year.
 *
 * Returns: the exit status: 0 imported, 1 refused (the message says why), 2 bad usage
 */
int
budget_cli_import_catalog (int    argc,
                           char **argv,
                           int    index)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  guint n_codes = 0;
  int year;

  if (index + 3 >= argc)
    {
      g_printerr ("%s\n", _("Usage: budget-editor --import-catalog function|economic YEAR FILE.tsv"));
      return 2;
    }
  year = atoi (argv[index + 2]);
  if (!g_file_get_contents (argv[index + 3], &text, NULL, &error) ||
      !budget_catalog_import (argv[index + 1], year, text, &n_codes, &error))
    {
      g_printerr ("budget-editor: %s: %s\n", argv[index + 3], error->message);
      return 1;
    }
  /* Translators: "imported 1234 codes: the 2025 支出功能分类 catalogue" */
  printf (_("Imported %u codes as the %d catalogue “%s”; projects of %d and later years without a catalogue of their own use it.\n"),
          n_codes, year, argv[index + 1], year);
  return 0;
}

/**
 * budget_cli_new_year:
 * @argc: argument count
 * @argv: arguments
 * @index: the position of --new-year
 *
 * Writes next year's project, started from this year's: the year moves on, this year's figures become the
 * prior-year figures, the text and tables are carried over, amounts kept or cleared (--clear-amounts).
 * Prints what the officer should review.
 *
 * Returns: the exit status: 0 written, 1 failed (the message says why), 2 bad usage
 */
int
budget_cli_new_year (int    argc,
                     char **argv,
                     int    index)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BudgetDocument) doc = NULL;
  g_autoptr(BudgetCommand) command = NULL;
  g_autoptr(GPtrArray) report = g_ptr_array_new_with_free_func (g_free);
  gboolean clear = g_strv_contains ((const char * const *) argv, "--clear-amounts");
  const char *operands[2] = { NULL, NULL };
  guint n = 0;

  for (int i = index + 1; i < argc && n < 2; i++)
    if (!g_str_has_prefix (argv[i], "--"))
      operands[n++] = argv[i];
  if (n < 2)
    {
      g_printerr ("%s\n", _("Usage: budget-editor --new-year FILE OUT [--clear-amounts]"));
      return 2;
    }
  doc = budget_cli_open (operands[0], &error);
  if (doc == NULL)
    {
      g_printerr ("budget-editor: %s\n", error->message);
      return 1;
    }
  command = budget_next_year_command_new (doc, clear, report);
  budget_document_execute (doc, command);
  if (!budget_project_save (doc, operands[1], &error))
    {
      g_printerr ("budget-editor: %s\n", error->message);
      return 1;
    }
  /* Translators: "2024 started from sample-2023.budget in next.budget" */
  printf (_("%d started from %s in %s\n"), budget_document_get_year (doc), operands[0], operands[1]);
  for (guint i = 0; i < report->len; i++)
    printf ("  %s\n", (const char *) g_ptr_array_index (report, i));
  return 0;
}
