-- wordindex.lua -- whole-word search and the corpus vocabulary from Lua: db:search and
-- db:count with {words = true}, db:words with its filter, limits and stopwords, checked
-- against tifa.text.words on the sample corpus. Runs in the tifa host and in stock lua5.4.
print "testing the word index"

local tifa = tifa or require "tifa"
local T = dofile(((arg and arg[0]) or ""):match("^(.-)[^/]*$") .. "support/check.lua")
local check, eq, checkerror, usub = T.check, T.eq, T.checkerror, T.usub

local db = assert(tifa.open())

-- the oracle: how often the segmenter (fine mode: the parts of longer words too) gives 'w'
local function tokens (s, w)
  local n = 0
  for _, x in ipairs(tifa.text.words(s, {mode = "fine"})) do
    if x:lower() == w then n = n + 1 end
  end
  return n
end

-- {====== search and count by words ======
do
  for _, w in ipairs{"发展", "高质量发展", "新质生产力", "一带一路", "人才", "习近平", "国家", "创新"} do
    local total, per = assert(db:count(w, {words = true}))
    local want, wantper = 0, {}
    for a in db:articles() do
      local n = tokens(a.title, w) + tokens(a.text, w)
      if n > 0 then wantper[a.id] = n; want = want + n end
    end
    eq(total, want, "count of " .. w .. " by words, as the segmenter gives it")
    for id, n in pairs(wantper) do eq(per[id], n, w .. " in article " .. id) end
    for id in pairs(per) do check(wantper[id], w .. ": article " .. id .. " has none") end
    check(total <= (db:count(w)), w .. ": a word match is a character match")
    -- every hit's offsets hold the word, and start and end where the segmenter cuts
    for _, h in ipairs(assert(db:search(w, {words = true, limit = 100}))) do
      check(#h.offsets + #h.title_offsets > 0, "a hit has matches")
      for _, o in ipairs(h.offsets) do eq(usub(h.article.text, o[1], o[2]), w, "hit offsets") end
      check(wantper[h.article.id], "hit " .. h.article.id .. " is an article with the word")
    end
  end
  -- characters across two words are no word match
  local chars = db:count("家发")
  check(chars == 0 or (db:count("家发", {words = true})) < chars)
  eq((db:count("质量发", {words = true})), 0, "质量发 is not words")
  check((db:count("质量发")) > 0)
  local hits, msg = db:search("，。", {words = true})
  check(hits == nil and msg:find("a query needs a word", 1, true), msg)
  checkerror("bad argument #2 to 'count' %(table expected, got number%)", function () return db:count("发展", 1) end)
end
-- }======

-- {====== whole words follow the fine-grained cut (issue 19) ======
do
  local DATA = assert(os.getenv("TIFA_DATA"), "TIFA_DATA not set")
  local path = os.tmpname()
  os.remove(path)
  local w = assert(tifa.open(path))
  assert(w:ingest(DATA .. "/words/whole_words.txt"))
  local function words (q) return (assert(w:count(q, {words = true}))) end
  eq((w:count("民政")), 9, "民政 as characters, 4 of them inside 人民政府")
  eq(words("民政"), 5, "民政 as a word: never inside 人民政府")
  eq(words("政府"), 4, "政府 inside 人民政府")
  eq(words("国务"), 0, "国务 is no part of 国务院")
  eq(words("第二"), 1, "第二 alone, not inside 第二十条")
  eq(words("一带一路"), 1, "一带一路 inside 共建一带一路")
  local seen = {}
  for _, x in ipairs(w:words()) do seen[x.word] = x.count end
  eq(seen["民政"], 5, "db:words counts 民政 as --words does")
  eq(seen["国务"], nil, "db:words: no 国务")
  w:close()
  os.remove(path)
end
-- }======

-- {====== the vocabulary ======
do
  local all = assert(db:words())
  check(#all > 1000, "the sample has thousands of distinct words")
  local seen, prev = {}, math.huge
  for _, x in ipairs(all) do
    check(x.count <= prev, "by count descending")
    prev = x.count
    check(not seen[x.word], "each word once")
    seen[x.word] = x
    check(x.articles >= 1 and x.articles <= x.count)
    check(x.word:find("^[%p%s]+$") == nil, "no punctuation: " .. x.word)
  end
  for _, w in ipairs{"发展", "高质量发展", "一带一路", "国家"} do
    eq(seen[w].count, (db:count(w, {words = true})), "vocabulary and count agree on " .. w)
  end
  -- top, min, stopwords
  local top = db:words{top = 5}
  eq(#top, 5, "top")
  for i = 1, 5 do eq(top[i].word, all[i].word, "top " .. i) end
  for _, x in ipairs(db:words{min = 50}) do check(x.count >= 50) end
  local nofn = db:words{top = 20, stopwords = "function"}
  for _, x in ipairs(nofn) do check(x.word ~= "的" and x.word ~= "和", "function words left out") end
  local lists = db:words{top = 20, stopwords = {"function", "filler", extra = {"发展"}}}
  for _, x in ipairs(lists) do check(x.word ~= "的" and x.word ~= "坚持" and x.word ~= "发展") end
  local set = db:words{top = 3, stopwords = {["的"] = true, ["发展"] = true}}
  for _, x in ipairs(set) do check(x.word ~= "的" and x.word ~= "发展") end
  checkerror("unknown stopword list 'nope'", function () return db:words{stopwords = "nope"} end)
  checkerror("field 'stopwords' must be a string or a table", function () return db:words{stopwords = 1} end)
  -- a filter: the sum of each article's vocabulary
  local byoutlet = assert(db:words{outlet = "新华社"})
  local sum, ids = {}, {}
  for a in db:articles{outlet = "新华社"} do ids[#ids + 1] = a.id end
  check(#ids > 0)
  for _, id in ipairs(ids) do
    for _, x in ipairs(db:words{where = "a.id = ?", params = {id}}) do
      sum[x.word] = (sum[x.word] or 0) + x.count
    end
  end
  local n = 0
  for _, x in ipairs(byoutlet) do n = n + 1; eq(x.count, sum[x.word], "outlet vocabulary of " .. x.word) end
  for _ in pairs(sum) do n = n - 1 end
  eq(n, 0, "the same words")
  eq(#db:words{outlet = "no such outlet"}, 0, "a filter that selects nothing")
  checkerror("bad argument #1 to 'words' %(field 'outlet' must be a string%)", function () return db:words{outlet = {}} end)
end
-- }======

-- {====== binding a table is an error, not a crash ======
do
  checkerror("cannot bind a table", function () return db:sql("SELECT ?", {}) end)
  checkerror("cannot bind a table", function () for _ in db:articles{where = "a.id = ?", params = {{}}} do end end)
  collectgarbage()
  eq(#db:sql("SELECT 1 AS x"), 1, "the store works after")
end
-- }======

T.finish()
