-- Drives Neovim's built-in LSP client (not ours) against cxlint-language-server, headless.
-- Environment: CXLINT_SERVER (bin path), CXLINT_ROOT (workspace folder), CXLINT_FILE (flow to open),
-- CXLINT_RULE (rule whose quick fix to apply), CXLINT_RESULT (where to write what happened, as JSON).
-- Works on Neovim 0.7 (Debian bookworm) and later: only APIs that exist there.
local out = { steps = {} }

local function snapshot(bufnr)
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local lsp = (d.user_data and d.user_data.lsp) or {}
    table.insert(list, {
      message = d.message, source = d.source, lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
      severity = d.severity, code = lsp.code or d.code,
      href = lsp.codeDescription and lsp.codeDescription.href or vim.NIL,
    })
  end
  return list
end

local function has_rule(bufnr, rule)
  for _, d in ipairs(snapshot(bufnr)) do
    if d.code == rule then return true end
  end
  return false
end

local function finish(err)
  out.error = err
  local f = assert(io.open(os.getenv('CXLINT_RESULT'), 'w'))
  f:write(vim.fn.json_encode(out))
  f:close()
  vim.cmd(err and 'cquit 3' or 'qall!')
end

local ok, err = pcall(function()
  local root, file, rule = os.getenv('CXLINT_ROOT'), os.getenv('CXLINT_FILE'), os.getenv('CXLINT_RULE')
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()
  local client_id = vim.lsp.start_client({
    name = 'cxlint',
    cmd = { 'node', os.getenv('CXLINT_SERVER'), '--stdio' },
    root_dir = root,
    workspace_folders = { { uri = vim.uri_from_fname(root), name = 'workspace' } },
  })
  assert(client_id, 'the client did not start the server')
  vim.lsp.buf_attach_client(bufnr, client_id)
  table.insert(out.steps, 'attached')

  assert(vim.wait(30000, function() return has_rule(bufnr, rule) end, 50), 'no ' .. rule .. ' diagnostic within 30 s')
  out.before = snapshot(bufnr)
  table.insert(out.steps, 'diagnostic received')

  local target
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local lsp = (d.user_data and d.user_data.lsp) or {}
    if (lsp.code or d.code) == rule then target = d end
  end
  local client = vim.lsp.get_client_by_id(client_id)
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    range = { start = { line = target.lnum, character = target.col }, ['end'] = { line = target.end_lnum, character = target.end_col } },
    context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(bufnr, target.lnum) },
  }
  local response = client.request_sync('textDocument/codeAction', params, 10000, bufnr)
  assert(response and not response.err, 'codeAction failed: ' .. vim.inspect(response))
  out.actions = {}
  local fix
  for _, action in ipairs(response.result or {}) do
    table.insert(out.actions, { title = action.title, kind = action.kind, isPreferred = action.isPreferred or false })
    if action.isPreferred and not fix then fix = action end
  end
  assert(fix, 'no preferred quick fix offered')
  -- Neovim's own edit machinery applies the server's WorkspaceEdit, as `:lua vim.lsp.buf.code_action()` would.
  vim.lsp.util.apply_workspace_edit(fix.edit, client.offset_encoding or 'utf-16')
  table.insert(out.steps, 'quick fix applied')

  assert(vim.wait(30000, function() return not has_rule(bufnr, rule) end, 50), 'the diagnostic did not go after the fix')
  out.after = snapshot(bufnr)
  out.lines = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
  table.insert(out.steps, 'diagnostic gone')
  vim.lsp.stop_client(client_id)
end)
finish(not ok and tostring(err) or nil)
