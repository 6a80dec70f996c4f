-- lexis.lua -- the lexis analytics (docs/analytics-lexis.md): db:freq (and by group),
-- keywords (tf-idf, TextRank, phrases), keyness, collocates and summaries, on the sample
-- corpus (findings checked by reading it) and on a tiny fixture store whose statistics were
-- computed by hand. Runs in the tifa host and in stock lua5.4 through require "tifa".
print "testing the lexis analytics"

local tifa = tifa or require "tifa"
local T = dofile((debug.getinfo(1, "S").source:match("^@(.*[/\\])") or "./") .. "support/check.lua")
local check, eq = T.check, T.eq
local db = assert(tifa.open())

local function find (list, key, value)
  for _, r in ipairs(list) do if r[key] == value then return r end end
end

local function usub (s, i, j) return s:sub(utf8.offset(s, i), utf8.offset(s, j + 1) - 1) end

-- {====== db:freq ======
do
  local all, total = db:freq()
  local words = db:words()
  eq(#all, #words, "db:freq() lists every word db:words lists")
  local sum = 0
  for i, r in ipairs(all) do
    sum = sum + r.count
    if i <= 50 then
      check(r.item == words[i].word and r.count == words[i].count and r.articles == words[i].articles,
            "db:freq() row " .. i .. " is db:words() row " .. i)
    end
  end
  eq(total, sum, "the total of db:freq is the sum of its counts")
  local top = db:freq{top = 3}
  eq(#top, 3, "top = 3")
  eq(top[1].item, words[1].word, "the most frequent word")

  -- the groups partition the corpus: their counts add up to the whole corpus's, per item
  for _, unit in ipairs{"word", "char", "ngram"} do
    for _, by in ipairs{"outlet", "month", "article"} do
      local whole = db:freq{unit = unit}
      local groups = db:freq{unit = unit, by = by}
      local sums, articles, gtotal = {}, 0, 0
      for _, g in ipairs(groups) do
        articles = articles + g.articles
        gtotal = gtotal + g.total
        for _, it in ipairs(g.items) do sums[it.item] = (sums[it.item] or 0) + it.count end
      end
      eq(articles, 13, unit .. " by " .. by .. ": every article in one group")
      local ok, n = true, 0
      for _, it in ipairs(whole) do
        n = n + it.count
        if sums[it.item] ~= it.count then ok = false end
      end
      check(ok, unit .. " by " .. by .. ": the groups' counts add up to the corpus's")
      eq(gtotal, n, unit .. " by " .. by .. ": the groups' totals add up")
    end
  end

  local months = db:freq{by = "month", top = 2}
  local prev = nil
  for _, g in ipairs(months) do
    check(prev == nil or prev < g.group, "months in order")
    check(g.group == "" or g.group:match("^%d%d%d%d%-%d%d$"), "a month is YYYY-MM or ''")
    prev = g.group
    check(#g.items <= 2, "top applies to each group")
  end
  local mg = find(months, "group", "2024-03")
  eq(mg and mg.articles, 7, "seven articles of 2024-03 (内蒙古日报, ids 6 to 12)")
  local outlets = db:freq{by = "outlet", top = 1}
  check(find(outlets, "group", "内蒙古日报") ~= nil, "an outlet group")
  local arts = db:freq{by = "article", top = 1}
  eq(math.type(arts[1].group), "integer", "by article: the group is the id")

  -- units: characters and word bigrams, the set and stopwords
  local chars = db:freq{unit = "char", top = 5, outlet = "内蒙古日报"}
  for _, r in ipairs(chars) do eq(utf8.len(r.item), 1, "unit char: one character") end
  local bi = db:freq{unit = "ngram", n = 2, top = 20}
  local hasbi = false
  for _, r in ipairs(bi) do if r.item:find(" ") then hasbi = true end end
  check(hasbi, "word bigrams are two words joined by a space")
  local nofn = db:freq{top = 10, stopwords = "function"}
  check(find(nofn, "item", "的") == nil, "stopwords leave out 的")
  check(find(db:freq{top = 10}, "item", "的") ~= nil, "without stopwords, 的 is there")
  T.checkerror("bad argument #1 to 'freq' %(invalid option 'token' for 'unit'%)",
               function () return db:freq{unit = "token"} end)
  T.checkerror("invalid option 'week' for 'by'", function () return db:freq{by = "week"} end)
end
-- }======

-- {====== keywords ======
do
  local a1 = db:article(1)
  for _, m in ipairs{"tfidf", "textrank"} do
    local k = a1:keywords{method = m, top = 10}
    eq(#k, 10, m .. ": ten keywords")
    check(find(k, "word", "高质量发展") ~= nil, m .. ": 高质量发展 is a keyword of article 1")
    for i = 2, #k do check(k[i - 1].score >= k[i].score, m .. ": by score") end
    for _, r in ipairs(k) do
      check(utf8.len(r.word) >= 2 and not r.word:find("^%d") and r.count > 0 and r.words == 1,
            m .. ": words of two characters or more, not numbers: " .. r.word)
      check(r.word ~= "我们" and r.word ~= "的", m .. ": no function words")
    end
    local same = db:keywords(a1, {method = m, top = 10})
    eq(same[1].word, k[1].word, m .. ": db:keywords(article) is a:keywords()")
  end
  -- a set: 内蒙古日报's six commentaries together
  local k = db:keywords({outlet = "内蒙古日报"}, {top = 20})
  check(find(k, "word", "两会") ~= nil or find(k, "word", "全国两会") ~= nil, "两会 among the keywords of 内蒙古日报")
  -- phrases: runs of adjacent candidates that recur
  local p = a1:keywords{top = 30, phrases = true}
  local phrase
  for _, r in ipairs(p) do if r.words > 1 then phrase = r break end end
  check(phrase ~= nil and phrase.count >= 2, "phrases: a phrase of several words that recurs")
  check(phrase and select(2, a1.text:gsub(phrase.word:gsub("%p", "%%%0"), "")) + select(2, a1.title:gsub(phrase.word:gsub("%p", "%%%0"), "")) >= phrase.count,
        "a phrase is a string of the text, as often as counted")
  local tr = a1:keywords{method = "textrank", phrases = true, top = 30}
  local trp = false
  for _, r in ipairs(tr) do if r.words > 1 then trp = true end end
  check(trp, "textrank scores phrases too")
  T.checkerror("invalid option 'bm25' for 'method'", function () return a1:keywords{method = "bm25"} end)
end
-- }======

-- {====== keyness ======
do
  local rows, info = db:keyness({outlet = "内蒙古日报"}, nil, {top = 20})
  local target = db:words{outlet = "内蒙古日报"}
  local whole = db:words()
  local tcount, wcount, ttok, wtok = {}, {}, 0, 0
  for _, r in ipairs(target) do tcount[r.word] = r.count; ttok = ttok + r.count end
  for _, r in ipairs(whole) do wcount[r.word] = r.count; wtok = wtok + r.count end
  eq(info.target_tokens, ttok, "target tokens: the words of the target")
  eq(info.reference_tokens, wtok - ttok, "reference nil: the rest of the corpus")
  local r2 = find(rows, "word", "两会")
  check(r2 and r2.direction == "over" and r2.sig == "****", "两会 over-used by 内蒙古日报 (p < 0.0001)")
  check(r2 and r2.target_count == tcount["两会"] and r2.reference_count == wcount["两会"] - tcount["两会"],
        "counts of 两会 from the two sets")
  local top3 = {rows[1].word, rows[2].word, rows[3].word}
  check(top3[1] == "两会", "两会 has the largest G2: " .. table.concat(top3, " "))
  local under = db:keyness({outlet = "内蒙古日报"}, nil, {direction = "under", top = 5})
  for _, r in ipairs(under) do eq(r.direction, "under", "direction = under") end
  check(find(under, "word", "开发") ~= nil, "开发 (西部大开发) under-used by 内蒙古日报")
  for i = 2, #rows do check(rows[i - 1].ll >= rows[i].ll, "by G2") end
  local lr = db:keyness({outlet = "内蒙古日报"}, {outlet = "新华社"}, {measure = "log_ratio", top = 5})
  for i = 2, #lr do check(math.abs(lr[i - 1].log_ratio) >= math.abs(lr[i].log_ratio), "by |log ratio|") end
  local none, msg = db:keyness({outlet = "内蒙古日报"}, {outlet = "no such outlet"})
  check(none == nil and msg:find("the reference has no words"), "an empty reference: nil, msg")
end

-- the statistics on a fixture whose counts are known
do
  local path = T.tmpdb()
  local jl = path .. ".jsonl"
  local f = assert(io.open(jl, "w"))
  f:write('{"title":"ta","text":"alpha alpha beta gamma","outlet":"A","date":"2024-01-05"}\n',
          '{"title":"tb","text":"alpha beta beta gamma","outlet":"A","date":"2024-02-05"}\n',
          '{"title":"tc","text":"beta gamma gamma delta","outlet":"B","date":"2024-02-07"}\n',
          '{"title":"td","text":"gamma delta delta delta","outlet":"B","date":"2024-03-01"}\n')
  f:close()
  local fx = assert(tifa.open(path))
  assert(fx:ingest(jl))
  -- A: 10 tokens (8 words, 2 titles), alpha 3 beta 3 gamma 2; B: 10 tokens, alpha 0 beta 1 gamma 3 delta 4
  local rows, info = fx:keyness({outlet = "A"}, {outlet = "B"}, {min = 1})
  eq(info.target_tokens, 10, "fixture: target tokens"); eq(info.reference_tokens, 10, "reference tokens")
  local function near (x, y) return math.abs(x - y) < 1e-9 end
  local alpha, delta, beta = find(rows, "word", "alpha"), find(rows, "word", "delta"), find(rows, "word", "beta")
  -- alpha 3 vs 0: E1 = 1.5, G2 = 2 * 3 ln(3 / 1.5) = 6 ln 2; log ratio log2((3/10) / (0.5/10)) = log2 6
  check(near(alpha.ll, 6 * math.log(2)) and near(alpha.log_ratio, math.log(6, 2)), "G2 and log ratio of alpha")
  -- p = P(chi2(1) > 6 ln 2) = 0.041416706...
  check(math.abs(alpha.p - 0.0414167) < 1e-6 and alpha.sig == "*", "p of alpha")
  -- delta 0 vs 4: E2 = 2, G2 = 2 * 4 ln 2 = 8 ln 2; log ratio log2(0.5 / 4) = -3
  check(near(delta.ll, 8 * math.log(2)) and near(delta.log_ratio, -3) and delta.direction == "under", "delta")
  -- beta 3 vs 1: E = 2 each, G2 = 2 (3 ln 1.5 + ln 0.5)
  check(near(beta.ll, 2 * (3 * math.log(1.5) + math.log(0.5))) and near(beta.log_ratio, math.log(3, 2)), "beta")
  eq(rows[1].word, "delta", "the largest G2 first")
  eq(#fx:keyness({outlet = "A"}, {outlet = "B"}), 4, "min = 3 by default: alpha, beta, gamma, delta, not the titles")
  -- freq by month on the fixture
  local g = fx:freq{by = "month"}
  eq(#g, 3, "three months"); eq(g[2].group, "2024-02", "2024-02"); eq(g[2].total, 10, "its tokens")
  eq(find(g[2].items, "item", "beta").count, 3, "beta in 2024-02")
  -- collocates on the fixture: gamma is next to beta (tb, tc) and to alpha (ta)
  local co, st = fx:collocates("gamma", {min = 1, window = 1})
  eq(st.node, 5, "gamma occurs 5 times"); eq(st.articles, 4, "in 4 articles")
  local b = find(co, "word", "beta")
  check(b and b.joint == 3 and b.left == 3 and b.right == 0, "beta: 3 times just before gamma")
  -- logDice = 14 + log2(2 * 3 / (5 + 4))
  check(b and near(b.logdice, 14 + math.log(6 / 9, 2)), "logDice of beta")
  -- tf-idf by hand: the candidates of A are alpha 3, beta 3, gamma 2, ta, tb (10 tokens);
  -- alpha is in 2 of the 4 articles: 3/10 * ln(4/2)
  local kw = fx:keywords({outlet = "A"}, {top = 5})
  local ka = find(kw, "word", "alpha")
  check(ka and ka.count == 3 and near(ka.score, 0.3 * math.log(2)), "tf-idf of alpha")
  -- the document frequencies follow the store: a fifth article with alpha gives ln(5/3)
  local jl2 = path .. ".2.jsonl"
  f = assert(io.open(jl2, "w"))
  f:write('{"title":"te","text":"alpha epsilon","outlet":"C","date":"2024-04-01"}\n')
  f:close()
  assert(fx:ingest(jl2))
  os.remove(jl2)
  ka = find(fx:keywords({outlet = "A"}, {top = 5}), "word", "alpha")
  check(ka and near(ka.score, 0.3 * math.log(5 / 3)), "tf-idf after an ingest: the new df")
  fx:close()
  os.remove(path); os.remove(jl)
end
-- }======

-- {====== collocates ======
do
  local co, st = db:collocates("发展", {top = 30})
  local hq = find(co, "word", "高质量")
  check(hq ~= nil and hq.left > hq.right, "高质量 is a collocate of 发展, on its left")
  check(st.node > 0 and st.articles > 0 and st.tokens > st.span, "totals")
  for i = 2, #co do check(co[i - 1].llr >= co[i].llr, "by llr") end
  for _, r in ipairs(co) do
    eq(r.left + r.right, r.joint, "sides add up"); check(r.joint >= 3, "min = 3")
    check(r.score == r.llr, "score is the measure")
  end
  local ld = db:collocates("发展", {measure = "logdice", top = 5, outlet = "内蒙古日报"})
  for i = 2, #ld do check(ld[i - 1].logdice >= ld[i].logdice, "by logDice") end
  check(find(db:collocates("发展", {top = 200}), "word", "的") == nil, "no function words")
  T.checkerror("invalid option 'dice' for 'measure'", function () return db:collocates("发展", {measure = "dice"}) end)
  T.checkerror("bad argument #1 to 'collocates' %(string expected, got no value%)", function () return db:collocates() end)
end
-- }======

-- {====== summary ======
do
  -- article 5 has enumerations (一、 sections holding （一） lists): each is taken whole or not at all
  local a5 = db:article(5)
  local enums = tifa.text.enumerations(a5.text)
  check(#enums >= 2, "article 5 has enumerations")
  for _, n in ipairs{3, 10, 30} do
    local s = db:summary(5, {sentences = n})
    check(#s.sentences >= 1, "a summary is never empty")
    local prev = 0
    for _, x in ipairs(s.sentences) do
      check(x.index > prev, "text order"); prev = x.index
      eq(usub(a5.text, x.from, x.to), x.text, "from/to give the sentence")
      check(x.paragraph >= 1, "a paragraph")
    end
    check(s.text:find(s.sentences[1].text, 1, true) == 1, "the text starts with the first sentence")
    local all = tifa.text.sentences(a5.text)
    for _, e in ipairs(enums) do
      local inside, chosen = 0, 0
      for i, u in ipairs(all) do
        if u.first <= e.last and u.last >= e.first then
          inside = inside + 1
          if find(s.sentences, "index", i) then chosen = chosen + 1 end
        end
      end
      check(chosen == 0 or chosen == inside, "sentences = " .. n .. ": an enumeration whole or not at all")
    end
  end
  local s = db:article(4):summary{sentences = 2}
  check(#s.sentences <= 2, "at most the sentences asked")
  check(s.sentences[1].text ~= s.sentences[2].text, "no repeated lead")
  local none, msg = db:summary(999)
  check(none == nil and msg == "no article 999", "no such article")
  T.checkerror("field 'sentences' must be 1 or more", function () return db:summary(4, {sentences = 0}) end)
end
-- }======

-- {====== the forward index ======
-- The analytics read each article's words from the forward index (host/store/wordfwd.c)
-- instead of segmenting it again; {segment = true} segments anew. Both must give the same
-- answers, on the sample corpus and on a store whose articles are replaced and deleted.
local function same (a, b, what)
  if #a ~= #b then check(false, what .. ": " .. #a .. " rows against " .. #b); return end
  for i = 1, #a do
    for k, v in pairs(a[i]) do
      if type(v) ~= "table" and b[i][k] ~= v then
        check(false, what .. ": row " .. i .. " field " .. k .. ": " .. tostring(v) .. " against " .. tostring(b[i][k]))
        return
      end
    end
    if a[i].words and type(a[i].words) == "table" then
      check(table.concat(a[i].words, " ") == table.concat(b[i].words, " "), what .. ": words of row " .. i)
    end
  end
  check(true, what)
end

local function forward_same_as_segmenting (d, label)
  local ids = {}
  for _, r in ipairs(d:sql("SELECT id FROM article ORDER BY id")) do ids[#ids + 1] = r.id end
  for _, o in ipairs{{top = 50}, {top = 50, phrases = true}, {top = 30, method = "textrank", phrases = true},
                     {top = 30, singles = true, stopwords = {"function"}}} do
    local seg = {segment = true}
    for k, v in pairs(o) do seg[k] = v end
    same(d:keywords(nil, o), d:keywords(nil, seg), label .. ": keywords of the corpus")
  end
  for _, id in ipairs(ids) do
    same(d:keywords({id}, {top = 20, phrases = true}), d:keywords({id}, {top = 20, phrases = true, segment = true}),
         label .. ": keywords of #" .. id)
  end
  for _, w in ipairs{"发展", "高质量", "经济", "习近平", "alpha", "gamma"} do
    for _, win in ipairs{1, 5} do
      local a, sa = d:collocates(w, {min = 1, window = win})
      local b, sb = d:collocates(w, {min = 1, window = win, segment = true})
      same(a, b, label .. ": collocates of " .. w .. " in " .. win)
      check(sa.node == sb.node and sa.span == sb.span and sa.articles == sb.articles,
            label .. ": the collocates' totals of " .. w)
    end
  end
  same(d:distinctive(nil, {top = 5, min = 1}), d:distinctive(nil, {top = 5, min = 1, segment = true}),
       label .. ": distinctive articles")
  -- a set's words from the forward index, the corpus's from the word index: the same
  same(d:freq(ids, {top = 0}), d:freq{top = 0}, label .. ": db:freq of every article is db:freq()")
  same(d:words{articles = ids}, d:words(), label .. ": db:words of every article is db:words()")
  local n = d:sql("SELECT count(*) AS n FROM article")[1].n
  eq(d:sql("SELECT count(*) AS n FROM article_lex")[1].n, n, label .. ": every article in the forward index")
end

forward_same_as_segmenting(db, "sample corpus")

-- keyness by group: each group against the rest, as db:keyness of that group gives it
do
  local g = db:keyness(nil, nil, {by = "year", top = 20})
  check(#g >= 2, "keyness by year: the seeds' years")
  for _, x in ipairs(g) do
    if x.group ~= "" then
      local ids = {}
      for _, r in ipairs(db:sql("SELECT id FROM article WHERE substr(date, 1, 4) = ?", x.group)) do ids[#ids + 1] = r.id end
      eq(x.articles, #ids, "keyness by year: the articles of " .. x.group)
      local one, info = db:keyness(ids, nil, {top = 20})
      same(x.rows, one, "keyness by year " .. x.group .. " is db:keyness of its articles")
      eq(x.target_tokens, info.target_tokens, "its tokens")
      eq(x.reference_tokens, info.reference_tokens, "the rest's tokens")
    end
  end
  T.checkerror("no reference with 'by'", function () return db:keyness({1}, {2}, {by = "year"}) end)
  local years = db:freq{by = "year"}
  local whole, total = db:freq()
  local sum = 0
  for _, y in ipairs(years) do sum = sum + y.total; check(y.group == "" or #y.group == 4, "a year: " .. y.group) end
  eq(sum, total, "freq by year: the years partition the corpus")
  -- distinctive: by mean idf, descending, each with its words
  local d = db:distinctive(nil, {top = 5, words = 3})
  eq(#d, 5, "distinctive: top = 5")
  for i = 2, #d do check(d[i - 1].score >= d[i].score, "distinctive: by score") end
  for _, r in ipairs(d) do check(#r.words == 3 and r.tokens >= 50, "distinctive: three words, 50 content words") end
end

-- replaced, deleted and rebuilt: the forward index follows the articles
do
  local path = T.tmpdb()
  local jl = path .. ".jsonl"
  local function write (lines)
    local f = assert(io.open(jl, "w"))
    f:write(table.concat(lines, "\n"), "\n")
    f:close()
  end
  write{'{"title":"ta","text":"alpha alpha beta gamma。推动高质量发展，建设人民政府。","date":"2023-01-05"}',
        '{"title":"tb","text":"alpha beta beta gamma\\n高质量发展是硬道理。","date":"2024-02-05"}',
        '{"title":"tc","text":"beta gamma gamma delta，共建一带一路。","date":"2024-02-07"}'}
  local fx = assert(tifa.open(path))
  assert(fx:ingest(jl))
  forward_same_as_segmenting(fx, "fixture")
  -- the file again with one article changed and one gone: the store replaces its articles
  write{'{"title":"ta","text":"alpha epsilon epsilon。国务院发展研究中心。","date":"2023-01-05"}',
        '{"title":"tc","text":"beta gamma gamma delta，共建一带一路。","date":"2024-02-07"}'}
  assert(fx:ingest(jl))
  forward_same_as_segmenting(fx, "fixture replaced")
  eq(fx:sql("SELECT count(*) AS n FROM article_lex WHERE article_id NOT IN (SELECT id FROM article)")[1].n, 0,
     "no forward rows of deleted articles")
  check(find(fx:freq{top = 0}, "item", "epsilon") ~= nil and find(fx:freq(fx:select{}, {top = 0}), "item", "epsilon") ~= nil,
        "the new words counted")
  fx:close()
  os.remove(path); os.remove(jl)
end
-- }======

if #T.failures > 0 then
  for _, m in ipairs(T.failures) do print("FAIL: " .. m) end
  error(#T.failures .. " of " .. T.count() .. " checks failed")
end
print("OK (" .. T.count() .. " checks)")
