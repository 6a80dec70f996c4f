-- keywords: the keywords of an article, of each article, or of a set taken together
--
-- tf-idf against the corpus or TextRank (db:keywords, a:keywords); with --phrases, key
-- phrases of several words too. With --id, one article; with a filter (--outlet, --since,
-- --until) and --together, the set as one text; otherwise one line per article.
--   tifa run keywords --id 1
--   tifa run keywords --outlet 内蒙古日报 --method textrank --top 5
--   tifa run keywords --outlet 内蒙古日报 --together --phrases --format json
--
-- @param id         integer      only this article
-- @param method     tfidf|textrank=tfidf  how to score
-- @param top        integer=10   keywords per article (or for the set)
-- @param phrases    boolean      key phrases of several words too
-- @param together   boolean      the articles chosen as one text
-- @param since      date         only articles on or after this date
-- @param until      date         only articles up to this date
-- @param outlet     string       only articles of this outlet
-- @param format     table|csv|json=table  how to write the rows
-- @param output     path         write to this file instead of standard output

if params.top < 1 then
  io.stderr:write("keywords: --top must be 1 or more\n")
  os.exit(2)
end
local opts = {method = params.method, top = params.top, phrases = params.phrases}
local filter = {since = params.since, ["until"] = params["until"], outlet = params.outlet}
local rows, columns = {}, {"id", "keywords"}

local function joined (kw)
  local t = {}
  for i, k in ipairs(kw) do t[i] = k.word end
  return table.concat(t, " ")
end

if params.id or params.together then
  local set = params.id or filter
  if params.id and not db:article(params.id) then
    io.stderr:write("keywords: no article ", params.id, "\n")
    os.exit(2)
  end
  local kw, msg = db:keywords(set, opts)
  if not kw then error(msg, 0) end
  columns = {"word", "score", "count", "words"}
  rows = kw
else
  for a in db:articles(filter) do
    local kw, msg = a:keywords(opts)
    if not kw then error(msg, 0) end
    rows[#rows + 1] = {id = a.id, title = a.title, keywords = joined(kw)}
  end
  table.sort(rows, function (x, y) return x.id < y.id end)
end
local ok, err = tifa.out[params.format](rows, {columns = columns, file = params.output})
if not ok then error(err, 0) end
