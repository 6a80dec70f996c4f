-- freq: frequencies of words, characters or word n-grams, for the corpus or by group
--
-- Counts over the articles chosen (db:freq): each item with its count and the number of
-- articles it occurs in; with --by, one block of rows per outlet, month or article.
--   tifa run freq --top 30 --stopwords function,punct,filler
--   tifa run freq --unit ngram --n 2 --outlet 内蒙古日报
--   tifa run freq --by month --top 5 --stopwords function --format csv --output months.csv
--
-- @param unit       word|char|ngram=word  what to count
-- @param n          integer=0    characters per char n-gram, words per n-gram (0: 1, or 2 for ngram)
-- @param by         outlet|month|article  count each group apart
-- @param top        integer=20   items to show (per group)
-- @param stopwords  string*      stopword lists (function, punct, filler) or words to leave out
-- @param since      date         only articles on or after this date
-- @param until      date         only articles up to this date
-- @param outlet     string       only articles of this outlet
-- @param format     table|csv|json=table  how to write the rows
-- @param output     path         write to this file instead of standard output

if params.top < 1 or params.n < 0 then
  io.stderr:write("freq: --top must be 1 or more, --n 0 or more\n")
  os.exit(2)
end
-- "--stopwords function,punct" as well as "--stopwords function --stopwords punct"
local function split (list)
  local out = {}
  for _, s in ipairs(list) do for w in s:gmatch("[^,]+") do out[#out + 1] = w end end
  return #out > 0 and out or nil
end
local stop = split(params.stopwords)
local opts = {unit = params.unit, n = params.n, top = params.top, stopwords = stop, by = params.by,
              since = params.since, ["until"] = params["until"], outlet = params.outlet}
local res, msg = db:freq(opts)
if not res then error(msg, 0) end
local rows, columns = {}, {"item", "count", "articles"}
if params.by then
  columns = {"group", "item", "count", "articles"}
  for _, g in ipairs(res) do
    for _, it in ipairs(g.items) do
      rows[#rows + 1] = {group = g.group, item = it.item, count = it.count, articles = it.articles}
    end
  end
else
  rows = res
end
local ok, err = tifa.out[params.format](rows, {columns = columns, file = params.output})
if not ok then error(err, 0) end
