-- marks.lua -- matches are marked « » wherever they are shown in text (db:search snippets,
-- concordances), the snippet is centred on its first match, and db:sql's rows carry their
-- column names in the statement's order (rows.columns, through the list's metatable, so the
-- list holds the rows only). Runs in the tifa host and in stock lua5.4.
print "testing match marks and db:sql columns"

local tifa = tifa or require "tifa"
local T = dofile(((arg and arg[0]) or ""):match("^(.-)[^/]*$") .. "support/check.lua")
local check, eq, contains = T.check, T.eq, T.contains
local text = tifa.text

local db = assert(tifa.open())

-- {====== snippets: the first match marked, at most 30 characters of context before it ======
local hits = assert(db:search("高质量发展"))
check(#hits >= 10, "db:search finds ten hits")
for _, h in ipairs(hits) do
  if #h.offsets > 0 then                            -- a match in the text, not the title only
    local at = h.snippet:find("«高质量发展»", 1, true)
    check(at, "snippet of #" .. h.article.id .. " marks its match: " .. h.snippet)
    if at then
      local before = h.snippet:sub(1, at - 1):gsub("^…", ""):gsub(" ¶ ", "\n")   -- a line end shows as " ¶ "
      check(text.len(before) <= 30, "snippet of #" .. h.article.id .. " starts near its match")
    end
  end
  check(not contains(h.snippet, "【高质量发展】"), "no 【】 marks")
end
-- }======

-- {====== concordances print the match between « » ======
local k = tostring(db:kwic("先立后破", {width = 6}))
check(contains(k, "«先立后破»"), "kwic: « » around the match")
check(not contains(k, "【先立后破】"), "kwic: no 【】 marks")
-- }======

-- {====== db:sql: the statement's order ======
local rows = assert(db:sql("SELECT id, outlet, title, date FROM article"))
eq(#rows, 13, "db:sql: the rows")
eq(table.concat(rows.columns, " "), "id outlet title date", "rows.columns in the SELECT's order")
for key in pairs(rows) do check(math.type(key) == "integer", "the list holds rows only: " .. tostring(key)) end
local star = assert(db:sql("SELECT * FROM article LIMIT 1"))
eq(star.columns[1], "id", "SELECT *: id first")
local hasdate = false
for _, c in ipairs(star.columns) do hasdate = hasdate or c == "date" end
check(hasdate, "SELECT *: date among the columns")
local none = assert(db:sql("SELECT id AS n, title FROM article WHERE 0"))
eq(#none, 0, "no rows")
eq(table.concat(none.columns, " "), "n title", "no rows, and still the columns")
eq(tifa.out.json(db:sql("SELECT id FROM article WHERE id < 3"), {file = false}), '[{"id":1},{"id":2}]',
   "tifa.out.json sees a list")
-- }======

T.finish()
