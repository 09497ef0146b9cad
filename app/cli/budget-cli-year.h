/* budget-cli-year.h: the year around a disclosure on the command line (--import-catalog) */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

int budget_cli_import_catalog (int    argc,
                               char **argv,
                               int    index);

int budget_cli_new_year       (int    argc,
                               char **argv,
                               int    index);

G_END_DECLS
