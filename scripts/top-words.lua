-- top-words: the most frequent words of the corpus, or of some of its articles
--
-- Words as tifa's segmenter cuts them, with how often each occurs and in how many articles
-- (the word index: see db:words in docs/lua-api.md).
--   tifa run top-words --top 30 --since 2024-01-01 --outlet 新华社
--   tifa run top-words --stopwords function --stopwords 发展 --format csv --output words.csv
--
-- @param top        integer=20   words to show
-- @param stopwords  string*=function,punct,filler  stopword lists (function, punct, filler,
--                                ...) or words to leave out
-- @param since      date         only articles on or after this date
-- @param until      date         only articles up to this date
-- @param outlet     string       only articles of this outlet (新华社, 人民日报, ...)
-- @param format     table|csv|json=table  how to write the words
-- @param output     path         write to this file instead of standard output

if params.top < 1 then
  io.stderr:write("top-words: --top must be 1 or more\n")
  os.exit(2)
end
local words, msg = db:words{top = params.top, stopwords = params.stopwords, since = params.since,
                            ["until"] = params["until"], outlet = params.outlet}
if not words then error(msg, 0) end
local ok, err = tifa.out[params.format](words, {columns = {"word", "count", "articles"}, file = params.output})
if not ok then error(err, 0) end
