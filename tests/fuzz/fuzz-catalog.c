/* fuzz-catalog.c: importing an officer's official code list (budget-editor --import-catalog)
 *
 * The first byte picks the catalogue (function or economic), the rest is the list. Whatever the
 * bytes, the import either fails with a valid UTF-8 message or writes a catalogue that parses back
 * with every imported code in it, each one checking as a code of the catalogue. The lists go to a
 * scratch data folder.
 */

#include <glib/gstdio.h>

#include "fuzz-common.h"

static char *scratch;

static void
remove_scratch (void)
{
  const char *parts[] = { "budget-editor/catalogs/2030", "budget-editor/catalogs", "budget-editor", "" };

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      g_autofree char *dir = g_build_filename (scratch, parts[i], NULL);

      g_rmdir (dir);
    }
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  /* Before GLib caches the user data folder. */
  scratch = g_dir_make_tmp ("fuzz-catalog-XXXXXX", NULL);
  g_setenv ("XDG_DATA_HOME", scratch, TRUE);
  atexit (remove_scratch);
  fuzz_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const char *name = size > 0 && (data[0] & 1) ? "economic" : "function";
  g_autofree char *tsv = fuzz_string (size > 0 ? data + 1 : data, size > 0 ? size - 1 : 0);
  g_autofree char *path = g_build_filename (scratch, "budget-editor", "catalogs", "2030",
                                            g_str_equal (name, "economic") ? "economic.tsv" : "function.tsv", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BudgetCatalog) parsed = NULL;
  GPtrArray *codes;
  g_autofree char *written = NULL;
  guint n_codes = 0;

  if (!budget_catalog_import (name, 2030, tsv, &n_codes, &error))
    {
      FUZZ_ASSERT (error != NULL && g_utf8_validate (error->message, -1, NULL));
      return 0;
    }
  FUZZ_ASSERT (n_codes > 0);
  FUZZ_ASSERT (g_file_get_contents (path, &written, NULL, NULL));
  parsed = budget_catalog_new_from_tsv (name, written, &error);
  FUZZ_ASSERT (parsed != NULL);
  codes = budget_catalog_list_codes (parsed);
  FUZZ_ASSERT (codes->len == n_codes);
  for (guint i = 0; i < codes->len; i++)
    {
      const char *code = g_ptr_array_index (codes, i);

      FUZZ_ASSERT (budget_catalog_lookup_name (parsed, code) != NULL);
      FUZZ_ASSERT (budget_catalog_level_of (parsed, code) >= 1);
    }
  g_unlink (path);
  return 0;
}
