# corpus_cite.sh -- db:quotes, db:citations and db:dispersion over a set on a corpus of shards
# read every shard at once: 'tifa -d corp run' prints what 'tifa -d one.db run' prints on a
# store holding the same files, byte for byte, ids turned into (file, seq). Quotation groups
# and cited documents span the shards; where one store decided by ids (the first of equal
# dates, the order of uses, a title among forms of one length) both now follow the files'
# paths, so fixture files are named to sort against the order of their shards' ids.
. "$(dirname "$0")/lib.sh"

# Fixtures: a* in shard 3, b* in shard 2, c* in shard 1 (route, lib.sh), so that by path
# a < b < c while by corpus id c < b < a. a and b share a date; c is undated.
mkdir fx
FX=$(cd fx && pwd -P)
pick () {   # pick PREFIX SHARD EXT: the first PREFIXi.EXT that goes to SHARD of 3
  local i
  for i in $(seq 1 200); do
    [ "$(route "$FX/$1$i.$3" 3)" = "$2" ] && { echo "$1$i.$3"; return; }
  done
}
A=$(pick a 3 md) B=$(pick b 2 md) C=$(pick c 1 md) J=$(pick j 2 jsonl) L=$(pick l 1 md)
Q1='要坚持以人民为中心的发展思想，不断满足人民日益增长的美好生活需要。'
Q1V='要坚持以人民为中心的发展思想，不断满足人民群众日益增长的美好生活需要。'
Q2='要坚定信心，迎难而上，推动经济持续回升向好，巩固和增强经济回升向好态势。'
cat > "fx/$A" <<EOF
---
title: 学习贯彻总书记重要讲话精神
date: 2024-03-01
---

习近平总书记指出：“$Q1”

国务院总理李强强调：“$Q2”

《国务院关于促进数字经济高质量发展的意见》（以下简称《意见》）提出，要加快发展。《意见》要求各地落实《中华人民共和国数据安全法》。
EOF
cat > "fx/$B" <<EOF
---
title: 推动数字经济高质量发展
date: 2024-03-01
---

总书记强调：“$Q1”

会议认为：“$Q2”

《商务部关于促进数字经济高质量发展的意见》印发。各地要落实《数据安全法》和《意见》。
EOF
cat > "fx/$C" <<EOF
---
title: 高质量发展调研
---

习近平强调：“$Q1V”

有专家说：“$Q2”

调研组学习了《意见》和《数据安全法》，对照《网络安全法》查找问题。
EOF
cat > "fx/$J" <<EOF
{"title": "国务院常务会议（一）", "date": "2024-03-01", "text": "李强指出：“$Q2”\n\n会议研究了《数据安全法》实施情况。"}
{"title": "国务院常务会议（二）", "date": "2024-02-01", "text": "李强强调：“$Q2”\n\n会议听取了《国务院关于促进数字经济高质量发展的意见》落实情况汇报。"}
{"title": "国务院常务会议（三）", "text": "李强说：“$Q2”"}
EOF
cat > "fx/$L" <<EOF
# 中华人民共和国示例法

第一条 为了规范示例活动，根据《中华人民共和国宪法》，制定本法。

第二条 本法所称示例，是指依照本法开展的活动。

第三条 本法自公布之日起施行。
EOF
twin "${FIXTURES[@]}" "$TIFA_DATA/formats/speeches.jsonl" fx

# Each answer as lines: ids become dir/file#seq, every field printed (a node's label without
# its line breaks: its "#id" is as long as the id, so it breaks elsewhere); groups,
# documents and rows in the order the method gives (dispersion's rows sorted: they follow
# ids). The shards an answer's ids are in go to
# stderr.
cat > s.lua <<'LUA'
local lines, shards = {}, {}
local function say (...)
  local t = table.pack(...)
  for i = 1, t.n do t[i] = tostring(t[i]) end
  lines[#lines + 1] = table.concat(t, "\t")
end
local keyof = {}
local function key (id)
  local k = keyof[id]
  if not k then
    local a = assert(db:article(id), "no article " .. tostring(id))
    assert(a.id == id)
    k = a.file:match("[^/]*/[^/]*$") .. "#" .. a.seq
    keyof[id] = k
    shards[id // 10^10] = true
  end
  return k
end

local function quotes (name, q)
  say("quotes", name, #q)
  for _, g in ipairs(q) do
    say(" group", g.speaker, g.text, g.count, g.articles, key(g.first.id), g.first.date)
    for _, u in ipairs(g.quotes) do
      assert(u.article.id == u.id)
      say("  use", key(u.id), u.from, u.to, u.paragraph, u.text, u.speaker_as_written,
          u.attributed)
    end
  end
end

local function label (s)
  return (s:gsub("\n", ""):gsub("#(%d+)", function (id) return "#" .. key(tonumber(id)) end))
end
local function citations (name, c)
  say("citations", name, #c.documents, #c.edges, #c.nodes, c.directed, #c.self)
  for _, d in ipairs(c.documents) do
    say(" doc", d.title, d.kind, d.docno, d.resolved, d.count, d.narticles,
        table.concat(d.aliases, "|"))
    for _, a in ipairs(d.articles) do
      assert(a.article.id == a.id)
      local o = {}
      for i, x in ipairs(a.offsets) do
        o[i] = table.concat({x.from, x.to, x[1], x[2], x.paragraph, x.text, x.how}, ",")
      end
      say("  by", key(a.id), a.count, table.concat(o, " "))
    end
  end
  for _, e in ipairs(c.edges) do say(" edge", key(e.from), e.to, e.count, e.weight) end
  for _, n in ipairs(c.nodes) do
    say(" node", type(n.id) == "number" and key(n.id) or n.id, label(n.label or ""), n.kind)
  end
  for _, t in ipairs(c.self) do
    assert(t.article.id == t.id)
    local o = {}
    for i, x in ipairs(t.offsets) do
      o[i] = table.concat({x.from, x.to, x.paragraph, x.text, x.how}, ",")
    end
    say(" self", key(t.id), t.title, t.kind, t.count, table.concat(o, " "))
  end
end

local function dispersion (name, d)
  local rows = {}
  for i, r in ipairs(d) do
    assert(r.article.id == r.id)
    local p = {}
    for j, f in ipairs(r.from) do p[j] = f .. ":" .. string.format("%.17g", r.positions[j]) end
    rows[i] = table.concat({key(r.id), r.nchars, r.count, r.plot, table.concat(p, ",")}, "|")
  end
  table.sort(rows)
  local function m (x) return x and string.format("%.12g", x) or "-" end
  say("dispersion", name, #d, d.parts, d.total, d.articles, m(d.juilland_d), m(d.dp), m(d.dp_norm))
  for _, r in ipairs(rows) do say(" row", r) end
end

-- sets: filters, a selection, a list of articles (in no order), one article, none
local fx, listed = {}, {}
for a in db:articles{file = "/fx/"} do fx[#fx + 1] = a end
assert(#fx == 7, "the fixtures' articles")
table.sort(fx, function (x, y) return key(x.id) > key(y.id) end)
for i, a in ipairs(fx) do listed[i] = i % 2 == 1 and a or a.id end
local sets = {
  {"since", {since = "2024-01-01"}}, {"title", {title = "发展"}}, {"file", {file = "/fx/"}},
  {"select", db:select("高质量发展")}, {"list", listed}, {"one", {fx[#fx]}},
  {"empty", {title = "不在语料里"}},
}

for _, o in ipairs{{}, {unattributed = true}, {min_articles = 2},
                   {unattributed = true, min_chars = 1}, {speaker = "总书记"},
                   {speaker = "李强", min_articles = 3}} do
  local n = {}
  for k, v in pairs(o) do n[#n + 1] = k .. "=" .. tostring(v) end
  table.sort(n)
  quotes(table.concat(n, ","), db:quotes(o))
end
for _, s in ipairs(sets) do
  quotes("set " .. s[1], db:quotes(s[2]))
  if not getmetatable(s[2]) and s[2][1] == nil then
    local o = {unattributed = true, min_chars = 2}
    for k, v in pairs(s[2]) do o[k] = v end
    quotes("set+opts " .. s[1], db:quotes(o))
  end
end

for _, o in ipairs{{}, {top = 3}, {min_articles = 2}, {top = 2, min_articles = 3}} do
  citations((o.top or "-") .. "/" .. (o.min_articles or "-"), db:citations(o))
end
for _, s in ipairs(sets) do
  citations("set " .. s[1], db:citations(s[2]))
  if not getmetatable(s[2]) and s[2][1] == nil then
    local o = {top = 4}
    for k, v in pairs(s[2]) do o[k] = v end
    citations("set+opts " .. s[1], db:citations(o))
  end
end

-- each fixture article's own (its id is the corpus's)
for _, a in ipairs(fx) do
  quotes("a:quotes " .. key(a.id), a:quotes{unattributed = true})
  citations("a:citations " .. key(a.id), a:citations())
end

for _, q in ipairs{"发展", "数据安全法", "不在语料里的词"} do
  for _, s in ipairs(sets) do
    local o = {words = q == "发展", cells = 20}
    if getmetatable(s[2]) or s[2][1] ~= nil then o.articles = s[2]
    else for k, v in pairs(s[2]) do o[k] = v end end
    dispersion(q .. " " .. s[1], db:dispersion(q, o))
  end
end

for _, l in ipairs(lines) do print(l) end
local n = {}
for k in pairs(shards) do n[#n + 1] = k end
table.sort(n)
io.stderr:write("shards ", table.concat(n, ","), "\n")
LUA

run "$TIFA" -d one.db run s.lua
expect_rc 0 "the script on one store"
echo "$OUT" > one.txt
ERR1=$ERR
run "$TIFA" -d corp run s.lua
expect_rc 0 "the script on the corpus"
echo "$OUT" > corp.txt
cmp -s one.txt corp.txt && pass || fail "corpus != one store: $(diff one.txt corp.txt | head -20)"
expect_eq "$ERR1" "shards 0" "one store's ids"
expect_eq "$ERR" "shards 1,2,3" "the corpus's answers name articles of every shard by their gids"

# the answers have matter: groups across files and shards, documents, rows
[ "$(grep -c '^  use' one.txt)" -gt 300 ] && pass || fail "quotations: $(grep -c '^  use' one.txt)"
# 习近平's words: in a (习近平总书记), b (总书记) and, one word longer, c; a and b of one
# day, a first by its path. 李强's: in a, c (有专家说: no speaker, joined by its words) and
# the three records of j, the first dated 2024-02-01 (b's is 会议's).
grep -qF "$(printf ' group\t习近平\t%s\t3\t3\tfx/%s#0\t2024-03-01' "$Q1V" "$A")" one.txt && pass \
  || fail "习近平's words across shards: $(grep -F "$Q1V" one.txt | head -3)"
grep -qF "$(printf ' group\t李强\t%s\t5\t5\tfx/%s#1\t2024-02-01' "$Q2" "$J")" one.txt && pass \
  || fail "李强's words across shards: $(grep -F "李强	$Q2" one.txt | head -3)"
# the opinion: its title the 国务院 form of a (before b's 商务部 form of the same length by
# path), cited 3 times in a, twice in b (its 《意见》 is its 商务部 form, of the same key),
# once in j#1
grep -qF "$(printf ' doc\t国务院关于促进数字经济高质量发展的意见\t意见\tnil\ttrue\t6\t3\t意见|商务部关于促进数字经济高质量发展的意见')" one.txt \
  && pass || fail "the opinion: $(grep -F '促进数字经济高质量发展的意见	' one.txt | head -3)"
grep -qF "$(printf ' doc\t中华人民共和国数据安全法\t法\tnil\ttrue\t4\t4\t数据安全法')" one.txt && pass \
  || fail "the law cited in a, b, c and j#0 under two names"
grep -qF "$(printf ' self\tfx/%s#0\t中华人民共和国示例法\t法\t4\t' "$L")" one.txt && pass \
  || fail "the law's four 本法: $(grep "^ self	fx/" one.txt | head -3)"
[ "$(grep -c '^ row' one.txt)" -gt 20 ] && pass \
  || fail "dispersion rows: $(grep -c '^ row' one.txt)"
grep -qF "$(printf 'dispersion\t数据安全法 list\t4\t7\t4\t4\t')" one.txt && pass \
  || fail "dispersion over a list: $(grep '^dispersion	数据安全法 list' one.txt)"

# errors: a bad option and a closed corpus say so as on a store
run "$TIFA" -d corp -e 'db:quotes{min_chars = -1}'
expect_rc 1 "a bad option on a corpus"
expect_err "bad argument #1 to 'quotes' ('min_chars' must be a non-negative integer, got a \
negative number)" "quotes: a bad option"
run "$TIFA" -d corp -e 'db:close() db:citations()'
expect_err "attempt to use a closed database" "citations on a closed corpus"
finish
