/* budget-resources.h: the core library's resources (form definitions, catalogues, schema, sample) */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void budget_core_init (void);

G_END_DECLS
