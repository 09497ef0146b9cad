/* test-text.c: live numbers in the explanatory text: tokens that show the generated sentences */

#include <string.h>

#include "budget-core.h"
#include "text/budget-text-generator.h"

static void
test_make_live_and_follow (void)
{
  g_autoptr(BudgetDocument) doc = budget_project_load_sample ();
  BudgetForm *s2 = budget_document_lookup_form (doc, "S2");
  BudgetForm *t5 = budget_document_lookup_form (doc, "T5");
  g_autofree char *typed = g_strdup (budget_form_get_text (s2));
  g_autofree char *live = budget_text_make_live (doc, "S2", typed);
  g_autofree char *tsv = NULL;
  const char *rendered;

  /* The typed sentences become tokens; the free text around them stays. */
  g_assert_nonnull (strstr (live, "{{income}}"));
  g_assert_nonnull (strstr (live, "{{expenditure}}"));
  g_assert_nonnull (strstr (live, "{{change}}"));
  g_assert_nonnull (strstr (live, "反映本部门当年全部收入。"));
  g_assert_null (strstr (live, "998.77"));
  g_assert_true (budget_document_set_form_text (doc, s2, "text", live, NULL));

  rendered = budget_form_get_rendered_text (s2);
  g_assert_nonnull (strstr (rendered, "2023年预算收入为998.77万元，其中：一般公共预算收入998.77万元"));
  /* The generated sentence takes 人员经费 from T6: 237.7362, printed 237.74 as the seed typed it. */
  g_assert_nonnull (strstr (rendered, "主要是人员经费237.74万元"));
  g_assert_null (strstr (rendered, "{{"));
  /* Cached while nothing changes. */
  g_assert_true (rendered == budget_form_get_rendered_text (s2));

  /* The numbers follow the tables. */
  g_assert_true (budget_document_set_cell (doc, t5, (guint) budget_form_find_row (t5, "2060101"), 3, "200", NULL));
  rendered = budget_form_get_rendered_text (s2);
  g_assert_nonnull (strstr (rendered, "2023年预算收入为1074.05万元"));
  g_assert_nonnull (strstr (rendered, "较2022年预算增加300.09万元"));
  tsv = budget_form_to_tsv (s2);
  g_assert_nonnull (strstr (tsv, "1074.05万元"));

  /* Undo gives the typed text back. */
  budget_undo_stack_undo (budget_document_get_undo_stack (doc));
  budget_undo_stack_undo (budget_document_get_undo_stack (doc));
  g_assert_cmpstr (budget_form_get_text (s2), ==, typed);
  g_assert_cmpstr (budget_form_get_rendered_text (s2), ==, typed);
}

static void
test_reasons (void)
{
  g_autoptr(BudgetDocument) doc = budget_project_load_sample ();
  g_autofree char *before = budget_text_generate (doc, "sangong");
  g_autofree char *after = NULL;
  g_autofree char *change = NULL;

  /* The sample carries the seed's reasons; without one the sentence leaves "主要为……" to complete. */
  g_assert_nonnull (strstr (before, "公务用车运行维护费1.00万元，比上年增加0.60万元，主要为增加车辆编制；"));
  g_assert_true (budget_document_set_meta (doc, "reason-sangong-car-running", NULL, NULL));
  g_free (before);
  before = budget_text_generate (doc, "sangong");
  g_assert_nonnull (strstr (before, "公务用车运行维护费1.00万元，比上年增加0.60万元，主要为……；"));
  g_assert_true (budget_document_set_meta (doc, "reason-sangong-car-running", "主要为增加车辆编制", NULL));
  after = budget_text_generate (doc, "sangong");
  g_assert_nonnull (strstr (after, "公务用车运行维护费1.00万元，比上年增加0.60万元，主要为增加车辆编制；"));
  change = budget_text_generate (doc, "change");
  g_assert_cmpstr (change, ==, "2023年预算支出安排998.77万元，较2022年预算增加224.81万元，其中：基本支出增加44.23万元，"
                               "主要为人员增加及工资调标等支出增加；项目增加180.58万元。");
}

static void
test_unknown_token_stays (void)
{
  g_autoptr(BudgetDocument) doc = budget_project_load_sample ();
  g_autofree char *text = budget_text_expand (doc, "甲{{nothing}}乙{{procurement}}丙{{");

  g_assert_cmpstr (text, ==, "甲{{nothing}}乙2023年，科技和工信部门安排政府采购预算0.00万元。丙{{");
}

/* Offsets in the printed text map back into the typed text: around tokens 1:1, inside a sentence to
 * its token. */
static void
test_map_offsets (void)
{
  g_autoptr(BudgetDocument) doc = budget_project_load_sample ();
  const char *typed = "甲乙{{procurement}}丙丁";
  g_autofree char *sentence = budget_text_generate (doc, "procurement");
  int n = (int) g_utf8_strlen (sentence, -1);

  g_assert_cmpint (budget_text_map_to_typed (doc, typed, 1, FALSE), ==, 1);
  g_assert_cmpint (budget_text_map_to_typed (doc, typed, 2, FALSE), ==, 2);
  g_assert_cmpint (budget_text_map_to_typed (doc, typed, 5, FALSE), ==, 2);
  g_assert_cmpint (budget_text_map_to_typed (doc, typed, 5, TRUE), ==, 2 + 15);
  g_assert_cmpint (budget_text_map_to_typed (doc, typed, 2 + n, FALSE), ==, 2 + 15);
  g_assert_cmpint (budget_text_map_to_typed (doc, typed, 2 + n + 2, TRUE), ==, 2 + 15 + 2);
  g_assert_cmpint (budget_text_map_to_typed (doc, "无记号", 2, FALSE), ==, 2);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  budget_core_init ();

  g_test_add_func ("/text/make-live-and-follow", test_make_live_and_follow);
  g_test_add_func ("/text/reasons", test_reasons);
  g_test_add_func ("/text/unknown-token-stays", test_unknown_token_stays);
  g_test_add_func ("/text/map-offsets", test_map_offsets);
  return g_test_run ();
}
