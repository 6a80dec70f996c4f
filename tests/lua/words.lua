-- words.lua -- tifa.text's word segmenter: words, add_word, load_dict, dict_size. Exact
-- segmentations of sentences from the sample corpus ($TIFA_SEEDS), units and policy terms
-- whole with their tags, the invariants over every line of the corpus, search mode, errors,
-- and user words and dictionaries ($TIFA_DATA/words) last, since they change the segmenter
-- of the whole process. Known bugs are listed as PENDING: printed, not counted as failures.
-- Runs in the tifa host and in stock lua5.4 through require "tifa".
print "testing tifa.text words"

local tifa = tifa or require "tifa"
local text = tifa.text
local DATA = assert(os.getenv("TIFA_DATA"), "TIFA_DATA not set")

local T = dofile(((arg and arg[0]) or ""):match("^(.-)[^/]*$") .. "support/check.lua")
local eq, check, usub, checkerror, show = T.eq, T.check, T.usub, T.checkerror, T.show

local seed = T.seed

-- the words of s joined by ' '; with tags, each as word/tag
local function words (s, opts) return table.concat(text.words(s, opts), " ") end
local function tagged (s, opts)
  local o = {pos = true}
  for k, v in pairs(opts or {}) do o[k] = v end
  local t = {}
  for i, w in ipairs(text.words(s, o)) do t[i] = w.word .. "/" .. w.tag end
  return table.concat(t, " ")
end

-- the word w of words(s, {pos = true, offsets = true}) that is 'unit', or nil
local function find (s, unit, opts)
  local o = {pos = true, offsets = true}
  for k, v in pairs(opts or {}) do o[k] = v end
  for _, w in ipairs(text.words(s, o)) do
    if w.word == unit then return w end
  end
end

-- {====== known bugs: checked, printed, never failures ======
local pending, fixed = {}, {}
local function pend (what, got, want)
  if got == want then fixed[#fixed + 1] = what
  else pending[#pending + 1] = what .. "\n    got:  " .. tostring(got) .. "\n    want: " .. tostring(want) end
end
-- a case that was PENDING and is fixed: a check like any other
local function must (what, got, want) eq(got, want, what) end
-- }======

-- {====== sentences of the corpus, segmented by hand ======
-- Each want is what a careful analyst accepts: policy terms and units whole, names whole,
-- compounds split as jieba's dictionary has them where that is defensible.
local sentences = {
  -- 000: a date in Chinese numerals, the policy lexicon, quotes
  {"在二〇二四年新年贺词中，习近平总书记强调：“我们要坚定不移推进中国式现代化，完整、准确、全面贯彻新发展理念，加快构建新发展格局，推动高质量发展，统筹好发展和安全。”",
   "在 二〇二四年 新年贺词 中 ， 习近平 总书记 强调 ： “ 我们 要 坚定不移 推进 中国式现代化 ， 完整 、 准确 、 全面 贯彻 新发展理念 ， 加快 构建 新发展格局 ， 推动 高质量发展 ， 统筹 好 发展 和 安全 。 ”"},
  -- 000: numbers with hedges and units
  {"我国拥有14亿多人口、人均国内生产总值超1.2万美元、中等收入群体规模超4亿人，超大规模市场的需求优势十分明显。",
   "我国 拥有 14亿多 人口 、 人均 国内 生产总值 超1.2万美元 、 中等 收入 群体 规模 超4亿人 ， 超大规模 市场 的 需求 优势 十分 明显 。"},
  {"我国经济总量占世界经济的比重上升到18%以上，对世界经济增长的年平均贡献率超过30%",
   "我国 经济总量 占 世界 经济 的 比重 上升 到 18%以上 ， 对 世界 经济 增长 的 年 平均 贡献率 超过 30%"},
  -- 000: a year and month, an ordinal session
  {"2015年10月，在党的十八届五中全会第二次全体会议上，习近平总书记指出",
   "2015年10月 ， 在 党 的 十八 届 五中全会 第二次 全体会议 上 ， 习近平 总书记 指出"},
  -- 000 and 001: 稳中求进 and its companions (set phrases of the lexicon)
  {"坚持稳中求进、以进促稳、先立后破，让发展的步伐走得更坚实",
   "坚持 稳中求进 、 以进促稳 、 先立后破 ， 让 发展 的 步伐 走 得 更 坚实"},
  -- 001: a dash, a full date, an organisation of the lexicon
  {"——习近平2023年12月11日在中央经济工作会议上的讲话",
   "—— 习近平 2023年12月11日 在 中央经济工作会议 上 的 讲话"},
  {"新华社重庆4月23日电", "新华社 重庆 4月23日 电"},
  -- 001: names with titles
  {"中共中央政治局常委、国务院总理李强，中共中央政治局常委、中央办公厅主任蔡奇",
   "中共 中央政治局常委 、 国务院 总理 李强 ， 中共 中央政治局常委 、 中央办公厅 主任 蔡奇"},
  {"座谈会上，国家发展改革委主任郑栅洁、重庆市委书记袁家军、四川省委书记王晓晖、陕西省委书记赵一德、新疆维吾尔自治区党委书记马兴瑞先后发言",
   "座谈会 上 ， 国家发展改革委 主任 郑栅洁 、 重庆市委 书记 袁家军 、 四川省委 书记 王晓晖 、 陕西省委 书记 赵一德 、 新疆维吾尔自治区 党委书记 马兴瑞 先后 发言"},
  {"加快推动发展方式绿色低碳转型，因地制宜发展新质生产力，积极稳妥推进碳达峰碳中和。",
   "加快 推动 发展 方式 绿色 低碳 转型 ， 因地制宜 发展 新质生产力 ， 积极 稳妥 推进 碳达峰碳中和 。"},
  {"大力推进西部陆海新通道建设，推动沿线地区开发开放，深度融入共建“一带一路”。",
   "大力 推进 西部 陆海 新 通道 建设 ， 推动 沿线 地区 开发 开放 ， 深度 融入 共建 “ 一带一路 ” 。"},
  -- 002: a title and a document number
  {"近日，国家发展改革委联合相关部门共同印发了《关于支持内蒙古绿色低碳高质量发展若干政策措施的通知》（发改环资〔2024〕379号，以下简称《政策措施》）",
   "近日 ， 国家发展改革委 联合 相关 部门 共同 印发 了 《关于支持内蒙古绿色低碳高质量发展若干政策措施的通知》 （ 发改环资〔2024〕379号 ， 以下 简称 《政策措施》 ）"},
  -- 003: ASCII punctuation, an ISO date, numbers
  {"发布时间: 2024-03-18", "发布 时间 : 2024-03-18"},
  {"推动我国经济持续回升向好,国内生产总值超过126万亿元,增长5.2%,增速居世界主要经济体前列",
   "推动 我国 经济 持续 回升 向 好 , 国内 生产总值 超过 126万亿元 , 增长 5.2% , 增速 居 世界 主要 经济体 前列"},
  {"更加坚定自觉地拥护“两个确立”、做到“两个维护”,不是抽象的,而是具体的,必须体现在实实在在的行动上。",
   "更加 坚定 自觉 地 拥护 “ 两个确立 ” 、 做到 “ 两个维护 ” , 不是 抽象 的 , 而是 具体 的 , 必须 体现 在 实实在在 的 行动 上 。"},
  {"全力完成“五大任务”,全方位建设模范自治区,朝着闯新路、进中游目标扎实迈进,",
   "全力 完成 “ 五大任务 ” , 全方位 建设 模范 自治区 , 朝着 闯 新路 、 进 中游 目标 扎实 迈进 ,"},
  {"“三北”工程三大标志性战役,“两个半”在内蒙古,60%以上的工作量在内蒙古",
   "“ 三北 ” 工程 三大 标志性 战役 , “ 两个 半 ” 在 内蒙古 , 60%以上 的 工作量 在 内蒙古"},
  -- 004: a title, a stray English word between spaces
  {"要定期开展对实施《长江经济带发展规划纲要》的检查评估和监督，督促各地及时发现问题并加以纠正。",
   "要 定期 开展 对 实施 《长江经济带发展规划纲要》 的 检查 评估 和 监督 ， 督促 各地 及时发现 问题 并 加以 纠正 。"},
  {"要统筹抓好沿江产业布局 and 转移，优化重大生产力布局，",
   "要 统筹 抓好 沿江 产业布局 and 转移 ， 优化 重大 生产力 布局 ，"},
}

do
  local corpus = {}
  for i = 0, 4 do
    local names = {"000_5f02c2555ca2acf2.txt", "001_f34ecce1adfb7df6.txt", "002_41f0111f64e2b8b0.txt",
                   "003_e65765651145426b.txt", "004_19c2e8de30fa8799.txt"}
    corpus[#corpus + 1] = seed(names[i + 1])
  end
  corpus = table.concat(corpus, "\n"):gsub("\n", "")   -- 002 wraps its lines
  for _, c in ipairs(sentences) do
    check(T.contains(corpus, (c[1]:gsub("^——", ""))), "sentence from the corpus: " .. show(c[1]))
    eq(words(c[1]), c[2], "words of " .. show(c[1]))
    eq(words(c[1], {mode = "accurate"}), c[2], "accurate words of " .. show(c[1]))
  end
end

-- the segmenter's known errors on sentences of the corpus
must("新时代 (a formulation jieba lacks) whole, in 001",
     words("4月23日下午，中共中央总书记、国家主席、中央军委主席习近平在重庆主持召开新时代推动西部大开发座谈会并发表重要讲话。"),
     "4月23日 下午 ， 中共中央 总书记 、 国家 主席 、 中央军委 主席 习近平 在 重庆 主持 召开 新时代 推动 西部大开发 座谈会 并 发表 重要讲话 。")
must("新征程 and 新时代 whole, in 000",
     words("新征程上，要深入贯彻落实习近平总书记重要讲话精神，把坚持高质量发展作为新时代的硬道理"),
     "新征程 上 ， 要 深入 贯彻落实 习近平 总书记 重要讲话 精神 ， 把 坚持 高质量发展 作为 新时代 的 硬道理")
must("the name 丁薛祥 whole, in 001", words("李强蔡奇丁薛祥出席"), "李强 蔡奇 丁薛祥 出席")
must("the name 丁薛祥 whole after a title, in 001", words("中共中央政治局常委、国务院副总理丁薛祥出席座谈会。"),
     "中共 中央政治局常委 、 国务院 副 总理 丁薛祥 出席 座谈会 。")
-- }======

-- {====== units: whole, tagged, at their place ======
local units = {
  {"2024年3月18日，国务院召开常务会议。", "2024年3月18日", "t"},
  {"发布时间: 2024-03-18", "2024-03-18", "t"},                                   -- 003
  {"4月23日下午，中共中央总书记、国家主席、中央军委主席习近平在重庆主持召开座谈会", "4月23日", "t"},  -- 001
  {"在二〇二四年新年贺词中，习近平总书记强调", "二〇二四年", "t"},            -- 000
  {"国内生产总值超过126万亿元,增长5.2%,增速居世界主要经济体前列", "126万亿元", "m"},  -- 003
  {"国内生产总值超过126万亿元,增长5.2%,增速居世界主要经济体前列", "5.2%", "m"},
  {"例如，市场是当今世界最稀缺的资源，我国拥有14亿多人口", "14亿多", "m"},         -- 000
  {"我国经济总量占世界经济的比重上升到18%以上", "18%以上", "m"},                   -- 000
  {"预计全年经济增长5%左右。", "5%左右", "m"},
  {"国家尊重和保障人权，这是《中华人民共和国宪法》的规定。", "《中华人民共和国宪法》", "nw"},
  {"把落实政府工作报告同落实《国务院关于推动内蒙古高质量发展奋力书写中国式现代化新篇章的意见》、落实我区享有的各项国家支持政策统筹起来",
   "《国务院关于推动内蒙古高质量发展奋力书写中国式现代化新篇章的意见》", "nw"},                            -- 003
  {"和《国务院关于推动内蒙古高质量发展 奋力书写中国式现代化新篇章的意见》（以下简称《意见》）的具体举措",
   "《国务院关于推动内蒙古高质量发展 奋力书写中国式现代化新篇章的意见》", "nw"},      -- 002, a space inside
  {"共同印发了《关于支持内蒙古绿色低碳高质量发展若干政策措施的通知》（发改环资〔2024〕379号，以下简称《政策措施》）",
   "发改环资〔2024〕379号", "nd"},                                                   -- 002
  {"详见中国政府网https://www.gov.cn/zhengce/content.htm。", "https://www.gov.cn/zhengce/content.htm", "url"},
  {"加快5G网络建设，深化APEC框架下合作", "5G", "eng"},
  {"加快5G网络建设，深化APEC框架下合作", "APEC", "eng"},
  {"旅客可拨打12306铁路客服电话", "12306", nil},        -- its tag: see PENDING
}

for _, u in ipairs(units) do
  local s, unit, tag = u[1], u[2], u[3]
  local w = find(s, unit)
  if check(w ~= nil, "unit " .. show(unit) .. " whole in " .. show(s) .. ": " .. words(s)) then
    if tag then eq(w.tag, tag, "tag of " .. show(unit)) end
    local b = s:find(unit, 1, true)
    eq(w.first, utf8.len(s, 1, b - 1) + 1, "first of " .. show(unit))
    eq(w.last, utf8.len(s, 1, b - 1) + utf8.len(unit), "last of " .. show(unit))
    check(find(s, unit, {mode = "search"}) ~= nil, "unit " .. show(unit) .. " whole in search mode")
    check(find(s, unit, {hmm = false}) ~= nil, "unit " .. show(unit) .. " whole without the model")
  end
end
pend("12306 tagged eng (the issue groups it with 5G and APEC)", (find("旅客可拨打12306铁路客服电话", "12306") or {}).tag, "eng")
must("an empty 《》 is no title", tagged("《》"), "《/x 》/x")
must("a Latin word with an accent whole (units take 'caf', the segmenter 'é')", tagged("café与Москва合作"),
     "café/eng 与/p Москва/eng 合作/vn")
-- }======

-- {====== the policy lexicon ======
local lexicon = {
  {"因地制宜发展新质生产力，探索发展现代制造业和战略性新兴产业", "新质生产力"},       -- 001
  {"进一步推动长江经济带高质量发展，更好支撑和服务中国式现代化", "中国式现代化"},     -- 004
  {"进一步推动长江经济带高质量发展，更好支撑和服务中国式现代化", "高质量发展"},
  {"进一步推动长江经济带高质量发展，更好支撑和服务中国式现代化", "长江经济带", "ns"},
  {"坚定不移走和平发展道路，推动构建人类命运共同体", "人类命运共同体"},
  {"更加坚定自觉地拥护“两个确立”、做到“两个维护”", "两个确立"},                       -- 003
  {"更加坚定自觉地拥护两个确立、做到两个维护", "两个维护"},
  {"全力完成“五大任务”,全方位建设模范自治区", "五大任务"},                             -- 003
  {"全力完成五大任务,全方位建设模范自治区", "五大任务"},
  {"推动沿线地区开发开放，深度融入共建“一带一路”。", "一带一路"},                     -- 001
  {"加快推动发展方式绿色低碳转型，积极稳妥推进碳达峰碳中和。", "碳达峰碳中和"},       -- 001
  {"大力推进成渝地区双城经济圈建设，积极培育城市群", "成渝地区双城经济圈", "ns"},           -- 001
  {"要坚持铸牢中华民族共同体意识，切实维护民族团结和边疆稳定", "铸牢中华民族共同体意识"},
  {"学习运用“千万工程”经验，打造具有地域特色的乡村建设模式。", "千万工程"},           -- 001
}
for _, c in ipairs(lexicon) do
  local w = find(c[1], c[2])
  if check(w ~= nil, "term " .. show(c[2]) .. " whole in " .. show(c[1]) .. ": " .. words(c[1])) then
    eq(w.tag, c[3] or "nz", "tag of " .. show(c[2]))       -- the tag of host/dict/policy.txt
    check(find(c[1], c[2], {mode = "search"}) ~= nil, "term " .. show(c[2]) .. " in search mode")
  end
end
-- }======

-- {====== tags, offsets, options ======
do
  -- jieba's tags (dict.txt): 我国 r, 的 uj, 发展 vn, 推进 v, 习近平 nrfg, 内蒙古 ns, 国务院 nt (lexicon)
  eq(tagged("我国的发展"), "我国/r 的/uj 发展/vn", "tags")
  eq(tagged("习近平在内蒙古推进工作"), "习近平/nrfg 在/p 内蒙古/ns 推进/v 工作/vn", "tags")
  eq(tagged("国务院总理李强"), "国务院/nt 总理/n 李强/nrfg", "tags")
  eq(tagged("COVID-19疫情与Москва合作，ＡＰＥＣ会议"), "COVID-19/eng 疫情/n 与/p Москва/eng 合作/vn ，/x ＡＰＥＣ/eng 会议/n",
     "Latin, Cyrillic and full-width words")
  eq(tagged("，。、：；“”（）——……!?,."), "，/x 。/x 、/x ：/x ；/x “/x ”/x （/x ）/x ——/x ……/x !/x ?/x ,/x ./x",
     "punctuation")
  -- the model's words: names (nr)
  eq(tagged("国家发展改革委主任郑栅洁"), "国家发展改革委/nt 主任/b 郑栅洁/nr", "a name the model finds")
  -- without the model, a run no word covers comes out a character at a time
  eq(words("国家发展改革委主任郑栅洁主持", {hmm = false}), "国家发展改革委 主任 郑 栅 洁 主持", "hmm = false")
  eq(words("国家发展改革委主任郑栅洁主持", {hmm = true}), "国家发展改革委 主任 郑栅洁 主持", "hmm = true")
  -- what each option gives
  local s = "在二〇二四年新年贺词中，GDP 增长5.2%"
  local plain = text.words(s)
  eq(type(plain[1]), "string", "plain words are strings")
  local o = text.words(s, {offsets = true})
  eq(#o, 8, "offsets: count")
  local want = {{"在", 1, 1}, {"二〇二四年", 2, 6}, {"新年贺词", 7, 10}, {"中", 11, 11}, {"，", 12, 12},
                {"GDP", 13, 15}, {"增长", 17, 18}, {"5.2%", 19, 22}}
  for i, w in ipairs(want) do
    eq(o[i] and o[i].word, w[1], "offsets: word " .. i)
    eq(o[i] and o[i].first, w[2], "offsets: first of " .. w[1])
    eq(o[i] and o[i].last, w[3], "offsets: last of " .. w[1])
    eq(o[i] and o[i].tag, nil, "offsets alone: no tag")
  end
  local p = text.words(s, {pos = true})
  eq(p[2].tag, "t", "pos: tag")
  eq(p[2].first, nil, "pos alone: no offsets")
  eq(tagged(s), "在/p 二〇二四年/t 新年贺词/l 中/f ，/x GDP/eng 增长/v 5.2%/m", "tags of each kind")
  -- search mode: the dictionary's words inside a long one before it, by start (jieba's
  -- cut_for_search without its limit of three characters: 一带一路 inside 共建一带一路)
  eq(words("中华人民共和国成立", {mode = "search"}), "中华 中华人民 华人 人民 人民共和国 共和 共和国 中华人民共和国 成立", "search")
  eq(words("共建一带一路", {mode = "search"}), "共建 一带 一带一路 一路 共建一带一路", "search")
  eq(words("因地制宜发展新质生产力", {mode = "search"}), "制宜 因地制宜 发展 生产 生产力 新质生产力", "search")
  eq(words("国务院常务会议", {mode = "search"}), "国务 国务院 常务 会议 常务会议", "search")
  -- empty, white space, punctuation
  eq(#text.words(""), 0, "empty string")
  eq(#text.words("   \t\n\u{3000}\u{a0} "), 0, "white space only")
  eq(#text.words("", {mode = "search", pos = true, offsets = true}), 0, "empty string, all options")
  eq(words("。。。！？"), "。 。 。 ！ ？", "punctuation only")
  eq(words("——……"), "—— ……", "dashes and ellipses whole")
end
-- }======

-- {====== invariants over every line of the corpus ======
-- white space as the segmenter drops it: ASCII and Unicode's Zs
local SPACE = {["\u{a0}"] = true, ["\u{1680}"] = true, ["\u{202f}"] = true, ["\u{205f}"] = true,
               ["\u{3000}"] = true}
for c = 0x2000, 0x200A do SPACE[utf8.char(c)] = true end
local function isspace (ch) return ch:find("^%s$") ~= nil or SPACE[ch] ~= nil end

-- check the segmentation of s; returns the number of problems (at most one counted)
local function invariants (s, what)
  local o = text.words(s, {offsets = true, pos = true})
  local plain = text.words(s)
  local chars = {}
  for _, c in utf8.codes(s) do chars[#chars + 1] = utf8.char(c) end
  local covered, after, rebuilt = {}, 0, {}
  local function fail (msg) check(false, what .. ": " .. msg); return 1 end
  if #plain ~= #o then return fail("plain and offset words differ in number") end
  for i, w in ipairs(o) do
    if w.word ~= plain[i] then return fail("plain word " .. i .. " differs") end
    if type(w.tag) ~= "string" or w.tag == "" then return fail("word " .. i .. " has no tag") end
    if not (w.first > after and w.last >= w.first) then return fail("word " .. i .. " out of order") end
    if usub(s, w.first, w.last) ~= w.word then return fail("word " .. i .. " not at its offsets") end
    for k = after + 1, w.first - 1 do
      if not isspace(chars[k]) then return fail("character " .. k .. " " .. show(chars[k]) .. " left out") end
      rebuilt[#rebuilt + 1] = chars[k]
    end
    rebuilt[#rebuilt + 1] = w.word
    for k = w.first, w.last do covered[k] = true end
    after = w.last
  end
  for k = after + 1, #chars do
    if not isspace(chars[k]) then return fail("character " .. k .. " left out at the end") end
    rebuilt[#rebuilt + 1] = chars[k]
  end
  if table.concat(rebuilt) ~= s then return fail("the words and the white space do not rebuild the text") end
  for k = 1, #chars do
    if not covered[k] and not isspace(chars[k]) then return fail("character " .. k .. " not covered") end
  end
  -- deterministic
  if table.concat(text.words(s), "\0") ~= table.concat(plain, "\0") then return fail("not deterministic") end
  -- search mode: every accurate word, in order, after the shorter words inside it
  local sr, k = text.words(s, {mode = "search", offsets = true}), 1
  for i, w in ipairs(sr) do
    local a = o[k]
    if a and w.first == a.first and w.last == a.last then k = k + 1
    elseif not a or w.first < a.first or w.last > a.last or w.last - w.first >= a.last - a.first
           or not T.contains(a.word, w.word) then
      return fail("search word " .. i .. " " .. show(w.word) .. " is neither the next accurate word nor inside it")
    end
  end
  if k ~= #o + 1 then return fail("search mode lacks accurate word " .. k) end
  -- without the model: the same invariants, and only words of the model's runs are split
  local nh = text.words(s, {hmm = false, offsets = true})
  if #nh < #o then return fail("fewer words without the model") end
  local nhtext = {}
  for i, w in ipairs(nh) do
    if usub(s, w.first, w.last) ~= w.word then return fail("no-model word " .. i .. " not at its offsets") end
    nhtext[i] = w.word
  end
  if table.concat(nhtext) ~= table.concat(plain) then return fail("no-model words do not rebuild the text") end
  return 0
end

do
  local names = {"000_5f02c2555ca2acf2.txt", "001_f34ecce1adfb7df6.txt", "002_41f0111f64e2b8b0.txt",
                 "003_e65765651145426b.txt", "004_19c2e8de30fa8799.txt"}
  local nlines, bad = 0, 0
  for _, name in ipairs(names) do
    local page = seed(name)
    local ln = 0
    for line in (page .. "\n"):gmatch("(.-)\n") do
      ln = ln + 1
      nlines = nlines + 1
      if bad < 5 then bad = bad + invariants(line, name .. ":" .. ln) end
    end
    if bad < 5 then bad = bad + invariants(page, name) end
    -- the page's words are its lines' words (a line break ends every word)
    local all, bylines = text.words(page), {}
    for line in (page .. "\n"):gmatch("(.-)\n") do
      for _, w in ipairs(text.words(line)) do bylines[#bylines + 1] = w end
    end
    eq(table.concat(all, " "), table.concat(bylines, " "), name .. ": the page's words are its lines'")
  end
  check(nlines > 100, "corpus lines")
  -- edge cases of white space and symbols
  for _, s in ipairs({"abc def\u{3000}发展\u{a0}x", " 发展 ", "发展\u{200b}改革", "a\u{2003}b", "\t\r\n发展\r\n",
                      "《未完", "〔2024〕", "发改环资〔2024", "http://", "5.", "%以上", "……——", "\u{1f600}发展"}) do
    invariants(s, "edge case " .. show(s))
  end
end
-- }======

-- {====== a line of 1 MB ======
do
  local piece = "要坚持以开放促进大开发，提高西部地区对内对外开放水平。国内生产总值超过126万亿元,增长5.2%。"
  local pw = text.words(piece)
  local reps = 1024 * 1024 // #piece + 1
  local big = string.rep(piece, reps)
  local bw = text.words(big)
  eq(#bw, reps * #pw, "1 MB: the number of words")
  local same = true
  for i = 1, #bw do
    if bw[i] ~= pw[(i - 1) % #pw + 1] then same = false; break end
  end
  check(same, "1 MB: the words of its pieces")
  local o = text.words(big, {offsets = true})
  eq(o[#o].last, utf8.len(big), "1 MB: the last word ends the text")
  -- a run of Han characters that long
  local run = string.rep("推动高质量发展", 50000)
  local rw = text.words(run)
  eq(#rw, 100000, "1 MB run: the number of words")
  eq(rw[99999] .. rw[100000], "推动高质量发展", "1 MB run: the last words")
end
-- }======

-- {====== the fine-grained cut (issue 19): the whole words that the index and analytics count ======
do
  -- a word's partition into dictionary words of two or more characters, never a word that
  -- merely lies inside it; the parts before their word
  eq(words("人民政府", {mode = "fine"}), "人民 政府 人民政府", "人民政府: 人民 | 政府, not 民政")
  eq(words("国务院", {mode = "fine"}), "国务院", "国务院: no 国务")
  eq(words("第二十条", {mode = "fine"}), "第二十 条 第二十条", "第二十条: no 第二 (no cut between numerals)")
  eq(words("发展中国家", {mode = "fine"}), "发展 中 国家 发展中国家", "发展中国家: no 中国")
  eq(words("因地制宜", {mode = "fine"}), "因地制宜", "at most one part of one character")
  eq(words("共建一带一路", {mode = "fine"}), "共建 一带 一路 一带一路 共建一带一路", "共建 | 一带一路")
  eq(words("中国科学院", {mode = "fine"}), "中国 科学院 中国科学院", "中国 | 科学院")
  eq(words("县级以上人民政府依法", {mode = "fine"}), "县级 以上 人民 政府 人民政府 依法",
     "short words untouched")
  -- search mode keeps every dictionary word inside (for display only)
  eq(words("人民政府", {mode = "search"}), "人民 民政 政府 人民政府", "search mode")
  -- on the whole corpus: fine mode is the accurate words, each after parts that tile it
  for _, name in ipairs{"000_5f02c2555ca2acf2.txt", "002_41f0111f64e2b8b0.txt", "004_19c2e8de30fa8799.txt"} do
    local s = seed(name)
    do
      local acc, fin = text.words(s, {offsets = true}), text.words(s, {mode = "fine", offsets = true})
      local k, parts = 1, {}
      for _, w in ipairs(fin) do
        local a = acc[k]
        if a and w.first == a.first and w.last == a.last then
          if #parts > 0 then               -- the outermost parts tile the word, one single at most
            local at, singles = a.first, 0
            check(utf8.len(a.word) >= 4, "only words of four or more are cut: " .. a.word)
            for _, p in ipairs(parts) do
              local inside = false
              for _, q in ipairs(parts) do
                if q ~= p and q.first <= p.first and q.last >= p.last and q.last - q.first > p.last - p.first then inside = true end
              end
              if not inside then
                eq(p.first, at, name .. ": parts tile " .. a.word); at = p.last + 1
                if p.first == p.last then singles = singles + 1 end
              end
            end
            check(singles <= 1, "one part of one character at most: " .. a.word)
            eq(at, a.last + 1, name .. ": parts cover " .. a.word)
          end
          k, parts = k + 1, {}
        else
          check(a and w.first >= a.first and w.last <= a.last, name .. ": a part inside its word")
          parts[#parts + 1] = w
        end
      end
      eq(k, #acc + 1, name .. ": every accurate word in fine mode")
    end
  end
  checkerror("bad argument #2 to 'words' %(invalid option 'fin' for 'mode'%)",
             function () return text.words("x", {mode = "fin"}) end)
  eq(words("《人民日报》评论", {units = "parts"}), "《 人民日报 》 评论", "titles in parts")
end
-- }======

-- {====== errors ======
do
  checkerror("bad argument #1 to 'words' %(invalid UTF%-8 at byte 4%)", function () return text.words("abc\xff") end)
  checkerror("bad argument #1 to 'words' %(invalid UTF%-8 at byte 7%)", function () return text.words("发展\xe5\x8f") end)
  checkerror("bad argument #1 to 'words' %(invalid UTF%-8 at byte 1%)",
             function () return text.words("\x80", {mode = "search"}) end)
  checkerror("bad argument #1 to 'words' %(string expected, got no value%)", function () return text.words() end)
  checkerror("bad argument #2 to 'words' %(table expected, got number%)", function () return text.words("发展", 5) end)
  local ok, err = pcall(function () return text.words("发展", {mode = "fast"}) end)
  check(not ok and T.contains(err, "invalid option 'fast'"), "a bad mode raises: " .. tostring(err))
  must("a bad mode is argument #2", err:match("bad argument #%-?%d+ to 'words'"), "bad argument #2 to 'words'")
  checkerror("bad argument #1 to 'add_word' %(invalid UTF%-8 at byte 7%)", function () return text.add_word("绿电\xe6\x9b") end)
  checkerror("bad argument #1 to 'add_word' %(invalid UTF%-8 at byte 1%)", function () return text.add_word("\xff") end)
  checkerror("bad argument #1 to 'add_word' %(empty word%)", function () return text.add_word("") end)
  checkerror("bad argument #1 to 'add_word' %(word longer than 64 characters%)",
             function () return text.add_word(string.rep("绿", 65)) end)
  checkerror("bad argument #1 to 'add_word'", function () return text.add_word("绿电 替代") end)
  checkerror("bad argument #3 to 'add_word'", function () return text.add_word("绿电替代", 1, "") end)
  checkerror("bad argument #2 to 'add_word' %(number expected, got string%)", function () return text.add_word("绿电", "x") end)
  checkerror("bad argument #1 to 'load_dict' %(string expected, got no value%)", function () return text.load_dict() end)
  checkerror("bad argument #2 to 'load_dict' %(table expected, got number%)",
             function () return text.load_dict(DATA .. "/words/tiny.txt", 1) end)
end
-- }======

-- {====== user words and dictionaries: last, they change the process's segmenter ======
do
  local size = text.dict_size()
  check(size > 349000, "dict_size: jieba's dictionary and the lexicon")
  -- a made-up word comes out whole where it occurs, tagged nz, and counts once
  local s = "要用好大力发展新能源和推进绿电替代给风光发电装备、新能源重卡和汽车等产品带来的旺盛市场需求"
  check(find(s, "风光发电装备") == nil, "风光发电装备 split before add_word")
  text.add_word("风光发电装备")
  eq(text.dict_size(), size + 1, "dict_size after add_word")
  eq((find(s, "风光发电装备") or {}).tag, "nz", "风光发电装备 whole, tagged nz")
  text.add_word("风光发电装备")
  eq(text.dict_size(), size + 1, "dict_size after the same word again")
  -- with a tag; with a frequency and a tag
  text.add_word("新能源重卡", nil, "vn")
  eq((find(s, "新能源重卡") or {}).tag, "vn", "新能源重卡 whole, tagged vn")
  text.add_word("旺盛市场需求", 100000, "l")
  eq((find(s, "旺盛市场需求") or {}).tag, "l", "旺盛市场需求 whole, tagged l")
  eq(text.dict_size(), size + 3, "dict_size after three words")
  -- a word of the dictionary does not count again, and keeps its tag
  text.add_word("发展")
  eq(text.dict_size(), size + 3, "dict_size after a known word")
  eq(tagged("发展"), "发展/vn", "a known word keeps its tag")

  -- a user dictionary: WORD after a BOM, WORD FREQ, WORD FREQ TAG (tabs, CRLF), WORD TAG, comments
  eq(words("加快推进“东数西算”工程"), "加快 推进 “ 东数 西算 ” 工程", "before load_dict")
  local ok, msg = text.load_dict(DATA .. "/words/user.txt")
  eq(ok, true, "load_dict: " .. tostring(msg))
  eq(text.dict_size(), size + 7, "dict_size after load_dict")
  eq(tagged("助力内蒙古做好“点绿成金”这篇大文章"), "助力/n 内蒙古/ns 做好/v “/x 点绿成金/nz ”/x 这篇大/n 文章/n",
     "a word after a BOM")
  eq(tagged("加快推进“东数西算”工程"), "加快/v 推进/v “/x 东数西算/nz ”/x 工程/n", "WORD FREQ")
  eq(tagged("推进绿电替代给风光发电装备"), "推进/v 绿电替代/vn 给/p 风光发电装备/nz", "WORD FREQ TAG")
  eq(tagged("大力弘扬蒙古马精神"), "大力/n 弘扬/nr 蒙古马精神/tp", "WORD TAG")
  eq(words("大力推进西部陆海新通道建设"), "大力 推进 西部 陆海 新 通道 建设", "a comment line adds nothing")

  -- errors: fail and a message naming the file (and the line)
  local path = DATA .. "/words/missing.txt"
  ok, msg = text.load_dict(path)
  check(ok == nil and T.contains(msg, path), "missing file: " .. tostring(msg))
  ok, msg = text.load_dict(DATA .. "/words/bad_utf8.txt")
  check(ok == nil and T.contains(msg, "bad_utf8.txt:3:") and T.contains(msg, "invalid UTF-8"),
        "invalid UTF-8: " .. tostring(msg))
  ok, msg = text.load_dict(DATA .. "/words/bad_freq.txt")
  check(ok == nil and T.contains(msg, "bad_freq.txt:3:") and T.contains(msg, "bad frequency '0'"),
        "bad frequency: " .. tostring(msg))

  -- the built-in dictionary off: only the user words (tiny.txt: 研究 10, 研究生 5, 生命 10, 命 2, ...)
  ok, msg = text.load_dict(DATA .. "/words/tiny.txt", {builtin = false})
  eq(ok, true, "load_dict builtin=false: " .. tostring(msg))
  check(text.dict_size() < 100, "dict_size without the built-in dictionary")
  eq(words("研究生命的起源"), "研究 生命 的 起源", "only the user words")
  eq(words("研究宇宙的起源", {hmm = false}), "研究 宇 宙 的 起源", "宇宙 is no user word")
  ok, msg = text.load_dict(DATA .. "/words/tiny.txt", {builtin = true})
  eq(ok, true, "load_dict builtin=true: " .. tostring(msg))
  check(text.dict_size() >= size + 7, "dict_size with the built-in dictionary again")
  eq(words("研究宇宙的起源", {hmm = false}), "研究 宇宙 的 起源", "the built-in dictionary again")
end
-- }======

-- {====== the user's lexicon (issue 19): its words whole ======
do
  text.load_dict(DATA .. "/words/tiny.txt", {builtin = true})
  local list = {}
  for line in io.lines(DATA .. "/words/lexicon.txt") do
    if not line:find("^#") and line ~= "" then list[#list + 1] = line end
  end
  local texts = {"加快推进东数西算工程和西部陆海新通道建设", "中华人民共和国政府采购法"}
  check(not words(texts[1]):find("陆海新通道", 1, true), "陆海新通道 split before the lexicon")
  assert(text.load_dict(DATA .. "/words/lexicon.txt"))
  -- every list word the text holds is a word of the cut, unless a longer one overlaps it
  for _, s in ipairs(texts) do
    local cut = text.words(s, {offsets = true})
    for _, w in ipairs(list) do
      local from = 1
      while true do
        local a, b = s:find(w, from, true)
        if not a then break end
        local first = utf8.len(s:sub(1, a - 1)) + 1
        local whole, excused = false, false
        for _, x in ipairs(cut) do if x.first == first and x.word == w then whole = true end end
        for _, v in ipairs(list) do
          if #v > #w then
            local c, d = s:find(v, 1, true)
            while c do
              if c <= b and a <= d then excused = true end
              c, d = s:find(v, c + 1, true)
            end
          end
        end
        check(whole or excused, w .. " whole in " .. s .. ": " .. words(s))
        from = b + 1
      end
    end
  end
  eq(words(texts[1]), "加快 推进 东数西算 工程 和 西部 陆海新通道 建设", "the lexicon's words")
  eq(words(texts[2]), "中华 人民共和 国 政府采购 法", "over a longer built-in word")
  -- a word list as the only dictionary: its words kept, the model joins no common character
  assert(text.load_dict(DATA .. "/words/lexicon_only.txt", {builtin = false}))
  eq(words("这是我们一年的目标，不能放弃"), "这 是 我们 一 年 的 目标 ， 不 能 放弃", "list words kept")
  eq(words("我们会见了拉姆斯菲尔德"), "我们 会见 了 拉姆斯菲尔德", "a name no list word covers")
  assert(text.load_dict(DATA .. "/words/tiny.txt", {builtin = true}))
end
-- }======

if #pending > 0 then
  print("PENDING (" .. #pending .. " known bugs, not counted as failures):")
  for _, m in ipairs(pending) do print("  " .. m) end
end
for _, m in ipairs(fixed) do print("PENDING case now passes (make it a check): " .. m) end
if #T.failures > 0 then
  for _, m in ipairs(T.failures) do print("FAIL " .. m) end
  error(#T.failures .. " of " .. T.count() .. " checks failed")
end
print("OK (" .. T.count() .. " checks)")
