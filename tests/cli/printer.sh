# printer.sh -- the prompt's printer (host/cli/pretty.c) on the result of every function and
# method of the API: tests/data/printer/plan.lua lists them from help() (the reference in
# docs/*.md) and from tifa's tables and classes, and fails on one that calls.lua has no
# calls for; the calls are typed at `tifa -i` (stdin a pipe, $COLUMNS the width) at 60, 80
# and 120 columns. No call may raise, print "table: 0x…" or print a line wider than the
# width (display width: East Asian wide and fullwidth characters take two columns). Then
# the issue-17 cases: snippets and concordance lines keep their «match» in sight, nested
# results print as trees, db:sql keeps the statement's column order; and one screen in
# tmux at 60 columns.
. "$(dirname "$0")/lib.sh"
export LANG=C.UTF-8 LC_ALL=C.UTF-8
# tifa.graph.svg runs Graphviz, whose fontconfig caches outlive the process under LSan
export LSAN_OPTIONS="suppressions=$TIFA_DATA/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
P="$TIFA_DATA/printer"
command -v python3 >/dev/null || { echo "FAIL: python3 is not installed" >&2; exit 1; }

run "$TIFA" "$P/plan.lua"
expect_rc 0 "every function has calls in calls.lua"
printf '%s\n' "$OUT" > plan.txt

# check.py OUT WIDTH [tmux]: a line per fault, "section: what". help "words" and help(db)
# print the reference themselves (lhelp.c: code examples are not cut) and tifa.out.table
# writes its table whole, as into a file: their lines are not the printer's, so their width
# is not checked (errors and "table: 0x" are)
cat > check.py <<'PY'
import re, sys, unicodedata
path, width = sys.argv[1], int(sys.argv[2])
selfprinted = {"tifa.help #1", "tifa.help #3", "tifa.out.table #1", "tifa.out.table #2"}
def cols(s):
    w = 0
    for ch in s:
        if ch == "\t":                 # to the next tab stop, as terminals do
            w = (w // 8 + 1) * 8
            continue
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Cc", "Cf", "Mn", "Me"):
            continue
        w += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return w
section, seen = "(setup)", set()
for line in open(path, encoding="utf-8"):
    line = line.rstrip("\n")
    if line.startswith("@@ "):
        section = line[3:]
        seen.add(section)
        continue
    if "table: 0x" in line:
        print(f"{section}: prints a table as 'table: 0x': {line}")
    elif re.search(r"\w: 0x[0-9a-f]{6}", line):
        print(f"{section}: prints an address: {line}")
    if re.match(r"^stdin:\d+:", line) or line.startswith("stack traceback"):
        print(f"{section}: raised: {line}")
    if cols(line) > width and section not in selfprinted:
        print(f"{section}: a line of {cols(line)} columns, wider than {width}: {line}")
if "end" not in seen and len(sys.argv) < 4:
    print("the run stopped before the end")
PY

for W in 60 80 120; do
  COLUMNS=$W "$TIFA" -i < plan.txt > "out.$W" 2>&1
  faults=$(python3 check.py "out.$W" "$W")
  [ -z "$faults" ] && pass || fail "at $W columns:
$faults"
done
n=$(grep -c '^@@ ' out.80)
[ "$n" -gt 100 ] && pass || fail "only $n calls were tried"

# section NAME WIDTH: the lines printed for call NAME ("db:search #1") at that width
section () { awk -v s="@@ $1" '$0 == s {on = 1; next} /^@@ / {on = 0} on' "out.$2"; }

# snippets: every hit of db:search at 60 columns shows its match, marked «»
hits=$(section "db:search #1" 60 | tail -n +2)
expect_eq "$(grep -c . <<<"$hits")" "10" "db:search: ten hits"
expect_eq "$(grep -c '«高质量发展»' <<<"$hits")" "10" "db:search at 60 columns: every snippet shows its match"
hits=$(section "db:search #1" 120 | tail -n +2)
expect_eq "$(grep -c '«高质量发展»' <<<"$hits")" "10" "db:search at 120 columns: every snippet shows its match"
# concordance: every line shows the match, in one column
kw=$(section "db:kwic #1" 60 | grep -v '^… ')
expect_eq "$(grep -vc '«高质量发展»' <<<"$kw")" "0" "db:kwic at 60 columns: every line shows the match"
cols=$(while IFS= read -r l; do python3 -c 'import sys, unicodedata as u; s = sys.argv[1]; p = s[:s.index("«")]; print(sum(2 if u.east_asian_width(c) in "WF" else 1 for c in p))' "$l"; done <<<"$kw" | sort -u)
expect_eq "$cols" "$(head -1 <<<"$cols")" "db:kwic: the matches in one column"
# the same mark everywhere: 【】 is page text, not a match
run "$TIFA" search 高质量发展
expect_out "«高质量发展»" "tifa search marks a match with «»"
[ "$(grep -c '【高质量发展】' <<<"$OUT")" = 0 ] && pass || fail "tifa search still marks with 【】"
# nested results are trees, a line per key
cit=$(section "db:citations #2" 60)
expect_ne "$(grep -c . <<<"$cit")" "1" "db:citations{top = 3}: more than one line"
grep -q '^documents:' <<<"$cit" && pass || fail "db:citations: 'documents:' on a line of its own: $cit"
grep -q '^directed = true' <<<"$cit" && pass || fail "db:citations: 'directed = true' on a line: $cit"
disp=$(section "db:dispersion #1" 60)
grep -q '^juilland_d = ' <<<"$disp" && pass || fail "db:dispersion: its measures a line each: $disp"
grep -q '^id  article' <<<"$disp" && pass || fail "db:dispersion: its rows as a table: $disp"
# db:sql: the statement's column order; SELECT * shows id and date
expect_eq "$(section "db:sql #1" 120 | head -1 | tr -s ' ')" "id outlet title date" "db:sql: the SELECT's order"
star=$(section "db:sql #2" 120 | head -1)
[[ "$star" == "id  file_id  seq  title"* ]] && pass || fail "SELECT *: the table's order: $star"
grep -q ' date ' <<<"$star" && pass || fail "SELECT *: date is shown: $star"
expect_eq "$(section "db:sql #4" 80 | tr -s ' ')" "id" "db:sql with no rows: its columns"
run "$TIFA" -e 'local r = db:sql("SELECT title, id FROM article") assert(r.columns[1] == "title" and r.columns[2] == "id" and #r.columns == 2) assert(#r == 13) for k in pairs(r) do assert(math.type(k) == "integer") end'
expect_rc 0 "rows.columns, the list holding only rows"

# one screen in a real terminal at 60 columns (the tmux helpers of repl.sh)
if command -v tmux >/dev/null; then
  export HOME="$WORK/home" XDG_DATA_HOME=
  mkdir -p "$HOME"
  . "$(dirname "$0")/tmux.inc"
  tmux_server tifa-printer
  tmux_start 60 50 "$TIFA"
  wait_for "tifa> " || fail "tmux: no prompt: $(screen)"
  T send-keys -t r -l -- 'db:search("高质量发展")'
  T send-keys -t r Enter
  wait_for "«高质量发展»奋力" || fail "tmux: no hits: $(screen)"
  screen | sed -n '/^tifa> db:search/,$p' > tmux.60  # the banner is repl.c's
  faults=$(python3 check.py tmux.60 60 tmux)
  [ -z "$faults" ] && pass || fail "tmux at 60 columns:
$faults
$(cat tmux.60)"
  expect_eq "$(grep -c '«高质量发展»' tmux.60)" "10" "tmux at 60 columns: every snippet shows its match"
  # tifa search on a terminal cuts its snippets to the width around the match too
  T kill-server 2>/dev/null; sleep 0.3
  tmux_start 60 50 "$TIFA search 高质量发展"
  wait_for "[exited]" || fail "tmux: tifa search did not finish: $(screen)"
  screen | grep -v '^\[exited\]' > search.60
  faults=$(python3 check.py search.60 60 tmux)
  [ -z "$faults" ] && pass || fail "tifa search at 60 columns:
$faults"
  expect_eq "$(grep -c '^     .*«高质量发展»' search.60)" "10" "tifa search at 60 columns: every snippet shows its match"
  T kill-server 2>/dev/null
else
  fail "tmux is not installed (setup.sh installs it)"
fi
finish
