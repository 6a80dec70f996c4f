-- export: any query's result as CSV or JSON (a table for reading, too)
--
-- QUERY is a Lua expression over 'db' and 'tifa' whose value is a list of rows, as the
-- analytics return them. Articles in the rows are written as their id, title, date and
-- outlet; for CSV a nested table becomes columns named after its field (source.id,
-- source.from, ...), and a list inside a row becomes one JSON text cell.
--   tifa run export 'db:kwic("新质生产力")' --format csv --output kwic.csv
--   tifa run export 'db:track{"稳中求进", "发展是硬道理"}' --format json
--   tifa run export 'db:sql("SELECT id, date, title FROM article")' --bom --output articles.csv
--
-- @arg   query   string!          a Lua expression: db:kwic(...), db:freq{...}, db:sql(...)
-- @param format  csv|json|jsonl|table=csv  how to write the rows (jsonl: one row per line)
-- @param output  path             write to this file instead of standard output
-- @param bom     boolean          CSV: start with a byte order mark (Excel reads Chinese then)
-- @param field   string           export this field of the result (e.g. 'documents' of
--                                 db:citations()), or with a number the query's n-th value
--                                 ('db:count("发展")' --field 2: the counts per article)

local chunk, err = load("return " .. params.query, "=query", "t",
                        setmetatable({db = db, tifa = tifa}, {__index = _G}))
if not chunk then
  io.stderr:write("export: bad query: ", err, "\n")
  os.exit(2)
end
local vals = table.pack(pcall(chunk))
if not vals[1] then
  io.stderr:write("export: ", tostring(vals[2]), "\n")
  os.exit(1)
end
local res = vals[2]
if res == nil then
  io.stderr:write("export: the query failed: ", tostring(vals[3]), "\n")
  os.exit(1)
end
if params.field then
  local n = math.tointeger(tonumber(params.field))
  if n then res = vals[n + 1]                       -- the query's n-th value
  elseif type(res) == "table" then res = res[params.field]
  else res = nil end
end
if type(res) ~= "table" then
  io.stderr:write("export: the query gave ", type(res), ", not a list of rows\n")
  os.exit(1)
end
if next(res) ~= nil and type(res[1]) ~= "table" then   -- values by key: rows of key, value
  local list = {}
  for k, v in pairs(res) do
    if type(v) == "table" then
      local row = {key = k}
      for f, x in pairs(v) do row[f] = x end
      list[#list + 1] = row
    else
      list[#list + 1] = {key = k, value = v}
    end
  end
  table.sort(list, function (a, b)
    if type(a.key) == "number" and type(b.key) == "number" then return a.key < b.key end
    return tostring(a.key) < tostring(b.key)
  end)
  res = list
end

local ARTICLE = getmetatable(db:article(db:sql("SELECT min(id) AS id FROM article")[1].id or 0) or {})

local function isarticle (v)
  return type(v) == "table" and getmetatable(v) == ARTICLE and ARTICLE ~= nil
end

-- an article as the fields that name it
local function brief (a)
  return {id = a.id, title = a.title, date = a.date, outlet = a.outlet}
end

-- a value for JSON: articles briefed, everything else as it is
local function forjson (v, depth)
  if type(v) ~= "table" then return v end
  if isarticle(v) then return brief(v) end
  if depth > 50 then return "…" end
  local out = {}
  for k, x in pairs(v) do
    if type(x) ~= "function" then out[k] = forjson(x, depth + 1) end
  end
  return out
end

local function islist (t)
  return type(t) == "table" and (t[1] ~= nil or next(t) == nil)
end

-- a row flattened for CSV: nested records become prefixed columns; lists one JSON cell
local function flatten (row, prefix, out, cols, seen)
  local keys = {}
  for k in pairs(row) do keys[#keys + 1] = k end
  table.sort(keys, function (a, b) return tostring(a) < tostring(b) end)
  for _, k in ipairs(keys) do
    local v, name = row[k], prefix .. tostring(k)
    if isarticle(v) then v = brief(v) end
    if type(v) == "table" and not islist(v) then
      flatten(v, name .. ".", out, cols, seen)
    else
      if type(v) == "table" then v = tifa.out.json(forjson(v, 0), {file = false}) end
      if type(v) ~= "function" then
        out[name] = v
        if not seen[name] then seen[name] = true; cols[#cols + 1] = name end
      end
    end
  end
  return out
end

local fmt, wrote, werr = params.format, nil, nil
if fmt == "json" or fmt == "jsonl" then
  wrote, werr = tifa.out.json(forjson(res, 0), {indent = fmt == "json" and 2 or nil,
                                                  lines = fmt == "jsonl", file = params.output})
else
  local rows, cols, seen = {}, {}, {}
  for i, r in ipairs(res) do
    rows[i] = type(r) == "table" and flatten(r, "", {}, cols, seen) or {value = r}
    if type(r) ~= "table" and not seen.value then seen.value = true; cols[#cols + 1] = "value" end
  end
  -- the naming columns first, then the others in the order met
  local first = {"id", "article.id", "article.title", "article.date", "article.outlet"}
  local ordered, placed = {}, {}
  for _, c in ipairs(first) do
    if seen[c] then ordered[#ordered + 1] = c; placed[c] = true end
  end
  for _, c in ipairs(cols) do
    if not placed[c] then ordered[#ordered + 1] = c end
  end
  if fmt == "table" then
    wrote, werr = tifa.out.table(rows, {columns = ordered, file = params.output, maxwidth = 40})
  else
    wrote, werr = tifa.out.csv(rows, {columns = ordered, file = params.output, bom = params.bom})
  end
end
if not wrote then
  io.stderr:write("export: ", tostring(werr), "\n")
  os.exit(1)
end
