-- quotes.lua -- the speaker rules of tifa.text.quotes and db:quotes, one by one: what is no
-- speaker (这场疫情, 我愿, 五是…), pronouns, a speech verb with no subject of its own
-- (邓小平同志亲自倡导，指出“…”), quotations inside someone's words, terms and definitions in
-- quotation marks (所称“…”, 简称“…”), documents and meetings that speak.
-- Runs in the tifa host and in stock lua5.4 through require "tifa".
print "testing quotation speakers"

local tifa = tifa or require "tifa"
local T = dofile(((arg and arg[0]) or ""):match("^(.-)[^/]*$") .. "support/check.lua")
local eq, check = T.eq, T.check

-- the quotation of s whose text is 'text'
local function quote (s, text)
  for _, q in ipairs(tifa.text.quotes(s)) do
    if q.text == text then return q end
  end
  return {}
end

-- {====== no speaker is better than a wrong one ======
for _, c in ipairs{
  {"这场疫情告诉我们：“人类是休戚与共的命运共同体。”", "人类是休戚与共的命运共同体。"},
  {"我愿说：“我们是好朋友，也是好伙伴。”", "我们是好朋友，也是好伙伴。"},
  {"这个问题我认为：“应该这样办，不能那样办。”", "应该这样办，不能那样办。"},
  {"五是坚持从严强调“全面从严治党永远在路上，不能松劲”。", "全面从严治党永远在路上，不能松劲"},
  {"马克思主义政治经济学认为：“生产力决定生产关系，经济基础决定上层建筑。”", "生产力决定生产关系，经济基础决定上层建筑。"},
  {"文章指出：“要坚定不移推进改革，扩大开放。”", "要坚定不移推进改革，扩大开放。"},
  {"财政方面说明：“收入增长较快，支出结构优化。”", "收入增长较快，支出结构优化。"},
  {"俗话说：“立春到，万物生。”", "立春到，万物生。"},
} do
  local q = quote(c[1], c[2])
  eq(q.text, c[2], "found: " .. c[1])
  eq(q.speaker, nil, "no speaker: " .. c[1])
end
-- }======

-- {====== who speaks: persons with their office, organisations, meetings, documents ======
for _, c in ipairs{
  {"国务院总理李强在会上表示：“要坚定信心，迎难而上。”", "国务院总理李强", "person"},
  {"俄罗斯总统新闻秘书佩斯科夫18日表示：“俄方愿意谈判，但有条件。”", "俄罗斯总统新闻秘书佩斯科夫", "person"},
  {"全红婵说，“我并不是天才少女，我也害怕。”", "全红婵", "person"},
  {"外交部发言人表示：“中方坚决反对，决不接受。”", "外交部发言人", "person"},
  {"乌克兰方面今天表示：“不会让步，也不会放弃。”", "乌克兰方面", "organization"},
  {"党的二十届三中全会强调：“进一步全面深化改革，推进中国式现代化。”", "党的二十届三中全会", "meeting"},
  {"刚刚闭幕的中央经济工作会议再次强调“建设粤港澳大湾区国际科技创新中心，注入新动力”。", "中央经济工作会议", "meeting"},
  {"党的二十大报告指出，“高质量发展是全面建设社会主义现代化国家的首要任务”。", "党的二十大报告", "document"},
  {"习近平会见普京时指出：“中俄关系很好，将继续发展。”", "习近平", "person"},
  {"习近平：“我们五千年的文明，我们要尊重，也要弘扬。”", "习近平", "person"},
  {"正如邓小平所说：“现在，我们国内条件具备，国际环境有利。”", "邓小平", "person"},
  {"克服了我国诗人李白所说的“蜀道之难，难于上青天”的困难。", "诗人李白", "person"},
  {"原告吴小秦诉称：“其前往营业厅缴纳费用，被告知必须同时缴纳节目费。”", "原告吴小秦", "person"},
} do
  local q = tifa.text.quotes(c[1])
  local last = q[#q] or {}
  eq(last.speaker, c[2], "speaker: " .. c[1])
  eq(last.speaker_kind, c[3], "kind: " .. c[1])
end
-- }======

-- {====== a verb with no subject: the speaker that opens a clause before it wins ======
do
  local s = "习近平指出，浦东开发开放是党中央的重大决策，邓小平同志亲自倡导，指出“开发浦东，不只是浦东的问题，是关系上海发展的问题”。"
  eq(quote(s, "开发浦东，不只是浦东的问题，是关系上海发展的问题").speaker, "邓小平同志", "nested 指出: 邓小平, not 习近平")
  s = "中方鲜明阐释新时代中国的文明观，倡导坚持文明平等、互鉴、对话、包容，强调“文明交流互鉴，是推动人类文明进步的动力”。"
  eq(quote(s, "文明交流互鉴，是推动人类文明进步的动力").speaker, "中方", "the clause that opens the sentence")
  s = "这场疫情告诉我们，团结就是力量，并且指出“人类是休戚与共的命运共同体，要携手应对”。"
  eq(quote(s, "人类是休戚与共的命运共同体，要携手应对").speaker, nil, "a sentence opened by no speaker")
end
-- }======

-- {====== inside someone's words, and quotations that follow one another ======
do
  local s = "阿曼外交大臣巴德尔表示，他对当前中东局势“感到失望”，希望各方保持克制。"
  eq(quote(s, "感到失望").speaker, "阿曼外交大臣巴德尔", "in the passage after 表示，")
  eq(quote(s, "感到失望").term, nil, "a quotation, not a term")
  s = "针对有关言论，古巴外长罗德里格斯当天表示，鲁比奥的相关言论是在“撒谎”，现实不容掩盖。"
  eq(quote(s, "撒谎").speaker, "古巴外长罗德里格斯", "an attribution that starts a clause")
  s = "他强调“绿色发展是高质量发展的底色”“把绿色发展理念贯穿于经济社会发展全过程各方面”。"
  eq(quote(s, "把绿色发展理念贯穿于经济社会发展全过程各方面").speaker, "他", "the second of two quotations")
  s = "李强指出，“友好”是中马两国交往的底色。"
  eq(quote(s, "友好").term, true, "a term in someone's words")
  eq(quote(s, "友好").speaker, nil, "a term has no speaker")
end
-- }======

-- {====== an attribution line names a speaker; a list's item after —— names none ======
do
  local q = tifa.text.quotes("“要坚持稳中求进。”\n——习近平")
  eq(q[1] and q[1].speaker, "习近平", "——习近平 after a quotation")
  eq(q[1] and q[1].speaker_kind, "person", "——习近平: a person")
  q = tifa.text.quotes("政府工作的主要任务是：\n——必须坚持推进改革开放。\n我国经济体制改革仍处在攻坚阶段。")
  eq(#q, 0, "——必须坚持推进改革开放 is no attribution line")
end
-- }======

-- {====== terms and definitions are no quotations ======
for _, c in ipairs{
  {"本法所称“网络”，是指由计算机或者其他信息终端组成的系统。", "网络"},
  {"本法所称日内瓦公约“附加议定书”，是指中国加入的议定书。", "附加议定书"},
  {"国务院有关部门（以下简称“有关部门”）应当加强监督。", "有关部门"},
  {"甲方委托乙方，以下称“受托人”，办理有关事务。", "受托人"},
  {"他被誉为“杂交水稻之父”，享誉世界。", "杂交水稻之父"},
  {"会议提出“五个必须”，深化了规律性认识。", "五个必须"},
  {"习近平总书记提出“两山”理念。", "两山"},
  {"阿尔及利亚总理表示，“84公里项目”具有战略意义。", "84公里项目"},
} do
  local q = quote(c[1], c[2])
  eq(q.term, true, "term: " .. c[1])
  eq(q.speaker, nil, "term, no speaker: " .. c[1])
  eq(q.verb, nil, "term, no verb: " .. c[1])
end
-- }======

-- {====== db:quotes: pronouns and verbs take the speaker named before, in the article ======
do
  local path = T.tmpdb()
  local dir = path:gsub("%.db$", "")
  local files = {}
  local function writefile (name, text)
    local f = assert(io.open(dir .. "-" .. name, "w")); f:write(text); f:close()
    files[#files + 1] = dir .. "-" .. name
  end
  writefile("a.txt", "例行记者会\n\n外交部发言人毛宁主持例行记者会。有记者就中美关系提问。\n她说：“中方愿同美方相向而行，管控分歧。”\n")
  writefile("b.txt", "国务院常务会议\n\n国务院总理李强在会上发表讲话。\n他强调：“要坚定信心，迎难而上，推动经济持续回升向好。”\n"
                     .. "会议强调，要做好经济工作。同时指出：“要统筹好发展和安全，坚持稳中求进。”\n")
  writefile("d.txt", "会见\n\n李强会见了与会代表。\n他们说：“我们对中国经济充满信心，愿意继续投资。”\n")
  writefile("c.txt", "疫情与法\n\n这场疫情告诉我们：“人类是休戚与共的命运共同体，团结就是力量。”\n本法所称“网络”，是指信息系统。\n")
  local db = assert(tifa.open(path))
  assert(db:ingest(files))
  local by = {}
  for _, g in ipairs(db:quotes{unattributed = true, min_chars = 1}) do
    for _, q in ipairs(g.quotes) do by[q.text] = g.speaker or false end
  end
  eq(by["中方愿同美方相向而行，管控分歧。"], "毛宁", "她 is the person named before")
  eq(by["要坚定信心，迎难而上，推动经济持续回升向好。"], "李强", "他 is 李强 (canonical)")
  eq(by["要统筹好发展和安全，坚持稳中求进。"], "会议", "a verb with no subject: the last speaker of its paragraph")
  eq(by["人类是休戚与共的命运共同体，团结就是力量。"], false, "这场疫情 is no speaker")
  eq(by["网络"], false, "a definition has no speaker")
  eq(by["我们对中国经济充满信心，愿意继续投资。"], false, "他们 is not the one person named before")
  db:close()
  os.remove(path)
  for _, f in ipairs(files) do os.remove(f) end
end
-- }======

T.finish()
