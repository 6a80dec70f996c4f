# script_parts.sh -- a Lua script's parts and merge ('tifa part script', 'tifa merge
# --script'): a script counting a word per shard (matches, articles, matches by year) and
# summing the counts gives, on 3 shards, the answer computed directly on one store holding the
# same files; its values keep their types (integers, floats to the bit, strings, nesting);
# the parts come to merge() in shard order whatever the order given; and the errors: a value
# JSON cannot hold (named by its path), a missing shard, a shard twice, a part cut short,
# parts of two scripts or of another script, a Lua error with its line, usage errors.
. "$(dirname "$0")/lib.sh"
F=("$TIFA_SEEDS" "$TIFA_DATA/layout" "$TIFA_DATA/genres" "$TIFA_DATA/gongwen")

run "$TIFA" -d one.db ingest -q "${F[@]}"
expect_rc 0 "ingest one store"
run "$TIFA" -d corp ingest -q --shards 3 "${F[@]}"
expect_rc 0 "ingest 3 shards"

# the word's matches, the articles with it and the matches by year: per shard, then summed
cat >years.lua <<'EOF'
-- years.lua: a word's matches, articles and matches by year, on a corpus of shards
function part(db, word)
  local total, per = assert(db:count(word))
  local years, articles = {}, 0
  for id, n in pairs(per) do
    local y = (db:article(id).date or "none"):sub(1, 4)
    years[y] = (years[y] or 0) + n
    articles = articles + 1
  end
  return {total = total, articles = articles, years = years}
end

function merge(parts, word)
  local total, articles, years = 0, 0, {}
  for i = 1, parts.n do
    local p = parts[i]
    total, articles = total + p.total, articles + p.articles
    for y, n in pairs(p.years) do years[y] = (years[y] or 0) + n end
  end
  local ys = {}
  for y in pairs(years) do ys[#ys + 1] = y end
  table.sort(ys)
  print(word, total, articles, math.type(total))
  for _, y in ipairs(ys) do print(y, years[y]) end
end
EOF
# the same answer computed directly on a db, without part or merge
direct='local word = "发展"
local total, per = assert(db:count(word))
local years, articles = {}, 0
for id, n in pairs(per) do
  local y = (db:article(id).date or "none"):sub(1, 4)
  years[y] = (years[y] or 0) + n
  articles = articles + 1
end
local ys = {}
for y in pairs(years) do ys[#ys + 1] = y end
table.sort(ys)
print(word, total, articles, math.type(total))
for _, y in ipairs(ys) do print(y, years[y]) end'
"$TIFA" -d one.db -e "$direct" >one.out
expect_eq "$?" 0 "the direct answer on one store"
[ "$(wc -l <one.out)" -gt 2 ] && [ "$(head -1 one.out | cut -f2)" -gt 0 ] && pass \
  || fail "the direct answer has matches and years: $(cat one.out)"

for s in 1 2 3; do
  run "$TIFA" -d corp part script --shard $s years.lua 发展
  expect_rc 0 "part of shard $s"
  printf '%s\n' "$OUT" >p$s
done
head -1 p2 | grep -q '"analytic":"script","args":{"script":"'"$(pwd -P)"'/years.lua","hash":"fnv1a64:[0-9a-f]\{16\}","args":\["发展"\]},"shard":2,"shards":3,"corpus":"[0-9a-f]\{32\}"}$' \
  && pass || fail "the header: $(head -1 p2)"
expect_eq "$(sed -n 3p p2)" '{"end":1}' "the trailer"
expect_eq "$(wc -l <p2)" 3 "a header, one record, a trailer"
run "$TIFA" merge --script years.lua p1 p2 p3
expect_rc 0 "merge --script"
expect_eq "$OUT" "$(cat one.out)" "3 shards' parts merged give one store's answer"
run "$TIFA" merge --script years.lua p3 p1 p2
expect_eq "$OUT" "$(cat one.out)" "the order of the parts given does not matter"
# a store's own part, merged alone
run "$TIFA" -d one.db part script years.lua 发展
expect_rc 0 "a store's part"
printf '%s\n' "$OUT" >one.p
head -1 one.p | grep -q '"shard":0,"shards":1,"corpus":null}$' && pass || fail "a store's header: $(head -1 one.p)"
run "$TIFA" merge --script years.lua one.p
expect_eq "$OUT" "$(cat one.out)" "a store's part merged alone"
# the sandbox gives the same parts
run "$TIFA" -d corp part script --sandbox --shard 2 years.lua 发展
expect_rc 0 "a sandboxed part"
expect_eq "$OUT" "$(cat p2)" "the sandboxed part is the same"
run "$TIFA" merge --script years.lua --sandbox p1 p2 p3
expect_eq "$OUT" "$(cat one.out)" "a sandboxed merge"
# the parts merged without the script: the values in shard order
run "$TIFA" merge p3 p2 p1
expect_rc 0 "merge without --script"
expect_eq "$(sed -n '2,4p' <<<"$OUT" | cut -c1-10 | tr '\n' ' ')" '{"shard":1 {"shard":2 {"shard":3 ' "values in shard order"

# values keep their types; the parts come in shard order; returned values are printed
cat >types.lua <<'EOF'
function part(db, a, b)
  return {shard = db.path:match("s(%d+)%.db$"), i = 3, f = 3.0, third = 1 / 3, big = math.maxinteger,
          neg = -2.5e-300, s = "文本\"\\\n", t = true, no = false, list = {1, "a", {x = {y = 1}}},
          empty = {}, args = {a, b}}
end
function merge(parts, a, b)
  local out = {}
  for i = 1, parts.n do
    local v = parts[i]
    out[#out + 1] = table.concat({v.shard, math.type(v.i), math.type(v.f), string.format("%a", v.third),
      tostring(v.big == math.maxinteger), string.format("%a", v.neg), tostring(v.s == "文本\"\\\n"),
      tostring(v.t), tostring(v.no), v.list[2], tostring(v.list[3].x.y), tostring(#v.empty),
      v.args[1], v.args[2]}, " ")
  end
  print(table.concat(out, "|"))
  return parts.n, a .. b
end
EOF
for s in 1 2 3; do "$TIFA" -d corp part script --shard $s types.lua 甲 乙 >t$s || fail "types part $s"; done
run "$TIFA" merge --script types.lua t2 t3 t1
expect_rc 0 "merge of typed values"
hex () { "$TIFA" -e "io.write(string.format('%a', $1))"; }     # the float as Lua writes it
row=$(printf '%s integer float %s true %s true true false a 1 0 甲 乙' "@" "$(hex 1/3)" "$(hex -2.5e-300)")
expect_eq "$(head -1 <<<"$OUT")" "${row/@/1}|${row/@/2}|${row/@/3}" "types kept, parts in shard order"
expect_eq "$(sed -n 2p <<<"$OUT")" "$(printf '3\t甲乙')" "merge's returned values printed"

# a part of nil leaves a hole: parts.n counts it; a header's @sandbox is honoured by both
cat >holes.lua <<'EOF'
-- holes: a part of nil on shard 2
-- @sandbox
function part(db)
  if db.path:match("s2%.db$") then return nil end
  return pcall(os.execute, "true")
end
function merge(parts)
  print(parts.n, #parts >= 0, parts[1], parts[2], parts[3], pcall(os.execute, "true"))
end
EOF
for s in 1 2 3; do "$TIFA" -d corp part script --shard $s holes.lua >h$s || fail "holes part $s"; done
expect_eq "$(sed -n 2p h2)" '{"value":null}' "nil is null"
run "$TIFA" merge --script holes.lua h1 h2 h3
expect_rc 0 "merge with a hole"
expect_eq "$OUT" "$(printf '3\ttrue\tfalse\tnil\tfalse\tfalse\tos.execute is not allowed in a sandboxed script')" \
  "parts.n, the hole, @sandbox in part and merge"

# a value JSON cannot hold, named by its path; nothing written
cat >bad.lua <<'EOF'
function part(db, kind)
  if kind == "fn" then return {1, 2, {x = print}} end
  if kind == "nan" then return {a = {0/0}} end
  if kind == "nul" then return {"a\0b"} end
  if kind == "mixed" then return {1, x = 2} end
  if kind == "cycle" then local t = {} t.self = {t} return t end
  if kind == "sparse" then return {[1] = 1, [3] = 3} end
  if kind == "err" then
    error("no such kind")
  end
  return kind
end
function merge(parts)
  local x = parts[1] .. nil
end
EOF
for spec in "fn|part returned a function at [3].x" "nan|part returned NaN at a[1]" \
            "nul|part returned a string with a zero byte at [1]" \
            "mixed|part returned a table with both string and integer keys" \
            "cycle|part returned a table that contains itself at self[1]" \
            "sparse|part returned a table whose integer keys are not 1..n"; do
  run "$TIFA" -d corp part script --shard 1 bad.lua "${spec%%|*}"
  expect_rc 1 "${spec%%|*}: exit 1"
  expect_err "bad.lua: ${spec#*|}" "${spec%%|*}: the message"
  expect_eq "$OUT" "" "${spec%%|*}: no part written"
done
run "$TIFA" -d corp part script --shard 1 bad.lua err
expect_rc 1 "a Lua error in part"
expect_err "bad.lua:9: no such kind" "Lua's message with the script's line"
expect_eq "$OUT" "" "no part written after an error"
"$TIFA" -d corp part script --shard 1 bad.lua ok >b1 && "$TIFA" -d corp part script --shard 2 bad.lua ok >b2 \
  && "$TIFA" -d corp part script --shard 3 bad.lua ok >b3
expect_eq "$?" 0 "bad.lua's plain parts"
run "$TIFA" merge --script bad.lua b1 b2 b3
expect_rc 1 "a Lua error in merge"
expect_err "bad.lua:14: attempt to concatenate a nil value" "merge's error with its line"

# bad sets of parts: named, exit 1
run "$TIFA" merge --script years.lua p1 p3
expect_rc 1 "a missing shard"; expect_err "missing shard 2 of 3" "says which"
run "$TIFA" merge --script years.lua p1 p2 p2 p3
expect_rc 1 "a shard twice"; expect_err "shard 2 given twice (part 'p2')" "says which"
head -2 p3 >p3cut
run "$TIFA" merge --script years.lua p1 p2 p3cut
expect_rc 1 "a part cut short"; expect_err "part 'p3cut' ends early" "names the file"
run "$TIFA" merge --script years.lua p1 b2 p3
expect_rc 1 "parts of two scripts"; expect_err "parts 'p1' and 'b2' are of different requests" "names them"
run "$TIFA" merge --script bad.lua p1 p2 p3
expect_rc 1 "parts of another script"; expect_err "the parts are of another script ('$(pwd -P)/years.lua'" "says whose"
"$TIFA" -d corp part script --shard 2 years.lua 改革 >q2
run "$TIFA" merge --script years.lua p1 q2 p3
expect_rc 1 "parts of other arguments"; expect_err "are of different requests" "refused"
cp years.lua edited.lua
for s in 1 2 3; do "$TIFA" -d corp part script --shard $s edited.lua 发展 >e$s; done
echo "-- edited" >>edited.lua
run "$TIFA" merge --script edited.lua e1 e2 e3
expect_rc 1 "a script changed since its parts"; expect_err "the parts are of another script" "by its hash"
run "$TIFA" -d one.db part count 发展
printf '%s\n' "$OUT" >c1
run "$TIFA" merge --script years.lua c1
expect_rc 1 "the part of a built-in analytic"; expect_err "not of a script (count)" "says so"

# in the sandbox, what 'run --sandbox' refuses is refused
cat >popen.lua <<'EOF'
function part(db) return io.popen("true") ~= nil end
function merge(parts) end
EOF
run "$TIFA" -d corp part script --sandbox --shard 1 popen.lua
expect_rc 1 "sandboxed io.popen"; expect_err "io.popen is not allowed in a sandboxed script" "refused"

# usage errors
run "$TIFA" -d corp part script years.lua 发展
expect_rc 2 "a corpus needs --shard"; expect_err "part needs --shard S" "says so"
run "$TIFA" -d one.db part script --shard 1 years.lua 发展
expect_rc 2 "--shard on a store"; expect_err "is a store" "says so"
run "$TIFA" -d corp part script --shard 1
expect_rc 2 "no script"; expect_err "part script needs a script" "says so"
run "$TIFA" -d corp part script --shard 1 nosuch.lua
expect_rc 1 "no such script"; expect_err "nosuch.lua" "names it"
echo 'function merge() end' >nopart.lua
run "$TIFA" -d corp part script --shard 1 nopart.lua
expect_rc 1 "no part function"; expect_err "defines no function 'part'" "says so"
run "$TIFA" merge --script years.lua --by-doc p1 p2 p3
expect_rc 2 "--by-doc with --script"
run "$TIFA" merge --sandbox p1 p2 p3
expect_rc 2 "--sandbox without --script"
run "$TIFA" part script --help
expect_rc 0 "help"; expect_out "part(db, ...)" "the convention"
finish
