-- support/quotegold.lua -- scores tifa's quotation speakers against a hand-made gold set
-- (tests/data/gold/quotes.jsonl, described in quotes.md); loaded with dofile by
-- tests/lua/quotes_gold.lua and bench/quotes_score.lua, not a test of its own.
--   local G = dofile(<this file>)
--   local items = G.load(path)            -- the gold items, in file order
--   local res = G.run(tifa, items)        -- res[i] = {speaker = tifa's or nil, found = bool}
--   local s = G.score(items, res, split)  -- {n, given, correct, gold, precision, recall}
-- Each distinct context is one article of a temporary store (ingested as JSON Lines, one
-- record each), so that article-level rules (pronouns, a verb with no subject) apply; the
-- quotation is the one of that article whose text is the item's quote, and its speaker is
-- its group's canonical speaker when the quotation is attributed (db:quotes), else none.
-- A speaker is correct when it equals the gold name or contains it (gold 李强, tifa
-- 国务院总理李强); a speaker given for a term or for a quotation the gold gives to nobody
-- is wrong.
local G = {}

-- {====== a JSON object of strings and nulls, one line ======
local function decode (line)
  local t, i, n = {}, 1, #line
  local function ws () i = line:find("[^ \t\r\n]", i) or n + 1 end
  local function str ()
    assert(line:sub(i, i) == '"', "string expected at " .. i)
    local out, j = {}, i + 1
    while true do
      local c = line:sub(j, j)
      if c == '"' then break end
      if c == "\\" then
        local e = line:sub(j + 1, j + 1)
        if e == "u" then
          local cp = tonumber(line:sub(j + 2, j + 5), 16)
          j = j + 6
          if cp >= 0xD800 and cp <= 0xDBFF and line:sub(j, j + 1) == "\\u" then
            cp = 0x10000 + (cp - 0xD800) * 0x400 + (tonumber(line:sub(j + 2, j + 5), 16) - 0xDC00)
            j = j + 6
          end
          out[#out + 1] = utf8.char(cp)
        else
          out[#out + 1] = ({n = "\n", t = "\t", r = "\r", b = "\b", f = "\f"})[e] or e
          j = j + 2
        end
      else
        local k = line:find('["\\]', j) or n + 1
        out[#out + 1] = line:sub(j, k - 1)
        j = k
      end
    end
    i = j + 1
    return table.concat(out)
  end
  ws(); assert(line:sub(i, i) == "{", "object expected"); i = i + 1
  while true do
    ws()
    if line:sub(i, i) == "}" then break end
    local k = str()
    ws(); assert(line:sub(i, i) == ":"); i = i + 1; ws()
    if line:sub(i, i + 3) == "null" then i = i + 4 else t[k] = str() end
    ws()
    if line:sub(i, i) == "," then i = i + 1 end
  end
  return t
end

local function encode (s)
  return '"' .. s:gsub('[%c"\\]', function (c)
    return ({['"'] = '\\"', ["\\"] = "\\\\", ["\n"] = "\\n", ["\r"] = "\\r", ["\t"] = "\\t"})[c]
        or string.format("\\u%04x", c:byte())
  end) .. '"'
end
-- }======

function G.load (path)
  local items = {}
  for line in io.lines(path) do
    if line:find("%S") then items[#items + 1] = decode(line) end
  end
  return items
end

-- tifa's speaker of each item: res[i] = {found = the quote is among tifa's quotations,
-- speaker = its canonical speaker or nil}
function G.run (tifa, items)
  local base = os.tmpname()
  os.remove(base)
  local path, jsonl = base .. ".db", base .. ".jsonl"
  local contexts, index = {}, {}
  for _, it in ipairs(items) do
    if not index[it.context] then
      contexts[#contexts + 1] = it.context
      index[it.context] = #contexts
    end
  end
  local f = assert(io.open(jsonl, "w"))
  for _, c in ipairs(contexts) do f:write('{"text": ', encode(c), "}\n") end
  f:close()
  local db = assert(tifa.open(path))
  local r = assert(db:ingest(jsonl, {layout = false}))
  assert(r.articles == #contexts, "one article per context: " .. r.articles .. " for " .. #contexts)
  local byctx = {}                                  -- context index -> {[text] = speaker or false}
  for k = 1, #contexts do                           -- records are stored in order: ids 1..n
    local a = assert(db:article(k))
    local quotes = {}
    for _, g in ipairs(a:quotes{unattributed = true, min_chars = 1}) do
      for _, q in ipairs(g.quotes) do
        if quotes[q.text] == nil or (q.attributed and g.speaker) then
          quotes[q.text] = q.attributed and g.speaker or false
        end
      end
    end
    byctx[k] = quotes
  end
  db:close()
  os.remove(path); os.remove(jsonl); os.remove(base)
  local res = {}
  for i, it in ipairs(items) do
    local quotes = byctx[index[it.context]] or {}
    local sp = quotes[it.quote]
    res[i] = {found = sp ~= nil, speaker = sp or nil}
  end
  return res
end

function G.correct (it, r)
  return r.speaker ~= nil and it.kind == "quote" and it.speaker ~= nil
     and r.speaker:find(it.speaker, 1, true) ~= nil
end

-- The figures of the items of 'split' ("dev", "heldout", nil: all)
function G.score (items, res, split)
  local s = {n = 0, given = 0, correct = 0, gold = 0, found = 0}
  for i, it in ipairs(items) do
    if split == nil or it.split == split then
      s.n = s.n + 1
      if res[i].found then s.found = s.found + 1 end
      if res[i].speaker then s.given = s.given + 1 end
      if it.kind == "quote" and it.speaker then s.gold = s.gold + 1 end
      if G.correct(it, res[i]) then s.correct = s.correct + 1 end
    end
  end
  s.precision = s.given > 0 and s.correct / s.given or 1
  s.recall = s.gold > 0 and s.correct / s.gold or 1
  return s
end

return G
