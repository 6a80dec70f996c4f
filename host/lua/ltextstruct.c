/*
** ltextstruct.c -- tifa.text: STUB, to be written.
*/
#include "lua.h"
#include "lauxlib.h"
#include "ltext.h"

void tifai_text_openstructure (lua_State *L) {
  (void)L;
}
