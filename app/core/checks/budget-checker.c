/* budget-checker.c: the consistency checks of a document, kept up to date as it is edited.
 *
 * Every rule declares what it reads (budget-rules.c). The checker listens to the document: each
 * cells-changed, rows-changed, forms-changed, meta-changed and form-text-changed marks the rules that
 * read what changed, and when the command is complete (command-applied) the marked rules run again.
 * A rule's findings replace its previous ones in one GListStore, in the order of the reference, so a
 * list view sees only the items that changed. Findings are immutable: a changed finding is a new object.
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
} ReadEntry;

typedef struct
{
  guint   rule;
  char   *key;
  gboolean prefix;
} MetaRead;

struct _BudgetChecker
{
  GObject                parent_instance;

  BudgetDocument        *document;
  GListStore            *store;
  BudgetCheckerSettings  settings;

  guint                  n_rules;
  GPtrArray            **results;      /* per rule: its findings, in the store's order */
  gboolean              *dirty;
  gboolean               any_dirty;
  gboolean               flushing;
  guint64                n_evaluations;

  GHashTable            *reads;        /* form definition id → GArray of ReadEntry */
  GArray                *reads_any;    /* rules that read "*" */
  GArray                *reads_forms;  /* rules that read "forms" */
  GArray                *reads_settings;
  GArray                *meta_reads;   /* MetaRead */

  GHashTable            *cell_index;   /* "form\x1frow\x1fcol" → GPtrArray of BudgetFinding (borrowed) */
  GHashTable            *form_index;   /* form id → GPtrArray of BudgetFinding (borrowed) */
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

static void
index_reads (BudgetChecker *self)
{
  self->reads = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_array_unref);
  self->reads_any = new_rule_list ();
  self->reads_forms = new_rule_list ();
  self->reads_settings = new_rule_list ();
  self->meta_reads = g_array_new (FALSE, FALSE, sizeof (MetaRead));
  g_array_set_clear_func (self->meta_reads, meta_read_clear);

  for (guint i = 0; i < self->n_rules; i++)
    {
      g_auto(GStrv) tokens = g_strsplit (budget_rules_get_def (i)->reads, " ", -1);

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
            {
              g_auto(GStrv) parts = g_strsplit (token, ":", 2);
              GArray *entries = g_hash_table_lookup (self->reads, parts[0]);
              ReadEntry entry = { i, parts[1] != NULL ? g_strsplit (parts[1], ",", -1) : NULL };

              if (entries == NULL)
                {
                  entries = g_array_new (FALSE, FALSE, sizeof (ReadEntry));
                  g_array_set_clear_func (entries, read_entry_clear);
                  g_hash_table_insert (self->reads, g_strdup (parts[0]), entries);
                }
              g_array_append_val (entries, entry);
            }
        }
    }
}

static void
mark (BudgetChecker *self,
      guint          rule)
{
  self->dirty[rule] = TRUE;
  self->any_dirty = TRUE;
}

static void
mark_list (BudgetChecker *self,
           GArray        *rules)
{
  for (guint i = 0; i < rules->len; i++)
    mark (self, g_array_index (rules, guint, i));
}

/* Marks the rules that read @form: any of it (@col_id NULL), or that column. */
static void
mark_form (BudgetChecker *self,
           BudgetForm    *form,
           const char    *col_id)
{
  /* Performance tables are read as their definition, "PF". */
  GArray *entries = g_hash_table_lookup (self->reads, budget_form_def_get_id (budget_form_get_def (form)));

  mark_list (self, self->reads_any);
  for (guint i = 0; entries != NULL && i < entries->len; i++)
    {
      ReadEntry *entry = &g_array_index (entries, ReadEntry, i);

      if (col_id == NULL || entry->cols == NULL || g_strv_contains ((const char * const *) entry->cols, col_id))
        mark (self, entry->rule);
    }
}

static void
mark_all (BudgetChecker *self)
{
  for (guint i = 0; i < self->n_rules; i++)
    mark (self, i);
}

/* ------------------------------------------------------------------------------------------------ */
/* Document signals                                                                                  */

static void
on_cells_changed (BudgetDocument *document,
                  GArray         *cells,
                  BudgetChecker  *self)
{
  /* A structural edit reports many cells: look at each (form, column) once. */
  g_autoptr(GHashTable) seen = g_hash_table_new (g_direct_hash, g_direct_equal);

  for (guint i = 0; i < cells->len; i++)
    {
      BudgetCellRef *ref = &g_array_index (cells, BudgetCellRef, i);
      guint64 mask = GPOINTER_TO_SIZE (g_hash_table_lookup (seen, ref->form));
      guint64 bit = ref->col < 64 ? G_GUINT64_CONSTANT (1) << ref->col : 0;

      if (bit != 0 && (mask & bit) != 0)
        continue;
      if (bit != 0 && sizeof (gpointer) >= sizeof (guint64))
        g_hash_table_insert (seen, ref->form, GSIZE_TO_POINTER ((gsize) (mask | bit)));
      mark_form (self, ref->form, budget_form_def_get_column (budget_form_get_def (ref->form), ref->col)->id);
    }
}

static void
on_rows_changed (BudgetDocument *document,
                 BudgetForm     *form,
                 BudgetChecker  *self)
{
  mark_form (self, form, NULL);
}

static void
on_forms_changed (BudgetDocument *document,
                  guint           position,
                  guint           removed,
                  guint           added,
                  BudgetChecker  *self)
{
  GArray *performance = g_hash_table_lookup (self->reads, "PF");

  mark_list (self, self->reads_any);
  mark_list (self, self->reads_forms);
  for (guint i = 0; performance != NULL && i < performance->len; i++)
    mark (self, g_array_index (performance, ReadEntry, i).rule);
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
  mark_form (self, form, NULL);
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
/* Evaluation                                                                                        */

static GPtrArray *
evaluate (BudgetChecker *self,
          guint          rule)
{
  BudgetRuleContext ctx;
  GPtrArray *findings;

  budget_rule_context_init (&ctx, self->document, budget_rules_get_def (rule), &self->settings);
  budget_rule_run (&ctx);
  findings = g_steal_pointer (&ctx.findings);
  budget_rule_context_clear (&ctx);
  self->n_evaluations++;
  return findings;
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

static char *
cell_key (const char *form_id,
          const char *row_key,
          int         column)
{
  return g_strdup_printf ("%s\x1f%s\x1f%d", form_id, row_key != NULL ? row_key : "", column);
}

static void
index_add (GHashTable    *index,
           char          *key,
           BudgetFinding *finding)
{
  GPtrArray *list = g_hash_table_lookup (index, key);

  if (list == NULL)
    {
      list = g_ptr_array_new ();
      g_hash_table_insert (index, key, list);
    }
  else
    g_free (key);
  /* A finding is added once per list by its caller: a linear search here made large forms quadratic. */
  g_ptr_array_add (list, finding);
}

/* Rebuilds the lookups by cell and by form, and the counts. */
static void
reindex (BudgetChecker *self)
{
  g_hash_table_remove_all (self->cell_index);
  g_hash_table_remove_all (self->form_index);
  self->n_errors = self->n_warnings = self->n_rounding = self->n_info = self->n_acknowledged = 0;

  for (guint i = 0; i < self->n_rules; i++)
    for (guint f = 0; f < self->results[i]->len; f++)
      {
        BudgetFinding *finding = g_ptr_array_index (self->results[i], f);
        const char *form_id = budget_finding_get_form_id (finding);
        const char *other_id = budget_finding_get_other_form_id (finding);

        if (form_id != NULL)
          {
            index_add (self->cell_index, cell_key (form_id, budget_finding_get_row_key (finding),
                                                   budget_finding_get_column (finding)), finding);
            index_add (self->form_index, g_strdup (form_id), finding);
          }
        if (other_id != NULL)
          {
            g_autofree char *here = cell_key (form_id != NULL ? form_id : "", budget_finding_get_row_key (finding),
                                              budget_finding_get_column (finding));
            char *there = cell_key (other_id, budget_finding_get_other_row_key (finding),
                                    budget_finding_get_other_column (finding));

            if (form_id != NULL && g_str_equal (here, there))
              g_free (there);
            else
              index_add (self->cell_index, there, finding);
            if (g_strcmp0 (form_id, other_id) != 0)
              index_add (self->form_index, g_strdup (other_id), finding);
          }

        if (budget_finding_get_severity (finding) == BUDGET_SEVERITY_ERROR)
          self->n_errors++;
        else if (budget_finding_get_acknowledged (finding))
          self->n_acknowledged++;
        else if (budget_finding_get_rounding (finding))
          self->n_rounding++;
        else if (budget_finding_get_severity (finding) == BUDGET_SEVERITY_WARNING)
          self->n_warnings++;
        else
          self->n_info++;
      }
}

/* Re-evaluates the marked rules and publishes what changed. */
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
      GPtrArray *old = self->results[i];
      GPtrArray *fresh;
      GPtrArray *merged;
      guint prefix = 0, suffix = 0;

      if (!self->dirty[i])
        {
          offset += old->len;
          continue;
        }
      self->dirty[i] = FALSE;
      fresh = evaluate (self, i);

      /* Keep the unchanged findings at both ends: the store changes only in the middle. */
      while (prefix < old->len && prefix < fresh->len &&
             budget_finding_equal (g_ptr_array_index (old, prefix), g_ptr_array_index (fresh, prefix)))
        prefix++;
      while (suffix < old->len - prefix && suffix < fresh->len - prefix &&
             budget_finding_equal (g_ptr_array_index (old, old->len - 1 - suffix),
                                   g_ptr_array_index (fresh, fresh->len - 1 - suffix)))
        suffix++;
      if (prefix == old->len && prefix == fresh->len)
        {
          g_ptr_array_unref (fresh);
          offset += old->len;
          continue;
        }

      merged = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint k = 0; k < prefix; k++)
        g_ptr_array_add (merged, g_object_ref (g_ptr_array_index (old, k)));
      for (guint k = prefix; k < fresh->len - suffix; k++)
        {
          g_ptr_array_add (merged, g_object_ref (g_ptr_array_index (fresh, k)));
          touch_forms (touched, g_ptr_array_index (fresh, k));
        }
      for (guint k = old->len - suffix; k < old->len; k++)
        g_ptr_array_add (merged, g_object_ref (g_ptr_array_index (old, k)));
      for (guint k = prefix; k < old->len - suffix; k++)
        touch_forms (touched, g_ptr_array_index (old, k));

      self->results[i] = merged;
      g_list_store_splice (self->store, offset + prefix, old->len - prefix - suffix,
                           merged->pdata + prefix, merged->len - prefix - suffix);
      g_ptr_array_unref (old);
      g_ptr_array_unref (fresh);
      offset += merged->len;
      changed = TRUE;
    }
  self->flushing = FALSE;

  if (!changed)
    return;
  reindex (self);
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
    g_ptr_array_unref (self->results[i]);
  g_free (self->results);
  g_free (self->dirty);
  g_hash_table_unref (self->reads);
  g_array_unref (self->reads_any);
  g_array_unref (self->reads_forms);
  g_array_unref (self->reads_settings);
  g_array_unref (self->meta_reads);
  g_hash_table_unref (self->cell_index);
  g_hash_table_unref (self->form_index);

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
  self->results = g_new0 (GPtrArray *, self->n_rules);
  self->dirty = g_new0 (gboolean, self->n_rules);
  for (guint i = 0; i < self->n_rules; i++)
    self->results[i] = g_ptr_array_new_with_free_func (g_object_unref);
  self->store = g_list_store_new (BUDGET_TYPE_FINDING);
  self->cell_index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  self->form_index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
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

static GPtrArray *
copy_list (GPtrArray *list)
{
  GPtrArray *copy = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; list != NULL && i < list->len; i++)
    g_ptr_array_add (copy, g_object_ref (g_ptr_array_index (list, i)));
  return copy;
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

  flush (self);
  return copy_list (g_hash_table_lookup (self->cell_index, key));
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
  flush (self);
  return copy_list (g_hash_table_lookup (self->form_index, form_id));
}

/* The most serious of @list, acknowledged findings aside: errors, warnings, rounding, remarks. */
static gboolean
worst (GPtrArray      *list,
       BudgetSeverity *severity,
       gboolean       *rounding)
{
  int best = -1;   /* 0 error, 1 warning, 2 rounding, 3 info */

  for (guint i = 0; list != NULL && i < list->len; i++)
    {
      BudgetFinding *finding = g_ptr_array_index (list, i);
      int rank;

      if (budget_finding_get_acknowledged (finding))
        continue;
      switch (budget_finding_get_severity (finding))
        {
        case BUDGET_SEVERITY_ERROR:
          rank = 0;
          break;
        case BUDGET_SEVERITY_WARNING:
          rank = budget_finding_get_rounding (finding) ? 2 : 1;
          break;
        case BUDGET_SEVERITY_INFO:
        default:
          rank = 3;
          break;
        }
      if (best < 0 || rank < best)
        best = rank;
    }
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

  flush (self);
  return worst (g_hash_table_lookup (self->cell_index, key), severity, rounding);
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
  flush (self);
  return worst (g_hash_table_lookup (self->form_index, form_id), severity, rounding);
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
