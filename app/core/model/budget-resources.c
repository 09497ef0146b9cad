/* budget-core.c: library initialisation */

#include "config.h"

#include <gio/gio.h>
#include <libxml/parser.h>

#include "model/budget-resources.h"
#include "budget-core-resources.h"

/**
 * budget_core_init:
 *
 * Registers the resources (form definitions, catalogs, schema, sample). The core is a static library,
 * and the linker would drop the resource object's automatic constructor, so this is explicit.
 */
void
budget_core_init (void)
{
  static gsize initialized;

  if (g_once_init_enter (&initialized))
    {
      xmlInitParser ();
      budget_core_register_resource ();
      g_once_init_leave (&initialized, 1);
    }
}
