# corpus_lexis.sh -- the lexis methods on a corpus of shards (docs/shards.md): one script run on
# a store and on a 3-shard corpus of the same files prints the same answers of db:keywords,
# db:keyness, db:collocates, db:summary, db:distinctive and db:freq{by = ...} (and a:keywords,
# a:summary), ids turned into (file, seq), scores to the last bit: the counts, document
# frequencies and references are the corpus's, and what is summed in floating point is summed
# in an order the articles' ids do not change.
. "$(dirname "$0")/lib.sh"

twin "${FIXTURES[@]}"

cat > s.lua <<'LUA'
-- every lexis method, canonical: ids become "file#seq", sets sorted, scores to the last bit
local keyof = {}
local function key (id)
  id = math.tointeger(tonumber(id))
  local k = keyof[id]
  if not k then
    local a = assert(db:article(id))
    k = a.file .. "#" .. a.seq
    keyof[id] = k
  end
  return k
end
local function sorted (t) table.sort(t) return t end
local function g (x) return string.format("%.17g", x) end
local out = {}
local function say (...) out[#out + 1] = table.concat({...}, "\t") end

local sel = db:select("高质量发展")
local sets = {{name = "all"}, {name = "since", set = {since = "2024-01-01"}},
              {name = "outlet", set = {outlet = "人民网"}}, {name = "select", set = sel},
              {name = "title", set = {title = "发展"}}}
local function articles (set)             -- the set's articles, by key
  local l = {}
  if set == nil then for a in db:articles() do l[#l + 1] = a end
  elseif getmetatable(set) then for _, a in ipairs(set) do l[#l + 1] = a end
  else for a in db:articles(set) do l[#l + 1] = a end end
  table.sort(l, function (a, b) return key(a.id) < key(b.id) end)
  return l
end
for _, s in ipairs(sets) do say("set", s.name, #articles(s.set)) end

-- keywords: in their order (ties: by bytes)
local function kw (label, k)
  say("keywords", label, #k)
  for _, x in ipairs(k) do say(x.word, g(x.score), x.count, x.words) end
end
local kwopts = {{}, {top = 25, phrases = true}, {method = "textrank", top = 25},
                {method = "textrank", phrases = true, singles = true, window = 3, top = 30},
                {top = 15, stopwords = "function", singles = true}}
for _, s in ipairs(sets) do
  for i, o in ipairs(kwopts) do kw(s.name .. " " .. i, db:keywords(s.set, o)) end
end
for i, a in ipairs(articles(sel)) do        -- an article's own: the corpus's idf
  if i > 3 then break end
  kw("article " .. key(a.id), a:keywords{top = 12, phrases = true})
  kw("db article " .. key(a.id), db:keywords({a}, {method = "textrank", top = 8}))
end

-- keyness: target against the rest, against another set, by groups
local function kn (label, rows, t)
  say("keyness", label, #rows, t and t.target_tokens or "-", t and t.reference_tokens or "-")
  for _, r in ipairs(rows) do
    say(r.word, r.target_count, r.reference_count, g(r.ll), g(r.log_ratio), g(r.p), r.sig, r.direction)
  end
end
for _, s in ipairs(sets) do
  if s.set then
    kn(s.name .. " rest", db:keyness(s.set, nil, {top = 30}))
    kn(s.name .. " lr over", db:keyness(s.set, nil, {measure = "log_ratio", direction = "over", top = 20, min = 5}))
    kn(s.name .. " under", db:keyness(s.set, nil, {direction = "under", top = 15, stopwords = "function"}))
  end
end
kn("since vs outlet", db:keyness({since = "2024-01-01"}, {outlet = "人民网"}, {top = 25}))
kn("select vs title", db:keyness(sel, {title = "发展"}, {top = 25, measure = "log_ratio"}))
say("keyness empty", tostring(select(2, db:keyness({outlet = "没有这个"}))),
    tostring(select(2, db:keyness(sel, {outlet = "没有这个"}))))
for _, by in ipairs{"year", "outlet", "month", "article"} do
  for _, s in ipairs{sets[1], sets[2], sets[4]} do
    local gs = db:keyness(s.set, nil, {by = by, top = 8})
    local l = {}
    for _, x in ipairs(gs) do
      local name = by == "article" and key(x.group) or x.group
      local t = {name, x.articles, x.target_tokens, x.reference_tokens}
      for _, r in ipairs(x.rows) do
        t[#t + 1] = table.concat({r.word, r.target_count, r.reference_count, g(r.ll), g(r.log_ratio), r.direction}, ",")
      end
      l[#l + 1] = table.concat(t, " ")
    end
    say("keyness by", by, s.name, #gs)
    for _, x in ipairs(sorted(l)) do say(x) end      -- groups by article follow ids: sorted
  end
end

-- collocates
for _, w in ipairs{"发展", "高质量", "改革", "the", "不在语料里的词"} do
  for _, o in ipairs{{}, {window = 2, measure = "pmi", min = 2}, {measure = "logdice", top = 10},
                     {window = 8, min = 1, top = 40, stopwords = "function"}, {outlet = "人民网", min = 1},
                     {articles = sel, measure = "pmi"}, {since = "2024-01-01", top = 20}} do
    local r, st = db:collocates(w, o)
    say("collocates", w, #r, st.node, st.span, st.tokens, st.articles)
    for _, x in ipairs(r) do
      say(x.word, x.joint, x.left, x.right, x.freq, g(x.llr), g(x.pmi), g(x.logdice), g(x.score))
    end
  end
end

-- summaries of every article, by id, by article and as its method
local function sm (label, r)
  say("summary", label, #r.sentences, r.text)
  for _, x in ipairs(r.sentences) do
    say(x.from, x.to, x.paragraph, x.index, g(x.score), tostring(x.enumeration), x.text)
  end
end
for _, a in ipairs(articles()) do
  sm(key(a.id), db:summary(a.id))
  sm(key(a.id) .. " 1", db:summary(a, {sentences = 1}))
  sm(key(a.id) .. " a", a:summary{sentences = 5})
end
say("summary none", tostring(db:summary(-1)))

-- distinctive: by score; equal scores follow ids, so they are listed sorted
local function ds (label, rows)
  local l, last, run = {}, nil, {}
  local function flush () for _, x in ipairs(sorted(run)) do l[#l + 1] = x end run = {} end
  for _, r in ipairs(rows) do
    if r.score ~= last then flush() end
    last = r.score
    run[#run + 1] = table.concat({g(r.score), key(r.id), r.tokens, table.concat(r.words, ",")}, " ")
  end
  flush()
  say("distinctive", label, #rows)
  for _, x in ipairs(l) do say(x) end
end
for _, s in ipairs(sets) do
  ds(s.name, db:distinctive(s.set, {top = 100, min = 10}))
  ds(s.name .. " 5", db:distinctive(s.set, {top = 5, min = 20, words = 8, stopwords = "function"}))
end
ds("default", db:distinctive())

-- freq by groups: items in their order, groups by article sorted
for _, by in ipairs{"year", "month", "outlet", "article"} do
  for _, o in ipairs{{top = 10}, {unit = "char", n = 2, top = 8}, {unit = "ngram", top = 5, min = 2},
                     {stopwords = "function", top = 6}, {since = "2024-01-01", top = 5},
                     {articles = sel, unit = "char", top = 5}} do
    o.by = by
    local gs = db:freq(o)
    local l = {}
    for _, x in ipairs(gs) do
      local t = {by == "article" and key(x.group) or x.group, x.articles, x.total}
      for _, y in ipairs(x.items) do t[#t + 1] = y.item .. "=" .. y.count .. "/" .. y.articles end
      l[#l + 1] = table.concat(t, " ")
    end
    say("freq by", by, o.unit or "word", #gs)
    for _, x in ipairs(by == "article" and sorted(l) or l) do say(x) end
  end
end
local items, total = db:freq{by = "none", top = 5}
say("freq none", #items, total)

-- the methods of a set
say("set methods", #sel:keywords(), #sel:keyness(), #sel:freq{by = "year"}, #db:distinctive(sel, {min = 10}))
print(table.concat(out, "\n"))
LUA
run "$TIFA" -d one.db run s.lua
expect_rc 0 "the script on a store"
cp .out one.out
run "$TIFA" -d corp run s.lua
expect_rc 0 "the script on a corpus"
cp .out corp.out
cmp -s one.out corp.out && pass || fail "store and corpus differ: $(diff one.out corp.out | head -20)"

# the answers are not empty
[ "$(grep -c . one.out)" -gt 3000 ] && pass || fail "the script printed too little: $(head -3 one.out)"
for m in "keywords	all 1	10" "keywords	select 4	30" "keyness	since rest	30" "collocates	发展	" \
         "summary	" "distinctive	all	" "freq by	year	word	" "freq by	article	char	"; do
  grep -q "^$m" one.out && pass || fail "no '$m' in the output"
done
n=$(awk -F'\t' '$1 == "set" && $2 == "all" {print $3}' one.out)
expect_eq "$(grep -c '^summary	[^	]* a	' one.out)" "$n" "a summary of every article"
[ "$(awk -F'\t' '$1 == "collocates" && $2 == "发展" && $3 > 0' one.out | wc -l)" -ge 6 ] && pass \
  || fail "collocates of 发展 found: $(grep '^collocates	发展' one.out)"
[ "$(awk -F'\t' '$1 == "distinctive" && $3 > 3' one.out | wc -l)" -ge 5 ] && pass \
  || fail "distinctive articles: $(grep '^distinctive' one.out)"
[ "$(awk -F'\t' '$1 == "keyness" && $3 > 10' one.out | wc -l)" -ge 10 ] && pass \
  || fail "keyness rows: $(grep '^keyness	' one.out)"
[ "$(awk -F'\t' '$1 == "freq by" && $4 > 2' one.out | wc -l)" -ge 20 ] && pass \
  || fail "groups of freq: $(grep '^freq by' one.out)"

# a failure of the corpus names the article by its gid
run "$TIFA" -d corp -e 'print(db:summary(4 * 10^10 + 1)) print(db:summary(5))'
expect_rc 0 "db:summary of no article on a corpus"
expect_out "nil	no article 40000000001" "no such gid"
expect_out "nil	no article 5" "a local id is no gid"
run "$TIFA" -d corp -e 'local a = tifa.open("one.db"):articles()() print(db:summary(a))'
expect_rc 1 "an article of another db"
expect_err "bad argument #1 to 'summary' (article of another database)" "db:summary of another db's article"

finish
