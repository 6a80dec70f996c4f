-- tifahelper: a module beside the scripts, found by require (not a script)
-- @module
local M = {}
function M.greet (who) return "你好, " .. who end
return M
