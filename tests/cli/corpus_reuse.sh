# corpus_reuse.sh -- db:reuse, db:duplicates and db:similar on a corpus of shards read every
# shard at once: 'tifa -d corp run' gives what 'tifa -d one.db run' gives on a store holding
# the same files (document frequencies, formulaic n-grams and candidates are the corpus's),
# compared by provenance (file, seq) since ids differ; results carry the corpus's ids.
. "$(dirname "$0")/lib.sh"

# four articles sharing a passage of 40 characters, named so that two go to shard 1 and two
# to shard 2 (route, lib.sh): at
# max_df 3 the passage is formulaic over the corpus (in 4 articles) but not in either shard
mkdir gen
GEN=$(cd gen && pwd -P)
names= n1=0 n2=0
for i in $(seq 1 100); do
  case $(route "$GEN/g$i.md" 3) in
    1) [ $n1 -lt 2 ] && { names="$names g$i.md"; n1=$((n1 + 1)); } ;;
    2) [ $n2 -lt 2 ] && { names="$names g$i.md"; n2=$((n2 + 1)); } ;;
  esac
done
cat > gen.lua <<'LUA'
math.randomseed(7)
local function cjk (n)
  local t = {}
  for i = 1, n do t[i] = utf8.char(0x4E00 + math.random(0, 20900)) end
  return table.concat(t)
end
local shared = cjk(40)
for _, name in ipairs{...} do
  local f = assert(io.open("gen/" .. name, "w"))
  f:write("# ", cjk(12), "\n\n", cjk(150), "。\n\n", shared, "。\n\n", cjk(150), "。\n")
  f:close()
end
LUA
"$TIFA" run gen.lua $names
expect_eq "$(ls gen | wc -l)" 4 "four generated articles"
twin "${FIXTURES[@]}" "$TIFA_DATA/reuse" gen

# Every result as lines, sorted: articles by file#seq; an undirected pair's sides (the lower
# id is its source) in provenance order, without chars (the source side's count); a
# cluster's members sorted, its first printing by full date only (one day's follow ids);
# scores and similarities to the bit (%a). Then a line of what the ids look like.
cat > s.lua <<'LUA'
local lines = {}
local function out (...) lines[#lines + 1] = table.concat({...}, " | ") end
local function where (a) return a.file .. "#" .. a.seq end
local function side (s)
  return string.format("%s %s %d-%d p%s [%s]", where(s.article), s.field, s.from, s.to,
                       tostring(s.paragraph), s.text)
end
local opts = {default = {}, within = {within = true}, maxdf3 = {max_df = 3, min_chars = 12},
              days = {within_days = 1}, formulaic = {formulaic = {"进一步形成大保护大开放高质量发展新格局"}}}
local big = 0
for name, o in pairs(opts) do
  for _, p in ipairs(db:reuse(o)) do
    local a, b = side(p.source), side(p.target)
    local undirected = not p.directed and p.source.id ~= p.target.id
    if undirected and a > b then a, b = b, a end
    out("reuse " .. name, a, b, undirected and "-" or p.chars, p.edits, tostring(p.directed), tostring(p.days))
    if p.source.id >= 10000000000 then big = big + 1 end
  end
end
for _, th in ipairs{0.8, 0.5, 0.2} do
  local d = db:duplicates{threshold = th}
  for _, c in ipairs(d) do
    local m = {}
    for i, a in ipairs(c.articles) do m[i] = where(a) end
    table.sort(m)
    local first = c.articles[1].date
    out("dup " .. th, string.format("%a", c.similarity), table.concat(m, " "),
        first and #first == 10 and first or "-")
    for _, id in ipairs(c.ids) do assert(d.canonical[id] == c.ids[1]) end
  end
end
local all = {}                                  -- every third article by (file, seq)
for a in db:articles() do all[#all + 1] = a end
table.sort(all, function (x, y) return where(x) < where(y) end)
for i = 1, #all, 3 do
  local a = all[i]
  for _, h in ipairs(db:similar(a, {top = 1000})) do
    out("similar " .. where(a), where(h.article), string.format("%a", h.score), table.concat(h.shared, " "))
  end
  for _, h in ipairs(a:similar{top = 2}) do assert(h.id ~= a.id and h.article.id == h.id) end
end
table.sort(lines)
for _, l in ipairs(lines) do print(l) end
io.stderr:write(string.format("%d lines, %d pairs of corpus ids\n", #lines, big))
LUA

run "$TIFA" -d one.db run s.lua
expect_rc 0 "the analytics on one store"
echo "$OUT" > one.txt
expect_err " 0 pairs of corpus ids" "one store: its own ids"
run "$TIFA" -d corp run s.lua
expect_rc 0 "the analytics on the corpus"
echo "$OUT" > corp.txt
[ "$(grep -c '^reuse default' one.txt)" -gt 20 ] && pass || fail "the fixture reuses: the test has matter"
grep -q '^dup ' one.txt && grep -q '^similar ' one.txt && pass || fail "clusters and similar articles"
cmp -s one.txt corp.txt && pass || fail "corpus != one store: $(diff one.txt corp.txt | head -8)"
grep -q "^[1-9][0-9]* lines, [1-9][0-9]* pairs of corpus ids" <<<"$ERR" && pass \
  || fail "the corpus's results carry its ids: $ERR"

# max_df counts the corpus: the generated passage pairs in shards 1 and 2 alone, not in the
# corpus; at the default max_df (12) the corpus pairs the four articles 6 ways
genpairs='local n = 0
for _, p in ipairs(db:reuse{max_df = 3}) do
  if p.source.article.file:find("/gen/g") and p.target.article.file:find("/gen/g") then n = n + 1 end
end
print(n)'
for k in 1 2; do
  run "$TIFA" -d corp/s$k.db -e "$genpairs"
  expect_eq "$OUT" 1 "shard $k alone pairs its two generated articles"
done
run "$TIFA" -d corp -e "$genpairs"
expect_rc 0 "reuse on the corpus with -e"
expect_eq "$OUT" 0 "the passage is formulaic over the corpus"
run "$TIFA" -d corp -e "${genpairs/max_df = 3/max_df = 12}"
expect_eq "$OUT" 6 "at max_df 12 the corpus pairs the four articles 6 ways"

run "$TIFA" -d corp -e 'db:reuse{max_df = "x"}'
expect_rc 1 "a bad option on a corpus"; expect_err "field 'max_df' must be an integer" "a bad option on a corpus"
run "$TIFA" -d corp -e 'print(db:similar(7))'
expect_rc 0 "similar to an id of no shard"; expect_out "article 7 not found" "similar: fail, msg"
finish
