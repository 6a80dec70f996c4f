-- split.lua -- db:ingest options of the layout: split hooks (the page they get, what they
-- may return, their errors), meta fields, layout = false; and the sidecar NAME.meta.json.
-- Runs in the tifa host and in stock lua5.4 through require "tifa".
print "testing split hooks and fields"

local tifa = tifa or require "tifa"
local SEEDS = assert(os.getenv("TIFA_SEEDS"), "TIFA_SEEDS not set")
local T = dofile(((arg and arg[0]) or ""):match("^(.-)[^/]*$") .. "support/check.lua")
local checkerror = T.checkerror
local S001 = SEEDS .. "/001_f34ecce1adfb7df6.txt"


local path = os.tmpname()
os.remove(path)
local db = assert(tifa.open(path))

-- the page a hook gets: as read, and as the rules cut it
local page
local r = assert(db:ingest(S001, {split = function (p) page = p; return p.articles end}))
assert(r.articles == 2 and r.failed == 0)
assert(page.path:find("001_f34ecce1adfb7df6.txt$") and page.format == "text")
assert(#page.paragraphs == 29, "a paragraph per non-blank line: " .. #page.paragraphs)
assert(page.paragraphs[1].text == "习近平论坚持 稳中求进、以进促稳、先立后破" and page.paragraphs[1].line_from == 3)
assert(page.paragraphs[1].byte_from == 3, "bytes are 1-based, after the two empty lines")
assert(#page.articles == 2)
local news = page.articles[2]
assert(news.kicker == "习近平主持召开新时代推动西部大开发座谈会强调" and news.subtitle == "李强蔡奇丁薛祥出席")
assert(news.outlet == "新华社" and news.place == "重庆" and news.date == "--04-23")
assert(news.line_from == 10 and news.line_to == 61)
assert(news.genre == "news" and news.date_source == "dateline", tostring(news.date_source))
local whys = {}
for _, d in ipairs(news.dropped) do whys[d.why] = (whys[d.why] or 0) + 1 end
assert(whys.kicker == 1 and whys.title == 1 and whys.subtitle == 1 and whys["repeat"] == 1)
assert(news.paragraphs[2].kind == "item" and news.paragraphs[2].text:find("^西部地区"))
-- the rules' cut, handed back unchanged, is stored as the rules would store it
local a2
for a in db:articles{title = "西部大开发新篇章"} do a2 = a end
assert(a2.kicker == news.kicker and #a2:paragraphs() == #news.paragraphs)
assert(a2.genre == "news" and a2.date_source == "dateline" and a2.title_source == "field")

-- a hook of its own: strings, tables and page indices as paragraphs; fields folded
r = assert(db:ingest(S001, {split = function (p)
  return {{title = "全文　ＡＢＣ", author = "某 某", paragraphs = {1, {text = "小标题", kind = "heading", line_from = 8}, "手写"}}}
end}))
assert(r.articles == 1 and r.replaced == 1)
local a = assert(db:article(db:sql("SELECT max(id) AS id FROM article")[1].id))
assert(a.title == "全文 ABC", a.title)          -- U+3000 to one space, ＡＢＣ to ABC
assert(a.author == "某某", "fields are folded like text")
assert(a.title_source == "field" and a.genre == nil)
local ps = a:paragraphs()
assert(#ps == 3 and ps[1].line_from == 3 and ps[1].byte_from == 3)
assert(ps[2].kind == "heading" and ps[2].line_from == 8)
assert(ps[3].text == "手写" and ps[3].line_from == 0)
local secs = a:sections()
assert(#secs == 2 and secs[1].heading == nil and secs[2].heading == "小标题" and secs[2].first == 3)

-- what a hook may not do: each fails its file (with the reason), never the call
local bad = {
  {function () return nil end, "split hook returned nil"},
  {function () return {42} end, "article 1 is a number"},
  {function () return {{title = "x"}} end, "article 1 has no paragraphs list"},
  {function () return {{paragraphs = {999}}} end, "no page paragraph 999"},
  {function () return {{paragraphs = {true}}} end, "paragraph 1 is a boolean"},
  {function () return {{paragraphs = {{kind = "text"}}}} end, "paragraph 1 has no text"},
  {function () return {{title = {}, paragraphs = {"x"}}} end, "field 'title' is not a string"},
  {function () error("no idea") end, "split hook: "},
  {function () error({}) end, "split hook"},
}
for i, case in ipairs(bad) do
  local rep = assert(db:ingest(SEEDS .. "/004_19c2e8de30fa8799.txt", {split = case[1]}))
  assert(rep.failed == 1, "case " .. i)
  assert(rep.list[1].message:find(case[2], 1, true), "case " .. i .. ": " .. rep.list[1].message)
end
assert(#db:sql("SELECT id FROM file WHERE path LIKE '%004_%'") == 0, "a failed hook stores nothing")
checkerror("function as 'split' expected", db.ingest, db, S001, {split = 1})

-- meta: fields for every article, other keys into meta; checked before any work
r = assert(db:ingest(S001, {meta = {outlet = "人民日报", date = "2024/4/24", topic = "西部"}}))
for art in db:articles{file = "001_"} do
  assert(art.outlet == "人民日报" and art.date == "2024-04-24" and art.date_precision == "day")
  assert(art.meta:find('"topic":"西部"', 1, true))
end
r = assert(db:ingest(S001, {meta = {date = "去年春天"}}))
for art in db:articles{file = "001_"} do
  assert(art.date == "去年春天" and art.date_precision == nil, "a date it cannot read is kept as given")
end
checkerror("string keys and values expected", db.ingest, db, S001, {meta = {1, 2}})

-- layout = false: one article per page, its lines as read
r = assert(db:ingest(S001, {layout = false}))
assert(r.articles == 1 and r.replaced == 1)
for art in db:articles{file = "001_"} do
  assert(#art:paragraphs() == 28, "every line but the title line: " .. #art:paragraphs())
end

db:close()
for _, s in ipairs{"", "-wal", "-shm"} do os.remove(path .. s) end
print "OK"
