// The language server on stdio, started from sources for the protocol tests (the same startServer that
// `perflens lsp --stdio` runs; this entry avoids needing a built dist/).
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from '../../../server/src/lsp/server';

startServer(createConnection(ProposedFeatures.all), {
  // Short debounce keeps the tests quick; the behaviour is the same as with the default.
  analysisDelayMs: Number(process.env.PERFLENS_ANALYSIS_DELAY_MS ?? 50),
});
