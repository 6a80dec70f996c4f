-- cite.lua -- db:quotes, db:citations (and the article methods) on the sample corpus and on
-- small stores made here, and tifa.graph (dot; SVG through Graphviz).
-- Runs in the tifa host and in stock lua5.4 through require "tifa".
print "testing quotes, citations, tifa.graph"

local tifa = tifa or require "tifa"
local T = dofile(((arg and arg[0]) or ""):match("^(.-)[^/]*$") .. "support/check.lua")
local eq, check, checkerror, contains = T.eq, T.check, T.checkerror, T.contains
local sub = tifa.text.sub

local db = assert(tifa.open())                      -- the sample corpus

local function ids (list)                           -- the ids of a list, sorted, as "1,2,3"
  local t = {}
  for _, x in ipairs(list) do t[#t + 1] = x.id end
  table.sort(t)
  return table.concat(t, ",")
end

-- {====== citations on the seeds ======
local OPINION = "国务院关于推动内蒙古高质量发展奋力书写中国式现代化新篇章的意见"
local c = db:citations()
local d = c.documents[1]
eq(d.title, OPINION, "the most cited document")
eq(d.kind, "意见", "its kind")
eq(ids(d.articles), "2,5,8", "the opinion is cited by the expert column (2, 5) and commentary 8")
eq(d.narticles, 3, "narticles")
local aliases = {}
for _, a in ipairs(d.aliases) do aliases[a] = true end
check(aliases["意见"], "《意见》 is an alias")
check(aliases["关于推动内蒙古高质量发展奋力书写中国式现代化新篇章的意见"], "the title without its issuer is an alias")
local hows, total = {}, 0
for _, a in ipairs(d.articles) do
  local text = a.article.text
  eq(a.count, #a.offsets, "count of article " .. a.id)
  for _, o in ipairs(a.offsets) do
    total = total + 1
    eq(sub(text, o.from, o.to), "《" .. o.text .. "》", "offsets of a citation in article " .. a.id)
    eq(o[1], o.from, "o[1]"); eq(o[2], o.to, "o[2]")
    hows[a.id .. ":" .. o.from] = o.how
    local p = a.article:paragraphs()[o.paragraph]
    check(p and o.from >= p.from and o.to <= p.to, "paragraph of a citation in article " .. a.id)
  end
end
eq(total, d.count, "count of the document")
eq(hows["2:221"], "defined", "article 2's first 《意见》 comes before its 以下简称: resolved by it")
eq(hows["2:980"], "full", "article 2 gives the title without its issuer")
eq(hows["5:263"], "full", "article 5 gives the full title")
eq(hows["5:301"], "defined", "article 5 defines 《意见》 (以下简称)")
eq(hows["8:449"], "full", "article 8 cites it in full")

local measures = c.documents[2]
eq(measures.title, "关于支持内蒙古绿色低碳高质量发展若干政策措施的通知", "second document")
eq(measures.docno, "发改环资〔2024〕379号", "its document number")
eq(measures.kind, "通知", "its kind")
eq(measures.count, 11, "《政策措施》 and its full title in article 5")
eq(ids(measures.articles), "5", "cited by article 5 only")
for i = 2, #c.documents do
  local a, b = c.documents[i - 1], c.documents[i]
  check(a.narticles > b.narticles or (a.narticles == b.narticles and a.count >= b.count), "documents sorted")
end
local kinds = {}
for _, x in ipairs(c.documents) do kinds[x.title] = x.kind end
eq(kinds["长江经济带发展规划纲要"], "纲要", "kind 纲要")
eq(kinds["内蒙古日报"], "报刊", "a newspaper")
eq(kinds["内蒙古自治区历史遗留矿山生态修复三年行动计划（2023-2025年）"], "计划", "kind after a bracket")
eq(kinds["内蒙古自治区地质环境保护条例"], "条例", "kind 条例")

-- the result is a graph: nodes for articles and documents, edges article -> document
local nodes, nedges = {}, 0
for _, n in ipairs(c.nodes) do nodes[n.id] = n end
for _, x in ipairs(c.documents) do nedges = nedges + #x.articles end
eq(#c.edges, nedges, "one edge per citing article and document")
eq(c.directed, true, "directed")
eq(#c.self, 0, "the seeds name no document 本法 or 本条例")
for _, e in ipairs(c.edges) do
  check(nodes[e.from] and nodes[e.from].kind == "article", "edge from an article node")
  check(nodes[e.to] and nodes[e.to].kind ~= "article", "edge to a document node")
  eq(e.weight, e.count, "weight = count")
end
eq(nodes[OPINION].kind, "意见", "document node's kind")
local top = db:citations{top = 1}
eq(#top.documents, 1, "top = 1"); eq(#top.edges, 3, "top = 1: its 3 edges")
eq(#db:citations{min_articles = 2}.documents, 1, "min_articles = 2")
eq(ids(db:citations({2, 5}).documents[1].articles), "2,5", "a set of articles")
-- one article: 2 resolves its 《意见》 by itself
local c2 = db:article(2):citations()
local o2
for _, x in ipairs(c2.documents) do if x.title == "关于推动内蒙古高质量发展奋力书写中国式现代化新篇章的意见" then o2 = x end end
check(o2 and o2.count == 6 and o2.articles[1].id == 2, "a:citations() resolves 《意见》 in article 2")
eq(#db:article(3):citations().documents, 0, "an article citing nothing")
checkerror("'top' must be a non%-negative integer", function () return db:citations{top = -1} end)
checkerror("'min_articles' must be a non%-negative integer", function () return db:citations{min_articles = "x"} end)
-- }======

-- {====== quotes on the seeds ======
local qs = db:quotes()
for i = 2, #qs do
  local a, b = qs[i - 1], qs[i]
  check(a.articles > b.articles or (a.articles == b.articles and a.count >= b.count), "groups sorted")
end
for _, g in ipairs(qs) do
  check(g.speaker ~= nil, "no unattributed group by default")
  for _, q in ipairs(g.quotes) do
    eq(sub(q.article.text, q.from, q.to), q.text, "positions of a quotation in article " .. q.id)
  end
end
-- Xi's words in the Yangtze report (13, 他强调) quoted in part by the commentary (1, 强调 after 总书记)
local xi = db:quotes{speaker = "习近平", min_articles = 2}
eq(#xi, 1, "one group of Xi's words in two articles")
eq(ids(xi[1].quotes), "1,13", "quoted in 1 and 13")
eq(xi[1].speaker, "习近平", "canonical speaker")
check(contains(xi[1].text, "谋长远之势、行长久之策、建久安之基"), "the group's text is the longest passage")
local as = {}
for _, q in ipairs(xi[1].quotes) do as[q.id] = q.speaker_as_written end
eq(as[13], "他", "13: a pronoun resolved to 习近平")
eq(as[1], "习近平总书记", "1: named before the verb in the paragraph")
eq(xi[1].first.id, 1, "first: the undated articles by id")
eq(#db:quotes{speaker = "总书记", min_articles = 2}, 1, "speaker 总书记 is 习近平")
eq(#db:quotes{speaker = "李强"}, 1, "李强 speaks once (article 4)")
-- speakers from context
local function speakerat (id, from)
  for _, g in ipairs(db:article(id):quotes()) do
    for _, q in ipairs(g.quotes) do
      if q.from == from then return tostring(g.speaker) .. "/" .. tostring(q.speaker_as_written) end
    end
  end
end
eq(speakerat(4, 853), "习近平/他", "4: 他强调 after 习近平 ... 发表重要讲话")
eq(speakerat(4, 3065), "李强/李强", "4: 李强表示")
eq(speakerat(12, 689), "习近平/习近平总书记", "12: 像习近平总书记讲的那样“…”")
eq(speakerat(9, 507), "习近平/习近平总书记", "9: “…”习近平总书记重要讲话")
-- unattributed quotations, on request: “时时放心不下” in 1 and 11
local found
for _, g in ipairs(db:quotes{unattributed = true, min_articles = 2}) do
  if g.text == "时时放心不下" then found = g end
end
check(found and found.speaker == nil and ids(found.quotes) == "1,11", "“时时放心不下” in 1 and 11, unattributed")
eq(#db:quotes{min_chars = 1000}, 0, "min_chars")
checkerror("'speaker' must be a string", function () return db:quotes{speaker = 1} end)
checkerror("'min_articles' must be a non%-negative integer", function () return db:quotes{min_articles = -2} end)
-- }======

-- {====== small stores: grouping across punctuation, issuers, unresolved short forms ======
local path = T.tmpdb()
local dir = path:gsub("%.db$", "")
local function writefile (name, text)
  local f = assert(io.open(dir .. "-" .. name, "w")); f:write(text); f:close()
  return dir .. "-" .. name
end
local files = {
  writefile("a.txt", "习近平总书记强调：“要坚持稳中求进，以进促稳，先立后破。”会议学习了《意见》。\n"),
  writefile("b.txt", "总书记指出：“要坚持稳中求进、以进促稳、先立后破”。《国务院关于加强基层治理的意见》和《关于加强基层治理的意见》都提到。\n"),
  writefile("c.txt", "这就是“要坚持稳中求进、以进促稳、先立后破，这是总的要求”的道理。《宪法》\n"),
}
local sdb = assert(tifa.open(path))
assert(sdb:ingest(files))
local g = sdb:quotes()
eq(#g, 1, "one group across punctuation differences")
local attributed = 0
for _, q in ipairs(g[1].quotes) do if q.attributed then attributed = attributed + 1 end end
eq(attributed, 2, "attributed in two articles")
eq(g[1].articles, 3, "and joined by the unattributed quotation that holds the words")
eq(g[1].speaker, "习近平", "总书记 and 习近平总书记 are one speaker")
local ug = sdb:quotes{unattributed = true}
eq(#ug, 1, "the unattributed longer quotation is in the group, not one of its own")
eq(ug[1].articles, 3, "three articles")
local joined
for _, q in ipairs(ug[1].quotes) do if not q.attributed then joined = q end end
check(joined and joined.speaker_as_written == nil, "joined by its words only: attributed false")
local sc = sdb:citations()
local byt = {}
for _, x in ipairs(sc.documents) do byt[x.title] = x end
check(byt["意见"] and byt["意见"].resolved == false, "a lone 《意见》 stays unresolved")
eq(byt["意见"] and byt["意见"].articles[1].offsets[1].how, "unresolved", "how = unresolved")
local gov = byt["国务院关于加强基层治理的意见"]
check(gov and gov.count == 2 and gov.aliases[1] == "关于加强基层治理的意见", "with and without the issuer: one document")
check(byt["宪法"] and byt["宪法"].resolved and byt["宪法"].kind == "法", "《宪法》 is a document as written")
sdb:close()
os.remove(path)
for _, f in ipairs(files) do os.remove(f) end
-- }======

-- {====== the rules of resolution, on one JSON Lines file (a record is an article) ======
local function record (t)                           -- a JSON Lines record
  local function q (v) return '"' .. v:gsub('[\\"]', "\\%0"):gsub("\n", "\\n") .. '"' end
  return "{\"title\": " .. q(t.title) .. ", \"text\": " .. q(t.text) .. "}"
end
local jpath = T.tmpdb()
local jsonl = writefile("records.jsonl", table.concat({
  record{title = "中华人民共和国行政许可法", text = "第一条　为了规范行政许可的设定和实施，根据宪法，制定本法。\n"
    .. "第二条　本法所称行政许可，是指行政机关根据申请准予其从事特定活动的行为。本法院不是，香港基本法也不是。\n"
    .. "第三条　依照《出版管理条例》和《中华人民共和国地图编制出版管理条例》执行。本条例不指本法。"},
  record{title = "读书", text = "他读了《21世纪资本论》，又读《资本论》。\n《纲要》提出了目标。依照《行政许可法》和《中华人民共和国行政许可法》。"},
  record{title = "规划", text = "《长江经济带发展规划纲要》（以下简称《纲要》）发布。《纲要》提出……"},
  record{title = "国务院公布《网络数据安全管理条例》", text = "《条例》共9章。本条例自2025年1月1日起施行。"},
  record{title = "中华人民共和国刑法修正案（十二）", text = "一、将刑法第一百六十五条修改为：“违反本法规定的……”\n二、本修正案自2024年3月1日起施行。"},
  record{title = "报告", text = "审议《\n中共中央关于制定国民经济和社会发展第十个五年计划的建议\n》（即《建议》）。《建议》提出……"},
}, "\n") .. "\n")
local jdb = assert(tifa.open(jpath))
assert(jdb:ingest(jsonl))
local jc = jdb:citations()
local art = {}                                       -- article ids by title
for a in jdb:articles() do art[a.title] = a.id end
local function at (id, text, nth)                   -- tifa's reading of the nth 'text' in article id
  local t = jdb:article(id).text
  local b = 0
  for _ = 1, nth or 1 do b = assert(t:find(text, b + 1, true), text) end
  local from = utf8.len(t, 1, b - 1) + 1
  for _, s in ipairs(jc.self) do
    for _, o in ipairs(s.offsets) do
      if s.id == id and o.from == from then return "self:" .. s.title, o end
    end
  end
  for _, d in ipairs(jc.documents) do
    for _, a in ipairs(d.articles) do
      for _, o in ipairs(a.offsets) do
        if a.id == id and o.from == from then return (d.resolved and "" or "unresolved:") .. d.title, o, d end
      end
    end
  end
  return "none"
end
local law, book, plan = art["中华人民共和国行政许可法"], art["读书"], art["规划"]
-- self-references: the article itself, listed apart; 本法院 and 基本法 are none
eq(at(law, "本法"), "self:中华人民共和国行政许可法", "制定本法: the law itself")
eq(at(law, "本法", 2), "self:中华人民共和国行政许可法", "本法所称: the law itself")
eq(at(law, "本法院"), "none", "本法院 is no self-reference")
eq(at(law, "基本法"), "none", "基本法 is no self-reference")
local selfs = {}
for _, s in ipairs(jc.self) do selfs[s.id] = s end
check(selfs[law] and selfs[law].kind == "法" and selfs[law].article.id == law, "c.self has the law")
eq(selfs[law] and select(2, at(law, "本法")).how, "self", "how = self")
eq(selfs[law] and select(2, at(law, "本法")).text, "本法", "text = 本法")
for _, e in ipairs(jc.edges) do
  check(e.to ~= "中华人民共和国行政许可法" or e.from ~= law, "a self-reference is no edge")
end
-- a kind that is not the article's: in a law, 本条例 stays the law's (it says so)
eq(at(law, "本条例"), "self:中华人民共和国行政许可法", "本条例 in a law that says so")
-- names are never taken for longer titles that contain them
eq(at(book, "《资本论》"), "资本论", "《资本论》 is not 《21世纪资本论》")
eq(at(law, "《出版管理条例》"), "出版管理条例", "《出版管理条例》 is not 《…地图编制出版管理条例》")
-- 中华人民共和国 left out: one document
local _, _, d = at(book, "《行政许可法》")
check(d and d.title == "中华人民共和国行政许可法" and d.aliases[1] == "行政许可法" and d.count == 2,
      "《行政许可法》 and 《中华人民共和国行政许可法》 are one document")
check(d and d.narticles == 1, "本法 of the law is not a citation of it")
-- no resolution across records of one file: 《纲要》 of 读书 is not the 纲要 of 规划
eq(at(book, "《纲要》"), "unresolved:纲要", "a short form is not resolved from another record of the file")
eq(at(plan, "《纲要》", 2), "长江经济带发展规划纲要", "in its own record it is")
eq(select(2, at(plan, "《纲要》", 2)).how, "defined", "by its 以下简称")
-- a news report on a new regulation: 《条例》 and 本条例 are the regulation of the title
local news = art["国务院公布《网络数据安全管理条例》"]
eq(at(news, "《条例》"), "网络数据安全管理条例", "《条例》 under the title that names it")
eq(at(news, "本条例"), "网络数据安全管理条例", "本条例 in a report names the regulation")
eq(select(2, at(news, "本条例")).how, "article", "how = article")
local _, _, reg = at(news, "本条例")
check(reg and #reg.aliases == 1 and reg.aliases[1] == "条例", "本条例 is no alias")
-- an amendment: 本法 in the new text is the law amended, 本修正案 the amendment itself
local am = art["中华人民共和国刑法修正案（十二）"]
eq(at(am, "本法"), "中华人民共和国刑法", "本法 quoted in 刑法修正案 is 刑法")
eq(at(am, "本修正案"), "self:中华人民共和国刑法修正案（十二）", "本修正案 is the amendment")
-- a title broken across lines, and an alias given by 即
local rep = art["报告"]
eq(at(rep, "《\n中共"), "中共中央关于制定国民经济和社会发展第十个五年计划的建议", "《 title 》 across lines")
eq(at(rep, "《建议》", 2), "中共中央关于制定国民经济和社会发展第十个五年计划的建议", "（即《建议》）")
jdb:close()
os.remove(jpath)
os.remove(jsonl)
-- }======

-- {====== tifa.graph ======
local G = tifa.graph
local dot = G.dot({nodes = {{id = 1, label = 'say "hi"\\', kind = "a"}, {id = "x", kind = "b"}},
                   edges = {{from = 1, to = "x", weight = 4, label = "e"}, {from = "x", to = "new"}}})
check(contains(dot, "digraph G {"), "directed by default")
check(contains(dot, 'n1 [label="say \\"hi\\"\\\\"'), "labels escaped: " .. dot)
check(contains(dot, 'n2 [label="x"'), "a node's label defaults to its id")
check(contains(dot, 'n3 [label="new"]'), "an edge's unknown id makes a node")
check(contains(dot, "n1 -> n2 [weight=4, penwidth=3.00, label=\"e\"]"), "edge with weight and label")
check(contains(dot, "n2 -> n3 [weight=1, penwidth=1.00]"), "weight defaults to 1")
local und = G.dot({nodes = {{label = "甲"}, {label = "乙"}}, edges = {{from = 1, to = 2}}, directed = false},
                  {rankdir = "LR"})
check(contains(und, "graph G {") and contains(und, "n1 -- n2") and contains(und, 'rankdir="LR"'), "undirected, rankdir")
check(contains(und, 'label="甲"'), "Chinese labels kept as they are")
checkerror("bad argument #1 to 'dot' %(table expected, got string%)", function () return G.dot("x") end)
checkerror("edge 1 must be a table, got string", function () return G.dot({edges = {"a"}}) end)
checkerror("node 1 must be a table", function () return G.dot({nodes = {5}}) end)
checkerror("duplicate id 'a'", function () return G.dot({nodes = {{id = "a"}, {id = "a"}}}) end)
checkerror("'weight' must be a non%-negative number", function () return G.dot({edges = {{from = 1, to = 2, weight = "x"}}}) end)
local cd = G.dot(db:citations{top = 2})
check(contains(cd, "国务院关于推动内蒙古高质量发") and contains(cd, "->"), "db:citations() converts")

-- SVG renders through Graphviz; its fonts' caches show as leaks under LeakSanitizer
if not os.getenv("TIFA_SANITIZE") then
  local svg, err = G.svg(db:citations{top = 3})
  check(svg and contains(svg, "<svg") and contains(svg, "长江经济带") == false, "svg of the top 3: " .. tostring(err))
  check(svg and contains(svg, "国务院关于推动内蒙古高质量发"), "the svg has the document's label")
  for _, layout in ipairs{"neato", "fdp", "sfdp", "circo", "twopi"} do
    local s2, e2 = G.svg({edges = {{from = "a", to = "b"}, {from = "b", to = "c"}}}, {layout = layout})
    check(s2 and contains(s2, "<svg"), "layout " .. layout .. ": " .. tostring(e2))
  end
  local none, msg = G.svg({edges = {{from = "a", to = "b"}}}, {layout = "nope"})
  check(none == nil and contains(msg, 'Layout type: "nope" not recognized'), "unknown layout: " .. tostring(msg))
  local out = T.tmpdb():gsub("%.db$", ".svg")
  eq(G.svg(db:citations{top = 1}, {file = out}), true, "svg to a file")
  local f = assert(io.open(out)); local body = f:read("a"); f:close(); os.remove(out)
  check(contains(body, "<svg"), "the file holds the svg")
  local r1, r2 = G.svg({edges = {}}, {file = "/nonexistent/dir/x.svg"})
  check(r1 == nil and contains(r2, "nonexistent"), "an unwritable file: nil, msg")
end
checkerror("'layout' must be a string", function () return G.svg({}, {layout = 1}) end)
-- }======

T.finish()
