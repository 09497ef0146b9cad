/* budget-cli-check.c: budget-editor --check FILE… [--json]: the consistency checks from the command
 * line, for a finance bureau that checks every department's file before publication.
 *
 * Exit status: 0 when no file has an error finding, 1 when one has, 2 when a file cannot be loaded.
 */

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "budget-cli-check.h"
#include "checks/budget-checker.h"
#include "budget-cli.h"

static void
json_string (GString    *out,
             const char *text)
{
  if (text == NULL)
    {
      g_string_append (out, "null");
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = text; *p; p++)
    {
      guchar c = (guchar) *p;

      /* File names and messages may hold bytes that are not UTF-8: JSON must not. */
      if (c >= 0x80)
        {
          gunichar ch = g_utf8_get_char_validated (p, -1);

          if (ch == (gunichar) -1 || ch == (gunichar) -2)
            g_string_append (out, "\\ufffd");
          else
            {
              int length = g_utf8_skip[c];

              g_string_append_len (out, p, length);
              p += length - 1;
            }
          continue;
        }
      switch (c)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        default:
          if (c < 0x20)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, (char) c);
        }
    }
  g_string_append_c (out, '"');
}

/* The column id of a finding's other side. */
static const char *
other_column_id (BudgetDocument *doc,
                 BudgetFinding  *finding)
{
  BudgetForm *form = budget_document_lookup_form (doc, budget_finding_get_other_form_id (finding));
  int col = budget_finding_get_other_column (finding);

  if (form == NULL || col < 0 || (guint) col >= budget_form_get_n_columns (form))
    return NULL;
  return budget_form_def_get_column (budget_form_get_def (form), (guint) col)->id;
}

static void
json_amount (GString      *out,
             const char   *name,
             BudgetAmount  value)
{
  g_autofree char *text = budget_amount_format_exact (value);

  g_string_append_printf (out, ", \"%s\": ", name);
  json_string (out, text);
}

static void
json_finding (GString        *out,
              BudgetDocument *doc,
              BudgetFinding  *finding)
{
  g_string_append (out, "{\"rule\": ");
  json_string (out, budget_finding_get_rule_id (finding));
  g_string_append (out, ", \"severity\": ");
  json_string (out, budget_severity_to_string (budget_finding_get_severity (finding)));
  g_string_append_printf (out, ", \"rounding\": %s, \"acknowledged\": %s, \"reason\": ",
                          budget_finding_get_rounding (finding) ? "true" : "false",
                          budget_finding_get_acknowledged (finding) ? "true" : "false");
  json_string (out, budget_finding_get_ack_reason (finding));
  g_string_append (out, ", \"form\": ");
  json_string (out, budget_finding_get_form_id (finding));
  g_string_append (out, ", \"row\": ");
  json_string (out, budget_finding_get_row_key (finding));
  g_string_append (out, ", \"column\": ");
  json_string (out, budget_finding_get_column_id (finding));
  g_string_append (out, ", \"key\": ");
  json_string (out, budget_finding_get_key (finding));
  g_string_append (out, ", \"message\": ");
  json_string (out, budget_finding_get_message (finding));
  if (budget_finding_has_values (finding))
    {
      json_amount (out, "value", budget_finding_get_value (finding));
      json_amount (out, "other_value", budget_finding_get_other_value (finding));
      json_amount (out, "difference", budget_finding_get_difference (finding));
    }
  if (budget_finding_get_other_form_id (finding) != NULL)
    {
      g_string_append (out, ", \"other\": {\"form\": ");
      json_string (out, budget_finding_get_other_form_id (finding));
      g_string_append (out, ", \"row\": ");
      json_string (out, budget_finding_get_other_row_key (finding));
      g_string_append (out, ", \"column\": ");
      json_string (out, other_column_id (doc, finding));
      g_string_append_c (out, '}');
    }
  if (budget_finding_get_text_start (finding) >= 0)
    g_string_append_printf (out, ", \"text_start\": %d, \"text_end\": %d", budget_finding_get_text_start (finding),
                            budget_finding_get_text_end (finding));
  g_string_append_c (out, '}');
}

static void
text_finding (GString       *out,
              const char    *file,
              BudgetFinding *finding)
{
  g_string_append_printf (out, "%s: %s", file, budget_severity_to_string (budget_finding_get_severity (finding)));
  if (budget_finding_get_rounding (finding))
    g_string_append_printf (out, " (%s)", _("rounding"));
  if (budget_finding_get_acknowledged (finding))
    g_string_append_printf (out, " (%s: %s)", _("acknowledged"), budget_finding_get_ack_reason (finding));
  g_string_append_printf (out, ": %s: %s\n", budget_finding_get_rule_id (finding),
                          budget_finding_get_message (finding));
}

/**
 * budget_cli_check:
 * @argc: argument count
 * @argv: arguments
 * @first_file: the index of the first argument after --check
 * @json: whether to print JSON rather than text
 *
 * Checks every file argument from @first_file on (options are skipped) and prints the findings.
 *
 * Returns: the exit status: 0 when no error remains, 1 when errors remain, 2 when a file cannot be
 * loaded (or none is given)
 */
int
budget_cli_check (int        argc,
                  char     **argv,
                  int        first_file,
                  gboolean   json)
{
  g_autoptr(GString) out = g_string_new (NULL);
  gboolean any_file = FALSE;
  gboolean load_failed = FALSE;
  gboolean errors = FALSE;

  if (json)
    g_string_append (out, "{\"files\": [");
  for (int i = first_file; i < argc; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(BudgetDocument) doc = NULL;
      g_autoptr(BudgetChecker) checker = NULL;
      GListModel *findings;

      if (g_str_has_prefix (argv[i], "--"))
        continue;
      if (json)
        g_string_append (out, any_file ? ",\n  " : "\n  ");
      any_file = TRUE;
      doc = budget_cli_open (argv[i], &error);
      if (doc == NULL)
        {
          load_failed = TRUE;
          if (json)
            {
              g_string_append (out, "{\"file\": ");
              json_string (out, argv[i]);
              g_string_append (out, ", \"error\": ");
              json_string (out, error->message);
              g_string_append_c (out, '}');
            }
          else
            g_printerr ("budget-editor: %s\n", error->message);
          continue;
        }

      checker = budget_checker_new (doc);
      findings = budget_checker_get_findings (checker);
      if (budget_checker_get_n_errors (checker) > 0)
        errors = TRUE;
      if (json)
        {
          g_string_append (out, "{\"file\": ");
          json_string (out, argv[i]);
          g_string_append_printf (out, ", \"errors\": %u, \"warnings\": %u, \"rounding\": %u, \"info\": %u, "
                                  "\"acknowledged\": %u, \"findings\": [",
                                  budget_checker_get_n_errors (checker), budget_checker_get_n_warnings (checker),
                                  budget_checker_get_n_rounding (checker), budget_checker_get_n_info (checker),
                                  budget_checker_get_n_acknowledged (checker));
          for (guint f = 0; f < g_list_model_get_n_items (findings); f++)
            {
              g_autoptr(BudgetFinding) finding = g_list_model_get_item (findings, f);

              g_string_append (out, f > 0 ? ",\n    " : "\n    ");
              json_finding (out, doc, finding);
            }
          g_string_append (out, g_list_model_get_n_items (findings) > 0 ? "\n  ]}" : "]}");
        }
      else
        {
          for (guint f = 0; f < g_list_model_get_n_items (findings); f++)
            {
              g_autoptr(BudgetFinding) finding = g_list_model_get_item (findings, f);

              text_finding (out, argv[i], finding);
            }
          g_string_append_printf (out, _("%s: %u errors, %u warnings, %u rounding differences, %u remarks, "
                                         "%u acknowledged\n"),
                                  argv[i], budget_checker_get_n_errors (checker),
                                  budget_checker_get_n_warnings (checker), budget_checker_get_n_rounding (checker),
                                  budget_checker_get_n_info (checker), budget_checker_get_n_acknowledged (checker));
        }
    }
  if (json)
    g_string_append (out, any_file ? "\n]}\n" : "]}\n");
  if (!any_file)
    {
      g_printerr ("%s\n", _("Usage: budget-editor --check FILE… [--json]"));
      if (json)
        fputs (out->str, stdout);   /* still valid JSON: no files */
      return 2;
    }
  fputs (out->str, stdout);
  if (fflush (stdout) != 0)
    return 2;
  return load_failed ? 2 : errors ? 1 : 0;
}
