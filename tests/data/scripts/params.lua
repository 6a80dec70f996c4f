-- params: every kind of parameter, printed back as JSON (tests/cli/scripts.sh)
--
-- A fixture of the runner's tests: each type, a repeatable and a required
-- parameter, defaults, a flag on by default, and positional arguments.
--
-- @arg   first    string!          the first positional argument
-- @arg   rest     integer*         more positional arguments, integers
-- @param name     string!          a required string
-- @param limit    integer=20       an integer with a default
-- @param ratio    number=0.5       a number
-- @param verbose  boolean          a flag
-- @param color    flag=true        a flag on by default
-- @param since    date             a date
-- @param file     path             a path
-- @param format   csv|json|table=table  a choice
-- @param term     string*=甲,乙    a repeatable string with two defaults
-- @param max-count integer         a name with a dash
io.write(tifa.out.json(params, {file = false}), "\n")
io.write(#arg, " ", select("#", ...), "\n")
