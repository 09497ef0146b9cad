/* budget-cli-year.c: budget-editor --import-catalog function|economic YEAR FILE.tsv */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <glib/gi18n-lib.h>

#include "budget-core.h"
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
