-- overview: what is in this corpus (the main job of tifa)
--
-- The store's size and dates; its articles by outlet and by month; the words of each year
-- (each year's keyness against the rest of the corpus); each article with its keywords, or
-- on a corpus of more than --sample articles its most distinctive articles (the rarest
-- words); the formulations shared across articles (tifa's lexicon of 提法, and the TERMs
-- given), with where each first appears; the most cited documents, short forms like 《意见》
-- resolved; the quotations found in several articles; and the passages articles share
-- (reprints, summaries of a report's body, quoted speeches). On a corpus of more than
-- --sample articles, formulations, quotations and shared passages are read in the most
-- recent --sample articles (the output says so). Every finding names its articles by id:
-- 'tifa show ID' shows one. Runs on the sample corpus when no store is given:
--   tifa run overview
--   tifa -d policy.db run overview 新质生产力 先立后破 --limit 20
--   tifa run overview --format json --output overview.json
--
-- @arg   term    string*      more formulations to track (with parts: 稳中求进、以进促稳、先立后破)
-- @param limit   integer=30   articles, formulations, documents, quotations and shared
--                             passages to list at most; 0 lists them all
-- @param keywords integer=5   keywords per article, and words per year (0: none)
-- @param sample  integer=1000 on a larger corpus, read formulations, quotations and shared
--                             passages in the most recent this many articles; 0 reads all
-- @param format  text|json=text  how to write the overview
-- @param output  path         write to this file instead of standard output

local t = tifa.text
local limit = params.limit > 0 and params.limit or math.maxinteger
if params.limit < 0 or params.keywords < 0 or params.sample < 0 then
  io.stderr:write("overview: --limit, --keywords and --sample must be 0 or more\n")
  os.exit(2)
end

local function check (v, msg, what)
  if v == nil then
    io.stderr:write("overview: ", what, ": ", tostring(msg), "\n")
    os.exit(1)
  end
  return v
end

local function cut (s, n)
  s = tostring(s or ""):gsub("%s+", " ")
  return t.truncate(s, n)
end

-- {====== gather ======
local O = {store = db.path}

local info = check(db:sql([[SELECT count(*) AS articles, min(date) AS first, max(date) AS last,
  sum(nchars) AS chars, (SELECT count(*) FROM file) AS files FROM article
  WHERE date GLOB '[0-9][0-9][0-9][0-9]*']]), nil, "store")[1]
local total = check(db:sql("SELECT count(*) AS n, sum(nchars) AS chars FROM article"), nil, "store")[1]
O.articles, O.files, O.chars = total.n, info.files, total.chars or 0
O.first, O.last = info.first, info.last

O.outlets = check(db:sql([[SELECT coalesce(outlet, '') AS outlet, count(*) AS articles
  FROM article GROUP BY outlet ORDER BY articles DESC, outlet]]), nil, "outlets")
O.months = check(db:timeline(nil, {by = "month"}))          -- articles per month
O.undated = O.months.undated

-- a large corpus: the most recent articles are the sample the costly sections read
local large = params.sample > 0 and O.articles > params.sample
local sample                        -- a list of ids, or nil for all
if large then
  sample = {}
  for _, r in ipairs(check(db:sql("SELECT id FROM article ORDER BY date DESC, id DESC LIMIT ?",
                                  params.sample), nil, "store")) do
    sample[#sample + 1] = r.id
  end
  table.sort(sample)
  O.sample = {articles = #sample, of = O.articles, what = "the most recent"}
end

-- the words of each year against the rest (by month when the corpus spans one year);
-- parts of a listed longer word (三中 of 三中全会) are left out, and a part gives way to the
-- longer word when that holds most of its occurrences (一带 to 一带一路)
local function keyness_by (by)
  local groups = check(db:keyness(nil, nil, {by = by, top = 4 * params.keywords, direction = "over",
                                              stopwords = {"function"}}), nil, "keyness")
  local out = {}
  for _, g in ipairs(groups) do
    if g.group ~= "" then
      local words, counts = {}, {}
      for _, r in ipairs(g.rows) do
        local part = false
        for i, w in ipairs(words) do
          if w:find(r.word, 1, true) then part = true; break end
          if r.word:find(w, 1, true) then     -- the longer word, when it holds most of them
            part = true
            if r.target_count >= 0.8 * counts[i] then words[i], counts[i] = r.word, r.target_count end
            break
          end
        end
        if not part and #words < params.keywords then
          words[#words + 1], counts[#words + 1] = r.word, r.target_count
        end
      end
      out[#out + 1] = {period = g.group, articles = g.articles, words = words}
    end
  end
  return out
end
O.periods = {}
if params.keywords > 0 and O.first and O.last then
  if O.first:sub(1, 4) ~= O.last:sub(1, 4) then O.periods, O.period = keyness_by("year"), "year"
  elseif #O.months > 1 then O.periods, O.period = keyness_by("month"), "month" end
end

-- the articles: on a small corpus each with its keywords; on a large one the most
-- distinctive (their words the rarest in the corpus) with their most distinctive words
O.list = {}
if not large then
  for a in db:articles() do
    local row = {id = a.id, date = a.date, outlet = a.outlet, title = a.title, chars = a.nchars}
    if params.keywords > 0 and a.nchars > 0 then
      row.keywords = {}
      for _, k in ipairs(check(db:keywords(a, {top = params.keywords}), nil, "keywords")) do
        row.keywords[#row.keywords + 1] = k.word
      end
    end
    O.list[#O.list + 1] = row
  end
else
  O.distinctive = {}
  local top = math.min(limit, 1000)
  for _, d in ipairs(check(db:distinctive(nil, {top = top, words = math.max(params.keywords, 1)}), nil, "distinctive")) do
    local a = db:article(d.id)
    O.distinctive[#O.distinctive + 1] = {id = d.id, date = a.date, outlet = a.outlet, title = a.title,
      chars = a.nchars, score = d.score, keywords = params.keywords > 0 and d.words or nil}
  end
end

-- formulations: the built-in lexicon's found in two articles or more, then the user's
local forms = {}
for _, f in ipairs(check(db:track(nil, {min_articles = 2, articles = sample}), nil, "track")) do
  forms[#forms + 1] = f
end
if #params.term > 0 then
  local seen = {}
  for _, f in ipairs(forms) do seen[f.formulation] = true end
  for _, f in ipairs(check(db:track(params.term, {min_articles = 1, articles = sample}), nil, "track")) do
    if not seen[f.formulation] then forms[#forms + 1] = f end
  end
end
O.formulations = {}
for _, f in ipairs(forms) do
  local ids = {}
  for _, p in ipairs(f.per) do ids[#ids + 1] = p.id end
  table.sort(ids)
  local variants = {}
  for v, n in pairs(f.variants or {}) do variants[#variants + 1] = {variant = v, count = n} end
  table.sort(variants, function (x, y) return x.count > y.count or (x.count == y.count and x.variant < y.variant) end)
  O.formulations[#O.formulations + 1] = {formulation = f.formulation, total = f.total,
    articles = f.articles, ids = ids, variants = variants,
    first = f.first and {id = f.first.id, date = f.first.date} or nil}
end

-- documents cited, aliases resolved
O.documents = {}
for _, d in ipairs(check(db:citations{top = limit}, nil, "citations").documents) do
  local ids = {}
  for _, a in ipairs(d.articles) do ids[#ids + 1] = a.id end
  O.documents[#O.documents + 1] = {title = d.title, kind = d.kind, aliases = d.aliases,
    count = d.count, articles = d.narticles, ids = ids, resolved = d.resolved}
end

-- quotations in several articles
O.quotes = {}
for _, g in ipairs(check(db:quotes(sample, {min_articles = 2}), nil, "quotes")) do
  local ids, seen = {}, {}
  for _, q in ipairs(g.quotes) do
    if not seen[q.id] then seen[q.id] = true; ids[#ids + 1] = q.id end
  end
  table.sort(ids)
  O.quotes[#O.quotes + 1] = {speaker = g.speaker, text = g.text, count = g.count,
                             articles = g.articles, ids = ids}
end

-- shared passages, by pair of articles (the longest passage shown)
local pairs_ = {}
for _, p in ipairs(check(db:reuse{articles = sample}, nil, "reuse")) do
  local key = p.source.id .. ">" .. p.target.id
  local r = pairs_[key]
  if not r then
    r = {source = p.source.id, target = p.target.id, passages = 0, chars = 0,
         directed = p.directed, days = p.days}
    pairs_[key] = r
  end
  r.passages, r.chars = r.passages + 1, r.chars + p.chars
  if not r.longest or p.chars > r.longest.chars then
    r.longest = {chars = p.chars, text = p.source.text,
                 source = {field = p.source.field, from = p.source.from, to = p.source.to,
                           paragraph = p.source.paragraph},
                 target = {field = p.target.field, from = p.target.from, to = p.target.to,
                           paragraph = p.target.paragraph}}
  end
end
O.reuse = {}
for _, r in pairs(pairs_) do O.reuse[#O.reuse + 1] = r end
table.sort(O.reuse, function (x, y)
  if x.chars ~= y.chars then return x.chars > y.chars end
  if x.source ~= y.source then return x.source < y.source end
  return x.target < y.target
end)
-- }======

-- {====== write ======
if params.format == "json" then
  local ok, err = tifa.out.json(O, {indent = 2, file = params.output})
  if not ok then check(nil, err, "output") end
  return
end

local out = {}
local function say (...) out[#out + 1] = table.concat({...}) end
local function more (n, what)
  if n > limit then say(string.format("  (%d more %s: --limit 0 lists them all)", n - limit, what)) end
end
local function ids (list) return "#" .. table.concat(list, " #") end

say(string.format("Store: %s", O.store))
say(string.format("%d articles from %d files, %d characters; dates %s to %s (%d undated)",
  O.articles, O.files, O.chars, O.first or "unknown", O.last or "unknown", O.undated or 0))
say()

say("Articles by outlet")
local labels, values = {}, {}
for i, o in ipairs(O.outlets) do
  if i > limit then break end
  labels[i], values[i] = o.outlet ~= "" and o.outlet or "(no outlet)", o.articles
end
say(tifa.chart.bars(labels, values, {width = 30}))
more(#O.outlets, "outlets")
if #O.months > 0 then
  local v = {}
  for i, m in ipairs(O.months) do v[i] = m.count end
  say(string.format("Articles by month, %s to %s: %s", O.months[1].period, O.months[#O.months].period,
                    tifa.chart.sparkline(v)))
end
say()

if #O.periods > 0 then
  say(string.format("Words of each %s (used more than in the rest of the corpus)", O.period))
  for _, p in ipairs(O.periods) do
    say(string.format("  %s  %5d %s  %s", t.pad(p.period, 7), p.articles, p.articles == 1 and "article " or "articles",
                      table.concat(p.words, "、")))
  end
  say()
end

local function article (a)
  say(string.format("%6d  %s  %s  %6d  %s", a.id, t.pad(a.date or "-", 10), t.pad(cut(a.outlet or "-", 10), 10),
                    a.chars, cut(a.title, 50)))
  if a.keywords and #a.keywords > 0 then say("        ", table.concat(a.keywords, "、")) end
end
if O.distinctive then
  say(string.format("Most distinctive articles of %d (their words the rarest in the corpus; id, date, outlet,", O.articles))
  say("characters, title; their most distinctive words)")
  for _, a in ipairs(O.distinctive) do article(a) end
  say("  (db:distinctive lists more; every article: tifa list)")
else
  say("Articles (id, date, outlet, characters, title; keywords)")
  for i, a in ipairs(O.list) do
    if i > limit then break end
    article(a)
  end
  more(#O.list, "articles")
end
say()
if O.sample then
  say(string.format("Formulations, quotations and shared passages below: in the %d most recent articles of %d",
                    O.sample.articles, O.sample.of))
  say("(--sample 0 reads them all)")
  say()
end

say("Formulations shared across articles (matches, articles, first appearance, where)")
if #O.formulations == 0 then say("  (none in two articles or more)") end
local fw = 8
for i, f in ipairs(O.formulations) do
  if i <= limit then fw = math.max(fw, math.min(t.width(f.formulation), 40)) end
end
for i, f in ipairs(O.formulations) do
  if i > limit then break end
  local first = f.first and string.format("%s #%d", f.first.date or "undated", f.first.id) or "undated"
  say(string.format("  %s  %5d  %3d  %-16s %s", t.pad(cut(f.formulation, fw), fw), f.total, f.articles,
                    first, cut(ids(f.ids), 40)))
  if #f.variants > 1 then
    local v = {}
    for k, x in ipairs(f.variants) do if k <= 4 then v[k] = x.variant .. " ×" .. x.count end end
    say("      as ", table.concat(v, "；"))
  end
end
more(#O.formulations, "formulations")
say()

say("Most cited documents (articles, citations; short forms resolved)")
if #O.documents == 0 then say("  (no 《》 citations)") end
for i, d in ipairs(O.documents) do
  if i > limit then break end
  say(string.format("  《%s》  %d %s, %d %s: %s", d.title, d.articles, d.articles == 1 and "article" or "articles",
                    d.count, d.count == 1 and "citation" or "citations", cut(ids(d.ids), 30)))
  local short = {}
  for _, a in ipairs(d.aliases or {}) do if t.len(a) < t.len(d.title) then short[#short + 1] = "《" .. a .. "》" end end
  if #short > 0 then say("      also as ", table.concat(short, " ")) end
end
say()

say("Quotations in several articles (speaker, articles, the words)")
if #O.quotes == 0 then say("  (none)") end
for i, q in ipairs(O.quotes) do
  if i > limit then break end
  say(string.format("  %s  %s  “%s”", q.speaker or "?", ids(q.ids), cut(q.text, 50)))
end
more(#O.quotes, "quotations")
say()

say("Shared passages (source → target: passages, characters; the longest)")
if #O.reuse == 0 then say("  (none)") end
for i, r in ipairs(O.reuse) do
  if i > limit then break end
  local arrow = r.source == r.target and "(within)" or (r.directed and "→" or "↔")
  say(string.format("  #%d %s #%d  %d %s, %d chars%s", r.source, arrow, r.target, r.passages,
                    r.passages == 1 and "passage" or "passages", r.chars,
                    r.days and r.days > 0 and string.format(", %d days later", r.days) or ""))
  say("      “", cut(r.longest.text, 50), "”")
end
more(#O.reuse, "pairs")

local text = table.concat(out, "\n") .. "\n"
if params.output then
  local f, err = io.open(params.output, "w")
  if not f then check(nil, err, "output") end
  f:write(text)
  f:close()
else
  io.write(text)
end
-- }======
