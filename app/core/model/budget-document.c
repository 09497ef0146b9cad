/* budget-document.c: the document: its forms, metadata and state ids, and the changes commands make
 *
 * Every change (a command between begin_change and end_change, or a load) ends with the engine
 * (budget-engine.c) bringing the derived cells up to date and one set of signals. Structural edits (a code
 * row added or removed) rebuild the row sets of the coded forms concerned first.
 */

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <gio/gio.h>

#include "model/budget-catalog.h"
#include "model/budget-document-private.h"
#include "model/budget-engine.h"
#include "model/budget-snapshot.h"
#include "model/budget-resources.h"

struct _BudgetDocument
{
  GObject          parent_instance;

  GPtrArray       *forms;          /* BudgetForm, document order */
  GHashTable      *form_by_id;
  GHashTable      *meta;
  char            *path;

  guint64          state;
  guint64          saved_state;
  guint64          next_state;
  guint64          change_serial;   /* counts applied commands and loads: caches derived from the content */

  BudgetEngine    *engine;         /* keeps the derived cells up to date */
  gboolean         loading;
  BudgetChange    *change;         /* between begin_change and end_change */
};

G_DEFINE_FINAL_TYPE (BudgetDocument, budget_document, G_TYPE_OBJECT)
G_DEFINE_QUARK (budget-document-error-quark, budget_document_error)

enum {
  PROP_0,
  PROP_MODIFIED,
  PROP_PATH,
  N_PROPS
};

enum {
  CELLS_CHANGED,
  ROWS_CHANGED,
  FORMS_CHANGED,
  META_CHANGED,
  FORM_TEXT_CHANGED,
  COMMAND_APPLIED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void rebuild_coded_rows (BudgetDocument *self, BudgetForm *form);

/* ------------------------------------------------------------------------------------------------ */
/* GObject                                                                                           */

static void
budget_document_finalize (GObject *object)
{
  BudgetDocument *self = BUDGET_DOCUMENT (object);

  for (guint i = 0; i < self->forms->len; i++)
    budget_form_detach (g_ptr_array_index (self->forms, i));
  g_ptr_array_unref (self->forms);
  g_hash_table_unref (self->form_by_id);
  g_hash_table_unref (self->meta);
  budget_engine_free (self->engine);
  g_free (self->path);

  G_OBJECT_CLASS (budget_document_parent_class)->finalize (object);
}

static void
budget_document_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  BudgetDocument *self = BUDGET_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_MODIFIED:
      g_value_set_boolean (value, budget_document_get_modified (self));
      break;
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
budget_document_class_init (BudgetDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = budget_document_finalize;
  object_class->get_property = budget_document_get_property;

  properties[PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * BudgetDocument::cells-changed:
   * @document: the document
   * @cells: (type GArray) (element-type BudgetCellRef): every cell whose value changed
   *
   * Emitted once per edit, after recomputation, so that views redraw exactly these cells.
   */
  signals[CELLS_CHANGED] =
    g_signal_new ("cells-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_POINTER);

  /**
   * BudgetDocument::rows-changed:
   * @document: the document
   * @form: the form whose rows were inserted, removed or regenerated
   */
  signals[ROWS_CHANGED] =
    g_signal_new ("rows-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, BUDGET_TYPE_FORM);

  /**
   * BudgetDocument::forms-changed:
   * @document: the document
   * @position: the first form index that changed
   * @removed: forms removed there
   * @added: forms added there
   */
  signals[FORMS_CHANGED] =
    g_signal_new ("forms-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_UINT, G_TYPE_UINT, G_TYPE_UINT);

  signals[META_CHANGED] =
    g_signal_new ("meta-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * BudgetDocument::form-text-changed:
   * @document: the document
   * @form: the form
   * @property: "name", "goal" or "text"
   */
  signals[FORM_TEXT_CHANGED] =
    g_signal_new ("form-text-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, BUDGET_TYPE_FORM, G_TYPE_STRING);

  /**
   * BudgetDocument::command-applied:
   * @document: the document
   * @command: the command
   * @forward: %FALSE when it was undone
   *
   * Lets an editor bring the changed cell into view after undo and redo.
   */
  signals[COMMAND_APPLIED] =
    g_signal_new ("command-applied", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_OBJECT, G_TYPE_BOOLEAN);
}

static void
budget_document_init (BudgetDocument *self)
{
  self->forms = g_ptr_array_new_with_free_func (g_object_unref);
  self->form_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->meta = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->engine = budget_engine_new (self->forms, self->form_by_id);
}

/* ------------------------------------------------------------------------------------------------ */
/* Construction                                                                                      */

static void
add_form (BudgetDocument *self,
          BudgetForm     *form,
          int             position)
{
  if (position < 0 || (guint) position > self->forms->len)
    position = (int) self->forms->len;
  g_ptr_array_insert (self->forms, position, form);
  g_hash_table_insert (self->form_by_id, (gpointer) budget_form_get_id (form), form);
}

/**
 * budget_document_new:
 *
 * Returns: (transfer full): an empty document with every form of the definitions
 */
BudgetDocument *
budget_document_new (void)
{
  BudgetDocument *self = g_object_new (BUDGET_TYPE_DOCUMENT, NULL);
  GPtrArray *defs = budget_form_defs_get_all ();

  for (guint i = 0; i < defs->len; i++)
    {
      BudgetFormDef *def = g_ptr_array_index (defs, i);

      /* The performance template has no form of its own: each project gets an instance. */
      if (budget_form_def_get_kind (def) == BUDGET_FORM_KIND_PERFORMANCE)
        continue;
      add_form (self, budget_form_new (self, def, budget_form_def_get_id (def)), -1);
    }
  budget_document_set_meta_internal (self, "unit", "万元");
  budget_document_set_meta_internal (self, "performance-scheme", "A");
  budget_engine_resolve (self->engine);
  budget_document_recompute_all (self);
  return self;
}

/* What every disclosure starts with: the standard paragraphs of the text sections (the opening sentence
 * with department and year, the live sentences of the tables, 名词解释 …, from the form definitions'
 * default texts) and the 机构设置 row of the department itself. */
static void
fill_standard_content (BudgetDocument *self)
{
  const char *department = budget_document_get_meta (self, "department-name");

  for (guint i = 0; i < self->forms->len; i++)
    {
      BudgetForm *form = g_ptr_array_index (self->forms, i);
      BudgetFormDef *def = budget_form_get_def (form);

      if (BUDGET_IS_TEXT_SECTION (form) && budget_form_def_get_default_text (def) != NULL)
        {
          g_autofree char *text = budget_document_expand (self, budget_form_def_get_default_text (def));

          budget_form_set_text_property (form, "text", text);
        }
      else if (g_str_equal (budget_form_get_id (form), "ORG") && department != NULL && department[0] != '\0' &&
               budget_form_get_n_rows (form) == 0)
        {
          int col = budget_form_def_find_column (def, "name");
          g_autofree char *key = budget_form_next_list_key (form);
          BudgetRow *row = budget_row_new (form, key, BUDGET_ROW_LIST);

          if (col >= 0 && row->texts != NULL)
            row->texts[col] = g_strdup (department);
          budget_form_append_row (form, row);
        }
    }
  self->change_serial++;
}

/**
 * budget_document_new_for_department:
 * @year: the budget year (预算年度)
 * @department_code: the unit code printed before the name (e.g. "350")
 * @department_name: the department (e.g. "科技和工信部门")
 *
 * Returns: (transfer full): an empty, unmodified document for a new disclosure
 */
BudgetDocument *
budget_document_new_for_department (int         year,
                                    const char *department_code,
                                    const char *department_name)
{
  BudgetDocument *self = budget_document_new ();
  g_autofree char *year_text = g_strdup_printf ("%d", year);

  budget_document_set_meta_internal (self, "year", year_text);
  budget_document_set_meta_internal (self, "department-code", department_code);
  budget_document_set_meta_internal (self, "department-name", department_name);
  fill_standard_content (self);
  return self;
}

/* Where performance tables go: after the last one, or where the template sits in forms.xml. */
static int
performance_insert_position (BudgetDocument *self,
                             int             position)
{
  GPtrArray *defs = budget_form_defs_get_all ();
  int first = -1;
  int count = 0;
  guint def_index = 0;

  for (guint i = 0; i < self->forms->len; i++)
    {
      BudgetForm *form = g_ptr_array_index (self->forms, i);

      if (BUDGET_IS_PERFORMANCE_TABLE (form))
        {
          if (first < 0)
            first = (int) i;
          count++;
        }
    }
  if (first >= 0)
    return first + ((position < 0 || position > count) ? count : position);

  /* No table yet: after the forms that precede the template in the definitions. */
  for (guint d = 0; d < defs->len; d++)
    if (budget_form_def_get_kind (g_ptr_array_index (defs, d)) == BUDGET_FORM_KIND_PERFORMANCE)
      def_index = d;
  for (guint i = 0; i < self->forms->len; i++)
    {
      BudgetForm *form = g_ptr_array_index (self->forms, i);

      for (guint d = def_index; d < defs->len; d++)
        if (g_ptr_array_index (defs, d) == budget_form_get_def (form))
          return (int) i;
    }
  return (int) self->forms->len;
}

BudgetForm *
budget_document_add_form_internal (BudgetDocument *self,
                                   const char     *def_id,
                                   const char     *id,
                                   int             position)
{
  BudgetFormDef *def = budget_form_defs_lookup (def_id);
  BudgetForm *form;

  g_return_val_if_fail (def != NULL, NULL);
  g_return_val_if_fail (budget_form_def_get_kind (def) == BUDGET_FORM_KIND_PERFORMANCE, NULL);
  g_return_val_if_fail (!g_hash_table_contains (self->form_by_id, id), NULL);

  form = budget_form_new (self, def, id);
  budget_engine_add_performance_form (self->engine, form);
  add_form (self, form, performance_insert_position (self, position));
  return form;
}

void
budget_document_mark_saved (BudgetDocument *self,
                            const char     *path)
{
  gboolean was_modified = budget_document_get_modified (self);

  if (path != NULL && g_strcmp0 (path, self->path) != 0)
    {
      g_free (self->path);
      self->path = g_strdup (path);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PATH]);
    }
  self->saved_state = self->state;
  if (was_modified)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

void
budget_document_finish_load (BudgetDocument *self,
                             const char     *path)
{
  for (guint i = 0; i < self->forms->len; i++)
    {
      BudgetForm *form = g_ptr_array_index (self->forms, i);

      if (budget_form_get_kind (form) == BUDGET_FORM_KIND_CODED)
        rebuild_coded_rows (self, form);
    }
  budget_document_recompute_all (self);
  self->change_serial++;
  g_free (self->path);
  self->path = g_strdup (path);
}

/**
 * budget_document_mark_recovered:
 * @self: a document loaded from a recovery copy
 * @path: (nullable): the project file the copy was made for
 *
 * Makes a document restored after a crash stand for its file again: it takes @path and counts as
 * modified (its content is not on disk there), even after undoing back to where it was loaded.
 */
void
budget_document_mark_recovered (BudgetDocument *self,
                                const char     *path)
{
  gboolean was_modified;

  g_return_if_fail (BUDGET_IS_DOCUMENT (self));

  was_modified = budget_document_get_modified (self);
  if (g_strcmp0 (path, self->path) != 0)
    {
      g_free (self->path);
      self->path = g_strdup (path);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PATH]);
    }
  /* No command reaches this state, so only a save makes the document unmodified again. */
  self->saved_state = G_MAXUINT64;
  if (!was_modified)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

const char *budget_document_get_path (BudgetDocument *self) { return self->path; }
guint budget_document_get_n_forms (BudgetDocument *self) { return self->forms->len; }
GHashTable *budget_document_get_meta_table (BudgetDocument *self) { return self->meta; }
guint64 budget_document_get_recompute_count (BudgetDocument *self) { return budget_engine_get_recompute_count (self->engine); }
guint64 budget_document_get_change_serial (BudgetDocument *self) { return self->change_serial; }

gboolean
budget_document_get_modified (BudgetDocument *self)
{
  return self->state != self->saved_state;
}

BudgetForm *
budget_document_get_form (BudgetDocument *self,
                          guint           index)
{
  g_return_val_if_fail (index < self->forms->len, NULL);
  return g_ptr_array_index (self->forms, index);
}

BudgetForm *
budget_document_lookup_form (BudgetDocument *self,
                             const char     *id)
{
  return g_hash_table_lookup (self->form_by_id, id);
}

int
budget_document_get_form_index (BudgetDocument *self,
                                BudgetForm     *form)
{
  guint index;

  if (g_ptr_array_find (self->forms, form, &index))
    return (int) index;
  return -1;
}

const char *
budget_document_get_meta (BudgetDocument *self,
                          const char     *key)
{
  return g_hash_table_lookup (self->meta, key);
}

void
budget_document_set_meta_internal (BudgetDocument *self,
                                   const char     *key,
                                   const char     *value)
{
  if (value == NULL)
    g_hash_table_remove (self->meta, key);
  else
    g_hash_table_insert (self->meta, g_strdup (key), g_strdup (value));
}

static int
compare_strings (const void *a,
                 const void *b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

/**
 * budget_document_list_meta_keys:
 * @self: a document
 *
 * Returns: (transfer full): the metadata keys, sorted (so that files are written in a stable order)
 */
GStrv
budget_document_list_meta_keys (BudgetDocument *self)
{
  guint n;
  GStrv keys = (GStrv) g_hash_table_get_keys_as_array (self->meta, &n);
  GStrv copy = g_new0 (char *, n + 1);

  for (guint i = 0; i < n; i++)
    copy[i] = g_strdup (keys[i]);
  g_free (keys);
  qsort (copy, n, sizeof (char *), compare_strings);
  return copy;
}

int
budget_document_get_year (BudgetDocument *self)
{
  const char *year = budget_document_get_meta (self, "year");

  return year != NULL ? atoi (year) : 0;
}

/**
 * budget_document_expand:
 * @self: a document
 * @text: a title or text with placeholders
 *
 * Returns: (transfer full): @text with {department}, {department-code}, {year} and {prior-year} filled in
 */
char *
budget_document_expand (BudgetDocument *self,
                        const char     *text)
{
  GString *out = g_string_new (text);
  const char *department = budget_document_get_meta (self, "department-name");
  const char *code = budget_document_get_meta (self, "department-code");
  int year = budget_document_get_year (self);
  g_autofree char *year_text = year > 0 ? g_strdup_printf ("%d", year) : g_strdup ("");
  g_autofree char *prior_text = year > 0 ? g_strdup_printf ("%d", year - 1) : g_strdup ("");

  g_string_replace (out, "{department}", department != NULL ? department : "", 0);
  g_string_replace (out, "{department-code}", code != NULL ? code : "", 0);
  g_string_replace (out, "{year}", year_text, 0);
  g_string_replace (out, "{prior-year}", prior_text, 0);
  return g_string_free (out, FALSE);
}

/* ------------------------------------------------------------------------------------------------ */
/* Row sets of coded forms                                                                           */

static void
collect_leaves (BudgetDocument *self,
                BudgetForm     *form,
                GHashTable     *leaves,
                GHashTable     *visited)
{
  const char * const *sources = budget_form_def_get_sources (budget_form_get_def (form));

  if (!g_hash_table_add (visited, form))
    return;
  for (guint i = 0; i < budget_form_get_n_rows (form); i++)
    {
      BudgetRow *row = budget_form_row_at (form, i);

      if (row->kind == BUDGET_ROW_LEAF && row->own && !g_hash_table_contains (leaves, row->key))
        g_hash_table_insert (leaves, row->key, row->custom_name ? row->name : NULL);
    }
  for (guint s = 0; sources[s] != NULL; s++)
    {
      BudgetForm *source = g_hash_table_lookup (self->form_by_id, sources[s]);

      if (source != NULL)
        collect_leaves (self, source, leaves, visited);
    }
  g_hash_table_remove (visited, form);
}

/* Regenerates the rows of a coded form: its own rows, its sources' rows and every parent. */
static void
rebuild_coded_rows (BudgetDocument *self,
                    BudgetForm     *form)
{
  g_autoptr(GHashTable) leaves = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) visited = g_hash_table_new (NULL, NULL);

  collect_leaves (self, form, leaves, visited);
  budget_form_rebuild_code_rows (form, leaves);
}

static gboolean
form_depends_on (BudgetDocument *self,
                 BudgetForm     *form,
                 BudgetForm     *source)
{
  const char * const *sources = budget_form_def_get_sources (budget_form_get_def (form));

  if (form == source)
    return TRUE;
  for (guint s = 0; sources[s] != NULL; s++)
    {
      BudgetForm *other = g_hash_table_lookup (self->form_by_id, sources[s]);

      if (other != NULL && other != form && form_depends_on (self, other, source))
        return TRUE;
    }
  return FALSE;
}

/* ------------------------------------------------------------------------------------------------ */
/* Changes: what commands (edit/) call between begin and end                                         */

struct _BudgetChange
{
  GArray    *entered;      /* BudgetCellRef of entered cells set */
  GArray    *changes;      /* BudgetCellRef of every changed cell */
  GPtrArray *rebuilt;      /* BudgetForm whose rows changed */
  gboolean   structure;    /* a full recompute is needed */
  GPtrArray *meta_keys;
  GPtrArray *form_texts;   /* pairs: form, property (interned) */
  GArray    *forms_events; /* guint triples: position, removed, added */
  GPtrArray *pending;      /* coded forms whose rows were stored or removed: their dependents are
                            * regenerated once, not once per row (an import adds thousands) */
};

static void
mark_rebuilt (BudgetChange *change,
              BudgetForm   *form)
{
  if (!g_ptr_array_find (change->rebuilt, form, NULL))
    g_ptr_array_add (change->rebuilt, form);
  change->structure = TRUE;
}

static void
rebuild_dependents (BudgetDocument *self,
                    BudgetForm     *changed)
{
  for (guint i = 0; i < self->forms->len; i++)
    {
      BudgetForm *form = g_ptr_array_index (self->forms, i);

      if (budget_form_get_kind (form) == BUDGET_FORM_KIND_CODED && form_depends_on (self, form, changed))
        {
          rebuild_coded_rows (self, form);
          mark_rebuilt (self->change, form);
        }
    }
}

/* Regenerates the dependents of the coded forms changed so far. */
static void
flush_pending (BudgetDocument *self)
{
  BudgetChange *change = self->change;

  for (guint i = 0; i < change->pending->len; i++)
    rebuild_dependents (self, g_ptr_array_index (change->pending, i));
  g_ptr_array_set_size (change->pending, 0);
}

/* Rows of @form change: its dependents are regenerated before anything reads another form's rows. */
static void
defer_rebuild (BudgetDocument *self,
               BudgetForm     *form)
{
  BudgetChange *change = self->change;

  if (change->pending->len > 0 && !g_ptr_array_find (change->pending, form, NULL))
    flush_pending (self);
  if (change->pending->len == 0)
    g_ptr_array_add (change->pending, form);
}

static void
restore_row (BudgetForm              *form,
             BudgetRow               *row,
             const BudgetRowSnapshot *snapshot)
{
  for (guint c = 0; c < budget_form_get_n_columns (form); c++)
    {
      if (budget_form_column_is_entered (form, c))
        row->values[c] = snapshot->values[c];
      if (row->texts != NULL)
        {
          g_free (row->texts[c]);
          row->texts[c] = snapshot->texts != NULL ? g_strdup (snapshot->texts[c]) : NULL;
        }
    }
  if (snapshot->name != NULL)
    {
      g_free (row->name);
      row->name = g_strdup (snapshot->name);
      row->custom_name = TRUE;
    }
}

BudgetRow *
budget_document_add_code_row_internal (BudgetDocument *self,
                                       BudgetForm     *form,
                                       const char     *code,
                                       const char     *name)
{
  BudgetRow *row = budget_form_lookup_row (form, code);

  if (row == NULL)
    {
      row = budget_row_new (form, code, BUDGET_ROW_LEAF);
      budget_form_append_row (form, row);
    }
  row->own = TRUE;
  if (name != NULL)
    {
      g_free (row->name);
      row->name = g_strdup (name);
      row->custom_name = TRUE;
    }
  return row;
}

/**
 * budget_document_begin_change:
 * @self: a document
 *
 * Starts collecting the effects of a command: the store and remove functions below may be called
 * until budget_document_end_change() recomputes what depends on them and tells the views, once.
 */
void
budget_document_begin_change (BudgetDocument *self)
{
  BudgetChange *change;

  g_return_if_fail (self->change == NULL);
  change = g_new0 (BudgetChange, 1);
  change->entered = g_array_new (FALSE, FALSE, sizeof (BudgetCellRef));
  change->changes = g_array_new (FALSE, FALSE, sizeof (BudgetCellRef));
  change->rebuilt = g_ptr_array_new ();
  change->meta_keys = g_ptr_array_new_with_free_func (g_free);
  change->form_texts = g_ptr_array_new ();
  change->forms_events = g_array_new (FALSE, FALSE, sizeof (guint));
  change->pending = g_ptr_array_new ();
  self->change = change;
  self->change_serial++;
}

/**
 * budget_document_end_change:
 * @self: a document
 * @state: the state id the document is in after the change (see budget_document_new_state_id())
 * @command: (nullable): the command, passed on to #BudgetDocument::command-applied
 * @forward: %FALSE when the command was undone
 *
 * Recomputes the derived cells that depend on what changed and emits the change signals.
 */
void
budget_document_end_change (BudgetDocument *self,
                            guint64         state,
                            GObject        *command,
                            gboolean        forward)
{
  BudgetChange *change = self->change;
  gboolean was_modified = budget_document_get_modified (self);

  g_return_if_fail (change != NULL);
  flush_pending (self);
  if (change->structure)
    {
      /* Row indices moved: report the rebuilt forms as a whole, and the other changed cells. */
      g_array_set_size (change->changes, 0);
      budget_engine_recompute_all (self->engine, change->changes);
    }
  else
    budget_engine_recompute_from (self->engine, change->entered, change->changes);

  self->state = state;
  self->change = NULL;

  for (guint i = 0; i + 2 < change->forms_events->len; i += 3)
    g_signal_emit (self, signals[FORMS_CHANGED], 0, g_array_index (change->forms_events, guint, i),
                   g_array_index (change->forms_events, guint, i + 1), g_array_index (change->forms_events, guint, i + 2));
  for (guint i = 0; i < change->rebuilt->len; i++)
    g_signal_emit (self, signals[ROWS_CHANGED], 0, g_ptr_array_index (change->rebuilt, i));
  if (change->changes->len > 0)
    g_signal_emit (self, signals[CELLS_CHANGED], 0, change->changes);
  for (guint i = 0; i < change->meta_keys->len; i++)
    g_signal_emit (self, signals[META_CHANGED], 0, g_ptr_array_index (change->meta_keys, i));
  for (guint i = 0; i + 1 < change->form_texts->len; i += 2)
    g_signal_emit (self, signals[FORM_TEXT_CHANGED], 0,
                   g_ptr_array_index (change->form_texts, i), g_ptr_array_index (change->form_texts, i + 1));
  if (was_modified != budget_document_get_modified (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
  if (command != NULL)
    g_signal_emit (self, signals[COMMAND_APPLIED], 0, command, forward);

  g_array_unref (change->entered);
  g_array_unref (change->changes);
  g_ptr_array_unref (change->rebuilt);
  g_ptr_array_unref (change->meta_keys);
  g_ptr_array_unref (change->form_texts);
  g_array_unref (change->forms_events);
  g_ptr_array_unref (change->pending);
  g_free (change);
}

/**
 * budget_document_new_state_id:
 * @self: a document
 *
 * Returns: a state id never used before in @self: a command records the ids before and after it, so
 *   that the document is unmodified exactly when its state is the saved one (goffice's state ids)
 */
guint64
budget_document_new_state_id (BudgetDocument *self)
{
  return ++self->next_state;
}

guint64
budget_document_get_state_id (BudgetDocument *self)
{
  return self->state;
}

static BudgetRow *
changed_row (BudgetDocument *self,
             BudgetForm     *form,
             const char     *key)
{
  g_return_val_if_fail (self->change != NULL, NULL);
  g_return_val_if_fail (form != NULL && budget_form_get_document (form) == self, NULL);
  if (self->change->pending->len > 0 && !g_ptr_array_find (self->change->pending, form, NULL))
    flush_pending (self);
  return budget_form_lookup_row (form, key);
}

/**
 * budget_document_store_value:
 * @self: a document, between begin and end of a change
 * @form: a form of @self
 * @key: the row key
 * @col: an entered amount or quantity column
 * @value: the new value
 * @own: coded forms: whether the row is the officer's own afterwards (typing on a row that came from
 *   another form makes it so; undo gives back what it was)
 */
void
budget_document_store_value (BudgetDocument *self,
                             BudgetForm     *form,
                             const char     *key,
                             guint           col,
                             gint64          value,
                             gboolean        own)
{
  BudgetRow *row = changed_row (self, form, key);
  BudgetCellRef ref;

  g_return_if_fail (row != NULL && col < budget_form_get_n_columns (form));
  row->values[col] = value;
  if (budget_form_get_kind (form) == BUDGET_FORM_KIND_CODED)
    row->own = own;
  ref = (BudgetCellRef) { form, row->index, col };
  g_array_append_val (self->change->entered, ref);
  g_array_append_val (self->change->changes, ref);
}

/**
 * budget_document_store_text:
 * @self: a document, between begin and end of a change
 * @form: a form of @self
 * @key: the row key
 * @col: a text column
 * @text: (nullable): the new text
 */
void
budget_document_store_text (BudgetDocument *self,
                            BudgetForm     *form,
                            const char     *key,
                            guint           col,
                            const char     *text)
{
  BudgetRow *row = changed_row (self, form, key);
  BudgetCellRef ref;

  g_return_if_fail (row != NULL && row->texts != NULL && col < budget_form_get_n_columns (form));
  g_free (row->texts[col]);
  row->texts[col] = g_strdup (text);
  ref = (BudgetCellRef) { form, row->index, col };
  g_array_append_val (self->change->changes, ref);
}

/**
 * budget_document_store_row:
 * @self: a document, between begin and end of a change
 * @form: a coded, list or performance form
 * @snapshot: the row: a code row is added (its 类 and 款 appear), a list row goes to its position
 */
void
budget_document_store_row (BudgetDocument          *self,
                           BudgetForm              *form,
                           const BudgetRowSnapshot *snapshot)
{
  BudgetRow *row;

  g_return_if_fail (self->change != NULL);
  if (budget_form_get_kind (form) == BUDGET_FORM_KIND_CODED)
    {
      defer_rebuild (self, form);
      row = budget_document_add_code_row_internal (self, form, snapshot->key, snapshot->name);
      restore_row (form, row, snapshot);
      return;
    }
  g_return_if_fail (budget_form_lookup_row (form, snapshot->key) == NULL);
  row = budget_row_new (form, snapshot->key, BUDGET_ROW_LIST);
  restore_row (form, row, snapshot);
  budget_form_insert_row (form, row, snapshot->position);
  mark_rebuilt (self->change, form);
}

/**
 * budget_document_remove_row:
 * @self: a document, between begin and end of a change
 * @form: a coded, list or performance form
 * @key: the row key
 *
 * A code row stays when another form still lists its code (T2 shows every code of T5); it is then only
 * no longer the officer's own, and its entered values are 0.
 */
void
budget_document_remove_row (BudgetDocument *self,
                            BudgetForm     *form,
                            const char     *key)
{
  BudgetRow *row = changed_row (self, form, key);

  g_return_if_fail (row != NULL);
  if (budget_form_get_kind (form) == BUDGET_FORM_KIND_CODED)
    {
      row->own = FALSE;
      row->custom_name = FALSE;
      g_clear_pointer (&row->name, g_free);
      for (guint c = 0; c < budget_form_get_n_columns (form); c++)
        if (budget_form_column_is_entered (form, c))
          row->values[c] = 0;
      defer_rebuild (self, form);
      return;
    }
  budget_form_remove_row (form, row->index);
  mark_rebuilt (self->change, form);
}

/**
 * budget_document_store_meta:
 * @self: a document, between begin and end of a change
 * @key: a metadata key
 * @value: (nullable): the value, or %NULL to remove it
 */
void
budget_document_store_meta (BudgetDocument *self,
                            const char     *key,
                            const char     *value)
{
  g_return_if_fail (self->change != NULL);
  budget_document_set_meta_internal (self, key, value);
  g_ptr_array_add (self->change->meta_keys, g_strdup (key));
}

/**
 * budget_document_store_form_text:
 * @self: a document, between begin and end of a change
 * @form: a text section or a performance table
 * @property: "text", "name" or "goal"
 * @value: (nullable): the text
 */
void
budget_document_store_form_text (BudgetDocument *self,
                                 BudgetForm     *form,
                                 const char     *property,
                                 const char     *value)
{
  g_return_if_fail (self->change != NULL);
  budget_form_set_text_property (form, property, value);
  g_ptr_array_add (self->change->form_texts, form);
  g_ptr_array_add (self->change->form_texts, (gpointer) g_intern_string (property));
}

static void
record_forms_event (BudgetDocument *self,
                    guint           position,
                    guint           removed,
                    guint           added)
{
  guint event[3] = { position, removed, added };

  g_array_append_vals (self->change->forms_events, event, 3);
}

/**
 * budget_document_store_form:
 * @self: a document, between begin and end of a change
 * @snapshot: a performance table
 * @position: its index among all forms
 */
void
budget_document_store_form (BudgetDocument           *self,
                            const BudgetFormSnapshot *snapshot,
                            guint                     position)
{
  BudgetForm *form;

  g_return_if_fail (self->change != NULL);
  form = budget_document_add_form_internal (self, snapshot->def_id, snapshot->id, -1);
  g_return_if_fail (form != NULL);
  /* Place it exactly where it was. */
  g_ptr_array_remove (self->forms, g_object_ref (form));
  g_ptr_array_insert (self->forms, MIN (position, self->forms->len), form);
  budget_form_set_text_property (form, "name", snapshot->name);
  budget_form_set_text_property (form, "goal", snapshot->goal);
  for (guint i = 0; i < snapshot->rows->len; i++)
    {
      const BudgetRowSnapshot *row_snapshot = g_ptr_array_index (snapshot->rows, i);
      BudgetRow *row = budget_row_new (form, row_snapshot->key, BUDGET_ROW_LIST);

      restore_row (form, row, row_snapshot);
      budget_form_append_row (form, row);
    }
  record_forms_event (self, position, 0, 1);
}

/**
 * budget_document_remove_form_at:
 * @self: a document, between begin and end of a change
 * @position: the index of a performance table
 */
void
budget_document_remove_form_at (BudgetDocument *self,
                                guint           position)
{
  BudgetForm *form;

  g_return_if_fail (self->change != NULL && position < self->forms->len);
  form = g_ptr_array_index (self->forms, position);
  g_return_if_fail (BUDGET_IS_PERFORMANCE_TABLE (form));
  g_hash_table_remove (self->form_by_id, budget_form_get_id (form));
  g_ptr_array_remove_index (self->forms, position);
  record_forms_event (self, position, 1, 0);
}

/**
 * budget_document_relocate_form:
 * @self: a document, between begin and end of a change
 * @from: a form index
 * @to: where it goes
 */
void
budget_document_relocate_form (BudgetDocument *self,
                               guint           from,
                               guint           to)
{
  BudgetForm *moved;
  guint span;

  g_return_if_fail (self->change != NULL && from < self->forms->len && to < self->forms->len);
  moved = g_ptr_array_steal_index (self->forms, from);
  g_ptr_array_insert (self->forms, to, moved);
  span = MAX (from, to) - MIN (from, to) + 1;
  record_forms_event (self, MIN (from, to), span, span);
}

/**
 * budget_document_find_free_form_id:
 * @self: a document
 * @prefix: the id of a definition ("PF")
 *
 * Returns: (transfer full): the first id "PF1", "PF2" … that no form of @self has
 */
char *
budget_document_find_free_form_id (BudgetDocument *self,
                                   const char     *prefix)
{
  for (guint n = 1;; n++)
    {
      char *candidate = g_strdup_printf ("%s%u", prefix, n);

      if (!g_hash_table_contains (self->form_by_id, candidate))
        return candidate;
      g_free (candidate);
    }
}

/**
 * budget_document_get_performance_position:
 * @self: a document
 * @position: an index among the performance tables, or -1 for after the last
 *
 * Returns: the index among all forms where a performance table at @position goes
 */
int
budget_document_get_performance_position (BudgetDocument *self,
                                          int             position)
{
  return performance_insert_position (self, position);
}

/**
 * budget_document_validate_meta:
 * @key: a metadata key
 * @value: (nullable): a value for it
 * @error: return location for an error
 *
 * The rules every metadata value follows, whether typed or read from a file: the budget year is a
 * year between 2000 and 2100, prior-year figures are amounts.
 *
 * Returns: whether @value is acceptable for @key
 */
gboolean
budget_document_validate_meta (const char  *key,
                               const char  *value,
                               GError     **error)
{
  if (value == NULL)
    return TRUE;
  if (g_str_equal (key, "year"))
    {
      guint64 year;

      if (!g_ascii_string_to_unsigned (value, 10, 2000, 2100, &year, NULL))
        {
          g_set_error (error, BUDGET_DOCUMENT_ERROR, BUDGET_DOCUMENT_ERROR_INVALID_VALUE,
                       _("The budget year must be a year between 2000 and 2100"));
          return FALSE;
        }
    }
  if (g_str_equal (key, "entry-unit") && !g_str_equal (value, "元") && !g_str_equal (value, "万元"))
    {
      g_set_error (error, BUDGET_DOCUMENT_ERROR, BUDGET_DOCUMENT_ERROR_INVALID_VALUE,
                   _("Figures are typed in 元 or in 万元"));
      return FALSE;
    }
  if (g_str_has_prefix (key, "prior-"))
    {
      gint64 amount;

      if (!budget_amount_parse (value, &amount, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * budget_document_recompute_all:
 * @self: a document
 *
 * Recomputes every derived cell in one ranked pass (after loading; tests compare it with the
 * incremental walk).
 */
void
budget_document_recompute_all (BudgetDocument *self)
{
  budget_engine_recompute_all (self->engine, NULL);
}

/**
 * budget_document_get_entry_unit:
 * @self: a document
 *
 * Returns: the unit figures are typed and shown in in the editor (the "entry-unit" property: 元 or 万元,
 *   万元 by default); published forms are in 万元 whatever it is
 */
BudgetUnit
budget_document_get_entry_unit (BudgetDocument *self)
{
  return budget_unit_from_name (budget_document_get_meta (self, "entry-unit"));
}
