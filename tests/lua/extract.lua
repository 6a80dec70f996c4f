-- extract.lua -- tifa.text.dates, numbers, quotes, citations, selfrefs, entities: exact results on
-- sentences of the sample corpus ($TIFA_SEEDS; each one is checked to occur there), offsets
-- that point at the text, and the edge cases (empty, ASCII, invalid UTF-8).
-- Runs in the tifa host and in stock lua5.4 through require "tifa".
print "testing tifa.text extraction"

local tifa = tifa or require "tifa"
local text = tifa.text
local SEEDS = assert(os.getenv("TIFA_SEEDS"), "TIFA_SEEDS not set")

local T = dofile(((arg and arg[0]) or ""):match("^(.-)[^/]*$") .. "support/check.lua")
local eq, check, usub, checkerror = T.eq, T.check, T.usub, T.checkerror

-- the sample corpus, to check that the sentences below are real
local corpus = {}
for _, f in ipairs{"000_5f02c2555ca2acf2.txt", "001_f34ecce1adfb7df6.txt", "002_41f0111f64e2b8b0.txt",
                   "003_e65765651145426b.txt", "004_19c2e8de30fa8799.txt"} do
  local h = assert(io.open(SEEDS .. "/" .. f, "rb"))
  corpus[#corpus + 1] = h:read("a")
  h:close()
end
corpus = table.concat(corpus, "\n")
local function seed (s)
  check(corpus:find(s, 1, true) ~= nil, "not in the sample corpus: " .. T.show(s))
  return s
end

-- compare a list of records with the expected ones, field by field (nil fields included),
-- and check that first..last of s is the record's 'textfield'
local function same (s, got, want, what, textfield)
  eq(#got, #want, what .. ": count")
  for i = 1, math.max(#got, #want) do
    local g, w = got[i] or {}, want[i] or {}
    local keys = {}
    for k in pairs(g) do keys[k] = true end
    for k in pairs(w) do keys[k] = true end
    for k in pairs(keys) do eq(g[k], w[k], what .. " #" .. i .. "." .. k) end
    if textfield and g[textfield] then eq(usub(s, g.first, g.last), g[textfield], what .. " #" .. i .. " first..last") end
  end
end

-- {====== dates ======
do
  local s = seed("——习近平2023年12月11日在中央经济工作会议上的讲话")
  same(s, text.dates(s), {{text = "2023年12月11日", iso = "2023-12-11", precision = "day", first = 6, last = 16}},
       "dates 1", "text")
  s = seed("4月23日下午，中共中央总书记、国家主席、中央军委主席习近平在重庆主持召开新时代推动西部大开发座谈会并发表重要讲话。")
  same(s, text.dates(s), {{text = "4月23日", iso = "--04-23", precision = "month-day", first = 1, last = 5}},
       "dates 2", "text")
  s = seed("在二〇二四年新年贺词中，习近平总书记强调")
  same(s, text.dates(s), {{text = "二〇二四年", iso = "2024", precision = "year", first = 2, last = 6}}, "dates 3", "text")
  s = seed("发布时间: 2024-03-18")
  same(s, text.dates(s), {{text = "2024-03-18", iso = "2024-03-18", precision = "day", first = 7, last = 16}},
       "dates 4", "text")
  s = seed("《内蒙古自治区历史遗留矿山生态修复三年行动计划（2023-2025年）》")     -- 2025年 inside a title
  same(s, text.dates(s), {{text = "2025年", iso = "2025", precision = "year", first = 30, last = 34}}, "dates 5", "text")
  s = "二○○一年十二月十一日，2024年3月，国发〔2024〕1号，12306，12时30分"
  same(s, text.dates(s), {{text = "二○○一年十二月十一日", iso = "2001-12-11", precision = "day", first = 1, last = 11},
                          {text = "2024年3月", iso = "2024-03", precision = "month", first = 13, last = 19}},
       "dates 6", "text")
  same("", text.dates(""), {}, "dates of ''")
  same("abc 2024", text.dates("abc 2024"), {}, "dates of ASCII")
end
-- }======

-- {====== numbers ======
do
  local s = seed("国内生产总值超过126万亿元,增长5.2%,增速居世界主要经济体前列")
  same(s, text.numbers(s), {
    {text = "126万亿元", value = 1.26e14, unit = "元", first = 9, last = 14},
    {text = "5.2%", value = 5.2, unit = "%", first = 18, last = 21}}, "numbers 1", "text")
  s = seed("我国拥有14亿多人口、人均国内生产总值超1.2万美元、中等收入群体规模超4亿人")
  same(s, text.numbers(s), {
    {text = "14亿多", value = 1.4e9, hedge = "多", first = 5, last = 8},
    {text = "超1.2万美元", value = 12000, unit = "美元", hedge = "超", first = 20, last = 26},
    {text = "超4亿人", value = 4e8, unit = "人", hedge = "超", first = 36, last = 39}}, "numbers 2", "text")
  s = seed("总量占世界经济的比重上升到18%以上")
  same(s, text.numbers(s), {{text = "18%以上", value = 18, unit = "%", hedge = "以上", first = 14, last = 18}},
       "numbers 3", "text")
  s = seed("《内蒙古日报》推出6篇“深入学习贯彻全国两会精神”系列社论")
  same(s, text.numbers(s), {{text = "6篇", value = 6, unit = "篇", first = 10, last = 11}}, "numbers 4", "text")
  s = seed("更加坚定自觉地拥护“两个确立”、做到“两个维护”")                   -- numerals, not numbers
  same(s, text.numbers(s), {}, "numbers 5")
  s = "5%左右，百分之五，１２３个，三千万元，十分重要，一是，5G网络，发改环资〔2024〕379号"
  same(s, text.numbers(s), {
    {text = "5%左右", value = 5, unit = "%", hedge = "左右", first = 1, last = 4},
    {text = "百分之五", value = 5, unit = "%", first = 6, last = 9},
    {text = "１２３个", value = 123, unit = "个", first = 11, last = 14},
    {text = "三千万元", value = 3e7, unit = "元", first = 16, last = 19}}, "numbers 6", "text")
  same("", text.numbers(""), {}, "numbers of ''")
  same("x 42 y", text.numbers("x 42 y"), {{text = "42", value = 42, first = 3, last = 4}}, "numbers of ASCII", "text")
end
-- }======

-- {====== quotes ======
do
  local s = seed("发展是解决我国一切问题的基础和关键。习近平总书记强调：“我们党领导人民治国理政，很重要的一个方面就是要回答好实现什么样的发展、怎样实现发展这个重大问题。”党的十八大以来")
  same(s, text.quotes(s), {{text = "我们党领导人民治国理政，很重要的一个方面就是要回答好实现什么样的发展、怎样实现发展这个重大问题。",
    first = 29, last = 76, marked = true, speaker = "习近平总书记", speaker_kind = "person", verb = "强调"}}, "quotes 1", "text")
  s = seed("会并发表重要讲话。他强调，西部地区在全国改革发展稳定大局中举足轻重。")
  same(s, text.quotes(s), {{text = "西部地区在全国改革发展稳定大局中举足轻重", first = 14, last = 33, marked = false,
    speaker = "他", speaker_kind = "pronoun", verb = "强调"}}, "quotes 2", "text")
  s = seed("李强在讲话中表示，要认真学习领会、深入贯彻落实习近平总书记重要讲话精神，既从大处着眼")
  same(s, text.quotes(s), {{text = "要认真学习领会、深入贯彻落实习近平总书记重要讲话精神，既从大处着眼", first = 10, last = 42,
    marked = false, speaker = "李强", speaker_kind = "person", verb = "表示"}}, "quotes 3", "text")
  s = seed("明确提出“必须把坚持高质量发展作为新时代的硬道理”")
  same(s, text.quotes(s), {{text = "必须把坚持高质量发展作为新时代的硬道理", first = 6, last = 24, marked = true, verb = "提出"}},
       "quotes 4", "text")
  -- an attribution line after the passage it attributes (seed 001, lines 5 to 8)
  local i = assert(corpus:find("要坚持稳中求进、以进促稳、先立后破。稳是大局", 1, true))
  local j = select(2, assert(corpus:find("在中央经济工作会议上的讲话", i, true)))
  s = corpus:sub(i, j)
  local q = text.quotes(s)
  eq(#q, 1, "quotes 5: count")
  eq(q[1].first, 1, "quotes 5: first")
  check(T.endswith(q[1].text, "不断巩固稳中向好的基础。"), "quotes 5: the paragraph before")
  eq(usub(s, q[1].first, q[1].last), q[1].text, "quotes 5: first..last")
  eq(q[1].speaker, "习近平", "quotes 5: speaker")
  eq(q[1].date, "2023-12-11", "quotes 5: date")
  eq(q[1].occasion, "中央经济工作会议上的讲话", "quotes 5: occasion")
  eq(q[1].verb, nil, "quotes 5: verb")
  -- nesting, 「」, and terms in quotes (no speaker)
  s = "他说：“‘两个确立’是“根本”保证。”拥护「两个维护」"
  same(s, text.quotes(s), {
    {text = "‘两个确立’是“根本”保证。", first = 5, last = 18, marked = true, speaker = "他", speaker_kind = "pronoun",
     verb = "说"},
    {text = "两个维护", first = 23, last = 26, marked = true, term = true}}, "quotes 6", "text")
  same("", text.quotes(""), {}, "quotes of ''")
  same("“未完", text.quotes("“未完"), {}, "an unclosed quote")
  same("He said: \"hi\"", text.quotes("He said: \"hi\""), {}, "quotes of ASCII")
end
-- }======

-- {====== citations ======
do
  local s = seed("若干政策措施的通知》（发改环资〔2024〕379号，以下简称《政策措施》）")
  local full = "关于支持内蒙古绿色低碳高质量发展若干政策措施的通知"
  -- the seed wraps the title over two lines; it is joined here
  s = "共同印发了《关于支持内蒙古绿色低碳高质量发展" .. s .. "，为新时代内蒙古加快绿色低碳高质量发展注入新动力。" ..
      seed("《政策措施》作为《意见》的配套政策")
  same(s, text.citations(s), {
    {text = "《" .. full .. "》", title = full, full_title = full, docno = "发改环资〔2024〕379号", alias = false,
     first = 6, last = 32},
    {text = "《政策措施》", title = "政策措施", full_title = full, docno = "发改环资〔2024〕379号", alias = true,
     first = 53, last = 58},
    {text = "《政策措施》", title = "政策措施", full_title = full, docno = "发改环资〔2024〕379号", alias = true,
     first = 85, last = 90},
    {text = "《意见》", title = "意见", full_title = "意见", alias = false, first = 93, last = 96}}, "citations 1", "text")
  s = seed("《国务院关于推动内蒙古高质量发展奋力书写中国式现代化新篇章的意见》")
  s = s .. "（国发〔2024〕1号）（以下简称《意见》）。《意见》"
  local t = "国务院关于推动内蒙古高质量发展奋力书写中国式现代化新篇章的意见"
  same(s, text.citations(s), {
    {text = "《" .. t .. "》", title = t, full_title = t, docno = "国发〔2024〕1号", alias = false, first = 1, last = 33},
    {text = "《意见》", title = "意见", full_title = t, docno = "国发〔2024〕1号", alias = true, first = 51, last = 54},
    {text = "《意见》", title = "意见", full_title = t, docno = "国发〔2024〕1号", alias = true, first = 57, last = 60}},
    "citations 2", "text")
  s = "《意见》（以下简称《意见》）。《未完\n》《〈决议〉辅导读本》"
  same(s, text.citations(s), {
    {text = "《意见》", title = "意见", full_title = "意见", alias = false, first = 1, last = 4},
    {text = "《意见》", title = "意见", full_title = "意见", alias = true, first = 10, last = 13},
    {text = "《〈决议〉辅导读本》", title = "〈决议〉辅导读本", full_title = "〈决议〉辅导读本", alias = false,
     first = 21, last = 30}}, "citations 3", "text")
  same("", text.citations(""), {}, "citations of ''")
  same("<<a>>", text.citations("<<a>>"), {}, "citations of ASCII")
end
-- }======

-- {====== selfrefs ======
do
  local s = "本法自公布之日起施行。基本法和本法院不算。依照本条例第三条，“本法所称”，本实施细则，本章"
  same(s, text.selfrefs(s), {
    {text = "本法", kind = "法", quoted = false, first = 1, last = 2},
    {text = "本条例", kind = "条例", quoted = false, first = 24, last = 26},
    {text = "本法", kind = "法", quoted = true, first = 32, last = 33},      -- an amendment's new text
    {text = "本实施细则", kind = "细则", quoted = false, first = 38, last = 42}}, "selfrefs 1", "text")
  -- in 《》 a title, not the document itself; 基本法, 本法院 and parts (本章) are none
  same("《本法》基本法本法院本章本节", text.selfrefs("《本法》基本法本法院本章本节"), {}, "selfrefs none")
  same("", text.selfrefs(""), {}, "selfrefs of ''")
  local ok, err = pcall(text.selfrefs, "本法\xff")
  eq(ok, false, "selfrefs of bad UTF-8")
  eq(err:find("UTF%-8") ~= nil, true, "selfrefs of bad UTF-8: message")
end
-- }======

-- {====== entities ======
do
  local s = "国务院总理李强、重庆市委书记袁家军、国家发展改革委主任郑栅洁出席。"
  same(s, text.entities(s), {
    {text = "国务院总理李强", kind = "person", name = "李强", title = "国务院总理", first = 1, last = 7},
    {text = "重庆市委书记袁家军", kind = "person", name = "袁家军", title = "重庆市委书记", first = 9, last = 17},
    {text = "国家发展改革委主任郑栅洁", kind = "person", name = "郑栅洁", title = "国家发展改革委主任", first = 19, last = 30}},
    "entities 1", "text")
  s = seed("中共中央总书记、国家主席、中央军委主席习近平在重庆主持召开新时代推动西部大开发座谈会")
  local e = text.entities(s)
  local byname = {}
  for _, r in ipairs(e) do byname[r.name] = r; eq(usub(s, r.first, r.last), r.text, "entities 2 first..last") end
  check(byname["习近平"] and byname["习近平"].title == "中央军委主席" and byname["习近平"].first == 14,
        "entities 2: 习近平 with his title")
  check(byname["重庆"] and byname["重庆"].kind == "place", "entities 2: 重庆 a place")
  same("", text.entities(""), {}, "entities of ''")
end
-- }======

-- {====== invalid UTF-8 and other misuse ======
-- called as users write them, so that the message names the function
local calls = {
  dates = function (...) return text.dates(...) end,
  numbers = function (...) return text.numbers(...) end,
  quotes = function (...) return text.quotes(...) end,
  citations = function (...) return text.citations(...) end,
  entities = function (...) return text.entities(...) end,
}
for f, call in pairs(calls) do
  checkerror("bad argument #1 to '" .. f .. "' %(invalid UTF%-8 at byte 4%)", call, "abc\xff")
  checkerror("bad argument #1 to '" .. f .. "' %(invalid UTF%-8 at byte 1%)", call, "\xe4\xb8")
  checkerror("bad argument #1 to '" .. f .. "' %(string expected, got no value%)", call)
end
-- }======

if #T.failures > 0 then
  for _, m in ipairs(T.failures) do print("FAIL: " .. m) end
  error(#T.failures .. " of " .. T.count() .. " checks failed")
end
print("OK (" .. T.count() .. " checks)")
