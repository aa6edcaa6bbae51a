/** `npm run local:wipe`: deletes all local data (tables, executions, keys, clock). */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { readLocalSettings } from './local-config';

const { dataDir } = readLocalSettings();
try {
  const { pid } = JSON.parse(readFileSync(join(dataDir, 'retorno.pid'), 'utf8')) as { pid: number };
  process.kill(pid, 0);
  console.error(`Retorno is running (pid ${pid}); stop it before wiping its data.`);
  process.exit(1);
} catch {
  // not running: safe to wipe
}
if (existsSync(dataDir)) {
  rmSync(dataDir, { recursive: true, force: true });
  console.log(`wiped ${dataDir}`);
} else {
  console.log(`nothing to wipe: ${dataDir} does not exist`);
}
