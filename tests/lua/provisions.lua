-- provisions.lua -- a:provisions() and a:provision_at(): the 条, 款 and 项 of a small law
-- (tests/data/provisions/某某条例.md) ingested into a temporary store.
print "testing provisions"

local tifa = tifa or require "tifa"

local T = dofile(((arg and arg[0]) or ""):match("^(.-)[^/]*$") .. "support/check.lua")
local eq, check, usub, checkerror, tmpdb = T.eq, T.check, T.usub, T.checkerror, T.tmpdb

local DATA = assert(os.getenv("TIFA_DATA"), "TIFA_DATA not set") .. "/provisions/"
local path = tmpdb()
local db <close> = assert(tifa.open(path))
local report = assert(db:ingest(DATA .. "某某条例.md"))
eq(report.list[1].outcome, "added", "ingest")
local a = assert(db:article(1))

local ps = a:provisions()
local labels = {}
for i, p in ipairs(ps) do labels[i] = p.label end
eq(table.concat(labels, " "), "第一条 第二条 第十条 第十条之一 第一百零一条", "labels")

-- numbers, 之一, paragraphs and offsets
local paras = a:paragraphs()
for i, p in ipairs(ps) do
  check(usub(a.text, p.from, p.to):sub(1, #p.label) == p.label, "provision " .. i .. " starts with its label")
  eq(p.from, paras[p.first].from, "from is the first paragraph's")
  eq(p.to, paras[p.last].to, "to is the last paragraph's")
  check(i == 1 or p.from > ps[i - 1].to, "in order")
end
eq(ps[1].number, 1, "第一条")
eq(ps[3].number, 10, "第十条")
eq(ps[3].sub, nil, "no sub")
eq(ps[4].number, 10, "第十条之一: number")
eq(ps[4].sub, 1, "第十条之一: sub")
eq(ps[4].suffix, "之一", "第十条之一: suffix")
eq(ps[5].number, 101, "第一百零一条")

-- 款: 第二条 has its first paragraph, (一)(二)(三) as items of it, then two more: the second
-- 款, and a paragraph that begins with a citation (第十二条规定的期限…), which starts nothing
local p2 = ps[2]
eq(p2.clauses, 3, "第二条: 款")
eq(p2.last - p2.first + 1, 6, "第二条: paragraphs")
check(paras[p2.last].text:find("^第十二条规定的期限"), "a citation is no provision")
eq(#p2.items, 3, "第二条: 项")
for i, it in ipairs(p2.items) do
  eq(it.index, i, "item index")
  eq(it.clause, 1, "items belong to 款 1")
  eq(usub(a.text, it.from, it.to), it.text, "item text at its offsets")
  check(it.text:sub(1, #it.label) == it.label, "item starts with its label")
end
eq(p2.items[3].label, "（三）", "label of 项 3")
eq(#ps[1].items, 0, "no items")
-- items inside one paragraph
eq(#ps[3].items, 2, "第十条: inline 项")
eq(ps[3].items[2].text, "（二）处罚。", "inline item text")

-- sections, outermost first
local function sec (p) return (table.concat(p.section, "|"):gsub("%s", ""):gsub("\u{3000}", "")) end
eq(sec(ps[1]), "第一章总则", "section of 第一条")
eq(sec(ps[3]), "第二章管理|第一节一般规定", "sections of 第十条")
eq(sec(ps[5]), "第二章管理|第二节特别规定", "sections of 第一百零一条")

-- provision_at: the provision, the 款 and the 项
local p, k, it = a:provision_at(p2.items[2].from + 1)
eq(p.label, "第二条", "provision_at: provision")
eq(k, 1, "provision_at: 款")
eq(it and it.label, "（二）", "provision_at: 项")
p, k, it = a:provision_at(paras[p2.first + 4].from)
eq(p.label, "第二条", "provision_at: second 款")
eq(k, 2, "provision_at: 款 2")
eq(it, nil, "provision_at: no 项")
p, k, it = a:provision_at(ps[4].to)
eq(p.label, "第十条之一", "provision_at: last character")
eq(select("#", a:provision_at(paras[1].from)), 1, "provision_at: a heading is in no provision")
eq(a:provision_at(paras[1].from), nil, "provision_at: nil")
eq(a:provision_at(0), nil, "provision_at: before the text")
eq(a:provision_at(1e6), nil, "provision_at: after the text")

-- search hits say which 条 their first match is in
local hits = assert(db:search("乙事项"))
eq(hits[1] and hits[1].provision, "第二条", "hit in a 项 of 第二条")
hits = assert(db:search("新增的管理事项"))
eq(hits[1] and hits[1].provision, "第十条之一", "hit in 第十条之一")
hits = assert(db:search("一般规定"))
eq(#hits, 1, "a heading matches")
eq(hits[1].provision, nil, "a match in a heading is in no provision")

-- misuse
checkerror("bad argument #1 to 'provision_at' %(number expected, got no value%)",
           function () return a:provision_at() end)
checkerror("article has no database", function () return a.provisions({}) end)

-- an article with no provisions: an empty list
local db2 <close> = assert(tifa.open())
local b = db2:article(1)
eq(#b:provisions(), 0, "no provisions")
eq(b:provision_at(1), nil, "no provision at 1")
for _, h in ipairs(assert(db2:search("发展"))) do eq(h.provision, nil, "no provision in a hit on news") end

db:close()
os.remove(path)
T.finish()
