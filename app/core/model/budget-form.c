/* budget-form.c: a form of a document: rows and cells (values are computed by BudgetDocument) */

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "model/budget-catalog.h"
#include "model/budget-document-private.h"
#include "model/budget-performance-table.h"
#include "model/budget-text-section.h"

typedef struct
{
  BudgetDocument  *document;    /* not a reference: the document owns its forms */
  BudgetFormDef   *def;
  char            *id;
  GPtrArray       *rows;        /* BudgetRow */
  GHashTable      *by_key;      /* key → BudgetRow */
  guint            n_cols;
  gboolean         has_texts;
  guint            next_list_id;

  /* the document's recomputation data for this form (budget-document.c), freed with the form */
  gpointer         engine;
  GDestroyNotify   engine_free;
} BudgetFormPrivate;

G_DEFINE_TYPE_WITH_PRIVATE (BudgetForm, budget_form, G_TYPE_OBJECT)

#define PRIV(form) ((BudgetFormPrivate *) budget_form_get_instance_private (form))

static void
budget_form_finalize (GObject *object)
{
  BudgetForm *self = BUDGET_FORM (object);

  g_ptr_array_unref (PRIV (self)->rows);
  g_hash_table_unref (PRIV (self)->by_key);
  if (PRIV (self)->engine_free != NULL)
    PRIV (self)->engine_free (PRIV (self)->engine);
  g_clear_object (&PRIV (self)->def);
  g_free (PRIV (self)->id);

  G_OBJECT_CLASS (budget_form_parent_class)->finalize (object);
}

static const char *budget_form_real_get_text_property (BudgetForm *self, const char *property);
static void budget_form_real_set_text_property (BudgetForm *self, const char *property, const char *value);

static void
budget_form_class_init (BudgetFormClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = budget_form_finalize;
  klass->get_text_property = budget_form_real_get_text_property;
  klass->set_text_property = budget_form_real_set_text_property;
}

static void
budget_form_init (BudgetForm *self)
{
  PRIV (self)->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) budget_row_free);
  PRIV (self)->by_key = g_hash_table_new (g_str_hash, g_str_equal);
  PRIV (self)->next_list_id = 1;
}

BudgetRow *
budget_row_new (BudgetForm    *form,
                const char    *key,
                BudgetRowKind  kind)
{
  BudgetRow *row = g_new0 (BudgetRow, 1);

  row->key = g_strdup (key);
  row->kind = kind;
  row->values = g_new0 (gint64, MAX (PRIV (form)->n_cols, 1));
  if (PRIV (form)->has_texts)
    {
      row->texts = g_new0 (char *, PRIV (form)->n_cols);
      row->n_texts = PRIV (form)->n_cols;
    }
  row->index = G_MAXUINT;
  return row;
}

void
budget_row_free (BudgetRow *row)
{
  if (row == NULL)
    return;
  g_free (row->key);
  g_free (row->name);
  g_clear_pointer (&row->children, g_ptr_array_unref);
  g_free (row->values);
  for (guint i = 0; i < row->n_texts; i++)
    g_free (row->texts[i]);
  g_free (row->texts);
  g_free (row);
}

/**
 * budget_form_new: (skip)
 *
 * Creates an empty form of @def; fixed forms get their rows from the definition.
 */
BudgetForm *
budget_form_new (BudgetDocument *document,
                 BudgetFormDef  *def,
                 const char     *id)
{
  /* A text section and a performance table are forms of their own types; the tables (fixed, coded, list)
   * are forms whose layout the definition gives. */
  GType type = budget_form_def_get_kind (def) == BUDGET_FORM_KIND_TEXT ? BUDGET_TYPE_TEXT_SECTION
             : budget_form_def_get_kind (def) == BUDGET_FORM_KIND_PERFORMANCE ? BUDGET_TYPE_PERFORMANCE_TABLE
             : BUDGET_TYPE_FORM;
  BudgetForm *self = g_object_new (type, NULL);

  PRIV (self)->document = document;
  PRIV (self)->def = g_object_ref (def);
  PRIV (self)->id = g_strdup (id);
  PRIV (self)->n_cols = budget_form_def_get_n_columns (def);
  for (guint c = 0; c < PRIV (self)->n_cols; c++)
    if (budget_form_def_get_column (def, c)->type == BUDGET_COLUMN_TEXT)
      PRIV (self)->has_texts = TRUE;

  switch (budget_form_def_get_kind (def))
    {
    case BUDGET_FORM_KIND_FIXED:
      for (guint r = 0; r < budget_form_def_get_n_fixed_rows (def); r++)
        budget_form_append_row (self, budget_row_new (self, budget_form_def_get_fixed_row (def, r)->id,
                                                      BUDGET_ROW_FIXED));
      break;
    case BUDGET_FORM_KIND_CODED:
      {
        BudgetRow *total = budget_row_new (self, "total", BUDGET_ROW_TOTAL);

        total->name = g_strdup (budget_form_def_get_total_label (def) != NULL
                                ? budget_form_def_get_total_label (def) : "合计");
        total->children = g_ptr_array_new ();
        budget_form_append_row (self, total);
      }
      break;
    case BUDGET_FORM_KIND_TEXT:
    case BUDGET_FORM_KIND_PERFORMANCE:
    case BUDGET_FORM_KIND_LIST:
    default:
      break;
    }

  return self;
}

void
budget_form_reindex (BudgetForm *self)
{
  for (guint i = 0; i < PRIV (self)->rows->len; i++)
    ((BudgetRow *) g_ptr_array_index (PRIV (self)->rows, i))->index = i;
}

/* Later rows must not reuse the key of a list row that came back by undo or from a file ("n7" after
 * "n3", "n7"), or two rows would share a key. */
static void
note_list_key (BudgetForm *self,
               BudgetRow  *row)
{
  if (row->kind == BUDGET_ROW_LIST && row->key[0] == 'n' && g_ascii_isdigit (row->key[1]))
    {
      guint64 n = g_ascii_strtoull (row->key + 1, NULL, 10);

      if (n < G_MAXUINT)
        PRIV (self)->next_list_id = MAX (PRIV (self)->next_list_id, (guint) n + 1);
    }
}

void
budget_form_append_row (BudgetForm *self,
                        BudgetRow  *row)
{
  note_list_key (self, row);
  row->index = PRIV (self)->rows->len;
  g_ptr_array_add (PRIV (self)->rows, row);
  g_hash_table_insert (PRIV (self)->by_key, row->key, row);
}

void
budget_form_insert_row (BudgetForm *self,
                        BudgetRow  *row,
                        guint       position)
{
  note_list_key (self, row);
  position = MIN (position, PRIV (self)->rows->len);
  g_ptr_array_insert (PRIV (self)->rows, position, row);
  g_hash_table_insert (PRIV (self)->by_key, row->key, row);
  budget_form_reindex (self);
}

void
budget_form_remove_row (BudgetForm *self,
                        guint       position)
{
  BudgetRow *row = g_ptr_array_index (PRIV (self)->rows, position);

  g_hash_table_remove (PRIV (self)->by_key, row->key);
  g_ptr_array_remove_index (PRIV (self)->rows, position);
  budget_form_reindex (self);
}

char *
budget_form_next_list_key (BudgetForm *self)
{
  return g_strdup_printf ("n%u", PRIV (self)->next_list_id++);
}

/**
 * budget_form_dup_free_list_key:
 * @self: a list or performance form
 *
 * Returns: (transfer full): the key a new list row gets: one that no row has had since the form was made
 */
char *
budget_form_dup_free_list_key (BudgetForm *self)
{
  return g_strdup_printf ("n%u", PRIV (self)->next_list_id);
}

BudgetRow *
budget_form_lookup_row (BudgetForm *self,
                        const char *key)
{
  return g_hash_table_lookup (PRIV (self)->by_key, key);
}

BudgetRow *
budget_form_row_at (BudgetForm *self,
                    guint       index)
{
  g_return_val_if_fail (index < PRIV (self)->rows->len, NULL);
  return g_ptr_array_index (PRIV (self)->rows, index);
}

gboolean
budget_form_row_has_custom_name (BudgetForm *self,
                                 guint       row)
{
  g_return_val_if_fail (row < PRIV (self)->rows->len, FALSE);
  return ((BudgetRow *) g_ptr_array_index (PRIV (self)->rows, row))->custom_name;
}

gboolean
budget_form_has_text_columns (BudgetForm *self)
{
  return PRIV (self)->has_texts;
}

gboolean
budget_form_column_is_entered (BudgetForm *self,
                               guint       col)
{
  const BudgetColumnDef *column = budget_form_def_get_column (PRIV (self)->def, col);

  return column->formula == NULL &&
         (column->type == BUDGET_COLUMN_AMOUNT || column->type == BUDGET_COLUMN_QUANTITY ||
          column->type == BUDGET_COLUMN_TEXT);
}

BudgetFormDef *budget_form_get_def (BudgetForm *self) { return PRIV (self)->def; }
struct _BudgetDocument *budget_form_get_document (BudgetForm *self) { return PRIV (self)->document; }
const char *budget_form_get_id (BudgetForm *self) { return PRIV (self)->id; }
BudgetFormKind budget_form_get_kind (BudgetForm *self) { return budget_form_def_get_kind (PRIV (self)->def); }
/* The texts a form type has: a text section its text, a performance table its name and goal. */
static const char *
budget_form_real_get_text_property (BudgetForm *self,
                                    const char *property)
{
  return NULL;
}

static void
budget_form_real_set_text_property (BudgetForm *self,
                                    const char *property,
                                    const char *value)
{
  g_critical ("%s has no text “%s”", PRIV (self)->id, property);
}

const char *
budget_form_get_name (BudgetForm *self)
{
  return BUDGET_FORM_GET_CLASS (self)->get_text_property (self, "name");
}

const char *
budget_form_get_goal (BudgetForm *self)
{
  return BUDGET_FORM_GET_CLASS (self)->get_text_property (self, "goal");
}

const char *
budget_form_get_text (BudgetForm *self)
{
  return BUDGET_FORM_GET_CLASS (self)->get_text_property (self, "text");
}

guint budget_form_get_n_rows (BudgetForm *self) { return PRIV (self)->rows->len; }
guint budget_form_get_n_columns (BudgetForm *self) { return PRIV (self)->n_cols; }

const char *
budget_form_get_short_title (BudgetForm *self)
{
  const char *name = budget_form_get_name (self);

  if (name != NULL && *name)
    return name;
  return budget_form_def_get_short_title (PRIV (self)->def);
}

/**
 * budget_form_get_number:
 * @self: a form
 *
 * Returns: the 1-based position of a performance table among the document's performance tables
 * (the "n、" of its title), or 0 for other forms
 */
guint
budget_form_get_number (BudgetForm *self)
{
  guint n = 0;

  if (!BUDGET_IS_PERFORMANCE_TABLE (self) || PRIV (self)->document == NULL)
    return 0;
  for (guint i = 0; i < budget_document_get_n_forms (PRIV (self)->document); i++)
    {
      BudgetForm *form = budget_document_get_form (PRIV (self)->document, i);

      if (BUDGET_IS_PERFORMANCE_TABLE (form))
        n++;
      if (form == self)
        return n;
    }
  return 0;
}

/**
 * budget_form_dup_title:
 * @self: a form
 *
 * Returns: (transfer full): the title as printed, with {department}, {year}, {n} and {name} filled in
 */
char *
budget_form_dup_title (BudgetForm *self)
{
  g_autofree char *number = g_strdup_printf ("%u", budget_form_get_number (self));
  GString *title = g_string_new (budget_form_def_get_title (PRIV (self)->def));
  g_autofree char *expanded = NULL;

  g_string_replace (title, "{n}", number, 0);
  g_string_replace (title, "{name}", budget_form_get_name (self) != NULL ? budget_form_get_name (self) : "", 0);
  if (PRIV (self)->document == NULL)
    return g_string_free (title, FALSE);
  expanded = budget_document_expand (PRIV (self)->document, title->str);
  g_string_free (title, TRUE);
  return g_steal_pointer (&expanded);
}

int
budget_form_find_row (BudgetForm *self,
                      const char *key)
{
  BudgetRow *row = g_hash_table_lookup (PRIV (self)->by_key, key);

  return row != NULL ? (int) row->index : -1;
}

const char *
budget_form_get_row_key (BudgetForm *self,
                         guint       row)
{
  return budget_form_row_at (self, row)->key;
}

BudgetRowKind
budget_form_get_row_kind (BudgetForm *self,
                          guint       row)
{
  return budget_form_row_at (self, row)->kind;
}

guint
budget_form_get_row_level (BudgetForm *self,
                           guint       row)
{
  BudgetRow *r = budget_form_row_at (self, row);

  if (r->kind == BUDGET_ROW_FIXED)
    return budget_form_def_get_fixed_row (PRIV (self)->def, row)->indent;
  return r->level;
}

/**
 * budget_form_get_row_n_children:
 * @self: a form
 * @row: a row index
 *
 * Returns: how many rows a 类 or 款 row (or the total row) of a coded form adds up; 0 for other rows
 */
guint
budget_form_get_row_n_children (BudgetForm *self,
                                guint       row)
{
  BudgetRow *r = budget_form_row_at (self, row);

  return r->children != NULL ? r->children->len : 0;
}

/**
 * budget_form_get_row_parent:
 * @self: a form
 * @row: a row index
 *
 * Returns: the row index of the 类 or 款 row (or the total row) that adds up @row, or -1
 */
int
budget_form_get_row_parent (BudgetForm *self,
                            guint       row)
{
  BudgetRow *r = budget_form_row_at (self, row);

  return r->parent != NULL ? (int) r->parent->index : -1;
}

/**
 * budget_form_get_row_child:
 * @self: a form
 * @row: a row index
 * @i: which child, below budget_form_get_row_n_children()
 *
 * Returns: the row index of the @i-th row that @row adds up, in row order
 */
guint
budget_form_get_row_child (BudgetForm *self,
                           guint       row,
                           guint       i)
{
  BudgetRow *r = budget_form_row_at (self, row);

  g_return_val_if_fail (r->children != NULL && i < r->children->len, 0);
  return ((BudgetRow *) g_ptr_array_index (r->children, i))->index;
}

const char *
budget_form_get_row_code (BudgetForm *self,
                          guint       row)
{
  BudgetRow *r = budget_form_row_at (self, row);

  switch (r->kind)
    {
    case BUDGET_ROW_PARENT:
    case BUDGET_ROW_LEAF:
      return r->key;
    default:
      return "";
    }
}

const char *
budget_form_get_row_name (BudgetForm *self,
                          guint       row)
{
  BudgetRow *r = budget_form_row_at (self, row);

  return r->name != NULL ? r->name : "";
}

gboolean
budget_form_row_is_own (BudgetForm *self,
                        guint       row)
{
  return budget_form_row_at (self, row)->own;
}

/**
 * budget_form_row_in_catalog:
 * @self: a coded form
 * @row: a row index
 *
 * Returns: whether the row's code is in the bundled catalog (codes that are not are allowed, and flagged)
 */
gboolean
budget_form_row_in_catalog (BudgetForm *self,
                            guint       row)
{
  BudgetRow *r = budget_form_row_at (self, row);
  const char *catalog = budget_form_def_get_catalog (PRIV (self)->def);

  if (catalog == NULL || (r->kind != BUDGET_ROW_LEAF && r->kind != BUDGET_ROW_PARENT))
    return TRUE;
  return budget_catalog_lookup_name (budget_form_get_catalog (self), r->key) != NULL;
}

/**
 * budget_form_dup_row_label:
 * @self: a form
 * @row: a row index
 *
 * Returns: (transfer full): how messages and undo labels name the row: the code of a code row,
 * the label of a fixed row, "第N行" otherwise
 */
char *
budget_form_dup_row_label (BudgetForm *self,
                           guint       row)
{
  BudgetRow *r = budget_form_row_at (self, row);

  switch (r->kind)
    {
    case BUDGET_ROW_LEAF:
    case BUDGET_ROW_PARENT:
      return g_strdup (r->key);
    case BUDGET_ROW_TOTAL:
      return g_strdup (r->name);
    case BUDGET_ROW_FIXED:
      {
        const BudgetRowDef *def = budget_form_def_get_fixed_row (PRIV (self)->def, row);

        for (guint c = 0; c < PRIV (self)->n_cols; c++)
          if (def->cells[c].kind == BUDGET_CELL_DEF_LABEL && def->cells[c].text[0] != '\0')
            return g_strstrip (g_strdup (def->cells[c].text));
        return g_strdup_printf (_("Row %u"), row + 1);
      }
    case BUDGET_ROW_LIST:
    default:
      return g_strdup_printf (_("Row %u"), row + 1);
    }
}

/**
 * budget_form_get_cell_kind:
 * @self: a form
 * @row: a row index
 * @col: a column index
 *
 * Returns: whether the cell is typed, computed, static text or blank
 */
BudgetCellKind
budget_form_get_cell_kind (BudgetForm *self,
                           guint       row,
                           guint       col)
{
  BudgetRow *r = budget_form_row_at (self, row);
  const BudgetColumnDef *column = budget_form_def_get_column (PRIV (self)->def, col);

  switch (r->kind)
    {
    case BUDGET_ROW_FIXED:
      switch (budget_form_def_get_fixed_row (PRIV (self)->def, row)->cells[col].kind)
        {
        case BUDGET_CELL_DEF_LABEL:
          return BUDGET_CELL_LABEL;
        case BUDGET_CELL_DEF_ENTERED:
          return BUDGET_CELL_ENTERED;
        case BUDGET_CELL_DEF_FORMULA:
          return BUDGET_CELL_DERIVED;
        case BUDGET_CELL_DEF_BLANK:
        default:
          return BUDGET_CELL_BLANK;
        }
    case BUDGET_ROW_TOTAL:
    case BUDGET_ROW_PARENT:
      if (column->type == BUDGET_COLUMN_CODE || column->type == BUDGET_COLUMN_NAME)
        return BUDGET_CELL_LABEL;
      return BUDGET_CELL_DERIVED;
    case BUDGET_ROW_LEAF:
      if (column->type == BUDGET_COLUMN_CODE || column->type == BUDGET_COLUMN_NAME)
        return BUDGET_CELL_LABEL;
      if (column->formula != NULL || !budget_form_def_has_own_rows (PRIV (self)->def))
        return BUDGET_CELL_DERIVED;
      return BUDGET_CELL_ENTERED;
    case BUDGET_ROW_LIST:
    default:
      if (column->type == BUDGET_COLUMN_LABEL)
        return BUDGET_CELL_LABEL;
      return column->formula != NULL ? BUDGET_CELL_DERIVED : BUDGET_CELL_ENTERED;
    }
}

/**
 * budget_form_get_cell_formula:
 * @self: a form
 * @row: a row index
 * @col: a column index
 *
 * Returns: (transfer none) (nullable): the formula of a derived cell; %NULL for parent and total
 * rows (the sum of their children) and for cells that are not derived
 */
BudgetFormula *
budget_form_get_cell_formula (BudgetForm *self,
                              guint       row,
                              guint       col)
{
  BudgetRow *r = budget_form_row_at (self, row);

  if (r->kind == BUDGET_ROW_FIXED)
    return budget_form_def_get_fixed_row (PRIV (self)->def, row)->cells[col].formula;
  if (r->kind == BUDGET_ROW_LEAF || r->kind == BUDGET_ROW_LIST)
    return budget_form_def_get_column (PRIV (self)->def, col)->formula;
  return NULL;
}

gint64
budget_form_get_value (BudgetForm *self,
                       guint       row,
                       guint       col)
{
  g_return_val_if_fail (col < PRIV (self)->n_cols, 0);
  return budget_form_row_at (self, row)->values[col];
}

/**
 * budget_form_lookup_value:
 * @self: a form
 * @key: a row key (a code, a fixed row id, or "total")
 * @column: a column id
 *
 * Returns: the value, 0 when the row does not exist
 */
gint64
budget_form_lookup_value (BudgetForm *self,
                          const char *key,
                          const char *column)
{
  BudgetRow *row = g_hash_table_lookup (PRIV (self)->by_key, key);
  int col = budget_form_def_find_column (PRIV (self)->def, column);

  if (row == NULL || col < 0)
    return 0;
  return row->values[col];
}

/**
 * budget_form_get_cell_text:
 * @self: a form
 * @row: a row index
 * @col: a column index
 *
 * Returns: the text of a text, label, code or name cell ("" when there is none)
 */
const char *
budget_form_get_cell_text (BudgetForm *self,
                           guint       row,
                           guint       col)
{
  BudgetRow *r = budget_form_row_at (self, row);
  const BudgetColumnDef *column = budget_form_def_get_column (PRIV (self)->def, col);

  if (r->kind == BUDGET_ROW_FIXED)
    {
      const BudgetCellDef *cell = &budget_form_def_get_fixed_row (PRIV (self)->def, row)->cells[col];

      return cell->kind == BUDGET_CELL_DEF_LABEL ? cell->text : "";
    }
  switch (column->type)
    {
    case BUDGET_COLUMN_CODE:
      return budget_form_get_row_code (self, row);
    case BUDGET_COLUMN_NAME:
      return r->name != NULL ? r->name : "";
    case BUDGET_COLUMN_TEXT:
      return r->texts != NULL && r->texts[col] != NULL ? r->texts[col] : "";
    default:
      return "";
    }
}

/**
 * budget_form_dup_display:
 * @self: a form
 * @row: a row index
 * @col: a column index
 *
 * Returns: (transfer full): the cell as a table shows it: amounts with 2 decimals, zero left blank
 */
char *
budget_form_dup_display (BudgetForm *self,
                         guint       row,
                         guint       col)
{
  return budget_form_dup_display_in (self, row, col, BUDGET_UNIT_WANYUAN);
}

/* The unit the officer types and reads figures in: the project's entry-unit. */
static BudgetUnit
entry_unit (BudgetForm *self)
{
  return PRIV (self)->document != NULL ? budget_document_get_entry_unit (PRIV (self)->document) : BUDGET_UNIT_WANYUAN;
}

/**
 * budget_form_dup_entry_display:
 * @self: a form
 * @row: a row index
 * @col: a column index
 *
 * Returns: (transfer full): the cell as the editor shows it: amounts in the project's entry unit (元
 *   with 2 decimals, or 万元 rounded to 2 decimals)
 */
char *
budget_form_dup_entry_display (BudgetForm *self,
                               guint       row,
                               guint       col)
{
  return budget_form_dup_display_in (self, row, col, entry_unit (self));
}

/**
 * budget_form_dup_display_in:
 * @self: a form
 * @row: a row index
 * @col: a column index
 * @unit: the unit of amounts
 *
 * Returns: (transfer full): the cell's text, amounts in @unit, zero left blank
 */
char *
budget_form_dup_display_in (BudgetForm *self,
                            guint       row,
                            guint       col,
                            BudgetUnit  unit)
{
  const BudgetColumnDef *column = budget_form_def_get_column (PRIV (self)->def, col);
  BudgetCellKind kind = budget_form_get_cell_kind (self, row, col);
  gint64 value;

  if (kind == BUDGET_CELL_BLANK)
    return g_strdup ("");
  switch (column->type)
    {
    case BUDGET_COLUMN_AMOUNT:
      if (kind == BUDGET_CELL_LABEL)
        return g_strdup (budget_form_get_cell_text (self, row, col));
      return budget_amount_format_cell_in (budget_form_get_value (self, row, col), unit);
    case BUDGET_COLUMN_QUANTITY:
      if (kind == BUDGET_CELL_LABEL)
        return g_strdup (budget_form_get_cell_text (self, row, col));
      value = budget_form_get_value (self, row, col);
      return value == 0 ? g_strdup ("") : budget_quantity_format (value);
    default:
      return g_strdup (budget_form_get_cell_text (self, row, col));
    }
}

/**
 * budget_form_dup_edit_text:
 * @self: a form
 * @row: a row index
 * @col: a column index
 *
 * Returns: (transfer full): the cell's exact value as an editor should start from it
 */
char *
budget_form_dup_edit_text (BudgetForm *self,
                           guint       row,
                           guint       col)
{
  const BudgetColumnDef *column = budget_form_def_get_column (PRIV (self)->def, col);
  gint64 value = budget_form_get_value (self, row, col);

  if (column->type == BUDGET_COLUMN_AMOUNT && budget_form_get_cell_kind (self, row, col) != BUDGET_CELL_LABEL)
    return value == 0 ? g_strdup ("") : budget_amount_format_exact_in (value, entry_unit (self));
  if (column->type == BUDGET_COLUMN_QUANTITY && budget_form_get_cell_kind (self, row, col) != BUDGET_CELL_LABEL)
    return value == 0 ? g_strdup ("") : budget_quantity_format (value);
  return g_strdup (budget_form_get_cell_text (self, row, col));
}

/**
 * budget_form_is_empty:
 * @self: a form
 *
 * Returns: whether the form has no data row (coded forms: no code row; list forms: no row), so that it
 * is printed as an empty table with its note
 */
gboolean
budget_form_is_empty (BudgetForm *self)
{
  switch (budget_form_get_kind (self))
    {
    case BUDGET_FORM_KIND_CODED:
      return PRIV (self)->rows->len <= 1;
    case BUDGET_FORM_KIND_LIST:
    case BUDGET_FORM_KIND_PERFORMANCE:
      return PRIV (self)->rows->len == 0;
    case BUDGET_FORM_KIND_TEXT:
      return budget_form_get_text (self) == NULL || budget_form_get_text (self)[0] == '\0';
    case BUDGET_FORM_KIND_FIXED:
    default:
      return FALSE;
    }
}

/* ------------------------------------------------------------------------------------------------ */
/* Row sets of coded forms                                                                           */

static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  const BudgetRow *ra = *(BudgetRow **) a;
  const BudgetRow *rb = *(BudgetRow **) b;

  if (ra->kind == BUDGET_ROW_TOTAL)
    return rb->kind == BUDGET_ROW_TOTAL ? 0 : -1;
  if (rb->kind == BUDGET_ROW_TOTAL)
    return 1;
  /* Codes sort depth-first as strings: 206 < 20601 < 2060101 < 2060102 < 20604. */
  return strcmp (ra->key, rb->key);
}

/**
 * budget_form_rebuild_code_rows:
 * @form: a coded form
 * @leaves: code → custom name (or %NULL): the 项 rows the form shows, its own and its sources'
 *
 * Regenerates the rows: a row per leaf, every 类 and 款 parent, the 合计 first; rows that stay keep
 * their identity and values.
 */
void
budget_form_rebuild_code_rows (BudgetForm *form,
                               GHashTable *leaves)
{
  BudgetCatalog *catalog = budget_form_get_catalog (form);
  GPtrArray *old_rows = PRIV (form)->rows;
  GHashTable *old_by_key = PRIV (form)->by_key;
  GHashTableIter iter;
  gpointer key, value;
  BudgetRow *total;

  PRIV (form)->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) budget_row_free);
  PRIV (form)->by_key = g_hash_table_new (g_str_hash, g_str_equal);

  total = g_hash_table_lookup (old_by_key, "total");
  g_hash_table_remove (old_by_key, "total");
  g_ptr_array_add (PRIV (form)->rows, total);
  g_hash_table_insert (PRIV (form)->by_key, total->key, total);
  g_ptr_array_set_size (total->children, 0);

  g_hash_table_iter_init (&iter, leaves);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const char *code = key;
      BudgetRow *row = g_hash_table_lookup (old_by_key, code);
      g_autofree char *parent_code = NULL;

      if (row != NULL && row->kind == BUDGET_ROW_LEAF)
        g_hash_table_remove (old_by_key, code);
      else
        {
          row = budget_row_new (form, code, BUDGET_ROW_LEAF);
          if (value != NULL)
            {
              row->name = g_strdup (value);
              row->custom_name = TRUE;
            }
        }
      if (row->name == NULL)
        row->name = g_strdup (budget_catalog_lookup_name (catalog, code));
      if (row->name == NULL)
        row->name = g_strdup ("");
      row->level = (guint) MAX (budget_catalog_level_of (catalog, code), 1);
      g_clear_pointer (&row->children, g_ptr_array_unref);
      g_ptr_array_add (PRIV (form)->rows, row);
      g_hash_table_insert (PRIV (form)->by_key, row->key, row);

      /* Generate the missing parents. */
      parent_code = budget_catalog_parent_code (catalog, code);
      while (parent_code != NULL && !g_hash_table_contains (PRIV (form)->by_key, parent_code))
        {
          BudgetRow *parent = g_hash_table_lookup (old_by_key, parent_code);
          char *next;

          if (parent != NULL && parent->kind == BUDGET_ROW_PARENT)
            g_hash_table_remove (old_by_key, parent_code);
          else
            {
              parent = budget_row_new (form, parent_code, BUDGET_ROW_PARENT);
              parent->name = g_strdup (budget_catalog_lookup_name (catalog, parent_code));
              if (parent->name == NULL)
                parent->name = g_strdup ("");
            }
          parent->level = (guint) MAX (budget_catalog_level_of (catalog, parent_code), 1);
          g_ptr_array_add (PRIV (form)->rows, parent);
          g_hash_table_insert (PRIV (form)->by_key, parent->key, parent);
          next = budget_catalog_parent_code (catalog, parent_code);
          g_free (parent_code);
          parent_code = next;
        }
    }

  g_ptr_array_sort (PRIV (form)->rows, compare_rows);
  for (guint i = 0; i < PRIV (form)->rows->len; i++)
    {
      BudgetRow *row = g_ptr_array_index (PRIV (form)->rows, i);
      g_autofree char *parent_code = NULL;
      BudgetRow *parent;

      row->index = i;
      if (row->kind == BUDGET_ROW_TOTAL)
        continue;
      if (row->kind == BUDGET_ROW_PARENT && row->children == NULL)
        row->children = g_ptr_array_new ();
      else if (row->children != NULL)
        g_ptr_array_set_size (row->children, 0);
      parent_code = budget_catalog_parent_code (catalog, row->key);
      parent = parent_code != NULL ? g_hash_table_lookup (PRIV (form)->by_key, parent_code) : NULL;
      if (parent == NULL)
        parent = total;
      row->parent = parent;
      g_ptr_array_add (parent->children, row);
    }

  /* Rows that are gone (their keys still in old_by_key) are freed with the old array. */
  g_hash_table_iter_init (&iter, old_by_key);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_ptr_array_remove_fast (old_rows, value);
  for (guint i = 0; i < old_rows->len; i++)
    {
      BudgetRow *row = g_ptr_array_index (old_rows, i);

      if (g_hash_table_lookup (PRIV (form)->by_key, row->key) == row)
        old_rows->pdata[i] = NULL;
    }
  g_ptr_array_unref (old_rows);
  g_hash_table_unref (old_by_key);
}

/* Sets "name", "goal" (performance tables) or "text" (text sections). */
void
budget_form_set_text_property (BudgetForm *form,
                               const char *property,
                               const char *value)
{
  BUDGET_FORM_GET_CLASS (form)->set_text_property (form, property, value != NULL ? value : "");
}

/* The document's recomputation data for this form: kept here so that it goes with the form. */
void
budget_form_set_engine (BudgetForm     *form,
                        gpointer        engine,
                        GDestroyNotify  engine_free)
{
  if (PRIV (form)->engine_free != NULL)
    PRIV (form)->engine_free (PRIV (form)->engine);
  PRIV (form)->engine = engine;
  PRIV (form)->engine_free = engine_free;
}

gpointer
budget_form_get_engine (BudgetForm *form)
{
  return PRIV (form)->engine;
}

/* The document is going away: the form may outlive it (a view still holds it) but belongs to nothing. */
void
budget_form_detach (BudgetForm *form)
{
  PRIV (form)->document = NULL;
}

/**
 * budget_form_get_catalog:
 * @self: a coded form
 *
 * Returns: (transfer none) (nullable): the catalogue its codes come from, for the document's budget year
 */
BudgetCatalog *
budget_form_get_catalog (BudgetForm *self)
{
  const char *name = budget_form_def_get_catalog (PRIV (self)->def);

  if (name == NULL)
    return NULL;
  return budget_catalog_get_for_year (name, PRIV (self)->document != NULL ? budget_document_get_year (PRIV (self)->document) : 0);
}
