-- overview: what is in this corpus (the main job of tifa)
--
-- Prints the store's size and date range, its articles (id, date, outlet, chars, title), and
-- for each formulation (the TERMs given, or a list of current ones) how often it occurs and
-- in how many articles, most frequent first. Runs on the sample corpus when no store is given:
--   tifa run overview
--   tifa -d policy.db run overview 新质生产力 先立后破 --limit 20
--
-- @arg   term   string*      formulations to count (default: a list of current ones)
-- @param limit  integer=200  articles to list, in date order; 0 lists them all

local db = db
local terms = params.term
if #terms == 0 then
  terms = {"高质量发展", "新质生产力", "中国式现代化", "稳中求进", "以进促稳", "先立后破",
           "新发展理念", "新发展格局", "两个确立", "两个维护", "生态优先", "绿色低碳",
           "共同富裕", "一带一路", "人类命运共同体"}
end

-- display columns of a UTF-8 string: East Asian wide characters count two
local function width (s)
  local w = 0
  for _, c in utf8.codes(s) do
    if (c >= 0x1100 and c <= 0x115F) or (c >= 0x2E80 and c <= 0xA4CF) or (c >= 0xAC00 and c <= 0xD7A3)
       or (c >= 0xF900 and c <= 0xFAFF) or (c >= 0xFE30 and c <= 0xFE4F) or (c >= 0xFF00 and c <= 0xFF60)
       or (c >= 0xFFE0 and c <= 0xFFE6) or (c >= 0x20000 and c <= 0x3FFFD) then
      w = w + 2
    else
      w = w + 1
    end
  end
  return w
end

-- 's' cut to 'cols' display columns (with "…") and padded to exactly 'cols'
local function cell (s, cols, right)
  s = tostring(s or "")
  if width(s) > cols then
    local out, w = {}, 0
    for _, c in utf8.codes(s) do
      local ch = utf8.char(c)
      local cw = width(ch)
      if w + cw > cols - 1 then break end
      out[#out + 1] = ch
      w = w + cw
    end
    s = table.concat(out) .. "…"
  end
  local pad = string.rep(" ", cols - width(s))
  return right and pad .. s or s .. pad
end

local info = db:sql([[SELECT count(*) AS articles, min(date) AS first, max(date) AS last,
  sum(nchars) AS chars, (SELECT count(*) FROM file) AS files FROM article]])[1]
print(string.format("Store: %s", db.path))
print(string.format("%d articles from %d files, %d characters; dates %s to %s",
  info.articles, info.files, info.chars or 0, info.first or "unknown", info.last or "unknown"))
print()

print(cell("id", 5, true) .. "  " .. cell("date", 10) .. "  " .. cell("outlet", 12) .. "  " ..
      cell("chars", 6, true) .. "  title")
local listed, more = 0, 0
for a in db:articles() do
  listed = listed + 1
  if params.limit > 0 and listed > params.limit then more = more + 1; goto next end
  print(cell(a.id, 5, true) .. "  " .. cell(a.date or "-", 10) .. "  " .. cell(a.outlet or "-", 12) ..
        "  " .. cell(a.nchars, 6, true) .. "  " .. (cell(a.title, 60):gsub("%s+$", "")))
  ::next::
end
if more > 0 then print(string.format("  (%d more: --limit 0 lists them all)", more)) end
print()

local rows = {}
for _, t in ipairs(terms) do
  local total, per = db:count(t)
  if total and total > 0 then
    local n = 0
    for _ in pairs(per) do n = n + 1 end
    rows[#rows + 1] = {term = t, total = total, articles = n}
  end
end
table.sort(rows, function (x, y)
  if x.total ~= y.total then return x.total > y.total end
  return x.term < y.term
end)
print(cell("formulation", 20) .. "  " .. cell("matches", 7, true) .. "  " .. cell("articles", 8, true))
for _, r in ipairs(rows) do
  print(cell(r.term, 20) .. "  " .. cell(r.total, 7, true) .. "  " .. cell(r.articles, 8, true))
end
if #rows == 0 then print("(none of the formulations occurs)") end
