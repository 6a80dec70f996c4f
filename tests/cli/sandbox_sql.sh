# sandbox_sql.sh -- the sandbox as 'tifa run --sandbox' (and a script's @sandbox header) gives
# it: no file is created through SQLite (ATTACH on the sample corpus, on tifa.open() and on a
# store given with -d), no finalizer of the script's can hide in a metatable of tifa's, and
# the limits hold inside SQLite and inside a pattern match: the time limit stops them itself
# (not the alarm 5 s later, "inside a call that could not be interrupted"), the instruction
# limit alone stops them too, and SQLite's memory counts (the process stays small).
. "$(dirname "$0")/lib.sh"

run "$TIFA" -d s.db ingest -q "$TIFA_SEEDS"
expect_rc 0 "ingest the seeds"
sum0=$(sha256sum s.db | cut -d' ' -f1)

# --- files: ATTACH creates none, whatever the connection -----------------------------------
attach="local ok, e = pcall(DB.sql, DB, \"ATTACH DATABASE 'file:' || ? || '?mode=rwc' AS x\", '$WORK/made.db')
print(e)"
for db in db 'tifa.open()' "tifa.open('$WORK/s.db')"; do
  printf 'local DB = %s\n%s\n' "$db" "$attach" >attach.lua
  rm -f made.db
  run "$TIFA" run --sandbox attach.lua
  expect_rc 0 "ATTACH through $db: refused, caught"
  expect_out "db:sql cannot attach a database in a sandboxed script" "ATTACH through $db"
  [ ! -e made.db ] && pass || fail "ATTACH through $db created a file"
  rm -f made.db
  run "$TIFA" -d s.db run --sandbox attach.lua
  expect_out "db:sql cannot attach a database in a sandboxed script" "ATTACH through $db, with -d"
  [ ! -e made.db ] && pass || fail "ATTACH through $db with -d created a file"
done
printf -- '-- @sandbox\nlocal DB = db\n%s\n' "$attach" >header.lua
rm -f made.db
run "$TIFA" -d s.db run header.lua
expect_out "db:sql cannot attach a database in a sandboxed script" "ATTACH in a script with the @sandbox header"
[ ! -e made.db ] && pass || fail "ATTACH in an @sandbox script created a file"
run "$TIFA" --sandbox -e 'db:sql("PRAGMA temp_store = MEMORY")'
expect_rc 1 "a PRAGMA that sets"
expect_err "db:sql cannot set PRAGMA 'temp_store' in a sandboxed script" "a PRAGMA that sets"

# --- a finalizer through the metatable of db:kwic's results -----------------------------------
run timeout 60 "$TIFA" --sandbox -e 'getmetatable(db:kwic("发展")).__gc = function () while true do end end
for i = 1, 3 do db:kwic("发展") end'
expect_rc 1 "kwic's metatable"
expect_err "attempt to index a string value" "kwic's metatable is protected"

# --- the time limit inside a pattern match and inside SQLite --------------------------------
PATTERN='print(string.find(string.rep("a", 1e6), ".-.-.-.-b"))'
CTE='print(db:sql("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c"))'
for what in PATTERN CTE; do
  printf '%s\n' "${!what}" >limit.lua
  t0=$(date +%s)
  run timeout 300 "$TIFA" run --sandbox --max-time 1 limit.lua
  t1=$(date +%s)
  expect_rc 1 "$what: time limit"
  expect_err "limit.lua: script exceeded the time limit (1 s)" "$what: the time limit named"
  grep -qF "could not be interrupted" <<<"$ERR" && fail "$what: stopped by the alarm: $ERR" || pass
  [ $((t1 - t0)) -lt 5 ] && pass || fail "$what: took $((t1 - t0)) s for a 1 s limit"
  run timeout 300 "$TIFA" run --sandbox --max-time 0 --max-instructions 10000000 limit.lua
  expect_rc 1 "$what: instruction limit alone"
  expect_err "script exceeded the instruction limit (10000000)" "$what: the instruction limit named"
done

# --- SQLite's memory: a string built in SQLite past --max-mem --------------------------------
cat >mem.lua <<'LUA'
print(db:sql([[WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 300000)
  SELECT length(group_concat(printf('%.*c', 1000, 'x'))) AS n FROM (SELECT x FROM c ORDER BY -x)]]))
LUA
if [ -x /usr/bin/time ] && [ "${TIFA_SANITIZE:-}" != 1 ]; then
  run /usr/bin/time -f 'maxrss %M' timeout 300 "$TIFA" run --sandbox --max-mem 64 mem.lua
  kb=$(grep -o 'maxrss [0-9]*' <<<"$ERR" | cut -d' ' -f2)
  [ -n "$kb" ] && [ "$kb" -lt 307200 ] && pass || fail "SQLite's memory: max RSS ${kb:-?} KB with --max-mem 64"
else
  run timeout 300 "$TIFA" run --sandbox --max-mem 64 mem.lua
fi
expect_rc 1 "SQLite's memory"
expect_err "mem.lua: script exceeded the memory limit (64 MB)" "SQLite's memory counts"

# the store as it was
[ "$(sha256sum s.db | cut -d' ' -f1)" = "$sum0" ] && pass || fail "the store changed"
finish
