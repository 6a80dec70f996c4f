# lua_testes.sh -- tifa's Lua is Lua: Lua 5.4.4's own test suite (../shared/lua-testes beside
# the repository; its README says how each file runs) passes under 'tifa run', and the files
# that use only what the sandbox keeps pass in the sandbox too (a script with the '@sandbox'
# header, run with --sandbox): the limits, the counting matcher of string.find/match/gmatch/
# gsub and the other guards change nothing a script can see. Skipped (exit 77) when the
# folder is absent. Under the sanitizers ($TIFA_SANITIZE) only the quick files run.
. "$(dirname "$0")/lib.sh"

LT=${TIFA_SRC:?TIFA_SRC not set}/../shared/lua-testes
if [ ! -f "$LT/strings.lua" ]; then
  echo "SKIP: Lua 5.4.4's test suite not found at $LT"
  exit 77
fi

# the files of the README that pass under stock lua5.4; the sandbox's subset
ALL="strings utf8 pm sort math nextvar closure coroutine goto literals locals tpack vararg bitwise
     events calls constructs errors attrib db gc files"
SANDBOXED="strings utf8 pm sort math nextvar tpack vararg"
if [ "${TIFA_SANITIZE:-}" = 1 ]; then
  ALL="strings utf8 pm sort math nextvar tpack vararg closure goto literals"
fi

for f in $ALL; do
  printf '_soft=true _port=true\ndofile("%s.lua")\n' "$f" >"$WORK/a_$f.lua"
  run env -C "$LT" timeout 600 "$TIFA" run "$WORK/a_$f.lua"   # some files read their neighbours
  expect_rc 0 "$f.lua under tifa run"
done

# in the sandbox: the file itself with the header (dofile would read it from outside the
# script, which the sandbox allows; the header is what a colleague's script carries)
for f in $SANDBOXED; do
  { printf -- '-- @sandbox\n_soft=true _port=true\n'; cat "$LT/$f.lua"; } >"$WORK/s_$f.lua"
  run timeout 600 "$TIFA" run --sandbox "$WORK/s_$f.lua"
  expect_rc 0 "$f.lua in the sandbox"
done

finish
