/* budget-checker.c: the consistency checks of a document, kept up to date as it is edited.
 *
 * Every rule declares what it reads (budget-rules.c). The checker listens to the document: each
 * cells-changed, rows-changed, forms-changed, meta-changed and form-text-changed marks the rules that
 * read what changed, and when the command is complete (command-applied) the marked rules run again.
 * Rules that check row by row are re-checked only on the rows whose cells changed: each finding
 * keeps the position (walk, row) where it was found, so the findings of one row are replaced in
 * place. The findings replace the previous ones in one GListStore, in the order of the reference, so
 * a list view sees only the items that changed, and the lookups by cell and by form are updated
 * finding by finding. Findings are immutable: a changed finding is a new object.
 */

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "checks/budget-checker.h"
#include "checks/budget-rule-private.h"
#include "edit/budget-document-edit.h"

typedef struct
{
  guint   rule;
  GStrv   cols;    /* NULL: any column */
  char   *row;     /* NULL: any row */
} ReadEntry;

typedef struct
{
  guint   rule;
  char   *key;
  gboolean prefix;
} MetaRead;

/* What the checker keeps of one rule. */
typedef struct
{
  GPtrArray *findings;    /* BudgetFinding, in the store's order */
  GArray    *positions;   /* guint64 per finding: the walk and row of a row rule that found it */
  GArray    *passes;      /* row rules: the walks of the last whole check (NULL until then) */
  GArray    *dirty_rows;  /* row rules: positions to check again */
  gboolean   dirty;       /* the whole rule */
} RuleState;

/* A finding in the lookup by cell, with where it stands in the store (rule, then position). */
typedef struct
{
  BudgetFinding *finding;
  guint          rule;
  guint64        position;
} CellEntry;

/* Per form: the findings about it that are not acknowledged, by rank (error, warning, rounding,
 * remark), for the sidebar's marks. */
typedef struct
{
  guint ranks[4];
} FormMarks;

struct _BudgetChecker
{
  GObject                parent_instance;

  BudgetDocument        *document;
  GListStore            *store;
  BudgetCheckerSettings  settings;

  guint                  n_rules;
  RuleState             *rules;
  gboolean               any_dirty;
  gboolean               flushing;
  gboolean               moved;        /* findings kept at other positions: rebuild the lookup by cell */
  guint64                n_evaluations;
  BudgetEntryCounts     *counts;

  GHashTable            *reads;        /* form definition id → GArray of ReadEntry */
  GHashTable            *row_reads;    /* form definition id → GArray of ReadEntry (row rules) */
  GArray                *row_reads_any; /* row rules that re-check the changed rows of any form */
  GArray                *reads_any;    /* rules that read "*" */
  GArray                *reads_forms;  /* rules that read "forms" */
  GArray                *reads_settings;
  GArray                *meta_reads;   /* MetaRead */

  GHashTable            *cell_index;   /* "form\x1frow\x1fcol" → GArray of CellEntry, in the store's order */
  GHashTable            *form_marks;   /* form id → FormMarks */
  guint                  n_errors;
  guint                  n_warnings;
  guint                  n_rounding;
  guint                  n_info;
  guint                  n_acknowledged;
};

G_DEFINE_FINAL_TYPE (BudgetChecker, budget_checker, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_N_ERRORS,
  PROP_N_WARNINGS,
  PROP_N_ROUNDING,
  PROP_N_INFO,
  PROP_N_ACKNOWLEDGED,
  N_PROPS
};

enum {
  FINDINGS_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void flush (BudgetChecker *self);

/**
 * budget_checker_settings_init:
 * @settings: settings to fill
 *
 * Fills @settings with the defaults of forms-and-rules.md §4.6 and §4.5.
 */
void
budget_checker_settings_init (BudgetCheckerSettings *settings)
{
  settings->max_vehicle_value = 200 * BUDGET_AMOUNT_PER_WANYUAN;
  settings->max_house_value_per_m2 = 5 * BUDGET_AMOUNT_PER_WANYUAN;
  settings->max_assets_budget_ratio = 100;
  settings->min_house_area = 20 * BUDGET_QUANTITY_SCALE;
  settings->procurement_tolerance = BUDGET_AMOUNT_PER_WANYUAN / 100;
}

/* ------------------------------------------------------------------------------------------------ */
/* What the rules read                                                                               */

static void
read_entry_clear (gpointer data)
{
  g_strfreev (((ReadEntry *) data)->cols);
  g_free (((ReadEntry *) data)->row);
}

static void
meta_read_clear (gpointer data)
{
  g_free (((MetaRead *) data)->key);
}

static GArray *
new_rule_list (void)
{
  return g_array_new (FALSE, FALSE, sizeof (guint));
}

/* Adds "T5", "T5:c4,c5" or "T1.r33.c4" to @table. */
static void
add_form_read (GHashTable *table,
               guint       rule,
               const char *token)
{
  ReadEntry entry = { rule, NULL, NULL };
  g_auto(GStrv) parts = NULL;
  GArray *entries;

  if (strchr (token, '.') != NULL)
    {
      parts = g_strsplit (token, ".", 3);
      if (parts[1] != NULL && parts[2] != NULL)
        {
          entry.row = g_strdup (parts[1]);
          entry.cols = g_strsplit (parts[2], ",", -1);
        }
    }
  else
    {
      parts = g_strsplit (token, ":", 2);
      if (parts[1] != NULL)
        entry.cols = g_strsplit (parts[1], ",", -1);
    }
  entries = g_hash_table_lookup (table, parts[0]);
  if (entries == NULL)
    {
      entries = g_array_new (FALSE, FALSE, sizeof (ReadEntry));
      g_array_set_clear_func (entries, read_entry_clear);
      g_hash_table_insert (table, g_strdup (parts[0]), entries);
    }
  g_array_append_val (entries, entry);
}

static GHashTable *
new_read_table (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_array_unref);
}

static void
index_reads (BudgetChecker *self)
{
  self->reads = new_read_table ();
  self->row_reads = new_read_table ();
  self->row_reads_any = new_rule_list ();
  self->reads_any = new_rule_list ();
  self->reads_forms = new_rule_list ();
  self->reads_settings = new_rule_list ();
  self->meta_reads = g_array_new (FALSE, FALSE, sizeof (MetaRead));
  g_array_set_clear_func (self->meta_reads, meta_read_clear);

  for (guint i = 0; i < self->n_rules; i++)
    {
      const BudgetRuleDef *def = budget_rules_get_def (i);
      g_auto(GStrv) tokens = g_strsplit (def->reads, " ", -1);

      for (guint t = 0; tokens[t] != NULL; t++)
        {
          const char *token = tokens[t];

          if (token[0] == '\0')
            continue;
          if (g_str_equal (token, "*"))
            g_array_append_val (self->reads_any, i);
          else if (g_str_equal (token, "forms"))
            g_array_append_val (self->reads_forms, i);
          else if (g_str_equal (token, "settings"))
            g_array_append_val (self->reads_settings, i);
          else if (g_str_has_prefix (token, "meta:"))
            {
              MetaRead read = { i, g_strdup (token + strlen ("meta:")), FALSE };
              gsize len = strlen (read.key);

              if (len > 0 && read.key[len - 1] == '*')
                {
                  read.key[len - 1] = '\0';
                  read.prefix = TRUE;
                }
              g_array_append_val (self->meta_reads, read);
            }
          else
            add_form_read (self->reads, i, token);
        }

      if (def->check_row != NULL)
        {
          g_auto(GStrv) row_tokens = g_strsplit (def->row_reads, " ", -1);

          for (guint t = 0; row_tokens[t] != NULL; t++)
            if (g_str_equal (row_tokens[t], "*"))
              g_array_append_val (self->row_reads_any, i);
            else if (row_tokens[t][0] != '\0')
              add_form_read (self->row_reads, i, row_tokens[t]);
        }
    }
}

static void
mark (BudgetChecker *self,
      guint          rule)
{
  self->rules[rule].dirty = TRUE;
  self->any_dirty = TRUE;
}

static void
mark_list (BudgetChecker *self,
           GArray        *rules)
{
  for (guint i = 0; i < rules->len; i++)
    mark (self, g_array_index (rules, guint, i));
}

static gboolean
entry_matches (const ReadEntry *entry,
               const char      *col_id,
               const char      *row_key)
{
  if (col_id == NULL)
    return TRUE;
  if (entry->cols != NULL && !g_strv_contains ((const char * const *) entry->cols, col_id))
    return FALSE;
  return entry->row == NULL || row_key == NULL || g_str_equal (entry->row, row_key);
}

/* Marks the rules that read @form as a whole: any of it (@col_id NULL), or that cell. Row rules whose
 * rows @form's rows are re-run whole when @col_id is NULL (rows added, removed, renamed). */
static void
mark_form (BudgetChecker *self,
           BudgetForm    *form,
           const char    *col_id,
           const char    *row_key)
{
  /* Performance tables are read as their definition, "PF". */
  const char *def_id = budget_form_def_get_id (budget_form_get_def (form));
  GArray *entries = g_hash_table_lookup (self->reads, def_id);

  mark_list (self, self->reads_any);
  for (guint i = 0; entries != NULL && i < entries->len; i++)
    {
      ReadEntry *entry = &g_array_index (entries, ReadEntry, i);

      if (entry_matches (entry, col_id, row_key))
        mark (self, entry->rule);
    }
  if (col_id == NULL)
    {
      entries = g_hash_table_lookup (self->row_reads, def_id);
      mark_list (self, self->row_reads_any);
      for (guint i = 0; entries != NULL && i < entries->len; i++)
        mark (self, g_array_index (entries, ReadEntry, i).rule);
    }
}

static void
mark_all (BudgetChecker *self)
{
  for (guint i = 0; i < self->n_rules; i++)
    mark (self, i);
}

/* Marks the rows of @rule's walks that a changed cell concerns: the cell's row in the walks over its
 * form (of its column, or of whole rows), and the row of the same key in walks over other forms. */
static void
mark_rows (BudgetChecker       *self,
           guint                rule,
           const BudgetCellRef *ref,
           const char          *row_key)
{
  RuleState *state = &self->rules[rule];

  if (state->dirty)
    return;
  if (state->passes == NULL)
    {
      mark (self, rule);
      return;
    }
  for (guint p = 0; p < state->passes->len; p++)
    {
      const BudgetRulePass *pass = &g_array_index (state->passes, BudgetRulePass, p);
      guint64 position;

      if (pass->form == ref->form)
        {
          if (pass->col >= 0 && (guint) pass->col != ref->col)
            continue;
          position = BUDGET_RULE_POSITION (p, ref->row);
        }
      else
        {
          int row = pass->col < 0 ? budget_form_find_row (pass->form, row_key) : -1;

          if (row < 0)
            continue;
          position = BUDGET_RULE_POSITION (p, row);
        }
      g_array_append_val (state->dirty_rows, position);
      self->any_dirty = TRUE;
    }
}

/* ------------------------------------------------------------------------------------------------ */
/* Document signals                                                                                  */

static void
on_cells_changed (BudgetDocument *document,
                  GArray         *cells,
                  BudgetChecker  *self)
{
  /* A structural edit reports many cells: look at each (form, column) once for the whole rules. */
  g_autoptr(GHashTable) seen = g_hash_table_new (g_direct_hash, g_direct_equal);

  for (guint i = 0; i < cells->len; i++)
    {
      BudgetCellRef *ref = &g_array_index (cells, BudgetCellRef, i);
      const char *def_id = budget_form_def_get_id (budget_form_get_def (ref->form));
      const char *col_id = budget_form_def_get_column (budget_form_get_def (ref->form), ref->col)->id;
      const char *row_key = budget_form_get_row_key (ref->form, ref->row);
      GArray *entries = g_hash_table_lookup (self->row_reads, def_id);
      guint64 mask = GPOINTER_TO_SIZE (g_hash_table_lookup (seen, ref->form));
      guint64 bit = ref->col < 64 ? G_GUINT64_CONSTANT (1) << ref->col : 0;
      GArray *cell_reads = g_hash_table_lookup (self->reads, def_id);
      gboolean by_cell = FALSE;

      budget_entry_counts_cell_changed (self->counts, ref->form, ref->row, ref->col);
      for (guint k = 0; k < self->row_reads_any->len; k++)
        mark_rows (self, g_array_index (self->row_reads_any, guint, k), ref, row_key);
      for (guint k = 0; entries != NULL && k < entries->len; k++)
        {
          ReadEntry *entry = &g_array_index (entries, ReadEntry, k);

          if (entry_matches (entry, col_id, NULL))
            mark_rows (self, entry->rule, ref, row_key);
        }

      /* Reads of single cells depend on the row: those forms are looked at cell by cell. */
      for (guint k = 0; cell_reads != NULL && k < cell_reads->len && !by_cell; k++)
        by_cell = g_array_index (cell_reads, ReadEntry, k).row != NULL;
      if (!by_cell && bit != 0 && (mask & bit) != 0)
        continue;
      if (bit != 0 && sizeof (gpointer) >= sizeof (guint64))
        g_hash_table_insert (seen, ref->form, GSIZE_TO_POINTER ((gsize) (mask | bit)));
      mark_form (self, ref->form, col_id, row_key);
    }
}

static void
on_rows_changed (BudgetDocument *document,
                 BudgetForm     *form,
                 BudgetChecker  *self)
{
  budget_entry_counts_forget_form (self->counts, form);
  mark_form (self, form, NULL, NULL);
}

static void
on_forms_changed (BudgetDocument *document,
                  guint           position,
                  guint           removed,
                  guint           added,
                  BudgetChecker  *self)
{
  GArray *performance = g_hash_table_lookup (self->reads, "PF");

  budget_entry_counts_forget_all (self->counts);
  mark_list (self, self->reads_any);
  mark_list (self, self->reads_forms);
  for (guint i = 0; performance != NULL && i < performance->len; i++)
    mark (self, g_array_index (performance, ReadEntry, i).rule);
  /* The walks of row rules hold forms. */
  for (guint i = 0; i < self->n_rules; i++)
    if (budget_rules_get_def (i)->check_row != NULL)
      mark (self, i);
}

static void
on_meta_changed (BudgetDocument *document,
                 const char     *key,
                 BudgetChecker  *self)
{
  /* An acknowledgement changes the findings of its rule only: "ack:<rule>:…". */
  if (g_str_has_prefix (key, "ack:"))
    {
      const char *rule = key + strlen ("ack:");
      const char *end = strchr (rule, ':');
      g_autofree char *id = end != NULL ? g_strndup (rule, (gsize) (end - rule)) : g_strdup (rule);

      for (guint i = 0; i < self->n_rules; i++)
        if (g_str_equal (budget_rules_get_def (i)->info.id, id))
          mark (self, i);
      return;
    }
  for (guint i = 0; i < self->meta_reads->len; i++)
    {
      MetaRead *read = &g_array_index (self->meta_reads, MetaRead, i);

      if (read->prefix ? g_str_has_prefix (key, read->key) : g_str_equal (key, read->key))
        mark (self, read->rule);
    }
}

static void
on_form_text_changed (BudgetDocument *document,
                      BudgetForm     *form,
                      const char     *property,
                      BudgetChecker  *self)
{
  mark_form (self, form, NULL, NULL);
}

static void
on_command_applied (BudgetDocument *document,
                    GObject        *command,
                    gboolean        forward,
                    BudgetChecker  *self)
{
  flush (self);
}

/* ------------------------------------------------------------------------------------------------ */
/* Lookups by cell and by form, and the counts                                                       */

static char *
cell_key (const char *form_id,
          const char *row_key,
          int         column)
{
  char col[16];

  g_snprintf (col, sizeof col, "%d", column);
  return g_strconcat (form_id, "\x1f", row_key != NULL ? row_key : "", "\x1f", col, NULL);
}

static int
rank_of (BudgetFinding *finding)
{
  switch (budget_finding_get_severity (finding))
    {
    case BUDGET_SEVERITY_ERROR:
      return 0;
    case BUDGET_SEVERITY_WARNING:
      return budget_finding_get_rounding (finding) ? 2 : 1;
    case BUDGET_SEVERITY_INFO:
    default:
      return 3;
    }
}

static void
count_finding (BudgetChecker *self,
               BudgetFinding *finding,
               int            delta)
{
  guint *counter;

  if (budget_finding_get_severity (finding) == BUDGET_SEVERITY_ERROR)
    counter = &self->n_errors;
  else if (budget_finding_get_acknowledged (finding))
    counter = &self->n_acknowledged;
  else if (budget_finding_get_rounding (finding))
    counter = &self->n_rounding;
  else if (budget_finding_get_severity (finding) == BUDGET_SEVERITY_WARNING)
    counter = &self->n_warnings;
  else
    counter = &self->n_info;
  *counter += delta;
}

static void
mark_form_rank (BudgetChecker *self,
                const char    *form_id,
                BudgetFinding *finding,
                int            delta)
{
  FormMarks *marks;

  if (budget_finding_get_acknowledged (finding))
    return;
  marks = g_hash_table_lookup (self->form_marks, form_id);
  if (marks == NULL)
    {
      marks = g_new0 (FormMarks, 1);
      g_hash_table_insert (self->form_marks, g_strdup (form_id), marks);
    }
  marks->ranks[rank_of (finding)] += delta;
}

/* Adds @finding to the list of a cell, after the findings that come before it in the store. */
static void
cell_add (BudgetChecker *self,
          char          *key,
          BudgetFinding *finding,
          guint          rule,
          guint64        position)
{
  GArray *list = g_hash_table_lookup (self->cell_index, key);
  CellEntry entry = { finding, rule, position };
  guint at;

  if (list == NULL)
    {
      list = g_array_new (FALSE, FALSE, sizeof (CellEntry));
      g_hash_table_insert (self->cell_index, key, list);
    }
  else
    g_free (key);
  for (at = list->len; at > 0; at--)
    {
      CellEntry *before = &g_array_index (list, CellEntry, at - 1);

      if (before->rule < rule || (before->rule == rule && before->position <= position))
        break;
    }
  g_array_insert_val (list, at, entry);
}

static void
cell_remove (BudgetChecker *self,
             char          *key,
             BudgetFinding *finding)
{
  GArray *list = g_hash_table_lookup (self->cell_index, key);

  for (guint i = 0; list != NULL && i < list->len; i++)
    if (g_array_index (list, CellEntry, i).finding == finding)
      {
        g_array_remove_index (list, i);
        break;
      }
  if (list != NULL && list->len == 0)
    g_hash_table_remove (self->cell_index, key);
  g_free (key);
}

/* Adds (@delta 1) or removes (-1) @finding in the lookups and counts. */
static void
index_finding (BudgetChecker *self,
               BudgetFinding *finding,
               guint          rule,
               guint64        position,
               int            delta)
{
  const char *form_id = budget_finding_get_form_id (finding);
  const char *other_id = budget_finding_get_other_form_id (finding);

  count_finding (self, finding, delta);
  if (form_id != NULL)
    {
      char *here = cell_key (form_id, budget_finding_get_row_key (finding), budget_finding_get_column (finding));

      if (delta > 0)
        cell_add (self, here, finding, rule, position);
      else
        cell_remove (self, here, finding);
      mark_form_rank (self, form_id, finding, delta);
    }
  if (other_id != NULL)
    {
      g_autofree char *here = cell_key (form_id != NULL ? form_id : "", budget_finding_get_row_key (finding),
                                        budget_finding_get_column (finding));
      char *there = cell_key (other_id, budget_finding_get_other_row_key (finding),
                              budget_finding_get_other_column (finding));

      if (form_id != NULL && g_str_equal (here, there))
        g_free (there);
      else if (delta > 0)
        cell_add (self, there, finding, rule, position);
      else
        cell_remove (self, there, finding);
      if (g_strcmp0 (form_id, other_id) != 0)
        mark_form_rank (self, other_id, finding, delta);
    }
}

/* Rebuilds the lookups and the counts from the findings of every rule. */
static void
reindex (BudgetChecker *self)
{
  g_hash_table_remove_all (self->cell_index);
  g_hash_table_remove_all (self->form_marks);
  self->n_errors = self->n_warnings = self->n_rounding = self->n_info = self->n_acknowledged = 0;
  for (guint i = 0; i < self->n_rules; i++)
    for (guint f = 0; f < self->rules[i].findings->len; f++)
      index_finding (self, g_ptr_array_index (self->rules[i].findings, f), i,
                     g_array_index (self->rules[i].positions, guint64, f), 1);
}

static void
touch_forms (GHashTable    *touched,
             BudgetFinding *finding)
{
  if (budget_finding_get_form_id (finding) != NULL)
    g_hash_table_add (touched, (gpointer) g_intern_string (budget_finding_get_form_id (finding)));
  if (budget_finding_get_other_form_id (finding) != NULL)
    g_hash_table_add (touched, (gpointer) g_intern_string (budget_finding_get_other_form_id (finding)));
}

/* ------------------------------------------------------------------------------------------------ */
/* Evaluation                                                                                        */

static void
context_init (BudgetChecker     *self,
              BudgetRuleContext *ctx,
              guint              rule)
{
  budget_rule_context_init (ctx, self->document, budget_rules_get_def (rule), &self->settings);
  ctx->counts = self->counts;
}

/* Replaces the findings of @rule from @first to @last (excluded) by @fresh (with their @positions),
 * keeping the findings that did not change at both ends, in the rule's arrays, the store and the
 * lookups. @offset is the rule's first position in the store. Returns whether anything changed. */
static gboolean
replace_range (BudgetChecker *self,
               guint          rule,
               guint          offset,
               guint          first,
               guint          last,
               GPtrArray     *fresh,
               GArray        *positions,
               GHashTable    *touched)
{
  RuleState *state = &self->rules[rule];
  guint n_old = last - first;
  guint prefix = 0, suffix = 0;

  while (prefix < n_old && prefix < fresh->len &&
         budget_finding_equal (g_ptr_array_index (state->findings, first + prefix), g_ptr_array_index (fresh, prefix)))
    prefix++;
  while (suffix < n_old - prefix && suffix < fresh->len - prefix &&
         budget_finding_equal (g_ptr_array_index (state->findings, last - 1 - suffix),
                               g_ptr_array_index (fresh, fresh->len - 1 - suffix)))
    suffix++;
  /* The findings kept may stand at other positions now (rows added or removed). */
  for (guint k = 0; k < prefix + suffix; k++)
    {
      guint at = k < prefix ? first + k : last - 1 - (k - prefix);
      guint64 now = g_array_index (positions, guint64, k < prefix ? k : fresh->len - 1 - (k - prefix));

      if (g_array_index (state->positions, guint64, at) != now)
        {
          g_array_index (state->positions, guint64, at) = now;
          self->moved = TRUE;
        }
    }
  if (prefix == n_old && prefix == fresh->len)
    return FALSE;

  for (guint k = first + prefix; k < last - suffix; k++)
    {
      BudgetFinding *finding = g_ptr_array_index (state->findings, k);

      touch_forms (touched, finding);
      index_finding (self, finding, rule, g_array_index (state->positions, guint64, k), -1);
    }
  g_list_store_splice (self->store, offset + first + prefix, n_old - prefix - suffix,
                       fresh->pdata + prefix, fresh->len - prefix - suffix);
  g_ptr_array_remove_range (state->findings, first + prefix, n_old - prefix - suffix);
  g_array_remove_range (state->positions, first + prefix, n_old - prefix - suffix);
  for (guint k = prefix; k < fresh->len - suffix; k++)
    {
      BudgetFinding *finding = g_ptr_array_index (fresh, k);
      guint64 position = g_array_index (positions, guint64, k);

      g_ptr_array_insert (state->findings, (int) (first + k), g_object_ref (finding));
      g_array_insert_val (state->positions, first + k, position);
      touch_forms (touched, finding);
      index_finding (self, finding, rule, position, 1);
    }
  return TRUE;
}

/* The first finding of @state at or after @position. */
static guint
lower_bound (RuleState *state,
             guint64    position)
{
  guint lo = 0, hi = state->positions->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (state->positions, guint64, mid) < position)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static int
compare_positions (gconstpointer a,
                   gconstpointer b)
{
  guint64 x = *(const guint64 *) a, y = *(const guint64 *) b;

  return x < y ? -1 : x > y;
}

/* Checks the whole rule again; returns whether its findings changed. */
static gboolean
evaluate_rule (BudgetChecker *self,
               guint          rule,
               guint          offset,
               GHashTable    *touched)
{
  RuleState *state = &self->rules[rule];
  BudgetRuleContext ctx;
  gboolean changed;

  context_init (self, &ctx, rule);
  budget_rule_run (&ctx);
  self->n_evaluations++;
  g_clear_pointer (&state->passes, g_array_unref);
  state->passes = g_steal_pointer (&ctx.passes);
  g_array_set_size (state->dirty_rows, 0);
  state->dirty = FALSE;

  changed = replace_range (self, rule, offset, 0, state->findings->len, ctx.findings, ctx.positions, touched);
  budget_rule_context_clear (&ctx);
  return changed;
}

/* Checks the marked rows of a row rule again; returns whether its findings changed. */
static gboolean
evaluate_rows (BudgetChecker *self,
               guint          rule,
               guint          offset,
               GHashTable    *touched)
{
  RuleState *state = &self->rules[rule];
  gboolean changed = FALSE;

  g_array_sort (state->dirty_rows, compare_positions);
  for (guint i = 0; i < state->dirty_rows->len; i++)
    {
      guint64 position = g_array_index (state->dirty_rows, guint64, i);
      BudgetRuleContext ctx;
      guint first, last;

      if (i > 0 && position == g_array_index (state->dirty_rows, guint64, i - 1))
        continue;
      first = lower_bound (state, position);
      last = lower_bound (state, position + 1);
      context_init (self, &ctx, rule);
      budget_rule_run_row (&ctx, state->passes, position);
      changed |= replace_range (self, rule, offset, first, last, ctx.findings, ctx.positions, touched);
      budget_rule_context_clear (&ctx);
    }
  g_array_set_size (state->dirty_rows, 0);
  self->n_evaluations++;
  return changed;
}

/* Re-evaluates the marked rules (or rows) and publishes what changed. */
static void
flush (BudgetChecker *self)
{
  g_autoptr(GHashTable) touched = NULL;
  guint counts[5] = { self->n_errors, self->n_warnings, self->n_rounding, self->n_info, self->n_acknowledged };
  guint offset = 0;
  gboolean changed = FALSE;

  if (!self->any_dirty || self->flushing)
    return;
  self->flushing = TRUE;
  self->any_dirty = FALSE;
  touched = g_hash_table_new (g_direct_hash, g_direct_equal);

  for (guint i = 0; i < self->n_rules; i++)
    {
      RuleState *state = &self->rules[i];

      if (state->dirty)
        changed |= evaluate_rule (self, i, offset, touched);
      else if (state->dirty_rows->len > 0)
        changed |= evaluate_rows (self, i, offset, touched);
      offset += state->findings->len;
    }
  self->flushing = FALSE;
  /* Kept findings that moved stand at the wrong place in the lists by cell. */
  if (self->moved)
    reindex (self);
  self->moved = FALSE;

  if (!changed)
    return;
  {
    guint now[5] = { self->n_errors, self->n_warnings, self->n_rounding, self->n_info, self->n_acknowledged };
    g_autofree const char **forms = (const char **) g_hash_table_get_keys_as_array (touched, NULL);

    qsort (forms, g_hash_table_size (touched), sizeof (char *), (int (*) (const void *, const void *)) g_strcmp0);
    for (guint k = 0; k < G_N_ELEMENTS (now); k++)
      if (now[k] != counts[k])
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ERRORS + k]);
    g_signal_emit (self, signals[FINDINGS_CHANGED], 0, forms);
  }
}

/* ------------------------------------------------------------------------------------------------ */
/* GObject                                                                                           */

static void
budget_checker_dispose (GObject *object)
{
  BudgetChecker *self = BUDGET_CHECKER (object);

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_object (&self->document);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (budget_checker_parent_class)->dispose (object);
}

static void
budget_checker_finalize (GObject *object)
{
  BudgetChecker *self = BUDGET_CHECKER (object);

  for (guint i = 0; i < self->n_rules; i++)
    {
      g_ptr_array_unref (self->rules[i].findings);
      g_array_unref (self->rules[i].positions);
      g_array_unref (self->rules[i].dirty_rows);
      g_clear_pointer (&self->rules[i].passes, g_array_unref);
    }
  g_free (self->rules);
  budget_entry_counts_free (self->counts);
  g_hash_table_unref (self->reads);
  g_hash_table_unref (self->row_reads);
  g_array_unref (self->row_reads_any);
  g_array_unref (self->reads_any);
  g_array_unref (self->reads_forms);
  g_array_unref (self->reads_settings);
  g_array_unref (self->meta_reads);
  g_hash_table_unref (self->cell_index);
  g_hash_table_unref (self->form_marks);

  G_OBJECT_CLASS (budget_checker_parent_class)->finalize (object);
}

static void
budget_checker_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  BudgetChecker *self = BUDGET_CHECKER (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    case PROP_N_ERRORS:
      g_value_set_uint (value, budget_checker_get_n_errors (self));
      break;
    case PROP_N_WARNINGS:
      g_value_set_uint (value, budget_checker_get_n_warnings (self));
      break;
    case PROP_N_ROUNDING:
      g_value_set_uint (value, budget_checker_get_n_rounding (self));
      break;
    case PROP_N_INFO:
      g_value_set_uint (value, budget_checker_get_n_info (self));
      break;
    case PROP_N_ACKNOWLEDGED:
      g_value_set_uint (value, budget_checker_get_n_acknowledged (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
budget_checker_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  BudgetChecker *self = BUDGET_CHECKER (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      self->document = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
budget_checker_constructed (GObject *object)
{
  BudgetChecker *self = BUDGET_CHECKER (object);

  G_OBJECT_CLASS (budget_checker_parent_class)->constructed (object);
  g_return_if_fail (BUDGET_IS_DOCUMENT (self->document));

  g_signal_connect (self->document, "cells-changed", G_CALLBACK (on_cells_changed), self);
  g_signal_connect (self->document, "rows-changed", G_CALLBACK (on_rows_changed), self);
  g_signal_connect (self->document, "forms-changed", G_CALLBACK (on_forms_changed), self);
  g_signal_connect (self->document, "meta-changed", G_CALLBACK (on_meta_changed), self);
  g_signal_connect (self->document, "form-text-changed", G_CALLBACK (on_form_text_changed), self);
  g_signal_connect (self->document, "command-applied", G_CALLBACK (on_command_applied), self);

  mark_all (self);
  flush (self);
}

static void
budget_checker_class_init (BudgetCheckerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags count_flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->dispose = budget_checker_dispose;
  object_class->finalize = budget_checker_finalize;
  object_class->get_property = budget_checker_get_property;
  object_class->set_property = budget_checker_set_property;
  object_class->constructed = budget_checker_constructed;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, BUDGET_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* Counts for the window (bind them to labels): errors; warnings that are neither rounding nor
   * acknowledged; rounding differences not acknowledged; remarks; acknowledged findings. */
  properties[PROP_N_ERRORS] = g_param_spec_uint ("n-errors", NULL, NULL, 0, G_MAXUINT, 0, count_flags);
  properties[PROP_N_WARNINGS] = g_param_spec_uint ("n-warnings", NULL, NULL, 0, G_MAXUINT, 0, count_flags);
  properties[PROP_N_ROUNDING] = g_param_spec_uint ("n-rounding", NULL, NULL, 0, G_MAXUINT, 0, count_flags);
  properties[PROP_N_INFO] = g_param_spec_uint ("n-info", NULL, NULL, 0, G_MAXUINT, 0, count_flags);
  properties[PROP_N_ACKNOWLEDGED] = g_param_spec_uint ("n-acknowledged", NULL, NULL, 0, G_MAXUINT, 0, count_flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * BudgetChecker::findings-changed:
   * @checker: the checker
   * @forms: (array zero-terminated=1) (element-type utf8): the ids of the forms whose findings changed
   *   (a finding's form and the form of the other side of a comparison), sorted
   *
   * Emitted once per edit, after the findings list has been updated, when any finding changed, so that
   * the sidebar and the grids can redraw their marks.
   */
  signals[FINDINGS_CHANGED] =
    g_signal_new ("findings-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRV);
}

static void
budget_checker_init (BudgetChecker *self)
{
  self->n_rules = budget_rules_get_n_rules ();
  self->rules = g_new0 (RuleState, self->n_rules);
  for (guint i = 0; i < self->n_rules; i++)
    {
      self->rules[i].findings = g_ptr_array_new_with_free_func (g_object_unref);
      self->rules[i].positions = g_array_new (FALSE, FALSE, sizeof (guint64));
      self->rules[i].dirty_rows = g_array_new (FALSE, FALSE, sizeof (guint64));
    }
  self->counts = budget_entry_counts_new ();
  self->store = g_list_store_new (BUDGET_TYPE_FINDING);
  self->cell_index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_array_unref);
  self->form_marks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  budget_checker_settings_init (&self->settings);
  index_reads (self);
}

/* ------------------------------------------------------------------------------------------------ */
/* API                                                                                               */

/**
 * budget_checker_new:
 * @document: a document
 *
 * Creates the checker of @document: it evaluates every rule now, then follows the document's edits
 * (and undo, redo) until it is finalized.
 *
 * Returns: (transfer full): the checker
 */
BudgetChecker *
budget_checker_new (BudgetDocument *document)
{
  g_return_val_if_fail (BUDGET_IS_DOCUMENT (document), NULL);
  return g_object_new (BUDGET_TYPE_CHECKER, "document", document, NULL);
}

BudgetDocument *
budget_checker_get_document (BudgetChecker *self)
{
  return self->document;
}

/**
 * budget_checker_get_findings:
 * @self: a checker
 *
 * The findings in the order of the rules of the reference (G-, T1- … T9-, X-, TX-, GP-, FA-, PF-,
 * CL-), and within a rule in table order. The list changes in place as the document is edited; use
 * a sort or filter model to show errors first or rounding apart.
 *
 * Returns: (transfer none): a list model of #BudgetFinding
 */
GListModel *
budget_checker_get_findings (BudgetChecker *self)
{
  flush (self);
  return G_LIST_MODEL (self->store);
}

/**
 * budget_checker_dup_cell_findings:
 * @self: a checker
 * @form_id: a form id
 * @row_key: (nullable): a row key, or %NULL for findings about the form as a whole (and text findings)
 * @column: a column index, or -1 for findings about the whole row
 *
 * Returns: (transfer container) (element-type BudgetFinding): the findings located at the cell,
 * either as the cell checked or as the other side of a comparison
 */
GPtrArray *
budget_checker_dup_cell_findings (BudgetChecker *self,
                                  const char    *form_id,
                                  const char    *row_key,
                                  int            column)
{
  g_autofree char *key = cell_key (form_id, row_key, column);
  GArray *list;
  GPtrArray *copy = g_ptr_array_new_with_free_func (g_object_unref);

  flush (self);
  list = g_hash_table_lookup (self->cell_index, key);
  for (guint i = 0; list != NULL && i < list->len; i++)
    g_ptr_array_add (copy, g_object_ref (g_array_index (list, CellEntry, i).finding));
  return copy;
}

/**
 * budget_checker_dup_form_findings:
 * @self: a checker
 * @form_id: a form id
 *
 * Returns: (transfer container) (element-type BudgetFinding): the findings that concern the form
 */
GPtrArray *
budget_checker_dup_form_findings (BudgetChecker *self,
                                  const char    *form_id)
{
  GPtrArray *copy = g_ptr_array_new_with_free_func (g_object_unref);

  flush (self);
  for (guint i = 0; i < self->n_rules; i++)
    for (guint f = 0; f < self->rules[i].findings->len; f++)
      {
        BudgetFinding *finding = g_ptr_array_index (self->rules[i].findings, f);

        if (g_strcmp0 (budget_finding_get_form_id (finding), form_id) == 0 ||
            g_strcmp0 (budget_finding_get_other_form_id (finding), form_id) == 0)
          g_ptr_array_add (copy, g_object_ref (finding));
      }
  return copy;
}

/* The most serious of @ranks (errors, warnings, rounding, remarks). */
static gboolean
worst (const guint    *ranks,
       BudgetSeverity *severity,
       gboolean       *rounding)
{
  int best = -1;

  for (int rank = 3; rank >= 0; rank--)
    if (ranks[rank] > 0)
      best = rank;
  if (best < 0)
    return FALSE;
  if (severity != NULL)
    *severity = best == 0 ? BUDGET_SEVERITY_ERROR : best == 3 ? BUDGET_SEVERITY_INFO : BUDGET_SEVERITY_WARNING;
  if (rounding != NULL)
    *rounding = best == 2;
  return TRUE;
}

/**
 * budget_checker_get_cell_severity:
 * @self: a checker
 * @form_id: a form id
 * @row_key: (nullable): a row key
 * @column: a column index, or -1
 * @severity: (out) (optional): the most serious finding's severity
 * @rounding: (out) (optional): whether that is a rounding difference
 *
 * For marking cells: acknowledged findings do not count.
 *
 * Returns: whether the cell has a finding
 */
gboolean
budget_checker_get_cell_severity (BudgetChecker  *self,
                                  const char     *form_id,
                                  const char     *row_key,
                                  int             column,
                                  BudgetSeverity *severity,
                                  gboolean       *rounding)
{
  g_autofree char *key = cell_key (form_id, row_key, column);
  guint ranks[4] = { 0 };
  GArray *list;

  flush (self);
  /* Acknowledged findings do not count. */
  list = g_hash_table_lookup (self->cell_index, key);
  for (guint i = 0; list != NULL && i < list->len; i++)
    {
      BudgetFinding *finding = g_array_index (list, CellEntry, i).finding;

      if (!budget_finding_get_acknowledged (finding))
        ranks[rank_of (finding)]++;
    }
  return worst (ranks, severity, rounding);
}

/**
 * budget_checker_get_form_severity:
 * @self: a checker
 * @form_id: a form id
 * @severity: (out) (optional): the most serious finding's severity
 * @rounding: (out) (optional): whether that is a rounding difference
 *
 * For marking forms in the sidebar: acknowledged findings do not count.
 *
 * Returns: whether the form has a finding
 */
gboolean
budget_checker_get_form_severity (BudgetChecker  *self,
                                  const char     *form_id,
                                  BudgetSeverity *severity,
                                  gboolean       *rounding)
{
  FormMarks *marks;

  flush (self);
  marks = g_hash_table_lookup (self->form_marks, form_id);
  return marks != NULL && worst (marks->ranks, severity, rounding);
}

guint
budget_checker_get_n_errors (BudgetChecker *self)
{
  flush (self);
  return self->n_errors;
}

guint
budget_checker_get_n_warnings (BudgetChecker *self)
{
  flush (self);
  return self->n_warnings;
}

guint
budget_checker_get_n_rounding (BudgetChecker *self)
{
  flush (self);
  return self->n_rounding;
}

guint
budget_checker_get_n_info (BudgetChecker *self)
{
  flush (self);
  return self->n_info;
}

guint
budget_checker_get_n_acknowledged (BudgetChecker *self)
{
  flush (self);
  return self->n_acknowledged;
}

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; p != NULL && *p; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)) && g_utf8_get_char (p) != 0x3000)
      return FALSE;
  return TRUE;
}

/**
 * budget_checker_acknowledge:
 * @self: a checker
 * @finding: a warning or remark of @self
 * @reason: why it is acceptable
 * @error: return location for an error
 *
 * Acknowledges a finding: the reason is stored in the document's metadata (`ack:<key>`), so it is
 * saved with the project, undoable, and shown in the check report. Errors cannot be acknowledged.
 *
 * Returns: whether the acknowledgement was recorded
 */
gboolean
budget_checker_acknowledge (BudgetChecker  *self,
                            BudgetFinding  *finding,
                            const char     *reason,
                            GError        **error)
{
  g_autofree char *key = NULL;
  g_autofree char *clean = NULL;

  g_return_val_if_fail (BUDGET_IS_FINDING (finding), FALSE);
  if (!budget_finding_can_acknowledge (finding))
    {
      g_set_error (error, BUDGET_DOCUMENT_ERROR, BUDGET_DOCUMENT_ERROR_NOT_EDITABLE,
                   _("%s is an error: it must be corrected, not acknowledged"), budget_finding_get_rule_id (finding));
      return FALSE;
    }
  if (is_blank (reason))
    {
      g_set_error (error, BUDGET_DOCUMENT_ERROR, BUDGET_DOCUMENT_ERROR_INVALID_VALUE,
                   _("Give the reason why the finding is acceptable"));
      return FALSE;
    }
  key = budget_finding_dup_ack_meta_key (finding);
  clean = g_strstrip (g_strdup (reason));
  return budget_document_set_meta (self->document, key, clean, error);
}

/**
 * budget_checker_unacknowledge:
 * @self: a checker
 * @finding: an acknowledged finding
 * @error: return location for an error
 *
 * Returns: whether the acknowledgement was removed (as an undoable edit)
 */
gboolean
budget_checker_unacknowledge (BudgetChecker  *self,
                              BudgetFinding  *finding,
                              GError        **error)
{
  g_autofree char *key = budget_finding_dup_ack_meta_key (finding);

  return budget_document_set_meta (self->document, key, NULL, error);
}

void
budget_checker_get_settings (BudgetChecker         *self,
                             BudgetCheckerSettings *settings)
{
  *settings = self->settings;
}

/**
 * budget_checker_set_settings:
 * @self: a checker
 * @settings: new thresholds
 *
 * Changes the thresholds of the heuristic rules and re-evaluates the rules that use them.
 */
void
budget_checker_set_settings (BudgetChecker               *self,
                             const BudgetCheckerSettings *settings)
{
  if (memcmp (&self->settings, settings, sizeof *settings) == 0)
    return;
  self->settings = *settings;
  mark_list (self, self->reads_settings);
  flush (self);
}

/**
 * budget_checker_evaluate_all:
 * @self: a checker
 *
 * Evaluates every rule again. Edits made through the document are followed without this.
 */
void
budget_checker_evaluate_all (BudgetChecker *self)
{
  mark_all (self);
  flush (self);
}

/**
 * budget_checker_get_n_evaluations:
 * @self: a checker
 *
 * Returns: how many rule evaluations the checker has run (to verify that edits re-evaluate little)
 */
guint64
budget_checker_get_n_evaluations (BudgetChecker *self)
{
  return self->n_evaluations;
}

static void
append_section (GString    *out,
                GListModel *findings,
                const char *title,
                int         kind)
{
  gboolean any = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(BudgetFinding) finding = g_list_model_get_item (findings, i);
      BudgetSeverity severity = budget_finding_get_severity (finding);
      gboolean ack = budget_finding_get_acknowledged (finding);
      int finding_kind = severity == BUDGET_SEVERITY_ERROR ? 0 : ack ? 4
                       : budget_finding_get_rounding (finding) ? 2 : severity == BUDGET_SEVERITY_WARNING ? 1 : 3;

      if (finding_kind != kind)
        continue;
      if (!any)
        g_string_append_printf (out, "\n%s\n", title);
      any = TRUE;
      g_string_append_printf (out, "  %-6s %s\n", budget_finding_get_rule_id (finding),
                              budget_finding_get_message (finding));
      if (ack)
        g_string_append_printf (out, "         %s %s\n", _("Reason:"), budget_finding_get_ack_reason (finding));
    }
}

/**
 * budget_checker_dup_report:
 * @self: a checker
 * @name: (nullable): the project's name for the title
 *
 * Returns: (transfer full): the check report as plain text: the counts, then the errors, warnings,
 * rounding differences, remarks and acknowledged findings with their reasons
 */
char *
budget_checker_dup_report (BudgetChecker *self,
                           const char    *name)
{
  GListModel *findings = budget_checker_get_findings (self);
  GString *out = g_string_new (NULL);

  if (name != NULL)
    g_string_append_printf (out, _("Check report: %s\n"), name);
  g_string_append_printf (out, _("%u errors, %u warnings, %u rounding differences, %u remarks, %u acknowledged\n"),
                          self->n_errors, self->n_warnings, self->n_rounding, self->n_info, self->n_acknowledged);
  append_section (out, findings, _("Errors"), 0);
  append_section (out, findings, _("Warnings"), 1);
  append_section (out, findings, _("Rounding differences"), 2);
  append_section (out, findings, _("Remarks"), 3);
  append_section (out, findings, _("Acknowledged"), 4);
  return g_string_free (out, FALSE);
}
