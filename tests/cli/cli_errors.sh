# cli_errors.sh -- the command line under careless use (issue 17): a store that cannot be
# opened stops every command with one message naming the path and exit 1; a failed ingest
# leaves no store behind; an empty store is never used silently; unknown options are usage
# errors and '--' ends the options; a malformed query points at the parenthesis left open;
# the program finds its own scripts from anywhere; a script on standard input is read like
# a file (its header parsed, named 'stdin').
. "$(dirname "$0")/lib.sh"
: "${TIFA_SRC:?TIFA_SRC not set}"
export TIFA_PATH= TIFA_DB=
unset XDG_DATA_HOME
mkdir -p home
export HOME="$WORK/home"

# every way to use a store: the prompt (standard input not a terminal), -e, run, the commands
printf 'print(1)\n' >p.lua
each () {   # each STORE-OPTIONS...: runs every command with them, sets $RCS and $ERRS
  RCS=""; ERRS=""
  for cmd in "" "-e print(1)" "run p.lua" "search 发展" "count 发展" "show 1" "words" "ingest p.lua"; do
    run "$TIFA" "$@" $cmd </dev/null
    RCS="$RCS $RC"
    ERRS="$ERRS$ERR
"
  done
}

# {====== a store that cannot be opened ======
each -d "$WORK/none/x.db"
expect_eq "$RCS" " 1 1 1 1 1 1 1 1" "no such directory: every command fails"
expect_eq "$(grep -c "^tifa: cannot open store '$WORK/none/x.db' (no such directory '$WORK/none')$" <<<"$ERRS")" "8" \
  "no such directory: one message, naming the path and the directory, for each ($ERRS)"
[ ! -e "$WORK/none" ] && pass || fail "nothing created"
run "$TIFA" -d "$WORK/none/x.db" </dev/null
expect_eq "$OUT" "" "the prompt does not start"
grep -q "string \"" <<<"$ERR" && fail "an internal chunk in the message: $ERR" || pass

each -d "$WORK"
expect_eq "$RCS" " 1 1 1 1 1 1 1 1" "a directory: every command fails"
expect_eq "$(grep -c "^tifa: cannot open store '$WORK' (a directory)$" <<<"$ERRS")" "8" "a directory: said so ($ERRS)"
grep -q "disk I/O error" <<<"$ERRS" && fail "SQLite's 'disk I/O error' shown" || pass

: >plain.txt
each -d plain.txt/x.db
expect_eq "$(grep -c "^tifa: cannot open store 'plain.txt/x.db' ('plain.txt' is not a directory)$" <<<"$ERRS")" "8" "a file on the way"

# a missing store: read commands and Lua say so, and nothing is created; ingest creates it
each -d x.db
expect_eq "$RCS" " 1 1 1 1 1 1 1 0" "no store: every command but ingest fails"
expect_eq "$(grep -c "^tifa: no store at 'x.db' (run 'tifa -d x.db ingest FILES' to create it)$" <<<"$ERRS")" "7" \
  "no store: says how to make one ($ERRS)"
[ -e x.db ] && pass || fail "ingest creates the store"
rm -f x.db*
TIFA_DB=y.db each
expect_eq "$RCS" " 1 1 1 1 1 1 1 0" "\$TIFA_DB: the same"
expect_eq "$(grep -c "^tifa: no store at TIFA_DB='y.db' (run 'tifa ingest FILES' to create it)$" <<<"$ERRS")" "7" \
  "\$TIFA_DB: the variable named ($ERRS)"
rm -f y.db*
TIFA_DB="$WORK" run "$TIFA" count 发展
expect_rc 1 "\$TIFA_DB a directory"; expect_err "tifa: cannot open store TIFA_DB='$WORK' (a directory)" "\$TIFA_DB a directory: said so"
run "$TIFA" -d none.db --sandbox -e 'print(db)'
expect_rc 1 "the sandbox: no store"; expect_err "no store at 'none.db'" "the sandbox: said so"

# not a store
echo "not a database, just text that is long enough to look like a file header....." >notdb.db
each -d notdb.db
expect_eq "$RCS" " 1 1 1 1 1 1 1 1" "not a database: every command fails"
expect_eq "$(grep -c "^tifa: cannot open store 'notdb.db' (file is not a database)$" <<<"$ERRS")" "8" "not a database: said so ($ERRS)"
if python3 -c 'import sqlite3; c = sqlite3.connect("other.db"); c.execute("CREATE TABLE t (x)"); c.commit()' 2>/dev/null; then
  run "$TIFA" -d other.db count 发展
  expect_rc 1 "another program's database"; expect_err "tifa: cannot open store 'other.db' (not a tifa store)" "not a tifa store"
fi
# }======

# {====== a failed ingest leaves no store; an empty store is never used silently ======
run "$TIFA" ingest "$WORK/does-not-exist"
expect_rc 1 "ingest of a missing path"
expect_err "nothing stored, so no store was created at 'tifa.db'" "says no store was made"
[ -z "$(ls tifa.db* 2>/dev/null)" ] && pass || fail "a failed ingest left $(ls tifa.db*)"
run "$TIFA" search 发展
expect_rc 0 "then search"; expect_out "#1" "the sample corpus is searched, as before the ingest"
run "$TIFA" -d new.db ingest /dev/null
expect_rc 0 "an ingest where every file is skipped"
[ -z "$(ls new.db* 2>/dev/null)" ] && pass || fail "an ingest that stored nothing left $(ls new.db*)"
"$TIFA" -d kept.db ingest -q "$TIFA_SEEDS/$(ls "$TIFA_SEEDS" | head -1)" >/dev/null
run "$TIFA" -d kept.db ingest "$WORK/does-not-exist"
expect_rc 1 "a failed ingest into a store"
[ -e kept.db ] && pass || fail "a store that existed is kept"

"$TIFA" -e 'tifa.open("tifa.db"):close()'          # a store with its schema and no articles
for cmd in "search 发展" "count 发展" "words" "-e print(db.path)"; do
  run "$TIFA" $cmd
  expect_err "tifa: store 'tifa.db' holds no articles (ingest files into it, or remove it to use the sample corpus)" \
    "empty ./tifa.db named: $cmd"
done
run "$TIFA" -e 'print(1)'
expect_eq "$ERR" "" "no notice when 'db' is not used"
run "$TIFA" -d tifa.db count 发展
expect_err "tifa: store 'tifa.db' holds no articles (ingest files into it: 'tifa -d tifa.db ingest FILES')" "empty -d store"
TIFA_DB=tifa.db run "$TIFA" count 发展
expect_err "tifa: store TIFA_DB='tifa.db' holds no articles (ingest files into it, or unset TIFA_DB" "empty \$TIFA_DB store"
run "$TIFA" ingest -q "$TIFA_SEEDS"
expect_eq "$ERR" "" "no notice when filling it"
run "$TIFA" count 发展
expect_eq "$ERR" "" "no notice once it holds articles"
rm -f tifa.db*
# }======

# {====== options ======
for c in search count; do
  run "$TIFA" $c --bogus 发展
  expect_rc 2 "$c: an unknown option"
  expect_eq "$ERR" "tifa: unknown option '--bogus' (see 'tifa $c --help')" "$c: an unknown option named"
  expect_eq "$OUT" "" "$c: nothing searched"
done
for c in words show ingest; do
  run "$TIFA" $c --bogus 1
  expect_rc 2 "$c: an unknown option"
  expect_eq "$(head -1 <<<"$ERR")" "tifa: unknown option '--bogus' (see 'tifa $c --help')" "$c: an unknown option named"
done
run "$TIFA" run --bogus p.lua
expect_rc 2 "run: an unknown option"; expect_err "tifa: unknown option '--bogus' (see 'tifa run --help')" "run: named"
run "$TIFA" --bogus
expect_rc 2 "an unknown global option"; expect_err "tifa: unknown option '--bogus' (see 'tifa --help')" "named"
run "$TIFA" words extra
expect_rc 2 "words: an argument"; expect_err "tifa: unexpected argument 'extra'" "named"
run "$TIFA" scripts --bogus
expect_rc 2 "scripts: an unknown option"; expect_eq "$ERR" "tifa: unknown option '--bogus' (see 'tifa scripts --help')" "scripts: named"
# '--' ends the options: what follows is the query
run "$TIFA" search -- -发展
expect_rc 0 "search -- -QUERY"; expect_err "no match for '-发展'" "the query after --"
run "$TIFA" count -n 0 -- --words
expect_rc 0 "count -- --words"; expect_eq "$OUT" "0 matches in 0 articles" "'--words' after -- is the query"
run "$TIFA" search -n 1 -- 发展
expect_rc 0 "options before --"; expect_eq "$(grep -c '^ *[0-9]\+  #' <<<"$OUT")" "1" "-n before -- applies"
run "$TIFA" show -- 1
expect_rc 0 "show -- ID"; expect_out "article 1:" "the article shown"
printf 'print("dash", ...)\n' >./-x.lua
run "$TIFA" run -- -x.lua a
expect_rc 0 "run -- -SCRIPT"; expect_eq "$OUT" "dash	a" "the script after --"
# }======

# {====== where a malformed query is wrong ======
run "$TIFA" search '(高质量 OR 发展'
expect_rc 2 "an unclosed '('"
expect_err "malformed query: unbalanced parenthesis at character 1" "points at the '(' left open"
run "$TIFA" count '发展 ((高质量) OR 改革'
expect_err "malformed query: unbalanced parenthesis at character 4" "the outer '(' of two"
run "$TIFA" search '高质量 OR 发展)'
expect_err "malformed query: unbalanced parenthesis at character 10" "points at the ')' with no '('"
run "$TIFA" search ')发展'
expect_err "malformed query: unbalanced parenthesis at character 1" "a ')' first"
# }======

# {====== the program's own scripts, from any directory ======
mkdir elsewhere
run bash -c "cd elsewhere && '$TIFA' run overview"
expect_rc 0 "tifa run overview outside the source tree"; expect_out "13 articles from 5 files" "overview of the sample"
run bash -c "cd elsewhere && '$TIFA' scripts --path"
expect_out "$TIFA_SRC/scripts" "the source's scripts/ on the path of a program in its build tree"
expect_eq "$(head -2 <<<"$OUT" | paste -sd' ')" "scripts $HOME/.local/share/tifa/scripts" "after the user's folders"
run bash -c "cd elsewhere && '$TIFA' scripts"
expect_out "overview" "tifa scripts lists them"
cp "$TIFA" ./tifa-copy                              # a copy outside the build tree: not its scripts
run ./tifa-copy scripts --path
grep -qxF "$TIFA_SRC/scripts" <<<"$OUT" && fail "a program outside its build tree takes the source's scripts" || pass
# }======

# {====== a script on standard input is read like a file ======
cat >hdr.lua <<'LUA'
-- hdr: a script with a header, run from standard input
-- @sandbox
-- @param n integer=4  a number
print(params.n, pcall(os.execute, "true"))
LUA
run bash -c "'$TIFA' run - --n 3 <hdr.lua"
expect_rc 0 "run - with a header"
expect_eq "$OUT" "3	false	os.execute is not allowed in a sandboxed script" "@param parsed, @sandbox honoured"
run bash -c "'$TIFA' run - --n x <hdr.lua"
expect_rc 2 "run -: a bad value"
expect_eq "$ERR" "$(printf "tifa: stdin: bad value 'x' for --n (integer expected)\nusage: tifa run - [--n N]")" "named stdin"
run bash -c "'$TIFA' run - --help <hdr.lua"
expect_rc 0 "run - --help"; expect_out "usage: tifa run - [--n N]" "its usage from the header"
printf '#!/usr/bin/env tifa\n-- @param n integer=4  a number\nprint(params.n, arg[0], ...)\nerror("boom")\n' >boom.lua
run bash -c "'$TIFA' run - a <boom.lua"
expect_rc 2 "run -: an argument the header does not declare"
run bash -c "'$TIFA' run - <boom.lua"
expect_rc 1 "run -: an error"; expect_eq "$OUT" "4	-" "the #! line skipped, arg[0] is '-'"
expect_err "tifa: stdin:4: boom" "the error at its line in stdin"
printf '%s\n' '-- @param n intger  a number' 'print(1)' >badhdr.lua
run bash -c "'$TIFA' run - <badhdr.lua"
expect_rc 1 "run -: a bad header"; expect_err "tifa: stdin:1: bad header:" "named stdin"
run bash -c "printf 'print(...)' | '$TIFA' run - a b"
expect_eq "$OUT" "a	b" "no header: the arguments as given"
run bash -c "printf 'print(...)' | '$TIFA' - a"
expect_eq "$OUT" "a" "tifa - runs standard input, as lua does"
# }======
# {====== another program's SQLite database is never written into ======
python3 -c 'import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute("CREATE TABLE notes (t TEXT)"); c.execute("INSERT INTO notes VALUES (1)"); c.commit()' other.sqlite
cp other.sqlite other.orig
printf '高质量发展\n' >page.txt
run "$TIFA" -d other.sqlite ingest page.txt
expect_rc 1 "ingest into another program's database"
expect_err "tifa: cannot open store 'other.sqlite' (not a tifa store)" "says it is not a store"
cmp -s other.sqlite other.orig && pass || fail "the other program's database was changed"
run "$TIFA" -d other.sqlite search 发展
expect_rc 1 "search in another program's database"
# }======
finish
