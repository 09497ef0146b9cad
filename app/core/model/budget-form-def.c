/* budget-form-def.c: form definitions are data (data/forms/<ID>.xml); this parses them once */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <gio/gio.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "model/budget-form-def.h"
#include "model/budget-resources.h"
#include "model/budget-xml-private.h"

#define RESOURCE_FORMS "/io/github/budgeteditor/forms/"

struct _BudgetFormDef
{
  GObject          parent_instance;

  char            *id;
  BudgetFormKind   kind;
  char            *title;
  char            *short_title;
  char            *subtitle;
  char            *default_text;
  char            *group;
  gboolean         published;
  gboolean         serial;
  gboolean         landscape;
  BudgetMetaStyle  meta_style;

  guint            n_header_rows;
  GArray          *header;       /* BudgetHeaderCell */
  gboolean         column_numbers;
  GArray          *columns;      /* BudgetColumnDef */

  char            *catalog;
  char            *total_label;
  gboolean         own_rows;
  GStrv            sources;
  guint            min_rows;
  GArray          *fixed_rows;   /* BudgetRowDef */

  char            *empty_note;
  GStrv            notes;
  char            *goal_label;
  char            *part_title;
};

G_DEFINE_FINAL_TYPE (BudgetFormDef, budget_form_def, G_TYPE_OBJECT)
G_DEFINE_QUARK (budget-form-def-error-quark, budget_form_def_error)

static void
clear_header_cell (gpointer data)
{
  BudgetHeaderCell *cell = data;
  g_free (cell->text);
}

static void
clear_column (gpointer data)
{
  BudgetColumnDef *column = data;

  g_free (column->id);
  g_free (column->title);
  g_free (column->choices);
  g_clear_pointer (&column->formula, budget_formula_unref);
}

static void
budget_form_def_finalize (GObject *object)
{
  BudgetFormDef *self = BUDGET_FORM_DEF (object);

  if (self->fixed_rows != NULL)
    {
      for (guint i = 0; i < self->fixed_rows->len; i++)
        {
          BudgetRowDef *row = &g_array_index (self->fixed_rows, BudgetRowDef, i);

          for (guint c = 0; c < self->columns->len; c++)
            {
              g_free (row->cells[c].text);
              g_clear_pointer (&row->cells[c].formula, budget_formula_unref);
            }
          g_free (row->cells);
          g_free (row->id);
        }
      g_array_unref (self->fixed_rows);
    }
  g_free (self->id);
  g_free (self->title);
  g_free (self->short_title);
  g_free (self->subtitle);
  g_free (self->default_text);
  g_free (self->group);
  g_clear_pointer (&self->header, g_array_unref);
  g_clear_pointer (&self->columns, g_array_unref);
  g_free (self->catalog);
  g_free (self->total_label);
  g_strfreev (self->sources);
  g_free (self->empty_note);
  g_strfreev (self->notes);
  g_free (self->goal_label);
  g_free (self->part_title);

  G_OBJECT_CLASS (budget_form_def_parent_class)->finalize (object);
}

static void
budget_form_def_class_init (BudgetFormDefClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = budget_form_def_finalize;
}

static void
budget_form_def_init (BudgetFormDef *self)
{
  self->published = TRUE;
  self->serial = TRUE;
  self->header = g_array_new (FALSE, TRUE, sizeof (BudgetHeaderCell));
  g_array_set_clear_func (self->header, clear_header_cell);
  self->columns = g_array_new (FALSE, TRUE, sizeof (BudgetColumnDef));
  g_array_set_clear_func (self->columns, clear_column);
  self->fixed_rows = g_array_new (FALSE, TRUE, sizeof (BudgetRowDef));
}


static guint
prop_uint (xmlNode    *node,
           const char *name,
           guint       fallback)
{
  g_autofree char *value = budget_xml_prop (node, name);
  guint64 n;

  if (value == NULL || !g_ascii_string_to_unsigned (value, 10, 0, G_MAXUINT, &n, NULL))
    return fallback;
  return (guint) n;
}

static gboolean
prop_bool (xmlNode    *node,
           const char *name,
           gboolean    fallback)
{
  g_autofree char *value = budget_xml_prop (node, name);

  if (value == NULL)
    return fallback;
  return g_str_equal (value, "true") || g_str_equal (value, "yes") || g_str_equal (value, "1");
}



static gboolean
invalid (GError     **error,
         const char  *name,
         xmlNode     *node,
         const char  *message)
{
  g_set_error (error, BUDGET_FORM_DEF_ERROR, BUDGET_FORM_DEF_ERROR_INVALID,
               "%s:%ld: %s", name, node != NULL ? xmlGetLineNo (node) : 0L, message);
  return FALSE;
}

static gboolean
parse_columns (BudgetFormDef  *self,
               xmlNode        *node,
               const char     *name,
               GError        **error)
{
  self->column_numbers = prop_bool (node, "numbers", FALSE);

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      BudgetColumnDef column = { 0 };
      g_autofree char *type = NULL;
      g_autofree char *formula = NULL;

      if (!budget_xml_is_element (child, "column"))
        continue;

      column.id = budget_xml_prop (child, "id");
      column.title = budget_xml_prop (child, "title");
      column.width = prop_uint (child, "width", 10);
      column.choices = budget_xml_prop (child, "choices");
      type = budget_xml_prop (child, "type");
      formula = budget_xml_prop (child, "formula");
      if (column.title == NULL)
        column.title = g_strdup ("");

      if (type == NULL || column.id == NULL)
        {
          clear_column (&column);
          return invalid (error, name, child, "a column needs an id and a type");
        }
      if (g_str_equal (type, "code"))
        column.type = BUDGET_COLUMN_CODE;
      else if (g_str_equal (type, "name"))
        column.type = BUDGET_COLUMN_NAME;
      else if (g_str_equal (type, "label"))
        column.type = BUDGET_COLUMN_LABEL;
      else if (g_str_equal (type, "amount"))
        column.type = BUDGET_COLUMN_AMOUNT;
      else if (g_str_equal (type, "quantity"))
        column.type = BUDGET_COLUMN_QUANTITY;
      else if (g_str_equal (type, "text"))
        column.type = BUDGET_COLUMN_TEXT;
      else
        {
          clear_column (&column);
          return invalid (error, name, child, "unknown column type");
        }

      if (formula != NULL)
        {
          g_autoptr(GError) local_error = NULL;

          column.formula = budget_formula_parse (formula, &local_error);
          if (column.formula == NULL)
            {
              clear_column (&column);
              return invalid (error, name, child, local_error->message);
            }
        }
      g_array_append_val (self->columns, column);
    }

  return TRUE;
}

static gboolean
parse_fixed_rows (BudgetFormDef  *self,
                  xmlNode        *node,
                  const char     *name,
                  GError        **error)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      BudgetRowDef row = { 0 };

      if (!budget_xml_is_element (child, "row"))
        continue;

      row.id = budget_xml_prop (child, "id");
      row.indent = prop_uint (child, "indent", 0);
      row.cells = g_new0 (BudgetCellDef, self->columns->len);
      /* Appended first so that an error below still frees it in finalize. */
      g_array_append_val (self->fixed_rows, row);
      if (row.id == NULL)
        return invalid (error, name, child, "a fixed row needs an id");

      for (xmlNode *cell = child->children; cell != NULL; cell = cell->next)
        {
          g_autofree char *col = NULL;
          int index;

          if (cell->type != XML_ELEMENT_NODE)
            continue;
          col = budget_xml_prop (cell, "col");
          index = col != NULL ? budget_form_def_find_column (self, col) : -1;
          if (index < 0)
            return invalid (error, name, cell, "unknown column");

          if (budget_xml_is_element (cell, "label"))
            {
              row.cells[index].kind = BUDGET_CELL_DEF_LABEL;
              row.cells[index].text = budget_xml_content (cell);
            }
          else if (budget_xml_is_element (cell, "cell"))
            {
              g_autofree char *formula = budget_xml_prop (cell, "formula");

              if (formula != NULL)
                {
                  g_autoptr(GError) local_error = NULL;

                  row.cells[index].kind = BUDGET_CELL_DEF_FORMULA;
                  row.cells[index].formula = budget_formula_parse (formula, &local_error);
                  if (row.cells[index].formula == NULL)
                    return invalid (error, name, cell, local_error->message);
                }
              else if (prop_bool (cell, "entered", FALSE))
                row.cells[index].kind = BUDGET_CELL_DEF_ENTERED;
            }
        }
    }

  return TRUE;
}

/**
 * budget_form_def_new_from_bytes:
 * @bytes: the XML definition
 * @name: the file name, for messages
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the definition, or %NULL with @error set
 */
BudgetFormDef *
budget_form_def_new_from_bytes (GBytes      *bytes,
                                const char  *name,
                                GError     **error)
{
  g_autoptr(BudgetFormDef) self = g_object_new (BUDGET_TYPE_FORM_DEF, NULL);
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);
  xmlDoc *doc;
  xmlNode *root;
  g_autofree char *kind = NULL;
  g_autofree char *orientation = NULL;
  GPtrArray *notes = g_ptr_array_new ();
  gboolean ok = TRUE;

  doc = xmlReadMemory (data, (int) size, name, "UTF-8", XML_PARSE_NONET | XML_PARSE_NOBLANKS);
  if (doc == NULL)
    {
      g_ptr_array_free (notes, TRUE);
      g_set_error (error, BUDGET_FORM_DEF_ERROR, BUDGET_FORM_DEF_ERROR_INVALID,
                   "%s: not well-formed XML", name);
      return NULL;
    }

  root = xmlDocGetRootElement (doc);
  if (root == NULL || !budget_xml_is_element (root, "form"))
    {
      ok = invalid (error, name, root, "the root element must be <form>");
      goto out;
    }

  self->id = budget_xml_prop (root, "id");
  kind = budget_xml_prop (root, "kind");
  self->group = budget_xml_prop (root, "group");
  self->published = prop_bool (root, "published", TRUE);
  orientation = budget_xml_prop (root, "orientation");
  self->landscape = orientation != NULL && g_str_equal (orientation, "landscape");

  if (self->id == NULL || kind == NULL)
    {
      ok = invalid (error, name, root, "a form needs an id and a kind");
      goto out;
    }
  if (g_str_equal (kind, "fixed"))
    self->kind = BUDGET_FORM_KIND_FIXED;
  else if (g_str_equal (kind, "coded"))
    self->kind = BUDGET_FORM_KIND_CODED;
  else if (g_str_equal (kind, "list"))
    self->kind = BUDGET_FORM_KIND_LIST;
  else if (g_str_equal (kind, "performance"))
    self->kind = BUDGET_FORM_KIND_PERFORMANCE;
  else if (g_str_equal (kind, "text"))
    self->kind = BUDGET_FORM_KIND_TEXT;
  else
    {
      ok = invalid (error, name, root, "unknown form kind");
      goto out;
    }
  self->serial = prop_bool (root, "serial",
                            self->kind == BUDGET_FORM_KIND_FIXED || self->kind == BUDGET_FORM_KIND_CODED);
  if (self->group == NULL)
    self->group = g_strdup ("tables");

  for (xmlNode *child = root->children; child != NULL && ok; child = child->next)
    {
      if (child->type != XML_ELEMENT_NODE)
        continue;

      if (budget_xml_is_element (child, "title"))
        self->title = budget_xml_content (child);
      else if (budget_xml_is_element (child, "short-title"))
        self->short_title = budget_xml_content (child);
      else if (budget_xml_is_element (child, "subtitle"))
        self->subtitle = budget_xml_content (child);
      else if (budget_xml_is_element (child, "default-text"))
        self->default_text = budget_xml_content (child);
      else if (budget_xml_is_element (child, "goal-label"))
        self->goal_label = budget_xml_content (child);
      else if (budget_xml_is_element (child, "part-title"))
        self->part_title = budget_xml_content (child);
      else if (budget_xml_is_element (child, "empty-note"))
        self->empty_note = budget_xml_content (child);
      else if (budget_xml_is_element (child, "note"))
        g_ptr_array_add (notes, budget_xml_content (child));
      else if (budget_xml_is_element (child, "meta"))
        {
          g_autofree char *style = budget_xml_prop (child, "style");

          if (style == NULL || g_str_equal (style, "standard"))
            self->meta_style = BUDGET_META_STANDARD;
          else if (g_str_equal (style, "procurement"))
            self->meta_style = BUDGET_META_PROCUREMENT;
          else if (g_str_equal (style, "assets"))
            self->meta_style = BUDGET_META_ASSETS;
          else
            self->meta_style = BUDGET_META_NONE;
        }
      else if (budget_xml_is_element (child, "header"))
        {
          self->n_header_rows = prop_uint (child, "rows", 1);
          for (xmlNode *cell = child->children; cell != NULL; cell = cell->next)
            {
              BudgetHeaderCell header = { 0 };

              if (!budget_xml_is_element (cell, "cell"))
                continue;
              header.row = prop_uint (cell, "row", 0);
              header.col = prop_uint (cell, "col", 0);
              header.row_span = prop_uint (cell, "rowspan", 1);
              header.col_span = prop_uint (cell, "colspan", 1);
              header.text = budget_xml_content (cell);
              g_array_append_val (self->header, header);
            }
        }
      else if (budget_xml_is_element (child, "columns"))
        ok = parse_columns (self, child, name, error);
      else if (budget_xml_is_element (child, "rows"))
        {
          g_autofree char *sources = budget_xml_prop (child, "sources");

          self->catalog = budget_xml_prop (child, "catalog");
          self->total_label = budget_xml_prop (child, "total");
          self->own_rows = prop_bool (child, "own", self->kind != BUDGET_FORM_KIND_FIXED);
          self->min_rows = prop_uint (child, "min", 0);
          self->sources = sources != NULL ? g_strsplit_set (g_strstrip (sources), " ", -1)
                                          : g_new0 (char *, 1);
          if (self->kind == BUDGET_FORM_KIND_FIXED)
            ok = parse_fixed_rows (self, child, name, error);
        }
    }

  if (ok && self->kind == BUDGET_FORM_KIND_CODED && self->catalog == NULL)
    ok = invalid (error, name, root, "a coded form needs a catalog");

out:
  g_ptr_array_add (notes, NULL);
  self->notes = (GStrv) g_ptr_array_free (notes, FALSE);
  if (self->sources == NULL)
    self->sources = g_new0 (char *, 1);
  if (self->title == NULL)
    self->title = g_strdup (self->id != NULL ? self->id : "");
  if (self->short_title == NULL)
    self->short_title = g_strdup (self->title);
  xmlFreeDoc (doc);

  return ok ? g_steal_pointer (&self) : NULL;
}

static GPtrArray *all_defs;

static gpointer
load_all (gpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) index = NULL;
  GPtrArray *defs = g_ptr_array_new_with_free_func (g_object_unref);
  xmlDoc *doc;

  budget_core_init ();
  index = g_resources_lookup_data (RESOURCE_FORMS "forms.xml", 0, &error);
  if (index == NULL)
    g_error ("The form definitions are missing from the resources: %s", error->message);

  doc = xmlReadMemory (g_bytes_get_data (index, NULL), (int) g_bytes_get_size (index),
                       "forms.xml", "UTF-8", XML_PARSE_NONET | XML_PARSE_NOBLANKS);
  for (xmlNode *node = doc != NULL ? xmlDocGetRootElement (doc)->children : NULL; node; node = node->next)
    {
      g_autofree char *id = NULL;
      g_autofree char *path = NULL;
      g_autoptr(GBytes) bytes = NULL;
      BudgetFormDef *def;

      if (!budget_xml_is_element (node, "form"))
        continue;
      id = budget_xml_prop (node, "id");
      path = g_strconcat (RESOURCE_FORMS, id, ".xml", NULL);
      bytes = g_resources_lookup_data (path, 0, &error);
      if (bytes == NULL)
        g_error ("Form definition %s is missing: %s", id, error->message);
      def = budget_form_def_new_from_bytes (bytes, path, &error);
      if (def == NULL)
        g_error ("Form definition %s is invalid: %s", id, error->message);
      g_ptr_array_add (defs, def);
    }
  xmlFreeDoc (doc);

  return defs;
}

/**
 * budget_form_defs_get_all:
 *
 * Returns: (transfer none) (element-type BudgetFormDef): every form definition, in document order.
 * The bundled definitions are part of the program, so a broken one is a fatal error.
 */
GPtrArray *
budget_form_defs_get_all (void)
{
  static GOnce once = G_ONCE_INIT;

  all_defs = g_once (&once, load_all, NULL);
  return all_defs;
}

BudgetFormDef *
budget_form_defs_lookup (const char *id)
{
  GPtrArray *defs = budget_form_defs_get_all ();

  for (guint i = 0; i < defs->len; i++)
    {
      BudgetFormDef *def = g_ptr_array_index (defs, i);

      if (g_str_equal (def->id, id))
        return def;
    }
  return NULL;
}

const char *budget_form_def_get_id (BudgetFormDef *self) { return self->id; }
BudgetFormKind budget_form_def_get_kind (BudgetFormDef *self) { return self->kind; }
const char *budget_form_def_get_title (BudgetFormDef *self) { return self->title; }
const char *budget_form_def_get_short_title (BudgetFormDef *self) { return self->short_title; }
const char *budget_form_def_get_subtitle (BudgetFormDef *self) { return self->subtitle; }
const char *budget_form_def_get_default_text (BudgetFormDef *self) { return self->default_text; }
const char *budget_form_def_get_group (BudgetFormDef *self) { return self->group; }
gboolean budget_form_def_is_published (BudgetFormDef *self) { return self->published; }
gboolean budget_form_def_has_serial (BudgetFormDef *self) { return self->serial; }
gboolean budget_form_def_is_landscape (BudgetFormDef *self) { return self->landscape; }
BudgetMetaStyle budget_form_def_get_meta_style (BudgetFormDef *self) { return self->meta_style; }
guint budget_form_def_get_n_header_rows (BudgetFormDef *self) { return self->n_header_rows; }
guint budget_form_def_get_n_header_cells (BudgetFormDef *self) { return self->header->len; }
gboolean budget_form_def_has_column_numbers (BudgetFormDef *self) { return self->column_numbers; }
guint budget_form_def_get_n_columns (BudgetFormDef *self) { return self->columns->len; }
const char *budget_form_def_get_catalog (BudgetFormDef *self) { return self->catalog; }
const char *budget_form_def_get_total_label (BudgetFormDef *self) { return self->total_label; }
gboolean budget_form_def_has_own_rows (BudgetFormDef *self) { return self->own_rows; }
const char * const *budget_form_def_get_sources (BudgetFormDef *self) { return (const char * const *) self->sources; }
guint budget_form_def_get_min_rows (BudgetFormDef *self) { return self->min_rows; }
guint budget_form_def_get_n_fixed_rows (BudgetFormDef *self) { return self->fixed_rows->len; }
const char *budget_form_def_get_empty_note (BudgetFormDef *self) { return self->empty_note; }
const char * const *budget_form_def_get_notes (BudgetFormDef *self) { return (const char * const *) self->notes; }
const char *budget_form_def_get_goal_label (BudgetFormDef *self) { return self->goal_label; }
const char *budget_form_def_get_part_title (BudgetFormDef *self) { return self->part_title; }

const BudgetHeaderCell *
budget_form_def_get_header_cell (BudgetFormDef *self,
                                 guint          index)
{
  g_return_val_if_fail (index < self->header->len, NULL);
  return &g_array_index (self->header, BudgetHeaderCell, index);
}

const BudgetColumnDef *
budget_form_def_get_column (BudgetFormDef *self,
                            guint          index)
{
  g_return_val_if_fail (index < self->columns->len, NULL);
  return &g_array_index (self->columns, BudgetColumnDef, index);
}

/**
 * budget_form_def_find_column:
 * @self: a form definition
 * @id: a column id
 *
 * Returns: the index of the column, or -1
 */
int
budget_form_def_find_column (BudgetFormDef *self,
                             const char    *id)
{
  for (guint i = 0; i < self->columns->len; i++)
    if (g_str_equal (g_array_index (self->columns, BudgetColumnDef, i).id, id))
      return (int) i;
  return -1;
}

const BudgetRowDef *
budget_form_def_get_fixed_row (BudgetFormDef *self,
                               guint          index)
{
  g_return_val_if_fail (index < self->fixed_rows->len, NULL);
  return &g_array_index (self->fixed_rows, BudgetRowDef, index);
}

int
budget_form_def_find_fixed_row (BudgetFormDef *self,
                                const char    *id)
{
  for (guint i = 0; i < self->fixed_rows->len; i++)
    if (g_str_equal (g_array_index (self->fixed_rows, BudgetRowDef, i).id, id))
      return (int) i;
  return -1;
}
