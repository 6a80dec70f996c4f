-- kwic: every match of a term with the text around it (keyword in context)
--
-- One line per match (db:kwic): the article, its date, the text before the match, the match
-- and the text after it (line ends shown as spaces), in article order or sorted by the left
-- or right context as concordancers do. Titles count as the search counts them.
--   tifa run kwic 新质生产力
--   tifa run kwic 高质量发展 --sort left --width 10
--   tifa run kwic 人才 --words --width 10 --format csv --output kwic.csv
--
-- @arg   term    string!      what to find (the query syntax of 'tifa search')
-- @param limit   integer=20   matches to show; 0 shows them all
-- @param width   integer=15   characters of context on each side
-- @param sort    article|left|right=article  the order of the lines
-- @param words   boolean      whole words only, as 'tifa search --words'
-- @param format  table|csv|json=table  how to write the matches
-- @param output  path         write to this file instead of standard output

if params.width < 0 or params.limit < 0 then
  io.stderr:write("kwic: --width and --limit must be 0 or more\n")
  os.exit(2)
end

local lines, msg = db:kwic(params.term, {width = params.width, sort = params.sort,
                                         limit = params.limit, words = params.words})
if not lines then
  io.stderr:write("kwic: ", msg, "\n")
  os.exit(2)
end

local rows = {}
for i, l in ipairs(lines) do
  rows[i] = {id = l.id, date = l.date or "", paragraph = l.paragraph, from = l.from,
             left = l.left, match = l.match, right = l.right}
end
local ok, err = tifa.out[params.format](rows, {columns = {"id", "date", "left", "match", "right"},
                                               align = {left = "right"}, file = params.output})
if not ok then error(err, 0) end
