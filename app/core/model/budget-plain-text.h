/* budget-plain-text.h: what text the model accepts: only characters a project file can carry */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *budget_plain_text_sanitize (const char  *text,
                                  GError     **error);

G_END_DECLS
