# install.sh -- cmake --install puts the program, libraries, headers, pkg-config file, Lua
# module and scripts in place, and each works from there: a C program builds against
# tifa.pc, stock lua5.4 loads tifa.so (which must not link liblua).
. "$(dirname "$0")/lib.sh"
: "${TIFA_BUILD:?TIFA_BUILD not set}"
P="$WORK/prefix"
run cmake --install "$TIFA_BUILD" --prefix "$P"
expect_rc 0 "cmake --install"
[ -x "$P/bin/tifa" ] && pass || fail "program installed"
[ -x "$P/bin/tifa-dask" ] && pass || fail "the Dask driver installed"
for h in tifa.h tifa_store.h tifa_text.h; do [ -f "$P/include/$h" ] && pass || fail "header $h installed"; done
pc=$(find "$P" -name tifa.pc | head -1)
[ -n "$pc" ] && pass || fail "tifa.pc installed"
mod=$(find "$P" -path '*lua/5.4/tifa.so' | head -1)
[ -n "$mod" ] && pass || fail "Lua module installed"
[ -f "$P/share/tifa/scripts/overview.lua" ] && pass || fail "scripts installed"
[ -n "$(find "$P" -name libtifa.a)" ] && pass || fail "static library installed"

run "$P/bin/tifa" run "$P/share/tifa/scripts/overview.lua"
expect_rc 0 "installed program runs the installed overview"; expect_out "13 articles from 5 files" "overview of the sample"
# by name, from a directory without scripts: PREFIX/share/tifa/scripts beside PREFIX/bin/tifa
mkdir -p home
run env TIFA_PATH= HOME="$WORK/home" "$P/bin/tifa" run overview
expect_rc 0 "installed program finds its scripts by name"; expect_out "13 articles from 5 files" "overview by name"
run env TIFA_PATH= HOME="$WORK/home" "$P/bin/tifa" scripts --path
expect_out "$P/share/tifa/scripts" "the installed scripts on the path"
grep -qxF "$TIFA_SRC/scripts" <<<"$OUT" && fail "the installed program takes the source tree's scripts" || pass

# the module does not link liblua: one Lua core per process
if ldd "$mod" | grep -q liblua; then fail "tifa.so links liblua"; else pass; fi
if [ -z "${TIFA_SANITIZE:-}" ]; then
  run "$LUA_INTERP" -e "package.cpath='$(dirname "$mod")/?.so;'..package.cpath" -e '
    local tifa = require "tifa"
    local db = assert(tifa.open())
    local total = db:count("高质量发展")
    print(tifa.version, total > 0)'
  expect_rc 0 "stock lua loads the installed module"; expect_out "true" "module searches the sample"
  # C programs against the installed headers and library, through pkg-config only: the
  # store API, and the embedding example (examples/embed.c: two hosts, a C function, errors)
  cat >store.c <<'C'
#include <stdio.h>
#include "tifa_store.h"
int main (void) {
  tifa_store *s; char err[TIFA_ERRMAX]; int64_t total, n;
  if (tifa_store_open_sample(&s, err, sizeof(err)) != TIFA_OK) { fprintf(stderr, "%s\n", err); return 1; }
  if (tifa_store_count(s, "稳中求进", &total, &n, NULL, NULL) != TIFA_OK) return 1;
  printf("%lld %lld\n", (long long)total, (long long)n);
  tifa_store_close(s);
  return 0;
}
C
  export PKG_CONFIG_PATH="$(dirname "$pc")"
  libdir="$(dirname "$(find "$P" -name 'libtifa.so' | head -1)")"
  if cc store.c $(pkg-config --cflags tifa) $(pkg-config --libs tifa) -o store 2>cc.err; then
    pass
    run env LD_LIBRARY_PATH="$libdir" ./store
    expect_rc 0 "C program on the store API runs"
    expect_eq "$OUT" "$("$TIFA" count -n 0 稳中求进 | awk '{print $1, $4}')" "C API count equals the CLI's"
  else
    fail "C program builds against tifa.pc: $(cat cc.err)"
  fi
  if cc "$TIFA_SRC/examples/embed.c" $(pkg-config --cflags --libs tifa) -o embed 2>cc.err; then
    pass
    run env LD_LIBRARY_PATH="$libdir" ./embed "$WORK/embed.db"
    expect_rc 0 "the embedding example runs from the installed library"
    expect_out "稳中求进 in the sample: $("$TIFA" count -n 0 稳中求进 | awk '{print $1}')" "its host counts as the CLI"
  else
    fail "examples/embed.c builds with pkg-config --cflags --libs tifa: $(cat cc.err)"
  fi
fi
finish
