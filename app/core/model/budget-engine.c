/* budget-engine.c: the recomputation engine of a document.
 *
 * Data model (doc/form-definitions.md): officers type detail figures (T5/T7/T8 by fund, NF for other
 * money, T2's non-appropriation income, T6, T9 …); every summary figure is derived by the formulas of the
 * form definitions. The engine resolves those formulas once into terms that point at forms and columns,
 * ranks every (form, column) node topologically, and on an edit walks only the cells that depend on the
 * changed one, in rank order, with a priority queue. Structural edits (a code row added or removed) are
 * followed by one ranked pass over the document.
 */

#include "config.h"

#include <string.h>

#include "model/budget-engine.h"

struct _BudgetEngine
{
  GPtrArray   *forms;          /* borrowed: the document's forms, in document order */
  GHashTable  *form_by_id;     /* borrowed */
  GHashTable  *explicit_deps;  /* "form\x1fkey\x1fcol" → GArray of ExplicitDep */
  GPtrArray   *ranked_nodes;   /* RankedNode, in topological order */
  guint64      recompute_count;
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

static void
explicit_deps_free (gpointer data)
{
  g_array_unref (data);
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
add_explicit_dep (BudgetEngine   *self,
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
resolve (BudgetEngine    *self,
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
resolve_form (BudgetEngine   *self,
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

void
budget_engine_resolve (BudgetEngine   *self)
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
/* Recomputation                                                                                     */

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
      /* Saturate rather than wrap: an absurd total stays absurd and the checks report it. */
      sum = budget_amount_add_saturating (sum, value);
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
          sum = budget_amount_add_saturating (sum, ((BudgetRow *) g_ptr_array_index (row->children, i))->values[col]);
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
update_cell (BudgetEngine   *self,
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
void
budget_engine_recompute_all (BudgetEngine   *self,
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
push_dependents (BudgetEngine   *self,
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
void
budget_engine_recompute_from (BudgetEngine   *self,
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


/**
 * budget_engine_new:
 * @forms: the document's forms (borrowed; the engine follows additions and removals)
 * @form_by_id: the document's forms by id (borrowed)
 *
 * Returns: (transfer full): an engine; budget_engine_resolve() readies it
 */
BudgetEngine *
budget_engine_new (GPtrArray  *forms,
                   GHashTable *form_by_id)
{
  BudgetEngine *self = g_new0 (BudgetEngine, 1);

  self->forms = forms;
  self->form_by_id = form_by_id;
  self->explicit_deps = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, explicit_deps_free);
  self->ranked_nodes = g_ptr_array_new_with_free_func (g_free);
  return self;
}

void
budget_engine_free (BudgetEngine *self)
{
  g_hash_table_unref (self->explicit_deps);
  g_ptr_array_unref (self->ranked_nodes);
  g_free (self);
}

/**
 * budget_engine_add_performance_form:
 * @self: an engine
 * @form: a performance table just added
 *
 * Performance tables are lists of entered cells that nothing else reads: they get empty engine data
 * instead of a new ranking.
 */
void
budget_engine_add_performance_form (BudgetEngine *self,
                                    BudgetForm   *form)
{
  setup_engine_arrays (form);
  ENGINE (form)->col_exprs = g_new0 (BudgetExpr *, MAX (budget_form_get_n_columns (form), 1));
}

guint64
budget_engine_get_recompute_count (BudgetEngine *self)
{
  return self->recompute_count;
}
