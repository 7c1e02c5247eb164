/** Code with I/O: PerfLens replaces fs and fetch with recording mocks, so only the logic is timed. */
import { readFileSync } from 'node:fs';

export interface User {
  id: number;
  name: string;
  email?: string;
}

/** Loads users from a JSON file and indexes them by id. */
export function loadUsers(path: string): Map<number, User> {
  const users = JSON.parse(readFileSync(path, 'utf8') || '[]') as User[];
  return new Map(users.map((u) => [u.id, u]));
}

/** Fetches a user's profile and returns its display name. */
export async function displayName(baseUrl: string, id: number): Promise<string> {
  const res = await fetch(`${baseUrl}/users/${id}`);
  const body = (await res.json()) as Partial<User>;
  return body.name ?? `user ${id}`;
}

/** Picks the users whose name matches `query`, case-insensitively. */
export function search(users: User[], query: string): User[] {
  const q = query.toLowerCase();
  return users.filter((u) => u.name.toLowerCase().includes(q));
}
