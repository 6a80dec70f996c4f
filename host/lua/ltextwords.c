/*
** ltextwords.c -- tifa.text: STUB, to be written.
*/
#include "lua.h"
#include "lauxlib.h"
#include "ltext.h"

void tifai_text_openwords (lua_State *L) {
  (void)L;
}
