/* budget-settings.c: the application's GSettings, found also when the program runs uninstalled */

#include "config.h"

#include "budget-settings.h"

/**
 * budget_settings_new:
 *
 * Opens the application's settings. An installed program finds its schema in the default schema
 * source; the executable in the build tree (tools/run-app, screenshots) falls back to the schema that
 * data/meson.build compiles there. g_settings_new() aborts on a missing schema, so when neither exists
 * this returns %NULL and the window keeps its defaults for this run.
 *
 * Returns: (transfer full) (nullable): the settings
 */
GSettings *
budget_settings_new (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);

#ifdef BUDGET_BUILD_SCHEMA_DIR
  if (schema == NULL)
    {
      g_autoptr(GSettingsSchemaSource) build_source = NULL;

      build_source = g_settings_schema_source_new_from_directory (BUDGET_BUILD_SCHEMA_DIR, source, FALSE, NULL);
      if (build_source != NULL)
        schema = g_settings_schema_source_lookup (build_source, APP_ID, FALSE);
    }
#endif

  if (schema == NULL)
    {
      g_debug ("The settings schema %s is not installed; settings last for this run only", APP_ID);
      return NULL;
    }
  return g_settings_new_full (schema, NULL, NULL);
}
