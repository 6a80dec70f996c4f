-- output.lua -- tifa.out: tables aligned by display width, CSV (RFC 4180) and JSON, to a
-- string, a file, a path or io.output(), and their errors. JSON is checked against literal
-- texts and, where python3 is installed, decoded by Python's json module (a decoder that
-- is not ours) and compared byte for byte with what was encoded.
-- Runs in the tifa host and in stock lua5.4 through require "tifa".
print "testing tifa.out"

local tifa = tifa or require "tifa"
local out, text = tifa.out, tifa.text

local T = dofile(((arg and arg[0]) or ""):match("^(.-)[^/]*$") .. "support/check.lua")
local eq, check, checkerror = T.eq, T.check, T.checkerror

local function lines (s)
  local t = {}
  for l in s:gmatch("(.-)\n") do t[#t + 1] = l end
  return t
end

local tmp = os.tmpname()
local function slurp (path)
  local f = assert(io.open(path, "rb"))
  local s = f:read("a")
  f:close()
  return s
end

-- {====== table ======
do
  local rows = {
    {id = 1, outlet = "新华社", title = "高质量发展", n = 19},
    {id = 22, outlet = "People's Daily", title = "AI+制造", n = 3},
    {id = 333, outlet = "人民日报评论", title = "两会\n精神", n = 1024},
  }
  local s = out.table(rows, {columns = {"id", "outlet", "title", "n"}, file = false})
  eq(s, table.concat({
    " id  outlet          title          n",
    "---  --------------  ----------  ----",
    "  1  新华社          高质量发展    19",
    " 22  People's Daily  AI+制造        3",
    "333  人民日报评论    两会 精神   1024",
  }, "\n") .. "\n", "table: Chinese aligned by display width, numbers right, newline as a space")
  -- each column starts at the same display column on every line, after cells of Chinese,
  -- Latin and mixed text: measured at the titles and at the ends of the lines
  local ls = lines(s)
  local function col (l, cell) return text.width(l:sub(1, (assert(l:find(cell, 1, true))) - 1)) end
  local at = col(ls[1], "title")
  for i, t in ipairs{"高质量发展", "AI+制造", "两会 精神"} do
    eq(col(ls[i + 2], t), at, "table: the title column of row " .. i)
    eq(text.width(ls[i + 2]), text.width(ls[1]), "table: row " .. i .. " ends where the header ends")
  end
  -- records without columns: their names sorted; lists: no header
  eq(out.table({{b = "乙", a = "甲"}, {a = "x"}}, {file = false}),
     "a   b\n--  --\n甲  乙\nx\n", "table: sorted names, no trailing spaces")
  eq(out.table({{1, "二"}, {333, "四五六"}}, {file = false}), "  1  二\n333  四五六\n", "table: lists")
  eq(out.table({{1, "二"}}, {header = {"n", "字"}, file = false}), "n  字\n-  --\n1  二\n", "table: a header for lists")
  eq(out.table({{a = 1}}, {header = false, file = false}), "1\n", "table: header = false")
  eq(out.table({}, {columns = {"a"}, file = false}), "a\n-\n", "table: no rows")
  -- maxwidth cuts by display width, never inside a character
  eq(out.table({{t = "中华人民共和国"}, {t = "abc"}}, {maxwidth = 6, header = false, file = false}),
     "中华…\nabc\n", "table: maxwidth")
  eq(out.table({{t = "x", v = true}}, {file = false}), "t  v\n-  ----\nx  true\n", "table: booleans")
  eq(out.table({{l = "左边的文字", k = "词"}, {l = "ab", k = "word"}}, {columns = {"l", "k"}, align = {l = "right"}, file = false}),
     "         l  k\n----------  ----\n左边的文字  词\n        ab  word\n", "table: align = {l = 'right'}")
  eq(out.table({{1, 22}, {333, 4}}, {align = {[1] = "left"}, file = false}), "1    22\n333   4\n", "table: align by position")
  checkerror("bad argument #2 to 'table' %(invalid option 'middle' for 'align'%)",
    function () return out.table({{a = 1}}, {align = {a = "middle"}}) end)
  -- values with __tostring (articles) and errors
  local db = assert(tifa.open())
  local a = db:article(1)
  check(out.table({{a = a}}, {file = false}):find(tostring(a), 1, true), "table: __tostring")
  checkerror("bad argument #1 to 'table' %(row 2, column 'x': cannot write a table%)",
    function () return out.table({{x = 1}, {x = {}}}) end)
  checkerror("bad argument #1 to 'table' %(invalid UTF%-8 at byte 3 of row 1, column 'x'%)",
    function () return out.table({{x = "ab\xff"}}) end)
  checkerror("bad argument #1 to 'table' %(row 2 is a string, not a table%)",
    function () return out.table({{x = 1}, "x"}) end)
  checkerror("bad argument #1 to 'table' %(table expected, got string%)", function () return out.table("x") end)
end
-- }======

-- {====== csv ======
do
  local rows = {
    {a = "x,y", b = 'say "hi"', c = "l1\nl2"},
    {a = "中文，逗号", b = 1.5, c = 1 / 3},
    {a = "", b = true, c = nil},
    {a = "\r", b = 2 ^ 53, c = -0.1},
  }
  local s = out.csv(rows, {file = false})
  eq(s, 'a,b,c\r\n"x,y","say ""hi""","l1\nl2"\r\n中文，逗号,1.5,0.3333333333333333\r\n,true,\r\n"\r",9007199254740992.0,-0.1\r\n',
     "csv: RFC 4180 quoting, CRLF, floats in full")
  eq(out.csv({{1, "a b"}, {2, "c"}}, {eol = "\n", file = false}), '1,a b\n2,c\n', "csv: lists, no header")
  eq(out.csv({{a = "x\ty", b = "1,2"}}, {sep = "\t", eol = "\n", file = false}),
     'a\tb\n"x\ty"\t1,2\n', "csv: tab-separated")
  eq(out.csv({{n = 1}}, {bom = true, eol = "\n", file = false}), "\xEF\xBB\xBFn\n1\n", "csv: a BOM for Excel")
  eq(out.csv({{x = ""}, {x = "a"}}, {eol = "\n", file = false}), 'x\n""\na\n', "csv: an empty single field is quoted")
  eq(out.csv({{a = 1, b = 2}}, {columns = {"b", "a"}, header = {"乙", "甲"}, eol = "\n", file = false}),
     "乙,甲\n2,1\n", "csv: columns and header")
  eq(out.csv({{x = 0 / 0}, {x = 1 / 0}, {x = -1 / 0}}, {eol = "\n", file = false}), "x\nNaN\nInf\n-Inf\n", "csv: NaN, infinities")
  -- a parser written here (RFC 4180) reads back what was written
  local function parse (csv)
    local recs, rec, field, i, n = {}, {}, {}, 1, #csv
    local quoted = false
    while i <= n do
      local c = csv:sub(i, i)
      if quoted then
        if c == '"' and csv:sub(i + 1, i + 1) == '"' then field[#field + 1] = '"'; i = i + 1
        elseif c == '"' then quoted = false
        else field[#field + 1] = c end
      elseif c == '"' then quoted = true
      elseif c == "," then rec[#rec + 1] = table.concat(field); field = {}
      elseif c == "\r" and csv:sub(i + 1, i + 1) == "\n" then
        rec[#rec + 1] = table.concat(field); field = {}; recs[#recs + 1] = rec; rec = {}; i = i + 1
      else field[#field + 1] = c end
      i = i + 1
    end
    return recs
  end
  local back = parse(s)
  eq(#back, 5, "csv: five records read back")
  eq(back[2][1], "x,y", "csv: comma kept"); eq(back[2][2], 'say "hi"', "csv: quotes kept")
  eq(back[2][3], "l1\nl2", "csv: newline kept"); eq(back[3][1], "中文，逗号", "csv: Chinese kept")
  eq(back[5][1], "\r", "csv: CR kept"); eq(tonumber(back[3][3]), 1 / 3, "csv: a float reads back exactly")
  checkerror("bad argument #1 to 'csv' %(invalid UTF%-8 at byte 1 of row 1, column 'a'%)",
    function () return out.csv({{a = "\xe4\xb8"}}) end)
  checkerror("bad argument #1 to 'csv' %(row 1, column 'a': cannot write a function%)",
    function () return out.csv({{a = print}}) end)
  checkerror("bad argument #2 to 'csv' %('sep' must be", function () return out.csv({}, {sep = '"'}) end)
end
-- }======

-- {====== json ======
do
  local function J (v, o)
    o = o or {}
    o.file = false
    return out.json(v, o)
  end
  eq(J({a = 1, b = {1, 2, 3}, c = "中文"}), '{"a":1,"b":[1,2,3],"c":"中文"}', "json: compact, keys sorted")
  eq(J('"\\/\b\f\n\r\t\0\1\31\127'), '"\\"\\\\/\\b\\f\\n\\r\\t\\u0000\\u0001\\u001f\127"', "json: escapes")
  eq(J("😀𠀀中"), '"😀𠀀中"', "json: astral plane and CJK as UTF-8")
  eq(J("😀𠀀中é", {ascii = true}), '"\\ud83d\\ude00\\ud840\\udc00\\u4e2d\\u00e9"', "json: ascii = true, surrogate pairs")
  eq(J("a\u{2028}b\u{2029}"), '"a\\u2028b\\u2029"', "json: U+2028 and U+2029 escaped")
  eq(J({0.1, 3.0, 1e300, -0.5, 1 / 3, math.mininteger, 2 ^ 63}),
     "[0.1,3.0,1e+300,-0.5,0.3333333333333333," .. math.mininteger .. ",9.223372036854776e+18]", "json: numbers")
  eq(J({}), "[]", "json: an empty table is a list")
  eq(J({[1] = "a", [3] = "c"}), '["a",null,"c"]', "json: a hole is null")
  eq(J({[1] = 1, [100] = 2}), '{"1":1,"100":2}', "json: a sparse table is an object")
  eq(J({x = out.null, [1] = true}), '{"1":true,"x":null}', "json: tifa.out.null; integer keys as strings")
  eq(J({{a = 1}, {b = {}}}, {indent = 2}), '[\n  {\n    "a": 1\n  },\n  {\n    "b": []\n  }\n]', "json: indent")
  eq(J({{a = 1}, {b = "x"}}, {lines = true}), '{"a":1}\n{"b":"x"}\n', "json: JSON Lines")
  eq(J({a = 0 / 0, b = 1 / 0}, {nan = "null"}), '{"a":null,"b":null}', "json: nan = 'null'")
  local shared = {1}
  eq(J({shared, shared}), "[[1],[1]]", "json: a table twice is no cycle")
  checkerror("bad argument #1 to 'json' %(invalid UTF%-8 at byte 3 of value%.a%[2%]%)",
    function () return out.json({a = {"ok", "ab\xc0\xaf"}}) end)
  checkerror("invalid UTF%-8 at byte 1 of value", function () return out.json("\xed\xa0\x80") end)   -- a surrogate
  checkerror("invalid UTF%-8 at byte 1 of value", function () return out.json({["\xff"] = 1}) end)
  checkerror("%(NaN cannot be encoded at value%.x%)", function () return out.json({x = 0 / 0}) end)
  checkerror("%(an infinity cannot be encoded at value%[1%]%)", function () return out.json({1 / 0}) end)
  local cyc = {}
  cyc.self = {cyc}
  checkerror("%(a table that contains itself at value%.self%[1%]%)", function () return out.json(cyc) end)
  checkerror("%(cannot encode a function at value%.f%)", function () return out.json({f = print}) end)
  checkerror("%(duplicate key '1' at value%)", function () return out.json({[1] = 1, ["1"] = 2, x = 3}) end)
  checkerror("bad argument #2 to 'json' %(invalid option 'zero' for 'nan'%)", function () return out.json(1, {nan = "zero"}) end)

  -- a decoder that is not ours: python3's json module
  local strings = {'quote " backslash \\ slash /', "controls \0\1\8\9\10\12\13\31\127 end", "中文，标点。“引号”",
                   "astral 😀 𠀀 🇨🇳 👨‍👩‍👧", "line\u{2028}sep\u{2029}", "é e\u{301} ﬁ", ""}
  local big = {}
  for cp = 0, 0x10FFFF, 97 do
    if cp < 0xD800 or cp > 0xDFFF then big[#big + 1] = utf8.char(cp) end
  end
  strings[#strings + 1] = table.concat(big)
  local py = io.popen("command -v python3 2>/dev/null"):read("l")
  if py and py ~= "" then
    for _, ascii in ipairs{false, true} do
      assert(out.json(strings, {file = tmp, ascii = ascii}))
      local hex = {}
      for i, s in ipairs(strings) do hex[i] = (s:gsub(".", function (c) return string.format("%02x", c:byte()) end)) end
      local p = io.popen("python3 -c 'import json,sys\nfor s in json.load(open(sys.argv[1], encoding=\"utf-8\")): print(s.encode(\"utf-8\").hex())' " .. tmp)
      local got = {}
      for l in p:lines() do got[#got + 1] = l end
      check(p:close(), "python3 decodes the JSON")
      eq(#got, #strings, "python3: every string")
      for i = 1, #strings do eq(got[i], hex[i], "python3 round trip of string " .. i .. (ascii and " (ascii)" or "")) end
    end
    -- numbers too
    assert(out.json({0.1, 1 / 3, 1e300, -2.5e-300, 2 ^ 53 + 1, math.maxinteger}, {file = tmp}))
    local p = io.popen("python3 -c 'import json,sys\nprint(repr(json.load(open(sys.argv[1]))))' " .. tmp)
    eq(p:read("l"), "[0.1, 0.3333333333333333, 1e+300, -2.5e-300, 9007199254740992.0, " .. math.maxinteger .. "]",
       "python3 reads the numbers back exactly")
    p:close()
  else
    print("  (python3 not found: JSON checked against literal texts only)")
  end
end
-- }======

-- {====== where the output goes ======
do
  eq(out.json({1}, {file = tmp}), true, "json to a path returns true")
  eq(slurp(tmp), "[1]\n", "json to a path: the text and a newline")
  eq(out.csv({{1}}, {file = tmp, append = true, eol = "\n"}), true, "csv appended")
  eq(slurp(tmp), "[1]\n1\n", "append keeps what was there")
  local f = assert(io.open(tmp, "w"))
  eq(out.table({{1, 2}}, {file = f}), true, "table to a file")
  f:write("end\n")
  f:close()
  eq(slurp(tmp), "1  2\nend\n", "a file given stays open")
  local old = io.output()
  io.output(tmp)
  out.csv({{"x"}}, {eol = "\n"})
  io.output():close()
  io.output(old)
  eq(slurp(tmp), "x\n", "no file: io.output()")
  local ok, msg = out.json({}, {file = "/nonexistent/dir/x.json"})
  check(ok == nil and msg:find("/nonexistent/dir/x.json", 1, true), "an unwritable path: nil, msg: " .. tostring(msg))
  -- an error while encoding leaves no file behind
  os.remove(tmp)
  pcall(out.json, {x = print}, {file = tmp})
  check(io.open(tmp) == nil, "nothing is opened before the text is whole")
  local closed = assert(io.open(os.tmpname(), "w"))
  closed:close()
  checkerror("attempt to use a closed file", function () return out.json(1, {file = closed}) end)
  checkerror("bad argument #2 to 'json' %('file' must be a path, a file or false, got number%)",
    function () return out.json(1, {file = 3}) end)
end
-- }======

os.remove(tmp)
if #T.failures > 0 then
  for _, m in ipairs(T.failures) do print("FAIL: " .. m) end
  error(#T.failures .. " of " .. T.count() .. " checks failed")
end
print("OK (" .. T.count() .. " checks)")
