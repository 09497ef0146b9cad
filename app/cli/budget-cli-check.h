/* budget-cli-check.h: budget-editor --check FILE… */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

int budget_cli_check (int        argc,
                      char     **argv,
                      int        first_file,
                      gboolean   json);

G_END_DECLS
