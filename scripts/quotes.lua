-- quotes: who is quoted, saying what, in which articles (quotations grouped by speaker)
--
-- One line per group of quotations: the same words of one speaker quoted in several articles
-- are one group. Most quoted first. Speakers are canonical (习近平总书记, 总书记 -> 习近平);
-- see 'help db:quotes' for the rules.
--   tifa run quotes --speaker 习近平 --min-articles 2
--   tifa -d policy.db run quotes --format csv --output quotes.csv
--
-- @param speaker       string      only this speaker's quotations
-- @param min-articles  integer=1   groups quoted in at least this many articles
-- @param unattributed  boolean     also quotations without a speaker (terms such as “两个确立”)
-- @param limit         integer=50  groups to show; 0 shows them all
-- @param width         integer=40  characters of a quotation shown in the table (0: all)
-- @param format        table|csv|json=table  how to write the groups
-- @param output        path        write to this file instead of standard output

if params.limit < 0 or params.width < 0 or params.min_articles < 0 then
  io.stderr:write("quotes: --limit, --width and --min-articles must be 0 or more\n")
  os.exit(2)
end

local groups = db:quotes{speaker = params.speaker, min_articles = params.min_articles,
                         unattributed = params.unattributed}
local rows = {}
for i, g in ipairs(groups) do
  if params.limit > 0 and i > params.limit then break end
  local where, quotes = {}, {}
  for _, q in ipairs(g.quotes) do
    where[#where + 1] = string.format("%d:%d:%d-%d", q.id, q.paragraph, q.from, q.to)
    quotes[#quotes + 1] = {id = q.id, paragraph = q.paragraph, from = q.from, to = q.to, text = q.text,
                           speaker_as_written = q.speaker_as_written, attributed = q.attributed}
  end
  local text = g.text
  if params.format == "table" and params.width > 0 and utf8.len(text) > params.width then
    text = tifa.text.sub(text, 1, params.width - 1) .. "…"
  end
  rows[#rows + 1] = {speaker = g.speaker or "", articles = g.articles, count = g.count,
                     first = g.first.id, date = g.first.date or "", text = text,
                     where = table.concat(where, " "), quotes = quotes}
end

local ok, err
if params.format == "json" then
  for _, r in ipairs(rows) do r.where = nil end
  ok, err = tifa.out.json(rows, {indent = 2, file = params.output})
else
  ok, err = tifa.out[params.format](rows, {columns = {"speaker", "articles", "count", "first", "date",
                                                      "text", "where"},
                                           file = params.output})
end
if not ok then error(err, 0) end
