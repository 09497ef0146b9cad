/* fuzz-xlsx.c: importing a workbook (budget-editor --import-xlsx, File → Import → From a Workbook…)
 *
 * The bytes are written as a workbook file and imported into the sample. Whatever they are, the import
 * either refuses them with a valid UTF-8 message or makes a plan whose report is valid UTF-8; a plan that
 * can be applied leaves a document that saves and loads back to the same bytes.
 */

#include <glib/gstdio.h>

#include "fuzz-common.h"

static char *scratch;
static BudgetDocument *sample;

static void
remove_scratch (void)
{
  g_autofree char *path = g_build_filename (scratch, "input.xlsx", NULL);

  g_remove (path);
  g_rmdir (scratch);
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  scratch = g_dir_make_tmp ("fuzz-xlsx-XXXXXX", NULL);
  atexit (remove_scratch);
  fuzz_init ();
  /* libgsf warns about a broken zip before returning its error, and on some broken zip directories asserts
   * in GLib (g_date_time_unref (NULL)) and carries on: the input's fault inside the library, not ours. Our
   * own domain's warnings and criticals stay fatal, and the sanitizers catch any memory error. */
  g_log_set_always_fatal (0);
  g_log_set_fatal_mask ("BudgetEditor", G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  g_log_set_handler (NULL, G_LOG_LEVEL_WARNING | G_LOG_LEVEL_CRITICAL, g_log_default_handler, NULL);
  g_log_set_handler ("GLib", G_LOG_LEVEL_CRITICAL, g_log_default_handler, NULL);
  sample = budget_project_load_sample ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *path = g_build_filename (scratch, "input.xlsx", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BudgetXlsxImport) import = NULL;
  g_autofree char *report = NULL;

  FUZZ_ASSERT (g_file_set_contents (path, (const char *) data, (gssize) size, NULL));
  import = budget_xlsx_import_new (sample, path, &error);
  if (import == NULL)
    {
      FUZZ_ASSERT (error != NULL && g_utf8_validate (error->message, -1, NULL));
      return 0;
    }
  report = budget_xlsx_import_dup_report (import);
  FUZZ_ASSERT (report != NULL && g_utf8_validate (report, -1, NULL));
  if (budget_xlsx_import_can_apply (import))
    {
      g_autoptr(GBytes) bytes = budget_project_serialize (sample);
      g_autoptr(BudgetDocument) copy = budget_project_load_bytes (bytes, "copy.budget", NULL);
      g_autoptr(GBytes) saved = NULL;
      g_autoptr(BudgetDocument) reloaded = NULL;
      g_autoptr(GBytes) again = NULL;

      FUZZ_ASSERT (copy != NULL);
      if (budget_xlsx_import_apply_direct (import, copy))
        {
          saved = budget_project_serialize (copy);
          reloaded = budget_project_load_bytes (saved, "imported.budget", &error);
          FUZZ_ASSERT (reloaded != NULL);
          again = budget_project_serialize (reloaded);
          FUZZ_ASSERT (g_bytes_equal (saved, again));
        }
    }
  return 0;
}
