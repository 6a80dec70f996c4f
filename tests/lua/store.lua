-- store.lua -- the Lua API of the store: tifa.open, db:ingest, db:articles, db:article,
-- db:search, db:count, db:sql, article:paragraphs, and Lua's error conventions.
-- Runs in the tifa host and in stock lua5.4 through require "tifa".
print "testing tifa store"

local tifa = tifa or require "tifa"
local DATA = assert(os.getenv("TIFA_DATA"), "TIFA_DATA not set")


local T = dofile(((arg and arg[0]) or ""):match("^(.-)[^/]*$") .. "support/check.lua")
local usub, occurrences, tmpdb, checkerror = T.usub, T.occurrences, T.tmpdb, T.checkerror

local function cleanup (path)
  os.remove(path); os.remove(path .. "-wal"); os.remove(path .. "-shm")
end

-- {====== the sample corpus ======
do
  local db = assert(tifa.open())
  assert(tostring(db):find("sample corpus", 1, true))
  assert(db.readonly == true)
  local n, titles = 0, {}
  for a in db:articles() do
    n = n + 1
    titles[#titles + 1] = a.title
    assert(math.type(a.id) == "integer" and a.file:find("^sample/"))
    assert(#a.text > 0 and utf8.len(a.text) == a.nchars, "nchars counts code points")
  end
  assert(n == 13, "the seed files cut into 13 articles, got " .. n)
  local seen = {}
  for _, t in ipairs(titles) do seen[t] = true end
  assert(seen["必须把坚持高质量发展作为新时代的硬道理"], "title of 000 is its first line")
  assert(seen["更加深刻领悟“两个确立”的决定性意义"], "a two-line title of 003")

  -- every hit is in its text at its offsets; the oracle agrees on which articles match
  for _, q in ipairs{"党", "发展", "高质量发展", "稳中求进", "新质生产力", "中国式现代化"} do
    local hits = assert(db:search(q, {limit = 100}))
    local expect = 0
    for a in db:articles() do
      if a.text:find(q, 1, true) or a.title:find(q, 1, true) then expect = expect + 1 end
    end
    assert(#hits == expect, q .. ": " .. #hits .. " hits, oracle " .. expect)
    for i, h in ipairs(hits) do
      assert(h.article and h.article.id == h.id)
      if i > 1 then assert(h.score <= hits[i - 1].score, "ranked by score") end
      for _, o in ipairs(h.offsets) do
        assert(usub(h.article.text, o[1], o[2]) == q, "offset of " .. q)
      end
      assert(#h.offsets == occurrences(h.article.text, q))
      if #h.offsets > 0 then assert(h.snippet:find("«" .. q .. "»", 1, true), h.snippet) end
    end
    -- count agrees with the oracle over titles and texts
    local total, per = assert(db:count(q))
    local want, wantper = 0, {}
    for a in db:articles() do
      local k = occurrences(a.title, q) + occurrences(a.text, q)
      if k > 0 then wantper[a.id] = k; want = want + k end
    end
    assert(total == want, q .. ": count " .. total .. ", oracle " .. want)
    for id, k in pairs(wantper) do assert(per[id] == k) end
    for id in pairs(per) do assert(wantper[id]) end
  end

  -- a phrase that does not occur finds nothing, though its bigrams do occur
  local hits = assert(db:search("展高质量发"))
  assert(#hits == 0)

  -- boolean queries against the oracle
  local function has (a, t) return a.text:find(t, 1, true) or a.title:find(t, 1, true) end
  local cases = {
    {"高质量发展 内蒙古", function (a) return has(a, "高质量发展") and has(a, "内蒙古") end},
    {"内蒙古 OR 重庆", function (a) return has(a, "内蒙古") or has(a, "重庆") end},
    {"高质量发展 NOT 内蒙古", function (a) return has(a, "高质量发展") and not has(a, "内蒙古") end},
    {"(长江 OR 西部) AND 生态", function (a) return (has(a, "长江") or has(a, "西部")) and has(a, "生态") end},
  }
  for _, c in ipairs(cases) do
    local hits = assert(db:search(c[1], {limit = 100}))
    local want = 0
    for a in db:articles() do if c[2](a) then want = want + 1 end end
    assert(#hits == want, c[1] .. ": " .. #hits .. " vs " .. want)
    assert(want > 0, "case must match something: " .. c[1])
  end
  -- NEAR: within N characters
  local near = assert(db:search("NEAR(稳中求进 先立后破, 10)", {limit = 100}))
  local far = assert(db:search("NEAR(稳中求进 先立后破, 0)", {limit = 100}))
  assert(#near >= 1 and #far <= #near)

  -- paragraphs: text at their offsets, lines and bytes
  for a in db:articles() do
    local ps = a:paragraphs()
    assert(#ps >= 1)
    for i, p in ipairs(ps) do
      assert(p.index == i)
      assert(usub(a.text, p.from, p.to) == p.text, "paragraph text at its offsets")
      assert(p.line_from >= 1 and p.line_to >= p.line_from)
      assert(p.byte_from >= 1 and p.byte_to >= p.byte_from)
    end
  end

  -- sql with bound parameters; read-only
  local rows = assert(db:sql("SELECT count(*) AS n FROM article WHERE nchars > ?", 1000))
  local long = 0
  for a in db:articles() do if utf8.len(a.text) > 1000 then long = long + 1 end end
  assert(long > 0 and long < 13 and rows[1].n == long, "the bound parameter is used")
  local r, msg = db:sql("DELETE FROM article")
  assert(r == nil and msg:find("read%-only"), msg)
  local r2, msg2 = db:ingest(DATA .. "/enc/crlf.txt")
  assert(r2 == nil and msg2:find("read%-only"), msg2)

  -- misuse raises with Lua's wording
  checkerror("bad argument #1 to 'search' %(string expected, got no value%)", function () return db:search() end)
  checkerror("bad argument #1 to 'count' %(string expected, got no value%)", function () return db:count() end)
  checkerror("bad argument #1 to 'article' %(number expected, got string%)", function () return db:article("x") end)
  checkerror("bad argument #1 to 'search' %(tifa.db expected, got table%)", function () return db.search({}, "x") end)
  checkerror("parameter%(s%) expected", function () return db:sql("SELECT ?") end)
  -- failures return fail, msg
  local h, e = db:search("(发展")
  assert(h == nil and e:find("malformed query: unbalanced parenthesis"), e)
  local a, e2 = db:article(99999)
  assert(a == nil and e2 == "not found")
  local a1 = assert(db:article(1))
  assert(tostring(a1):find("^article 1: "))
  db:close()
  checkerror("attempt to use a closed database", function () return db:search("x") end)
  db:close()                                      -- twice is harmless
end
-- }======

-- {====== a writable store ======
do
  local path = tmpdb()
  local db = assert(tifa.open(path))
  assert(db.readonly == false)
  local r = assert(db:ingest(DATA .. "/enc"))
  assert(r.files >= 8 and r.added >= 4, "added " .. r.added)
  assert(r.failed >= 2, "invalid and truncated UTF-8 fail")
  assert(r.skipped >= 2, "binary and empty files are skipped")
  local byname = {}
  for _, f in ipairs(r.list) do byname[f.path:match("[^/]+$")] = f end
  assert(byname["gb18030.txt"].encoding == "GB18030" and byname["gb18030.txt"].outcome == "added")
  assert(byname["utf16le_bom.txt"].encoding == "UTF-16LE")
  assert(byname["utf16be_bom.txt"].encoding == "UTF-16BE")
  assert(byname["utf8_bom.txt"].encoding == "UTF-8-BOM")
  assert(byname["binary.bin"].outcome == "skipped" and byname["binary.bin"].message:find("binary"))
  assert(byname["empty.txt"].outcome == "skipped")
  assert(byname["invalid_utf8.txt"].outcome == "failed")
  assert(byname["invalid_utf8.txt"].message:find("invalid UTF%-8 at byte %d+"), byname["invalid_utf8.txt"].message)
  assert(byname["truncated_utf8.txt"].outcome == "failed")

  -- again: unchanged
  local r2 = assert(db:ingest(DATA .. "/enc"))
  assert(r2.added == 0 and r2.replaced == 0 and r2.unchanged == r.added + r.replaced)

  -- a changed file replaces its articles
  local f = path .. ".txt"
  local out = assert(io.open(f, "w")); out:write("标题一\n新质生产力是第一段。\n"); out:close()
  assert(db:ingest(f).added == 1)
  local n1 = db:count("新质生产力")
  out = assert(io.open(f, "w")); out:write("标题二\n高质量发展是第二段。\n"); out:close()
  local r3 = assert(db:ingest(f))
  assert(r3.replaced == 1 and r3.articles == 1)
  assert(n1 == 1 and db:count("新质生产力") == 0 and db:count("高质量发展") >= 1)
  local titles = {}
  for a in db:articles{title = "标题"} do titles[#titles + 1] = a.title end
  assert(#titles == 1 and titles[1] == "标题二")

  -- Latin, digits and full-width input inside Chinese; user text never reaches MATCH raw
  out = assert(io.open(f, "w"))
  out:write("测试\n购票请拨打12306。5G网络与APEC会议。推动AI+制造发展。１０ 月 １２ 日，ＡＰＥＣ峰会。\n")
  out:close()
  assert(db:ingest(f).replaced == 1)
  for _, q in ipairs{"12306", "5G", "5g", "APEC", "apec", "ＡＰＥＣ", "AI+制造", "10月12日", "G网", "网"} do
    local hits = assert(db:search(q))
    assert(#hits == 1, q .. " finds the article")
  end
  assert(select(1, db:count("APEC")) == 2, "APEC twice (one typed full-width)")
  assert(#assert(db:search("AI制造")) == 0, "AI制造 is not in the text (AI+制造 is)")
  assert(#assert(db:search('"AI+制造" NOT 12306')) == 0)

  -- filters
  local n = 0
  for _ in db:articles{where = "nchars > ?", params = {10}} do n = n + 1 end
  assert(n >= 1)
  checkerror("'where' must only read", function () for _ in db:articles{where = "1); DROP TABLE article; --"} do end end)
  -- a break finalizes the iterator (the cursor is the for loop's closing value)
  for _ in db:articles() do break end

  -- writable sql
  assert(db:sql("UPDATE article SET outlet = ? WHERE id = ?", "测试报", 1))
  db:close()
  -- read-only open
  local ro = assert(tifa.open(path, {readonly = true}))
  assert(ro.readonly == true)
  local r4, m4 = ro:sql("DELETE FROM article")
  assert(r4 == nil and m4:find("read%-only"))
  ro:close()
  cleanup(path); os.remove(f)
end
-- }======

-- {====== opening failures ======
do
  local db, msg = tifa.open("/nonexistent/dir/x.db")
  assert(db == nil and msg:find("cannot open database '/nonexistent/dir/x.db'", 1, true), msg)
  local notdb = os.tmpname()
  local out = assert(io.open(notdb, "w")); out:write(string.rep("not a database\n", 100)); out:close()
  db, msg = tifa.open(notdb)
  assert(db == nil and msg:find("not a database"), msg)
  db, msg = tifa.open(notdb .. ".missing", {readonly = true})
  assert(db == nil and msg:find("no such store"), msg)
  os.remove(notdb)
  checkerror("bad argument #2 to 'open' %(table expected, got number%)", function () return tifa.open("x", 1) end)
end
-- }======

print "OK"
