-- reuse: passages that articles share (reprints, quotations, summaries), with where each is
--
-- One line per shared passage (db:reuse): the source article and position, the target
-- article and position, the characters shared and the passage. Directed from the earlier
-- article to the later where both have full dates. Optionally the reuse graph (articles as
-- nodes, an edge per pair weighted by the characters shared) as Graphviz dot or SVG.
--   tifa run reuse
--   tifa run reuse --min-chars 40 --within --since 2024-04-20 --until 2024-04-30
--   tifa run reuse --within-days 3 --dot reuse.dot --svg reuse.svg --format csv --output reuse.csv
--
-- @param min-chars    integer=20  the shortest passage, in letters and digits
-- @param max-df       integer=12  most articles an 8-character n-gram may be in to seed a pair
-- @param within-days  integer=0   only pairs of full dates at most this many days apart (0: any)
-- @param within       flag=false  passages repeated within one article too
-- @param since        date        only articles on or after this date
-- @param until        date        only articles up to this date
-- @param outlet       string      only articles of this outlet
-- @param limit        integer=50  passages to show; 0 shows them all
-- @param dot          path        write the reuse graph as Graphviz dot to this file
-- @param svg          path        draw the reuse graph as SVG into this file
-- @param format       table|csv|json=table  how to write the passages
-- @param output       path        write to this file instead of standard output

if params.min_chars < 8 or params.max_df < 1 or params.limit < 0 or params.within_days < 0 then
  io.stderr:write("reuse: --min-chars must be 8 or more, --max-df 1 or more, --limit and --within-days 0 or more\n")
  os.exit(2)
end

local pairs_, msg = db:reuse{min_chars = params.min_chars, max_df = params.max_df,
  within_days = params.within_days > 0 and params.within_days or nil, within = params.within,
  since = params.since, ["until"] = params["until"], outlet = params.outlet}
if not pairs_ then error(msg, 0) end

local rows = {}
for i, p in ipairs(pairs_) do
  if params.limit > 0 and i > params.limit then break end
  local s, t = p.source, p.target
  rows[#rows + 1] = {
    source = s.id, source_date = s.article.date or "", source_at = string.format("%s %d-%d", s.field, s.from, s.to),
    target = t.id, target_date = t.article.date or "", target_at = string.format("%s %d-%d", t.field, t.from, t.to),
    chars = p.chars, edits = p.edits, directed = p.directed, passage = s.text:gsub("\n", " "),
  }
end
local ok, err = tifa.out[params.format](rows, {file = params.output, columns = {"source", "source_date",
  "source_at", "target", "target_date", "target_at", "chars", "edits", "directed", "passage"}})
if not ok then error(err, 0) end

-- the reuse graph: a node per article, an edge per pair of articles (characters summed)
if params.dot or params.svg then
  local nodes, edges, seen, byPair = {}, {}, {}, {}
  local function node (side)
    if not seen[side.id] then
      seen[side.id] = true
      local a = side.article
      nodes[#nodes + 1] = {id = side.id, label = string.format("%d %s\n%s", side.id, a.date or "", a.title or ""),
                           kind = a.outlet or "article"}
    end
  end
  for _, p in ipairs(pairs_) do
    if p.source.id ~= p.target.id then
      node(p.source); node(p.target)
      local k = p.source.id .. ">" .. p.target.id
      local e = byPair[k]
      if not e then
        e = {from = p.source.id, to = p.target.id, weight = 0}
        byPair[k] = e; edges[#edges + 1] = e
      end
      e.weight = e.weight + p.chars
      e.label = tostring(e.weight)
    end
  end
  local graph = {nodes = nodes, edges = edges, directed = true}
  if params.dot then
    local f = assert(io.open(params.dot, "w"))
    f:write(tifa.graph.dot(graph, {name = "reuse"}))
    f:close()
  end
  if params.svg then
    local done, e = tifa.graph.svg(graph, {file = params.svg})
    if not done then error("cannot draw the graph (" .. tostring(e) .. ")", 0) end
  end
end
