/* fuzz-project.c: project loading, with a save→load→save oracle
 *
 * Any input either is refused with a message in valid UTF-8, or loads; a loaded project saves,
 * the saved bytes load again, and saving that gives the same bytes; every form exports as TSV.
 */

#include "fuzz-common.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) input = g_bytes_new (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(BudgetDocument) doc = budget_project_load_bytes (input, "fuzz.budget", &error);
  g_autoptr(GBytes) saved = NULL;
  g_autoptr(BudgetDocument) again = NULL;
  g_autoptr(GBytes) resaved = NULL;

  if (doc == NULL)
    {
      FUZZ_ASSERT (error != NULL && error->message != NULL);
      FUZZ_ASSERT (g_utf8_validate (error->message, -1, NULL));
      return 0;
    }
  FUZZ_ASSERT (error == NULL);

  for (guint i = 0; i < budget_document_get_n_forms (doc); i++)
    g_free (budget_form_to_tsv (budget_document_get_form (doc, i)));

  saved = budget_project_serialize (doc);
  again = budget_project_load_bytes (saved, "saved.budget", &error);
  if (again == NULL)
    g_printerr ("the saved project does not load: %s\n", error->message);
  FUZZ_ASSERT (again != NULL);
  resaved = budget_project_serialize (again);
  FUZZ_ASSERT (g_bytes_equal (saved, resaved));
  return 0;
}
