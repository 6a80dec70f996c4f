# corpus_lua.sh -- the Lua db over a corpus of shards (docs/shards.md, "Scripts on a corpus"):
# one script run on a store and on a 3-shard corpus of the same files prints the same
# answers of every method a corpus knows, ids turned into (file, seq); db:sql's shard
# column; db:article of a gid; the error of a method not taught corpora; the sandbox.
. "$(dirname "$0")/lib.sh"

twin "${FIXTURES[@]}"

cat > s.lua <<'LUA'
-- every method a corpus answers, canonical: ids become "file#seq"
local keyof = {}
local function key (id)
  local k = keyof[id]
  if not k then
    local a = assert(db:article(id))
    k = a.file .. "#" .. a.seq
    keyof[id] = k
  end
  return k
end
local function akey (a) return a.file .. "#" .. a.seq end
local function sorted (t) table.sort(t) return t end
local out = {}
local function say (...) out[#out + 1] = table.concat({...}, "\t") end

for _, q in ipairs{"发展", "高质量发展", "人才", "不在语料里的词"} do
  for _, words in ipairs{false, true} do
    local total, per = db:count(q, {words = words})
    local l = {}
    for id, n in pairs(per) do l[#l + 1] = key(id) .. "=" .. n end
    say("count", q, tostring(words), total, table.concat(sorted(l), " "))
  end
end
say("count bad", tostring(select(2, db:count("(发展"))))

for _, o in ipairs{{top = 30}, {top = 10, min = 5}, {top = 15, stopwords = "function"}, {}} do
  local w = db:words(o)
  say("words", #w)
  for i = 1, math.min(#w, 40) do say(w[i].word, w[i].count, w[i].articles) end
end

for _, q in ipairs{"发展", "改革"} do
  for _, o in ipairs{{}, {by = "year"}, {words = true}} do
    local t = db:timeline(q, o)
    say("timeline", q, t.by, #t, t.undated, t.undated_articles)
    for _, p in ipairs(t) do say(p.period, p.count, p.articles) end
  end
end
local t = db:timeline(nil, {by = "year"})
say("timeline nil", #t, t.undated)
for _, p in ipairs(t) do say(p.period, p.count, p.articles) end

local function line (l)
  return table.concat({akey(l.article), l.from, l.to, l.paragraph, l.field, l.date or "-",
                       l.left, l.match, l.right}, "|")
end
for _, o in ipairs{{sort = "left"}, {sort = "right", width = 8}, {width = 0}, {sort = "article"}} do
  local k = db:kwic("高质量", o)
  local l, ctx = {}, {}
  for i, x in ipairs(k) do l[i] = line(x); ctx[i] = x[o.sort or "left"] or "" end
  say("kwic", o.sort or "-", #k, tostring(k):match("^table:") and "plain" or "lines")
  if o.sort == "left" or o.sort == "right" then say(table.concat(ctx, "|")) end   -- the sort
  for _, x in ipairs(sorted(l)) do say(x) end     -- ties, and article order, follow ids
end
local k = db:kwic("人才", {words = true, sort = "right", limit = 3})
say("kwic words", #k)
for _, x in ipairs(k) do say(line(x)) end

-- articles: every one, its fields and methods; order by date (ties: by id, which differs)
local all, lastdate = {}, ""
for a in db:articles() do
  local d = a.date or "~"
  assert(d >= lastdate, "articles by date")
  lastdate = d
  local b = assert(db:article(a.id))
  assert(b.title == a.title and b.file == a.file)
  all[#all + 1] = table.concat({akey(a), a.title or "-", a.date or "-", a.outlet or "-", a.nchars,
    #a.text, #a:paragraphs(), #a:sections(), #a:sentences(), #a:kwic("发展"), a.genre or "-"}, "|")
end
say("articles", #all)
for _, x in ipairs(sorted(all)) do say(x) end
for _, f in ipairs{{outlet = "人民网"}, {since = "2024-01-01"}, {title = "发展"},
                   {where = "a.nchars > ?", params = {3000}}} do
  local l = {}
  for a in db:articles(f) do l[#l + 1] = akey(a) end
  say("filter", #l, table.concat(sorted(l), " "))
end
local s = db:select("高质量发展")
local l = {}
for _, a in ipairs(s) do l[#l + 1] = akey(a) end
say("select", #s, table.concat(sorted(l), " "))
s = db:select{outlet = "人民网"}
say("select filter", #s)

local function pairs2 (l)
  local t = {}
  for i, p in ipairs(l) do t[i] = p[1] .. "-" .. p[2] end
  return table.concat(t, ",")
end
for _, q in ipairs{"高质量发展", "发展 NOT 内蒙古", "人才", "不在语料里的词"} do
  for _, o in ipairs{{}, {limit = 5, offset = 3}, {words = true, context = 10}} do
    local hits = db:search(q, o)
    say("search", q, #hits)
    -- hits of one score come in id order, which differs between a store and its shards (and
    -- so does which of them a window of limit and offset takes at its edges): each run of
    -- one score is listed sorted, and in a window the runs at its edges by score alone
    local run, edge = {}, {}
    if o.offset and #hits > 0 then edge[hits[1].score] = true; edge[hits[#hits].score] = true end
    for i, h in ipairs(hits) do
      local sc = string.format("%.17g", h.score)
      run[#run + 1] = edge[h.score] and sc or table.concat({sc, h.article.file .. "#" .. h.article.seq,
        h.snippet, pairs2(h.offsets), pairs2(h.title_offsets), tostring(h.provision),
        tostring(h.id == h.article.id)}, "\t")
      if i == #hits or hits[i + 1].score ~= h.score then
        for _, x in ipairs(sorted(run)) do say(x) end
        run = {}
      end
    end
  end
end
say("search bad", tostring(select(2, db:search("(发展"))))

-- sets of articles (a filter, db:select's): each shard's share
local sets = {{outlet = "人民网"}, {since = "2024-01-01"}, {title = "发展"}, db:select("高质量发展")}
for i, set in ipairs(sets) do
  local o = {}
  for k, v in pairs(set) do o[k] = v end
  if getmetatable(set) then o = {articles = set} end
  for _, sort in ipairs{"left", "right", "article"} do
    o.sort, o.limit = sort, sort == "right" and 7 or nil
    local k = db:kwic("发展", o)
    local l, ctx = {}, {}
    for j, x in ipairs(k) do l[j] = line(x); ctx[j] = x[sort] or "" end
    say("set kwic", i, sort, #k, sort ~= "article" and table.concat(ctx, "|") or "")
    for _, x in ipairs(sorted(l)) do say(x) end
  end
  o.sort, o.limit = nil, nil
  for _, q in ipairs{"发展", false} do
    o.by = q and "month" or "year"
    local t = db:timeline(q or nil, o)
    say("set timeline", i, tostring(q), t.by, #t, t.undated, t.undated_articles)
    for _, p in ipairs(t) do say(p.period, p.count, p.articles) end
  end
  o.by = nil
  o.top, o.min, o.stopwords = 25, 2, i % 2 == 0 and "function" or nil
  local w = db:words(o)
  say("set words", i, #w)
  for _, x in ipairs(w) do say(x.word, x.count, x.articles) end
end
for _, o in ipairs{{top = 20}, {unit = "char", n = 2, top = 15}, {unit = "ngram", top = 10, min = 3},
                   {stopwords = "function", top = 10}, {outlet = "人民网", top = 10},
                   {articles = db:select("高质量发展"), unit = "char", top = 10}} do
  local items, total = db:freq(o)
  say("freq", #items, total)
  for _, x in ipairs(items) do say(x.item, x.count, x.articles) end
end
local sel = db:select{outlet = "人民网"}
say("set methods", #sel:kwic("发展"), #sel:timeline("发展"), #sel:words{top = 5})

-- track: results in their order; within one, what ties by id sorted
local function dated (d) return d and d:match("^%d") end
local function track (...)
  local r = db:track(...)
  say("track", #r)
  for _, x in ipairs(r) do
    local v, m, per, p = {}, {}, {}, {}
    for k, n in pairs(x.variants) do v[#v + 1] = k .. "=" .. n end
    for i, y in ipairs(x.matches or {}) do
      m[i] = table.concat({key(y.id), y.from, y.to, y.text, y.paragraph, y.field, tostring(y.exact),
                           y.form}, "|")
    end
    for i, y in ipairs(x.per) do
      assert(i == 1 or x.per[i - 1].count >= y.count, "per by count")
      assert(y.article.id == y.id)
      per[i] = key(y.id) .. "=" .. y.count
    end
    for i, y in ipairs(x.months or x.years) do p[i] = y.period .. "=" .. y.count end
    say(x.formulation, table.concat(x.forms, "|"), x.total, x.articles, x.matches and #x.matches or "-",
        table.concat(sorted(v), " "), table.concat(p, " "), table.concat(sorted(per), " "),
        dated(x.first and x.first.date) and x.first.date .. ".." .. x.last.date   -- else by id
          or tostring(x.first ~= nil))
    for _, y in ipairs(sorted(m)) do say(y) end
  end
end
track()
track(nil, {by = "year", min_articles = 1, matches = false})
local lex = {"高质量发展", "双碳 = 碳达峰碳中和 | 碳达峰 碳中和", "稳中求进、以进促稳、先立后破", "新质生产力",
             "人才 = 人才 | 人才强国", "改革开放 = 改革开放 | 改革 开放", "创新 发展", "不在语料里的词"}
track(lex, {by = "year"})
track(lex, {words = true, min_articles = 2})
track(lex, {min_articles = -1, matches = false})
track("高质量发展")
for i, set in ipairs(sets) do                     -- a set: each shard's share
  local o = {by = "year"}
  if getmetatable(set) then o.articles = set else for k, v in pairs(set) do o[k] = v end end
  say("set track", i)
  track(lex, o)
end
say("track bad", tostring(select(2, pcall(db.track, db, {"a ="}))), tostring(select(2, db:track("no/such.txt"))),
    tostring(select(2, db:track({"x = ，"}))))

-- dispersion: rows in article order (ids differ: sorted), the measures (summed in id order)
for _, q in ipairs{"发展", "人才", "改革 AND 开放", "不在语料里的词"} do
  for _, o in ipairs{{}, {words = true}, {cells = 20}} do
    local d = db:dispersion(q, o)
    local rows = {}
    for i, r in ipairs(d) do
      local p = {}
      for j, f in ipairs(r.from) do p[j] = f .. ":" .. string.format("%.17g", r.positions[j]) end
      assert(r.article.id == r.id)
      rows[i] = table.concat({key(r.id), r.nchars, r.count, r.plot, table.concat(p, ",")}, "|")
    end
    local function m (x) return x and string.format("%.12g", x) or "-" end
    say("dispersion", q, tostring(o.words), #d, d.parts, d.total, d.articles, m(d.juilland_d), m(d.dp),
        m(d.dp_norm))
    for _, r in ipairs(sorted(rows)) do say(r) end
  end
end
say("dispersion bad", tostring(select(2, db:dispersion("(发展"))))

local n = 0
for _, r in ipairs(db:sql("SELECT count(*) AS n FROM article WHERE nchars > ?", 1000)) do n = n + r.n end
say("sql", n)
print(table.concat(out, "\n"))
LUA
run "$TIFA" -d one.db run s.lua
expect_rc 0 "the script on a store"
cp .out one.out
run "$TIFA" -d corp run s.lua
expect_rc 0 "the script on a corpus"
cp .out corp.out
[ "$(grep -c . one.out)" -gt 1000 ] && pass || fail "the script printed too little: $(head -3 one.out)"
cmp -s one.out corp.out && pass || fail "store and corpus differ: $(diff one.out corp.out | head -10)"

# the db itself
run "$TIFA" -d corp -e 'print(db); print(db.path, db.readonly, db.shards); print(tifa.open("corp").shards)'
expect_rc 0 "db of a corpus"
expect_out "tifa.db (corp, corpus of 3 shards)" "tostring of a corpus db"
expect_out "corp	true	3" "db.path, db.readonly, db.shards"
run "$TIFA" -d one.db -e 'print(db.shards, db.readonly)'
expect_out "nil	false" "db.shards of a store is nil"

# db:sql: every shard's rows, a first column 'shard', rows.shards
run "$TIFA" -d corp -e '
local r = db:sql("SELECT f.path AS path, count(*) AS n FROM article a JOIN file f ON f.id = a.file_id GROUP BY f.path")
print(r.shards, r.columns[1], r.columns[2], r.columns[3])
local last = 0
for _, x in ipairs(r) do assert(x.shard >= last); last = x.shard; print(x.shard, x.path) end'
expect_rc 0 "db:sql on a corpus"
expect_out "3	shard	path	n" "db:sql: rows.shards and the columns"
for s in 1 2 3; do
  "$TIFA" -d corp/s$s.db -e 'for _, r in ipairs(db:sql("SELECT path FROM file")) do print(r.path) end' | sort > s$s.paths
  grep "^$s	/" <<<"$OUT" | cut -f2 | sort > got$s.paths
  [ -s s$s.paths ] && cmp -s s$s.paths got$s.paths && pass || fail "db:sql's shard $s rows are s$s.db's files"
done
run "$TIFA" -d corp -e 'print(db:sql("DELETE FROM article"))'
expect_out "attempt to write a read-only database" "db:sql refuses writes on a corpus"

# db:article(gid) of shard 2 is article 'local' of s2.db
L2=$("$TIFA" -d corp/s2.db -e 'local r = db:sql("SELECT id, title FROM article ORDER BY id DESC LIMIT 1")[1] print(r.id)')
T2=$("$TIFA" -d corp/s2.db -e "print(db:article($L2).title)")
run "$TIFA" -d corp -e "local a = db:article(2 * 10^10 + $L2) print(a.id) print(a.title) print(#a:sections() > 0)
print(db:article(4 * 10^10 + 1)) print(db:article($L2))"
expect_rc 0 "db:article(gid)"
expect_eq "$(sed -n 1p .out)" "$((20000000000 + L2))" "db:article(gid).id is the gid"
expect_eq "$(sed -n 2p .out)" "$T2" "db:article(gid) is the shard's article"
expect_eq "$(sed -n 4p .out)" "nil	not found" "no shard 4"
expect_eq "$(sed -n 5p .out)" "nil	not found" "a local id is no gid"
# an article's own kwic names it by its gid, as db:kwic does
run "$TIFA" -d corp -e "local a = db:article(2 * 10^10 + $L2)
local w = a.text:match('[\228-\233][\128-\191][\128-\191][\228-\233][\128-\191][\128-\191]')
local k = a:kwic(w)
print(#k > 0, k[1] and k[1].id == a.id, k[1] and k[1].article == a)"
expect_eq "$(sed -n 1p .out)" "true	true	true" "a:kwic on a corpus: lines with the article's gid"

# a single article as the set of an analytic names it by its gid; ingest says where to go
run "$TIFA" -d corp -e "local a = db:article(2 * 10^10 + $L2)
print(#db:keywords(a) > 0, #db:keywords(a) == #db:keywords{a})"
expect_eq "$(sed -n 1p .out)" "true	true" "an article as a set on a corpus: its gid, as in a list"
run "$TIFA" -d corp -e 'db:ingest("x.txt")'
expect_err "bad self to 'ingest' (a corpus of shards is filled by 'tifa -d DIR ingest FILES')" "db:ingest on a corpus"
run "$TIFA" -d corp -e 'db:close() db:count("发展")'
expect_err "attempt to use a closed database" "a closed corpus"

# the sandbox: each shard's connection confined, the limits hold inside db:sql
cat > sb.lua <<'LUA'
print(db:count("发展"))
print(#db:sql("SELECT id FROM article"))
print(pcall(db.sql, db, "ATTACH 'x.db' AS x"))
print(pcall(function () return db:sql("PRAGMA cache_size = 5") end))
print(db:sql("DELETE FROM article"))
LUA
run "$TIFA" -d corp run --sandbox sb.lua
expect_rc 0 "a sandboxed script on a corpus"
expect_out "$(grep '^count	发展	false' one.out | cut -f4)" "sandboxed count"
expect_out "db:sql cannot attach a database in a sandboxed script" "sandbox: no ATTACH on a shard"
expect_out "db:sql cannot set PRAGMA 'cache_size' in a sandboxed script" "sandbox: no PRAGMA on a shard"
expect_out "attempt to write a read-only database" "sandbox: no writes"
echo 'while true do db:sql("SELECT a.id FROM article a, article b, article c") end' > loop.lua
run "$TIFA" -d corp run --sandbox --max-instructions 1000000 loop.lua
expect_rc 1 "a runaway db:sql on a corpus"
expect_err "script exceeded the instruction limit (1000000)" "SQLite's steps on the shards count"

finish
