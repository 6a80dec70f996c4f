-- sets.lua -- the articles an analytic reads (lanalytics.h: nil, a filter, an article, an id,
-- a list, a filter with 'articles'), and db:select's sets with the analytics as methods.
-- Every expectation is derived from db:articles and db:count on the sample corpus.
-- Runs in the tifa host and in stock lua5.4.
print "testing sets of articles"

local tifa = tifa or require "tifa"
local T = dofile(((arg and arg[0]) or ""):match("^(.-)[^/]*$") .. "support/check.lua")
local check, eq = T.check, T.eq

-- f must raise an error whose message contains 'text' (plain)
local function raises (f, text, what)
  local ok, err = pcall(f)
  check(not ok and tostring(err):find(text, 1, true), what .. ": got " .. tostring(err))
end

local db = assert(tifa.open())

local function idsof (filter)
  local t = {}
  for a in db:articles(filter) do t[#t + 1] = a.id end
  table.sort(t)
  return table.concat(t, ",")
end

local function join (t) return table.concat(t, ",") end

-- {====== db:select with each kind of set ======
do
  local all = db:select()
  eq(#all, #db:sql("SELECT id FROM article"), "no filter: every article")
  eq(join(all:ids()), idsof(nil), "in id order")
  eq(tostring(all), "tifa.set (" .. #all .. " articles)", "tostring")

  local nmg = db:select{outlet = "内蒙古日报"}
  eq(join(nmg:ids()), idsof{outlet = "内蒙古日报"}, "a filter selects as db:articles does")
  check(#nmg >= 2, "the sample corpus has several 内蒙古日报 articles")
  for _, a in ipairs(nmg) do eq(a.outlet, "内蒙古日报", "each is an article of the outlet") end

  eq(join(db:select{3, 1, 3}:ids()), "1,3", "a list of ids: sorted, once each")
  eq(join(db:select{db:article(4), 2}:ids()), "2,4", "articles and ids mixed")
  eq(join(db:select(db:article(5)):ids()), "5", "one article")
  eq(join(db:select(7):ids()), "7", "one id")
  eq(#db:select{99999}, 0, "an id not in the store is left out")

  -- 'articles' in a filter, with the other fields: the articles of the list they select
  local first, rest = nmg[1].id, {}
  eq(join(db:select{articles = {1, first}, outlet = "内蒙古日报"}:ids()), tostring(first),
     "articles and outlet: the intersection")
  eq(#db:select{articles = {}}, 0, "an empty list selects nothing, not everything")

  -- a query string: the articles db:count finds it in
  local _, per = assert(db:count("先立后破"))
  local want = {}
  for id in pairs(per) do want[#want + 1] = id end
  table.sort(want)
  eq(join(db:select("先立后破"):ids()), join(want), "a query: the articles it matches")
  eq(#db:select("没有这样的词语组合"), 0, "a query with no match: an empty set")
  local s, msg = db:select("(")
  eq(s, nil, "a malformed query fails")
  check(type(msg) == "string" and #msg > 0, "with a message")

  raises(function () db:select{"x"} end, "bad argument #1 to 'select' (articles expected, got a list holding string)",
             "a list holding a string")
  raises(function () db:select(true) end, "bad argument #1 to 'select' (articles expected, got boolean)",
         "a boolean")
end
-- }======

-- {====== the analytics through a set, and the set as a filter ======
do
  local nmg = db:select{outlet = "内蒙古日报"}
  local a = nmg:words{top = 10}
  local b = db:words{top = 10, outlet = "内蒙古日报"}
  eq(#a, #b, "s:words() = db:words with the set's filter")
  for i = 1, #a do
    eq(a[i].word, b[i].word, "word " .. i)
    eq(a[i].count, b[i].count, "count " .. i)
    eq(a[i].articles, b[i].articles, "articles " .. i)
  end
  -- the set's own options are kept, and the caller's table is not changed
  local opts = {top = 3}
  eq(#nmg:words(opts), 3, "the options pass through")
  eq(opts.articles, nil, "the caller's options are not changed")
  -- an empty set reads no article (not the whole corpus)
  eq(#db:select{articles = {}}:words(), 0, "an empty set has no words")
  -- db:words on a list of articles counts only them
  local one = db:words{articles = {3}}
  local total = 0
  for _, w in ipairs(one) do total = total + w.count end
  local all = 0
  for _, w in ipairs(db:words()) do all = all + w.count end
  check(total > 0 and total < all, "one article's words are some of the corpus's")
  -- each kind of forwarding: in the options (kwic, dispersion) and as the first argument
  local k1, k2 = nmg:kwic("发展", {width = 5}), db:kwic("发展", {width = 5, outlet = "内蒙古日报"})
  eq(#k1, #k2, "s:kwic = db:kwic with the set's filter")
  check(#k1 > 0, "发展 occurs in the 内蒙古日报 articles")
  for i = 1, #k1 do eq(k1[i].id .. ":" .. k1[i].from, k2[i].id .. ":" .. k2[i].from, "kwic line " .. i) end
  local d1, d2 = nmg:dispersion("发展"), db:dispersion("发展", {outlet = "内蒙古日报"})
  eq(#d1, #d2, "s:dispersion = db:dispersion with the set's filter")
  local w1, w2 = nmg:keywords{top = 5}, db:keywords({outlet = "内蒙古日报"}, {top = 5})
  eq(#w1, #w2, "s:keywords = db:keywords of the set")
  for i = 1, #w1 do eq(w1[i].word, w2[i].word, "keyword " .. i) end
  local q1 = db:select{4}:quotes()
  eq(#q1, #db:article(4):quotes(), "s:quotes of one article = a:quotes")
  raises(function () nmg.words({}) end, "bad argument #1 to 'words' (tifa.set expected",
             "a method called without its set")
end
-- }======

db:close()
T.finish()
