/* budget-core.h: the model library (no GTK): include this to use it */
#pragma once

#include "budget-amount.h"
#include "budget-catalog.h"
#include "budget-command.h"
#include "budget-document.h"
#include "budget-form.h"
#include "budget-form-def.h"
#include "budget-formula.h"
#include "budget-project-io.h"
#include "budget-undo-stack.h"
#include "budget-cli.h"

G_BEGIN_DECLS

void budget_core_init (void);

G_END_DECLS
