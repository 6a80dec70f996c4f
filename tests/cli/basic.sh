# basic.sh -- the program's face: help, version, options, -e, run, errors and exit codes.
. "$(dirname "$0")/lib.sh"

run "$TIFA" --help
expect_rc 0 "--help"; expect_out "usage: tifa" "--help"; expect_out "ingest PATH" "--help lists ingest"
for c in ingest search count run; do
  run "$TIFA" $c --help
  expect_rc 0 "$c --help"; expect_out "usage: tifa" "$c --help"
done
run "$TIFA" --version
expect_rc 0 "--version"; expect_out "Lua 5.4" "--version names Lua"

run "$TIFA" frobnicate
expect_rc 2 "unknown command"; expect_err "tifa: unknown command 'frobnicate'" "unknown command"
run "$TIFA" --frob
expect_rc 2 "unknown option"; expect_err "unknown option '--frob' (see 'tifa --help')" "unknown option"
run "$TIFA" -d
expect_rc 2 "-d without a path"

run "$TIFA" -e 'print(1 + 1)'
expect_rc 0 "-e"; expect_eq "$OUT" "2" "-e prints"
run "$TIFA" -e 'x = 40' -e 'print(x + 2)'
expect_eq "$OUT" "42" "several -e run in order"
run "$TIFA" -e 'print(tifa.version, type(db), db.readonly)'
expect_rc 0 "db global"; expect_out "userdata	true" "db is the sample corpus, read-only"
run "$TIFA" -e 'print(#db:sql("SELECT id FROM article"))'
expect_eq "$OUT" "13" "sample corpus: the seed files cut into articles"
run "$TIFA" -e 'error("boom")'
expect_rc 1 "-e error"; expect_err "tifa: (command line):1: boom" "-e error message"; expect_err "stack traceback" "traceback"

cat >script.lua <<'LUA'
print(arg[0], arg[1], arg[2], #arg, select('#', ...), ...)
LUA
run "$TIFA" run script.lua 新质生产力 20
expect_rc 0 "run"; expect_out "script.lua	新质生产力	20	2	2	新质生产力	20" "arg as lua sets it"
run "$TIFA" script.lua a
expect_rc 0 "tifa script.lua"; expect_out "script.lua	a	nil	1" "script path as the command"
cat >bad.lua <<'LUA'
local x = 1
local function f () error("broken " .. x) end
f()
LUA
run "$TIFA" run bad.lua
expect_rc 1 "script error"; expect_err "tifa: bad.lua:2: broken 1" "script's file:line"; expect_err "stack traceback" "script traceback"
run "$TIFA" run missing.lua
expect_rc 1 "missing script"; expect_err "cannot open missing.lua" "missing script named"
run "$TIFA" run
expect_rc 2 "run without script"

# the REPL on standard input (not a terminal): expressions print without '=' or return
run bash -c "printf '1 + 2\nlocal t = {\n1, 2}\nprint(#t)\n_ * 10\n' | \"$TIFA\""
expect_rc 0 "repl"; expect_out "3" "repl prints expressions"; expect_out "30" "_ holds the last result"

# the store: -d, TIFA_DB, ./tifa.db
run "$TIFA" -d "$WORK/none/x.db" count 发展
expect_rc 1 "missing store"; expect_err "cannot open store '$WORK/none/x.db' (no such directory '$WORK/none')" "missing store named"
run "$TIFA" -d "$WORK/none/x.db" </dev/null
expect_rc 1 "missing store: no prompt"
run "$TIFA" -d "$WORK/none/x.db" -e 'print(1)'
expect_rc 1 "missing store: no -e chunk"; expect_eq "$OUT" "" "the chunk not run"
echo "not a database, just text that is long enough to look like a file header....." >notdb.db
run "$TIFA" -d notdb.db count 发展
expect_rc 1 "not a database"; expect_err "notdb.db" "names the file"; expect_err "not a database" "says what is wrong"
finish
