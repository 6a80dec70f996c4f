-- timeline: how often a term occurs per month or year
--
-- One line per period from the first to the last with a match (zeros included), with a bar
-- (db:timeline, tifa.chart.bars), a sparkline of the whole, and the articles whose date
-- cannot be placed (no date, or a month-day date without a year).
--   tifa run timeline 新质生产力 --by year
--   tifa -d xwlb.db run timeline 高质量发展 --by month --svg timeline.svg
--
-- @arg   query   string!      what to count (the query syntax of 'tifa search')
-- @param by      month|year=month  the period
-- @param words   boolean      whole words only
-- @param svg     path         also draw the timeline as SVG into this file

local tl, msg = db:timeline(params.query, {by = params.by, words = params.words})
if not tl then
  io.stderr:write("timeline: ", msg, "\n")
  os.exit(2)
end
local labels, values = {}, {}
for i, p in ipairs(tl) do labels[i], values[i] = p.period, p.count end
if #tl == 0 then print("no dated matches")
else
  print(tifa.chart.bars(labels, values, {width = 40}))
  print()
  print(labels[1] .. " " .. tifa.chart.sparkline(values) .. " " .. labels[#labels])
end
if tl.undated > 0 then
  print(string.format("undated: %d matches in %d articles", tl.undated, tl.undated_articles))
end
if params.svg then
  local ok, err = tifa.chart.svg{labels = labels, values = values, title = params.query .. " (" .. params.by .. ")",
                                 file = params.svg}
  if not ok then error(err, 0) end
end
