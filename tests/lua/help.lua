-- help.lua -- tifa.help and the docs it is compiled from (docs/lua-api.md, docs/text-*.md).
-- It keeps the docs honest: every function reachable in tifa, tifa.text and the methods of
-- db and article objects has an entry with an example, and every entry names something that
-- exists. It also checks the listing, lookup by name, suffix, prefix and identity,
-- ambiguous and unknown names, objects, wrapping by display width, and printing.
-- Runs in the tifa host and in stock lua5.4 through require "tifa".
print "testing tifa.help"

local tifa = tifa or require "tifa"
local text = tifa.text

local T = dofile(((arg and arg[0]) or ""):match("^(.-)[^/]*$") .. "support/check.lua")
local eq, check, checkerror, contains, startswith = T.eq, T.check, T.checkerror, T.contains, T.startswith

local W = 80
local function H (x, w) return tifa.help(x, {text = true, width = w or W}) end
local function lines (s)
  local t = {}
  for l in (s .. "\n"):gmatch("(.-)\n") do t[#t + 1] = l end
  return t
end

local db = assert(tifa.open())                      -- the sample corpus
local art
for a in db:articles() do art = a; break end
assert(art, "the sample corpus has no article")

-- {====== the overview: every name of the reference, grouped, aligned ======
local overview = H()
eq(H(nil), overview, "help(nil) is help()")
eq(H(tifa), overview, "help(tifa) is help()")
eq(H("tifa"), overview, "help 'tifa' is help()")
local groups, names, col = {}, {}, nil
for _, l in ipairs(lines(overview)) do
  local name = l:match("^  ([%w_.:]+)")
  if name then
    names[#names + 1] = name
    local pre = l:match("^(  [%w_.:]+%s+)%S")
    if pre then
      col = col or text.width(pre)
      eq(text.width(pre), col, "summary column of " .. name)
    end
    check(text.width(l) <= W, "overview line wider than " .. W .. ": " .. l)
  elseif l ~= "" and not startswith(l, " ") then
    groups[l] = true
  end
end
for _, g in ipairs{"tifa", "db", "article", "tifa.text: UTF-8 primitives", "tifa.text: words",
                   "tifa.text: the structure of texts", "tifa.text: extraction"} do
  check(groups[g], "overview group " .. g)
end
check(contains(overview, 'help(tifa.text.words) or help "words" for one function'), "overview hint")
check(#names >= 50, "overview lists " .. #names .. " names")
-- }======

-- {====== the docs are honest ======
-- the value a documented name names, or nil
local function resolve (name)
  local root, sep, key = name:match("^(%a+)([.:])(.+)$")
  if root == "tifa" then
    local v = tifa
    for part in key:gmatch("[^.]+") do
      if type(v) ~= "table" then return nil end
      v = rawget(v, part)
    end
    return v
  elseif root == "db" then return db[key]
  elseif root == "article" then return art[key]
  end
end

local documented = {}
for _, name in ipairs(names) do
  check(documented[name] == nil, "documented twice: " .. name)
  documented[name] = true
  local v = resolve(name)
  check(v ~= nil, "the docs name something that does not exist: " .. name)
  local h = H(name)
  check(not startswith(h, "no help"), "no entry for " .. name)
  if type(v) == "function" then
    check(contains(h, "\nExample:\n"), "no example for " .. name)
  end
end

-- every function reachable (in tifa, its tables, db and article methods) has an entry,
-- found by its name and by the function itself
local function methods (tname)
  local index = debug.getregistry()[tname].__index
  if type(index) == "table" then return index end
  local _, t = debug.getupvalue(index, 1)
  return t
end
local reachable = {}
for k, v in pairs(tifa) do
  reachable["tifa." .. k] = v
  if type(v) == "table" then                       -- tifa.text, and any other library
    for k2, v2 in pairs(v) do reachable["tifa." .. k .. "." .. k2] = v2 end
  end
end
for k, v in pairs(methods("tifa.db")) do reachable["db:" .. k] = v end
for k, v in pairs(methods("tifa.article")) do reachable["article:" .. k] = v end
local nfuncs = 0
for name, v in pairs(reachable) do
  if type(v) == "function" then
    nfuncs = nfuncs + 1
    if check(documented[name], "undocumented: " .. name .. " (add an entry to docs/)") then
      local h = H(v)
      check(contains(lines(h)[1], name), "help(" .. name .. ") by identity shows " .. lines(h)[1])
      eq(h, H(name), "help(" .. name .. ") by identity and by name")
    end
  end
end
check(nfuncs >= 45, "reachable functions: " .. nfuncs)
-- }======

-- {====== one entry ======
local words = H("words")
local l1 = lines(words)
eq(l1[1], "tifa.text.words(s [, opts]) → list", "help 'words' signature")
check(contains(words, "\nExample:\n"), "help 'words' has an example")
check(contains(words, "因地制宜"), "help 'words' shows the example")
check(contains(words, "mode"), "help 'words' shows the prose")
check(contains(words, "See also: db:words"), "help 'words' names db:words")
eq(H(text.words), words, "help(tifa.text.words)")
eq(H("tifa.text.words"), words, "help 'tifa.text.words'")
eq(H("text.words"), words, "help 'text.words'")
eq(H(" words() "), words, "help ' words() '")

local search = H("db:search")
check(startswith(search, "db:search(query [, opts]) → hits | nil, msg"), "help 'db:search': " .. search:sub(1, 60))
eq(H("search"), search, "help 'search'")
eq(H("db.search"), search, "help 'db.search'")
eq(H(db.search), search, "help(db.search)")
check(startswith(H("db:words"), "db:words("), "help 'db:words'")
check(contains(H("db:words"), "See also: tifa.text.words"), "db:words names tifa.text.words")
check(startswith(H("sentences"), "tifa.text.sentences(s)"), "help 'sentences' is tifa.text.sentences")
check(startswith(H("a:sections"), "article:sections()"), "help 'a:sections'")
check(startswith(H("article.paragraphs"), "article:paragraphs()"), "help 'article.paragraphs'")
check(startswith(H("upper"), "tifa.text.upper(s), tifa.text.lower(s) → string"), "help 'upper'")
eq(H("lower"), H("upper"), "upper and lower share an entry")
-- a prefix that names one entry
check(startswith(H("norm"), "tifa.text.normalize("), "help 'norm'")
check(startswith(H("to_"), "tifa.text.to_simplified("), "help 'to_': both names share an entry")

-- tifa.text lists its functions under their groups
local th = H(text)
check(startswith(th, "tifa.text\n"), "help(tifa.text)")
check(contains(th, "\ntifa.text: words\n  tifa.text.words"), "help(tifa.text) lists the functions")
eq(H("text"), th, "help 'text'")

-- wrapping: prose within the width, by display width, long words whole, and no line broken
-- inside a code span of the docs: one wider than the line stands on a line of its own
local spans = {}                                    -- the code spans of the docs these come from
local docs = ((arg and arg[0]) or ""):match("^(.-)[^/]*$") .. "../../docs/"
for _, f in ipairs{"lua-api.md", "text-words.md", "text-structure.md", "text-extract.md", "analytics-cite.md"} do
  local h = assert(io.open(docs .. f))
  for l in h:lines() do                             -- prose, not headings (signatures wrap)
    if not l:find("^#") and not l:find("``", 1, true) then
      for span in l:gmatch("`([^`]+)`") do if span:find("^[^%s,].*[^%s,]$") then spans[span] = true end end
    end
  end
  h:close()
end
-- is the line a code span alone, with the punctuation around it?
local function alone (l)
  local t = l:match("^%s*(.-)$")
  for _, u in ipairs{t, t:match("^%((.*)$") or ""} do
    for k = 0, 2 do
      if #u > k and spans[u:sub(1, #u - k)] and not u:sub(#u - k + 1):find("[^.,;:)]") then return true end
    end
  end
  return false
end
for _, w in ipairs{80, 40, 24} do
  for _, name in ipairs{"freq", "words", "db:search", "quotes", "clauses"} do
    local flat = {}
    for _, l in ipairs(lines(H(name, w))) do
      if l == "Example:" then break end
      do
        local long = false
        for word in l:gmatch("%S+") do if text.width(word) > w - 2 then long = true end end
        long = long or alone(l)
        check(long or text.width(l) <= w, name .. " at width " .. w .. ": " .. l)
        flat[#flat + 1] = l:match("^%s*(.-)$")
      end
    end
    flat = " " .. table.concat(flat, "\n") .. " "
    for span in pairs(spans) do                     -- a span in the text is whole on one line
      if #span > 12 and span:find(" ", 1, true) and flat:gsub("\n", " "):find(span, 1, true) then
        check(flat:find(span, 1, true), name .. " at width " .. w .. ": '" .. span .. "' is cut")
      end
    end
  end
end
-- the text is the prose of the doc: join the lines and nothing is lost
local flat = H("db:count", 300):gsub("\n", " ")
check(contains(flat, "Every match counted in titles (not derived ones) and texts (non-overlapping): total, and per[id] = matches in article id."),
      "db:count prose: " .. flat:sub(1, 120))
-- }======

-- {====== ambiguous and unknown names ======
local amb = H("en")
check(startswith(amb, "'en' is ambiguous:\n"), "help 'en': " .. amb:sub(1, 60))
check(contains(amb, "  tifa.text.entities") and contains(amb, "  tifa.text.enumerations"), "help 'en' lists both")
amb = H("db:a")
check(startswith(amb, "'db:a' is ambiguous:\n") and contains(amb, "db:article ") and contains(amb, "db:articles"),
      "help 'db:a': " .. amb)
local unk = H("wrods")
check(startswith(unk, "no help for 'wrods'\ndid you mean: "), "help 'wrods': " .. unk)
check(contains(unk, "tifa.text.words") and contains(unk, "db:words"), "help 'wrods' suggests words")
check(contains(H("normalise"), "did you mean: tifa.text.normalize"), "help 'normalise'")
check(contains(H("wordss"), "tifa.text.words"), "help 'wordss'")
eq(H("zzzzzzzz"), "no help for 'zzzzzzzz' (help() lists the API)", "help 'zzzzzzzz'")
eq(H(print), "no help for this function: it is not part of tifa (help() lists the API)", "help(print)")
eq(H({}), "no help for this table: it is not part of tifa (help() lists the API)", "help({})")
eq(H(42), "no help for a number (help() lists the API)", "help(42)")
-- }======

-- {====== objects ======
local dh = H(db)
eq(lines(dh)[1], "tifa.db (sample corpus, read-only)", "help(db) header")
for _, m in ipairs{"db:search", "db:sql", "db:close"} do check(contains(dh, "\n  " .. m .. " "), "help(db) lists " .. m) end
check(dh:find('\n  db%.path%s+"sample corpus"\n'), "help(db) shows db.path: " .. dh)
check(dh:find("\n  db%.readonly%s+true\n"), "help(db) shows db.readonly")
local dn = H("db")
check(startswith(dn, "db\n") and contains(dn, "\n  db:search ") and not dn:find("db%.readonly%s+true"), "help 'db'")

local ah = H(art)
check(startswith(tostring(art), (lines(ah)[1]:gsub("…$", ""))), "help(article) header: " .. lines(ah)[1])
for _, m in ipairs{"article:paragraphs", "article:sections", "article:sentences"} do
  check(contains(ah, "\n  " .. m .. " "), "help(article) lists " .. m)
end
check(contains(ah, "\nFields:\n"), "help(article) has fields")
check(ah:find("\n  id%s+" .. art.id .. "\n"), "help(article) shows the id")
check(contains(ah, "\n  title") and contains(ah, art.title:sub(1, 6)), "help(article) shows the title")
check(ah:find("\n  text%s+%(not read yet"), "help(article): text not read yet")
local _ = art.text
check(ah ~= H(art) and not contains(H(art), "not read yet"), "help(article): text read")
for _, l in ipairs(lines(H(art))) do check(text.width(l) <= W, "help(article) line too wide: " .. l) end

local closed = assert(tifa.open())
closed:close()
local ch = H(closed)
eq(lines(ch)[1], "tifa.db (closed)", "help(closed db)")
check(ch:find("\n  db%.path%s+nil\n"), "help(closed db) path nil")
-- }======

-- {====== printing, options ======
do
  local out = {}
  local oldprint = print
  print = function (...) local t = table.pack(...) for i = 1, t.n do out[#out + 1] = tostring(t[i]) end end
  local ok, n = pcall(function (...) return select("#", tifa.help(...)) end, "words", {width = W})
  print = oldprint
  assert(ok, n)
  eq(n, 0, "help prints and returns nothing")
  eq(#out, 1, "one print")
  eq(out[1], words, "what help prints is the text")
end
checkerror("bad argument #2 to 'help' %(table expected, got number%)", function () return tifa.help("words", 5) end)
checkerror("bad argument #2 to 'help' %(field 'width' must be an integer of at least 20%)",
           function () return tifa.help("words", {width = 10}) end)
checkerror("bad argument #2 to 'help' %(field 'width' must be an integer of at least 20%)",
           function () return tifa.help("words", {width = "x"}) end)
-- }======

db:close()
if #T.failures > 0 then
  for _, m in ipairs(T.failures) do print("FAIL " .. m) end
  error(#T.failures .. " of " .. T.count() .. " checks failed")
end
print("OK (" .. T.count() .. " checks)")
