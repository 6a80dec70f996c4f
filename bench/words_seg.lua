-- bench/words_seg.lua -- segment a file line by line with tifa.text.words, words joined by
-- two spaces (the SIGHAN format); prints the seconds spent segmenting.
--   tifa run bench/words_seg.lua IN OUT [USERDICT [builtin|nobuiltin] [whole|parts]]
local inp, outp, dict, builtin, units = arg[1], arg[2], arg[3], arg[4], arg[5]
local opts = {units = units ~= "" and units or "whole"}
if dict and dict ~= "" then
  assert(tifa.text.load_dict(dict, {builtin = builtin ~= "nobuiltin"}))
end
local lines = {}
for line in io.lines(inp) do lines[#lines + 1] = line end
local t = os.clock()
local out = {}
for i, line in ipairs(lines) do out[i] = table.concat(tifa.text.words(line, opts), "  ") end
print(string.format("%.3f", os.clock() - t))
local f = assert(io.open(outp, "w"))
f:write(table.concat(out, "\n"), "\n")
f:close()
