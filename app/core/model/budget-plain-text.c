/* budget-plain-text.c: text pasted from Word or a web page carries characters that XML 1.0 cannot hold
 * (U+000B, Word's manual line break; other C0 controls; U+FFFE). A file holding them would not open
 * again, so they are mapped or dropped where text enters the model. */

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "model/budget-plain-text.h"
#include "model/budget-document.h"

/**
 * budget_plain_text_sanitize:
 * @text: text typed or pasted by the officer
 * @error: return location for an error
 *
 * Maps U+000B, U+000C, U+0085, U+2028 and U+2029 to a line break and "\r\n" or "\r" to "\n"; drops the
 * other C0 and C1 controls and the non-characters (U+FFFE, U+FFFF, U+FDD0…U+FDEF, …); keeps tabs.
 *
 * Returns: (transfer full) (nullable): the text as the model stores it, or %NULL when @text is not
 *   valid UTF-8
 */
char *
budget_plain_text_sanitize (const char  *text,
                            GError     **error)
{
  GString *out;

  if (text == NULL)
    return NULL;
  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, BUDGET_DOCUMENT_ERROR, BUDGET_DOCUMENT_ERROR_INVALID_VALUE,
                   _("The text is not valid UTF-8: it may come from a file in another encoding"));
      return NULL;
    }
  out = g_string_sized_new (strlen (text));
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\r')
        {
          g_string_append_c (out, '\n');
          if (p[1] == '\n')
            p++;
        }
      else if (c == 0x0B || c == 0x0C || c == 0x85 || c == 0x2028 || c == 0x2029)
        g_string_append_c (out, '\n');
      else if ((c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7F && c < 0xA0) ||
               (c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE)
        continue;
      else
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}
