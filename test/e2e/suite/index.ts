// The extensionTestsPath module: VS Code's extension host calls run() and reports its outcome
// (resolve = exit code 0). Runs the mocha suite next to it and writes a JSON summary for the driver.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 240_000, color: false, reporter: 'spec' });
  mocha.addFile(path.join(__dirname, 'extension.e2e.js'));
  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  const out = process.env.PERFLENS_E2E_OUT;
  if (out) {
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, JSON.stringify({ failures }, null, 2));
  }
  if (failures > 0) throw new Error(`${failures} end-to-end test(s) failed`);
}
