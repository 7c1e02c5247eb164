// The history module's public surface: open the store, git facts, migrations, source-file listing.
export * from './store';
export { gitInfo, commitMessagesTouching, type GitInfo } from './git';
export { migrate, MIGRATIONS, SCHEMA_VERSION, NewerSchemaError, type Migration } from './migrations';
export { sourceFiles, isDirectory } from './sources';
