// simple-statistics loaded for CommonJS code: the package ships only ESM typings, so TypeScript in
// this CommonJS project refuses a plain import, while require() gets its CommonJS build just fine.
import type * as SimpleStatistics from 'simple-statistics' with { 'resolution-mode': 'import' };

/** The simple-statistics module, typed. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const ss = require('simple-statistics') as typeof SimpleStatistics;
