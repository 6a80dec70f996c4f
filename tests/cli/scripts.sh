# scripts.sh -- scripts by name and by header (docs/scripts.md): the search path and
# TIFA_PATH, tifa scripts, tifa help SCRIPT, parameters parsed and checked by the header,
# the generated --help, errors with the script's file:line, require beside the script,
# #!/usr/bin/env tifa, the shipped scripts, and the sandbox (--sandbox and @sandbox).
. "$(dirname "$0")/lib.sh"
: "${TIFA_SRC:?TIFA_SRC not set}"
FIX="$TIFA_DATA/scripts"
export TIFA_PATH=
unset XDG_DATA_HOME

# {====== the search path ======
mkdir -p scripts a b xdg/tifa/scripts home/.local/share/tifa/scripts
say () { printf -- '-- %s: %s\nprint("%s")\n' "$1" "$2" "$3" >"$4/$1.lua"; }
say s1 "the one in ./scripts" cwd scripts
say s1 "the one in the data directory" xdg xdg/tifa/scripts
say s2 "only in the data directory" xdg2 xdg/tifa/scripts
say s1 "the one in a" a a
say s1 "the one in b" b b
say s3 "only in b" b3 b
say s4 "in HOME's data directory" home4 home/.local/share/tifa/scripts

XDG_DATA_HOME="$WORK/xdg" run "$TIFA" run s1
expect_rc 0 "run by name"; expect_eq "$OUT" "cwd" "./scripts comes first"
XDG_DATA_HOME="$WORK/xdg" run "$TIFA" run s2
expect_eq "$OUT" "xdg2" "then \$XDG_DATA_HOME/tifa/scripts"
HOME="$WORK/home" run "$TIFA" run s4
expect_eq "$OUT" "home4" "without XDG_DATA_HOME: ~/.local/share/tifa/scripts"
XDG_DATA_HOME="$WORK/xdg" run "$TIFA" run s1.lua
expect_eq "$OUT" "cwd" "NAME.lua is searched too"
TIFA_PATH="$WORK/a:$WORK/b" run "$TIFA" run s1
expect_eq "$OUT" "a" "TIFA_PATH: the first directory wins"
TIFA_PATH="$WORK/a:$WORK/b" run "$TIFA" run s3
expect_eq "$OUT" "b3" "TIFA_PATH: then the next"
TIFA_PATH="$WORK/a:$WORK/b" XDG_DATA_HOME="$WORK/xdg" run "$TIFA" run s2
expect_rc 1 "TIFA_PATH without an empty entry: no defaults"
expect_err "tifa: no script 's2' in the search path ($WORK/a, $WORK/b)" "not found, the path named"
TIFA_PATH="$WORK/a:" XDG_DATA_HOME="$WORK/xdg" run "$TIFA" run s2
expect_eq "$OUT" "xdg2" "an empty entry in TIFA_PATH stands for the defaults"
TIFA_PATH="$WORK/b::$WORK/a" XDG_DATA_HOME="$WORK/xdg" run "$TIFA" scripts --path
expect_eq "$(head -3 <<<"$OUT" | paste -sd' ')" "$WORK/b scripts $WORK/xdg/tifa/scripts" "--path: the order, defaults in place"
expect_eq "$(tail -1 <<<"$OUT")" "$WORK/a" "--path: after the defaults"
run "$TIFA" run scripts/s1.lua
expect_eq "$OUT" "cwd" "a path with '/' is a path"
run "$TIFA" run nosuch
expect_rc 1 "unknown script"; expect_err "no script 'nosuch' in the search path (scripts, " "says where it looked"
# the shipped scripts by name: from the source tree's ./scripts, and through TIFA_PATH
run bash -c "cd '$TIFA_SRC' && '$TIFA' run overview"
expect_rc 0 "tifa run overview in the source tree"; expect_out "13 articles from 5 files" "overview of the sample"
TIFA_PATH="$TIFA_SRC/scripts" run "$TIFA" run overview 体制机制改革 --format json
GOT=$(python3 -c 'import json,sys
o=json.load(sys.stdin)
print(" ".join(str(f["total"]) for f in o["formulations"] if f["formulation"]=="体制机制改革"))' <<<"$OUT")
expect_eq "$GOT" "$("$TIFA" count -n 0 体制机制改革 | awk '{print $1}')" "overview: a positional term, counted as tifa count"
run "$TIFA" run "$TIFA_SRC/scripts/overview.lua"
expect_eq "$OUT" "$(cd "$TIFA_SRC" && "$TIFA" run scripts/overview.lua)" "overview by path and by name alike"
# }======

# {====== tifa scripts, tifa help ======
cp "$FIX/tifahelper.lua" a/
TIFA_PATH="$WORK/a:$WORK/b" run "$TIFA" scripts
expect_rc 0 "tifa scripts"
expect_eq "$(grep -c '^s1 ' <<<"$OUT")" "1" "a shadowed name listed once"
expect_eq "$(awk '$1 == "s1" {print $NF}' <<<"$OUT")" "$WORK/a" "the first one, with its directory"
expect_out "the one in a" "its description"
expect_eq "$(awk '$1 == "s3" {print $NF}' <<<"$OUT")" "$WORK/b" "s3 from b"
expect_eq "$(grep -c tifahelper <<<"$OUT")" "0" "an @module is no script"
expect_eq "$(awk '{print $1}' <<<"$OUT" | paste -sd' ')" "s1 s3" "sorted by name"
TIFA_PATH="$TIFA_SRC/scripts" run "$TIFA" scripts
for s in overview kwic top-words; do expect_out "$s " "shipped script $s listed"; done
TIFA_PATH="$WORK/none" run "$TIFA" scripts
expect_rc 0 "no scripts"; expect_err "no scripts in the search path ($WORK/none)" "says so"

TIFA_PATH="$FIX" run "$TIFA" help params
expect_rc 0 "tifa help SCRIPT"
help_out=$OUT
expect_eq "$(head -1 <<<"$OUT")" "usage: tifa run params --name TEXT [--limit N] [--ratio X] [--verbose]" "usage line"
expect_out "every kind of parameter, printed back as JSON" "description"
expect_out "A fixture of the runner's tests" "the header's prose"
expect_out "  FIRST                     the first positional argument" "arguments listed"
expect_out "  --limit N                 an integer with a default (default: 20)" "default shown"
expect_out "$(printf '  --term TEXT               a repeatable string with two defaults (repeatable;\n                            default: 甲,乙)')" "repeatable shown, wrapped within 80 columns"
expect_eq "$(awk 'length($0) > 80' <<<"$OUT")" "" "no help line wider than 80"
expect_out "  --name TEXT               a required string (required)" "required shown"
expect_out "  --since DATE              a date (YYYY[-MM[-DD]])" "date format shown"
expect_out "  --color                   a flag on by default (on unless --no-color)" "flag on by default"
expect_out "  --format csv|json|table   a choice (default: table)" "choices shown"
expect_out "  -h, --help                this help" "--help listed"
TIFA_PATH="$FIX" run "$TIFA" run params --help
expect_rc 0 "run SCRIPT --help"; expect_eq "$OUT" "$help_out" "--help is tifa help SCRIPT"
TIFA_PATH="$FIX" run "$TIFA" run params a -h
expect_eq "$OUT" "$help_out" "-h anywhere"
run "$TIFA" help "$FIX/shared.lua"
expect_out "Runs in the sandbox (@sandbox)" "help says @sandbox"
run "$TIFA" help nosuch
expect_rc 1 "help of no script"; expect_err "no script 'nosuch'" "named"
run "$TIFA" help search
expect_rc 0 "help COMMAND"; expect_out "usage: tifa" "a command's usage"
run "$TIFA" help run
expect_out "--max-time S" "help run: the sandbox options"
# a script without tags: help prints its header, arguments stay raw
printf -- '-- raw: no tags\n-- usage: tifa run raw [ANYTHING]\n-- Prose.\nprint(select("#", ...), table.concat({...}, " "), params)\n' >raw.lua
run "$TIFA" help ./raw.lua
expect_eq "$OUT" "$(printf 'usage: tifa run raw [ANYTHING]\nno tags\n\nProse.')" "help of an untagged script"
run "$TIFA" run raw.lua --help --x 1
expect_eq "$OUT" "$(printf '3\t--help --x 1\tnil')" "untagged: arguments raw, no params"
# }======

# {====== parameters ======
P="$FIX/params.lua"
run "$TIFA" run "$P" a 1 2 --name n
expect_rc 0 "params"
expect_eq "$(head -1 <<<"$OUT")" '{"color":true,"first":"a","format":"table","limit":20,"name":"n","ratio":0.5,"rest":[1,2],"term":["甲","乙"],"verbose":false}' "defaults and positionals"
expect_eq "$(tail -1 <<<"$OUT")" "5 5" "arg and ... stay raw"
run "$TIFA" run "$P" --name=x --limit -5 --ratio 1e3 --verbose --no-color --since 2024-3-1 --file f.txt \
  --format csv --term 新质生产力 --term 'a b' --max-count 7 --limit 6 -- --first 3
expect_rc 0 "every option"
expect_eq "$(head -1 <<<"$OUT")" '{"color":false,"file":"f.txt","first":"--first","format":"csv","limit":6,"max_count":7,"name":"x","ratio":1000.0,"rest":[3],"since":"2024-03-01","term":["新质生产力","a b"],"verbose":true}' \
  "types, --opt=value, negative numbers, the last value wins, repeatable, --no-, dates padded, --"
run "$TIFA" run "$P" --first b --name n --verbose=false --color=yes
expect_eq "$(head -1 <<<"$OUT")" '{"color":true,"first":"b","format":"table","limit":20,"name":"n","ratio":0.5,"rest":[],"term":["甲","乙"],"verbose":false}' "an @arg as an option; flag=value"
bad () {  # bad EXPECTED-MESSAGE ARGS...: exit 2, the message, the usage line
  local want=$1; shift
  run "$TIFA" run "$P" "$@"
  expect_rc 2 "usage error: $*"
  expect_eq "$(head -1 <<<"$ERR")" "tifa: params: $want" "message for: $*"
  expect_eq "$(sed -n 2p <<<"$ERR" | cut -c1-22)" "usage: tifa run params" "usage after: $*"
  expect_eq "$OUT" "" "nothing run: $*"
}
bad "bad value 'x' for --limit (integer expected)" a --name n --limit x
bad "bad value '1.5' for --limit (integer expected)" a --name n --limit 1.5
bad "bad value '99999999999999999999' for --limit (integer out of range)" a --name n --limit 99999999999999999999
bad "bad value 'abc' for --ratio (number expected)" a --name n --ratio abc
bad "bad value 'inf' for --ratio (number expected)" a --name n --ratio inf
bad "bad value 'maybe' for --verbose (true or false expected)" a --name n --verbose=maybe
bad "bad value '2024-13' for --since (date YYYY[-MM[-DD]] expected)" a --name n --since 2024-13
bad "bad value '2023-02-29' for --since (date YYYY[-MM[-DD]] expected)" a --name n --since 2023-02-29
bad "bad value '24-01-01' for --since (date YYYY[-MM[-DD]] expected)" a --name n --since 24-01-01
bad "bad value '' for --file (a path expected)" a --name n --file=
bad "bad value 'xml' for --format (one of csv, json or table expected)" a --name n --format xml
bad "bad value 'x' for REST (integer expected)" a x --name n
bad "missing required option '--name'" a
bad "missing required argument FIRST" --name n
bad "unknown option '--bogus'" a --name n --bogus
bad "unknown option '--no-limit'" a --name n --no-limit
bad "unknown option '-x'" a --name n -x
bad "'--limit' needs a value" a --name n --limit
run "$TIFA" run "$P" a --name n --since 2024-02-29 --since 2024 --since 2024-7
expect_eq "$(head -1 <<<"$OUT" | grep -o '"since":"[^"]*"')" '"since":"2024-07"' "dates: leap day, year, month"
cat >typo.lua <<'LUA'
-- typo: reads a parameter it did not declare
-- @param limit integer=3  fine
print(params.limit)
print(params.limt)
LUA
run "$TIFA" run typo.lua
expect_rc 1 "undeclared parameter"; expect_out "3" "declared one read"
expect_err "tifa: typo.lua:4: parameter 'limt' is not declared in the script's header" "an undeclared one raises"
run "$TIFA" run "$FIX/badheader.lua"
expect_rc 1 "bad header"; expect_err "tifa: $FIX/badheader.lua:4: bad header: unknown tag '@parm'" "the header's file:line"
for h in "@param x strng  help|unknown type 'strng' for 'x'" "@param x integer=abc  help|bad value 'abc' for the default (integer expected) of 'x'" \
         "@param x boolean*  help|boolean 'x' cannot be repeatable, required or an @arg" \
         "@param x string!=a  help|required 'x' cannot have a default" "@param help string|'help' is reserved" \
         "@arg x string*|@arg y string|@arg 'y' after the repeatable @arg 'x'"; do
  IFS='|' read -r l1 l2 l3 <<<"$h"
  if [ -n "$l3" ]; then printf -- '-- h: header\n-- %s\n-- %s\nprint(1)\n' "$l1" "$l2" >h.lua; want=$l3
  else printf -- '-- h: header\n-- %s\nprint(1)\n' "$l1" >h.lua; want=$l2; fi
  run "$TIFA" run h.lua
  expect_rc 1 "bad header: $l1"; expect_err "$want" "bad header says: $want"
done
# }======

# {====== errors, require, shebang ======
run "$TIFA" run "$FIX/boom.lua"
expect_rc 1 "runtime error"
expect_eq "$(head -1 <<<"$ERR")" "tifa: $FIX/boom.lua:6: attempt to index a nil value (field 'missing')" "the script's file:line"
expect_err "stack traceback:" "a traceback"
expect_err "$FIX/boom.lua:8: in main chunk" "the traceback names the calling line"
TIFA_PATH="$FIX" run "$TIFA" run boom
expect_eq "$(head -1 <<<"$ERR")" "tifa: $FIX/boom.lua:6: attempt to index a nil value (field 'missing')" "by name: the path found"
printf 'local x = \n' >syntax.lua
run "$TIFA" run syntax.lua
expect_rc 1 "syntax error"; expect_err "tifa: syntax.lua:2: unexpected symbol near <eof>" "syntax error position"

run "$TIFA" run "$FIX/greet.lua" 同事
expect_rc 0 "require beside the script"; expect_eq "$OUT" "你好, 同事" "the module found from another directory"
TIFA_PATH="$FIX" run "$TIFA" run --sandbox greet
expect_rc 0 "require beside the script, sandboxed"; expect_eq "$OUT" "你好, 世界" "sandboxed: the module found"

cat >hello.lua <<'LUA'
#!/usr/bin/env tifa
-- hello: runs by itself
-- @arg who string=world  whom to greet
-- @param times integer=1  how often
for _ = 1, params.times do print("hello " .. params.who) end
LUA
chmod +x hello.lua
PATH="$(dirname "$TIFA"):$PATH" run ./hello.lua 你 --times 2
expect_rc 0 "#!/usr/bin/env tifa"; expect_eq "$OUT" "$(printf 'hello 你\nhello 你')" "shebang script with parameters"
PATH="$(dirname "$TIFA"):$PATH" run ./hello.lua --times x
expect_rc 2 "shebang script: usage error"; expect_err "tifa: hello: bad value 'x' for --times (integer expected)" "named"
run "$TIFA" help ./hello.lua
expect_out "usage: tifa run hello [--times N] [WHO]" "a shebang line before the header"
# }======

# {====== shipped scripts ======
TIFA_PATH="$TIFA_SRC/scripts" run "$TIFA" run kwic 新质生产力 --limit 3 --width 4 --format csv
expect_rc 0 "kwic"
expect_eq "$(head -1 <<<"$OUT" | tr -d '\r')" "id,date,left,match,right" "kwic csv header"
TIFA_PATH="$TIFA_SRC/scripts" run "$TIFA" run kwic 新质生产力 --limit 3 --width 4 --format json
expect_eq "$(grep -o '"match":"[^"]*"' <<<"$OUT" | paste -sd' ')" '"match":"新质生产力" "match":"新质生产力" "match":"新质生产力"' "kwic --limit 3: the matches"
left=$(grep -o '"left":"[^"]*"' <<<"$OUT" | head -1 | cut -d'"' -f4)
expect_eq "$("$TIFA" -e "print(utf8.len([[$left]]))")" "4" "kwic --width 4: four characters before"
TIFA_PATH="$TIFA_SRC/scripts" run "$TIFA" run kwic 新质生产力 --limit 2
expect_eq "$(wc -l <<<"$OUT")" "4" "kwic as a table: header, rule, two lines"
TIFA_PATH="$TIFA_SRC/scripts" run "$TIFA" run kwic
expect_rc 2 "kwic without a term"; expect_err "tifa: kwic: missing required argument TERM" "kwic names the argument"
TIFA_PATH="$TIFA_SRC/scripts" run "$TIFA" run top-words --top 3 --stopwords function --stopwords punct --format json
expect_rc 0 "top-words"
expect_eq "$(grep -o '"word":"[^"]*"' <<<"$OUT" | cut -d'"' -f4 | paste -sd' ')" \
  "$("$TIFA" words -n 3 --stopwords function,punct | awk '{print $3}' | paste -sd' ')" "top-words: the words of tifa words"
# }======

# {====== the sandbox ======
mkdir out
run "$TIFA" run --sandbox -e 'print(1)' x.lua
expect_rc 2 "run options come before the script"
cat >exec.lua <<'LUA'
os.execute("echo escaped > escaped.txt")
LUA
run "$TIFA" run --sandbox exec.lua
expect_rc 1 "os.execute refused"
expect_err "tifa: exec.lua:1: os.execute is not allowed in a sandboxed script" "says so, at the line"
[ ! -e escaped.txt ] && pass || fail "os.execute ran"
run "$TIFA" run exec.lua
[ -e escaped.txt ] && pass || fail "without the sandbox os.execute runs (the test's control)"
rm -f escaped.txt
cat >write.lua <<'LUA'
local name = ...
local f = assert(io.open(name, "w"))
f:write("data")
f:close()
tifa.out.csv({{a = 1}}, {file = name .. ".csv"})
print("wrote " .. name)
LUA
run "$TIFA" run --sandbox --out out write.lua out/inside.txt
expect_rc 0 "writing in --out"; expect_eq "$(cat out/inside.txt)" "data" "the file written"
expect_eq "$(cat out/inside.txt.csv | tr -d '\r' | paste -sd' ')" "a 1" "tifa.out writes in --out too"
run "$TIFA" run --sandbox --out out write.lua outside.txt
expect_rc 1 "writing outside --out"
expect_err "cannot open file 'outside.txt' for writing (outside the output directory '$(cd out && pwd -P)')" "refused, named"
[ ! -e outside.txt ] && pass || fail "a file written outside --out"
run "$TIFA" run --sandbox --out out write.lua out/../outside.txt
expect_rc 1 "'..' out of --out"; [ ! -e outside.txt ] && pass || fail "written through '..'"
run "$TIFA" run --sandbox write.lua out/x.txt
expect_rc 1 "no --out: no writes"; expect_err "a sandboxed script has no output directory" "says so"
run "$TIFA" run --sandbox --out nonexistent write.lua x
expect_rc 1 "--out must exist"; expect_err "cannot use the output directory 'nonexistent'" "named"
printf 'local n = 0\nwhile true do n = n + 1 end\n' >loop.lua
start=$(date +%s)
run "$TIFA" run --sandbox --max-time 1 loop.lua
expect_rc 1 "an endless loop stopped"
expect_eq "$(head -1 <<<"$ERR")" "tifa: loop.lua: script exceeded the time limit (1 s)" "the time limit named"
expect_err "loop.lua:2: in main chunk" "where it was"
[ $(( $(date +%s) - start )) -le 4 ] && pass || fail "stopped after about a second, not $(( $(date +%s) - start )) s"
printf 'while true do pcall(function () while true do end end) end\n' >loop2.lua
run "$TIFA" run --sandbox --max-time 1 loop2.lua
expect_rc 1 "pcall does not keep a stopped script going"; expect_err "script exceeded the time limit (1 s)" "pcall'd loop"
run "$TIFA" run --sandbox --max-instructions 100000 loop.lua
expect_rc 1 "instruction limit"; expect_err "tifa: loop.lua: script exceeded the instruction limit (100000)" "named"
run "$TIFA" run --sandbox --max-mem 16 - <<<'local t = {} for i = 1, 1e9 do t[i] = ("x"):rep(64) .. i end'
expect_rc 1 "memory limit"; expect_err "script exceeded the memory limit (16 MB)" "named"
run "$TIFA" --sandbox -e 'print("in")' -e 'os.exit(3)' -e 'print("never")'
expect_rc 3 "os.exit in the sandbox: its status"; expect_eq "$OUT" "in" "and the run ends there"; expect_eq "$ERR" "" "silently"
run "$TIFA" --max-time 5 -e 'print(1)'
expect_rc 2 "a limit without the sandbox"; expect_err "'--max-time' needs --sandbox" "says so"
run "$TIFA" run --max-time x --sandbox loop.lua
expect_rc 2 "a bad limit"; expect_err "bad value 'x' for --max-time" "named"
run "$TIFA" --sandbox
expect_rc 2 "no prompt in the sandbox"

# a header's @sandbox forces it; the store stays as it was
"$TIFA" -d store.db ingest -q "$TIFA_SEEDS" >/dev/null
sum=$(sha256sum store.db | cut -d' ' -f1)
narticles=$("$TIFA" -d store.db -e 'print(#db:sql("SELECT id FROM article"))')
run "$TIFA" run "$FIX/shared.lua"
expect_rc 1 "@sandbox: os.execute refused without --sandbox"
expect_err "os.execute is not allowed in a sandboxed script" "@sandbox forces the sandbox"
[ ! -e escaped.txt ] && pass || fail "@sandbox: os.execute ran"
run "$TIFA" run --out out "$FIX/shared.lua" --try write
expect_rc 1 "@sandbox with --out: writing in the current directory refused"
run "$TIFA" -d store.db run "$FIX/shared.lua" --try store
expect_rc 0 "store attempts"
expect_out "articles	$narticles	readonly	true" "the store opened read-only"
expect_out "sql	true	nil	attempt to write a read-only database" "DELETE refused"
expect_out "ingest	false" "db:ingest refused"
expect_out "open	false" "tifa.open for writing refused"
expect_out "after	$narticles" "nothing deleted"
expect_eq "$(sha256sum store.db | cut -d' ' -f1)" "$sum" "the store file unchanged"
expect_eq "$("$TIFA" -d store.db -e 'print(#db:sql("SELECT id FROM article"))')" "$narticles" "every article still there"
run "$TIFA" -d none.db --sandbox -e 'print(db)'
expect_rc 1 "the sandbox does not create a store"; [ ! -e none.db ] && pass || fail "none.db created"
# }======
finish
