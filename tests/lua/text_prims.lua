-- text_prims.lua -- the UTF-8 primitives of tifa.text: len, sub, chars, graphemes, width,
-- pad, truncate, upper, lower, casefold, normalize, category, is_han, is_punct,
-- is_cjk_punct, valid, to_simplified, to_traditional; on sentences of the sample corpus and
-- edge cases. Runs in the tifa host and in stock lua5.4 through require "tifa".
print "testing tifa.text primitives"

local tifa = tifa or require "tifa"
local text = tifa.text
local SEEDS = assert(os.getenv("TIFA_SEEDS"), "TIFA_SEEDS not set")

local T = dofile(((arg and arg[0]) or ""):match("^(.-)[^/]*$") .. "support/check.lua")
local eq, check, checkerror = T.eq, T.check, T.checkerror

-- sentences of the seed pages (000, 004, 003, 000, 004, 002)
local BASIS = "发展是解决我国一切问题的基础和关键。"
local DATE = "习近平 10 月 12 日下午"
local SOURCE = "信息来源: 《内蒙古日报》"
local QUOTE = "明确提出“必须把坚持高质量发展作为新时代的硬道理”。"
local AND = "要统筹抓好沿江产业布局 and 转移"
local DOCNO = "（发改环资〔2024〕379号，以下简称《政策措施》）"

local E_ACUTE = "e\u{301}"
local FAMILY = "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}"
local FLAG = "\u{1F1E8}\u{1F1F3}"

-- collect an iterator's pairs as "piece@pos" strings
local function collect (iter)
  local t = {}
  for piece, pos in iter do t[#t + 1] = piece .. "@" .. pos end
  return table.concat(t, " ")
end

-- {====== len, sub ======
eq(text.len(BASIS), 18, "len of a sentence")
eq(text.len(DATE), 15, "len, mixed")
eq(text.len(""), 0, "len of empty")
eq(text.len("APEC 5G"), 7, "len, ASCII")
eq(text.len(E_ACUTE), 2, "len counts code points")
eq(text.len(E_ACUTE, "grapheme"), 1, "len in graphemes")
eq(text.len(FAMILY .. FLAG .. "中", "grapheme"), 3, "len in graphemes, emoji")
eq(text.len(FAMILY), 5, "len of a ZWJ sequence")

eq(text.sub(BASIS, 1, 2), "发展", "sub")
eq(text.sub(BASIS, 11, 12), "题的", "sub, inside")
eq(text.sub(BASIS, -3), "关键。", "sub, negative")
eq(text.sub(BASIS, -3, -2), "关键", "sub, both negative")
eq(text.sub(BASIS, 0), BASIS, "sub from 0")
eq(text.sub(BASIS, -100, 2), "发展", "sub before the start")
eq(text.sub(BASIS, 17, 100), "键。", "sub past the end")
eq(text.sub(BASIS, 5, 4), "", "sub, empty range")
eq(text.sub(BASIS, 19), "", "sub after the end")
eq(text.sub("", 1, 3), "", "sub of empty")
eq(text.sub(DATE, 4, 6), " 10", "sub, mixed")
eq(text.sub("12306", 2, 3), "23", "sub, ASCII")
eq(text.sub(E_ACUTE .. "x", 2), "\u{301}x", "sub counts code points")
checkerror("bad argument #2 to 'sub' %(number expected, got no value%)", function () return text.sub(BASIS) end)
-- }======

-- {====== chars, graphemes ======
eq(collect(text.chars("发展a")), "发@1 展@2 a@3", "chars")
eq(collect(text.chars("")), "", "chars of empty")
eq(collect(text.chars(E_ACUTE)), "e@1 \u{301}@2", "chars splits marks")
eq(collect(text.graphemes(E_ACUTE .. "汉" .. FAMILY .. "!")),
   E_ACUTE .. "@1 汉@3 " .. FAMILY .. "@4 !@9", "graphemes")
eq(collect(text.graphemes(FLAG .. FLAG)), FLAG .. "@1 " .. FLAG .. "@3", "graphemes: flags pair up")
eq(collect(text.graphemes("a\r\nb")), "a@1 \r\n@2 b@4", "graphemes: CR LF is one")
eq(collect(text.graphemes("")), "", "graphemes of empty")
do
  local n, all = 0, {}
  for c in text.chars(QUOTE) do n = n + 1; all[n] = c end
  eq(n, 26, "chars of a quote")
  eq(table.concat(all), QUOTE, "chars rebuild the text")
  eq(all[5], "“", "chars: the opening quote")
end
-- }======

-- {====== width, pad, truncate ======
eq(text.width(BASIS), 36, "width of Han")
eq(text.width(DATE), 22, "width, mixed")
eq(text.width(SOURCE), 24, "width: 《》 wide, ':' not")
eq(text.width(QUOTE), 50, "width: “” count 1")
eq(text.width(""), 0, "width of empty")
eq(text.width("APEC 5G"), 7, "width, ASCII")
eq(text.width(E_ACUTE), 1, "width: combining mark 0")
eq(text.width(FAMILY), 2, "width of a ZWJ sequence")
eq(text.width(FLAG), 2, "width of a flag")
eq(text.width("\u{3000}"), 2, "width of U+3000")
eq(text.width("a\tb"), 2, "width: control 0")

eq(text.pad("关键", 6), "关键  ", "pad left")
eq(text.pad("关键", 6, {align = "right"}), "  关键", "pad right")
eq(text.pad("关键", 7, {align = "center"}), " 关键  ", "pad center, odd column after")
eq(text.pad("关键", 7, {fill = "\u{3000}"}), "关键\u{3000} ", "pad with a wide fill")
eq(text.pad("关键", 8, {align = "center", fill = "·"}), "··关键··", "pad center with fill")
eq(text.pad("", 3, {fill = "-"}), "---", "pad empty")
eq(text.pad(BASIS, 4), BASIS, "pad never cuts")
eq(text.pad("GDP", 5, {align = "right"}), "  GDP", "pad ASCII")
checkerror("bad argument #3 to 'pad' %(invalid align 'middle'%)",
           function () return text.pad("关键", 6, {align = "middle"}) end)
checkerror("bad argument #3 to 'pad' %(fill must be one character of width 1 or 2%)",
           function () return text.pad("关键", 6, {fill = "ab"}) end)
checkerror("bad argument #3 to 'pad' %(fill must be one character of width 1 or 2%)",
           function () return text.pad("关键", 6, {fill = "\u{301}"}) end)
checkerror("bad argument #2 to 'pad' %(negative width%)", function () return text.pad("关键", -1) end)

eq(text.truncate(BASIS, 10), "发展是解决", "truncate")
eq(text.truncate(BASIS, 9), "发展是解", "truncate never cuts a character")
eq(text.truncate(BASIS, 10, "…"), "发展是解…", "truncate with an ellipsis")
eq(text.truncate(BASIS, 36, "…"), BASIS, "truncate: fits")
eq(text.truncate(BASIS, 0), "", "truncate to 0")
eq(text.truncate("", 5, "…"), "", "truncate empty")
eq(text.truncate(DATE, 9), "习近平 10", "truncate mixed")
eq(text.truncate("abc" .. FAMILY .. "d", 4), "abc", "truncate keeps ZWJ sequences whole")
eq(text.truncate("a" .. E_ACUTE .. "b", 2), "a" .. E_ACUTE, "truncate keeps marks")
eq(text.truncate("abcdef", 2, "……"), "……", "truncate: only the ellipsis fits")
eq(text.truncate("abcdef", 1, "……"), "…", "truncate: the ellipsis cut")
checkerror("bad argument #3 to 'truncate' %(invalid UTF%-8 at byte 2%)",
           function () return text.truncate(BASIS, 4, ".\xff") end)
-- }======

-- {====== case, normalize ======
eq(text.upper(AND), "要统筹抓好沿江产业布局 AND 转移", "upper")
eq(text.lower("APEC"), "apec", "lower")
eq(text.upper("ｇ２０"), "Ｇ２０", "upper of full-width")
eq(text.upper("Straße"), "STRAẞE", "upper: one for one")
eq(text.casefold("Straße ΣΑ"), "strasse σα", "casefold")
eq(text.lower(BASIS), BASIS, "lower of Han")
eq(text.upper(""), "", "upper of empty")

eq(text.normalize(E_ACUTE), "\u{e9}", "normalize NFC by default")
eq(text.normalize("\u{e9}", "NFD"), E_ACUTE, "NFD")
eq(text.normalize("Ｇ２０，①", "NFKC"), "G20,1", "NFKC")
eq(text.normalize("Ｇ２０，①", "NFC"), "Ｇ２０，①", "NFC keeps full-width")
eq(text.normalize("\u{e9}①", "NFKD"), E_ACUTE .. "1", "NFKD")
eq(text.normalize(" " .. DATE .. "\u{200B}", "fold"), "习近平10月12日下午", "fold")
eq(text.normalize(DOCNO, "NFKC"), "(发改环资〔2024〕379号,以下简称《政策措施》)", "NFKC of a 文号")
eq(text.normalize(""), "", "normalize empty")
checkerror("bad argument #2 to 'normalize' %(invalid option 'NFX'%)",
           function () return text.normalize(BASIS, "NFX") end)
-- }======

-- {====== category, predicates, valid ======
for c, cat in pairs{["发"] = "Lo", ["。"] = "Po", ["《"] = "Ps", ["》"] = "Pe", ["“"] = "Pi",
                    ["”"] = "Pf", A = "Lu", a = "Ll", ["1"] = "Nd", [" "] = "Zs",
                    ["\u{3000}"] = "Zs", ["\u{301}"] = "Mn", ["〇"] = "Nl", ["￥"] = "Sc",
                    ["\n"] = "Cc", ["\u{378}"] = "Cn"} do
  eq(text.category(c), cat, "category of " .. T.show(c))
end
checkerror("bad argument #1 to 'category' %(one character expected%)", function () return text.category("发展") end)
checkerror("bad argument #1 to 'category' %(one character expected%)", function () return text.category("") end)
checkerror("bad argument #1 to 'category' %(one character expected%)", function () return text.category(E_ACUTE) end)

eq(text.is_han("新质生产力"), true, "is_han")
eq(text.is_han("二〇二四年"), true, "is_han with 〇")
eq(text.is_han("\u{20000}"), true, "is_han, extension B")
eq(text.is_han(BASIS), false, "is_han: 。 is not Han")
eq(text.is_han(text.sub(BASIS, 1, 17)), true, "is_han of the words")
eq(text.is_han(""), false, "is_han of empty")
eq(text.is_han("5G"), false, "is_han of ASCII")
eq(text.is_punct("，。、"), true, "is_punct")
eq(text.is_punct(",.!"), true, "is_punct, ASCII")
eq(text.is_punct("，a"), false, "is_punct, mixed")
eq(text.is_punct("$"), false, "is_punct: $ is a symbol")
eq(text.is_punct(""), false, "is_punct of empty")
eq(text.is_cjk_punct("，。、《》“”——…"), true, "is_cjk_punct")
eq(text.is_cjk_punct("〔〕（）"), true, "is_cjk_punct, brackets")
eq(text.is_cjk_punct(","), false, "is_cjk_punct, ASCII comma")
eq(text.is_cjk_punct("\u{3000}"), false, "is_cjk_punct, U+3000 is space")
eq(text.is_cjk_punct(DOCNO), false, "is_cjk_punct of a 文号")
eq(text.is_cjk_punct(""), false, "is_cjk_punct of empty")

do
  local ok, pos = text.valid(BASIS)
  check(ok == true and pos == nil, "valid text")
  eq(text.valid(""), true, "valid empty")
  eq(select(2, text.valid("发\xff")), 4, "invalid byte")
  eq(select(2, text.valid("\xe5\x8f")), 1, "truncated")
  eq(select(2, text.valid("ab\xc0\x80")), 3, "overlong")
  eq(select(2, text.valid("\xed\xa0\x80")), 1, "surrogate")
  eq(select(2, text.valid("\xf4\x90\x80\x80")), 1, "above U+10FFFF")
  eq(select(1, text.valid("\xe5\x8f")), false, "invalid is false")
end
-- }======

-- {====== invalid UTF-8 is refused everywhere ======
for _, name in ipairs{"len", "sub", "chars", "graphemes", "width", "pad", "truncate", "upper",
                      "lower", "casefold", "normalize", "category", "is_han", "is_punct",
                      "is_cjk_punct", "to_simplified", "to_traditional"} do
  -- called as users write it, so that the message names the function
  local f = assert(load("local text, s = ... return text." .. name .. "(s, 1)"))
  local function call (s) return f(text, s) end
  checkerror("bad argument #1 to '" .. name .. "' %(invalid UTF%-8 at byte 4%)",
             call, "发\xff")
  checkerror("bad argument #1 to '" .. name .. "' %(invalid UTF%-8 at byte 7%)",
             call, "发展\xe5\x8f")
end
checkerror("bad argument #1 to 'len' %(string expected, got no value%)", function () return text.len() end)
-- }======

-- {====== OpenCC ======
do
  local TRAD = "發展是解決我國一切問題的基礎和關鍵。"
  local t, err = text.to_traditional(BASIS)
  if t == nil then
    check(err:find("^cannot load libopencc%.so%.1%.1 %("), "conversion failed: " .. tostring(err))
  else
    eq(t, TRAD, "to_traditional")
    eq(text.to_simplified(TRAD), BASIS, "to_simplified")
    eq(text.to_traditional("头发"), "頭髮", "phrases: 头发")
    eq(text.to_simplified("憂鬱 APEC"), "忧郁 APEC", "to_simplified, mixed")
    eq(text.to_traditional("发\0展"), "發\0展", "NUL bytes stay")
    eq(text.to_simplified(""), "", "to_simplified of empty")
    eq(text.to_traditional(QUOTE), "明確提出“必須把堅持高質量發展作爲新時代的硬道理”。", "to_traditional of a quote")
  end
end
-- }======

-- {====== the seed pages, line by line ======
do
  local lines = 0
  for _, name in ipairs{"000_5f02c2555ca2acf2.txt", "001_f34ecce1adfb7df6.txt", "002_41f0111f64e2b8b0.txt",
                        "003_e65765651145426b.txt", "004_19c2e8de30fa8799.txt"} do
    for line in io.lines(SEEDS .. "/" .. name) do
      lines = lines + 1
      local n = text.len(line)
      eq(n, utf8.len(line), "len agrees with utf8.len")
      local w, parts = 0, {}
      for g in text.graphemes(line) do w = w + text.width(g); parts[#parts + 1] = g end
      eq(table.concat(parts), line, "graphemes rebuild the line")
      eq(text.width(line), w, "width is the sum over graphemes")
      local inner = n >= 3 and line:sub(utf8.offset(line, 2), utf8.offset(line, n) - 1) or ""
      eq(text.sub(line, 2, -2), inner, "sub(2, -2)")
      local cut = text.truncate(line, 20)
      check(text.width(cut) <= 20 and (w <= 20 or text.width(cut) >= 19), "truncate to 20: " .. T.show(line))
      eq(text.width(text.pad(cut, 20)), 20, "pad to 20")
    end
  end
  check(lines > 300, "seed lines read: " .. lines)
end
-- }======

if #T.failures > 0 then
  for _, m in ipairs(T.failures) do io.stderr:write(m, "\n") end
  error(#T.failures .. " of " .. T.count() .. " checks failed")
end
print("OK (" .. T.count() .. " checks)")
