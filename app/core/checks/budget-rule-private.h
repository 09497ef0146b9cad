/* budget-rule-private.h: what the checker, the rules and their tests share */
#pragma once

#include "checks/budget-checker.h"
#include "model/budget-catalog.h"
#include "model/budget-document-private.h"

G_BEGIN_DECLS

/* 0.005 万元: half of the last printed digit. A rounding-level difference of n printed addends is at
 * most n times this (forms-and-rules.md §1). */
#define BUDGET_ROUNDING_STEP G_GINT64_CONSTANT (5000)

/* Building findings (budget-finding.c). */
BudgetFinding *budget_finding_new             (const char     *rule_id,
                                               BudgetSeverity  severity,
                                               const char     *form_id,
                                               const char     *row_key,
                                               int             column,
                                               const char     *column_id,
                                               const char     *subject,
                                               const char     *message);
void           budget_finding_set_rounding    (BudgetFinding  *self,
                                               gboolean        rounding);
void           budget_finding_set_severity    (BudgetFinding  *self,
                                               BudgetSeverity  severity);
void           budget_finding_set_values      (BudgetFinding  *self,
                                               BudgetAmount    value,
                                               BudgetAmount    other_value);
void           budget_finding_set_other       (BudgetFinding  *self,
                                               const char     *form_id,
                                               const char     *row_key,
                                               int             column);
void           budget_finding_set_text_range  (BudgetFinding  *self,
                                               int             start,
                                               int             end);
void           budget_finding_set_subject     (BudgetFinding  *self,
                                               const char     *subject);
void           budget_finding_set_acknowledged (BudgetFinding *self,
                                               const char     *reason);

/* A rule: its catalogue entry, what it reads, and its check. */
typedef struct _BudgetRuleContext BudgetRuleContext;
typedef struct _BudgetEntryCounts BudgetEntryCounts;

typedef void (*BudgetRuleFunc) (BudgetRuleContext *ctx);

/* One walk of a rule over the rows of a form, in row order: every row (@col -1), or the cells of one
 * column; @variant tells the rule's walks of the same form apart. */
typedef struct
{
  BudgetForm *form;
  int         col;
  int         variant;
} BudgetRulePass;

typedef void (*BudgetRulePassesFunc) (BudgetRuleContext *ctx,
                                      GArray            *passes);
typedef void (*BudgetRuleRowFunc)    (BudgetRuleContext    *ctx,
                                      const BudgetRulePass *pass,
                                      guint                 row);

typedef struct
{
  BudgetRuleInfo  info;
  /* What makes the whole rule run again. Space-separated: "T5" (any change of the form), "T5:c4,c5"
   * (these columns, or the form's rows), "T1.r33.c4" (one cell, or the form's rows), "PF" (any
   * performance table), "*" (anything in any form), "forms" (tables added, removed, moved),
   * "meta:KEY" or "meta:PREFIX*", "settings". */
  const char     *reads;
  BudgetRuleFunc  check;
  /* Rules that check row by row (NULL otherwise): their walks, in order, and the check of one row.
   * The whole check is every walk's rows in order, so an edit re-checks only the rows it changed:
   * a changed cell of a form of @row_reads ("T2 T3:c3", "*") re-checks the rows of the same key in
   * every walk; rows added or removed there re-run the whole rule. */
  BudgetRulePassesFunc passes;
  BudgetRuleRowFunc    check_row;
  const char          *row_reads;
} BudgetRuleDef;

struct _BudgetRuleContext
{
  BudgetDocument              *doc;
  const BudgetRuleDef         *rule;
  const BudgetCheckerSettings *settings;
  BudgetSeverity               severity;   /* of comparisons that fail: the rule's, unless it lowers it */
  GPtrArray                   *findings;   /* BudgetFinding, in the order the rule reports them */
  GArray                      *positions;  /* guint64 per finding: the walk and row that found it */
  GHashTable                  *keys;       /* keys already used, to keep them unique */
  guint64                      position;   /* of the row being checked: walk << 32 | row */
  GArray                      *passes;     /* row rules: BudgetRulePass of the whole check */
  BudgetEntryCounts           *counts;     /* (nullable): the checker's counts of typed figures */
  const char                  *catalog_name;  /* the catalogue looked up last, kept for the run */
  BudgetCatalog               *catalog;
};

#define BUDGET_RULE_POSITION(pass, row) (((guint64) (pass) << 32) | (guint64) (row))

const BudgetRuleDef *budget_rules_get_def          (guint               index);

void           budget_rule_context_init            (BudgetRuleContext           *ctx,
                                                    BudgetDocument              *doc,
                                                    const BudgetRuleDef         *rule,
                                                    const BudgetCheckerSettings *settings);
void           budget_rule_context_clear           (BudgetRuleContext           *ctx);
void           budget_rule_run                     (BudgetRuleContext           *ctx);
void           budget_rule_run_row                 (BudgetRuleContext           *ctx,
                                                    GArray                      *passes,
                                                    guint64                      position);

/* Counts of the typed figures of whole columns, kept up to date cell by cell (budget-rules.c). */
BudgetEntryCounts *budget_entry_counts_new         (void);
void           budget_entry_counts_free            (BudgetEntryCounts           *counts);
void           budget_entry_counts_cell_changed    (BudgetEntryCounts           *counts,
                                                    BudgetForm                  *form,
                                                    guint                        row,
                                                    guint                        col);
void           budget_entry_counts_forget_form     (BudgetEntryCounts           *counts,
                                                    BudgetForm                  *form);
void           budget_entry_counts_forget_all      (BudgetEntryCounts           *counts);
gboolean       budget_rule_is_typed_or_above       (BudgetRuleContext           *ctx,
                                                    BudgetForm                  *form,
                                                    guint                        row);

/* Reporting. */
BudgetFinding *budget_rule_report                  (BudgetRuleContext  *ctx,
                                                    BudgetSeverity      severity,
                                                    BudgetForm         *form,
                                                    const char         *row_key,
                                                    int                 col,
                                                    const char         *subject,
                                                    const char         *format,
                                                    ...) G_GNUC_PRINTF (7, 8);

typedef enum
{
  BUDGET_RULE_EQUAL,
  BUDGET_RULE_AT_MOST,
  BUDGET_RULE_AT_LEAST,
} BudgetRuleRelation;

/* One side of a comparison: a figure, where it is, how messages name it, and how many typed figures
 * were added up to make it (0: exact, no rounding allowance). */
typedef struct
{
  BudgetForm   *form;
  const char   *row_key;
  int           col;
  char         *name;
  BudgetAmount  value;
  guint         n_addends;
} BudgetRuleFigure;

void           budget_rule_figure_cell             (BudgetRuleFigure   *figure,
                                                    BudgetForm         *form,
                                                    const char         *row_key,
                                                    int                 col,
                                                    guint               n_addends);
void           budget_rule_figure_value            (BudgetRuleFigure   *figure,
                                                    BudgetForm         *form,
                                                    const char         *row_key,
                                                    int                 col,
                                                    char               *name,
                                                    BudgetAmount        value,
                                                    guint               n_addends);
void           budget_rule_figure_clear            (BudgetRuleFigure   *figure);
BudgetFinding *budget_rule_compare                 (BudgetRuleContext  *ctx,
                                                    BudgetRuleFigure   *a,
                                                    BudgetRuleFigure   *b,
                                                    BudgetRuleRelation  relation);
gboolean       budget_rule_is_rounding             (guint64             difference,
                                                    guint               n_addends);

/* Whether @a relates to @b as it must: checked before the figures are named, which costs more. */
static inline gboolean
budget_rule_holds (BudgetAmount       a,
                   BudgetAmount       b,
                   BudgetRuleRelation relation)
{
  switch (relation)
    {
    case BUDGET_RULE_AT_MOST:
      return a <= b;
    case BUDGET_RULE_AT_LEAST:
      return a >= b;
    case BUDGET_RULE_EQUAL:
    default:
      return a == b;
    }
}

/* Walks of row rules: adds one over @form (nothing when @form is NULL). */
void           budget_rule_add_pass                (GArray             *passes,
                                                    BudgetForm         *form,
                                                    int                 col,
                                                    int                 variant);

/* a + b, held at the largest or smallest amount instead of overflowing, as the model's sums are. */

/* Reading the model. */
BudgetCatalog *budget_rule_catalog                 (BudgetRuleContext  *ctx,
                                                    BudgetForm         *form);
BudgetForm    *budget_rule_form                    (BudgetRuleContext  *ctx,
                                                    const char         *id);
int            budget_rule_col                     (BudgetForm         *form,
                                                    const char         *col_id);
BudgetAmount   budget_rule_value                   (BudgetForm         *form,
                                                    const char         *row_key,
                                                    const char         *col_id);
char          *budget_rule_cell_name               (BudgetForm         *form,
                                                    const char         *row_key,
                                                    int                 col);
char          *budget_rule_format_amount           (BudgetAmount        value);
guint          budget_rule_count_entered           (BudgetRuleContext  *ctx,
                                                    BudgetForm         *form,
                                                    const char         *col_ids,
                                                    const char         *key_prefix);
const char    *budget_rule_list_text               (BudgetForm         *form,
                                                    BudgetRow          *row,
                                                    const char         *col_id);

/* Rule checks that also take explicit inputs, so that tests can feed them broken definitions. */
void           budget_rules_check_table_order      (BudgetRuleContext  *ctx,
                                                    const char * const *form_ids);
void           budget_rules_check_empty_note       (BudgetRuleContext  *ctx,
                                                    BudgetFormDef      *def);
void           budget_rules_check_layout           (BudgetRuleContext  *ctx,
                                                    BudgetFormDef      *def);
void           budget_rules_check_same_labels      (BudgetRuleContext  *ctx,
                                                    BudgetFormDef      *t1,
                                                    BudgetFormDef      *t4);
gboolean       budget_rules_display_is_valid       (const char         *display);

/* The rules, by family (budget-rules-*.c). */
void budget_rule_g01  (BudgetRuleContext *ctx);
void budget_rule_g02  (BudgetRuleContext *ctx);
void budget_rule_g03  (BudgetRuleContext *ctx);
void budget_rule_g04  (BudgetRuleContext *ctx);
void budget_rule_g05_passes (BudgetRuleContext *ctx, GArray *passes);
void budget_rule_g05_row      (BudgetRuleContext *ctx, const BudgetRulePass *pass, guint row);
void budget_rule_r01_passes   (BudgetRuleContext *ctx, GArray *passes);
void budget_rule_r01_row      (BudgetRuleContext *ctx, const BudgetRulePass *pass, guint row);
void budget_rule_g06_passes (BudgetRuleContext *ctx, GArray *passes);
void budget_rule_g06_row      (BudgetRuleContext *ctx, const BudgetRulePass *pass, guint row);
void budget_rule_g07  (BudgetRuleContext *ctx);

/* Row rules: their walks and the check of one row. */
void budget_rule_t2_passes (BudgetRuleContext *ctx, GArray *passes);
void budget_rule_t3_passes (BudgetRuleContext *ctx, GArray *passes);
void budget_rule_t2_03_passes (BudgetRuleContext *ctx, GArray *passes);
void budget_rule_t2_04_passes (BudgetRuleContext *ctx, GArray *passes);
void budget_rule_t3_02_passes (BudgetRuleContext *ctx, GArray *passes);
void budget_rule_t3_03_passes (BudgetRuleContext *ctx, GArray *passes);
void budget_rule_t5_02_passes (BudgetRuleContext *ctx, GArray *passes);
void budget_rule_t6_02_passes (BudgetRuleContext *ctx, GArray *passes);
void budget_rule_cl04_passes (BudgetRuleContext *ctx, GArray *passes);
void budget_rule_x05_row (BudgetRuleContext *ctx, const BudgetRulePass *pass, guint row);
void budget_rule_x09_row (BudgetRuleContext *ctx, const BudgetRulePass *pass, guint row);
void budget_rule_x12_row (BudgetRuleContext *ctx, const BudgetRulePass *pass, guint row);
void budget_rule_cl04_row (BudgetRuleContext *ctx, const BudgetRulePass *pass, guint row);
void budget_rule_children_row (BudgetRuleContext *ctx, const BudgetRulePass *pass, guint row);

void budget_rule_t1_05 (BudgetRuleContext *ctx);
void budget_rule_t1_06 (BudgetRuleContext *ctx);
void budget_rule_t3_04 (BudgetRuleContext *ctx);
void budget_rule_t3_05 (BudgetRuleContext *ctx);
void budget_rule_t4_07 (BudgetRuleContext *ctx);
void budget_rule_t4_08 (BudgetRuleContext *ctx);
void budget_rule_t6_03 (BudgetRuleContext *ctx);
void budget_rule_t6_04 (BudgetRuleContext *ctx);

void budget_rule_x02  (BudgetRuleContext *ctx);
void budget_rule_x03  (BudgetRuleContext *ctx);
void budget_rule_x04  (BudgetRuleContext *ctx);
void budget_rule_x06  (BudgetRuleContext *ctx);
void budget_rule_x07  (BudgetRuleContext *ctx);
void budget_rule_x10  (BudgetRuleContext *ctx);
void budget_rule_x11  (BudgetRuleContext *ctx);
void budget_rule_x13  (BudgetRuleContext *ctx);
void budget_rule_x14  (BudgetRuleContext *ctx);
void budget_rule_x15  (BudgetRuleContext *ctx);
void budget_rule_x16  (BudgetRuleContext *ctx);

void budget_rule_tx01 (BudgetRuleContext *ctx);
void budget_rule_tx02 (BudgetRuleContext *ctx);
void budget_rule_tx03 (BudgetRuleContext *ctx);
void budget_rule_tx04 (BudgetRuleContext *ctx);
void budget_rule_tx05 (BudgetRuleContext *ctx);
void budget_rule_tx06 (BudgetRuleContext *ctx);
void budget_rule_tx07 (BudgetRuleContext *ctx);
void budget_rule_tx08 (BudgetRuleContext *ctx);
void budget_rule_tx09 (BudgetRuleContext *ctx);
void budget_rule_tx10 (BudgetRuleContext *ctx);
void budget_rule_tx11 (BudgetRuleContext *ctx);
void budget_rule_tx12 (BudgetRuleContext *ctx);

void budget_rule_gp02 (BudgetRuleContext *ctx);
void budget_rule_gp03 (BudgetRuleContext *ctx);
void budget_rule_gp04 (BudgetRuleContext *ctx);
void budget_rule_gp05 (BudgetRuleContext *ctx);
void budget_rule_fa02 (BudgetRuleContext *ctx);
void budget_rule_fa03 (BudgetRuleContext *ctx);
void budget_rule_fa04 (BudgetRuleContext *ctx);
void budget_rule_fa05 (BudgetRuleContext *ctx);
void budget_rule_fa06 (BudgetRuleContext *ctx);
void budget_rule_pf01 (BudgetRuleContext *ctx);
void budget_rule_pf02 (BudgetRuleContext *ctx);
void budget_rule_pf03 (BudgetRuleContext *ctx);
void budget_rule_pf04 (BudgetRuleContext *ctx);
void budget_rule_pf05 (BudgetRuleContext *ctx);
void budget_rule_pf06 (BudgetRuleContext *ctx);
void budget_rule_pf07 (BudgetRuleContext *ctx);
void budget_rule_pf08 (BudgetRuleContext *ctx);
void budget_rule_cl01_passes (BudgetRuleContext *ctx, GArray *passes);
void budget_rule_cl02_passes (BudgetRuleContext *ctx, GArray *passes);
void budget_rule_cl01_row (BudgetRuleContext *ctx, const BudgetRulePass *pass, guint row);
void budget_rule_cl03 (BudgetRuleContext *ctx);
void budget_rule_cl05 (BudgetRuleContext *ctx);

/* Explanatory text (budget-rules-text.c), shared with the sentence generator. */
typedef struct
{
  gsize         clause;   /* byte offset where the number's clause starts */
  gsize         start;    /* byte offset of the number */
  gsize         end;      /* byte offset after the unit */
  BudgetAmount  value;    /* in model units; 元 are converted to 万元 */
  char         *label;    /* the clause before the number, normalised (no spaces, full-width brackets) */
} BudgetTextAmount;

GArray        *budget_text_scan_amounts            (const char         *text);
gboolean       budget_text_unit_is_administrative  (BudgetDocument     *doc);

G_END_DECLS
