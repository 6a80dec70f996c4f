-- support/citegold.lua -- scores db:citations against the gold set of citations made by
-- hand (tests/data/gold/citations.md): loaded with dofile by tests/lua/cite_gold.lua and
-- bench/cite/gold.lua, not a test of its own.
--   local G = dofile(".../support/citegold.lua")
--   local r = G.score(tifa, golddir)    -- nil, msg when the gold files are missing
-- All the gold documents (citation_docs.jsonl) are ingested, as the one JSON Lines file they
-- are, into a new temporary store, so that a short form resolved across records of one file
-- would show. Each gold citation (citations.jsonl: doc, cite, nth, refers, split) is found
-- in the gold text as the nth occurrence of 'cite', and in tifa's text of the article by its
-- context (tifa drops spaces, folds full-width digits and takes notes out of the text); tifa's
-- citation there is the one of db:citations() whose characters hold the occurrence's first
-- character. It is correct when
--   refers = "self": tifa lists it among the article's self-references (c.self);
--   refers = a title: tifa's document for it has that title or alias, compared by key
--     (spaces dropped, full-width ASCII folded, a leading 中华人民共和国 and an issuer
--     before 关于 left out, as documented for db:citations);
--   refers = null: tifa's document for it has resolved = false.
-- r = {dev = {n, ok}, heldout = {n, ok}, all = {n, ok}, bysource = {[source] = {n, ok}},
--      errors = {{item, got}, ...}, articles, records_failed, seconds}
local here = debug.getinfo(1, "S").source:match("^@(.-)[^/]*$") or "./"
local json = dofile(here .. "json.lua")
local G = {}

local PRC = "中华人民共和国"

-- the key of a title as db:citations compares titles
function G.key (t)
  t = t:gsub("^《", ""):gsub("》$", "")
  local out = {}
  for _, cp in utf8.codes(t) do
    if cp >= 0xFF01 and cp <= 0xFF5E then cp = cp - 0xFEE0 end
    if not (cp == 0x20 or cp == 0x09 or cp == 0x0A or cp == 0x0D or cp == 0x3000 or cp == 0xA0) then
      out[#out + 1] = utf8.char(cp)
    end
  end
  t = table.concat(out)
  if #t > #PRC and t:sub(1, #PRC) == PRC then t = t:sub(#PRC + 1) end
  local at = t:find("关于", 1, true)
  if at and at > 1 and utf8.len(t, 1, at - 1) <= 24 then t = t:sub(at) end
  return t
end

local function readall (path)
  local f = io.open(path, "rb")
  if not f then return nil end
  local s = f:read("a")
  f:close()
  return s
end

-- tifa's citations of each article: byart[id] = list of {from, to, self, doc}
local function index (c)
  local byart = {}
  local function add (id, r)
    local t = byart[id] or {}
    byart[id] = t
    t[#t + 1] = r
  end
  for _, d in ipairs(c.documents) do
    for _, a in ipairs(d.articles) do
      for _, o in ipairs(a.offsets) do add(a.id, {from = o.from, to = o.to, doc = d, how = o.how}) end
    end
  end
  for _, s in ipairs(c.self or {}) do                  -- (none before issue 19)
    for _, o in ipairs(s.offsets) do add(s.id, {from = o.from, to = o.to, self = true, how = o.how}) end
  end
  return byart
end

-- the byte offset of the nth occurrence of 'cite' in 'text', or nil
local function nthbyte (text, cite, nth)
  local at = 0
  for _ = 1, nth do
    at = text:find(cite, at + 1, true)
    if not at then return nil end
  end
  return at
end

-- s without white space, full-width ASCII folded (as tifa stores text), and for each of its
-- characters the 1-based character position in s; map[0] = 0
local function squeeze (s)
  local out, map, n = {}, {[0] = 0}, 0
  local i = 0
  for _, cp in utf8.codes(s) do
    i = i + 1
    if cp >= 0xFF01 and cp <= 0xFF5E then cp = cp - 0xFEE0 end
    if not (cp == 0x20 or cp == 0x09 or cp == 0x0A or cp == 0x0D or cp == 0x3000 or cp == 0xA0) then
      n = n + 1
      out[n] = utf8.char(cp)
      map[n] = i
    end
  end
  return out, map
end

local function findseq (hay, needle, from)     -- lists of characters; first index or nil
  for i = from, #hay - #needle + 1 do
    local k = 1
    while k <= #needle and hay[i + k - 1] == needle[k] do k = k + 1 end
    if k > #needle then return i end
  end
end

-- The character position in 'text' (tifa's) of the gold occurrence (nth 'cite' in 'gold',
-- the text as annotated): the occurrence with the most context (up to 12 characters each
-- side, spaces left out) that tifa's text holds; else the same occurrence of the cite alone.
local function locate (gold, text, cite, nth)
  local b = nthbyte(gold, cite, nth)
  if not b then return nil end
  local g, _ = squeeze(gold)
  local t, tmap = squeeze(text)
  local c = squeeze(cite)
  local gpre = squeeze(gold:sub(1, b - 1))
  local at = #gpre + 1                                -- the cite's index in g
  for _, w in ipairs{12, 8, 4, 2} do
    local lo, hi = math.max(1, at - w), math.min(#g, at + #c - 1 + w)
    local needle = table.move(g, lo, hi, 1, {})
    local i = findseq(t, needle, 1)
    if i then return tmap[i + (at - lo)] end
  end
  local k, i = 0, 0                                  -- the same rank among the cite's occurrences
  repeat
    local j = findseq(g, c, i + 1)
    if not j then break end
    k, i = k + 1, j
  until j >= at
  i = 0
  for _ = 1, k do
    i = findseq(t, c, i + 1)
    if not i then return nil end
  end
  return k > 0 and tmap[i] or nil
end

-- what tifa says of a citation, for the error list
local function describe (r, title)
  if r == nil then return "no citation there" end
  if r.self then return "self (" .. tostring(title) .. ")" end
  return (r.doc.resolved and "" or "unresolved ") .. r.doc.title .. " [" .. r.how .. "]"
end

local function judge (item, r, art)
  if r == nil then return false end
  local want = item.refers
  if want == "self" then return r.self == true end
  if want == nil then return not r.self and r.doc.resolved == false end
  if r.self then return false end
  if not r.doc.resolved then return false end
  local k = G.key(want)
  if G.key(r.doc.title) == k then return true end
  for _, a in ipairs(r.doc.aliases) do if G.key(a) == k then return true end end
  return false
end

function G.score (tifa, dir)
  local docs, items = dir .. "/citation_docs.jsonl", dir .. "/citations.jsonl"
  if not readall(docs) or not readall(items) then return nil, "no gold set in " .. dir end
  local t0 = os.clock()
  local path = os.tmpname()
  os.remove(path)
  path = path .. ".db"
  local db = assert(tifa.open(path))
  local rep = assert(db:ingest(docs))
  local golddocs = {}
  for d in json.lines(docs) do golddocs[d.doc] = d.text end
  local byid, narticles = {}, 0
  for a in db:articles() do
    local m = json.decode(a.meta or "{}")
    byid[m.doc] = a
    narticles = narticles + 1
  end
  local c = db:citations()
  local byart = index(c)
  local r = {dev = {n = 0, ok = 0}, heldout = {n = 0, ok = 0}, all = {n = 0, ok = 0}, bysource = {},
             errors = {}, articles = narticles, records_failed = rep.records_failed or 0}
  for item in json.lines(items) do
    local a = byid[item.doc]
    local found, p
    if a then
      p = locate(golddocs[item.doc], a.text, item.cite, item.nth)
      if p then
        for _, x in ipairs(byart[a.id] or {}) do
          if x.from <= p and p <= x.to and (found == nil or x.from > found.from) then found = x end
        end
      end
    end
    local ok = a ~= nil and judge(item, found, a)
    local src = item.source:match("^([^/]+)") or item.source
    for _, k in ipairs{item.split, "all"} do
      r[k].n = r[k].n + 1
      if ok then r[k].ok = r[k].ok + 1 end
    end
    local bs = r.bysource[src] or {n = 0, ok = 0}
    r.bysource[src] = bs
    bs.n = bs.n + 1
    if ok then bs.ok = bs.ok + 1 end
    if not ok then
      r.errors[#r.errors + 1] = {item = item, got = a and describe(found, a.title) or "no article"}
      if a and not p then r.errors[#r.errors].got = "not found in the article's text" end
    end
  end
  db:close()
  os.remove(path)
  r.seconds = os.clock() - t0
  return r
end

return G
