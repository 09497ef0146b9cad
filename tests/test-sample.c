/* test-sample.c: the sample project's derived figures against the published disclosure
 *
 * The sample holds only what an officer types (leaf values). Every other figure of the nine tables is
 * derived by the model. This test compares every printed cell of the seed (000_e7a88fea2aca4f01.txt)
 * with what the model shows. Where the seed's printed total is not the sum of its printed children,
 * the model shows the true sum: those cells are listed below with both values, never forced.
 */

#include "budget-core.h"
#include "model/budget-catalog.h"

/* Every data row of the nine tables as the seed prints them: form|序号|cells… */
static const char *seed_rows[] = {
  "T1|1|一、一般公共预算拨款收入|998.77|一、一般公共服务支出|",
  "T1|2|二、政府性基金预算拨款收入||二、外交支出|",
  "T1|3|三、国有资本经营预算拨款收入||三、国防支出|",
  "T1|4|四、财政专户管理资金收入||四、公共安全支出|",
  "T1|5|五、事业收入||五、教育支出|",
  "T1|6|六、事业单位经营收入||六、科学技术支出|317.61",
  "T1|7|七、上级补助收入||七、文化旅游体育与传媒支出|",
  "T1|8|八、附属单位上缴收入||八、社会保障和就业支出|85.20",
  "T1|9|九、其他收入||九、社会保险基金支出|",
  "T1|10|||十、卫生健康支出|36.71",
  "T1|11|||十一、节能环保支出|",
  "T1|12|||十二、城乡社区支出|",
  "T1|13|||十三、农林水支出|",
  "T1|14|||十四、交通运输支出|",
  "T1|15|||十五、资源勘探工业信息等支出|547.00",
  "T1|16|||十六、商业服务业等支出|",
  "T1|17|||十七、金融支出|",
  "T1|18|||十八、援助其他地区支出|",
  "T1|19|||十九、自然资源海洋气象等支出|",
  "T1|20|||二十、住房保障支出|12.26",
  "T1|21|||二十一、粮油物资储备支出|",
  "T1|22|||二十二、国有资本经营预算支出|",
  "T1|23|||二十三、灾害防治及应急管理支出|",
  "T1|24|||二十四、预备费|",
  "T1|25|||二十五、其他支出|",
  "T1|26|||二十六、转移性支出|",
  "T1|27|||二十七、债务还本支出|",
  "T1|28|||二十八、债务付息支出|",
  "T1|29|||二十九、债务发行费用支出|",
  "T1|30|||三十、抗疫特别国债安排的支出|",
  "T1|31|||三十一、人行科目|",
  "T1|32|本年收入合计|998.77|本年支出合计|998.77",
  "T1|33|上年结转结余||年终结转结余|",
  "T1|34|收入总计|998.77|支出总计|998.77",
  "T2|1||合计|998.77|998.77|998.77|||||||",
  "T2|2|206|科学技术支出|317.61|317.61|317.61|||||||",
  "T2|3|20601|科学技术管理事务|212.98|212.98|212.98|||||||",
  "T2|4|2060101|行政运行|188.68|188.68|188.68|||||||",
  "T2|5|2060102|一般行政管理事务|24.30|24.30|24.30|||||||",
  "T2|6|20604|技术研究与开发|40.00|40.00|40.00|||||||",
  "T2|7|2060404|科技成果转化与扩散|20.00|20.00|20.00|||||||",
  "T2|8|2060499|其他技术研究与开发支出|20.00|20.00|20.00|||||||",
  "T2|9|20605|科技条件与服务|37.00|37.00|37.00|||||||",
  "T2|10|2060502|技术创新服务体系|37.00|37.00|37.00|||||||",
  "T2|11|20699|其他科学技术支出|27.63|27.63|27.63|||||||",
  "T2|12|2069999|其他科学技术支出|27.63|27.63|27.63|||||||",
  "T2|13|208|社会保障和就业支出|85.20|85.20|85.20|||||||",
  "T2|14|20805|行政事业单位养老支出|83.45|83.45|83.45|||||||",
  "T2|15|2080501|行政单位离退休|67.62|67.62|67.62|||||||",
  "T2|16|2080505|机关事业单位基本养老保险缴费支出|15.83|15.83|15.83|||||||",
  "T2|17|20808|抚恤|1.74|1.74|1.74|||||||",
  "T2|18|2080899|其他优抚支出|1.74|1.74|1.74|||||||",
  "T2|19|210|卫生健康支出|36.71|36.71|36.71|||||||",
  "T2|20|21011|行政事业单位医疗|36.71|36.71|36.71|||||||",
  "T2|21|2101101|行政单位医疗|6.31|6.31|6.31|||||||",
  "T2|22|2101103|公务员医疗补助|30.40|30.40|30.40|||||||",
  "T2|23|215|资源勘探工业信息等支出|547.00|547.00|547.00|||||||",
  "T2|24|21505|工业和信息产业监管|497.00|497.00|497.00|||||||",
  "T2|25|2150517|产业发展|497.00|497.00|497.00|||||||",
  "T2|26|21508|支持中小企业发展和管理支出|50.00|50.00|50.00|||||||",
  "T2|27|2150899|其他支持中小企业发展和管理支出|50.00|50.00|50.00|||||||",
  "T2|28|221|住房保障支出|12.26|12.26|12.26|||||||",
  "T2|29|22102|住房改革支出|12.26|12.26|12.26|||||||",
  "T2|30|2210201|住房公积金|12.26|12.26|12.26|||||||",
  "T3|1||合计|998.77|258.88|739.89|||",
  "T3|2|206|科学技术支出|317.61|124.72|192.89|||",
  "T3|3|20601|科学技术管理事务|212.98|124.72|88.26|||",
  "T3|4|2060101|行政运行|188.68|124.72|63.96|||",
  "T3|5|2060102|一般行政管理事务|24.30||24.30|||",
  "T3|6|20604|技术研究与开发|40.00||40.00|||",
  "T3|7|2060404|科技成果转化与扩散|20.00||20.00|||",
  "T3|8|2060499|其他技术研究与开发支出|20.00||20.00|||",
  "T3|9|20605|科技条件与服务|37.00||37.00|||",
  "T3|10|2060502|技术创新服务体系|37.00||37.00|||",
  "T3|11|20699|其他科学技术支出|27.63||27.63|||",
  "T3|12|2069999|其他科学技术支出|27.63||27.63|||",
  "T3|13|208|社会保障和就业支出|85.20|85.20||||",
  "T3|14|20805|行政事业单位养老支出|83.45|83.45||||",
  "T3|15|2080501|行政单位离退休|67.62|67.62||||",
  "T3|16|2080505|机关事业单位基本养老保险缴费支出|15.83|15.83||||",
  "T3|17|20808|抚恤|1.74|1.74||||",
  "T3|18|2080899|其他优抚支出|1.74|1.74||||",
  "T3|19|210|卫生健康支出|36.71|36.71||||",
  "T3|20|21011|行政事业单位医疗|36.71|36.71||||",
  "T3|21|2101101|行政单位医疗|6.31|6.31||||",
  "T3|22|2101103|公务员医疗补助|30.40|30.40||||",
  "T3|23|215|资源勘探工业信息等支出|547.00||547.00|||",
  "T3|24|21505|工业和信息产业监管|497.00||497.00|||",
  "T3|25|2150517|产业发展|497.00||497.00|||",
  "T3|26|21508|支持中小企业发展和管理支出|50.00||50.00|||",
  "T3|27|2150899|其他支持中小企业发展和管理支出|50.00||50.00|||",
  "T3|28|221|住房保障支出|12.26|12.26||||",
  "T3|29|22102|住房改革支出|12.26|12.26||||",
  "T3|30|2210201|住房公积金|12.26|12.26||||",
  "T4|1|一、一般公共预算拨款|998.77|一、一般公共服务支出||||",
  "T4|2|二、政府性基金预算拨款||二、外交支出||||",
  "T4|3|三、国有资本经营预算拨款||三、国防支出||||",
  "T4|4|||四、公共安全支出||||",
  "T4|5|||五、教育支出||||",
  "T4|6|||六、科学技术支出|317.61|317.61||",
  "T4|7|||七、文化旅游体育与传媒支出||||",
  "T4|8|||八、社会保障和就业支出|85.20|85.20||",
  "T4|9|||九、社会保险基金支出||||",
  "T4|10|||十、卫生健康支出|36.71|36.71||",
  "T4|11|||十一、节能环保支出||||",
  "T4|12|||十二、城乡社区支出||||",
  "T4|13|||十三、农林水支出||||",
  "T4|14|||十四、交通运输支出||||",
  "T4|15|||十五、资源勘探工业信息等支出|547.00|547.00||",
  "T4|16|||十六、商业服务业等支出||||",
  "T4|17|||十七、金融支出||||",
  "T4|18|||十八、援助其他地区支出||||",
  "T4|19|||十九、自然资源海洋气象等支出||||",
  "T4|20|||二十、住房保障支出|12.26|12.26||",
  "T4|21|||二十一、粮油物资储备支出||||",
  "T4|22|||二十二、国有资本经营预算支出||||",
  "T4|23|||二十三、灾害防治及应急管理支出||||",
  "T4|24|||二十四、预备费||||",
  "T4|25|||二十五、其他支出||||",
  "T4|26|||二十六、转移性支出||||",
  "T4|27|||二十七、债务还本支出||||",
  "T4|28|||二十八、债务付息支出||||",
  "T4|29|||二十九、债务发行费用支出||||",
  "T4|30|||三十、抗疫特别国债安排的支出||||",
  "T4|31|||三十一、人行科目||||",
  "T4|32|本年收入合计|998.77|本年支出合计|998.77|998.77||",
  "T4|33|年初财政拨款结转和结余||年末财政拨款结转和结余||||",
  "T4|34|一、一般公共预算拨款||||||",
  "T4|35|二、政府性基金预算拨款||||||",
  "T4|36|三、国有资本经营预算拨款||||||",
  "T4|37|收入总计|998.77|支出总计|998.77|998.77||",
  "T5|1||合计|998.77|258.88|739.89",
  "T5|2|206|科学技术支出|317.61|124.72|192.89",
  "T5|3|20601|科学技术管理事务|212.98|124.72|88.26",
  "T5|4|2060101|行政运行|188.68|124.72|63.96",
  "T5|5|2060102|一般行政管理事务|24.30||24.30",
  "T5|6|20604|技术研究与开发|40.00||40.00",
  "T5|7|2060404|科技成果转化与扩散|20.00||20.00",
  "T5|8|2060499|其他技术研究与开发支出|20.00||20.00",
  "T5|9|20605|科技条件与服务|37.00||37.00",
  "T5|10|2060502|技术创新服务体系|37.00||37.00",
  "T5|11|20699|其他科学技术支出|27.63||27.63",
  "T5|12|2069999|其他科学技术支出|27.63||27.63",
  "T5|13|208|社会保障和就业支出|85.20|85.20|",
  "T5|14|20805|行政事业单位养老支出|83.45|83.45|",
  "T5|15|2080501|行政单位离退休|67.62|67.62|",
  "T5|16|2080505|机关事业单位基本养老保险缴费支出|15.83|15.83|",
  "T5|17|20808|抚恤|1.74|1.74|",
  "T5|18|2080899|其他优抚支出|1.74|1.74|",
  "T5|19|210|卫生健康支出|36.71|36.71|",
  "T5|20|21011|行政事业单位医疗|36.71|36.71|",
  "T5|21|2101101|行政单位医疗|6.31|6.31|",
  "T5|22|2101103|公务员医疗补助|30.40|30.40|",
  "T5|23|215|资源勘探工业信息等支出|547.00||547.00",
  "T5|24|21505|工业和信息产业监管|497.00||497.00",
  "T5|25|2150517|产业发展|497.00||497.00",
  "T5|26|21508|支持中小企业发展和管理支出|50.00||50.00",
  "T5|27|2150899|其他支持中小企业发展和管理支出|50.00||50.00",
  "T5|28|221|住房保障支出|12.26|12.26|",
  "T5|29|22102|住房改革支出|12.26|12.26|",
  "T5|30|2210201|住房公积金|12.26|12.26|",
  "T6|1||合计|258.88|237.74|21.14",
  "T6|2|301|工资福利支出|175.16|175.16|",
  "T6|3|30101|基本工资|49.41|49.41|",
  "T6|4|30102|津贴补贴|34.77|34.77|",
  "T6|5|30103|奖金|11.62|11.62|",
  "T6|6|30107|绩效工资|13.91|13.91|",
  "T6|7|30108|机关事业单位基本养老保险缴费|15.83|15.83|",
  "T6|8|30110|职工基本医疗保险缴费|6.31|6.31|",
  "T6|9|30111|公务员医疗补助缴费|30.40|30.40|",
  "T6|10|30112|其他社会保障缴费|0.66|0.66|",
  "T6|11|30113|住房公积金|12.26|12.26|",
  "T6|12|302|商品和服务支出|21.14||21.14",
  "T6|13|30201|办公费|1.00||1.00",
  "T6|14|30205|水费|0.30||0.30",
  "T6|15|30206|电费|0.21||0.21",
  "T6|16|30207|邮电费|0.45||0.45",
  "T6|17|30208|取暖费|1.69||1.69",
  "T6|18|30211|差旅费|0.30||0.30",
  "T6|19|30213|维修(护)费|0.77||0.77",
  "T6|20|30228|工会经费|1.87||1.87",
  "T6|21|30229|福利费|1.24||1.24",
  "T6|22|30231|公务用车运行维护费|0.60||0.60",
  "T6|23|30239|其他交通费用|5.40||5.40",
  "T6|24|30299|其他商品和服务支出|7.31||7.31",
  "T6|25|303|对个人和家庭的补助|62.58|62.58|",
  "T6|26|30302|退休费|60.54|60.54|",
  "T6|27|30305|生活补助|1.74|1.74|",
  "T6|28|30309|奖励金|0.05|0.05|",
  "T6|29|30399|其他对个人和家庭的补助|0.25|0.25|",
  "T9|1|“三公”经费小计|1.00|1.00||",
  "T9|2|一、因公出国（境）费||||",
  "T9|3|二、公务用车购置及运维费|1.00|1.00||",
  "T9|4|其中：公务用车购置费||||",
  "T9|5|公务用车运行维护费|1.00|1.00||",
  "T9|6|三、公务接待费||||",
};


static char *
normalize (const char *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  return budget_normalize_name (stripped);
}

static void
test_sample_matches_seed (void)
{
  g_autoptr(BudgetDocument) doc = budget_project_load_sample ();
  g_autoptr(GPtrArray) differences = g_ptr_array_new_with_free_func (g_free);
  guint compared = 0;

  for (guint i = 0; i < G_N_ELEMENTS (seed_rows); i++)
    {
      g_auto(GStrv) cells = g_strsplit (seed_rows[i], "|", -1);
      BudgetForm *form = budget_document_lookup_form (doc, cells[0]);
      guint row = (guint) atoi (cells[1]) - 1;
      guint n_cols;

      g_assert_nonnull (form);
      n_cols = budget_form_get_n_columns (form);
      g_assert_cmpuint (row, <, budget_form_get_n_rows (form));
      g_assert_cmpuint (g_strv_length (cells), ==, n_cols + 2);
      for (guint c = 0; c < n_cols; c++)
        {
          g_autofree char *shown = budget_form_dup_display (form, row, c);
          g_autofree char *a = normalize (shown);
          g_autofree char *b = normalize (cells[c + 2]);

          compared++;
          if (!g_str_equal (a, b))
            g_ptr_array_add (differences,
                             g_strdup_printf ("%s %s %s printed %s derived %s", cells[0],
                                              budget_form_get_row_key (form, row),
                                              budget_form_def_get_column (budget_form_get_def (form), c)->id,
                                              cells[c + 2], shown));
        }
    }

  /* The T5 and T6 leaves are the 元 figures behind the published ones (shared/reference/sample-amounts-yuan.tsv):
   * every cell, rounded on its own as the official systems print, is the seed's printed figure, including the
   * 尾差 cells (208 = 85.20 where its printed items give 85.19, T6 301 = 175.16). */
  for (guint i = 0; i < differences->len; i++)
    g_test_message ("difference: %s", (char *) g_ptr_array_index (differences, i));
  g_assert_cmpuint (differences->len, ==, 0);
  g_test_message ("%u cells compared, all as printed in the seed", compared);
  g_assert_cmpuint (compared, >, 1000);

  /* The empty tables are printed empty (header, one blank row, note). */
  g_assert_true (budget_form_is_empty (budget_document_lookup_form (doc, "T7")));
  g_assert_true (budget_form_is_empty (budget_document_lookup_form (doc, "T8")));
  g_assert_true (budget_form_is_empty (budget_document_lookup_form (doc, "GP")));
}

/* The row sets the model generates are exactly the seed's, in the seed's order. */
static void
test_sample_rows (void)
{
  g_autoptr(BudgetDocument) doc = budget_project_load_sample ();
  const struct { const char *form; guint n_rows; } expected[] = {
    { "T1", 34 }, { "T2", 30 }, { "T3", 30 }, { "T4", 37 }, { "T5", 30 }, { "T6", 29 }, { "T9", 6 }, { "FA", 6 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpuint (budget_form_get_n_rows (budget_document_lookup_form (doc, expected[i].form)), ==,
                      expected[i].n_rows);
}

static void
test_sample_other_forms (void)
{
  g_autoptr(BudgetDocument) doc = budget_project_load_sample ();
  BudgetForm *fa = budget_document_lookup_form (doc, "FA");
  BudgetForm *org = budget_document_lookup_form (doc, "ORG");
  guint n_performance = 0;
  guint n_indicators = 0;

  /* 资产总额 = 房屋 + 车辆 + 设备 + 其他 (办公用房 is a 其中 row). */
  g_assert_cmpint (budget_form_lookup_value (fa, "total", "value"), ==, G_GINT64_CONSTANT (856766730000));
  g_assert_cmpuint (budget_form_get_n_rows (org), ==, 1);
  g_assert_cmpstr (budget_form_get_cell_text (org, 0, 0), ==, "科技和工信部门");

  for (guint i = 0; i < budget_document_get_n_forms (doc); i++)
    {
      BudgetForm *form = budget_document_get_form (doc, i);

      if (BUDGET_IS_PERFORMANCE_TABLE (form))
        {
          n_performance++;
          n_indicators += budget_form_get_n_rows (form);
          g_assert_cmpuint (budget_form_get_number (form), ==, n_performance);
        }
    }
  g_assert_cmpuint (n_performance, ==, 21);
  g_assert_cmpuint (n_indicators, ==, 129);
  {
    BudgetForm *pf1 = budget_document_lookup_form (doc, "PF1");
    g_autofree char *title = budget_form_dup_title (pf1);

    g_assert_cmpstr (title, ==, "1、车辆保险费绩效目标表");
  }
  g_assert_true (g_str_has_prefix (budget_form_get_text (budget_document_lookup_form (doc, "S8")),
                                   "1、一般公共预算拨款收入"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  budget_core_init ();

  g_test_add_func ("/sample/matches-seed", test_sample_matches_seed);
  g_test_add_func ("/sample/rows", test_sample_rows);
  g_test_add_func ("/sample/other-forms", test_sample_other_forms);
  return g_test_run ();
}
