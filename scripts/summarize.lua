-- summarize: an extractive summary of an article, each sentence with where it comes from
--
-- The most central sentences (db:summary: TextRank over shared words, plus the lead), in
-- text order; an enumeration (一是…二是…, （一）（二）...) is kept whole or left out. Each
-- row gives the paragraph and the characters (from, to) of the sentence in the article.
--   tifa run summarize 4
--   tifa run summarize 5 --sentences 5 --format json
--
-- @arg   id         integer!     the article
-- @param sentences  integer=3    sentences to keep, about
-- @param format     table|csv|json=table  how to write the sentences
-- @param output     path         write to this file instead of standard output

if params.sentences < 1 then
  io.stderr:write("summarize: --sentences must be 1 or more\n")
  os.exit(2)
end
local s, msg = db:summary(params.id, {sentences = params.sentences})
if not s then
  io.stderr:write("summarize: ", msg, "\n")
  os.exit(1)
end
local ok, err = tifa.out[params.format](s.sentences, {columns = {"paragraph", "from", "to", "text"},
                                                       file = params.output})
if not ok then error(err, 0) end
