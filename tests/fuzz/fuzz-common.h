/* fuzz-common.h: what the libFuzzer harnesses share: GLib criticals and warnings are crashes */
#pragma once

#include <stdint.h>
#include <stdlib.h>
#include <glib.h>

#include "budget-core.h"

int LLVMFuzzerInitialize   (int            *argc,
                            char         ***argv);
int LLVMFuzzerTestOneInput (const uint8_t  *data,
                            size_t          size);

/* A broken oracle is a crash that libFuzzer reports with the input. */
#define FUZZ_ASSERT(condition) \
  G_STMT_START { if (!(condition)) { g_printerr ("oracle failed: %s\n", #condition); abort (); } } G_STMT_END

static inline void
fuzz_init (void)
{
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  g_log_set_fatal_mask ("BudgetEditor", G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  budget_core_init ();
}

/* @data as a NUL-terminated string (the parsers take C strings; an embedded NUL ends it). */
static inline char *
fuzz_string (const uint8_t *data,
             size_t         size)
{
  return g_strndup ((const char *) data, size);
}
