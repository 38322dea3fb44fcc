-- dlexam's long-running pandoc: run as a Lua filter on an empty document, it converts batches
-- of LaTeX fragments to HTML until stdin closes, so the reader starts and warms up once.
--
-- Request:  "<mathml|mathjax> <count>\n", then per fragment "<bytes>\n<latex>".
-- Reply:    "dlexam-pandoc <version>\n" once at start; then per fragment, in order,
--           "<ok|error> <bytes>\n<html or pandoc's message>".
-- A batch is read whole before anything is written, so neither side blocks on a full pipe.
io.stdout:setvbuf("full")
io.stdout:write("dlexam-pandoc ", tostring(PANDOC_VERSION), "\n")
io.stdout:flush()

local function convert(latex, math)
  local doc = pandoc.read(latex, "latex")
  return pandoc.write(doc, "html5", {html_math_method = math, wrap_text = "wrap-none"})
end

while true do
  local header = io.stdin:read("l")
  if not header then break end
  local math, count = header:match("^(%a+) (%d+)$")
  local fragments = {}
  for i = 1, tonumber(count) do
    local size = tonumber(io.stdin:read("l"))
    fragments[i] = size > 0 and io.stdin:read(size) or ""
  end
  for _, latex in ipairs(fragments) do
    local ok, result = pcall(convert, latex, math)
    result = tostring(result)
    io.stdout:write(ok and "ok " or "error ", #result, "\n", result)
  end
  io.stdout:flush()
end
os.exit(0)
