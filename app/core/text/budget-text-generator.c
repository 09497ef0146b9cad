/* budget-text-generator.c: the numeric sentences of the explanatory text (forms-and-rules.md §3.11),
 * written from the tables, so that the TX- rules hold by construction.
 *
 * The text itself stays the officer's: the editor inserts a generated sentence, or replaces the one
 * budget_text_find_sentence() locates, and leaves the free text around it alone.
 */

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "text/budget-text-generator.h"

static const struct
{
  const char *id;
  const char *section;
  const char *title;
  const char *anchors[4];   /* where an existing sentence is: the first anchor found */
  const char *last;         /* the sentence ends with the 。 after this, when present */
} sentences[] = {
  { "income", "S2", N_("Income"), { "预算收入为", NULL }, NULL },
  { "expenditure", "S2", N_("Expenditure"), { "预算支出为", NULL }, NULL },
  { "change", "S2", N_("Change from last year"), { "预算支出安排", NULL }, NULL },
  { "operating", "S3", N_("Running costs of the offices"), { "机关运行经费", NULL }, NULL },
  { "sangong", "S4", N_("“Three public” costs"), { "三公”经费预算安排", "三公\"经费预算安排", "三公经费预算安排", NULL },
    "公务接待费" },
  { "procurement", "S6", N_("Government procurement"), { "安排政府采购预算", NULL }, NULL },
  { "assets", "S7", N_("State-owned assets"), { "上年末固定资产金额", NULL }, "拟购置固定资产总额" },
};

static int
find_sentence_index (const char *sentence_id)
{
  for (guint i = 0; i < G_N_ELEMENTS (sentences); i++)
    if (g_str_equal (sentences[i].id, sentence_id))
      return (int) i;
  return -1;
}

/**
 * budget_text_sentence_ids:
 *
 * Returns: (transfer none) (array zero-terminated=1): the ids of the generated sentences: "income"
 * (收入说明), "expenditure" (支出说明), "change" (比上年增减), "operating" (机关运行经费), "sangong" (三公),
 * "procurement" (政府采购), "assets" (国有资产)
 */
const char * const *
budget_text_sentence_ids (void)
{
  static const char * const ids[] = {
    "income", "expenditure", "change", "operating", "sangong", "procurement", "assets", NULL,
  };

  return ids;
}

/**
 * budget_text_sentence_get_section:
 * @sentence_id: a sentence id
 *
 * Returns: (nullable): the id of the text section the sentence belongs in (S2, S3, S4, S6 or S7)
 */
const char *
budget_text_sentence_get_section (const char *sentence_id)
{
  int i = find_sentence_index (sentence_id);

  return i >= 0 ? sentences[i].section : NULL;
}

/**
 * budget_text_sentence_get_title:
 * @sentence_id: a sentence id
 *
 * Returns: (nullable): the sentence's name, for menus
 */
const char *
budget_text_sentence_get_title (const char *sentence_id)
{
  int i = find_sentence_index (sentence_id);

  return i >= 0 ? g_dgettext (GETTEXT_PACKAGE, sentences[i].title) : NULL;
}

/* 万元 with 2 decimals; the text prints a zero as "0" (§1), or as "0.00" in the procurement and
 * asset sentences. */
static char *
wan (BudgetAmount value,
     gboolean     zero_decimals)
{
  if (value == 0 && !zero_decimals)
    return g_strdup ("0");
  return budget_amount_format (value);
}

static BudgetAmount
cell (BudgetDocument *doc,
      const char     *form,
      const char     *row,
      const char     *col)
{
  BudgetForm *f = budget_document_lookup_form (doc, form);

  return f != NULL ? budget_form_lookup_value (f, row, col) : 0;
}

static gboolean
prior (BudgetDocument *doc,
       const char     *key,
       BudgetAmount   *value)
{
  const char *text = budget_document_get_meta (doc, key);

  return text != NULL && budget_amount_parse (text, value, NULL);
}

/* "增加0.60万元" or "减少0.60万元". */
static char *
change_phrase (BudgetAmount delta)
{
  g_autofree char *amount = wan (delta < 0 ? -delta : delta, FALSE);

  return g_strdup_printf ("%s%s万元", delta < 0 ? "减少" : "增加", amount);
}

static char *
generate_income (BudgetDocument *doc,
                 int             year)
{
  BudgetAmount total = cell (doc, "T1", "r34", "c2");
  BudgetAmount general = cell (doc, "T1", "r1", "c2");
  BudgetAmount fund = cell (doc, "T1", "r2", "c2");
  BudgetAmount special = cell (doc, "T1", "r4", "c2");
  g_autofree char *a = wan (total, FALSE);
  g_autofree char *b = wan (general, FALSE);
  g_autofree char *c = wan (fund, FALSE);
  g_autofree char *d = wan (special, FALSE);
  g_autofree char *e = wan (total - general - fund - special, FALSE);

  return g_strdup_printf ("%d年预算收入为%s万元，其中：一般公共预算收入%s万元，基金预算收入%s万元，"
                          "财政专户核拨收入%s万元，其他来源收入%s万元。", year, a, b, c, d, e);
}

static char *
generate_expenditure (BudgetDocument *doc,
                      int             year)
{
  g_autofree char *total = wan (cell (doc, "T3", "total", "c3"), FALSE);
  g_autofree char *basic = wan (cell (doc, "T3", "total", "c4"), FALSE);
  g_autofree char *personnel = wan (cell (doc, "T6", "total", "c4"), FALSE);
  g_autofree char *public = wan (cell (doc, "T6", "total", "c5"), FALSE);
  g_autofree char *project = wan (cell (doc, "T3", "total", "c5"), FALSE);

  return g_strdup_printf ("%d年预算支出为%s万元，其中：基本支出%s万元，主要是人员经费%s万元和日常公用经费%s万元；"
                          "项目支出%s万元。", year, total, basic, personnel, public, project);
}

/* The officer's explanation of a change (document metadata "reason-…"), or "". */
static const char *
reason (BudgetDocument *doc,
        const char     *key)
{
  const char *text = budget_document_get_meta (doc, key);

  return text != NULL ? text : "";
}

static const char *
reason_separator (BudgetDocument *doc,
                  const char     *key)
{
  return reason (doc, key)[0] != '\0' ? "，" : "";
}

static char *
generate_change (BudgetDocument *doc,
                 int             year)
{
  BudgetAmount prior_total, prior_basic, prior_project;
  BudgetAmount total = cell (doc, "T3", "total", "c3");
  g_autofree char *shown = wan (total, FALSE);
  g_autofree char *total_change = NULL;
  g_autofree char *basic_change = NULL;
  g_autofree char *project_change = NULL;

  if (!prior (doc, "prior-total", &prior_total) || !prior (doc, "prior-basic", &prior_basic) ||
      !prior (doc, "prior-project", &prior_project))
    return NULL;
  total_change = change_phrase (total - prior_total);
  basic_change = change_phrase (cell (doc, "T3", "total", "c4") - prior_basic);
  project_change = change_phrase (cell (doc, "T3", "total", "c5") - prior_project);
  return g_strdup_printf ("%d年预算支出安排%s万元，较%d年预算%s，其中：基本支出%s%s%s；项目%s%s%s。", year, shown, year - 1,
                          total_change, basic_change, reason_separator (doc, "reason-basic"), reason (doc, "reason-basic"),
                          project_change, reason_separator (doc, "reason-project"), reason (doc, "reason-project"));
}

static char *
generate_operating (BudgetDocument *doc)
{
  static const struct { const char *label, *code; } items[] = {
    { "办公费", "30201" }, { "水费", "30205" }, { "电费", "30206" }, { "邮电费", "30207" },
    { "日常维修（护）费", "30213" }, { "差旅费", "30211" }, { "会议费", "30215" }, { "福利费", "30229" },
    { "办公用房取暖费", "30208" }, { "办公用房物业管理费", "30209" },
  };
  BudgetAmount total = cell (doc, "T6", "total", "c5");
  BudgetAmount rest = total;
  g_autofree char *shown = wan (total, FALSE);
  g_autofree char *rest_shown = NULL;
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, "机关运行经费共计安排%s万元，主要用于", shown);
  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      BudgetAmount value = cell (doc, "T6", items[i].code, "c5");
      g_autofree char *item = wan (value, FALSE);

      rest -= value;
      /* The seed's punctuation: a comma after the fifth item. */
      g_string_append_printf (out, "%s%s万元%s", items[i].label, item, i == 4 ? "，" : "、");
    }
  rest_shown = wan (rest, FALSE);
  g_string_append_printf (out, "公务用车运行维护费以及其他费用%s万元等日常运行支出。", rest_shown);
  return g_string_free (out, FALSE);
}

/* "，与上年持平" or "，比上年增加0.60万元", then for an item the officer's reason (meta @reason_key), or
 * "，主要为……" for the officer to complete. */
static void
append_sangong_change (GString        *out,
                       BudgetDocument *doc,
                       BudgetAmount    current,
                       const char     *prior_key,
                       const char     *prior_key2,
                       const char     *reason_key)
{
  BudgetAmount last, last2 = 0;
  g_autofree char *phrase = NULL;

  if (!prior (doc, prior_key, &last) || (prior_key2 != NULL && !prior (doc, prior_key2, &last2)))
    return;
  if (current == last + last2)
    {
      g_string_append (out, "，与上年持平");
      return;
    }
  phrase = change_phrase (current - last - last2);
  g_string_append_printf (out, "，比上年%s", phrase);
  if (reason_key != NULL)
    g_string_append_printf (out, "，%s", reason (doc, reason_key)[0] != '\0' ? reason (doc, reason_key) : "主要为……");
}

static char *
generate_sangong (BudgetDocument *doc,
                  int             year)
{
  static const struct { const char *label, *row, *prior, *reason; } items[] = {
    { "因公出国（境）费", "r2", "prior-sangong-abroad", "reason-sangong-abroad" },
    { "公务用车购置费", "r4", "prior-sangong-car-purchase", "reason-sangong-car-purchase" },
    { "公务用车运行维护费", "r5", "prior-sangong-car-running", "reason-sangong-car-running" },
    { "公务接待费", "r6", "prior-sangong-reception", "reason-sangong-reception" },
  };
  BudgetAmount total = cell (doc, "T9", "r1", "c2");
  g_autofree char *shown = wan (total, FALSE);
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, "%d年，我部门财政拨款“三公”经费预算安排%s万元", year, shown);
  append_sangong_change (out, doc, total, "prior-sangong", NULL, NULL);
  g_string_append (out, "。其中：");
  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      BudgetAmount value = cell (doc, "T9", items[i].row, "c2");
      g_autofree char *item = wan (value, FALSE);

      g_string_append_printf (out, "%s%s万元", items[i].label, item);
      append_sangong_change (out, doc, value, items[i].prior, NULL, items[i].reason);
      g_string_append (out, i + 1 < G_N_ELEMENTS (items) ? "；" : "。");
    }
  return g_string_free (out, FALSE);
}

static BudgetAmount
procurement_total (BudgetDocument *doc)
{
  BudgetForm *gp = budget_document_lookup_form (doc, "GP");
  int col = gp != NULL ? budget_form_def_find_column (budget_form_get_def (gp), "total") : -1;
  BudgetAmount sum = 0;

  for (guint r = 0; col >= 0 && r < budget_form_get_n_rows (gp); r++)
    sum += budget_form_get_value (gp, r, (guint) col);
  return sum;
}

static const char *
department (BudgetDocument *doc)
{
  const char *name = budget_document_get_meta (doc, "department-name");

  return name != NULL ? name : "";
}

/**
 * budget_text_generate:
 * @doc: a document
 * @sentence_id: one of budget_text_sentence_ids()
 *
 * Writes a numeric sentence of §3.11 from the tables: amounts in 万元 with 2 decimals (zeros as "0", or
 * "0.00" in the procurement and asset sentences). A change of a 三公 item from last year is followed
 * by "，主要为……", which the officer completes (TX-09 warns until then).
 *
 * Returns: (transfer full) (nullable): the sentence, or %NULL for an unknown id, a document without a
 * budget year, or a "change" sentence without the prior-year totals (meta prior-total, prior-basic,
 * prior-project)
 */
char *
budget_text_generate (BudgetDocument *doc,
                      const char     *sentence_id)
{
  int year = budget_document_get_year (doc);

  g_return_val_if_fail (BUDGET_IS_DOCUMENT (doc), NULL);
  if (year <= 0 && !g_str_equal (sentence_id, "operating") && !g_str_equal (sentence_id, "assets"))
    return NULL;
  if (g_str_equal (sentence_id, "income"))
    return generate_income (doc, year);
  if (g_str_equal (sentence_id, "expenditure"))
    return generate_expenditure (doc, year);
  if (g_str_equal (sentence_id, "change"))
    return generate_change (doc, year);
  if (g_str_equal (sentence_id, "operating"))
    return generate_operating (doc);
  if (g_str_equal (sentence_id, "sangong"))
    return generate_sangong (doc, year);
  if (g_str_equal (sentence_id, "procurement"))
    {
      g_autofree char *total = wan (procurement_total (doc), TRUE);

      return g_strdup_printf ("%d年，%s安排政府采购预算%s万元。", year, department (doc), total);
    }
  if (g_str_equal (sentence_id, "assets"))
    {
      g_autofree char *total = wan (cell (doc, "FA", "total", "value"), TRUE);
      g_autofree char *purchases = wan (budget_text_fixed_asset_purchases (doc), TRUE);

      return g_strdup_printf ("%s（含所属单位）上年末固定资产金额为%s万元（详见下表）。本年度拟购置固定资产总额为%s万元，"
                              "已按要求列入政府采购预算，详见政府采购预算表。", department (doc), total, purchases);
    }
  return NULL;
}

static gboolean
ends_sentence (gunichar c)
{
  return c == 0x3002 /* 。 */ || c == 0xFF01 || c == 0xFF1F || c == '\n';
}

/**
 * budget_text_find_sentence:
 * @text: the text of a section
 * @sentence_id: one of budget_text_sentence_ids()
 * @start: (out): the character offset where the sentence starts
 * @end: (out): the character offset after its final 。
 *
 * Locates a numeric sentence in a text, generated or typed, so that the editor can replace it.
 *
 * Returns: whether the text has the sentence
 */
gboolean
budget_text_find_sentence (const char *text,
                           const char *sentence_id,
                           int        *start,
                           int        *end)
{
  int i = find_sentence_index (sentence_id);
  const char *anchor = NULL;
  const char *from;
  const char *to;

  if (i < 0 || text == NULL)
    return FALSE;
  for (guint a = 0; anchor == NULL && sentences[i].anchors[a] != NULL; a++)
    anchor = strstr (text, sentences[i].anchors[a]);
  if (anchor == NULL)
    return FALSE;

  /* Back to the end of the previous sentence. */
  from = anchor;
  while (from > text)
    {
      const char *prev = g_utf8_find_prev_char (text, from);

      if (prev == NULL || ends_sentence (g_utf8_get_char (prev)))
        break;
      from = prev;
    }
  while (*from == ' ' || g_str_has_prefix (from, "　"))
    from = g_utf8_next_char (from);

  /* Forward to the 。 that ends it (after the last part, when the sentence has two). */
  to = anchor;
  if (sentences[i].last != NULL)
    {
      const char *last = strstr (anchor, sentences[i].last);

      if (last != NULL)
        to = last;
    }
  while (*to && g_utf8_get_char (to) != 0x3002 && *to != '\n')
    to = g_utf8_next_char (to);
  if (g_utf8_get_char (to) == 0x3002)
    to = g_utf8_next_char (to);

  *start = (int) g_utf8_pointer_to_offset (text, from);
  *end = (int) g_utf8_pointer_to_offset (text, to);
  return TRUE;
}

/**
 * budget_text_replace_sentence:
 * @text: the text of a section
 * @sentence_id: one of budget_text_sentence_ids()
 * @sentence: the new sentence (usually from budget_text_generate())
 *
 * Returns: (transfer full) (nullable): @text with the sentence replaced, or %NULL when @text does not
 * have it
 */
char *
budget_text_replace_sentence (const char *text,
                              const char *sentence_id,
                              const char *sentence)
{
  int start, end;
  const char *from, *to;
  GString *out;

  if (!budget_text_find_sentence (text, sentence_id, &start, &end))
    return NULL;
  from = g_utf8_offset_to_pointer (text, start);
  to = g_utf8_offset_to_pointer (text, end);
  out = g_string_new_len (text, from - text);
  g_string_append (out, sentence);
  g_string_append (out, to);
  return g_string_free (out, FALSE);
}

#define TOKEN_OPEN  "{{"
#define TOKEN_CLOSE "}}"

/**
 * budget_text_expand:
 * @doc: a document
 * @text: the text of a section, with tokens such as `{{income}}`
 *
 * Live numbers: a token stands for a generated sentence and shows the tables' current figures. A token
 * that cannot be generated (unknown id, missing prior-year figures) is left as it is, visibly.
 *
 * Returns: (transfer full): @text with every token replaced by its sentence
 */
char *
budget_text_expand (BudgetDocument *doc,
                    const char     *text)
{
  GString *out = g_string_new (NULL);
  const char *p = text != NULL ? text : "";

  for (;;)
    {
      const char *open = strstr (p, TOKEN_OPEN);
      const char *close = open != NULL ? strstr (open + 2, TOKEN_CLOSE) : NULL;
      g_autofree char *id = NULL;
      g_autofree char *sentence = NULL;

      if (close == NULL)
        break;
      g_string_append_len (out, p, open - p);
      id = g_strndup (open + 2, close - open - 2);
      sentence = find_sentence_index (id) >= 0 ? budget_text_generate (doc, id) : NULL;
      if (sentence != NULL)
        g_string_append (out, sentence);
      else
        g_string_append_len (out, open, close + 2 - open);
      p = close + 2;
    }
  g_string_append (out, p);
  return g_string_free (out, FALSE);
}

/**
 * budget_text_make_live:
 * @doc: a document
 * @section_id: the id of a text section ("S2" …)
 * @text: its text
 *
 * Replaces each numeric sentence of the section that was typed by hand with its token, so that its
 * figures follow the tables from then on; the free text around it stays as it is.
 *
 * Returns: (transfer full): the new text (equal to @text when there was nothing to replace)
 */
char *
budget_text_make_live (BudgetDocument *doc,
                       const char     *section_id,
                       const char     *text)
{
  char *result = g_strdup (text != NULL ? text : "");

  for (guint i = 0; i < G_N_ELEMENTS (sentences); i++)
    {
      g_autofree char *token = g_strconcat (TOKEN_OPEN, sentences[i].id, TOKEN_CLOSE, NULL);
      g_autofree char *sentence = NULL;
      char *replaced;
      int start, end;

      if (!g_str_equal (sentences[i].section, section_id) || strstr (result, token) != NULL)
        continue;
      /* Only sentences the generator can write (a "change" sentence needs last year's totals). */
      sentence = budget_text_generate (doc, sentences[i].id);
      if (sentence == NULL || !budget_text_find_sentence (result, sentences[i].id, &start, &end))
        continue;
      replaced = budget_text_replace_sentence (result, sentences[i].id, token);
      g_free (result);
      result = replaced;
    }
  return result;
}

/**
 * budget_text_map_to_typed:
 * @doc: a document
 * @typed: a section's text as typed, with tokens
 * @rendered_offset: a character offset in the text as rendered (budget_text_expand)
 * @at_end: whether the offset ends a range (an offset inside a generated sentence then maps to the end
 *   of its token, otherwise to its start)
 *
 * Findings quote the rendered text; an editor selects in the typed text.
 *
 * Returns: the matching character offset in @typed
 */
int
budget_text_map_to_typed (BudgetDocument *doc,
                          const char     *typed,
                          int             rendered_offset,
                          gboolean        at_end)
{
  const char *p = typed != NULL ? typed : "";
  int typed_pos = 0;
  int rendered_pos = 0;

  for (;;)
    {
      const char *open = strstr (p, TOKEN_OPEN);
      const char *close = open != NULL ? strstr (open + 2, TOKEN_CLOSE) : NULL;
      int plain = (int) g_utf8_strlen (p, close != NULL ? open - p : -1);
      g_autofree char *id = NULL;
      g_autofree char *sentence = NULL;
      int token_len, sentence_len;

      if (rendered_offset <= rendered_pos + plain || close == NULL)
        return typed_pos + MIN (rendered_offset - rendered_pos, plain);
      typed_pos += plain;
      rendered_pos += plain;
      id = g_strndup (open + 2, close - open - 2);
      sentence = find_sentence_index (id) >= 0 ? budget_text_generate (doc, id) : NULL;
      token_len = (int) g_utf8_strlen (open, close + 2 - open);
      sentence_len = sentence != NULL ? (int) g_utf8_strlen (sentence, -1) : token_len;
      if (rendered_offset < rendered_pos + sentence_len)
        return typed_pos + (at_end ? token_len : 0);
      typed_pos += token_len;
      rendered_pos += sentence_len;
      p = close + 2;
    }
}

typedef struct
{
  guint64  serial;
  char    *text;
} RenderedText;

static void
rendered_text_free (gpointer data)
{
  RenderedText *rendered = data;

  g_free (rendered->text);
  g_free (rendered);
}

/**
 * budget_form_get_rendered_text:
 * @self: a text section
 *
 * The text as it is printed and checked: each live-sentence token (`{{income}}` …) replaced by the
 * sentence generated from the current tables. The result is kept with the form until the document
 * changes.
 *
 * Returns: (transfer none): the text; valid until the document next changes
 */
const char *
budget_form_get_rendered_text (BudgetForm *self)
{
  static GQuark quark;
  BudgetDocument *document = budget_form_get_document (self);
  const char *text = budget_form_get_text (self);
  RenderedText *rendered;
  guint64 serial;

  if (text == NULL || strstr (text, "{{") == NULL || document == NULL)
    return text;
  if (quark == 0)
    quark = g_quark_from_static_string ("budget-rendered-text");
  serial = budget_document_get_change_serial (document);
  rendered = g_object_get_qdata (G_OBJECT (self), quark);
  if (rendered == NULL || rendered->serial != serial)
    {
      rendered = g_new0 (RenderedText, 1);
      rendered->serial = serial;
      rendered->text = budget_text_expand (document, text);
      g_object_set_qdata_full (G_OBJECT (self), quark, rendered, rendered_text_free);
    }
  return rendered->text;
}

/**
 * budget_form_dup_rendered_text:
 * @self: a text section
 *
 * Returns: (transfer full): a copy of budget_form_get_rendered_text()
 */
char *
budget_form_dup_rendered_text (BudgetForm *self)
{
  return g_strdup (budget_form_get_rendered_text (self));
}

static gboolean
is_fixed_asset_item (const char *catno)
{
  g_autofree char *clean = g_strstrip (g_ascii_strup (catno, -1));

  return clean[0] == 'A' && clean[1] == '0' && clean[2] >= '1' && clean[2] <= '7';
}

/**
 * budget_text_fixed_asset_purchases: (skip)
 * @doc: a document
 *
 * Returns: the procurement of fixed assets: the 合计 of the procurement rows whose 政府采购目录序号 is a
 * fixed asset (A01 … A07)
 */
BudgetAmount
budget_text_fixed_asset_purchases (BudgetDocument *doc)
{
  BudgetForm *gp = budget_document_lookup_form (doc, "GP");
  BudgetFormDef *def = gp != NULL ? budget_form_get_def (gp) : NULL;
  int col = def != NULL ? budget_form_def_find_column (def, "total") : -1;
  int catno = def != NULL ? budget_form_def_find_column (def, "catno") : -1;
  BudgetAmount sum = 0;

  for (guint r = 0; col >= 0 && catno >= 0 && r < budget_form_get_n_rows (gp); r++)
    if (is_fixed_asset_item (budget_form_get_cell_text (gp, r, (guint) catno)))
      sum = budget_amount_add_saturating (sum, budget_form_get_value (gp, r, (guint) col));
  return sum;
}
