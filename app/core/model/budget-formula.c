/* budget-formula.c: parser of form-definition formulas */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "model/budget-formula.h"
#include "model/budget-form-def.h"

struct _BudgetFormula
{
  gatomicrefcount    ref_count;
  char              *text;
  GArray            *terms;  /* BudgetFormulaTerm */
};

G_DEFINE_BOXED_TYPE (BudgetFormula, budget_formula, budget_formula_ref, budget_formula_unref)

static void
clear_term (gpointer data)
{
  BudgetFormulaTerm *term = data;

  g_free (term->form);
  g_free (term->key);
  g_free (term->key_end);
  g_free (term->column);
}

static gboolean
is_ident_char (char c)
{
  return g_ascii_isalnum (c) || c == '_';
}

static char *
read_ident (const char **p)
{
  const char *start = *p;

  while (is_ident_char (**p))
    (*p)++;
  if (*p == start)
    return NULL;
  return g_strndup (start, *p - start);
}

static char *
read_key (const char **p)
{
  const char *start = *p;

  while (**p != '\0' && **p != ']' && **p != ':' && !g_ascii_isspace (**p))
    (*p)++;
  if (*p == start)
    return NULL;
  return g_strndup (start, *p - start);
}

static void
skip_spaces (const char **p)
{
  while (g_ascii_isspace (**p))
    (*p)++;
}

static gboolean
syntax_error (GError     **error,
              const char  *text,
              const char  *at,
              const char  *what)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);

  g_set_error (error, BUDGET_FORM_DEF_ERROR, BUDGET_FORM_DEF_ERROR_FORMULA,
               _("Formula “%s”, position %d: %s"), valid, (int) (at - text) + 1, what);
  return FALSE;
}

/**
 * budget_formula_parse:
 * @text: the formula
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the parsed formula, or %NULL with @error set
 */
BudgetFormula *
budget_formula_parse (const char  *text,
                      GError     **error)
{
  g_autoptr(BudgetFormula) formula = g_new0 (BudgetFormula, 1);
  const char *p = text;
  int sign = 1;

  g_atomic_ref_count_init (&formula->ref_count);
  formula->text = g_strdup (text);
  formula->terms = g_array_new (FALSE, TRUE, sizeof (BudgetFormulaTerm));
  g_array_set_clear_func (formula->terms, clear_term);

  skip_spaces (&p);
  if (*p == '-')
    {
      sign = -1;
      p++;
    }

  for (;;)
    {
      BudgetFormulaTerm term = { sign, NULL, NULL, NULL, NULL };

      skip_spaces (&p);
      if (g_ascii_isupper (*p))
        {
          term.form = read_ident (&p);
          if (*p != '[' && *p != '.')
            {
              clear_term (&term);
              return syntax_error (error, text, p, _("a form id must be followed by “[” or “.”")), NULL;
            }
        }
      if (*p == '[')
        {
          p++;
          term.key = read_key (&p);
          if (term.key == NULL)
            {
              clear_term (&term);
              return syntax_error (error, text, p, _("missing row key")), NULL;
            }
          if (*p == ':')
            {
              p++;
              term.key_end = read_key (&p);
              if (term.key_end == NULL)
                {
                  clear_term (&term);
                  return syntax_error (error, text, p, _("missing end of range")), NULL;
                }
            }
          if (*p != ']')
            {
              clear_term (&term);
              return syntax_error (error, text, p, _("expected “]”")), NULL;
            }
          p++;
        }
      if (*p == '.')
        {
          p++;
          term.column = read_ident (&p);
          if (term.column == NULL)
            {
              clear_term (&term);
              return syntax_error (error, text, p, _("missing column after “.”")), NULL;
            }
        }
      else if (term.form == NULL && term.key == NULL)
        {
          term.column = read_ident (&p);
          if (term.column == NULL || !g_ascii_islower (term.column[0]))
            {
              clear_term (&term);
              return syntax_error (error, text, p, _("expected a column, a row or a form")), NULL;
            }
        }
      else if (term.form != NULL && term.key == NULL)
        {
          clear_term (&term);
          return syntax_error (error, text, p, _("a reference to another form needs a column")), NULL;
        }

      g_array_append_val (formula->terms, term);

      skip_spaces (&p);
      if (*p == '\0')
        break;
      if (*p == '+')
        sign = 1;
      else if (*p == '-')
        sign = -1;
      else
        return syntax_error (error, text, p, _("expected “+” or “-”")), NULL;
      p++;
    }

  return g_steal_pointer (&formula);
}

BudgetFormula *
budget_formula_ref (BudgetFormula *formula)
{
  g_atomic_ref_count_inc (&formula->ref_count);
  return formula;
}

void
budget_formula_unref (BudgetFormula *formula)
{
  if (g_atomic_ref_count_dec (&formula->ref_count))
    {
      g_array_unref (formula->terms);
      g_free (formula->text);
      g_free (formula);
    }
}

const char *
budget_formula_get_text (BudgetFormula *formula)
{
  return formula->text;
}

guint
budget_formula_get_n_terms (BudgetFormula *formula)
{
  return formula->terms->len;
}

const BudgetFormulaTerm *
budget_formula_get_term (BudgetFormula *formula,
                         guint          index)
{
  g_return_val_if_fail (index < formula->terms->len, NULL);
  return &g_array_index (formula->terms, BudgetFormulaTerm, index);
}
