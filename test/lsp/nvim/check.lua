-- Drives Neovim's built-in LSP client against `journeyflow lsp` (run by test/lsp/neovim.test.ts):
-- opens JF_FILE, waits for diagnostics, types a chain and asks for completion, jumps to a
-- definition and renames an id with the client's own commands, then writes what it saw to JF_OUT.
local out = {}
local function finish(err)
  out.error = err
  vim.fn.writefile({ vim.fn.json_encode(out) }, os.getenv('JF_OUT'))
  vim.cmd(err and 'cquit 1' or 'qall!')
end

local function run()
  vim.cmd('edit ' .. vim.fn.fnameescape(os.getenv('JF_FILE')))
  local client_id = vim.lsp.start_client({
    name = 'journeyflow',
    cmd = { os.getenv('JF_NODE'), os.getenv('JF_BIN'), 'lsp', '--stdio' },
    root_dir = vim.fn.fnamemodify(os.getenv('JF_FILE'), ':h'),
  })
  vim.lsp.buf_attach_client(0, client_id)
  assert(vim.wait(30000, function() return #vim.diagnostic.get(0) > 0 end, 20), 'no diagnostics within 30 s')
  out.diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(0)) do
    local lsp = d.user_data and d.user_data.lsp or {}
    table.insert(out.diagnostics, { lnum = d.lnum, col = d.col, end_col = d.end_col, message = d.message, code = d.code or lsp.code })
  end

  -- Typing: a new chain line, completed after its arrow.
  local last = vim.api.nvim_buf_line_count(0)
  vim.api.nvim_buf_set_lines(0, last, last, false, { '  - report -> ' })
  vim.api.nvim_win_set_cursor(0, { last + 1, #'  - report -> ' })
  local responses = vim.lsp.buf_request_sync(0, 'textDocument/completion', vim.lsp.util.make_position_params(), 20000)
  local result = responses and responses[client_id] and responses[client_id].result or {}
  out.completion = {}
  for _, item in ipairs(result.items or result) do table.insert(out.completion, { label = item.label, detail = item.detail }) end
  vim.api.nvim_buf_set_lines(0, last, last + 1, false, {})

  -- Go to definition from the chain's second id.
  local chain = vim.fn.search('report -> record', 'w')
  vim.api.nvim_win_set_cursor(0, { chain, (vim.fn.getline(chain):find('record', 1, true)) })
  vim.lsp.buf.definition()
  assert(vim.wait(20000, function() return vim.api.nvim_win_get_cursor(0)[1] ~= chain end, 20), 'definition did not move the cursor')
  out.definition = vim.api.nvim_win_get_cursor(0)

  -- Rename the id under the cursor (the declaration now) with the client's rename.
  vim.lsp.buf.rename('intake')
  assert(vim.wait(20000, function() return vim.fn.search('intake', 'nw') > 0 end, 20), 'rename changed nothing')
  out.lines = vim.api.nvim_buf_get_lines(0, 0, -1, false)
end

local ok, err = pcall(run)
finish(not ok and tostring(err) or nil)
