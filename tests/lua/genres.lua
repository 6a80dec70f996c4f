-- genres.lua -- a.genre, a.date_source, a.effective and a.events (issue 18) on the fixtures of
-- tests/data/genres: laws with and without header events (Markdown and plain text), a
-- regulation with a 国务院令 line, an official document and a speech.
-- Runs in the tifa host and in stock lua5.4 through require "tifa"; needs TIFA_DATA.
print "testing genres and a law's header events"

local tifa = tifa or require "tifa"
local DATA = assert(os.getenv("TIFA_DATA"), "TIFA_DATA not set") .. "/genres/"
local T = dofile(((arg and arg[0]) or ""):match("^(.-)[^/]*$") .. "support/check.lua")

local path = T.tmpdb()
local db = assert(tifa.open(path))
local names = {"law_events.md", "law_events.txt", "regulation_order.md", "某市物业管理办法(2018-11-06).md",
               "property_rules_20181106.txt", "document.txt", "speech.txt"}
local list = {}
for i, n in ipairs(names) do list[i] = DATA .. n end
assert(db:ingest(list))

local byname = {}
for a in db:articles() do byname[a.file:match("[^/]+$")] = a end

-- {file, genre, date, date_source, effective, event kinds}
local cases = {
  {"law_events.md", "law", "2020-11-27", "field", "2021-01-01", "通过 公布 修正 修正 修正 施行"},
  {"law_events.txt", "law", "2020-11-27", "field", "2021-01-01", "通过 公布 修正 修正 施行"},
  {"regulation_order.md", "law", "2018-11-06", "field", "2019-01-01", "公布 施行"},
  {"某市物业管理办法(2018-11-06).md", "law", "2018-11-06", "filename", nil, nil},
  {"property_rules_20181106.txt", "law", "2018-11-06", "filename", nil, nil},
  {"document.txt", "document", "2024-01-05", "field", nil, nil},   -- the 成文日期
  {"speech.txt", "speech", nil, "none", nil, nil},
}
for _, c in ipairs(cases) do
  local a = assert(byname[c[1]], c[1])
  assert(a.genre == c[2], c[1] .. ": genre " .. tostring(a.genre))
  assert(a.date == c[3], c[1] .. ": date " .. tostring(a.date))
  assert(a.date_source == c[4], c[1] .. ": date_source " .. tostring(a.date_source))
  assert(a.effective == c[5], c[1] .. ": effective " .. tostring(a.effective))
  if c[6] then
    local kinds = {}
    for i, e in ipairs(a.events) do
      assert(type(e.date) == "string" and #e.date == 10 and type(e.text) == "string", c[1] .. ": event " .. i)
      kinds[i] = e.kind
    end
    assert(table.concat(kinds, " ") == c[6], c[1] .. ": events " .. table.concat(kinds, " "))
  else
    assert(a.events == nil, c[1] .. ": no events")
  end
end
do                                           -- a 公文's elements: meta, not text
  local a = byname["document.txt"]
  assert(a.title == "国务院关于某某工作的通知", a.title)
  assert(a.meta:find('"docno":"国发〔2024〕1号"', 1, true), a.meta)
  assert(not a.text:find("国发〔2024〕1号", 1, true) and not a.text:find("2024年1月5日", 1, true), a.text)
end
local ev = byname["regulation_order.md"].events[1]
assert(ev.date == "2018-11-06" and ev.kind == "公布" and ev.text == "2018年11月6日 中华人民共和国国务院令第706号公布")
-- header lines are fields, not text; a 章 heading is a section, not the title
local law = byname["law_events.txt"]
assert(law.title == "某省河道管理条例")
assert(not law.text:find("施行\n", 1, true) and not law.text:find("^2001年"), law.text)
assert(law.text:find("^第一章"), law.text)
-- opts.genre forces a genre and its rules; a bad one raises
local r = assert(db:ingest(DATA .. "law_events.md", {genre = "news"}))
assert(r.list[1].outcome == "replaced", r.list[1].outcome)   -- cut otherwise: cut again
for a in db:articles() do
  if a.file:find("law_events.md", 1, true) then assert(a.genre == "news" and a.events == nil) end
end
local ok, err = pcall(function () return db:ingest(DATA, {genre = "novel"}) end)
assert(not ok and err:find("bad argument #2 to 'ingest' %(invalid genre 'novel'%)"), err)
db:close()
os.remove(path)
print "OK"
