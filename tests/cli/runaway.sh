# runaway.sh -- scripts that never end, allocate without bound or recurse without bound, run
# by the program in the sandbox (its limits stop them) and outside it (Ctrl-C, the memory
# the system gives, Lua's stack limits stop them): a clear message each time, exit 1, the
# store unchanged, and the REPL still up after each.
. "$(dirname "$0")/lib.sh"

# a store to run against, so that "unchanged" can be checked
run "$TIFA" -d s.db ingest -q "$TIFA_SEEDS"
expect_rc 0 "ingest the seeds"
sum0=$(sha256sum s.db | cut -d' ' -f1)

LOOP='local n = 0 while true do n = n + 1 end'
GROW='local t = {} while true do t[#t + 1] = db:article(1).text .. #t end'
RECURSE='local function f(n) return 1 + f(n + 1) end return f(1)'
CRECURSE='local t = setmetatable({}, {__index = function (t, k) return t[k] end}) return t.x'
DEEP='local t = {} for i = 1, 200000 do t = {t} end tifa.out.json(t, {file = "deep.json"})'

# --- in the sandbox: each limit stops its script, with the script's name --------------------
printf '%s\n' "$LOOP" >loop.lua
run timeout 300 "$TIFA" -d s.db run --sandbox --max-time 1 loop.lua
expect_rc 1 "sandbox: endless loop"
expect_err "loop.lua: script exceeded the time limit (1 s)" "sandbox: the time limit named"

run timeout 300 "$TIFA" -d s.db run --sandbox --max-instructions 1000000 loop.lua
expect_rc 1 "sandbox: instruction limit"
expect_err "script exceeded the instruction limit (1000000)" "sandbox: the instruction limit named"

printf '%s\n' "$GROW" >grow.lua
run timeout 300 "$TIFA" -d s.db run --sandbox --max-mem 64 grow.lua
expect_rc 1 "sandbox: unbounded allocation"
expect_err "grow.lua: script exceeded the memory limit (64 MB)" "sandbox: the memory limit named"

printf '%s\n' "$RECURSE" >recurse.lua
run timeout 300 "$TIFA" -d s.db run --sandbox recurse.lua
expect_rc 1 "sandbox: unbounded recursion"
expect_err "stack overflow" "sandbox: Lua's stack overflow"
expect_err "recurse.lua:" "sandbox: the script named"

printf '%s\n' "$CRECURSE" >crecurse.lua
run timeout 300 "$TIFA" -d s.db run --sandbox crecurse.lua
expect_rc 1 "sandbox: recursion through metamethods"
expect_err "C stack overflow" "sandbox: C stack overflow"

mkdir -p out
printf '%s\n' "$DEEP" >deep.lua
run timeout 300 "$TIFA" -d s.db run --sandbox --out out deep.lua
expect_rc 1 "sandbox: a table nested 200000 deep written as JSON"
expect_err "nesting deeper than" "sandbox: the nesting named"

# --- outside the sandbox -------------------------------------------------------------------
run timeout 300 "$TIFA" -d s.db run recurse.lua
expect_rc 1 "unbounded recursion"
expect_err "stack overflow" "Lua's stack overflow"

run timeout 300 "$TIFA" -d s.db run crecurse.lua
expect_rc 1 "recursion through metamethods"
expect_err "C stack overflow" "C stack overflow"

run timeout 300 "$TIFA" -d s.db run deep.lua
expect_rc 1 "a table nested 200000 deep written as JSON"
expect_err "nesting deeper than" "the nesting named"

# Ctrl-C stops an endless loop: "interrupted!", exit 1 (the signal is sent once the loop runs)
printf 'io.stdout:write("looping\\n") io.stdout:flush()\n%s\n' "$LOOP" >loop2.lua
"$TIFA" -d s.db run loop2.lua >int.out 2>int.err &
pid=$!
for _ in $(seq 600); do grep -q looping int.out 2>/dev/null && break; sleep 0.1; done
kill -INT "$pid"
wait "$pid"
RC=$?; ERR=$(cat int.err)
expect_rc 1 "endless loop, interrupted"
expect_err "interrupted!" "Ctrl-C named"

# unbounded allocation ends with "not enough memory" (Lua's words; SQLite's "out of memory"
# when SQLite is the one refused) when the system says no (an address-
# space limit; the sanitizers reserve terabytes of address space, so not under them)
if [ -z "${TIFA_SANITIZE:-}" ]; then
  run bash -c "ulimit -v 800000; exec timeout 120 '$TIFA' -d s.db run grow.lua"
  expect_rc 1 "unbounded allocation"
  grep -qE "not enough memory|out of memory" <<<"$ERR" && pass || fail "out of memory named: $ERR"
  run bash -c "ulimit -v 800000; exec timeout 120 '$TIFA' -d s.db -e 'local t = {} while true do t[#t + 1] = db:kwic(\"发展\") end'"
  expect_rc 1 "unbounded allocation in C (kwic results kept)"
  grep -qE "not enough memory|out of memory" <<<"$ERR" && pass || fail "out of memory in C named: $ERR"
fi

# the REPL stays up after each: a recursion, a C recursion, a deep table, then a query
run timeout 300 "$TIFA" -d s.db <<EOF
$RECURSE
$CRECURSE
$DEEP
print("still here", #db:search("发展", {limit = 3}))
EOF
expect_out "still here	3" "the REPL goes on after the runaways"
grep -c "stack overflow" <<<"$ERR$OUT" | { read -r n; [ "$n" -ge 2 ]; } && pass || fail "the REPL reports both overflows: $ERR"

# nothing of it touched the store
expect_eq "$(sha256sum s.db | cut -d' ' -f1)" "$sum0" "the store is unchanged"
run "$TIFA" -d s.db -e 'local n = 0 for _ in db:articles() do n = n + 1 end print(db:sql("PRAGMA integrity_check")[1].integrity_check, n)'
expect_out "ok	13" "the store is whole"

finish
