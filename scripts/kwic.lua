-- kwic: every match of a term with the text around it (keyword in context)
--
-- One line per match, in the order of the ranked search: the article, its date, the text
-- before the match, the match and the text after it (line ends shown as spaces).
--   tifa run kwic 新质生产力
--   tifa run kwic 人才 --words --width 10 --format csv --output kwic.csv
--
-- @arg   term    string!      what to find (the query syntax of 'tifa search')
-- @param limit   integer=20   matches to show; 0 shows them all
-- @param width   integer=15   characters of context on each side
-- @param words   boolean      whole words only, as 'tifa search --words'
-- @param format  table|csv|json=table  how to write the matches
-- @param output  path         write to this file instead of standard output

local t = tifa.text
if params.width < 0 or params.limit < 0 then
  io.stderr:write("kwic: --width and --limit must be 0 or more\n")
  os.exit(2)
end

local hits, msg = db:search(params.term, {limit = params.limit > 0 and params.limit or math.maxinteger,
                                          words = params.words})
if not hits then
  io.stderr:write("kwic: ", msg, "\n")
  os.exit(2)
end

local rows = {}
for _, h in ipairs(hits) do
  local a = h.article
  for _, o in ipairs(h.offsets) do
    if params.limit > 0 and #rows >= params.limit then break end
    local from, to = o[1], o[2]
    rows[#rows + 1] = {
      id = a.id, date = a.date or "",
      left = t.sub(a.text, math.max(1, from - params.width), from - 1),
      match = t.sub(a.text, from, to),
      right = t.sub(a.text, to + 1, to + params.width),
    }
  end
end

local ok, err = tifa.out[params.format](rows, {columns = {"id", "date", "left", "match", "right"},
                                               align = {left = "right"}, file = params.output})
if not ok then error(err, 0) end
