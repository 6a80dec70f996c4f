-- greet: uses a module that lies beside it
-- @arg who string=世界  whom to greet
local h = require "tifahelper"
print(h.greet(params.who))
