# repl_interrupt.sh -- Ctrl-C at the prompt while an analytic runs in C: db:reuse() on a
# store big enough to take seconds (synthetic articles: sentences of random characters drawn
# from a pool, each sentence in a few articles) must give the prompt back at once, leave the
# store as it was and leave the prompt working. tifa runs in a tmux pane as in repl.sh.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/tmux.inc"
export HOME="$WORK/home" LANG=C.UTF-8 LC_ALL=C.UTF-8 XDG_DATA_HOME=
mkdir -p "$HOME"
tmux_server tifa-repl-int
WAIT_STEP=0.01                          # the interrupt is timed: poll the screen often
now () { date +%s.%N; }
secs () { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

# 2000 articles of 60 sentences from a pool of 20000 (each sentence in about six articles)
LC_ALL=C awk -v N=2000 -v S=60 -v P=20000 '
  function ch(cp) { return sprintf("%c%c%c", 224 + int(cp / 4096), 128 + int(cp / 64) % 64, 128 + cp % 64) }
  BEGIN {
    srand(17)
    for (p = 0; p < P; p++) {
      s = ""; len = 20 + int(rand() * 20)
      for (k = 0; k < len; k++) s = s ch(19968 + int(rand() * 3000))
      pool[p] = s "。"
    }
    for (d = 0; d < N; d++) {
      t = ""
      for (k = 0; k < S; k++) t = t pool[int(rand() * P)]
      printf "{\"title\": \"文章%d\", \"date\": \"2024-01-%02d\", \"outlet\": \"测试\", \"text\": \"%s\"}\n", d, 1 + d % 28, t
    }
  }' >big.jsonl
run "$TIFA" -d big.db ingest -q big.jsonl
expect_rc 0 "ingest the synthetic corpus"
cat >digest.lua <<'LUA'
local r = db:sql("SELECT count(*) AS n, sum(length(text)) AS len, group_concat(title) AS t FROM article")[1]
print(r.n, r.len, #r.t)
LUA
run "$TIFA" -d big.db run digest.lua
sum=$OUT

tmux_start 100 40 "$TIFA -d big.db"
wait_for "tifa> " 20 && pass || fail "no prompt: $(screen)"
line 'db:count("文章")'               # opens the lazy db first
wait_for "2000" 20 && pass || fail "the store is not open: $(screen)"
# the whole run, for comparison
T clear-history -t r; keys C-l
sleep 0.3
t0=$(now)
line 'r = db:reuse() print(("pairs "):upper() .. #r)'
wait_for "PAIRS " 120 && pass || fail "db:reuse() does not end: $(screen)"
full=$(secs "$t0" "$(now)")
echo "db:reuse() uninterrupted: ${full}s"
line 'r = nil collectgarbage() print(("collected"):upper())'
wait_for "COLLECTED" 60
# interrupt_after SECONDS [LATE]: Ctrl-C that long into db:reuse(); the prompt must come back
# at once. LATE: the run may have ended by then (a note, not a failure).
interrupt_after () {
  local t0 took
  T clear-history -t r; keys C-l
  sleep 0.3
  line 'r = db:reuse()'
  sleep "$1"
  t0=$(now)
  keys C-c
  if wait_for "interrupted" 5; then
    took=$(secs "$t0" "$(now)")
    echo "db:reuse() stopped ${took}s after Ctrl-C at ${1}s"
    # a check every few milliseconds stops it at once (0.5 s is lenient for a loaded machine)
    awk -v t="$took" -v f="$full" 'BEGIN { exit !(t < 0.5 || (t < 1 && t < f / 4)) }' && pass ||
      fail "db:reuse() took ${took}s to stop after Ctrl-C at ${1}s (${full}s in all)"
    line '(r == nil and "nothing kept " or "kept ") .. (db:count("文章"))'
    wait_for "nothing kept 2000" 10 && pass || fail "the prompt does not work after the interrupt: $(screen)"
  else
    line '(r == nil and "nothing kept " or "kept ") .. (db:count("文章"))'
    if [ $# -gt 1 ] && wait_for "kept 2000" 10 && ! screen | grep -qF "nothing kept 2000"; then
      echo "note: db:reuse() had ended before Ctrl-C at ${1}s"
    else
      fail "Ctrl-C at ${1}s did not stop db:reuse(): $(screen)"
    fi
  fi
}
if awk -v f="$full" 'BEGIN { exit !(f >= 2) }'; then
  interrupt_after 1                                 # while C pairs and aligns
  interrupt_after "$(awk -v f="$full" 'BEGIN { printf "%.2f", f * 0.7 }')" late   # results to Lua
else
  echo "note: db:reuse() takes ${full}s here, too little to interrupt it in the middle"
fi
line '"still" .. " here"'
wait_for "still here" 10 && pass || fail "the prompt is gone: $(screen)"
keys C-d
wait_for "[exited]" 10 && pass || fail "Ctrl-D does not leave: $(screen)"
run "$TIFA" -d big.db run digest.lua
expect_eq "$OUT" "$sum" "the store is unchanged"
finish
