-- Drives Neovim's built-in LSP client (not ours) against cxlint-language-server, headless.
-- Environment: CXLINT_SERVER (bin path), CXLINT_ROOT (workspace folder), CXLINT_FILE (flow to open),
-- CXLINT_RULE (rule whose quick fixes to apply), CXLINT_PLAN (JSON list of steps, in order: `{ line = <0-based>,
-- title = "<action to apply>" }` or `{ line = <0-based>, preferred = true }`), CXLINT_RESULT (where to write what
-- happened, as JSON).
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

-- The rule's diagnostic on a 0-based line, if the client holds one.
local function find(bufnr, rule, line)
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local lsp = (d.user_data and d.user_data.lsp) or {}
    if (lsp.code or d.code) == rule and d.lnum == line then return d end
  end
  return nil
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
  local plan = vim.fn.json_decode(os.getenv('CXLINT_PLAN'))
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

  local client = vim.lsp.get_client_by_id(client_id)
  out.fixes = {}
  -- Each step of the plan: wait for the rule's diagnostic on its line, ask the server for code actions on its
  -- range, choose one as a person would from `vim.lsp.buf.code_action()`'s menu (by title) or as an editor's
  -- "apply the preferred fix" does, apply it with Neovim's own edit machinery, and wait for the diagnostic to go.
  for _, step in ipairs(plan) do
    assert(vim.wait(30000, function() return find(bufnr, rule, step.line) ~= nil end, 50),
      'no ' .. rule .. ' diagnostic on line ' .. step.line .. ' within 30 s')
    local target = find(bufnr, rule, step.line)
    local record = { line = step.line, before = snapshot(bufnr), actions = {} }
    table.insert(out.fixes, record)
    table.insert(out.steps, 'diagnostic received on line ' .. step.line)
    local params = {
      textDocument = { uri = vim.uri_from_bufnr(bufnr) },
      range = { start = { line = target.lnum, character = target.col }, ['end'] = { line = target.end_lnum, character = target.end_col } },
      context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(bufnr, target.lnum) },
    }
    local response = client.request_sync('textDocument/codeAction', params, 10000, bufnr)
    assert(response and not response.err, 'codeAction failed: ' .. vim.inspect(response))
    local chosen
    for _, action in ipairs(response.result or {}) do
      local about = {}
      for _, d in ipairs(action.diagnostics or {}) do table.insert(about, d.code .. '@' .. d.range.start.line) end
      table.insert(record.actions, { title = action.title, kind = action.kind or vim.NIL, isPreferred = action.isPreferred or false, diagnostics = about })
      local wanted = (step.preferred and action.isPreferred) or (step.title and action.title == step.title)
      if wanted and not chosen then chosen = action end
    end
    assert(chosen, 'no code action ' .. (step.title and ('titled "' .. step.title .. '"') or 'preferred') .. ' for line ' .. step.line)
    record.applied = chosen.title
    vim.lsp.util.apply_workspace_edit(chosen.edit, client.offset_encoding or 'utf-16')
    table.insert(out.steps, 'quick fix applied on line ' .. step.line)
    assert(vim.wait(30000, function() return find(bufnr, rule, step.line) == nil end, 50),
      'the diagnostic on line ' .. step.line .. ' did not go after the fix')
    table.insert(out.steps, 'diagnostic gone on line ' .. step.line)
  end
  -- The last wait saw the server's diagnostics for the text after the last edit: what the user is left with.
  out.after = snapshot(bufnr)
  out.lines = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
  vim.lsp.stop_client(client_id)
end)
finish(not ok and tostring(err) or nil)
