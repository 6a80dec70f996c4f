-- citations: the documents the articles cite (《》 titles, short forms resolved) and who cites them
--
-- One line per document: how many articles cite it, how often, its kind, title, other forms
-- (《意见》, without the issuer) and the citing articles (id x citations). Most cited first.
-- --dot and --svg write the citation graph (articles -> documents) for Graphviz. --self lists
-- instead the articles that name themselves (本法, 本条例: the law or regulation itself), which
-- are not citations of a document and not in the graph.
--   tifa run citations
--   tifa -d policy.db run citations --top 50 --svg citations.svg --layout sfdp
--   tifa -d laws.db run citations --self --format csv
--
-- @param top           integer=0   documents to list and draw; 0: all
-- @param min-articles  integer=1   documents cited by at least this many articles
-- @param dot           path        write the graph as Graphviz dot to this file
-- @param svg           path        draw the graph as SVG into this file (Graphviz)
-- @param layout        dot|neato|fdp|sfdp|circo|twopi=dot  the layout of --svg
-- @param self          boolean     list the self-references (本法, 本条例) by article instead
-- @param format        table|csv|json=table  how to write the documents
-- @param output        path        write to this file instead of standard output

if params.top < 0 or params.min_articles < 0 then
  io.stderr:write("citations: --top and --min-articles must be 0 or more\n")
  os.exit(2)
end

local g = db:citations{top = params.top, min_articles = params.min_articles}
local rows, columns = {}, {"articles", "count", "kind", "title", "aliases", "cited_by"}
if params.self then
  columns = {"id", "count", "kind", "title", "as_written", "where"}
  for _, s in ipairs(g.self) do
    local forms, seen, where = {}, {}, {}
    for _, o in ipairs(s.offsets) do
      if not seen[o.text] then seen[o.text] = true; forms[#forms + 1] = o.text end
      where[#where + 1] = o.paragraph .. ":" .. o.from
    end
    rows[#rows + 1] = {id = s.id, count = s.count, kind = s.kind, title = s.title,
                       as_written = table.concat(forms, " "), where = table.concat(where, " ")}
    if params.top > 0 and #rows == params.top then break end
  end
end
for _, d in ipairs(params.self and {} or g.documents) do
  local by = {}
  for _, a in ipairs(d.articles) do by[#by + 1] = a.count > 1 and (a.id .. "x" .. a.count) or tostring(a.id) end
  rows[#rows + 1] = {articles = d.narticles, count = d.count, kind = d.kind, title = d.title,
                     aliases = table.concat(d.aliases, " | "), docno = d.docno or "",
                     resolved = d.resolved, cited_by = table.concat(by, " ")}
end

local ok, err
if params.format == "json" then
  ok, err = tifa.out.json(rows, {indent = 2, file = params.output})
else
  ok, err = tifa.out[params.format](rows, {columns = columns,
                                           maxwidth = params.format == "table" and 60 or nil,
                                           file = params.output})
end
if not ok then error(err, 0) end

if params.dot then
  local f = assert(io.open(params.dot, "w"))
  f:write(tifa.graph.dot(g, {name = "citations"}))
  f:close()
end
if params.svg then
  local done, msg = tifa.graph.svg(g, {file = params.svg, layout = params.layout, rankdir = "LR"})
  if not done then
    io.stderr:write("citations: ", msg, "\n")
    os.exit(1)
  end
end
