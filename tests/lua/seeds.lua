-- seeds.lua -- layout analysis of the five sample pages (host/corpus/seeds/): what a careful
-- reader cuts from each page -- how many articles, their titles, kickers, subtitles, series,
-- bylines, outlets, dates, section headings and paragraph shapes -- and that the furniture,
-- bylines and duplicates are gone, page breaks and hard wraps are joined, and paragraphs,
-- sections and sentences map back onto the article text and the source lines.
-- Runs in the tifa host (`tifa run tests/lua/seeds.lua`) and in stock lua5.4 through
-- require "tifa"; needs no store: tifa.open() is the built-in sample corpus.
print "testing the layout of the sample pages"

local tifa = tifa or require "tifa"

-- {====== the expected cut ======
-- One entry per article, in file order. Fields absent from an entry are expected to be nil.
--   shape     one letter per paragraph: t = text, h = heading, i = item, q = quote
--             (spaces are only for reading); it gives the paragraph count and the kinds
--   headings  the section headings in order (= the paragraphs of kind heading)
--   lines     {line_from of the first paragraph, line_to of the last}
--   first     the first paragraph starts with this; last: the last paragraph ends with this
--   paras     {paragraph, line_from, line_to [, starts with [, ends with]]}
--   joined    strings that must each lie inside one paragraph (page breaks, hard wraps)
--   sentences {paragraph, number of sentences}
-- Strings are as stored: folded, no space between CJK characters or CJK and digits.

local SERIES_003 = "六论深入学习贯彻全国两会精神"
local PAGE_003 = {outlet = "内蒙古日报", date = "2024-03-18", date_precision = "day", editor = "席瑞"}

local FILES = {
  {name = "000_5f02c2555ca2acf2.txt", articles = {
    { title = "必须把坚持高质量发展作为新时代的硬道理",
      author = "任理轩",                                -- byline "□ 任理轩" (line 5)
      outlet = "人民网",  -- judgment: the source note （据人民网） at the end (line 67) is the outlet
      shape = "t h ttttttt h ttttttt h ttttttttt",
      headings = {"一脉相承又与时俱进的战略思想", "坚持新时代的硬道理要毫不动摇",
                  "用抓落实的硬功夫坚持好新时代的硬道理"},
      lines = {7, 67},
      first = "发展是解决我国一切问题的基础和关键。",
      last = "形成奋进新征程、建功新时代的浓厚氛围和生动局面。",   -- （据人民网） removed
      paras = {{1, 7, 7}, {2, 9, 9}, {7, 19, 21, "从发展环境看", "重大考验。"},
               {13, 33, 35, "习近平总书记对于实现高质量发展的艰巨性", "新时代的硬道理的要求。"},
               {17, 43, 45, "习近平总书记强调高质量发展“不是一时一事的要求", "坚持高质量发展这个新时代的硬道理。"},
               {18, 47, 47}, {24, 59, 61, "不折不扣抓落实。", "确保最终效果符合党中央决策意图。"},
               {27, 67, 67, "敢作善为抓落实。"}},
      joined = {"外部环境的变化、国际竞争的加剧，必然深刻影响我国发展",     -- lines 19/21
                "放到推动高质量发展中长期的进程中来审视",                   -- lines 33/35
                "“不是一时一事的要求，而是必须长期坚持的要求”",             -- lines 43/45, "要 求"
                "党员干部要坚持历史和现实、理论和实践"},                     -- lines 59/61
    },
    { series = "深入学习贯彻习近平新时代中国特色社会主义思想",   -- column banner (line 69)
      title = "聚焦资源开发转化关键领域深化体制机制改革",          -- line 71, space folded away
      author = "邢智念",                                         -- byline "□ 邢智念" (line 73)
      -- The scrape is out of order: the article really begins at line 85, and line 75
      -- continues line 91 ("...促进矿山企" / "业采用..."). Nothing is reordered or invented:
      -- the paragraphs stay in page order, line 75 opens the article mid-word.
      shape = "t h tt h tt",
      headings = {"推进开发与修复利用并重并行的新模式", "树立统筹生态安全与能源安全的新理念"},
      lines = {75, 91},
      first = "业采用先进技术的激励政策，在矿产资源节约集约开发方面",
      last = "探索制定促进矿山企",      -- judgment: not joined to line 75, and the banner (line 93) is dropped
      paras = {{1, 75, 75}, {2, 77, 77}, {3, 79, 81, "过去一段时间，我区在资源开发过程中走的是先开发后治理的路子"},
               -- known limit: line 83 ends mid-sentence ("实施集中") and the rules join line 85 to
               -- it, as they join every page break; a careful reader sees that 85 does not go on
               -- with 83 (the rest was lost in the scrape) and would keep them apart. Telling the
               -- two apart needs a word model at the seam ("集中|内蒙古" is no word): issue 4.
               {4, 83, 85, "《意见》针对我区矿区治理修复中存在的主要问题", "带来了历史性的新机遇。"},
               {5, 87, 87}, {7, 91, 91, "面对我区矿产资源开发利用的“两难”瓶颈"}},
      joined = {"我区在资源开发过程中走的是先开发后治理的路子"},                -- lines 79/81
    },
  }},

  {name = "001_f34ecce1adfb7df6.txt", articles = {
    -- a quote box: title, the quotation, and its attribution line (metadata, gives the date)
    { title = "习近平论坚持稳中求进、以进促稳、先立后破",
      author = "习近平",       -- judgment: the speaker named in the attribution line is the author
      date = "2023-12-11", date_precision = "day",
      shape = "q",             -- judgment: the body of a quote box is a quote
      headings = {},
      lines = {6, 6},
      first = "要坚持稳中求进、以进促稳、先立后破。稳是大局和基础",
      last = "不断巩固稳中向好的基础。",
      paras = {{1, 6, 6}},
    },
    { kicker = "习近平主持召开新时代推动西部大开发座谈会强调",            -- line 10
      title = "进一步形成大保护大开放高质量发展新格局奋力谱写西部大开发新篇章",  -- line 12
      subtitle = "李强蔡奇丁薛祥出席",                                     -- line 14
      outlet = "新华社", place = "重庆", date = "--04-23", date_precision = "month-day", -- dateline, no year on the page
      -- photo caption (kept once), four summary items, then the report
      shape = "t iiii tttttttttttttt",  -- judgment: the photo caption is a text paragraph
      headings = {},
      lines = {18, 61},                 -- judgment: of the repeated caption the first (line 18) is kept
      first = "4月23日下午，中共中央总书记、国家主席、中央军委主席习近平在重庆主持召开新时代推动西部大开发座谈会并发表重要讲话。",
      last = "中央和国家机关有关部门、有关地方、有关企业负责同志参加座谈会。",
      paras = {{1, 18, 18}, {2, 24, 24, nil, "在中国式现代化建设中奋力谱写西部大开发新篇章"},
               {5, 27, 27, nil, "激励干部锐意进取、大胆开拓、担当作为"},
               {6, 29, 29, "新华社重庆4月23日电中共中央总书记"},        -- the dateline stays in the text
               {10, 37, 39, "习近平强调，要坚持把发展特色优势产业作为主攻方向"},
               {13, 45, 47, "习近平指出，要坚持统筹发展和安全"},
               {16, 53, 55, "习近平最后强调"}, {19, 61, 61, "李干杰、何立峰、吴政隆、穆虹、姜信治出席座谈会"}},
      joined = {"深化东中西部科技创新合作，建好国家自主创新示范区、科技成果转化示范区",  -- 37/39
                "创新跨地区产业协作和优化布局机制",                                      -- 45/47
                "中央有关部门要研究提出有针对性的政策举措"},                              -- 53/55
    },
  }},

  {name = "002_41f0111f64e2b8b0.txt", articles = {
    { series = "专家解读之二", title = "扎实推进内蒙古绿色低碳高质量发展",     -- line 1, split at "｜"
      author = "周毅仁",
      -- judgment: the affiliation is everything after the name in （作者：…）, the posts included
      affiliation = "中国宏观经济研究院国土开发与地区经济研究所所长、正高级经济师",
      -- judgment: "一、…" lines are headings (kept with their numbers); "（一）…" paragraphs are items
      shape = "t h tt h t iii h iiii",
      headings = {"一、充分认识《政策措施》的重大意义", "二、准确把握《政策措施》的总体要求",
                  "三、贯彻落实《政策措施》的重点任务"},
      lines = {3, 58},
      first = "紧紧围绕高质量发展这个首要任务，把内蒙古建设成为我国北方重要生态安全屏障、祖国北疆安全稳定屏障、国家重要能源和战略资源基地",
      last = "融入共建绿色丝绸之路，拓展绿色低碳国际合作。",          -- the byline is cut off the end
      paras = {{1, 3, 7, nil, "为新时代内蒙古加快绿色低碳高质量发展注入新动力。"},
               {2, 9, 9}, {3, 11, 15, "《政策措施》是贯彻落实", "助力内蒙古做好“点绿成金”这篇大文章。"},
               {4, 17, 20}, {6, 24, 25, nil, "积极探索绿色低碳高质量发展之路。"},
               {7, 27, 30, "（一）深刻理解绿色低碳的转型要求。"},
               {8, 32, 35, "（二）牢牢把握高质量发展是新时代的硬道理。", "不断塑造内蒙古新的竞争优势。"},
               {11, 44, 46, "（一）加快能源绿色低碳转型"},
               -- line 55 opens item （四） with no blank line before it
               {13, 52, 54, "（三）全面提升生态环境质量和稳定性", "实现生态环境质量的持续改善。"},
               {14, 55, 58, "（四）深化区域全方位开放合作"}},
      joined = {"国家重要能源和战略资源基地、国家重要农畜产品生产基地",          -- 3/4
                "是习近平总书记和党中央赋予内蒙古的战略定位",                      -- 4/5 ("内\n蒙古")
                "《国务院关于推动内蒙古高质量发展奋力书写中国式现代化新篇章的意见》", -- 11/12, space folded
                "农牧业等优势，推动转变经济发展方式",                              -- 18/19
                "在推进重点生态工程建设的基础上，积极探索生态保护创新模式"},      -- 52/53
    },
  }},

  -- a collection of six editorials under one page heading; the page's source, date and
  -- editor apply to all, and the introduction (line 6) is an article of its own
  {name = "003_e65765651145426b.txt", articles = {
    { series = SERIES_003, title = SERIES_003, page = PAGE_003,
      shape = "t", headings = {}, lines = {6, 6},
      first = "全国两会刚刚落下帷幕,自治区党委第一时间召开干部大会,传达学习全国两会精神,安排部署贯彻落实工作。《内蒙古日报》推出6篇",
      last = "切实推动两会精神在北疆大地落地生根。",
      sentences = {{1, 2}},
    },
    { series = SERIES_003, title = "更加深刻领悟“两个确立”的决定性意义", page = PAGE_003,   -- lines 8 + 10
      shape = "tttttt", headings = {}, lines = {12, 22},
      first = "蓝图激发奋进脚步,春风吹响前行号角。",
      last = "向全区各族人民交出一份合格答卷。",
      paras = {{1, 12, 12, "蓝图激发奋进脚步,春风吹响前行号角。", "春风吹响前行号角。"}},
      sentences = {{1, 1}},
    },
    { series = SERIES_003, title = "寻找和用好政策发力点", page = PAGE_003,
      shape = "tttttt", headings = {}, lines = {26, 36},
      first = "春天里的盛会,写下新的奋斗序章", last = "推动内蒙古在高质量发展中乘势而上、再攀新高。",
    },
    { series = SERIES_003, title = "发掘和培育新的经济增长点", page = PAGE_003,
      shape = "tttttt", headings = {}, lines = {40, 50},
      first = "高质量发展是新时代的硬道理,发展新质生产力是推动高质量发展的内在要求和重要着力点。",
      last = "内蒙古高质量发展必将长风破浪、未来可期。",
    },
    { series = SERIES_003, title = "打好打赢三大标志性战役", page = PAGE_003,
      shape = "ttttt", headings = {}, lines = {54, 62},
      first = "春回大地,万物竞长。", last = "我们定能创造新时代防沙治沙的新奇迹。",
    },
    { series = SERIES_003, title = "全力保民生保安全保稳定", page = PAGE_003,
      shape = "tttttt", headings = {}, lines = {66, 76},
      first = "今年全国两会上,政府工作报告在民生、安全、稳定等方面作出部署,为我区进一步推动相关要求落实落地指明方向。",
      last = "内蒙古高质量发展的动能势必更加强劲。",
    },
    { series = SERIES_003, title = "真抓实干抓落实", page = PAGE_003,
      shape = "ttttt", headings = {}, lines = {80, 88},
      first = "真抓才能攻坚克难,实干才能梦想成真。",
      last = "向全区各族人民交出一份合格答卷。",           -- 编辑:席瑞 and the footer are gone
      paras = {{5, 88, 88, "蓝图绘就,正当乘风破浪;重任在肩,更需快马加鞭。"}},
    },
  }},

  {name = "004_19c2e8de30fa8799.txt", articles = {
    { -- judgment: the study-material header is the series, without its closing "："
      series = "2023-2024学年第一学期第11周教职工政治学习材料",
      -- judgment: line 5 holds kicker and title on one line, split at the first space
      kicker = "习近平主持召开进一步推动长江经济带高质量发展座谈会强调",
      title = "进一步推动长江经济带高质量发展更好支撑和服务中国式现代化",
      -- judgment: no dateline, outlet or year on the page; "10月12日下午…在江西省南昌市" in the
      -- lead is the event, not a dateline, so date, place and outlet stay nil
      shape = "tttttttt", headings = {}, lines = {7, 25},
      first = "中共中央总书记、国家主席、中央军委主席习近平10月12日下午在江西省南昌市主持召开",
      last = "督促各地及时发现问题并加以纠正。",
      paras = {{2, 9, 9, "习近平强调，他强调，长江经济带发展战略实施近8年来"},
               {3, 11, 13, "习近平指出，从长远来看", "激发全流域参与生态保护的积极性。"},
               {7, 21, 23, "习近平指出，长江经济带事关全国发展大局。", "提升流域防灾减灾能力。"},
               {8, 25, 25}},
      joined = {"激发全流域参与生态保护的积极性",                          -- 11/13
                "水安全等方面发挥更大作用，以一域之稳为全局之安作出贡献"},  -- 21/23, after "，"
      sentences = {{1, 2}},
    },
  }},
}

-- strings that occur in no article's text: bylines, source notes, attribution, editor lines,
-- page metadata, site furniture, series and kicker labels, the dropped banner, the spaced 要 求
local ABSENT = {
  "□", "任理轩", "邢智念", "（据人民网）", "据人民网", "——", "在中央经济工作会议上的讲话",
  "作者：", "周毅仁", "正高级经济师", "编辑:", "席瑞", "信息来源", "发布时间", "合集|",
  "主办单位", "ICP备", "蒙公网安备", "公网安备", "本网站发布的所有信息", "纪检部门举报",
  "微信公众号", "手机版", "加快落实“五大任务”", "专家解读之二", "教职工政治学习材料",
  "李强蔡奇丁薛祥出席", "要 求",
}

local FIELDS = {"title", "kicker", "subtitle", "series", "author", "affiliation", "editor",
                "outlet", "place", "date", "date_precision", "url"}
local KINDS = {t = "text", h = "heading", i = "item", q = "quote"}
-- }======

-- {====== helpers (tests/lua/support/check.lua) ======
local T = dofile(((arg and arg[0]) or ""):match("^(.-)[^/]*$") .. "support/check.lua")
local failures, check, eq, show, usub = T.failures, T.check, T.eq, T.show, T.usub
local startswith, endswith, contains = T.startswith, T.endswith, T.contains
local nospace, occurrences, set, expected_sections, tmpdb =
  T.nospace, T.occurrences, T.set, T.expected_sections, T.tmpdb
-- }======

-- {====== the articles of the sample corpus, grouped by file, in file order ======
local db = assert(tifa.open())

local byfile, total = {}, 0
local rows = assert(db:sql("SELECT id FROM article ORDER BY file_id, seq"))
for _, row in ipairs(rows) do
  local a = assert(db:article(row.id))
  local name = a.file:match("[^/\\]+$")
  byfile[name] = byfile[name] or {}
  table.insert(byfile[name], a)
  total = total + 1
end
for _, list in pairs(byfile) do
  table.sort(list, function (x, y) return x.seq < y.seq end)
end

local iterated = 0
for _ in db:articles{where = "1"} do iterated = iterated + 1 end

local want_total = 0
for _, f in ipairs(FILES) do want_total = want_total + #f.articles end
eq(want_total, 13, "expected articles (table sanity)")
eq(total, want_total, "articles in the sample corpus")
eq(iterated, total, "db:articles iterates every article")
for name in pairs(byfile) do
  local known = false
  for _, f in ipairs(FILES) do known = known or f.name == name end
  check(known, "articles from an unexpected file " .. name)
end
-- }======

-- {====== one article against its entry ======
local function check_article (a, e, where)
  -- fields
  for _, k in ipairs(FIELDS) do
    local want = e[k]
    if want == nil and e.page then want = e.page[k] end
    eq(a[k], want, where .. " " .. k)
  end

  -- paragraphs: shape, kinds, headings
  local ps = a:paragraphs()
  local shape = e.shape:gsub(" ", "")
  local kinds = {}
  for c in shape:gmatch(".") do kinds[#kinds + 1] = assert(KINDS[c], "bad shape letter " .. c) end
  local got_shape = {}
  for _, p in ipairs(ps) do
    local letter = "?"
    for l, k in pairs(KINDS) do if k == p.kind then letter = l end end
    got_shape[#got_shape + 1] = letter
  end
  local gs = table.concat(got_shape)
  check(gs == shape, where .. " paragraph shape (t text, h heading, i item, q quote): got "
        .. gs .. ", want " .. shape)
  eq(#ps, #kinds, where .. " paragraphs")
  local count, want_count = {}, {}
  for _, k in ipairs(kinds) do want_count[k] = (want_count[k] or 0) + 1 end
  for _, p in ipairs(ps) do count[p.kind] = (count[p.kind] or 0) + 1 end
  for _, k in ipairs{"text", "heading", "item", "quote", "code"} do
    eq(count[k] or 0, want_count[k] or 0, where .. " paragraphs of kind " .. k)
  end
  local heads = {}
  for _, p in ipairs(ps) do if p.kind == "heading" then heads[#heads + 1] = p.text end end
  eq(#heads, #e.headings, where .. " headings")
  for i, h in ipairs(e.headings) do eq(heads[i], h, where .. " heading " .. i) end

  -- paragraphs map onto a.text; a.text is the paragraphs joined by "\n"
  local texts = {}
  for i, p in ipairs(ps) do
    local pw = where .. " paragraph " .. i
    eq(p.index, i, pw .. " index")
    check(type(p.text) == "string" and #p.text > 0, pw .. " is empty")
    texts[i] = p.text
    eq(usub(a.text, p.from, p.to), p.text, pw .. " text at from/to")
    check(not p.text:find("\n", 1, true), pw .. " contains a newline")
    check(not p.text:find("^%s") and not p.text:find("%s$") and not startswith(p.text, "\u{3000}")
          and not endswith(p.text, "\u{3000}") and not startswith(p.text, "\u{a0}") and not endswith(p.text, "\u{a0}"),
          pw .. " has untrimmed space")
    check(type(p.line_from) == "number" and type(p.line_to) == "number" and p.line_from <= p.line_to,
          pw .. " line range")
    if i > 1 and ps[i - 1].to then
      eq(p.from, ps[i - 1].to + 2, pw .. " starts after the previous one and its \\n")
      check(p.line_from > ps[i - 1].line_to, pw .. " lines after the previous paragraph")
    end
    for _, t in ipairs{e.title, e.kicker, e.subtitle} do
      check(p.text ~= t, pw .. " is the title/kicker/subtitle " .. show(t))
    end
    if e.series ~= e.title then check(p.text ~= e.series, pw .. " is the series") end
  end
  eq(table.concat(texts, "\n"), a.text, where .. " text = paragraphs joined by \\n")

  -- where the cut starts and ends
  check(startswith(ps[1] and ps[1].text, e.first),
        where .. " first paragraph should start " .. show(e.first) .. ", got " .. show(ps[1] and ps[1].text))
  check(endswith(ps[#ps] and ps[#ps].text, e.last),
        where .. " last paragraph should end " .. show(e.last) .. ", got " .. show(ps[#ps] and ps[#ps].text))
  eq(ps[1] and ps[1].line_from, e.lines[1], where .. " line_from of the first paragraph")
  eq(ps[#ps] and ps[#ps].line_to, e.lines[2], where .. " line_to of the last paragraph")

  for _, q in ipairs(e.paras or {}) do
    local i, lf, lt, starts, ends = q[1], q[2], q[3], q[4], q[5]
    local p, pw = ps[i], where .. " paragraph " .. i
    if check(p, pw .. " missing") then
      eq(p.line_from, lf, pw .. " line_from")
      eq(p.line_to, lt, pw .. " line_to")
      if starts then check(startswith(p.text, starts), pw .. " should start " .. show(starts) .. ", got " .. show(p.text)) end
      if ends then check(endswith(p.text, ends), pw .. " should end " .. show(ends) .. ", got " .. show(p.text)) end
    end
  end

  for _, s in ipairs(e.joined or {}) do
    local inone = false
    for _, p in ipairs(ps) do inone = inone or p.text:find(s, 1, true) ~= nil end
    check(inone, where .. " one paragraph should contain " .. show(s))
  end

  -- sections: derived from the shape and the headings
  local secs = a:sections()
  local want = expected_sections(kinds, e.headings)
  eq(#secs, #want, where .. " sections")
  for i, w in ipairs(want) do
    local s, sw = secs[i], where .. " section " .. i
    if check(s, sw .. " missing") then
      eq(s.index, i, sw .. " index")
      eq(s.heading, w.heading, sw .. " heading")
      eq(s.first, w.first, sw .. " first paragraph")
      eq(s.last, w.last, sw .. " last paragraph")
      local pf, pl = ps[s.first], ps[s.last]
      if pf and pl and s.from and s.to then
        check(s.from <= pf.from and pl.to <= s.to, sw .. " from/to covers its paragraphs")
      end
    end
  end

  -- sentences: at their offsets, in order, and each paragraph's sentences make the paragraph
  local sents = a:sentences()
  local per = {}
  for i, s in ipairs(sents) do
    local sw = where .. " sentence " .. i
    eq(s.index, i, sw .. " index")
    eq(usub(a.text, s.from, s.to), s.text, sw .. " text at from/to")
    check(ps[s.paragraph], sw .. " paragraph " .. tostring(s.paragraph))
    if i > 1 then check(s.paragraph >= sents[i - 1].paragraph, sw .. " out of order") end
    per[s.paragraph] = per[s.paragraph] or {}
    table.insert(per[s.paragraph], s.text)
  end
  for i, p in ipairs(ps) do
    eq(table.concat(per[i] or {}), p.text, where .. " sentences of paragraph " .. i .. " make the paragraph")
  end
  for _, q in ipairs(e.sentences or {}) do
    eq(#(per[q[1]] or {}), q[2], where .. " sentences in paragraph " .. q[1])
  end

  -- the raw bytes of each paragraph hold its text (spaces aside)
  local raw = db:sql("SELECT raw FROM file JOIN article ON article.file_id = file.id WHERE article.id = ?", a.id)
  raw = raw and raw[1] and raw[1].raw
  if check(raw, where .. " raw file") then
    for i, p in ipairs(ps) do
      local src = nospace(raw:sub(p.byte_from or 1, p.byte_to or 0))
      local txt = nospace(p.text)
      check(src:find(txt, 1, true), where .. " paragraph " .. i .. " not in its raw bytes")
    end
  end
end
-- }======

-- {====== every file ======
for _, f in ipairs(FILES) do
  local got = byfile[f.name] or {}
  eq(#got, #f.articles, f.name .. " articles")
  for i, e in ipairs(f.articles) do
    local a = got[i]
    local where = f.name .. " #" .. i
    if check(a, where .. " missing (want " .. show(e.title) .. ")") then
      eq(a.seq, i - 1, where .. " seq")
      local ok, err = pcall(check_article, a, e, where)
      check(ok, where .. ": " .. tostring(err))
    end
  end
end

-- nothing of the furniture, bylines or labels is left in any text
local all = {}
for _, f in ipairs(FILES) do
  for _, a in ipairs(byfile[f.name] or {}) do all[#all + 1] = a end
end
for _, s in ipairs(ABSENT) do
  for _, a in ipairs(all) do
    check(not a.text:find(s, 1, true), a.file .. ": " .. show(s) .. " left in the text")
  end
end

-- particular cuts
local function article (name, i) return (byfile[name] or {})[i] end
local function ok_text (a) return a and a.text or "" end
do
  -- 000: the page break inside "国际竞 / 争" and the spaced "要 求" are joined
  local t = ok_text(article("000_5f02c2555ca2acf2.txt", 1))
  check(t:find("国际竞争的加剧", 1, true), "000 #1: 国际竞争的加剧 joined")
  check(t:find("是一时一事的要求，而是", 1, true), "000 #1: 要求 joined")
  check(not t:find("国际竞\n", 1, true), "000 #1: break after 国际竞 kept")
  -- 000: the banner at the foot of the page is no article, no section, no paragraph
  for _, a in ipairs(byfile["000_5f02c2555ca2acf2.txt"] or {}) do
    check(a.title ~= "加快落实“五大任务”推动高质量发展" and a.title ~= "加快落实“五大任务” 推动高质量发展",
          "000: the closing banner is not an article")
  end
  -- 001: the photo caption printed twice is kept once, and not in the quote box
  local cap = "4月23日下午，中共中央总书记、国家主席、中央军委主席习近平在重庆主持召开新时代推动西部大开发座谈会并发表重要讲话。"
  local n = 0
  for _, a in ipairs(all) do n = n + occurrences(a.text, cap) end
  eq(n, 1, "001: the repeated caption occurs once")
  local box = article("001_f34ecce1adfb7df6.txt", 1)
  check(box and not box.text:find("4月23日", 1, true), "001 #1: the quote box holds only the quotation")
  check(ok_text(article("001_f34ecce1adfb7df6.txt", 2)):find("新华社重庆4月23日电", 1, true),
        "001 #2: the dateline stays in the text")
  -- 002: hard-wrapped lines joined, no line break inside a paragraph
  local a2 = article("002_41f0111f64e2b8b0.txt", 1)
  if a2 then
    for i, p in ipairs(a2:paragraphs()) do
      check(not p.text:find("\n", 1, true), "002: paragraph " .. i .. " keeps a hard wrap")
    end
    check(not a2.text:find("\n，", 1, true) and not a2.text:find("\n。", 1, true),
          "002: a line starting with ， or 。 continues its paragraph")
  end
  -- 003: ASCII commas stay as printed; the editorials share the page metadata
  check(ok_text(article("003_e65765651145426b.txt", 2)):find("蓝图激发奋进脚步,春风吹响前行号角。", 1, true),
        "003 #2: ASCII comma kept")
  -- 004: digits folded against CJK
  check(ok_text(article("004_19c2e8de30fa8799.txt", 1)):find("习近平10月12日下午在江西省南昌市", 1, true),
        "004: 习近平10月12日下午 without spaces")
end

db:close()
-- }======

if #failures > 0 then
  for _, m in ipairs(failures) do io.stderr:write("FAIL: ", m, "\n") end
  io.stderr:write(string.format("seeds.lua: %d of %d checks failed\n", #failures, T.count()))
  os.exit(1)
end
print(string.format("OK: %d articles in %d files, %d checks", total, #FILES, T.count()))
