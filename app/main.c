/* main.c: the budget-editor executable: the editor window, or a headless command */

#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>

#include "budget-core.h"
#include "budget-cli.h"
#ifdef BUDGET_HAVE_GUI
#include "budget-application.h"
#endif

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  /* tools/run-app points this at the build tree, so that an uninstalled build speaks the desktop's language. */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("BUDGET_LOCALEDIR") != NULL ? g_getenv ("BUDGET_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  budget_core_init ();
  if (budget_cli_wants (argc, argv))
    return budget_cli_run (argc, argv);

#ifdef BUDGET_HAVE_GUI
  {
    g_autoptr(BudgetApplication) app = budget_application_new ();

    return g_application_run (G_APPLICATION (app), argc, argv);
  }
#else
  g_printerr ("budget-editor was built without the GTK interface; see --help for the command line.\n");
  return 2;
#endif
}
