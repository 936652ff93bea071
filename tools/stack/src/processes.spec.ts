import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ownedPid, spawnDetached, stopProcessGroup } from './processes';

describe('process ownership', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stack-proc-'));
  const pidFile = path.join(dir, 'sleeper.pid');

  it('recognises its own process by marker, never a stranger with the same pid file', async () => {
    const marker = `fieldline-test-${process.pid}`;
    const pid = spawnDetached({
      command: process.execPath,
      args: ['-e', 'setInterval(() => {}, 1000)', marker],
      logFile: path.join(dir, 'sleeper.log'),
      pidFile,
    });
    expect(ownedPid(pidFile, marker)).toBe(pid);
    expect(ownedPid(pidFile, 'some-other-marker')).toBeUndefined();

    await expect(stopProcessGroup(pid, 5000)).resolves.toBe('stopped');
    expect(ownedPid(pidFile, marker)).toBeUndefined();
  });

  it('treats a pid file of a dead process as not running', () => {
    fs.writeFileSync(pidFile, '999999999\n');
    expect(ownedPid(pidFile, 'anything')).toBeUndefined();
  });
});
