/* budget-document.c: the document model and its recomputation engine
 *
 * Data model (doc/form-definitions.md): officers type detail figures (T5/T7/T8 by fund, NF for other
 * money, T2's non-appropriation income, T6, T9 …); every summary figure is derived by the formulas of the
 * form definitions. The engine resolves those formulas once into terms that point at forms and columns,
 * ranks every (form, column) node topologically, and on an edit walks only the cells that depend on the
 * changed one, in rank order, with a priority queue. Structural edits (a code row added or removed)
 * rebuild the row sets of the coded forms concerned and recompute the document in one ranked pass.
 */

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <gio/gio.h>

#include "model/budget-catalog.h"
#include "model/budget-document-private.h"
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
  guint64          recompute_count;
  guint64          change_serial;   /* counts applied commands and loads: caches derived from the content */

  GHashTable      *explicit_deps;  /* "form\x1fkey\x1fcol" → GArray of ExplicitDep */
  GPtrArray       *ranked_nodes;   /* RankedNode, in topological order */
  gboolean         loading;
  BudgetChange    *change;         /* between begin_change and end_change */
};

typedef struct
{
  BudgetForm *form;
  const char *key;   /* interned */
  guint       col;
} ExplicitDep;

typedef struct
{
  BudgetForm *form;
  int         col;   /* -1: a whole fixed form */
} RankedNode;

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
  g_hash_table_unref (self->explicit_deps);
  g_ptr_array_unref (self->ranked_nodes);
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
explicit_deps_free (gpointer data)
{
  g_array_unref (data);
}

static void
budget_document_init (BudgetDocument *self)
{
  self->forms = g_ptr_array_new_with_free_func (g_object_unref);
  self->form_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->meta = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->explicit_deps = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, explicit_deps_free);
  self->ranked_nodes = g_ptr_array_new_with_free_func (g_free);
}

/* A resolved formula term. */
typedef enum
{
  BUDGET_TERM_SAME_ROW,   /* this row, another column */
  BUDGET_TERM_KEY,        /* a given row of a form */
  BUDGET_TERM_SAME_KEY,   /* the row with the same key in another form */
} BudgetTermKind;

typedef struct
{
  gint8           sign;
  BudgetTermKind  kind;
  BudgetForm     *form;
  const char     *key;    /* interned */
  guint           col;
} BudgetTerm;

typedef struct
{
  guint       n_terms;
  BudgetTerm  terms[];
} BudgetExpr;

typedef struct
{
  BudgetForm *form;
  guint       col;
} BudgetColRef;

/* What the engine keeps per form: resolved formulas, ranks and dependants. */
typedef struct
{
  guint         n_cols;
  guint         n_cells;       /* fixed forms: rows × columns */
  BudgetExpr  **col_exprs;     /* coded and list forms: per column, NULL when entered */
  BudgetExpr  **cell_exprs;    /* fixed forms: per row × column */
  guint        *cell_order;    /* fixed forms: topological rank of each cell within the form */
  guint        *node_rank;     /* per column (fixed forms: the same rank for all) */
  GArray      **col_dependents;      /* per column: guint columns computed from it on the same row */
  GArray      **same_key_dependents; /* per column: BudgetColRef computed from it on the same key */
} FormEngine;

static void
form_engine_free (gpointer data)
{
  FormEngine *engine = data;

  for (guint i = 0; engine->col_exprs != NULL && i < engine->n_cols; i++)
    g_free (engine->col_exprs[i]);
  for (guint i = 0; engine->cell_exprs != NULL && i < engine->n_cells; i++)
    g_free (engine->cell_exprs[i]);
  for (guint i = 0; engine->col_dependents != NULL && i < engine->n_cols; i++)
    {
      g_array_unref (engine->col_dependents[i]);
      g_array_unref (engine->same_key_dependents[i]);
    }
  g_free (engine->col_exprs);
  g_free (engine->cell_exprs);
  g_free (engine->cell_order);
  g_free (engine->node_rank);
  g_free (engine->col_dependents);
  g_free (engine->same_key_dependents);
  g_free (engine);
}

static inline FormEngine *
ENGINE (BudgetForm *form)
{
  return budget_form_get_engine (form);
}

/* ------------------------------------------------------------------------------------------------ */
/* Formula resolution and ranking                                                                    */

static char *
explicit_key (BudgetForm *form,
              const char *key,
              guint       col)
{
  return g_strdup_printf ("%s\x1f%s\x1f%u", budget_form_get_id (form), key, col);
}

static void
add_explicit_dep (BudgetDocument *self,
                  BudgetForm     *source,
                  const char     *source_key,
                  guint           source_col,
                  BudgetForm     *target,
                  const char     *target_key,
                  guint           target_col)
{
  char *key = explicit_key (source, source_key, source_col);
  GArray *deps = g_hash_table_lookup (self->explicit_deps, key);
  ExplicitDep dep = { target, g_intern_string (target_key), target_col };

  if (deps == NULL)
    {
      deps = g_array_new (FALSE, FALSE, sizeof (ExplicitDep));
      g_hash_table_insert (self->explicit_deps, key, deps);
    }
  else
    g_free (key);
  g_array_append_val (deps, dep);
}

/* Resolves @formula of @form's column @col (and, in a fixed form, of row @row_key). */
static BudgetExpr *
resolve (BudgetDocument  *self,
         BudgetForm      *form,
         guint            col,
         const char      *row_key,
         BudgetFormula   *formula)
{
  GArray *terms = g_array_new (FALSE, TRUE, sizeof (BudgetTerm));
  BudgetExpr *expr;
  gboolean fixed = budget_form_get_kind (form) == BUDGET_FORM_KIND_FIXED;

  for (guint i = 0; i < budget_formula_get_n_terms (formula); i++)
    {
      const BudgetFormulaTerm *t = budget_formula_get_term (formula, i);
      BudgetForm *target = t->form != NULL ? g_hash_table_lookup (self->form_by_id, t->form) : form;
      BudgetTerm term = { (gint8) t->sign, BUDGET_TERM_SAME_ROW, target, NULL, col };
      int target_col;

      if (target == NULL)
        g_error ("Form %s: formula “%s” refers to the unknown form %s",
                 budget_form_get_id (form), budget_formula_get_text (formula), t->form);
      target_col = t->column != NULL ? budget_form_def_find_column (budget_form_get_def (target), t->column) : (int) col;
      if (target_col < 0)
        g_error ("Form %s: formula “%s” refers to the unknown column %s",
                 budget_form_get_id (form), budget_formula_get_text (formula), t->column);
      term.col = (guint) target_col;

      if (t->key != NULL && t->key_end != NULL)
        {
          int first = budget_form_def_find_fixed_row (budget_form_get_def (target), t->key);
          int last = budget_form_def_find_fixed_row (budget_form_get_def (target), t->key_end);

          if (first < 0 || last < first)
            g_error ("Form %s: bad row range in “%s”", budget_form_get_id (form), budget_formula_get_text (formula));
          for (int r = first; r <= last; r++)
            {
              term.kind = BUDGET_TERM_KEY;
              term.key = g_intern_string (budget_form_def_get_fixed_row (budget_form_get_def (target), r)->id);
              g_array_append_val (terms, term);
            }
          continue;
        }
      if (t->key != NULL)
        {
          term.kind = BUDGET_TERM_KEY;
          term.key = g_intern_string (t->key);
        }
      else if (t->form != NULL)
        term.kind = BUDGET_TERM_SAME_KEY;
      else if (fixed)
        {
          term.kind = BUDGET_TERM_KEY;
          term.key = g_intern_string (row_key);
        }
      else
        term.kind = BUDGET_TERM_SAME_ROW;

      if (!fixed && term.kind == BUDGET_TERM_KEY)
        g_error ("Form %s: row references are only allowed in fixed forms (“%s”)",
                 budget_form_get_id (form), budget_formula_get_text (formula));
      if (fixed && term.kind == BUDGET_TERM_SAME_KEY)
        g_error ("Form %s: “%s” needs a row key", budget_form_get_id (form), budget_formula_get_text (formula));
      g_array_append_val (terms, term);
    }

  expr = g_malloc0 (sizeof (BudgetExpr) + terms->len * sizeof (BudgetTerm));
  expr->n_terms = terms->len;
  memcpy (expr->terms, terms->data, terms->len * sizeof (BudgetTerm));
  g_array_unref (terms);
  return expr;
}

typedef struct
{
  GHashTable *index;   /* "form\x1fcol" → node number */
  GPtrArray  *nodes;   /* RankedNode */
  GPtrArray  *edges;   /* per node: GArray of guint successors */
} Graph;

static guint
graph_node (Graph      *graph,
            BudgetForm *form,
            int         col)
{
  g_autofree char *key = NULL;
  gpointer found;
  RankedNode *node;

  if (budget_form_get_kind (form) == BUDGET_FORM_KIND_FIXED)
    col = -1;
  key = g_strdup_printf ("%s\x1f%d", budget_form_get_id (form), col);
  if (g_hash_table_lookup_extended (graph->index, key, NULL, &found))
    return GPOINTER_TO_UINT (found);

  node = g_new0 (RankedNode, 1);
  node->form = form;
  node->col = col;
  g_ptr_array_add (graph->nodes, node);
  g_ptr_array_add (graph->edges, g_array_new (FALSE, FALSE, sizeof (guint)));
  g_hash_table_insert (graph->index, g_steal_pointer (&key), GUINT_TO_POINTER (graph->nodes->len - 1));
  return graph->nodes->len - 1;
}

static void
graph_edge (Graph      *graph,
            BudgetForm *from_form,
            guint       from_col,
            BudgetForm *to_form,
            guint       to_col)
{
  guint from = graph_node (graph, from_form, (int) from_col);
  guint to = graph_node (graph, to_form, (int) to_col);

  if (from != to)
    g_array_append_val (g_ptr_array_index (graph->edges, from), to);
}

static void
add_expr_edges (Graph      *graph,
                BudgetForm *form,
                guint       col,
                BudgetExpr *expr)
{
  for (guint t = 0; t < expr->n_terms; t++)
    graph_edge (graph, expr->terms[t].form, expr->terms[t].col, form, col);
}

/* Orders the cells of a fixed form so that every cell comes after the cells of the same form it reads. */
static void
order_fixed_cells (BudgetForm *form)
{
  guint n_rows = budget_form_get_n_rows (form);
  guint n = n_rows * budget_form_get_n_columns (form);
  guint8 *state = g_new0 (guint8, n);
  guint next = 0;
  GArray *stack = g_array_new (FALSE, FALSE, sizeof (guint));

  ENGINE (form)->cell_order = g_new0 (guint, n);
  for (guint start = 0; start < n; start++)
    {
      if (state[start] != 0)
        continue;
      g_array_append_val (stack, start);
      while (stack->len > 0)
        {
          guint cell = g_array_index (stack, guint, stack->len - 1);
          BudgetExpr *expr = ENGINE (form)->cell_exprs[cell];
          gboolean pushed = FALSE;

          if (state[cell] == 0)
            state[cell] = 1;
          for (guint t = 0; expr != NULL && t < expr->n_terms && !pushed; t++)
            {
              BudgetRow *row;
              guint dep;

              if (expr->terms[t].form != form)
                continue;
              row = budget_form_lookup_row (form, expr->terms[t].key);
              if (row == NULL)
                g_error ("Form %s: unknown row %s", budget_form_get_id (form), expr->terms[t].key);
              dep = row->index * budget_form_get_n_columns (form) + expr->terms[t].col;
              if (state[dep] == 1)
                g_error ("Form %s: circular formula at row %s", budget_form_get_id (form), row->key);
              if (state[dep] == 0)
                {
                  g_array_append_val (stack, dep);
                  pushed = TRUE;
                }
            }
          if (!pushed)
            {
              state[cell] = 2;
              ENGINE (form)->cell_order[cell] = next++;
              g_array_set_size (stack, stack->len - 1);
            }
        }
    }
  g_array_unref (stack);
  g_free (state);
}

static void
resolve_form (BudgetDocument *self,
              BudgetForm     *form,
              Graph          *graph)
{
  BudgetFormDef *def = budget_form_get_def (form);

  if (budget_form_def_get_kind (def) == BUDGET_FORM_KIND_FIXED)
    {
      guint n_rows = budget_form_def_get_n_fixed_rows (def);

      ENGINE (form)->cell_exprs = g_new0 (BudgetExpr *, n_rows * budget_form_get_n_columns (form));
      graph_node (graph, form, -1);
      for (guint r = 0; r < n_rows; r++)
        {
          const BudgetRowDef *row = budget_form_def_get_fixed_row (def, r);

          for (guint c = 0; c < budget_form_get_n_columns (form); c++)
            {
              BudgetExpr *expr;

              if (row->cells[c].kind != BUDGET_CELL_DEF_FORMULA)
                continue;
              expr = resolve (self, form, c, row->id, row->cells[c].formula);
              ENGINE (form)->cell_exprs[r * budget_form_get_n_columns (form) + c] = expr;
              for (guint t = 0; t < expr->n_terms; t++)
                add_explicit_dep (self, expr->terms[t].form, expr->terms[t].key, expr->terms[t].col,
                                  form, row->id, c);
              add_expr_edges (graph, form, c, expr);
            }
        }
      return;
    }

  ENGINE (form)->col_exprs = g_new0 (BudgetExpr *, MAX (budget_form_get_n_columns (form), 1));
  for (guint c = 0; c < budget_form_get_n_columns (form); c++)
    {
      const BudgetColumnDef *column = budget_form_def_get_column (def, c);
      BudgetExpr *expr;

      if (column->type == BUDGET_COLUMN_AMOUNT || column->type == BUDGET_COLUMN_QUANTITY)
        graph_node (graph, form, (int) c);
      if (column->formula == NULL)
        continue;
      expr = resolve (self, form, c, NULL, column->formula);
      ENGINE (form)->col_exprs[c] = expr;
      for (guint t = 0; t < expr->n_terms; t++)
        {
          BudgetTerm *term = &expr->terms[t];

          if (term->kind == BUDGET_TERM_SAME_ROW)
            g_array_append_val (ENGINE (term->form)->col_dependents[term->col], c);
          else if (term->kind == BUDGET_TERM_SAME_KEY)
            {
              BudgetColRef ref = { form, c };

              /* The target's arrays exist once every form is set up; see resolve_all. */
              g_array_append_val (ENGINE (term->form)->same_key_dependents[term->col], ref);
            }
        }
      add_expr_edges (graph, form, c, expr);
    }
}

static void
setup_engine_arrays (BudgetForm *form)
{
  FormEngine *engine = g_new0 (FormEngine, 1);

  engine->n_cols = budget_form_get_n_columns (form);
  if (budget_form_get_kind (form) == BUDGET_FORM_KIND_FIXED)
    engine->n_cells = budget_form_get_n_columns (form) * budget_form_def_get_n_fixed_rows (budget_form_get_def (form));
  budget_form_set_engine (form, engine, form_engine_free);

  ENGINE (form)->col_dependents = g_new0 (GArray *, MAX (budget_form_get_n_columns (form), 1));
  ENGINE (form)->same_key_dependents = g_new0 (GArray *, MAX (budget_form_get_n_columns (form), 1));
  ENGINE (form)->node_rank = g_new0 (guint, MAX (budget_form_get_n_columns (form), 1));
  for (guint c = 0; c < budget_form_get_n_columns (form); c++)
    {
      ENGINE (form)->col_dependents[c] = g_array_new (FALSE, FALSE, sizeof (guint));
      ENGINE (form)->same_key_dependents[c] = g_array_new (FALSE, FALSE, sizeof (BudgetColRef));
    }
}

static void
resolve_all (BudgetDocument *self)
{
  Graph graph;
  guint n;
  guint *in_degree;
  GQueue ready = G_QUEUE_INIT;
  guint ranked = 0;

  graph.index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  graph.nodes = g_ptr_array_new ();
  graph.edges = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);

  /* Every form's dependents arrays exist before any formula is resolved, so that a formula may point
   * at a form defined later. */
  for (guint i = 0; i < self->forms->len; i++)
    setup_engine_arrays (g_ptr_array_index (self->forms, i));
  for (guint i = 0; i < self->forms->len; i++)
    resolve_form (self, g_ptr_array_index (self->forms, i), &graph);

  for (guint i = 0; i < self->forms->len; i++)
    {
      BudgetForm *form = g_ptr_array_index (self->forms, i);

      if (budget_form_get_kind (form) == BUDGET_FORM_KIND_FIXED)
        order_fixed_cells (form);
    }

  /* Kahn's algorithm over (form, column) nodes. */
  n = graph.nodes->len;
  in_degree = g_new0 (guint, n);
  for (guint i = 0; i < n; i++)
    {
      GArray *edges = g_ptr_array_index (graph.edges, i);

      for (guint e = 0; e < edges->len; e++)
        in_degree[g_array_index (edges, guint, e)]++;
    }
  for (guint i = 0; i < n; i++)
    if (in_degree[i] == 0)
      g_queue_push_tail (&ready, GUINT_TO_POINTER (i));
  while (!g_queue_is_empty (&ready))
    {
      guint node_index = GPOINTER_TO_UINT (g_queue_pop_head (&ready));
      RankedNode *node = g_ptr_array_index (graph.nodes, node_index);
      GArray *edges = g_ptr_array_index (graph.edges, node_index);
      RankedNode *copy = g_memdup2 (node, sizeof *node);

      if (node->col < 0)
        for (guint c = 0; c < MAX (budget_form_get_n_columns (node->form), 1); c++)
          ENGINE (node->form)->node_rank[c] = ranked;
      else
        ENGINE (node->form)->node_rank[node->col] = ranked;
      g_ptr_array_add (self->ranked_nodes, copy);
      ranked++;
      for (guint e = 0; e < edges->len; e++)
        {
          guint next = g_array_index (edges, guint, e);

          if (--in_degree[next] == 0)
            g_queue_push_tail (&ready, GUINT_TO_POINTER (next));
        }
    }
  if (ranked != n)
    g_error ("The form definitions contain a circular formula");

  g_free (in_degree);
  g_ptr_array_set_free_func (graph.nodes, g_free);
  g_ptr_array_unref (graph.nodes);
  g_ptr_array_unref (graph.edges);
  g_hash_table_unref (graph.index);
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
  resolve_all (self);
  budget_document_recompute_all (self);
  return self;
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

      if (budget_form_get_kind (form) == BUDGET_FORM_KIND_PERFORMANCE)
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
  setup_engine_arrays (form);
  ENGINE (form)->col_exprs = g_new0 (BudgetExpr *, MAX (budget_form_get_n_columns (form), 1));
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

const char *budget_document_get_path (BudgetDocument *self) { return self->path; }
guint budget_document_get_n_forms (BudgetDocument *self) { return self->forms->len; }
GHashTable *budget_document_get_meta_table (BudgetDocument *self) { return self->meta; }
guint64 budget_document_get_recompute_count (BudgetDocument *self) { return self->recompute_count; }
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
/* Recomputation                                                                                     */

static inline gint64
checked_sum (gint64 a,
             gint64 b)
{
  gint64 sum;

  /* Saturate rather than wrap: an absurd total stays absurd and the checks report it. */
  if (__builtin_add_overflow (a, b, &sum))
    return b > 0 ? G_MAXINT64 : G_MININT64;
  return sum;
}

static gint64
eval_expr (BudgetExpr *expr,
           BudgetRow  *row)
{
  gint64 sum = 0;

  for (guint t = 0; t < expr->n_terms; t++)
    {
      const BudgetTerm *term = &expr->terms[t];
      BudgetRow *source;
      gint64 value;

      switch (term->kind)
        {
        case BUDGET_TERM_SAME_ROW:
          source = row;
          break;
        case BUDGET_TERM_KEY:
          source = budget_form_lookup_row (term->form, term->key);
          break;
        case BUDGET_TERM_SAME_KEY:
        default:
          source = budget_form_lookup_row (term->form, row->key);
          break;
        }
      if (source == NULL)
        continue;
      value = source->values[term->col];
      if (term->sign < 0)
        value = value == G_MININT64 ? G_MAXINT64 : -value;
      sum = checked_sum (sum, value);
    }
  return sum;
}

/* Computes one cell from its inputs. Returns FALSE when the cell is not derived. */
static gboolean
compute_cell (BudgetForm *form,
              BudgetRow  *row,
              guint       col,
              gint64     *out)
{
  switch (row->kind)
    {
    case BUDGET_ROW_TOTAL:
    case BUDGET_ROW_PARENT:
      {
        gint64 sum = 0;

        for (guint i = 0; i < row->children->len; i++)
          sum = checked_sum (sum, ((BudgetRow *) g_ptr_array_index (row->children, i))->values[col]);
        *out = sum;
        return TRUE;
      }
    case BUDGET_ROW_FIXED:
      {
        BudgetExpr *expr = ENGINE (form)->cell_exprs[row->index * budget_form_get_n_columns (form) + col];

        if (expr == NULL)
          return FALSE;
        *out = eval_expr (expr, row);
        return TRUE;
      }
    case BUDGET_ROW_LEAF:
    case BUDGET_ROW_LIST:
    default:
      if (ENGINE (form)->col_exprs[col] == NULL)
        return FALSE;
      *out = eval_expr (ENGINE (form)->col_exprs[col], row);
      return TRUE;
    }
}

static gboolean
column_is_numeric (BudgetForm *form,
                   guint       col)
{
  BudgetColumnType type = budget_form_def_get_column (budget_form_get_def (form), col)->type;

  return type == BUDGET_COLUMN_AMOUNT || type == BUDGET_COLUMN_QUANTITY;
}

static void
record_change (GArray     *changes,
               BudgetForm *form,
               BudgetRow  *row,
               guint       col)
{
  BudgetCellRef ref = { form, row->index, col };

  if (changes != NULL)
    g_array_append_val (changes, ref);
}

static void
update_cell (BudgetDocument *self,
             BudgetForm     *form,
             BudgetRow      *row,
             guint           col,
             GArray         *changes)
{
  gint64 value;

  if (compute_cell (form, row, col, &value) && value != row->values[col])
    {
      row->values[col] = value;
      record_change (changes, form, row, col);
    }
  self->recompute_count++;
}

/**
 * budget_document_recompute_all:
 * @self: a document
 *
 * Recomputes every derived cell in dependency order. Used after loading and after structural edits;
 * single-cell edits recompute only their dependents.
 */
static void
recompute_all_into (BudgetDocument *self,
                    GArray         *changes)
{
  for (guint n = 0; n < self->ranked_nodes->len; n++)
    {
      RankedNode *node = g_ptr_array_index (self->ranked_nodes, n);
      BudgetForm *form = node->form;

      if (node->col < 0)
        {
          guint n_cells = budget_form_get_n_rows (form) * budget_form_get_n_columns (form);
          g_autofree guint *order = g_new (guint, n_cells);

          for (guint cell = 0; cell < n_cells; cell++)
            order[ENGINE (form)->cell_order[cell]] = cell;
          for (guint i = 0; i < n_cells; i++)
            {
              BudgetRow *row = budget_form_row_at (form, order[i] / budget_form_get_n_columns (form));

              update_cell (self, form, row, order[i] % budget_form_get_n_columns (form), changes);
            }
          continue;
        }

      if (!column_is_numeric (form, (guint) node->col))
        continue;
      /* Rows are sorted parent-first, so a reverse walk meets children before their parents. */
      for (guint i = budget_form_get_n_rows (form); i > 0; i--)
        update_cell (self, form, budget_form_row_at (form, i - 1), (guint) node->col, changes);
    }
}

void
budget_document_recompute_all (BudgetDocument *self)
{
  recompute_all_into (self, NULL);
}

/* A pending cell of the incremental walk, ordered by (node rank, row rank). */
typedef struct
{
  guint64     priority;
  BudgetForm *form;
  BudgetRow  *row;
  guint       col;
} Pending;

typedef struct
{
  GArray     *heap;     /* Pending */
  GHashTable *queued;   /* Pending key → TRUE */
} Walk;

static guint
pending_hash (gconstpointer key)
{
  const Pending *p = key;

  return g_direct_hash (p->row) ^ (p->col * 2654435761u);
}

static gboolean
pending_equal (gconstpointer a,
               gconstpointer b)
{
  const Pending *pa = a;
  const Pending *pb = b;

  return pa->row == pb->row && pa->col == pb->col;
}

static guint
row_rank (BudgetForm *form,
          BudgetRow  *row,
          guint       col)
{
  switch (row->kind)
    {
    case BUDGET_ROW_FIXED:
      return ENGINE (form)->cell_order[row->index * budget_form_get_n_columns (form) + col];
    case BUDGET_ROW_TOTAL:
      return 4;
    case BUDGET_ROW_PARENT:
    case BUDGET_ROW_LEAF:
      return 4 - MIN (row->level, 3);
    case BUDGET_ROW_LIST:
    default:
      return 0;
    }
}

static void
walk_push (Walk       *walk,
           BudgetForm *form,
           BudgetRow  *row,
           guint       col)
{
  Pending p = { 0 };
  Pending *key;
  guint i;

  if (row == NULL)
    return;
  p.form = form;
  p.row = row;
  p.col = col;
  if (g_hash_table_contains (walk->queued, &p))
    return;
  p.priority = ((guint64) ENGINE (form)->node_rank[col] << 32) | row_rank (form, row, col);
  key = g_memdup2 (&p, sizeof p);
  g_hash_table_add (walk->queued, key);

  g_array_append_val (walk->heap, p);
  i = walk->heap->len - 1;
  while (i > 0)
    {
      guint parent = (i - 1) / 2;
      Pending *a = &g_array_index (walk->heap, Pending, i);
      Pending *b = &g_array_index (walk->heap, Pending, parent);
      Pending tmp;

      if (b->priority <= a->priority)
        break;
      tmp = *a;
      *a = *b;
      *b = tmp;
      i = parent;
    }
}

static gboolean
walk_pop (Walk    *walk,
          Pending *out)
{
  guint n = walk->heap->len;
  guint i = 0;

  if (n == 0)
    return FALSE;
  *out = g_array_index (walk->heap, Pending, 0);
  g_array_index (walk->heap, Pending, 0) = g_array_index (walk->heap, Pending, n - 1);
  g_array_set_size (walk->heap, n - 1);
  n--;
  for (;;)
    {
      guint l = 2 * i + 1;
      guint r = l + 1;
      guint m = i;
      Pending tmp;

      if (l < n && g_array_index (walk->heap, Pending, l).priority < g_array_index (walk->heap, Pending, m).priority)
        m = l;
      if (r < n && g_array_index (walk->heap, Pending, r).priority < g_array_index (walk->heap, Pending, m).priority)
        m = r;
      if (m == i)
        break;
      tmp = g_array_index (walk->heap, Pending, i);
      g_array_index (walk->heap, Pending, i) = g_array_index (walk->heap, Pending, m);
      g_array_index (walk->heap, Pending, m) = tmp;
      i = m;
    }
  g_hash_table_remove (walk->queued, out);
  return TRUE;
}

/* Queues every cell that reads (form, row, col). */
static void
push_dependents (BudgetDocument *self,
                 Walk           *walk,
                 BudgetForm     *form,
                 BudgetRow      *row,
                 guint           col)
{
  g_autofree char *key = NULL;
  GArray *explicit;

  if (row->kind == BUDGET_ROW_LEAF || row->kind == BUDGET_ROW_LIST)
    {
      GArray *cols = ENGINE (form)->col_dependents[col];

      for (guint i = 0; i < cols->len; i++)
        walk_push (walk, form, row, g_array_index (cols, guint, i));
    }
  if (row->kind == BUDGET_ROW_LEAF || row->kind == BUDGET_ROW_PARENT)
    walk_push (walk, form, row->parent, col);

  if (row->kind == BUDGET_ROW_LEAF)
    {
      GArray *targets = ENGINE (form)->same_key_dependents[col];

      for (guint i = 0; i < targets->len; i++)
        {
          BudgetColRef *ref = &g_array_index (targets, BudgetColRef, i);
          BudgetRow *target = budget_form_lookup_row (ref->form, row->key);

          if (target != NULL && target->kind == BUDGET_ROW_LEAF)
            walk_push (walk, ref->form, target, ref->col);
        }
    }

  key = explicit_key (form, row->key, col);
  explicit = g_hash_table_lookup (self->explicit_deps, key);
  for (guint i = 0; explicit != NULL && i < explicit->len; i++)
    {
      ExplicitDep *dep = &g_array_index (explicit, ExplicitDep, i);

      walk_push (walk, dep->form, budget_form_lookup_row (dep->form, dep->key), dep->col);
    }
}

/* Recomputes what depends on the cells in @changed (entered cells that were just set). */
static void
recompute_from (BudgetDocument *self,
                GArray         *changed,
                GArray         *changes)
{
  Walk walk;
  Pending p;
  guint n_entered = changed->len;

  walk.heap = g_array_new (FALSE, FALSE, sizeof (Pending));
  walk.queued = g_hash_table_new_full (pending_hash, pending_equal, g_free, NULL);

  for (guint i = 0; i < n_entered; i++)
    {
      BudgetCellRef *ref = &g_array_index (changed, BudgetCellRef, i);

      push_dependents (self, &walk, ref->form, budget_form_row_at (ref->form, ref->row), ref->col);
    }
  while (walk_pop (&walk, &p))
    {
      gint64 value;

      self->recompute_count++;
      if (!compute_cell (p.form, p.row, p.col, &value) || value == p.row->values[p.col])
        continue;
      p.row->values[p.col] = value;
      record_change (changes, p.form, p.row, p.col);
      push_dependents (self, &walk, p.form, p.row, p.col);
    }

  g_array_unref (walk.heap);
  g_hash_table_unref (walk.queued);
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
  if (change->structure)
    {
      /* Row indices moved: report the rebuilt forms as a whole, and the other changed cells. */
      g_array_set_size (change->changes, 0);
      recompute_all_into (self, change->changes);
    }
  else
    recompute_from (self, change->entered, change->changes);

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
      row = budget_document_add_code_row_internal (self, form, snapshot->key, snapshot->name);
      restore_row (form, row, snapshot);
      rebuild_dependents (self, form);
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
      rebuild_dependents (self, form);
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
  g_return_if_fail (budget_form_get_kind (form) == BUDGET_FORM_KIND_PERFORMANCE);
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
  if (g_str_has_prefix (key, "prior-"))
    {
      gint64 amount;

      if (!budget_amount_parse (value, &amount, error))
        return FALSE;
    }
  return TRUE;
}
