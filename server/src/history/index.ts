// The history module's public surface: open the store, git facts, migrations, source-file listing.
export * from './store';
export * from './open';
export * from './record';
export * from './queries';
export { gitInfo, commitMessagesTouching, type GitInfo } from './git';
export { migrate, MIGRATIONS, SCHEMA_VERSION, NewerSchemaError, type Migration } from './migrations';
export { sourceFiles, isDirectory } from './sources';
