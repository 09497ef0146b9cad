/* budget-cli.h: the headless command line of the app's executable */
#pragma once

#include <glib.h>

#include "model/budget-document.h"

G_BEGIN_DECLS

gboolean  budget_cli_wants            (int              argc,
                                       char           **argv);
int       budget_cli_run              (int              argc,
                                       char           **argv);
BudgetDocument *budget_cli_open       (const char      *path,
                                       GError         **error);

G_END_DECLS
