-- track.lua -- db:kwic, db:timeline, db:dispersion, db:track and tifa.chart on the sample
-- corpus: every kwic line traced back to its passage, the facts of the seeds (which articles
-- share 稳中求进、以进促稳、先立后破 and 发展是硬道理 / 新时代的硬道理), dates that cannot be
-- placed, dispersion measures, lexicons, and the charts (aligned by display width, valid SVG).
-- Runs in the tifa host and in stock lua5.4 through require "tifa".
print "testing db:kwic, db:timeline, db:dispersion, db:track, tifa.chart"

local tifa = tifa or require "tifa"
local text = tifa.text
local T = dofile(((arg and arg[0]) or ""):match("^(.-)[^/]*$") .. "support/check.lua")
local check, checkerror, contains = T.check, T.checkerror, T.contains
local function eq (got, want, what) return T.eq(got, want, what or debug.traceback("", 2):match("track.lua:%d+") or "?") end

local db = assert(tifa.open())

-- {====== kwic ======
local total, per = db:count("高质量发展")
local lines = db:kwic("高质量发展", {width = 10})
eq(#lines, total, "kwic: one line per match db:count counts")
local byid, titles = {}, 0
for _, l in ipairs(lines) do
  byid[l.id] = (byid[l.id] or 0) + 1
  local a = l.article
  eq(a.id, l.id, "kwic: article object")
  local src = l.field == "title" and a.title or a.text
  if l.field == "title" then titles = titles + 1; eq(l.paragraph, 0, "title line: paragraph 0") end
  eq(text.sub(src, l.from, l.to), l.match, "kwic: [from, to] is the match")
  eq(l.match, "高质量发展", "kwic: the match")
  local n = text.len(src)
  eq(text.len(l.left), math.min(10, l.from - 1), "kwic: left context is width chars where the text allows")
  eq(text.len(l.right), math.min(10, n - l.to), "kwic: right context is width chars where the text allows")
  eq(l.left, (text.sub(src, math.max(1, l.from - 10), l.from - 1):gsub("\n", " ")), "kwic: left context")
  eq(l.right, (text.sub(src, l.to + 1, l.to + 10):gsub("\n", " ")), "kwic: right context")
  check(not l.left:find("\n") and not l.right:find("\n"), "kwic: line ends shown as spaces")
  if l.field == "text" then               -- the paragraph: count line ends before the match
    local before = text.sub(src, 1, l.from - 1)
    local _, nl = before:gsub("\n", "")
    eq(l.paragraph, nl + 1, "kwic: paragraph of line " .. l.id .. ":" .. l.from)
  end
end
for id, n in pairs(per) do eq(byid[id], n, "kwic: lines of article " .. id) end
check(titles >= 4, "kwic: title matches (articles 1, 4, 5, 13 have 高质量发展 in the title)")
eq(lines[1].id, 1, "kwic sort=article: article 1 first")
eq(lines[1].field, "title", "kwic sort=article: its title first")
for i = 2, #lines do
  local a, b = lines[i - 1], lines[i]
  check(a.id < b.id or (a.id == b.id and (a.field == "title" and b.field == "text" or
        (a.field == b.field and a.from < b.from))), "kwic sort=article: order at " .. i)
end
-- sort = left: left contexts in order read backwards
local left = db:kwic("高质量发展", {width = 10, sort = "left"})
eq(#left, #lines, "kwic sort=left: same lines")
local function rev (s)
  local t = {}
  for _, c in utf8.codes(s) do table.insert(t, 1, utf8.char(c)) end
  return table.concat(t)
end
for i = 2, #left do check(rev(left[i - 1].left) <= rev(left[i].left), "kwic sort=left: order at " .. i) end
local right = db:kwic("高质量发展", {width = 10, sort = "right"})
for i = 2, #right do check(right[i - 1].right <= right[i].right, "kwic sort=right: order at " .. i) end
eq(#db:kwic("高质量发展", {limit = 3}), 3, "kwic limit")
-- the set: one outlet, an article
local nmg = db:kwic("高质量发展", {outlet = "内蒙古日报"})
local want = 0
for a in db:articles{outlet = "内蒙古日报"} do want = want + (per[a.id] or 0) end
eq(#nmg, want, "kwic over a filtered set")
for _, l in ipairs(nmg) do eq(l.article.outlet, "内蒙古日报", "kwic set: outlet") end
local a3 = db:article(3)
local k3 = a3:kwic("稳", {width = 4})
local _, n3 = (a3.title .. a3.text):gsub("稳", "")
eq(#k3, n3, "a:kwic: every 稳 of article 3")
for _, l in ipairs(k3) do eq(l.id, 3, "a:kwic: only that article") end
-- printing: aligned by display width
local shown = tostring(db:kwic("先立后破", {width = 6}))
local col
for line in shown:gmatch("[^\n]+") do
  local at = line:find("«", 1, true)
  local w = text.width(line:sub(1, at - 1))
  col = col or w
  eq(w, col, "kwic print: matches aligned by display width")
end
check(contains(shown, "«先立后破»"), "kwic print: the match marked")
eq(getmetatable(lines[1]), nil, "kwic rows are plain tables")
eq(db:kwic("此词不在语料中").n, nil, "kwic: no match")
eq(#db:kwic("此词不在语料中"), 0, "kwic: no match, empty list")
eq(#db:kwic("人才", {words = true}), select(1, db:count("人才", {words = true})), "kwic words=true")
checkerror("bad argument #1 to 'kwic' %(string expected, got no value%)", function () return db:kwic() end)
checkerror("invalid option 'up' for 'sort'", function () return db:kwic("发展", {sort = "up"}) end)
local r, msg = db:kwic("(发展")
eq(r, nil, "kwic: a malformed query fails")
check(contains(msg, "malformed query"), "kwic: its message: " .. tostring(msg))
-- }======

-- {====== timeline ======
local tl = db:timeline("高质量发展")
eq(#tl, 1, "timeline: only 2024-03 holds dated matches")
eq(tl[1].period, "2024-03", "timeline: the period")
local dated = 0
for _, id in ipairs{6, 7, 8, 9, 10, 11, 12} do dated = dated + (per[id] or 0) end
eq(tl[1].count, dated, "timeline: the matches of the 2024-03-18 articles")
eq(tl.undated, total - dated, "timeline: no date, and --04-23 (no year), are undated")
eq(tl.undated_articles, 5, "timeline: articles 1, 2, 4, 5, 13 cannot be placed")
local tq = db:timeline("稳中求进", {by = "month"})
eq(#tq, 4, "timeline: 2023-12 to 2024-03, zeros included")
eq(tq[1].period, "2023-12"); eq(tq[2].period, "2024-01"); eq(tq[2].count, 0); eq(tq[3].count, 0)
eq(tq[1].count, 2, "timeline: 稳中求进 in article 3 (title and text)")
eq(tq[4].count, 1, "timeline: 稳中求进 in article 9")
local ty = db:timeline("稳中求进", {by = "year"})
eq(#ty, 2, "timeline by year"); eq(ty[1].period, "2023"); eq(ty[2].period, "2024")
local ta = db:timeline(nil, {by = "year"})
eq(ta[1].articles + ta[2].articles + ta.undated_articles, 13, "timeline of the articles")
checkerror("invalid option 'week' for 'by'", function () return db:timeline("发展", {by = "week"}) end)
-- }======

-- {====== dispersion ======
local d = db:dispersion("高质量发展")
eq(d.parts, 13, "dispersion: every article is a part")
local textonly = 0
for _, l in ipairs(lines) do if l.field == "text" then textonly = textonly + 1 end end
eq(d.total, textonly, "dispersion: matches in the texts")
for _, r in ipairs(d) do
  eq(#r.positions, r.count); eq(#r.from, r.count)
  eq(text.len(r.plot), 50, "dispersion: 50 cells")
  local marks = select(2, r.plot:gsub("|", ""))
  check(marks >= 1 and marks <= r.count, "dispersion: marks in the plot")
  for i, f in ipairs(r.from) do
    eq(text.sub(r.article.text, f, f + 4), "高质量发展", "dispersion: from")
    check(math.abs(r.positions[i] - (f - 1) / r.nchars) < 1e-9, "dispersion: relative position")
  end
end
check(d.juilland_d > 0 and d.juilland_d < 1, "Juilland's D in (0, 1): " .. tostring(d.juilland_d))
check(d.dp > 0 and d.dp < 1, "DP in (0, 1)")
local one = db:dispersion("高质量发展", {articles = {1}})
eq(one.parts, 1); eq(one.juilland_d, nil, "D needs two parts")
check(math.abs(one.dp) < 1e-9, "DP of one part is 0")
local d3 = db:dispersion("先立后破", {cells = 10})
eq(#d3[1].plot, 10, "dispersion: cells")
check(d3.dp > d.dp, "先立后破 is less evenly spread than 高质量发展")
-- }======

-- {====== track ======
local tr = db:track({"稳中求进、以进促稳、先立后破", "硬道理 = 发展是硬道理 | 新时代的硬道理", "稳中求进 先立后破",
                     "新质生产力", "此词不在语料中"})
eq(#tr, 5, "track: one result per formulation, in order")
local s = tr[1]
eq(s.formulation, "稳中求进、以进促稳、先立后破")
eq(s.articles, 2, "稳中求进、以进促稳、先立后破: articles 1 and 3")
eq(s.per[1].id == 1 and s.per[2].id == 3 or s.per[1].id == 3 and s.per[2].id == 1, true)
eq(s.total, 4, "twice in article 1 (offsets 455, 5151), in article 3's title and text")
eq(s.variants["稳中求进、以进促稳、先立后破"], 4, "all exact")
eq(s.first.id, 3, "first: 2023-12-11 (article 3)"); eq(s.first.date, "2023-12-11")
eq(#s.matches, 4)
for _, m in ipairs(s.matches) do
  local a = db:article(m.id)
  eq(text.sub(m.field == "title" and a.title or a.text, m.from, m.to), m.text, "track: [from, to] is the text")
  eq(m.exact, true)
end
local h = tr[2]
eq(h.formulation, "硬道理"); eq(h.articles, 3, "新时代的硬道理 / 发展是硬道理: articles 1, 5, 9")
local ids = {}
for _, p in ipairs(h.per) do ids[#ids + 1] = p.id end
table.sort(ids)
eq(table.concat(ids, ","), "1,5,9")
eq(h.variants["发展是硬道理"], 4, "发展是硬道理: 4 times, all in article 1")
check((h.variants["新时代的硬道理"] or 0) >= 3, "新时代的硬道理 in 1, 5 and 9")
eq(h.per[1].id, 1, "per: article 1 has the most")
-- parts in order within one sentence
local p = tr[3]
eq(p.articles, 2)
for _, m in ipairs(p.matches) do
  eq(m.exact, false, "稳中求进 先立后破: found as parts")
  eq(m.text, "稳中求进、以进促稳、先立后破", "the variant: the text between the parts")
end
local sep = db:track("稳中求进 先立后破", {articles = {9}})
eq(sep[1].total, 0, "article 9: 稳中求进 and 先立后破 in two sentences do not match")
eq(tr[4].formulation, "新质生产力"); check(tr[4].articles >= 2)
eq(tr[5].total, 0); eq(tr[5].articles, 0); eq(tr[5].first, nil)
-- months
local m = db:track("稳中求进")[1]
eq(m.months[1].period, "2023-12"); eq(m.months[#m.months].period, "2024-03"); eq(#m.months, 4)
eq(db:track("稳中求进", {by = "year"})[1].years[2].period, "2024")
eq(db:track("稳中求进", {matches = false})[1].matches, nil, "matches = false")
-- the built-in lexicon: shared formulations
local shared = db:track()
check(#shared >= 5, "built-in: several shared formulations")
local names = {}
for i, r in ipairs(shared) do
  names[r.formulation] = r
  check(r.articles >= 2, "built-in: min_articles 2")
  if i > 1 then check(shared[i - 1].articles >= r.articles, "built-in: by articles") end
end
eq(shared[1].formulation, "高质量发展", "高质量发展 is the most shared")
check(names["稳中求进、以进促稳、先立后破"] and names["发展是硬道理"], "built-in: the shared formulations")
eq(names["发展是硬道理"].articles, 3)
-- lexicon files
local path = os.tmpname() .. ".txt"
local f = assert(io.open(path, "w"))
f:write("# test lexicon\n\n双碳 = 碳达峰 | 碳中和\n  新质生产力  \n")
f:close()
local lx = db:track(path)
os.remove(path)
eq(#lx, 2); eq(lx[1].formulation, "双碳"); eq(lx[1].forms[2], "碳中和"); eq(lx[2].formulation, "新质生产力")
local nf, nmsg = db:track("/nonexistent/lexicon.txt")
eq(nf, nil); check(contains(nmsg, "cannot open lexicon"), nmsg)
checkerror("bad lexicon %(line 1: no form after '='%)", function () return db:track({"x ="}) end)
-- invalid UTF-8 is a bad lexicon, with its line (and its file), not a failure of memory
checkerror("bad lexicon %(line 2: not valid UTF%-8 %(byte 5%)%)", function () return db:track({"a=b", "\255"}) end)
path = os.tmpname() .. ".txt"
f = assert(io.open(path, "w"))
f:write("双碳 = 碳达峰\n\n坏 = \254\255\n")
f:close()
local ok, msg = pcall(db.track, db, path)
os.remove(path)
check(not ok and contains(msg, "bad lexicon '" .. path .. "' (line 3: not valid UTF-8"), msg)
checkerror("bad argument #1 to 'track' %(string or table expected, got number%)", function () return db:track(1) end)
-- }======

-- {====== tifa.chart ======
local c = tifa.chart
local bars = c.bars({"高质量发展", "AI", "新质生产力"}, {127, 5, 19}, {width = 20})
local cols
for line in bars:gmatch("[^\n]+") do
  local at = line:find("[\xE2][\x96]")             -- the first block
  if at then
    cols = cols or text.width(line:sub(1, at - 1))
    eq(text.width(line:sub(1, at - 1)), cols, "bars: labels padded by display width")
  end
end
check(contains(bars, string.rep("█", 20) .. " 127"), "bars: the largest fills the width")
eq(c.sparkline({0, 1, 5, 10, 3}), "▁▂▅█▃")
eq(c.sparkline({}), "")
local svg = c.svg{labels = {"2024-01", "2024-02"}, values = {3, 7}, title = "高质量发展 <&> \"q\""}
check(contains(svg, "高质量发展 &lt;&amp;&gt; &quot;q&quot;"), "svg: text escaped")
check(contains(svg, "Noto Sans CJK SC"), "svg: CJK fonts")
eq(select(2, svg:gsub("<rect ", "")), 3, "svg: a bar per period, and the background")
local ds = c.svg{kind = "dispersion", rows = {{label = "文章1", positions = {0, 0.5, 1}}}}
eq(select(2, ds:gsub("<line ", "")), 3, "svg dispersion: a tick per position")
checkerror("invalid option 'pie'", function () return c.svg{kind = "pie"} end)
checkerror("number expected at index 2", function () return c.bars({"a", "b"}, {1, "x"}) end)
-- }======

if #T.failures > 0 then
  for _, msg in ipairs(T.failures) do print("FAIL " .. msg) end
  error(#T.failures .. " of " .. T.count() .. " checks failed")
end
print("OK (" .. T.count() .. " checks)")
