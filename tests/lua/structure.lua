-- structure.lua -- tifa.text's structure of texts: sentences, clauses, paragraphs,
-- enumerations, ngrams, freq (of lists, and of texts in C) and stopwords, on text of the
-- sample corpus ($TIFA_SEEDS) and of a government work report. Runs in the tifa host and in
-- stock lua5.4 through require "tifa".
print "testing tifa.text structure"

local tifa = tifa or require "tifa"
local text = tifa.text

local T = dofile(((arg and arg[0]) or ""):match("^(.-)[^/]*$") .. "support/check.lua")
local eq, check, usub, checkerror = T.eq, T.check, T.usub, T.checkerror

local seed = T.seed

-- units as "first-last:text" joined by '|'
local function show (list)
  local t = {}
  for i, u in ipairs(list) do t[i] = u.first .. "-" .. u.last .. ":" .. u.text end
  return table.concat(t, "|")
end

-- every unit is characters first..last of s, trimmed, in order, not overlapping
local function addressable (s, list, what)
  local after = 0
  for _, u in ipairs(list) do
    eq(usub(s, u.first, u.last), u.text, what .. " text at its offsets")
    check(u.first > after and u.last >= u.first, what .. " units in order")
    check(not u.text:find("^%s") and not u.text:find("%s$") and not u.text:find("^\u{3000}"),
          what .. " units trimmed")
    after = u.last
  end
end

-- {====== sentences, clauses, paragraphs ======
do
  -- seed 001, its first paragraph
  local p = "要坚持稳中求进、以进促稳、先立后破。稳是大局和基础，要多出有利于稳预期、稳增长、稳就业的政策，谨慎出台收缩性抑制性举措。"
  eq(show(text.sentences(p)), "1-18:要坚持稳中求进、以进促稳、先立后破。|19-60:稳是大局和基础，" ..
     "要多出有利于稳预期、稳增长、稳就业的政策，谨慎出台收缩性抑制性举措。", "sentences")
  eq(show(text.clauses(p)), "1-18:要坚持稳中求进、以进促稳、先立后破。|19-26:稳是大局和基础，|" ..
     "27-47:要多出有利于稳预期、稳增长、稳就业的政策，|48-60:谨慎出台收缩性抑制性举措。", "clauses")
  -- seed 000: a quotation after ： is one clause; seed 003's ASCII commas split
  eq(show(text.clauses("习近平总书记在参观《复兴之路》展览时强调：“全党同志必须牢记，落后就要挨打，发展才能自强。”")),
     "1-21:习近平总书记在参观《复兴之路》展览时强调：|22-46:“全党同志必须牢记，落后就要挨打，发展才能自强。”",
     "clauses keep quotations whole")
  eq(show(text.clauses("全国两会刚刚落下帷幕,自治区党委第一时间召开干部大会,传达学习全国两会精神。")),
     "1-11:全国两会刚刚落下帷幕,|12-27:自治区党委第一时间召开干部大会,|28-38:传达学习全国两会精神。",
     "clauses at ASCII commas")
  eq(show(text.clauses("增长1,000亿元（约占，全部）；见http://www.gov.cn")),
     "1-17:增长1,000亿元（约占，全部）；|18-35:见http://www.gov.cn", "no clause end in numbers, URLs, brackets")
  eq(show(text.clauses("他说：“我们，不。好，的")), "1-3:他说：|4-9:“我们，不。|10-11:好，|12-12:的",
     "an unbalanced quote holds to the end of its sentence")
  eq(show(text.clauses("a ” b， c")), "1-6:a ” b，|8-8:c", "a closer with nothing open is ignored")
  -- seed 002: lines start with a space; blank lines are skipped
  eq(show(text.paragraphs(" 一、充分认识《政策措施》的重大意义\n\n 《政策措施》是具体举措。\r\n　\n最后")),
     "2-18:一、充分认识《政策措施》的重大意义|22-33:《政策措施》是具体举措。|38-39:最后", "paragraphs")
  for _, f in ipairs{"empty", "", " \n\t\u{3000}\r\n "} do
    local s = f == "empty" and "" or f
    eq(#text.sentences(s) + #text.clauses(s) + #text.paragraphs(s), 0, "no units in " .. T.show(s))
  end
  eq(show(text.sentences("Plain ASCII. Two sentences")), "1-12:Plain ASCII.|14-26:Two sentences", "ASCII")
  -- whole seed pages: every unit addressable; paragraphs = the non-blank lines
  for _, name in ipairs{"000_5f02c2555ca2acf2.txt", "002_41f0111f64e2b8b0.txt", "003_e65765651145426b.txt"} do
    local s = seed(name)
    local ps, ss, cs = text.paragraphs(s), text.sentences(s), text.clauses(s)
    addressable(s, ps, "paragraph"); addressable(s, ss, "sentence"); addressable(s, cs, "clause")
    local lines = 0
    for l in s:gmatch("[^\n]+") do if T.nospace(l) ~= "" then lines = lines + 1 end end
    eq(#ps, lines, name .. ": paragraphs are the non-blank lines")
    check(#cs > #ss and #ss >= #ps, name .. ": more clauses than sentences")
  end
end
-- }======

-- {====== enumerations ======
do
  -- 1995 government work report (abridged)
  local g = "一是下大力气整顿和治理城乡社会治安，集中整治重点地区和群众反映强烈的问题。" ..
            "二是深入开展打击暴力犯罪、毒品犯罪、车匪路霸等严重犯罪活动。三是加强基层政权建设。要求各地落实。"
  local e = text.enumerations(g)
  eq(#e, 1, "one enumeration")
  eq(e[1].style, "一是", "its style"); eq(e[1].first, 1, "its first"); eq(e[1].last, 78, "its last")
  eq(#e[1], 3, "three items")
  for i, want in ipairs{{"一是", 1, 37}, {"二是", 38, 67}, {"三是", 68, 78}} do
    local it = e[1][i]
    eq(it.label, want[1], "label"); eq(it.index, i, "index")
    eq(it.first, want[2], "first"); eq(it.last, want[3], "last")
    eq(usub(g, it.first, it.last), it.text, "item text at its offsets")
  end
  eq(e[1][3].text, "三是加强基层政权建设。", "the last item ends with its sentence")
  eq(e[1].text, usub(g, 1, 78), "enumeration text")
  -- seed 002: 一、 sections, each （一）… list its own enumeration
  local s = seed("002_41f0111f64e2b8b0.txt")
  e = text.enumerations(s)
  local got = {}
  for _, en in ipairs(e) do
    local labels = {}
    for i, it in ipairs(en) do labels[i] = it.label; eq(usub(s, it.first, it.last), it.text, "seed item") end
    got[#got + 1] = en.style .. ":" .. table.concat(labels, ",")
  end
  eq(table.concat(got, " "), "一、:一、,二、,三、 （一）:（一）,（二）,（三） （一）:（一）,（二）,（三）,（四）",
     "seed 002 enumerations")
  eq(e[1][3].text, "三、贯彻落实《政策措施》的重点任务", "a heading item ends with its line")
  -- 第一, 首先 … 最后, 一方面 … 另一方面 (seed 000), 1. 2. and （1）（2）; none in seed 003
  local function labels (str)
    local t = {}
    for _, en in ipairs(text.enumerations(str)) do
      for _, it in ipairs(en) do t[#t + 1] = en.style .. "/" .. it.label .. it.index .. ":" .. it.text end
    end
    return table.concat(t, "|")
  end
  eq(labels("第一，坚持；第二，发展：全面推进。"), "第一/第一1:第一，坚持；|第一/第二2:第二，发展：全面推进。", "第一")
  eq(labels("首先，要坚定信心。其次，要真抓实干。最后，要以身作则。"),
     "首先/首先1:首先，要坚定信心。|首先/其次2:其次，要真抓实干。|首先/最后3:最后，要以身作则。", "首先")
  eq(labels("此次《意见》给予了明确清晰的指导。一方面，矿产资源开发要坚持“生态优先、绿色发展”这一工作原则。" ..
            "另一方面，资源开发要立足现代化建设需求，更好统筹当前和长远。近年来，"),
     "一方面/一方面1:一方面，矿产资源开发要坚持“生态优先、绿色发展”这一工作原则。|" ..
     "一方面/另一方面2:另一方面，资源开发要立足现代化建设需求，更好统筹当前和长远。", "一方面")
  eq(labels("1. 增长5.2%左右\n2. 就业\n（1）甲；（2）乙"),
     "1./1.1:1. 增长5.2%左右|1./2.2:2. 就业|（1）/（1）1:（1）甲；|（1）/（2）2:（2）乙", "1. and （1）")
  eq(#text.enumerations(seed("003_e65765651145426b.txt")), 0, "seed 003: 第一时间 is no enumeration")
  eq(#text.enumerations("唯一是二是"), 0, "markers only at a clause start")
  eq(#text.enumerations(""), 0, "empty")
end
-- }======

-- {====== ngrams ======
do
  local s = "发展新质生产力，推动高质量发展"
  eq(table.concat(text.ngrams(s, 2), " "), "发展 展新 新质 质生 生产 产力 推动 动高 高质 质量 量发 发展", "char bigrams")
  eq(table.concat(text.ngrams(s, 6), " "), "发展新质生产 展新质生产力 推动高质量发 动高质量发展", "no n-gram spans the comma")
  eq(#text.ngrams(s, 8), 0, "longer than every run")
  eq(table.concat(text.ngrams("AI+制造 5G。", 2), " "), "AI I+ +制 制造 5G", "spaces break, symbols do not")
  eq(#text.ngrams("", 1), 0, "empty")
  -- words: whatever the segmentation, unigrams rebuild the text without its punctuation
  local w = text.ngrams(s, 1, {unit = "word"})
  eq(table.concat(w), "发展新质生产力推动高质量发展", "word unigrams")
  for _, g in ipairs(text.ngrams(s, 2, {unit = "word"})) do
    check(select(2, g:gsub(" ", "")) == 1 and not g:find("，"), "word bigram " .. g)
  end
end
-- }======

-- {====== freq and stopwords ======
do
  local s = "发展新质生产力，推动高质量发展。发展"
  local function show2 (pairs_)
    local t = {}
    for i, p in ipairs(pairs_) do t[i] = p[1] .. "=" .. p[2] end
    return table.concat(t, " ")
  end
  eq(show2(text.freq(text.ngrams(s, 2))),
     "发展=3 产力=1 动高=1 展新=1 推动=1 新质=1 生产=1 质生=1 质量=1 量发=1 高质=1", "freq sorted")
  eq(show2(text.freq(text.ngrams(s, 2), {top = 2})), "发展=3 产力=1", "top")
  eq(show2(text.freq(text.ngrams(s, 2), {min = 2})), "发展=3", "min")
  eq(show2(text.freq(string.gmatch("a b a c b a", "%a"))), "a=3 b=2 c=1", "an iterator")
  eq(show2(text.freq({})), "", "nothing")
  local words = {"坚持", "的", "发展", "，", "深化", "改革", "的", "发展", "和", "extra"}
  eq(show2(text.freq(words, {stopwords = "function"})), "发展=2 extra=1 坚持=1 改革=1 深化=1 ，=1",
     "a named list")
  eq(show2(text.freq(words, {stopwords = {"function", "punct", "filler"}})), "发展=2 extra=1 改革=1", "names")
  eq(show2(text.freq(words, {stopwords = {"function", "punct", extra = {"改革"}}})),
     "发展=2 extra=1 坚持=1 深化=1", "names and extra words")
  eq(show2(text.freq(words, {stopwords = {["的"] = true, ["发展"] = true}})),
     "extra=1 和=1 坚持=1 改革=1 深化=1 ，=1", "a set of words")
  eq(show2(text.freq(words, {stopwords = {"的", "和", "，", "坚持"}})), "发展=2 extra=1 改革=1 深化=1",
     "a list of words")
  -- counts agree with a Lua table on a whole seed page
  local big = text.ngrams(seed("000_5f02c2555ca2acf2.txt"), 2)
  local oracle, n = {}, 0
  for _, g in ipairs(big) do
    if not oracle[g] then n = n + 1 end
    oracle[g] = (oracle[g] or 0) + 1
  end
  local f = text.freq(big)
  eq(#f, n, "distinct bigrams of seed 000")
  local ok = true
  for i, p in ipairs(f) do
    if oracle[p[1]] ~= p[2] then ok = false end
    if i > 1 and (f[i - 1][2] < p[2] or (f[i - 1][2] == p[2] and f[i - 1][1] >= p[1])) then ok = false end
  end
  check(ok, "seed 000 bigram counts and order")
  eq(f[1][1], "发展", "the commonest bigram of seed 000")

  -- a text is counted in C: its words (as words(s) gives them), word or char n-grams
  -- (as ngrams(s, n, opts) gives them), never a Lua string per token
  eq(show2(text.freq(s, {unit = "char", n = 2})),
     "发展=3 产力=1 动高=1 展新=1 推动=1 新质=1 生产=1 质生=1 质量=1 量发=1 高质=1", "freq of a text, char bigrams")
  eq(show2(text.freq(s, {unit = "char", n = 2, top = 2, stopwords = {"发展"}})), "产力=1 动高=1",
     "char bigrams less a stopword, top")
  eq(show2(text.freq("发展，发\n展 展", {unit = "char"})), "展=3 发=2", "characters, not punctuation or space")
  eq(show2(text.freq("AI+制造 5G。", {unit = "char", n = 2})), "+制=1 5G=1 AI=1 I+=1 制造=1",
     "spaces break char n-grams, symbols do not")
  eq(show2(text.freq("a b c, a b")), "a=2 b=2 ,=1 c=1", "freq of a text: its words, punctuation too")
  eq(show2(text.freq("a b c, a b", {stopwords = "punct", min = 2})), "a=2 b=2", "words less punct, min")
  eq(show2(text.freq("a b c, a b", {unit = "word", n = 2})), "a b=2 b c=1", "word bigrams: ',' breaks, ' ' does not")
  eq(show2(text.freq("a b c, a b", {n = 2, stopwords = {"b"}})), "a b=2 b c=1",
     "a stopword drops a whole n-gram only")
  eq(show2(text.freq("a b c, a b", {n = 2, stopwords = {"a b"}})), "b c=1", "an n-gram as a stopword")
  eq(show2(text.freq("a b c, a b", {n = 3})), "a b c=1", "word trigrams")
  eq(show2(text.freq("", {unit = "char"})) .. show2(text.freq(" \n\u{3000}")), "", "nothing to count")
  eq(show2(text.freq(s, {n = 99})), "", "n longer than the text")
  -- on every seed page, the C path gives what the list path gives
  for _, name in ipairs{"000_5f02c2555ca2acf2.txt", "001_f34ecce1adfb7df6.txt", "002_41f0111f64e2b8b0.txt",
                        "003_e65765651145426b.txt", "004_19c2e8de30fa8799.txt"} do
    local p = seed(name)
    local sw = {"function", "punct", extra = {"发展"}}
    local a = show2(text.freq(p))
    check(#a > 1000, name .. ": words counted")
    eq(a, show2(text.freq(text.words(p))), name .. ": freq(s) == freq(words(s))")
    eq(show2(text.freq(p, {stopwords = sw, top = 50})), show2(text.freq(text.words(p), {stopwords = sw, top = 50})),
       name .. ": freq(s) == freq(words(s)) with stopwords, top")
    for n = 1, 3 do
      eq(show2(text.freq(p, {unit = "char", n = n})), show2(text.freq(text.ngrams(p, n))),
         name .. ": char n-grams, n = " .. n)
      eq(show2(text.freq(p, {unit = "char", n = n, stopwords = sw, min = 2})),
         show2(text.freq(text.ngrams(p, n), {stopwords = sw, min = 2})), name .. ": char n-grams, stopwords, n = " .. n)
    end
    for n = 2, 3 do
      eq(show2(text.freq(p, {unit = "word", n = n})), show2(text.freq(text.ngrams(p, n, {unit = "word"}))),
         name .. ": word n-grams, n = " .. n)
    end
  end

  local names = text.stopwords()
  eq(table.concat(names, ","), "function,punct,filler", "stopword lists")
  local fill = T.set(text.stopwords("filler"))
  check(fill["坚持"] and fill["推进"] and fill["加强"] and fill["深化"] and fill["进一步"], "filler")
  eq(text.stopwords("function")[1], "的", "function words")
  check(T.set(text.stopwords("punct"))["，"], "punct")
end
-- }======

-- {====== errors ======
do
  checkerror("bad argument #1 to 'clauses' %(invalid UTF%-8 at byte 5%)", function () return text.clauses("abcd\xff") end)
  checkerror("bad argument #1 to 'sentences' %(string expected, got no value%)", function () return text.sentences() end)
  checkerror("bad argument #1 to 'paragraphs' %(invalid UTF%-8 at byte 4%)", function () return text.paragraphs("发\xe5") end)
  checkerror("bad argument #1 to 'enumerations' %(invalid UTF%-8 at byte 1%)", function () return text.enumerations("\x80") end)
  checkerror("bad argument #1 to 'ngrams' %(invalid UTF%-8", function () return text.ngrams("\xc0\xaf", 2) end)
  checkerror("bad argument #2 to 'ngrams' %(n must be at least 1%)", function () return text.ngrams("ab", 0) end)
  checkerror("bad argument #3 to 'ngrams' %(invalid unit 'byte'%)",
             function () return text.ngrams("ab", 1, {unit = "byte"}) end)
  checkerror("bad argument #1 to 'freq' %(string, table or function expected, got number%)",
             function () return text.freq(1) end)
  checkerror("bad argument #1 to 'freq' %(string, table or function expected, got no value%)",
             function () return text.freq() end)
  checkerror("bad argument #1 to 'freq' %(invalid UTF%-8 at byte 3%)", function () return text.freq("ab\xff") end)
  checkerror("bad argument #1 to 'freq' %(invalid UTF%-8 at byte 1%)",
             function () return text.freq("\xc0\xaf", {unit = "char"}) end)
  checkerror("bad argument #2 to 'freq' %(invalid option 'byte' for 'unit'%)",
             function () return text.freq("ab", {unit = "byte"}) end)
  checkerror("bad argument #2 to 'freq' %(invalid option 'table' for 'unit'%)",
             function () return text.freq("ab", {unit = {}}) end)
  checkerror("bad argument #2 to 'freq' %(field 'n' must be at least 1%)",
             function () return text.freq("ab", {unit = "char", n = 0}) end)
  checkerror("bad argument #2 to 'freq' %(field 'n' must be an integer%)",
             function () return text.freq("ab", {n = 1.5}) end)
  checkerror("bad argument #2 to 'freq' %(option 'unit' needs a text as argument #1%)",
             function () return text.freq({"a"}, {unit = "char"}) end)
  checkerror("bad argument #2 to 'freq' %(option 'n' needs a text as argument #1%)",
             function () return text.freq({"a"}, {n = 2}) end)
  checkerror("bad argument #2 to 'freq' %(unknown stopword list 'functon'%)",
             function () return text.freq("a", {stopwords = "functon"}) end)
  checkerror("bad argument #2 to 'freq' %(table expected, got string%)", function () return text.freq("a", "char") end)
  checkerror("bad argument #1 to 'freq' %(item 2 is a number, string expected%)", function () return text.freq({"a", 2}) end)
  checkerror("bad argument #2 to 'freq' %(unknown stopword list 'functon'%)",
             function () return text.freq({"a"}, {stopwords = "functon"}) end)
  checkerror("bad argument #2 to 'freq' %(field 'top' must be an integer%)",
             function () return text.freq({"a"}, {top = "x"}) end)
  checkerror("bad argument #1 to 'stopwords' %(unknown stopword list 'x'%)", function () return text.stopwords("x") end)
end
-- }======

if #T.failures > 0 then
  for _, m in ipairs(T.failures) do print("FAIL " .. m) end
  error(#T.failures .. " of " .. T.count() .. " checks failed")
end
print("OK (" .. T.count() .. " checks)")
