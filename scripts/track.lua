-- track: formulations (提法) over time, with their variants and the articles that use them
--
-- For each formulation (the arguments, the lines of --lexicon, or tifa's built-in lexicon:
-- those shared by at least two articles) prints its matches and articles, the first and
-- last use, a sparkline per period, the variants found (a formulation in parts, such as
-- 稳中求进、以进促稳、先立后破, also matches its parts in order within one sentence) and
-- the articles that use it most (db:track).
--   tifa run track 新质生产力 稳中求进、以进促稳、先立后破
--   tifa -d xwlb.db run track --lexicon formulations.txt --by month --svg track.svg
--
-- @arg   formulation  string*    formulations ("label = form | form" groups aliases)
-- @param lexicon  path           a lexicon file: a formulation per line, # comments
-- @param by       month|year=month  the period of the sparkline
-- @param top      integer=5      articles to list per formulation
-- @param svg      path           also draw the formulations' timelines as SVG into this file

local what = nil
if params.lexicon then what = params.lexicon
elseif #params.formulation > 0 then what = params.formulation end
local results, msg = db:track(what, {by = params.by, matches = false})
if not results then
  io.stderr:write("track: ", msg, "\n")
  os.exit(2)
end
local key = params.by == "year" and "years" or "months"
local svgrows = {}
for _, r in ipairs(results) do
  print(string.format("%s: %d matches in %d articles", r.formulation, r.total, r.articles))
  if r.first then
    print(string.format("  first %s (article %d), last %s (article %d)", r.first.date or "undated", r.first.id,
                        r.last.date or "undated", r.last.id))
  end
  local periods = r[key]
  if #periods > 0 then
    local v = {}
    for i, p in ipairs(periods) do v[i] = p.count end
    print("  " .. periods[1].period .. " " .. tifa.chart.sparkline(v) .. " " .. periods[#periods].period)
    svgrows[#svgrows + 1] = {r.formulation, periods}
  end
  local vs = {}
  for text, n in pairs(r.variants) do vs[#vs + 1] = {text, n} end
  table.sort(vs, function (a, b) return a[2] > b[2] or (a[2] == b[2] and a[1] < b[1]) end)
  for i = 1, math.min(#vs, 5) do print(string.format("  %5d  %s", vs[i][2], vs[i][1])) end
  for i = 1, math.min(#r.per, params.top) do
    local p = r.per[i]
    print(string.format("  %5d  #%d %s %s", p.count, p.id, p.article.date or "", p.article.title))
  end
  print()
end
if #results == 0 then print("no formulation found") end
if params.svg and #svgrows > 0 then            -- the first formulation's timeline
  local labels, values = {}, {}
  for i, p in ipairs(svgrows[1][2]) do labels[i], values[i] = p.period, p.count end
  local ok, err = tifa.chart.svg{labels = labels, values = values, style = "line", title = svgrows[1][1],
                                 file = params.svg}
  if not ok then error(err, 0) end
end
