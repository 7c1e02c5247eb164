-- Headless Neovim (0.7+) as a second LSP client of `perflens lsp --stdio`: it opens one file, waits for
-- diagnostics, asks for CodeLens and a hover, benchmarks one function and asks for the inlay hints of
-- its line costs, and writes what it got as JSON for neovim.test.ts.
-- Inputs come from the environment: PERFLENS_CMD (JSON array), PERFLENS_ROOT, PERFLENS_FILE,
-- PERFLENS_HOVER_LINE / PERFLENS_HOVER_CHAR (0-based), PERFLENS_BENCH (a function name), PERFLENS_OUT.
local out = { lenses = {}, diagnostics = {}, hints = {} }

local function finish()
  local f = assert(io.open(vim.env.PERFLENS_OUT, 'w'))
  f:write(vim.fn.json_encode(out))
  f:close()
  vim.cmd('qa!')
end

local ok, err = pcall(function()
  local client_id = vim.lsp.start_client({
    name = 'perflens',
    cmd = vim.fn.json_decode(vim.env.PERFLENS_CMD),
    root_dir = vim.env.PERFLENS_ROOT,
    settings = { perflens = { complexity = { cyclomaticThreshold = 5 }, benchmark = { budgetMs = 300 } } },
    -- Neovim 0.7 does not announce workspace/configuration, so the server waits for settings to be
    -- pushed; the Neovim docs ask clients to do that here (docs/extension.md shows the same).
    on_init = function(client)
      client.notify('workspace/didChangeConfiguration', { settings = client.config.settings })
    end,
  })
  vim.cmd('edit ' .. vim.fn.fnameescape(vim.env.PERFLENS_FILE))
  local bufnr = vim.api.nvim_get_current_buf()
  vim.lsp.buf_attach_client(bufnr, client_id)
  out.initialized = vim.wait(30000, function()
    local c = vim.lsp.get_client_by_id(client_id)
    return c ~= nil and c.initialized
  end, 50)

  -- Neovim pushes its settings after opening the buffer; wait for the analysis that used them.
  local function has_complexity()
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      local lsp = d.user_data and d.user_data.lsp or {}
      if (d.code or lsp.code) == 'perflens.complexity' then return true end
    end
    return false
  end
  out.diagnostics_ready = vim.wait(30000, has_complexity, 100)
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local lsp = d.user_data and d.user_data.lsp or {}
    table.insert(out.diagnostics, { line = d.lnum, severity = d.severity, code = d.code or lsp.code, message = d.message })
  end

  local params = { textDocument = { uri = vim.uri_from_bufnr(bufnr) } }
  for _, r in pairs(vim.lsp.buf_request_sync(bufnr, 'textDocument/codeLens', params, 20000) or {}) do
    for _, l in ipairs(r.result or {}) do
      table.insert(out.lenses, { line = l.range.start.line, title = l.command and l.command.title, command = l.command and l.command.command })
    end
  end

  local hover_params = {
    textDocument = params.textDocument,
    position = { line = tonumber(vim.env.PERFLENS_HOVER_LINE), character = tonumber(vim.env.PERFLENS_HOVER_CHAR) },
  }
  for _, r in pairs(vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', hover_params, 20000) or {}) do
    out.hover = r.result and r.result.contents and r.result.contents.value
  end

  -- Line costs: the server answers textDocument/inlayHint for any client (Neovim shows them from 0.10
  -- with vim.lsp.inlay_hint.enable(); an older one can still ask, as here).
  local bench = { command = 'perflens.server.benchmark', arguments = { { uri = params.textDocument.uri, qualifiedName = vim.env.PERFLENS_BENCH } } }
  for _, r in pairs(vim.lsp.buf_request_sync(bufnr, 'workspace/executeCommand', bench, 120000) or {}) do
    out.benchmark = r.result and r.result.ok
  end
  local range = { start = { line = 0, character = 0 }, ['end'] = { line = vim.api.nvim_buf_line_count(bufnr), character = 0 } }
  for _, r in pairs(vim.lsp.buf_request_sync(bufnr, 'textDocument/inlayHint', { textDocument = params.textDocument, range = range }, 20000) or {}) do
    for _, h in ipairs(r.result or {}) do
      table.insert(out.hints, { line = h.position.line, label = h.label })
    end
  end
  vim.lsp.stop_client(client_id)
end)
if not ok then out.error = tostring(err) end
finish()
